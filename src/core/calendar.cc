#include "core/calendar.h"

#include <ctime>

namespace dangjian {
namespace internal {

int64_t DayNumber(int32_t y, int32_t m, int32_t d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd TodayUtc() {
  const int64_t z0 = static_cast<int64_t>(std::time(nullptr)) / 86400;
  // Howard Hinnant's civil_from_days.
  const int64_t z = z0 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int32_t d = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  const int32_t m = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  const int32_t y = static_cast<int32_t>(yoe + era * 400 + (m <= 2));
  return Ymd{y, m, d};
}

}  // namespace internal
}  // namespace dangjian
