// Fuzzes the masking of personal data: the output has the input's length and
// never holds 11 digits in a row (a phone number or more of a resident ID),
// and is UTF-8 when the input is.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../../src/core/utf8.h"
#include "dangjian/personal_data.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string masked = dangjian::MaskPersonalData(text);
  if (masked.size() != text.size()) std::abort();
  size_t run = 0;
  for (char c : masked) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run >= 11) std::abort();
  }
  const std::string id = dangjian::MaskNationalId(text);
  if (id.size() != text.size()) std::abort();
  // A UTF-8 character is never cut in half.
  if (dangjian::internal::IsValidUtf8(text) &&
      (!dangjian::internal::IsValidUtf8(id) ||
       !dangjian::internal::IsValidUtf8(masked))) {
    std::abort();
  }
  if (dangjian::MaskPhone(text).size() != text.size()) std::abort();
  return 0;
}
