// Excel's cell values as text (xlsx_cells.h).
#include "io/xlsx_cells.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace dangjian {
namespace internal {
namespace {

// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

}  // namespace

// OOXML's escape of characters XML cannot hold: "_x000D_" is CR, "_x005F_"
// a literal underscore. Decodes them in place.
void DecodeEscapes(std::string* s) {
  if (s->find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(s->size());
  for (size_t i = 0; i < s->size();) {
    if (i + 7 <= s->size() && (*s)[i] == '_' && (*s)[i + 1] == 'x' &&
        (*s)[i + 6] == '_' && absl::ascii_isxdigit((*s)[i + 2]) &&
        absl::ascii_isxdigit((*s)[i + 3]) &&
        absl::ascii_isxdigit((*s)[i + 4]) &&
        absl::ascii_isxdigit((*s)[i + 5])) {
      const uint32_t c = static_cast<uint32_t>(
          std::strtoul(s->substr(i + 2, 4).c_str(), nullptr, 16));
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
      } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      } else if (c < 0xD800 || c > 0xDFFF) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      } else {
        out.append("\xEF\xBF\xBD");  // A lone surrogate: U+FFFD.
      }
      i += 7;
      continue;
    }
    out.push_back((*s)[i++]);
  }
  s->swap(out);
}

// The 0-based column of a cell reference ("C12" -> 2), or -1 when it is not
// one of Excel's (A to XFD).
int ColumnOfReference(absl::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && absl::ascii_isalpha(ref[i]); ++i) {
    col = col * 26 + (absl::ascii_toupper(ref[i]) - 'A' + 1);
    if (col > 16384) return -1;
  }
  if (i == 0) return -1;
  return col - 1;
}

// A number as Excel shows it in a cell of the General format, so that a
// workbook reads as its CSV export does. The XML holds the double's shortest
// form in any spelling ("12345.0" and "1.0E7" from Apache POI,
// "10.199999999999999", "1.1010119900307E+17"): a whole number below 10^15 is
// its digits (12345, 10000000, 13800138000); another below 10^15 keeps 15
// significant digits (10.2); from 10^15 on, where a double no longer holds
// every digit, Excel shows six significant digits in scientific form
// ("1.10101E+17": the shape member.national_id.excel_mangled finds, which
// keeps no more of an ID than its region code). Not a number: as written.
// Locale-independent (absl::StrFormat).
std::string DisplayedNumber(absl::string_view v) {
  double d;
  if (!absl::SimpleAtod(v, &d) || !std::isfinite(d)) return std::string(v);
  const double magnitude = std::fabs(d);
  if (magnitude >= 1e15) {
    std::string out = absl::StrFormat("%.5E", d);  // "1.10101E+17"
    // Excel drops the mantissa's trailing zeros: "1.2E+17", "1E+17".
    const size_t e = out.find('E');
    size_t end = e;
    while (end > 0 && out[end - 1] == '0') --end;
    if (end > 0 && out[end - 1] == '.') --end;
    out.erase(end, e - end);
    return out;
  }
  if (d == std::floor(d)) {
    return absl::StrCat(static_cast<int64_t>(d));
  }
  return absl::StrFormat("%.15G", d);
}

// A date serial number as "2014-08-14"; empty when it is no date Excel can
// show (negative, past 9999-12-31, not a number). `date1904`: the workbook
// counts from 1904-01-01 (Excel for Mac's old default).
std::string SerialToDate(absl::string_view v, bool date1904) {
  double serial;
  if (!absl::SimpleAtod(v, &serial) || !std::isfinite(serial) || serial < 0 ||
      serial >= 2958466) {
    return "";
  }
  // Excel rounds a time to the millisecond before it shows the day.
  int64_t days = static_cast<int64_t>(std::floor(serial + 0.5 / 86400000));
  // Days from 1970-01-01. The 1900 system counts a 29 February 1900 that
  // never was (serial 60), as Lotus 1-2-3 did: serials from 61 on are one
  // day ahead.
  if (date1904) {
    days += -24107;  // 1904-01-01 is day -24107.
  } else {
    if (days == 0 || days == 60) return "";  // 1900-01-00, 1900-02-29.
    days += days < 60 ? -25568 : -25569;
  }
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  if (y < 1900 || y > 9999) return "";  // Past what Excel shows as a date.
  // Years 1899 to 9999: four digits.
  const int year = static_cast<int>(y);
  char out[10] = {static_cast<char>('0' + year / 1000),
                  static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10),
                  static_cast<char>('0' + year % 10),
                  '-',
                  static_cast<char>('0' + m / 10),
                  static_cast<char>('0' + m % 10),
                  '-',
                  static_cast<char>('0' + d / 10),
                  static_cast<char>('0' + d % 10)};
  return std::string(out, sizeof(out));
}

// True when a number format shows a date: one of Excel's built-in date
// formats (14 to 17, 22, and the Chinese 27 to 31, 36, 50 to 54, 57 and 58;
// 32 to 35, 55 and 56 are times of day), or a custom format with a year or
// day code outside quotes, brackets, escapes and the _x and *x of spacing.
bool IsDateFormat(int id, absl::string_view code) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
      id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58) {
    return true;
  }
  if (id < 164) return false;
  bool quoted = false, bracket = false, escaped = false;
  for (char c : code) {
    if (escaped) {
      escaped = false;
      continue;
    }
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (bracket) {
      if (c == ']') bracket = false;
      continue;
    }
    switch (c) {
      case '"':
        quoted = true;
        break;
      case '[':
        bracket = true;
        break;
      case '\\':
      case '_':
      case '*':
        escaped = true;  // The next character is literal.
        break;
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        return true;
      case ';':
        return false;  // Only the first section decides.
      default:
        break;
    }
  }
  return false;
}

}  // namespace internal
}  // namespace dangjian
