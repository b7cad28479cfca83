#include "core/id_checks.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstring>

#include "absl/base/config.h"

namespace dangjian {
namespace internal {
namespace {

constexpr char kCreditAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kCreditWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                    29, 25, 13, 8,  24, 10, 30, 28};
constexpr int kIdWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                3, 7, 9,  10, 5, 8, 4, 2};

struct CreditTable {
  int8_t value[256];
  constexpr CreditTable() : value() {
    for (int i = 0; i < 256; ++i) value[i] = -1;
    for (int i = 0; i < 31; ++i) {
      value[static_cast<unsigned char>(kCreditAlphabet[i])] =
          static_cast<int8_t>(i);
    }
  }
};
constexpr CreditTable kCreditTable;

int CreditValue(char c) {
  return kCreditTable.value[static_cast<unsigned char>(c)];
}

// The check character (GB 32100) of the 17 characters at `p`, in one pass
// that looks each up once; 0 when one is outside the code's alphabet.
char CreditCheckCharOf(const char* p) {
  int sum = 0;
  int invalid = 0;
  for (int i = 0; i < 17; ++i) {
    const int v = CreditValue(p[i]);
    invalid |= v;  // Negative once any value is -1.
    sum += v * kCreditWeights[i];
  }
  if (invalid < 0) return 0;
  int c = 31 - sum % 31;
  if (c == 31) c = 0;
  return kCreditAlphabet[c];
}

// The check character (GB 11643) of the 17 digits at `p`: their weighted sum
// modulo 11. Reads p[0] to p[16] only.
char IdCheckCharOf(const char* p) {
#if defined(__SSE2__)
  // The weighted sum: the digits widened to 16 bits, multiplied by their
  // weights and added in pairs (SSE2, in every x86-64), then across.
  const __m128i digits = _mm_sub_epi8(
      _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), _mm_set1_epi8('0'));
  const __m128i zero = _mm_setzero_si128();
  const __m128i w0 = _mm_setr_epi16(kIdWeights[0], kIdWeights[1], kIdWeights[2],
                                    kIdWeights[3], kIdWeights[4], kIdWeights[5],
                                    kIdWeights[6], kIdWeights[7]);
  const __m128i w1 = _mm_setr_epi16(
      kIdWeights[8], kIdWeights[9], kIdWeights[10], kIdWeights[11],
      kIdWeights[12], kIdWeights[13], kIdWeights[14], kIdWeights[15]);
  __m128i s =
      _mm_add_epi32(_mm_madd_epi16(_mm_unpacklo_epi8(digits, zero), w0),
                    _mm_madd_epi16(_mm_unpackhi_epi8(digits, zero), w1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  const int sum = _mm_cvtsi128_si32(s) + (p[16] - '0') * kIdWeights[16];
#else
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (p[i] - '0') * kIdWeights[i];
#endif
  return "10X98765432"[sum % 11];
}

}  // namespace

NationalIdProblem NationalIdShapeOfOthers(absl::string_view id) {
  // Exponent form as a spreadsheet shows a long number: 1.10101E+17.
  bool has_e = false, has_dot = false, others = false;
  for (char c : id) {
    if (c == 'E' || c == 'e') {
      has_e = true;
    } else if (c == '.') {
      has_dot = true;
    } else if (!IsAsciiDigit(c) && c != '+') {
      others = true;
    }
  }
  if (has_e && !others) return NationalIdProblem::kExcelMangled;
  if (has_dot && !others && !has_e) return NationalIdProblem::kExcelMangled;
  if (id.size() == 15) {
    for (char c : id) {
      if (!IsAsciiDigit(c)) return NationalIdProblem::kFormat;
    }
    return NationalIdProblem::kFifteenDigit;
  }
  if (id.size() != 18) return NationalIdProblem::kFormat;
  for (size_t i = 0; i < 17; ++i) {
    if (!IsAsciiDigit(id[i])) return NationalIdProblem::kFormat;
  }
  const char last = id[17];
  if (last == 'x') return NationalIdProblem::kLowercaseX;
  if (!IsAsciiDigit(last) && last != 'X') return NationalIdProblem::kFormat;
  // A spreadsheet that kept 15 significant digits padded the rest with zeros.
  // A real ID can end in "000" too (sequence code 100, 200, ... with check
  // character 0), so the ending alone is not enough: the sequence code 000 is
  // never issued, and a padded ID's check character is wrong ten times in
  // eleven. A padded ID whose check character happens to fit cannot be told
  // from a real one.
  if (id[15] == '0' && id[16] == '0' && id[17] == '0' &&
      (id[14] == '0' || NationalIdCheckChar(id) != '0')) {
    return NationalIdProblem::kExcelMangled;
  }
  return NationalIdProblem::kNone;
}

char NationalIdCheckChar(absl::string_view id) {
  return IdCheckCharOf(id.data());
}

uint64_t NationalIdKey(absl::string_view id) {
  uint64_t key = 0;
  NationalIdCheckCharAndKey(id, &key);
  return key;
}

namespace {

// The value of eight ASCII digits loaded little-endian (the first digit in
// the lowest byte), in three multiplies (as simdjson and fast_float do).
uint32_t EightDigitsValue(uint64_t v) {
  v -= 0x3030303030303030ull;
  v = v * 10 + (v >> 8);
  v = ((v & 0x000000FF000000FFull) * (100 + (1000000ull << 32)) +
       ((v >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32))) >>
      32;
  return static_cast<uint32_t>(v);
}

}  // namespace

char NationalIdCheckCharAndKey(absl::string_view id, uint64_t* key) {
  // Digits 0-15 in two 8-byte words and one 16-byte vector, digit 16 alone:
  // the shape was checked, so every byte is a digit.
  const char* p = id.data();
  const uint64_t first = LoadLittleEndian64(p);
  const uint64_t second = LoadLittleEndian64(p + 8);
  const uint64_t d16 = static_cast<uint64_t>(p[16] - '0');
  const uint64_t v = (uint64_t{EightDigitsValue(first)} * 100000000 +
                      EightDigitsValue(second)) *
                         10 +
                     d16;
  *key = v * 11 + (p[17] == 'X' ? 10 : static_cast<uint64_t>(p[17] - '0'));
  return IdCheckCharOf(p);
}

uint64_t NationalIdKeyOf(absl::string_view id) {
  if (id.empty() || NationalIdShape(id) != NationalIdProblem::kNone) return 0;
  return NationalIdKey(id);
}

CreditCodeProblem CheckCreditCode(absl::string_view code) {
  if (code.size() != 18 || CreditValue(code[17]) < 0) {
    return CreditCodeProblem::kFormat;
  }
  const char check = CreditCheckCharOf(code.data());
  if (check == 0) return CreditCodeProblem::kFormat;
  return check == code[17] ? CreditCodeProblem::kNone
                           : CreditCodeProblem::kChecksum;
}

char CreditCodeCheckChar(absl::string_view code) {
  return CreditCheckCharOf(code.data());
}

}  // namespace internal
}  // namespace dangjian
