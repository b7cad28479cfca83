// The entry of a dated history in force at the end of a report year
// (internal): a unit's changes of status (core/host_status.h), a venue's
// assessments (core/venue_haves.h). One ordering for every history, which
// docs/report.md states.
#ifndef DANGJIAN_SRC_CORE_DATED_H_
#define DANGJIAN_SRC_CORE_DATED_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace dangjian {
namespace internal {

// The index in `items` of the one in force at the end of `year`: of those
// dated in or before `year`, the one of the latest date (of two on one date,
// the later listed; a date known to the year only comes before the dated
// days of that year, one known to the month before the days of that month).
// -1 when none is dated in or before `year`. Items without a date (no `on`,
// or year 0) are never in force. With `year` at its maximum, the latest of
// all. `T` has has_on, year, month and day.
template <typename T>
int LatestDatedBy(const std::vector<T>& items, int32_t year) {
  int best = -1;
  int64_t best_key = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const T& c = items[i];
    if (!c.has_on || c.year == 0 || c.year > year) continue;
    const int64_t key = (int64_t{c.year} * 13 + c.month) * 32 + c.day;
    if (best < 0 || key >= best_key) {
      best = static_cast<int>(i);
      best_key = key;
    }
  }
  return best;
}

// The latest of all (LatestDatedBy() of every year), or -1.
template <typename T>
int LatestDated(const std::vector<T>& items) {
  return LatestDatedBy(items, std::numeric_limits<int32_t>::max());
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_DATED_H_
