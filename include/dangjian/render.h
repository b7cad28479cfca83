// Rendering a final report (统计报告输出): aligned text with Chinese or English
// labels, JSON in protobuf's JSON mapping, CSV (one row per figure per group)
// and a self-contained HTML page with charts.
//
// Example:
//   absl::StatusOr<dangjian::v1::Report> report =
//       dangjian::AggregateDataset(ledger, options);
//   dangjian::TextRenderOptions text;
//   text.language = dangjian::ReportLanguage::kEnglish;
//   std::cout << dangjian::RenderReportText(*report, text);
//   absl::StatusOr<std::string> json = dangjian::RenderReportJson(*report);
#ifndef DANGJIAN_RENDER_H_
#define DANGJIAN_RENDER_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/export.h"
#include "dangjian/io.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/report.pb.h"
#include "dangjian/v1/validation.pb.h"
#include "google/protobuf/descriptor.h"

namespace dangjian {

// The language of a text report's labels.
enum class ReportLanguage : int {
  // 中文.
  kChinese = 0,
  // English.
  kEnglish = 1,
};

// Options of RenderReportText().
struct TextRenderOptions {
  // The labels' language.
  // Default: kChinese.
  ReportLanguage language = ReportLanguage::kChinese;
  // Render each group after the total.
  // Default: true.
  bool include_groups = true;
  // List each target's worklist: a line per unit with its township, name,
  // id, reason in words, grid and instructor (the ids alone for a report
  // from partials of dangjian 0.2.0).
  // Default: true.
  bool include_worklists = true;
};

// Returns the report as plain text in aligned tables (labels left, numbers
// right; Chinese characters count two columns): a title line, a line of who
// reports and when (Report.info's reporting unit, data date and date made,
// those known), the four targets (met,
// eligible, rate, shortfall; then each worklist, a line per unit:
// "    苏木10  甲商贸有限公司 (h1): 3 名正式党员，未建立党组织"), then units,
// party organizations, grids, members, cadres, activities, venues, funding
// (in yuan, exact to the fen), results, economy and data quality; then each
// group the same way. Counts have thousands separators ("7,000"), money two
// decimals ("100,000.00"), percentages one decimal ("98.3%"; a rate short of
// 100 never shows as "100.0%"). Never fails; the report holds no personal
// data, so neither does the text. Thread-safe.
//
// Example output lines (Chinese):
//   "  目标1 应建尽建        116     116  100.0%       0"
//   "  单位总数                             7,000"
DANGJIAN_EXPORT std::string RenderReportText(
    const v1::Report& report, const TextRenderOptions& options = {});

// Returns the report as JSON (protobuf's JSON mapping, lowerCamelCase names;
// 64-bit integers as strings, as the mapping prescribes). Returns Internal if
// protobuf's printer fails, which it does not for any Report message (kept
// for its status contract). Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<std::string> RenderReportJson(
    const v1::Report& report, const JsonWriteOptions& options = {});

// Writes the report as RenderReportJson() returns it, byte for byte, handed to
// `write` in consecutive pieces of about a mebibyte, so that a large report
// (grouped by county, 3,000 groups and their worklists: tens of megabytes of
// JSON) is never held whole. Returns OK once every piece is written, or the
// first non-OK status `write` returns (then no more pieces follow). Thread-safe
// if `write` is. (Returns Internal, after some pieces, only for a field the
// JSON writer leaves to protobuf's printer, which no Report holds; kept for
// the status contract.)
//
// Example:
//   absl::Status s = dangjian::WriteReportJson(
//       report, {}, [&](std::string_view piece) {
//         return std::fwrite(piece.data(), 1, piece.size(), f) == piece.size()
//                    ? absl::OkStatus()
//                    : absl::UnavailableError("write failed");
//       });
DANGJIAN_EXPORT absl::Status WriteReportJson(
    const v1::Report& report, const JsonWriteOptions& options,
    absl::FunctionRef<absl::Status(std::string_view)> write);

// Options of RenderReportCsv().
struct CsvRenderOptions {
  // The language of the `label` column and of the total's group name.
  // Default: kChinese.
  ReportLanguage language = ReportLanguage::kChinese;
  // Add the rows of each group after the total's.
  // Default: true.
  bool include_groups = true;
  // Begin with a UTF-8 byte order mark, which older spreadsheet programs need
  // to read Chinese text as UTF-8.
  // Default: false.
  bool utf8_bom = false;
};

