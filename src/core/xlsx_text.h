// Text as a cell of a written workbook holds it (internal): for the report
// and the ledger workbook writers alike.
#ifndef DANGJIAN_SRC_CORE_XLSX_TEXT_H_
#define DANGJIAN_SRC_CORE_XLSX_TEXT_H_

#include <cstddef>
#include <string>

namespace dangjian {
namespace internal {

// The most bytes libxlsxwriter takes in a cell (Excel's limit is as many
// characters).
inline constexpr size_t kXlsxMaxCellBytes = 32767;

// Returns `s` fit for a cell: U+FFFE and U+FFFF (no XML characters, which
// libxlsxwriter passes through into invalid XML) as U+FFFD; a literal
// "_xHHHH_" escaped as "_x005F_xHHHH_", so that Excel shows it as written
// rather than as the character it names (control characters are
// libxlsxwriter's to escape); cut to kXlsxMaxCellBytes at a character.
// Text with nothing to change (nearly every cell) is returned as given.
std::string XlsxText(std::string s);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_XLSX_TEXT_H_
