// Fuzzes core/utf8.h's IsValidUtf8() and IsValidUtf8Upto32() (the inline
// short-string paths, the SSE2 scan, the Chinese-text run) against
// IsValidUtf8Scalar(), the plain check, on every prefix length of the input up
// to 80 bytes, each from a buffer of exactly its size (so that
// AddressSanitizer sees any read past the end).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const size_t longest = size < 80 ? size : 80;
  for (size_t n = 0; n <= longest; ++n) {
    std::unique_ptr<char[]> copy(new char[n == 0 ? 1 : n]);
    if (n > 0) std::memcpy(copy.get(), data + (size - n), n);
    const absl::string_view s(copy.get(), n);
    const bool expected = dangjian::internal::IsValidUtf8Scalar(s);
    if (dangjian::internal::IsValidUtf8(s) != expected ||
        dangjian::internal::IsValidUtf8Upto32(s) != expected ||
        dangjian::internal::IsValidUtf8Scan(s) != expected) {
      std::abort();
    }
  }
  const absl::string_view all(reinterpret_cast<const char*>(data), size);
  if (dangjian::internal::IsValidUtf8(all) !=
      dangjian::internal::IsValidUtf8Scalar(all)) {
    std::abort();
  }
  return 0;
}