// Returns the report as CSV (RFC 4180: comma-separated, CRLF line ends, fields
// with a comma, quote or line break quoted), one row per figure per group,
// total first, under the header `group,region_id,figure,label,value,unit`:
// `figure` is the figure's stable path in v1::ReportFigures
// ("targets.target_1.met", "units.total", "funding.total_fen"); `value` is
// for machines (no separators: counts as integers, money as yuan with two
// decimals, percentages with two decimals, booleans as 1/0); `unit` is
// count, yuan, percent or boolean. A text field that starts like a
// spreadsheet formula (=, +, -, @, tab, CR) is prefixed with an apostrophe.
// Never fails. Thread-safe.
//
// Example row: "合计,,targets.target_1.met,目标1 应建尽建 达标,116,count"
DANGJIAN_EXPORT std::string RenderReportCsv(
    const v1::Report& report, const CsvRenderOptions& options = {});

// Options of RenderReportHtml().
struct HtmlRenderOptions {
  // The labels' language.
  // Default: kChinese.
  ReportLanguage language = ReportLanguage::kChinese;
  // The page's title and heading; empty for the standard one with the year.
  // Default: "".
  std::string title;
  // List each target's worklist below the charts, a table row per unit
  // (region, name, id, grid, instructor, reason).
  // Default: true.
  bool include_worklists = true;
  // Groups shown in the targets chart after the total; the rest are counted
  // in a note (a country's 3,000 counties make no readable chart).
  // Default: 60.
  int max_chart_groups = 60;
};

// Returns the report as one self-contained HTML page (UTF-8; no script, no
// network access, no external font or stylesheet) that a department head can
// open in any browser and print on A4: the title (masked like personal
// data), who reports and when (Report.info, id "report-info": the reporting
// unit, the year, the data date and the date made, those known), cards with
// the four targets' rates and full coverage, then inline SVG charts that
// scale to the page, each an <svg class="chart"> with a stable id:
//  - "chart-targets": the four targets' rates as bars for the total and each
//    group (e.g. each township with --group-by township), rects of class
//    "bar t1".."bar t4", followed by the table "targets-table" of met,
//    eligible and short per target for the total and every group with
//    something eligible;
//  - "chart-stars": standalone organizations by star rating;
//  - "chart-funding": funding by source (the four ones), in yuan;
//  - "chart-six-haves": share of venues with each of the six haves;
// then the worklists (section "worklists", one "worklist-N" per target) and a
// table of every figure of the total and the data quality; the policy version
// in the footer. A print stylesheet makes A4 pages and keeps charts and table
// rows whole. Every text from the report is HTML-escaped. Never fails.
// Thread-safe.
//
// Example:
//   dangjian::HtmlRenderOptions html;
//   html.language = dangjian::ReportLanguage::kEnglish;
//   std::ofstream("report.html") << dangjian::RenderReportHtml(*report, html);
DANGJIAN_EXPORT std::string RenderReportHtml(
    const v1::Report& report, const HtmlRenderOptions& options = {});

// Options of RenderReportXlsx().
struct WorkbookRenderOptions {
  // The language of sheet names, headers and labels.
  // Default: kChinese.
  ReportLanguage language = ReportLanguage::kChinese;
  // Give each group a row in the targets sheet and a column in the figures
  // sheet, after the total.
  // Default: true.
  bool include_groups = true;
  // Add the worklists of the total, a sheet per target.
  // Default: true.
  bool include_worklists = true;
};

