// Calendar, resident ID (GB 11643) and credit code (GB 32100) primitives of the
// validator. Allocation-free: they run on the per-record hot path.
#ifndef DANGJIAN_SRC_VALIDATE_CHECKS_H_
#define DANGJIAN_SRC_VALIDATE_CHECKS_H_

#include <cstdint>

#include "absl/strings/string_view.h"
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

int DaysInMonth(int32_t y, int32_t m);
// True for a full or partial date that exists on the calendar.
bool IsValidDate(const Ymd& d);
// Days since 1970-01-01 of a full valid date (proleptic Gregorian).
int64_t DayNumber(int32_t y, int32_t m, int32_t d);
// Today (UTC).
Ymd TodayUtc();

// Compares two valid dates at the precision both have: -1, 0 or 1; 0 also when
// they cannot be told apart (same year, one without a month).
int CompareDates(const Ymd& a, const Ymd& b);
// `d` plus `months` months, the day clamped to the month's end. Day 0 stays 0.
Ymd AddMonths(const Ymd& d, int32_t months);
// True when `d` lies after `as_of`: the first day of its period is later.
bool IsAfter(const Ymd& d, const Ymd& as_of);

enum class NationalIdProblem {
  kNone,
  kExcelMangled,
  kFormat,
  kFifteenDigit,
  kLowercaseX,
};
// Classifies the shape of a resident ID (non-empty).
NationalIdProblem NationalIdShape(absl::string_view id);
// The check character (0-9 or X) of the first 17 digits of a well-shaped ID.
char NationalIdCheckChar(absl::string_view id);
// The birth date in positions 7-14 of a well-shaped ID (may be invalid).
Ymd NationalIdBirthDate(absl::string_view id);
// A 64-bit key equal for equal well-shaped IDs and distinct for distinct ones.
uint64_t NationalIdKey(absl::string_view id);

enum class CreditCodeProblem { kNone, kFormat, kChecksum };
CreditCodeProblem CheckCreditCode(absl::string_view code);
// The expected check character of a well-formed code.
char CreditCodeCheckChar(absl::string_view code);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_CHECKS_H_
