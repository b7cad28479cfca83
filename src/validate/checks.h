// Calendar, resident ID (GB 11643) and credit code (GB 32100) primitives of the
// validator. Allocation-free: they run on the per-record hot path.
#ifndef DANGJIAN_SRC_VALIDATE_CHECKS_H_
#define DANGJIAN_SRC_VALIDATE_CHECKS_H_

#include <cstdint>
#include <cstring>

#include "absl/base/attributes.h"
#include "absl/base/config.h"
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

enum class NationalIdProblem {
  kNone,
  kExcelMangled,
  kFormat,
  kFifteenDigit,
  kLowercaseX,
};
// Eight bytes at `p` as a word whose lowest byte is p[0], on any machine.
inline uint64_t LoadLittleEndian64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
#if defined(ABSL_IS_BIG_ENDIAN)
  v = __builtin_bswap64(v);
#endif
  return v;
}

// Whether `c` is an ASCII digit.
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Whether the 8 bytes at `p` are all ASCII digits: each byte's high nibble
// is 3, and stays 3 when 6 is added to it (0x30-0x39, not 0x3A-0x3F).
inline bool EightAsciiDigits(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL;
  constexpr uint64_t kThrees = 0x3030303030303030ULL;
  return (x & kHigh) == kThrees &&
         ((x + 0x0606060606060606ULL) & kHigh) == kThrees;
}

// NationalIdShape() of an ID without the common shape (below).
NationalIdProblem NationalIdShapeOfOthers(absl::string_view id);

// Classifies the shape of a resident ID (non-empty). The common case inline:
// 17 digits and a check character (a digit or X), not ending in 000.
inline NationalIdProblem NationalIdShape(absl::string_view id) {
  if (id.size() == 18) {
    const char* p = id.data();
    if (EightAsciiDigits(p) && EightAsciiDigits(p + 8) && IsAsciiDigit(p[16]) &&
        (IsAsciiDigit(p[17]) || p[17] == 'X') &&
        !(p[15] == '0' && p[16] == '0' && p[17] == '0')) {
      return NationalIdProblem::kNone;
    }
  }
  return NationalIdShapeOfOthers(id);
}
// The check character (0-9 or X) of the first 17 digits of a well-shaped ID.
char NationalIdCheckChar(absl::string_view id);
// The birth date in positions 7-14 of a well-shaped ID (may be invalid).
inline Ymd NationalIdBirthDate(absl::string_view id) {
  // Positions 7-14 (YYYYMMDD) in one word: each pair of digits becomes a
  // 16-bit lane's value, the first pair in the lowest lane.
  uint64_t v = LoadLittleEndian64(id.data() + 6);
  v -= 0x3030303030303030ull;
  v = ((v * 10) + (v >> 8)) & 0x00FF00FF00FF00FFull;
  const auto lane = [v](int i) {
    return static_cast<int32_t>((v >> (16 * i)) & 0xFF);
  };
  return Ymd{lane(0) * 100 + lane(1), lane(2), lane(3)};
}
// A 64-bit key equal for equal well-shaped IDs and distinct for distinct ones.
uint64_t NationalIdKey(absl::string_view id);
// NationalIdCheckChar() and NationalIdKey() of a well-formed `id` in one pass
// over its digits: returns the first, sets `*key` to the second.
char NationalIdCheckCharAndKey(absl::string_view id, uint64_t* key);
// NationalIdKey() of `id` when NationalIdShape() finds no problem in it, else
// 0.
uint64_t NationalIdKeyOf(absl::string_view id);

enum class CreditCodeProblem { kNone, kFormat, kChecksum };
CreditCodeProblem CheckCreditCode(absl::string_view code);
// The expected check character of a code's first 17 characters (at least 17);
// 0 when one of them is outside the code's alphabet.
char CreditCodeCheckChar(absl::string_view code);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_CHECKS_H_
