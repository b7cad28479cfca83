// Findings for people (校验结果输出): rule titles, enum labels, locations and
// the text of a validation report, in Chinese or English.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/enum_labels.h"
#include "dangjian/personal_data.h"
#include "dangjian/render.h"
#include "render/figures_table.h"
#include "validate/rules.h"

namespace dangjian {
namespace {

// The reading rules of the pipeline and the aggregator's data-quality names,
// beside the validator's catalogue.
struct ReadingRule {
  const char* id;
  const char* title_zh;
  const char* title_en;
};
constexpr ReadingRule kReadingRules[] = {
    {"io.read", "文件无法完整读取", "file not read whole"},
    {"io.csv.row_skipped", "台账行被跳过", "ledger row skipped"},
    {"io.csv.cell", "台账单元格无法识别", "ledger cell not understood"},
    {"io.csv.subtotal_row", "合计行未导入", "subtotal row not imported"},
    {"aggregate.unknown_host_organization", "统计时所指单位不存在",
     "unknown host organization in the figures"},
    {"aggregate.unknown_party_organization", "统计时所指党组织不存在",
     "unknown party organization in the figures"},
    {"aggregate.unknown_grid", "统计时所指网格不存在",
     "unknown grid in the figures"},
    {"aggregate.unknown_region", "统计时所指区域不存在",
     "unknown region in the figures"},
    {"aggregate.star_assessment.no_party_organization",
     "星级评定未填写党组织（未计入）",
     "star assessment without organization (not counted)"},
};

}  // namespace

std::string EnumLabel(const google::protobuf::EnumValueDescriptor& value,
                      ReportLanguage language) {
  return internal::EnumValueLabel(value, language == ReportLanguage::kChinese);
}

std::string RuleTitle(StringArg rule_id_arg, ReportLanguage language) {
  const absl::string_view rule_id = rule_id_arg;
  const bool zh = language == ReportLanguage::kChinese;
  for (size_t i = 0; i < internal::kRuleCount; ++i) {
    const internal::RuleDef& d = internal::GetRuleDefAt(i);
    if (rule_id == d.id) return zh ? d.title_zh : d.title_en;
  }
  for (const ReadingRule& r : kReadingRules) {
    if (rule_id == r.id) return zh ? r.title_zh : r.title_en;
  }
  // The aggregator's "aggregate.<kind>.duplicate_id": a record it counted
  // once though its id came again.
  absl::string_view kind = rule_id;
  if (absl::ConsumePrefix(&kind, "aggregate.") &&
      absl::ConsumeSuffix(&kind, ".duplicate_id") && !kind.empty()) {
    return zh ? absl::StrCat(internal::RecordKindLabel(kind, true),
                             "标识重复（只统计一次）")
              : absl::StrCat("duplicate ", kind, " id (counted once)");
  }
  return std::string(rule_id);
}

std::string SourceLocationText(const v1::SourceLocation& where,
                               ReportLanguage language) {
  const bool zh = language == ReportLanguage::kChinese;
  std::string out = where.file().empty() ? "-" : MaskPersonalData(where.file());
  if (!where.sheet().empty()) {
    absl::StrAppend(&out, ":", MaskPersonalData(where.sheet()));
    if (where.line() <= 0) return out;
    std::string letters;
    for (int c = where.column(); c > 0; c = (c - 1) / 26) {
      letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    }
    absl::StrAppend(&out, "!", letters, where.line());
  } else if (where.line() > 0) {
    absl::StrAppend(&out, ":", where.line());
  } else if (zh) {
    absl::StrAppend(&out, "：第 ", where.record_index(), " 条记录");
  } else {
    absl::StrAppend(&out, ": record ", where.record_index());
  }
  return out;
}

namespace internal {

std::string SeverityLabel(v1::Severity s, bool zh) {
  const google::protobuf::EnumValueDescriptor* d =
      v1::Severity_descriptor()->FindValueByNumber(s);
  if (d == nullptr || s == v1::SEVERITY_UNSPECIFIED) return "?";
  if (zh) return EnumValueLabel(*d, true);
  return absl::AsciiStrToUpper(EnumValueLabel(*d, false));
}

const std::string& FindingMessage(const v1::Finding& f, bool zh) {
  return zh && !f.message_zh().empty() ? f.message_zh() : f.message();
}

}  // namespace internal

std::string RenderFindingsText(const v1::ValidationReport& r,
                               const FindingsRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::string out;
  for (const v1::Finding& f : r.findings()) {
    absl::StrAppend(&out, SourceLocationText(f.location(), options.language),
                    zh ? "：" : ": ", internal::SeverityLabel(f.severity(), zh),
                    " ", RuleTitle(f.rule_id(), options.language), " [",
                    f.rule_id(), "]", zh ? "：" : ": ",
                    internal::FindingMessage(f, zh));
    if (!f.record_id().empty() || !f.field_path().empty()) {
      absl::StrAppend(&out, " [",
                      internal::RecordKindLabel(f.record_kind(), zh), " ",
                      f.record_id(), f.field_path().empty() ? "" : " ",
                      f.field_path(), "]");
    }
    out += "\n";
  }
  if (zh) {
    absl::StrAppend(&out, "\n按规则版本 ", r.policy_version(), " 检查 ",
                    internal::FormatCount(r.records_checked()),
                    " 条记录：错误 ", internal::FormatCount(r.error_count()),
                    " 条，警告 ", internal::FormatCount(r.warning_count()),
                    " 条，提示 ", internal::FormatCount(r.info_count()), " 条");
    if (r.findings_omitted() > 0) {
      absl::StrAppend(&out, "（另有 ",
                      internal::FormatCount(r.findings_omitted()),
                      " 条只计数未列出）");
    }
  } else {
    absl::StrAppend(&out, "\n", r.records_checked(),
                    " records checked against policy ", r.policy_version(),
                    ": ", r.error_count(), " errors, ", r.warning_count(),
                    " warnings, ", r.info_count(), " notes");
    if (r.findings_omitted() > 0) {
      absl::StrAppend(&out, " (", r.findings_omitted(),
                      " findings counted but not listed)");
    }
  }
  out += "\n";
  if (r.rule_counts_size() == 0) return MaskPersonalData(out);
  out += zh ? "按规则统计：\n" : "By rule:\n";
  std::vector<std::vector<std::string>> rows;
  for (const v1::RuleCount& c : r.rule_counts()) {
    rows.push_back({absl::StrCat(internal::SeverityLabel(c.severity(), zh),
                                 "  ", RuleTitle(c.rule_id(), options.language),
                                 " [", c.rule_id(), "]"),
                    internal::FormatCount(c.count())});
  }
  out += internal::AlignedTable(rows, 2);
  // Findings come masked from the library; mask once more in case a message
  // quotes input it did not expect to be personal.
  return MaskPersonalData(out);
}

}  // namespace dangjian
