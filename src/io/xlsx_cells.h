// Excel's cell values as the text a ledger reads (internal): what a cell of
// an .xlsx workbook holds, turned into what Excel shows, so that a workbook
// reads as its CSV export does. Pure functions, thread-safe.
#ifndef DANGJIAN_SRC_IO_XLSX_CELLS_H_
#define DANGJIAN_SRC_IO_XLSX_CELLS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace dangjian {
namespace internal {

// OOXML's escape of characters XML cannot hold: "_x000D_" is CR, "_x005F_"
// a literal underscore. Decodes them in place.
void DecodeEscapes(std::string* s);

// The 0-based column of a cell reference ("C12" -> 2), or -1 when it is not
// one of Excel's (A to XFD).
int ColumnOfReference(absl::string_view ref);

// A number as Excel shows it in a cell of the General format: a whole number
// below 10^15 as its digits (12345 for "12345.0"), another below 10^15 with
// 15 significant digits (10.2 for "10.199999999999999"), from 10^15 on six
// significant digits in scientific form ("1.10101E+17"). Not a number: as
// written. Locale-independent.
std::string DisplayedNumber(absl::string_view v);

// A date serial number as "2014-08-14"; empty when it is no date Excel shows
// (negative, before 1900 or past 9999, 1900-02-29, not a number).
// `date1904`: the workbook counts from 1904-01-01.
std::string SerialToDate(absl::string_view v, bool date1904);

// True when number format `id` (with custom format `code`, for an id from
// 164 on) shows a date.
bool IsDateFormat(int id, absl::string_view code);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_XLSX_CELLS_H_
