// The calendar of the schema's dates (common.proto's Date: a month or day of
// 0 is unknown): validity, order, month steps, today. Allocation-free: the
// readers and the rules call them per record.
#ifndef DANGJIAN_SRC_CORE_CALENDAR_H_
#define DANGJIAN_SRC_CORE_CALENDAR_H_

#include <cstdint>

#include "absl/base/attributes.h"
#include "dangjian/v1/common.pb.h"

namespace dangjian {
namespace internal {

// A date as three ints; day or month 0 when unknown (see common.proto).
struct Ymd {
  int32_t y = 0;
  int32_t m = 0;
  int32_t d = 0;
};

inline Ymd ToYmd(const v1::Date& d) {
  return Ymd{d.year(), d.month(), d.day()};
}

inline int DaysInMonth(int32_t y, int32_t m) {
  static constexpr int8_t kDays[13] = {0,  31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  if (m == 2) {
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[m];
}

// True for a full or partial date that exists on the calendar.
inline bool IsValidDate(const Ymd& d) {
  if (d.y < 1 || d.y > 9999) return false;
  if (d.m < 0 || d.m > 12) return false;
  if (d.m == 0) return d.d == 0;
  return d.d >= 0 && (d.d <= 28 || d.d <= DaysInMonth(d.y, d.m));
}

// True for a full date (year, month and day) that exists on the calendar.
inline bool IsValidFullDate(const Ymd& d) {
  return IsValidDate(d) && d.m != 0 && d.d != 0;
}

// Days since 1970-01-01 of a full valid date (proleptic Gregorian).
int64_t DayNumber(int32_t y, int32_t m, int32_t d);

// The first day of a valid date's period as one ordered int: comparing two
// packed dates compares the days.
inline int32_t PackFirstDay(const Ymd& d) {
  return d.y * 512 + (d.m == 0 ? 1 : d.m) * 32 + (d.d == 0 ? 1 : d.d);
}
// Today (UTC).
Ymd TodayUtc();

// Compares two valid dates at the precision both have: -1, 0 or 1; 0 also when
// they cannot be told apart (same year, one without a month).
inline int CompareDates(const Ymd& a, const Ymd& b) {
  if (a.y != b.y) return a.y < b.y ? -1 : 1;
  if (a.m == 0 || b.m == 0) return 0;
  if (a.m != b.m) return a.m < b.m ? -1 : 1;
  if (a.d == 0 || b.d == 0) return 0;
  if (a.d != b.d) return a.d < b.d ? -1 : 1;
  return 0;
}

// A month count applied to many dates: `d` plus the count's months, the day
// clamped to the month's end (day 0 stays 0; a year-only date moves by whole
// years). The count is split into years and months once, so that each date
// costs an add and a compare instead of a division. Policies may hold any
// positive count: it is capped at 100,000 years, which still compares after
// every valid date; a negative count reads as 0 (policies hold positive
// counts: CheckPolicy()).
class MonthStep {
 public:
  explicit MonthStep(int64_t months)
      : years_(static_cast<int32_t>(Capped(months) / 12)),
        rest_(static_cast<int32_t>(Capped(months) % 12)) {}
  // `d` (a valid date) plus the months.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Ymd Add(const Ymd& d) const {
    if (d.m == 0) return Ymd{d.y + years_, 0, 0};
    Ymd out{d.y + years_, d.m + rest_, d.d};
    if (out.m > 12) {
      out.m -= 12;
      ++out.y;
    }
    if (out.d > 28 && out.y >= 1 && out.y <= 9999) {
      const int dim = DaysInMonth(out.y, out.m);
      if (out.d > dim) out.d = dim;
    }
    return out;
  }

 private:
  static int64_t Capped(int64_t months) {
    constexpr int64_t kCap = int64_t{12} * 100000;
    return months > kCap ? kCap : months < 0 ? 0 : months;
  }
  int32_t years_;
  int32_t rest_;
};

// True when `d` lies after `as_of`: the first day of its period is later.
inline bool IsAfter(const Ymd& d, const Ymd& as_of) {
  return PackFirstDay(d) > PackFirstDay(as_of);
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_CALENDAR_H_
