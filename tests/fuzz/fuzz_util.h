// Helpers shared by the fuzz targets: the personal-data property every message
// the library builds must keep.
#ifndef DANGJIAN_TESTS_FUZZ_FUZZ_UTIL_H_
#define DANGJIAN_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdlib>

#include "absl/strings/string_view.h"

namespace dangjian_fuzz {

// True when `text` holds 11 or more ASCII digits in a row: a phone number or
// most of a resident ID printed whole.
inline bool HasLongDigitRun(absl::string_view text) {
  int run = 0;
  for (char c : text) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run >= 11) return true;
  }
  return false;
}

// Aborts (a fuzzer finding) when a message the library built from the input
// shows 11 digits in a row. Only meaningful when the library masks every such
// run, which MaskPersonalData() does.
inline void CheckNoPersonalData(absl::string_view message) {
  if (HasLongDigitRun(message)) std::abort();
}

}  // namespace dangjian_fuzz

#endif  // DANGJIAN_TESTS_FUZZ_FUZZ_UTIL_H_
