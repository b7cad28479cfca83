#include "core/xlsx_text.h"

#include <cctype>

namespace dangjian {
namespace internal {
namespace {

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string XlsxText(std::string s) {
  if (s.size() <= kXlsxMaxCellBytes && s.find("_x") == std::string::npos &&
      s.find("\xEF\xBF") == std::string::npos) {
    return s;  // Nothing to change: no copy.
  }
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\xEF' && i + 2 < s.size() && s[i + 1] == '\xBF' &&
        (s[i + 2] == '\xBE' || s[i + 2] == '\xBF')) {
      out += "\xEF\xBF\xBD";
      i += 2;
      continue;
    }
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
        IsHex(s[i + 2]) && IsHex(s[i + 3]) && IsHex(s[i + 4]) &&
        IsHex(s[i + 5])) {
      out += "_x005F";
    }
    out.push_back(s[i]);
  }
  if (out.size() > kXlsxMaxCellBytes) {
    size_t end = kXlsxMaxCellBytes;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) {
      --end;
    }
    out.resize(end);
  }
  return out;
}

}  // namespace internal
}  // namespace dangjian
