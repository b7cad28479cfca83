// Masking of personal data: resident identity numbers and phone numbers.
//
// Personal data never appears whole in a report, log or error message. Every
// message the library builds from input text goes through MaskPersonalData();
// programs that print records of their own should do the same.
#ifndef DANGJIAN_PERSONAL_DATA_H_
#define DANGJIAN_PERSONAL_DATA_H_

#include <string>

#include "dangjian/export.h"
#include "dangjian/string_arg.h"

namespace dangjian {

// Masks a resident identity number: an 18- or 15-character number keeps its
// first 6 characters (the region of issue) and its last 4, the rest become '*'
// ("110105********002X"); any other text keeps only its last 4 characters (all
// '*' when 4 or fewer). Thread-safe.
//
// Example:
//   MaskNationalId("11010519491231002X") == "110105********002X"
DANGJIAN_EXPORT std::string MaskNationalId(StringArg id);

// Masks a phone number: every digit but the last 4 becomes '*' (a full-width
// digit, one '*'); other characters ('+', '-', spaces) are kept. Thread-safe.
//
// Example:
//   MaskPhone("13800138000") == "*******8000"
DANGJIAN_EXPORT std::string MaskPhone(StringArg phone);

// Returns `text` with every resident identity number and phone number in it
// masked, in any spelling: digits ASCII or full-width (１３８…), whole or in
// groups joined by single spaces or hyphens as people write them. Resident
// IDs (as by MaskNationalId(): the region and the last 4 kept): 18
// characters (17 digits and a digit or X) whole, 6-8-4 or 6-12; 15 digits
// whole or 6-6-3; and 16 to 19 characters in one run with a region code 1-8
// and a birth date 1900-2099 in positions 7-14 (a typing slip). Phones (as by
// MaskPhone(): the last 4 digits kept): mobile numbers 1[3-9] and 9 digits,
// whole, 3-4-4, 3-8 or 7-4, with 86 / +86 / 0086 before them or not; fixed
// lines 0 and 9 to 11 digits, whole or with the area code apart. Other
// numbers are personal data of nobody and are kept whole (an amount, a
// count, an out-of-range figure, an id such as h110101-000064); so is one
// run of digits that holds two numbers with nothing between them. Use it on
// any message that may quote input. Thread-safe.
//
// Example:
//   MaskPersonalData("身份证 110105 19491231 002X, 电话 138-0013-8000") ==
//       "身份证 110105 ******** 002X, 电话 ***-****-8000"
DANGJIAN_EXPORT std::string MaskPersonalData(StringArg text);

}  // namespace dangjian

#endif  // DANGJIAN_PERSONAL_DATA_H_
