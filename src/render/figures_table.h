// The figures of a report as every renderer shows them (internal to the render
// module): labelled rows with stable keys, and number formatting.
#ifndef DANGJIAN_SRC_RENDER_FIGURES_TABLE_H_
#define DANGJIAN_SRC_RENDER_FIGURES_TABLE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "dangjian/v1/report.pb.h"
#include "dangjian/v1/validation.pb.h"

namespace dangjian {
namespace internal {

enum class FigureUnit { kCount, kYuan, kPercent };

// One figure: `key` is its path in ReportFigures ("units.total"), stable
// across releases because field names are.
struct FigureRow {
  const char* key;
  const char* zh;
  const char* en;
  FigureUnit unit;
  // Set for kCount and kYuan (fen).
  std::function<int64_t(const v1::ReportFigures&)> count;
  // Set for kPercent.
  std::function<double(const v1::ReportFigures&)> percent;
};

struct FigureSection {
  const char* key;
  const char* zh;
  const char* en;
  std::vector<FigureRow> rows;
};

// Every figure but the targets, in sections, in the order reports show them.
const std::vector<FigureSection>& FigureSections();

struct TargetLabel {
  const char* zh;        // "目标1 应建尽建"
  const char* en;        // "target 1 found where possible"
  const char* short_zh;  // "应建尽建"
  const char* short_en;
};
// The four targets' labels, target 1 first.
const std::vector<TargetLabel>& TargetLabels();
// Target `i` (0-based) of `t`.
const v1::TargetResult& Target(const v1::TargetFigures& t, int i);

// 1234567 -> "1,234,567".
std::string FormatCount(int64_t n);
// Exact yuan from fen: "1,234.56" (grouped) or "1234.56".
std::string FormatYuan(int64_t fen, bool grouped);
// One decimal: "98.3%"; never "100.0%" below 100 nor "0.0%" above 0; "-" for
// NaN or infinity.
std::string FormatPercent(double p);
// The figure as people read it (separators, one decimal).
std::string FormatFigure(const FigureRow& row, const v1::ReportFigures& f);
// The figure for machines: integers, yuan with two decimals, percentages with
// two decimals; no separators, no unit.
std::string RawFigure(const FigureRow& row, const v1::ReportFigures& f);

// A severity for people: 错误, 警告, 提示; ERROR, WARNING, INFO.
std::string SeverityLabel(v1::Severity s, bool zh);
// A finding's message in the language: the Chinese one when asked for and
// present, else the English one.
const std::string& FindingMessage(const v1::Finding& f, bool zh);
// A CSV field as RFC 4180 wants it, and safe to open in a spreadsheet: a
// text (`is_text`) that starts like a formula (= + - @, tab, carriage
// return) gets a leading apostrophe.
std::string CsvField(absl::string_view text, bool is_text = true);
// A date for people: "2014年12月31日"; "2014-12-31".
std::string FormatDate(const v1::Date& d, bool zh);

// Terminal columns `utf8` takes: 2 for East Asian wide characters, else 1.
int DisplayWidth(absl::string_view utf8);
// Rows of cells as aligned text: the first column left-aligned, the others
// right-aligned, two spaces apart, indented by `indent`. A row of one cell is
// a heading, printed as is and not measured.
std::string AlignedTable(const std::vector<std::vector<std::string>>& rows,
                         int indent);

// The columns of a worklist table as CSV and workbooks show them: target,
// region path, township, name, id, grid, instructor, full members,
// probationary members, reason.
const std::vector<std::string>& WorklistHeader(bool zh);
// The column of WorklistHeader() that holds the id.
inline constexpr size_t kWorklistIdColumn = 4;
// The columns of WorklistHeader() that hold numbers (the member counts).
inline bool IsWorklistNumberColumn(size_t column) {
  return column == 7 || column == 8;
}
// One entry of target `i` (0-based) as cells in WorklistHeader()'s order.
std::vector<std::string> WorklistCells(int i, const v1::WorklistEntry& e,
                                       bool zh);

// Whether the report has groups besides the total.
bool IsGrouped(const v1::Report& report);
// "经棚镇 (town-0)", "C30 / HOST_KIND_SOCIAL", or "未归属"/"unassigned".
std::string GroupTitle(const v1::ReportGroup& g, bool zh);
// A data-quality count's name for people: a rule's or reading rule's id
// with its title first, "公民身份号码校验码错误 (member.national_id.checksum)";
// any other name as given.
std::string NamedCountLabel(absl::string_view name, bool zh);
// The report's groups in the order people read them: by GroupTitle() in
// natural order (苏木2 before 苏木10), whatever the order of their keys.
std::vector<const v1::ReportGroup*> GroupsInReadingOrder(
    const v1::Report& report, bool zh);
// The region name alone for a region-only key, else GroupTitle().
std::string GroupShortTitle(const v1::ReportGroup& g, bool zh);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_RENDER_FIGURES_TABLE_H_
