// Text and JSON renderings of a final report.
#include "dangjian/render.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/json_writer.h"
#include "dangjian/aggregate.h"
#include "dangjian/personal_data.h"
#include "google/protobuf/util/json_util.h"
#include "render/figures_table.h"

namespace dangjian {
namespace {

using Figures = v1::ReportFigures;
using internal::FigureRow;
using internal::FigureSection;
using internal::FormatCount;
using internal::FormatPercent;

// Appends `ids` separated by ", " on lines indented by four spaces, a line
// broken before an id that would take it past 80 bytes (a longer id gets a
// line of its own).
void AppendWrapped(const google::protobuf::RepeatedPtrField<std::string>& ids,
                   std::string* out) {
  constexpr size_t kIndent = 4, kWidth = 80;
  size_t column = 0;
  for (int i = 0; i < ids.size(); ++i) {
    const std::string& id = ids[i];
    const bool last = i + 1 == ids.size();
    const size_t need = id.size() + (last ? 0 : 1);  // The id and its comma.
    if (column == 0) {
      out->append(kIndent, ' ');
      column = kIndent;
    } else if (column + 1 + need > kWidth) {
      out->append("\n");
      out->append(kIndent, ' ');
      column = kIndent;
    } else {
      out->push_back(' ');
      ++column;
    }
    absl::StrAppend(out, id, last ? "" : ",");
    column += need;
  }
  if (column > 0) out->append("\n");
}

void RenderFigures(const Figures& f, const TextRenderOptions& options,
                   std::string* out) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::vector<std::vector<std::string>> rows;
  rows.push_back({zh ? "四个100%" : "The four 100% targets"});
  rows.push_back({zh ? "目标" : "target", zh ? "达标" : "met",
                  zh ? "应达标" : "eligible", zh ? "比例" : "rate",
                  zh ? "未达标" : "short"});
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = internal::Target(f.targets(), i);
    const internal::TargetLabel& label = internal::TargetLabels()[i];
    rows.push_back({zh ? label.zh : label.en, FormatCount(t.met()),
                    FormatCount(t.eligible()),
                    t.nothing_eligible() ? (zh ? "无适用对象" : "none eligible")
                                         : FormatPercent(t.rate_percent()),
                    FormatCount(t.shortfall())});
  }
  std::string targets = internal::AlignedTable(rows, 2);
  absl::StrAppend(
      out, targets, zh ? "  全覆盖: " : "  full coverage: ",
      f.targets().full_coverage() ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
      "\n");
  if (options.include_worklists) {
    for (int i = 0; i < 4; ++i) {
      const v1::TargetResult& t = internal::Target(f.targets(), i);
      if (t.worklist_size() == 0) continue;
      // No cap to name when the worklists keep every unit.
      const std::string cap =
          t.worklist_cap() >= kWorklistCapAll
              ? ""
              : absl::StrCat(zh ? "个, 上限" : ", cap ", t.worklist_cap());
      absl::StrAppend(out, zh ? "  清单 目标" : "  worklist of target ", i + 1,
                      zh ? " (前" : " (first ", t.worklist_size(),
                      zh ? "个, 共" : " of ", FormatCount(t.shortfall()),
                      cap.empty() && zh ? "个" : "", cap, "):\n");
      if (t.worklist_entries_size() == 0) {
        AppendWrapped(t.worklist(), out);  // A partial of dangjian 0.2.0.
        continue;
      }
      for (const v1::WorklistEntry& e : t.worklist_entries()) {
        const std::string place =
            !e.township().empty() ? e.township()
            : e.region_path_size() > 0
                ? e.region_path(e.region_path_size() - 1)
                : std::string(zh ? "未归属" : "no region");
        absl::StrAppend(out, "    ", place, "  ",
                        e.name().empty() ? e.id() : e.name(), " (", e.id(),
                        "): ", DescribeShortfall(e, options.language));
        if (!e.grid_id().empty()) {
          absl::StrAppend(out, zh ? "; 网格 " : "; grid ", e.grid_id());
          if (!e.instructor_name().empty()) {
            absl::StrAppend(out, zh ? ", 指导员 " : ", instructor ",
                            e.instructor_name());
          }
        }
        out->append("\n");
      }
    }
  }
  rows.clear();
  for (const FigureSection& s : internal::FigureSections()) {
    rows.push_back({zh ? s.zh : s.en});
    for (const FigureRow& r : s.rows) {
      rows.push_back({zh ? r.zh : r.en, internal::FormatFigure(r, f)});
    }
  }
  absl::StrAppend(out, internal::AlignedTable(rows, 2));
}

}  // namespace

