#include "validate/checks.h"

#include <ctime>

namespace dangjian {
namespace internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

constexpr char kCreditAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kCreditWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                    29, 25, 13, 8,  24, 10, 30, 28};
constexpr int kIdWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                3, 7, 9,  10, 5, 8, 4, 2};

int CreditValue(char c) {
  for (int i = 0; i < 31; ++i) {
    if (kCreditAlphabet[i] == c) return i;
  }
  return -1;
}

}  // namespace

int DaysInMonth(int32_t y, int32_t m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  if (m == 2) {
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[m - 1];
}

bool IsValidDate(const Ymd& d) {
  if (d.y < 1 || d.y > 9999) return false;
  if (d.m < 0 || d.m > 12) return false;
  if (d.m == 0) return d.d == 0;
  return d.d >= 0 && d.d <= DaysInMonth(d.y, d.m);
}

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

int CompareDates(const Ymd& a, const Ymd& b) {
  if (a.y != b.y) return a.y < b.y ? -1 : 1;
  if (a.m == 0 || b.m == 0) return 0;
  if (a.m != b.m) return a.m < b.m ? -1 : 1;
  if (a.d == 0 || b.d == 0) return 0;
  if (a.d != b.d) return a.d < b.d ? -1 : 1;
  return 0;
}

Ymd AddMonths(const Ymd& d, int32_t months) {
  if (d.m == 0) {
    // Year precision: whole years only.
    return Ymd{d.y + months / 12, 0, 0};
  }
  int64_t index = int64_t{d.y} * 12 + (d.m - 1) + months;
  Ymd out;
  out.y = static_cast<int32_t>(index / 12);
  out.m = static_cast<int32_t>(index % 12) + 1;
  out.d = d.d;
  if (out.d != 0 && out.y >= 1 && out.y <= 9999) {
    const int dim = DaysInMonth(out.y, out.m);
    if (out.d > dim) out.d = dim;
  }
  return out;
}

bool IsAfter(const Ymd& d, const Ymd& as_of) {
  const int32_t m = d.m == 0 ? 1 : d.m;
  const int32_t day = d.d == 0 ? 1 : d.d;
  return DayNumber(d.y, m, day) > DayNumber(as_of.y, as_of.m, as_of.d);
}

NationalIdProblem NationalIdShape(absl::string_view id) {
  // Exponent form as a spreadsheet shows a long number: 1.10101E+17.
  bool has_e = false, has_dot = false, others = false;
  for (char c : id) {
    if (c == 'E' || c == 'e') {
      has_e = true;
    } else if (c == '.') {
      has_dot = true;
    } else if (!IsDigit(c) && c != '+') {
      others = true;
    }
  }
  if (has_e && !others) return NationalIdProblem::kExcelMangled;
  if (has_dot && !others && !has_e) return NationalIdProblem::kExcelMangled;
  if (id.size() == 15) {
    for (char c : id) {
      if (!IsDigit(c)) return NationalIdProblem::kFormat;
    }
    return NationalIdProblem::kFifteenDigit;
  }
  if (id.size() != 18) return NationalIdProblem::kFormat;
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(id[i])) return NationalIdProblem::kFormat;
  }
  const char last = id[17];
  if (last == 'x') return NationalIdProblem::kLowercaseX;
  if (!IsDigit(last) && last != 'X') return NationalIdProblem::kFormat;
  // Sequence code 000 is never issued: a spreadsheet kept 15 significant
  // digits and padded the rest with zeros.
  if (id[15] == '0' && id[16] == '0' && id[17] == '0') {
    return NationalIdProblem::kExcelMangled;
  }
  return NationalIdProblem::kNone;
}

char NationalIdCheckChar(absl::string_view id) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kIdWeights[i];
  return "10X98765432"[sum % 11];
}

Ymd NationalIdBirthDate(absl::string_view id) {
  auto num = [&](int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; ++i) v = v * 10 + (id[i] - '0');
    return v;
  };
  return Ymd{num(6, 4), num(10, 2), num(12, 2)};
}

uint64_t NationalIdKey(absl::string_view id) {
  uint64_t v = 0;
  for (int i = 0; i < 17; ++i) v = v * 10 + static_cast<uint64_t>(id[i] - '0');
  const uint64_t check =
      id[17] == 'X' ? 10 : static_cast<uint64_t>(id[17] - '0');
  return v * 11 + check;
}

CreditCodeProblem CheckCreditCode(absl::string_view code) {
  if (code.size() != 18) return CreditCodeProblem::kFormat;
  for (char c : code) {
    if (CreditValue(c) < 0) return CreditCodeProblem::kFormat;
  }
  return CreditCodeCheckChar(code) == code[17] ? CreditCodeProblem::kNone
                                               : CreditCodeProblem::kChecksum;
}

char CreditCodeCheckChar(absl::string_view code) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += CreditValue(code[i]) * kCreditWeights[i];
  int c = 31 - sum % 31;
  if (c == 31) c = 0;
  return kCreditAlphabet[c];
}

}  // namespace internal
}  // namespace dangjian
