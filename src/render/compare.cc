// Two years side by side (年度对比): every target and figure of the total and
// of each group, earlier, later and the change, as text and as CSV.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/natural_order.h"
#include "dangjian/personal_data.h"
#include "dangjian/render.h"
#include "render/figures_table.h"

namespace dangjian {
namespace {

using internal::FigureRow;
using internal::FigureUnit;

// A change for people: "+12", "-1,234.50", "+1.7 个百分点" ("+1.7 pp"), "0".
std::string Change(const FigureRow& row, const v1::ReportFigures& change,
                   bool zh) {
  if (row.unit == FigureUnit::kPercent) {
    const double pp = row.percent(change);
    if (pp == 0) return "0";
    return absl::StrFormat("%+.1f%s", pp, zh ? " 个百分点" : " pp");
  }
  const int64_t v = row.count(change);
  if (v == 0) return "0";
  const std::string magnitude =
      row.unit == FigureUnit::kYuan
          ? internal::FormatYuan(v < 0 ? -v : v, /*grouped=*/true)
          : internal::FormatCount(v < 0 ? -v : v);
  return absl::StrCat(v < 0 ? "-" : "+", magnitude);
}

// The rows of the target table and of every figure, for one group.
struct Line {
  std::string key;    // As in RenderReportCsv(): "targets.target_1.met".
  std::string label;  // "目标1 应建尽建 达标".
  const FigureRow* row;
  int target = -1;        // For target lines: 0 to 3.
  const char* part = "";  // "met", "eligible", "rate_percent", "shortfall".
};

std::vector<Line> MakeLines(bool zh) {
  std::vector<Line> lines;
  static constexpr const char* kParts[] = {"met", "eligible", "rate_percent",
                                           "shortfall"};
  static constexpr const char* kPartsZh[] = {"达标", "应达标", "比例",
                                             "未达标"};
  static constexpr const char* kPartsEn[] = {"met", "eligible", "rate",
                                             "short"};
  for (int i = 0; i < 4; ++i) {
    const internal::TargetLabel& l = internal::TargetLabels()[i];
    for (int p = 0; p < 4; ++p) {
      lines.push_back(
          Line{absl::StrCat("targets.target_", i + 1, ".", kParts[p]),
               absl::StrCat(zh ? l.zh : l.en, zh ? " " : ", ",
                            zh ? kPartsZh[p] : kPartsEn[p]),
               nullptr, i, kParts[p]});
    }
  }
  for (const internal::FigureSection& s : internal::FigureSections()) {
    for (const FigureRow& r : s.rows) {
      lines.push_back(Line{r.key, zh ? r.zh : r.en, &r});
    }
  }
  return lines;
}

const std::vector<Line>& Lines(bool zh) {
  static const auto* const kZh = new std::vector<Line>(MakeLines(true));
  static const auto* const kEn = new std::vector<Line>(MakeLines(false));
  return zh ? *kZh : *kEn;
}

// A target line's value in `f`: for people, or raw for CSV (`raw`).
std::string TargetValue(const Line& line, const v1::ReportFigures& f,
                        bool raw) {
  const v1::TargetResult& t = internal::Target(f.targets(), line.target);
  const std::string part = line.part;
  if (part == "rate_percent") {
    return raw ? absl::StrFormat("%.2f", t.rate_percent())
               : internal::FormatPercent(t.rate_percent());
  }
  const int64_t v = part == "met"        ? t.met()
                    : part == "eligible" ? t.eligible()
                                         : t.shortfall();
  return raw ? absl::StrCat(v) : internal::FormatCount(v);
}

std::string TargetChange(const Line& line, const v1::ReportFigures& change,
                         bool zh, bool raw) {
  const v1::TargetResult& t = internal::Target(change.targets(), line.target);
  const std::string part = line.part;
  if (part == "rate_percent") {
    if (raw) return absl::StrFormat("%.2f", t.rate_percent());
    if (t.rate_percent() == 0) return "0";
    return absl::StrFormat("%+.1f%s", t.rate_percent(),
                           zh ? " 个百分点" : " pp");
  }
  const int64_t v = part == "met"        ? t.met()
                    : part == "eligible" ? t.eligible()
                                         : t.shortfall();
  if (raw) return absl::StrCat(v);
  if (v == 0) return "0";
  return absl::StrCat(v < 0 ? "-" : "+", internal::FormatCount(v < 0 ? -v : v));
}

// The groups of `c` in reading order (natural order of their titles).
std::vector<const v1::GroupComparison*> GroupsInReadingOrder(
    const v1::ReportComparison& c, bool zh) {
  std::vector<std::pair<std::string, const v1::GroupComparison*>> titled;
  for (const v1::GroupComparison& g : c.groups()) {
    v1::ReportGroup as_group;
    *as_group.mutable_key() = g.key();
    as_group.set_region_name(g.region_name());
    titled.emplace_back(internal::GroupTitle(as_group, zh), &g);
  }
  std::stable_sort(titled.begin(), titled.end(),
                   [](const auto& a, const auto& b) {
                     return internal::NaturalLess(a.first, b.first);
                   });
  std::vector<const v1::GroupComparison*> out;
  for (const auto& t : titled) out.push_back(t.second);
  return out;
}

std::string Title(const v1::GroupComparison& g, bool zh) {
  v1::ReportGroup as_group;
  *as_group.mutable_key() = g.key();
  as_group.set_region_name(g.region_name());
  return internal::GroupTitle(as_group, zh);
}

void TextBlock(const v1::ReportFigures& earlier, const v1::ReportFigures& later,
               const v1::ReportFigures& change, int y0, int y1, bool zh,
               std::string* out) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back(
      {zh ? "指标" : "figure", zh ? absl::StrCat(y0, "年") : absl::StrCat(y0),
       zh ? absl::StrCat(y1, "年") : absl::StrCat(y1), zh ? "增减" : "change"});
  for (const Line& line : Lines(zh)) {
    if (line.row == nullptr) {
      rows.push_back({line.label, TargetValue(line, earlier, false),
                      TargetValue(line, later, false),
                      TargetChange(line, change, zh, false)});
    } else {
      rows.push_back({line.label, internal::FormatFigure(*line.row, earlier),
                      internal::FormatFigure(*line.row, later),
                      Change(*line.row, change, zh)});
    }
  }
  absl::StrAppend(out, internal::AlignedTable(rows, 2));
}

}  // namespace