std::string RenderReportText(const v1::Report& report,
                             const TextRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::string out;
  if (zh) {
    absl::StrAppend(&out, report.year(),
                    "年度 非公经济组织和社会组织党建统计报告 (政策 ",
                    report.policy_version(), ")\n");
  } else {
    absl::StrAppend(&out,
                    "Party building in non-public and social organizations, ",
                    report.year(), " (policy ", report.policy_version(), ")\n");
  }
  // Who reports and when, as far as known.
  const v1::ReportInfo& info = report.info();
  std::vector<std::string> said;
  if (!info.reporting_unit().empty()) {
    said.push_back(absl::StrCat(zh ? "填报单位: " : "reporting unit: ",
                                MaskPersonalData(info.reporting_unit())));
  }
  if (info.has_data_date()) {
    said.push_back(absl::StrCat(zh ? "统计截止日期: " : "data as of: ",
                                internal::FormatDate(info.data_date(), zh)));
  }
  if (info.has_made_on()) {
    said.push_back(absl::StrCat(zh ? "制表日期: " : "made on: ",
                                internal::FormatDate(info.made_on(), zh)));
  }
  if (!said.empty()) absl::StrAppend(&out, absl::StrJoin(said, "  "), "\n");
  if (const int n = report.data_quality().damaged_shards_size(); n > 0) {
    absl::StrAppend(
        &out, zh ? absl::StrCat("注意: ", n,
                                " 个文件读取不完整, 以下数字只计已读部分 "
                                "(见数据质量)\n")
                 : absl::StrCat("WARNING: ", n,
                                " files could not be read whole; the figures "
                                "count only what was read (see data "
                                "quality)\n"));
  }
  absl::StrAppend(&out, zh ? "\n== 合计 ==\n" : "\n== Total ==\n");
  RenderFigures(report.total(), options, &out);
  const v1::DataQualityFigures& dq = report.data_quality();
  std::vector<std::vector<std::string>> rows;
  rows.push_back({zh ? "数据质量" : "Data quality"});
  rows.push_back(
      {zh ? "跳过的记录" : "records skipped", FormatCount(dq.skipped_total())});
  for (const v1::NamedCount& c : dq.skipped_records()) {
    rows.push_back({"  " + internal::NamedCountLabel(c.name(), zh),
                    FormatCount(c.count())});
  }
  rows.push_back(
      {zh ? "校验发现" : "findings", FormatCount(dq.findings_total())});
  for (const v1::NamedCount& c : dq.findings()) {
    rows.push_back({"  " + internal::NamedCountLabel(c.name(), zh),
                    FormatCount(c.count())});
  }
  if (dq.damaged_shards_size() > 0) {
    rows.push_back({zh ? "受损文件(数据不完整)" : "damaged files (incomplete)",
                    FormatCount(dq.damaged_shards_size())});
    // A partial may come from anywhere: its text is masked like input.
    for (const v1::DamagedShard& d : dq.damaged_shards()) {
      rows.push_back(
          {"  " + MaskPersonalData(d.file()), FormatCount(d.records_read())});
    }
  }
  absl::StrAppend(&out, internal::AlignedTable(rows, 2));
  if (options.include_groups && internal::IsGrouped(report)) {
    for (const v1::ReportGroup* g :
         internal::GroupsInReadingOrder(report, zh)) {
      absl::StrAppend(&out, "\n== ", internal::GroupTitle(*g, zh), " ==\n");
      RenderFigures(g->figures(), options, &out);
    }
  }
  return out;
}

absl::StatusOr<std::string> RenderReportJson(const v1::Report& report,
                                             const JsonWriteOptions& options) {
  std::string out;
  // The same bytes as protobuf's printer, written directly; protobuf's for
  // what the direct writer leaves to it (nothing a report holds, but a string
  // that is not UTF-8).
  if (internal::WriteJsonLikeProtobuf(report, options.pretty,
                                      options.include_default_values, &out)) {
    return out;
  }
  out.clear();
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = options.pretty;
  print.always_print_primitive_fields = options.include_default_values;
  const auto status =
      google::protobuf::util::MessageToJsonString(report, &out, print);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("RenderReportJson: ", status.ToString()));
  }
  return out;
}

absl::Status WriteReportJson(
    const v1::Report& report, const JsonWriteOptions& options,
    absl::FunctionRef<absl::Status(std::string_view)> write) {
  // About a mebibyte: few writes, and a county-grouped national report (74
  // MB) is never whole.
  constexpr size_t kPiece = size_t{1} << 20;
  absl::Status written;
  const bool done = internal::StreamJsonLikeProtobuf(
      report, options.pretty, options.include_default_values, kPiece,
      [&](absl::string_view piece) {
        written = write(std::string_view(piece.data(), piece.size()));
        return written.ok();
      });
  if (!written.ok()) return written;
  if (!done) {
    // A Report holds no field the writer leaves to protobuf (no map, float,
    // bytes, group or well-known type), so this is not reached.
    return absl::InternalError(
        "WriteReportJson: the report holds a field the JSON writer cannot "
        "write");
  }
  return absl::OkStatus();
}

}  // namespace dangjian
