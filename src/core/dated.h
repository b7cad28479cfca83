// The entry of a dated history in force at the end of a report year
// (internal): a unit's changes of status (core/host_status.h), a venue's
// assessments (core/venue_haves.h), and the order of a member's events
// (core/member_status.h). One ordering for every history, which
// docs/report.md states, and the validator's order rules share.
#ifndef DANGJIAN_SRC_CORE_DATED_H_
#define DANGJIAN_SRC_CORE_DATED_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace dangjian {
namespace internal {

// The order of dates in a history: by year, month, day, a date known to the
// year only before the dated days of that year, one known to the month
// before the days of that month. Exact for any int32 fields.
inline int64_t DateKey(int32_t year, int32_t month, int32_t day) {
  return (int64_t{year} * 13 + month) * 32 + day;
}

// The index in `items` of the one in force at the end of `year`: of those
// dated in or before `year` for which `usable(item)` holds, the one of the
// latest DateKey() (of two on one date, the later listed). -1 when there is
// none. Items without a date (no `on`, or year 0) are never in force. With
// `year` at its maximum, the latest of all. `T` has has_on, year, month and
// day.
template <typename T, typename Usable>
int LatestDatedBy(const std::vector<T>& items, int32_t year, Usable usable) {
  int best = -1;
  int64_t best_key = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const T& c = items[i];
    if (!c.has_on || c.year == 0 || c.year > year || !usable(c)) continue;
    const int64_t key = DateKey(c.year, c.month, c.day);
    if (best < 0 || key >= best_key) {
      best = static_cast<int>(i);
      best_key = key;
    }
  }
  return best;
}

// LatestDatedBy() of every dated item.
template <typename T>
int LatestDatedBy(const std::vector<T>& items, int32_t year) {
  return LatestDatedBy(items, year, [](const T&) { return true; });
}

// The latest of all (LatestDatedBy() of every year), or -1.
template <typename T>
int LatestDated(const std::vector<T>& items) {
  return LatestDatedBy(items, std::numeric_limits<int32_t>::max());
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_DATED_H_