// Returns the report as an Excel workbook (.xlsx, written by libxlsxwriter)
// that opens cleanly in Excel and WPS: the sheets 四个100% (a row per group,
// the total first: eligible, met, rate, shortfall of each target, full
// coverage), 清单1 应建尽建 .. 清单4 (the total's worklists, a row per unit
// as RenderWorklistCsv() writes them; a list past Excel's 1,048,575 rows
// goes on in sheets named "... (2)"), 全部指标 (every figure, a row each, a
// column per group) and 数据质量. Numbers are numbers (counts as #,##0,
// yuan as #,##0.00, rates as 0.0%), text is text (never a formula); each
// sheet has its header row frozen and filtered and columns as wide as their
// text (a Chinese character counts two, at most 60). English sheet names
// with kEnglish. Personal data is masked as in the report. Returns the
// file's bytes; InvalidArgument when the groups do not fit in a sheet's
// 16,380 columns; Unavailable when the temporary file (in $TMPDIR, else
// /tmp) cannot be written; Internal when libxlsxwriter fails. Thread-safe.
//
// Example:
//   absl::StatusOr<std::string> xlsx = dangjian::RenderReportXlsx(*report);
//   if (xlsx.ok()) std::ofstream("report.xlsx", std::ios::binary) << *xlsx;
DANGJIAN_EXPORT absl::StatusOr<std::string> RenderReportXlsx(
    const v1::Report& report, const WorkbookRenderOptions& options = {});

// Returns the region path of the township a worklist entry is in: its
// region_path down to (the last name that is) its township, else, for an
// entry in no township, its whole region_path. Entries with the same path
// are one township's, whatever other townships are named. Thread-safe.
//
// Example: {"内蒙古自治区", "赤峰市", "克什克腾旗", "经棚镇"} for a unit of a
// village of 经棚镇.
DANGJIAN_EXPORT std::vector<std::string> WorklistTownshipPath(
    const v1::WorklistEntry& entry);

// Options of RenderWorklistXlsx().
struct WorklistXlsxOptions {
  // The language of the header, the target names and the reasons.
  // Default: kChinese.
  ReportLanguage language = ReportLanguage::kChinese;
  // A sheet per township (named by it; a unit in no township goes in the
  // sheet of its own region), else one sheet of every unit.
  // Default: true.
  bool sheet_per_township = true;
};

// Returns the worklists of the report's total as an Excel workbook: the
// rows RenderWorklistCsv() writes, a sheet per township in natural order
// (苏木2 before 苏木10), its name made fit for Excel (no []:*?/\, at most 31
// characters; a second township of the name gets " (2)"); member counts as
// numbers; header frozen and filtered, columns as wide as their text. A
// sheet past Excel's 1,048,575 rows goes on in another. Errors as
// RenderReportXlsx(). Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<std::string> RenderWorklistXlsx(
    const v1::Report& report, const WorklistXlsxOptions& options = {});

// Returns why a worklist entry falls short, in words a township officer acts
// on, from its reason and member counts: "3 名正式党员，未建立党组织",
// "3 full members, no party organization". An entry of reason UNSPECIFIED
// (from a partial of dangjian 0.2.0) says the reason was not recorded. Never
// fails; the words hold no personal data. Thread-safe.
DANGJIAN_EXPORT std::string DescribeShortfall(
    const v1::WorklistEntry& entry,
    ReportLanguage language = ReportLanguage::kChinese);

// Options of RenderWorklistCsv().
struct WorklistCsvOptions {
  // The language of the header, the target names and the reasons.
  // Default: kChinese.
  ReportLanguage language = ReportLanguage::kChinese;
  // Only the entries for which this returns true (e.g. those of one
  // township: WorklistEntry.township and region_path); empty: every entry.
  // Default: empty.
  std::function<bool(const v1::WorklistEntry&)> filter;
  // Begin with a UTF-8 byte order mark, so that Excel on a Chinese Windows
  // machine reads the file as UTF-8.
  // Default: true.
  bool utf8_bom = true;
};

// Returns the worklists of the report's total (TargetResult.worklist_entries
// of targets 1 to 4, in that order, each in reading order: by region, in
// natural order, then name) as CSV (RFC 4180, CRLF line ends; a text that
// starts like a formula gets a leading apostrophe), one row per unit or
// organization under the header
//   目标,所属区域,乡镇,名称,标识,网格,党建工作指导员,正式党员,预备党员,未达标原因
// (English: target,region,township,name,id,grid,instructor,full_members,
// probationary_members,reason): the region is the entry's region_path joined
// by " / ", the reason DescribeShortfall()'s words. A report whose worklists
// were capped (TargetResult.shortfall greater than the entries) lists only
// the kept ones; AggregatorOptions.worklist_cap = kWorklistCapAll keeps all.
// Personal data is masked as in the report. Never fails. Thread-safe.
//
// Example row: "目标1 应建尽建,赤峰市 / 克什克腾旗 /
// 经棚镇,经棚镇,某某商贸有限公司,
//               h150425-000123,,,3,0,3 名正式党员，未建立党组织"
DANGJIAN_EXPORT std::string RenderWorklistCsv(
    const v1::Report& report, const WorklistCsvOptions& options = {});

