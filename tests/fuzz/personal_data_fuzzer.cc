// Fuzzes the masking of personal data: the output is never longer than the
// input (a masked full-width digit becomes one '*'), never holds a whole run
// of digits shaped like a resident ID (18 characters, 17 digits and an X
// included, or 15 digits) or a mobile number (11 digits 1[3-9]...), and is
// UTF-8 when the input is.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../../src/core/utf8.h"
#include "dangjian/personal_data.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string masked = dangjian::MaskPersonalData(text);
  if (masked.size() > text.size()) std::abort();
  if (dangjian_fuzz::HasPersonalShape(masked)) std::abort();
  const std::string id = dangjian::MaskNationalId(text);
  if (id.size() != text.size()) std::abort();
  // A UTF-8 character is never cut in half.
  if (dangjian::internal::IsValidUtf8(text) &&
      (!dangjian::internal::IsValidUtf8(id) ||
       !dangjian::internal::IsValidUtf8(masked))) {
    std::abort();
  }
  // A masked full-width digit is one byte: never longer.
  const std::string phone = dangjian::MaskPhone(text);
  if (phone.size() > text.size()) std::abort();
  if (dangjian::internal::IsValidUtf8(text) &&
      !dangjian::internal::IsValidUtf8(phone)) {
    std::abort();
  }
  return 0;
}
