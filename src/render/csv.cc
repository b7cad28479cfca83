// The report as CSV: one row per figure per group (RFC 4180).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/enum_labels.h"
#include "dangjian/personal_data.h"
#include "dangjian/render.h"
#include "render/figures_table.h"

namespace dangjian {
namespace {

std::string Field(absl::string_view text, bool is_text) {
  return internal::CsvField(text, is_text);
}

void Row(const std::string& group, const std::string& region_id,
         absl::string_view figure, absl::string_view label,
         const std::string& value, absl::string_view unit, std::string* out) {
  absl::StrAppend(out, Field(group, true), ",", Field(region_id, true), ",",
                  Field(figure, true), ",", Field(label, true), ",",
                  Field(value, false), ",", unit, "\r\n");
}

void Figures(const std::string& group, const std::string& region_id,
             const v1::ReportFigures& f, bool zh, std::string* out) {
  static constexpr const char* kTargetKeys[] = {"target_1", "target_2",
                                                "target_3", "target_4"};
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = internal::Target(f.targets(), i);
    const internal::TargetLabel& l = internal::TargetLabels()[i];
    const std::string key = absl::StrCat("targets.", kTargetKeys[i]);
    const std::string label = zh ? l.zh : l.en;
    Row(group, region_id, key + ".eligible",
        label + (zh ? " 应达标" : ", eligible"), absl::StrCat(t.eligible()),
        "count", out);
    Row(group, region_id, key + ".met", label + (zh ? " 达标" : ", met"),
        absl::StrCat(t.met()), "count", out);
    Row(group, region_id, key + ".rate_percent",
        label + (zh ? " 比例" : ", rate"),
        absl::StrFormat("%.2f", t.rate_percent()), "percent", out);
    Row(group, region_id, key + ".shortfall",
        label + (zh ? " 未达标" : ", short"), absl::StrCat(t.shortfall()),
        "count", out);
  }
  Row(group, region_id, "targets.full_coverage",
      zh ? "全覆盖" : "full coverage", f.targets().full_coverage() ? "1" : "0",
      "boolean", out);
  for (const internal::FigureSection& s : internal::FigureSections()) {
    for (const internal::FigureRow& r : s.rows) {
      const char* unit = r.unit == internal::FigureUnit::kCount  ? "count"
                         : r.unit == internal::FigureUnit::kYuan ? "yuan"
                                                                 : "percent";
      Row(group, region_id, r.key, zh ? r.zh : r.en, internal::RawFigure(r, f),
          unit, out);
    }
  }
}

}  // namespace

std::string RenderWorklistCsv(const v1::Report& report,
                              const WorklistCsvOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::string out = options.utf8_bom ? "\xEF\xBB\xBF" : "";
  absl::StrAppend(&out, absl::StrJoin(internal::WorklistHeader(zh), ","),
                  "\r\n");
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = internal::Target(report.total().targets(), i);
    for (const v1::WorklistEntry& e : t.worklist_entries()) {
      if (options.filter && !options.filter(e)) continue;
      const std::vector<std::string> cells = internal::WorklistCells(i, e, zh);
      for (size_t c = 0; c < cells.size(); ++c) {
        absl::StrAppend(&out, c > 0 ? "," : "",
                        Field(cells[c], !internal::IsWorklistNumberColumn(c)));
      }
      out += "\r\n";
    }
  }
  return out;
}

std::string RenderReportCsv(const v1::Report& report,
                            const CsvRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::string out = options.utf8_bom ? "\xEF\xBB\xBF" : "";
  absl::StrAppend(&out, "group,region_id,figure,label,value,unit\r\n");
  Figures(zh ? "合计" : "total", "", report.total(), zh, &out);
  // A report from damaged input says so on a row of its own, so that a sheet
  // built from this file cannot pass for a complete one.
  const auto& damaged = report.data_quality().damaged_shards();
  if (!damaged.empty()) {
    Row(zh ? "合计" : "total", "", "data_quality.damaged_files",
        zh ? "受损文件(数据不完整)" : "damaged files (incomplete data)",
        absl::StrCat(damaged.size()), "count", &out);
  }
  if (options.include_groups && internal::IsGrouped(report)) {
    for (const v1::ReportGroup* group :
         internal::GroupsInReadingOrder(report, zh)) {
      const v1::ReportGroup& g = *group;
      Figures(internal::GroupTitle(g, zh), g.key().region_id(), g.figures(), zh,
              &out);
    }
  }
  return out;
}

}  // namespace dangjian

namespace dangjian {

std::string RenderFindingsCsv(const v1::ValidationReport& report,
                              const FindingsRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::string out = options.utf8_bom ? "\xEF\xBB\xBF" : "";
  out += zh ? "文件,行号,记录序号,严重程度,规则标识,记录类型,记录标识,字段,"
              "说明,工作表,列,规则名称\r\n"
            : "file,line,record_index,severity,rule_id,record_kind,record_id,"
              "field,message,sheet,column,rule_title\r\n";
  for (const v1::Finding& f : report.findings()) {
    const v1::SourceLocation& l = f.location();
    absl::StrAppend(
        &out, Field(l.file(), true), ",", l.line(), ",", l.record_index(), ",",
        internal::SeverityLabel(f.severity(), zh), ",",
        Field(f.rule_id(), true), ",",
        Field(internal::RecordKindLabel(f.record_kind(), zh), true), ",",
        Field(f.record_id(), true), ",", Field(f.field_path(), true), ",",
        Field(internal::FindingMessage(f, zh), true), ",",
        Field(l.sheet(), true), ",", l.column(), ",",
        Field(RuleTitle(f.rule_id(), options.language), true), "\r\n");
  }
  // Findings come masked from the library; mask once more in case a message
  // quotes input it did not expect to be personal.
  return MaskPersonalData(out);
}

}  // namespace dangjian

namespace dangjian {
namespace internal {

// A field as RFC 4180 wants it, and safe to open in a spreadsheet: a text
// that starts like a formula (= + - @, tab, carriage return) gets a leading
// apostrophe, so that no spreadsheet runs a region name as a formula.
std::string CsvField(absl::string_view text, bool is_text) {
  std::string s(text);
  if (is_text && !s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
       s[0] == '\t' || s[0] == '\r')) {
    s.insert(0, "'");
  }
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace internal
}  // namespace dangjian
