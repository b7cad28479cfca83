// Fuzzes the masking of personal data: the output has the input's length and
// never holds 11 digits in a row (a phone number or more of a resident ID).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

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
  if (dangjian::MaskNationalId(text).size() != text.size()) std::abort();
  if (dangjian::MaskPhone(text).size() != text.size()) std::abort();
  return 0;
}
