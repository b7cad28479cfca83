// Identifiers and their check characters: resident IDs (GB 11643-1999,
// ISO 7064 MOD 11-2) and unified social credit codes (GB 32100-2015).
// Allocation-free: the rules call them per record.
#ifndef DANGJIAN_SRC_CORE_ID_CHECKS_H_
#define DANGJIAN_SRC_CORE_ID_CHECKS_H_

#include <cstdint>
#include <cstring>

#include "absl/base/config.h"
#include "absl/strings/string_view.h"
#include "core/calendar.h"

namespace dangjian {
namespace internal {

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

#endif  // DANGJIAN_SRC_CORE_ID_CHECKS_H_
