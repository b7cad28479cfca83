// Dates for tests.
#ifndef DANGJIAN_TESTS_TESTING_DATES_H_
#define DANGJIAN_TESTS_TESTING_DATES_H_

#include <cstdint>

#include "dangjian/v1/common.pb.h"

namespace dangjian {
namespace testing {

// The v1::Date y-m-d, as given (not checked against the calendar).
inline v1::Date MakeDate(int32_t y, int32_t m, int32_t d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_TESTING_DATES_H_
