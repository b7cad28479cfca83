// Helpers shared by the fuzz targets: the personal-data property every message
// the library builds must keep.
#ifndef DANGJIAN_TESTS_FUZZ_FUZZ_UTIL_H_
#define DANGJIAN_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdlib>

#include "absl/strings/string_view.h"

namespace dangjian_fuzz {

// True when `text` holds a whole run of digits (ASCII or full-width, a run of
// both one number) shaped like a resident ID (18 characters, 17 digits and an
// X included, or 15 digits) or a mobile number (11 digits 1[3-9]...): what
// MaskPersonalData() never leaves whole. Longer and other runs are nobody's
// personal data and may be shown.
inline bool HasPersonalShape(absl::string_view text) {
  auto digit_at = [&text](size_t i) -> size_t {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= '0' && c <= '9') return 1;
    if (c == 0xEF && i + 2 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0xBC &&
        static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      return 3;
    }
    return 0;
  };
  for (size_t i = 0; i < text.size();) {
    if (digit_at(i) == 0) {
      ++i;
      continue;
    }
    const size_t start = i;
    size_t n = 0;
    for (size_t len; i < text.size() && (len = digit_at(i)) > 0; i += len) {
      ++n;
    }
    if (n == 17 && i < text.size() && (text[i] == 'X' || text[i] == 'x')) ++n;
    const bool mobile = n == 11 && text[start] == '1' &&
                        text[start + 1] >= '3' && text[start + 1] <= '9';
    if (n == 18 || n == 15 || mobile) return true;
  }
  return false;
}

// Aborts (a fuzzer finding) when a message the library built from the input
// shows a resident ID or mobile number whole.
inline void CheckNoPersonalData(absl::string_view message) {
  if (HasPersonalShape(message)) std::abort();
}

}  // namespace dangjian_fuzz

#endif  // DANGJIAN_TESTS_FUZZ_FUZZ_UTIL_H_