// The label of a value of one of the schema's enums for people: in Chinese
// the word the ledgers use ("FORMATION_MODEL_JOINT" gives "联建",
// "SEVERITY_ERROR" "错误"), 未填写 for a value 0 (UNSPECIFIED); in English
// its name without the enum's prefix in lower case ("joint", "unspecified").
// Thread-safe.
//
// Example (FindValueByNumber() is null for a number the schema does not
// define, which proto3 keeps):
//   const google::protobuf::EnumValueDescriptor* v =
//       dangjian::v1::HostKind_descriptor()->FindValueByNumber(h.kind());
//   std::string label = v != nullptr ? dangjian::EnumLabel(
//                                          *v,
//                                          dangjian::ReportLanguage::kChinese)
//                                    : std::to_string(h.kind());
DANGJIAN_EXPORT std::string EnumLabel(
    const google::protobuf::EnumValueDescriptor& value,
    ReportLanguage language);

// A rule's short title for people, e.g. for "member.national_id.checksum"
// "公民身份号码校验码错误" (English: "resident ID check character"). Knows
// every rule of RuleCatalogue(), the reading rules "io.read",
// "io.csv.row_skipped", "io.csv.cell" and "io.csv.subtotal_row", and the
// names the aggregator
// counts under data quality ("aggregate.unknown_grid",
// "aggregate.member.duplicate_id", ...); any other id is returned as given.
// Thread-safe.
DANGJIAN_EXPORT std::string RuleTitle(StringArg rule_id,
                                      ReportLanguage language);

// Where a finding was read from, for people: "县台账.csv:12" (a line),
// "县台账.xlsx:党员!C6" (a workbook's sheet, column and row), else the record's
// index, "county.djr: record 7" (Chinese: "county.djr：第 7 条记录"). A
// location without a file (standard input) gives "-" for it. The file and
// sheet names are masked like personal data. Thread-safe.
DANGJIAN_EXPORT std::string SourceLocationText(
    const v1::SourceLocation& where,
    ReportLanguage language = ReportLanguage::kChinese);

// Options of RenderFindingsText() and RenderFindingsCsv().
struct FindingsRenderOptions {
  // The language of the messages, severities, rule titles and headers. A
  // finding without a Chinese message (Finding.message_zh empty: from a
  // release before 0.3.0, or a reader's finding) shows its English one.
  // Default: kChinese.
  ReportLanguage language = ReportLanguage::kChinese;
  // CSV: begin with a UTF-8 byte order mark, so that Excel on a Chinese
  // Windows machine reads the file as UTF-8.
  // Default: true.
  bool utf8_bom = true;
};

// Returns the findings of `report` as text for people: a line per finding,
//   where: SEVERITY rule-title [rule-id]: message [record-kind id field]
// in English, and in Chinese with full-width colons, e.g.
//   县台账.csv:12：错误 公民身份号码校验码错误 [member.national_id.checksum]：
//   公民身份号码 1504********1234 校验码错误，可能有数字录错 [党员 m-17
//   national_id]
// (one line), then the totals (records checked, errors, warnings, notes, and
// the findings counted but not listed past ValidatorOptions.max_findings) and
// a line per rule with its severity, title, id and count. Personal data is
// masked. Never fails. Thread-safe.
DANGJIAN_EXPORT std::string RenderFindingsText(
    const v1::ValidationReport& report,
    const FindingsRenderOptions& options = {});

