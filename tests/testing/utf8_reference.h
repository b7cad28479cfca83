// The tests' reference for UTF-8: Unicode's definition of a well-formed
// sequence (Table 3-7), written plainly and independently of src/core/utf8.cc,
// for the tests of the check itself and of the writers that use it.
#ifndef DANGJIAN_TESTS_TESTING_UTF8_REFERENCE_H_
#define DANGJIAN_TESTS_TESTING_UTF8_REFERENCE_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace dangjian {
namespace testing {

// True when `s` is well-formed UTF-8.
inline bool WellFormed(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = [&](size_t k) { return static_cast<uint8_t>(s[i + k]); };
    const uint8_t c = b(0);
    size_t len = 0;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c <= 0x7F) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    if (len > 1 && (b(1) < lo || b(1) > hi)) return false;
    for (size_t k = 2; k < len; ++k) {
      if (b(k) < 0x80 || b(k) > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_TESTING_UTF8_REFERENCE_H_
