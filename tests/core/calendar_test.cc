// Tests MonthStep (core/calendar.h, internal, header-only): the member
// rules' month arithmetic with the division done once equals the plain
// arithmetic with a division per date.
#include "core/calendar.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

// The reference: `d` plus `months` (>= 0) months with a division per date,
// the day clamped to the month's end, day 0 kept, a year-only date moved by
// whole years, the count capped at 100,000 years.
Ymd AddMonths(const Ymd& d, int64_t months) {
  constexpr int64_t kCap = int64_t{12} * 100000;
  if (months > kCap) months = kCap;
  if (d.m == 0) return Ymd{static_cast<int32_t>(d.y + months / 12), 0, 0};
  const int64_t total = d.m - 1 + months;
  Ymd out{static_cast<int32_t>(d.y + total / 12),
          static_cast<int32_t>(total % 12 + 1), d.d};
  if (out.d > 28 && out.y >= 1 && out.y <= 9999) {
    const int dim = DaysInMonth(out.y, out.m);
    if (out.d > dim) out.d = dim;
  }
  return out;
}

bool Same(const Ymd& a, const Ymd& b) {
  return a.y == b.y && a.m == b.m && a.d == b.d;
}

TEST(MonthStepTest, EqualsAddMonthsOnEveryKindOfDate) {
  const int64_t counts[] = {
      0,  1,  2,   11,  12,  13,      23,      24,
      25, 35, 216, 217, 600, 1200000, 1200001, int64_t{1} << 40};
  int checked = 0;
  for (const int64_t months : counts) {
    const MonthStep step(months);
    for (int32_t y : {1, 1999, 2000, 2023, 2024, 9998, 9999}) {
      // A year alone, a month without a day, and every day of every month.
      ASSERT_TRUE(Same(step.Add(Ymd{y, 0, 0}), AddMonths(Ymd{y, 0, 0}, months)))
          << y << " + " << months;
      for (int32_t m = 1; m <= 12; ++m) {
        for (int32_t d = 0; d <= DaysInMonth(y, m); ++d) {
          const Ymd date{y, m, d};
          ASSERT_TRUE(Same(step.Add(date), AddMonths(date, months)))
              << y << "-" << m << "-" << d << " + " << months;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 40000);
}

TEST(MonthStepTest, ClampsTheDayAndCarriesTheYear) {
  const Ymd end_of_january{2023, 1, 31};
  const Ymd f = MonthStep(1).Add(end_of_january);
  EXPECT_EQ(f.y, 2023);
  EXPECT_EQ(f.m, 2);
  EXPECT_EQ(f.d, 28);  // Not a leap year.
  const Ymd leap = MonthStep(13).Add(end_of_january);
  EXPECT_EQ(leap.y, 2024);
  EXPECT_EQ(leap.m, 2);
  EXPECT_EQ(leap.d, 29);
  const Ymd december = MonthStep(1).Add(Ymd{2023, 12, 15});
  EXPECT_EQ(december.y, 2024);
  EXPECT_EQ(december.m, 1);
  EXPECT_EQ(december.d, 15);
}

TEST(MonthStepTest, ANegativeCountReadsAsNone) {
  // Policies hold positive counts; a negative one moves no date.
  const Ymd d{2020, 3, 31};
  EXPECT_TRUE(Same(MonthStep(-1).Add(d), d));
  EXPECT_TRUE(Same(MonthStep(-13).Add(Ymd{2020, 0, 0}), Ymd{2020, 0, 0}));
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
