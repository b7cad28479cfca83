// A host organization's status in a report year (internal): which of its
// dated changes of status is in force at the end of the year. The aggregator
// and the validator both call these, so that a report of a past year and the
// findings of that year see the same units. docs/report.md states the
// definition.
#ifndef DANGJIAN_SRC_CORE_HOST_STATUS_H_
#define DANGJIAN_SRC_CORE_HOST_STATUS_H_

#include <cstdint>
#include <limits>

#include "core/coverage_join.h"
#include "core/dated.h"
#include "core/record_facts.h"
#include "dangjian/v1/host.pb.h"

namespace dangjian {
namespace internal {

// The index in `h.status_changes` of the change in force at the end of
// `year` (LatestDatedBy() of the changes with a status), or -1 when none is
// dated in or before it. With `year` at its maximum, the latest change of
// all.
inline int HostChangeInForce(const HostFacts& h, int32_t year) {
  return LatestDatedBy(h.status_changes, year,
                       [](const HostStatusChangeFacts& c) {
                         return c.status != v1::HOST_STATUS_UNSPECIFIED;
                       });
}

// The latest change of all (HostChangeInForce() of every year), or -1.
inline int HostLatestChange(const HostFacts& h) {
  return HostChangeInForce(h, std::numeric_limits<int32_t>::max());
}

// The status (a v1::HostStatus value) in force at the end of `year`: without
// changes, `h.status`; else the status of HostChangeInForce(), or
// HOST_STATUS_OPERATING when no change is in force yet (a unit operates from
// its registration until its first change).
inline int32_t HostStatusAtYearEnd(const HostFacts& h, int32_t year) {
  if (h.status_changes.empty()) return h.status;
  const int i = HostChangeInForce(h, year);
  return i < 0 ? static_cast<int32_t>(v1::HOST_STATUS_OPERATING)
               : h.status_changes[i].status;
}

// Whether the unit is closed at the end of `year` (HostStatusAtYearEnd()).
inline bool HostClosedAtYearEnd(const HostFacts& h, int32_t year) {
  return HostStatusAtYearEnd(h, year) == v1::HOST_STATUS_CLOSED;
}

// UnitOfYear() of a unit's facts: not closed at the end of `year` and not
// registered after it.
inline bool HostUnitOfYear(const HostFacts& h, int32_t year) {
  return UnitOfYear(HostClosedAtYearEnd(h, year), h.has_registered_on,
                    h.registered_year, year);
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_HOST_STATUS_H_