// Returns the findings of `report` as CSV (RFC 4180, CRLF line ends; a text
// that starts like a formula gets a leading apostrophe), a row per finding
// under the header
//   文件,行号,记录序号,严重程度,规则标识,记录类型,记录标识,字段,说明,工作表,列,规则名称
// (English: file,line,record_index,severity,rule_id,record_kind,record_id,
// field,message,sheet,column,rule_title; severities ERROR, WARNING, INFO in
// English, 错误, 警告, 提示 in Chinese). Personal data is masked. Never fails.
// Thread-safe.
DANGJIAN_EXPORT std::string RenderFindingsCsv(
    const v1::ValidationReport& report,
    const FindingsRenderOptions& options = {});

// Returns two years side by side (CompareReports()) as aligned text: a title
// with both years, then for the total and, with include_groups, each group
// (in natural order of their names) a table of every target (met, eligible,
// rate, short) and every figure of RenderReportText(), with the earlier
// year's value, the later year's and the change ("+12", "-1,234.50",
// "+1.7 个百分点" / "+1.7 pp"; a rate's change under 0.05 points is "0"). A
// target's rate in a year with nothing eligible (or without the group) is
// "-", and so is its change. Personal data is masked. Never fails.
// Thread-safe.
DANGJIAN_EXPORT std::string RenderComparisonText(
    const v1::ReportComparison& comparison,
    const TextRenderOptions& options = {});

// Returns two years side by side as CSV (RFC 4180, CRLF line ends; a text
// that starts like a formula gets a leading apostrophe): a row per target
// part and figure per group (the total first) under the header
//   group,region_id,figure,label,earlier,later,change,unit
// with the figure keys of RenderReportCsv() (targets.target_1.met, ...)
// and machine values (no separators; yuan with two decimals; percentages
// and their change in points with two decimals; empty where the text
// shows "-"). `utf8_bom`,
// `include_groups` and `language` as for RenderReportCsv(). Personal data
// is masked. Never fails. Thread-safe.
DANGJIAN_EXPORT std::string RenderComparisonCsv(
    const v1::ReportComparison& comparison,
    const CsvRenderOptions& options = {});

// Returns two years side by side as one self-contained HTML page, fit to
// print on A4 like RenderReportHtml(): the title (options.title masked, else
// "2017年度与2016年度对比 ..."), who reports and when ("report-info": the
// later report's reporting unit, both years, each year's data date, the
// date made), cards with each target's rate this year, last year's and the
// change, the chart "chart-targets-compare" (per target a thin grey bar of
// the earlier rate, class "bar before", above a bar of the later, "bar t1"..
// "bar t4", for the total and the first options.max_chart_groups groups),
// the table "compare-targets-table" of both rates and the change per target
// for the total and every group with something eligible in either year
// (the chart: the first options.max_chart_groups of them), then every line
// of RenderComparisonText() for the total (table "compare-total") and each
// group in natural order ("compare-group-1", ...), rows marked data-key
// with the keys of RenderComparisonCsv(); a change is of class "change up"
// or "change down", with "good" or "bad" where a rise is good news (a
// rate) or bad (a shortfall). Values and changes as in
// RenderComparisonText(). `include_worklists` is not read: a comparison has
// no worklists. Every text is HTML-escaped and personal data is masked.
// Never fails. Thread-safe.
DANGJIAN_EXPORT std::string RenderComparisonHtml(
    const v1::ReportComparison& comparison,
    const HtmlRenderOptions& options = {});

// Returns two years side by side as an Excel workbook (.xlsx) made as
// RenderReportXlsx() makes one: the sheet 四个100%对比 ("targets compared":
// a row per group, the total first, each target's met and rate in both
// years and the rate's change in percentage points) and 全部指标对比
// ("figures compared": a row per line of RenderComparisonCsv() per group,
// with the group, region id, label, key, earlier, later and change as
// numbers: counts #,##0, yuan #,##0.00, rates 0.0%, changes of rates in
// points +0.0; blank where the text shows "-"). `include_groups` and
// `language` as for RenderReportXlsx(); `include_worklists` is not read.
// Personal data is masked. Returns the file's bytes;
// InvalidArgument when the lines of every group do not fit in a sheet's
// 1,048,575 rows; Unavailable when the temporary file cannot be written;
// Internal when libxlsxwriter fails. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<std::string> RenderComparisonXlsx(
    const v1::ReportComparison& comparison,
    const WorkbookRenderOptions& options = {});

}  // namespace dangjian

#endif  // DANGJIAN_RENDER_H_
