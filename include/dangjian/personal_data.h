// Masking of personal data: resident identity numbers and phone numbers.
//
// Personal data never appears whole in a report, log or error message. Every
// message the library builds from input text goes through MaskPersonalData();
// programs that print records of their own should do the same.
#ifndef DANGJIAN_PERSONAL_DATA_H_
#define DANGJIAN_PERSONAL_DATA_H_

#include <string>

#include "absl/strings/string_view.h"
#include "dangjian/export.h"

namespace dangjian {

// Masks a resident identity number: an 18- or 15-character number keeps its
// first 6 characters (the region of issue) and its last 4, the rest become '*'
// ("110105********002X"); any other text keeps only its last 4 characters (all
// '*' when 4 or fewer). Thread-safe.
//
// Example:
//   MaskNationalId("11010519491231002X") == "110105********002X"
DANGJIAN_EXPORT std::string MaskNationalId(absl::string_view id);

// Masks a phone number: every digit but the last 4 becomes '*'; other
// characters ('+', '-', spaces) are kept. Thread-safe.
//
// Example:
//   MaskPhone("13800138000") == "*******8000"
DANGJIAN_EXPORT std::string MaskPhone(absl::string_view phone);

// Returns `text` with every run of 11 or more digits (optionally ending in 'X'
// or 'x', as a resident identity number may) masked: runs of 15 or 18
// characters as by MaskNationalId(), others as by MaskPhone(). A long number
// that is not personal (an amount in fen of 11 or more digits) is masked too:
// the rule errs on the side of privacy. Use it on any message that may quote
// input. Thread-safe.
DANGJIAN_EXPORT std::string MaskPersonalData(absl::string_view text);

}  // namespace dangjian

#endif  // DANGJIAN_PERSONAL_DATA_H_