std::string RenderComparisonText(const v1::ReportComparison& c,
                                 const TextRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  const int y0 = c.earlier().year(), y1 = c.later().year();
  std::string out =
      zh ? absl::StrCat(y1, "年度 与 ", y0,
                        "年度 对比: 非公经济组织和社会组织党建统计\n")
         : absl::StrCat(
               "Party building in non-public and social "
               "organizations, ",
               y1, " against ", y0, "\n");
  const v1::ReportInfo& info = c.later().info();
  if (!info.reporting_unit().empty()) {
    absl::StrAppend(&out, zh ? "填报单位: " : "reporting unit: ",
                    info.reporting_unit(), "\n");
  }
  absl::StrAppend(&out, zh ? "\n== 合计 ==\n" : "\n== Total ==\n");
  TextBlock(c.earlier().total(), c.later().total(), c.change(), y0, y1, zh,
            &out);
  if (options.include_groups) {
    for (const v1::GroupComparison* g : GroupsInReadingOrder(c, zh)) {
      absl::StrAppend(&out, "\n== ", Title(*g, zh), " ==\n");
      TextBlock(g->earlier(), g->later(), g->change(), y0, y1, zh, &out);
    }
  }
  // A partial may come from anywhere: its text is masked like input.
  return MaskPersonalData(out);
}

std::string RenderComparisonCsv(const v1::ReportComparison& c,
                                const CsvRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::string out = options.utf8_bom ? "\xEF\xBB\xBF" : "";
  absl::StrAppend(&out,
                  "group,region_id,figure,label,earlier,later,change,"
                  "unit\r\n");
  auto block = [&](const std::string& group, const std::string& region_id,
                   const v1::ReportFigures& earlier,
                   const v1::ReportFigures& later,
                   const v1::ReportFigures& change) {
    for (const Line& line : Lines(zh)) {
      std::string e, l, d;
      const char* unit = "count";
      if (line.row == nullptr) {
        e = TargetValue(line, earlier, true);
        l = TargetValue(line, later, true);
        d = TargetChange(line, change, zh, true);
        if (std::string(line.part) == "rate_percent") unit = "percent";
      } else {
        e = internal::RawFigure(*line.row, earlier);
        l = internal::RawFigure(*line.row, later);
        d = internal::RawFigure(*line.row, change);
        unit = line.row->unit == FigureUnit::kCount  ? "count"
               : line.row->unit == FigureUnit::kYuan ? "yuan"
                                                     : "percent";
      }
      absl::StrAppend(&out, internal::CsvField(group), ",",
                      internal::CsvField(region_id), ",", line.key, ",",
                      internal::CsvField(line.label), ",", e, ",", l, ",", d,
                      ",", unit, "\r\n");
    }
  };
  block(zh ? "合计" : "total", "", c.earlier().total(), c.later().total(),
        c.change());
  if (options.include_groups) {
    for (const v1::GroupComparison* g : GroupsInReadingOrder(c, zh)) {
      block(Title(*g, zh), g->key().region_id(), g->earlier(), g->later(),
            g->change());
    }
  }
  return MaskPersonalData(out);
}

}  // namespace dangjian
