// Two years side by side (年度对比): every target and figure of the total and
// of each group, earlier, later and the change, as text and as CSV.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/natural_order.h"
#include "dangjian/personal_data.h"
#include "dangjian/render.h"
#include "render/comparison_lines.h"
#include "render/figures_table.h"

namespace dangjian {
namespace internal {

namespace {

// A rate's change as shown: rounded to a tenth of a point.
double ShownPoints(double pp) { return std::round(pp * 10) / 10; }

}  // namespace

std::string YearLabel(int year, bool zh) {
  return zh ? absl::StrCat(year, "年") : absl::StrCat(year);
}

std::string LineValue(const ComparisonLine& line, const v1::ReportFigures& f) {
  if (line.has_value && !line.has_value(f)) return "-";
  return FormatFigure(line.row, f);
}

std::string LineRawValue(const ComparisonLine& line,
                         const v1::ReportFigures& f) {
  if (line.has_value && !line.has_value(f)) return "";
  if (line.row.unit == FigureUnit::kPercent &&
      !std::isfinite(line.row.percent(f))) {
    return "";
  }
  return RawFigure(line.row, f);
}

bool HasChange(const ComparisonLine& line, const v1::ReportFigures& earlier,
               const v1::ReportFigures& later,
               const v1::ReportFigures& change) {
  if (line.has_value && (!line.has_value(earlier) || !line.has_value(later))) {
    return false;
  }
  return line.row.unit != FigureUnit::kPercent ||
         std::isfinite(line.row.percent(change));
}

int LineChangeSign(const ComparisonLine& line, const v1::ReportFigures& earlier,
                   const v1::ReportFigures& later,
                   const v1::ReportFigures& change) {
  if (!HasChange(line, earlier, later, change)) return 0;
  const double v = line.row.unit == FigureUnit::kPercent
                       ? ShownPoints(line.row.percent(change))
                       : static_cast<double>(line.row.count(change));
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

std::string LineChange(const ComparisonLine& line,
                       const v1::ReportFigures& earlier,
                       const v1::ReportFigures& later,
                       const v1::ReportFigures& change, bool zh,
                       bool with_unit) {
  if (!HasChange(line, earlier, later, change)) return "-";
  if (LineChangeSign(line, earlier, later, change) == 0) return "0";
  const FigureRow& row = line.row;
  if (row.unit == FigureUnit::kPercent) {
    return absl::StrFormat("%+.1f%s", ShownPoints(row.percent(change)),
                           !with_unit ? ""
                           : zh       ? " 个百分点"
                                      : " pp");
  }
  const int64_t v = row.count(change);
  const std::string magnitude =
      row.unit == FigureUnit::kYuan
          ? FormatYuan(v < 0 ? -v : v, /*grouped=*/true)
          : FormatCount(v < 0 ? -v : v);
  return absl::StrCat(v < 0 ? "-" : "+", magnitude);
}

std::string LineRawChange(const ComparisonLine& line,
                          const v1::ReportFigures& earlier,
                          const v1::ReportFigures& later,
                          const v1::ReportFigures& change) {
  if (!HasChange(line, earlier, later, change)) return "";
  return RawFigure(line.row, change);
}

namespace {

std::vector<ComparisonLine> MakeLines(bool zh) {
  std::vector<ComparisonLine> lines;
  using Part = int64_t (*)(const v1::TargetResult&);
  static constexpr struct {
    const char* key;
    const char* zh;
    const char* en;
    Part count;  // Null for the rate.
    int better;
  } kParts[] = {
      {"met", "达标", "met", [](const v1::TargetResult& t) { return t.met(); },
       0},
      {"eligible", "应达标", "eligible",
       [](const v1::TargetResult& t) { return t.eligible(); }, 0},
      {"rate_percent", "比例", "rate", nullptr, 1},
      {"shortfall", "未达标", "short",
       [](const v1::TargetResult& t) { return t.shortfall(); }, -1},
  };
  for (int i = 0; i < 4; ++i) {
    const TargetLabel& l = TargetLabels()[i];
    for (const auto& p : kParts) {
      ComparisonLine line{
          absl::StrCat("targets.target_", i + 1, ".", p.key),
          absl::StrCat(zh ? l.zh : l.en, zh ? " " : ", ", zh ? p.zh : p.en),
          FigureRow{nullptr, nullptr, nullptr, FigureUnit::kCount, {}, {}},
          nullptr, p.better};
      if (p.count != nullptr) {
        line.row.count = [i, count = p.count](const v1::ReportFigures& f) {
          return count(Target(f.targets(), i));
        };
      } else {
        line.row.unit = FigureUnit::kPercent;
        line.row.percent = [i](const v1::ReportFigures& f) {
          return Target(f.targets(), i).rate_percent();
        };
        // No rate where nothing is eligible: a group missing in a year has
        // all zeros, nothing_eligible unset.
        line.has_value = [i](const v1::ReportFigures& f) {
          const v1::TargetResult& t = Target(f.targets(), i);
          return !t.nothing_eligible() && t.eligible() > 0 &&
                 std::isfinite(t.rate_percent());
        };
      }
      lines.push_back(std::move(line));
    }
  }
  for (const FigureSection& s : FigureSections()) {
    for (const FigureRow& r : s.rows) {
      lines.push_back(ComparisonLine{r.key, zh ? r.zh : r.en, r, nullptr, 0});
    }
  }
  return lines;
}

}  // namespace

const std::vector<ComparisonLine>& ComparisonLines(bool zh) {
  static const auto* const kZh =
      new std::vector<ComparisonLine>(MakeLines(true));
  static const auto* const kEn =
      new std::vector<ComparisonLine>(MakeLines(false));
  return zh ? *kZh : *kEn;
}

const ComparisonLine& TargetRateLine(int i, bool zh) {
  // Each target has four lines: met, eligible, rate, short.
  return ComparisonLines(zh)[i * 4 + 2];
}

std::vector<ComparedGroup> ComparedGroupsInReadingOrder(
    const v1::ReportComparison& c, bool zh) {
  std::vector<ComparedGroup> titled;
  for (const v1::GroupComparison& g : c.groups()) {
    v1::ReportGroup as_group;
    *as_group.mutable_key() = g.key();
    as_group.set_region_name(g.region_name());
    titled.push_back(
        ComparedGroup{MaskPersonalData(GroupTitle(as_group, zh)),
                      MaskPersonalData(GroupShortTitle(as_group, zh)),
                      MaskPersonalData(g.key().region_id()), &g});
  }
  std::stable_sort(titled.begin(), titled.end(),
                   [](const ComparedGroup& a, const ComparedGroup& b) {
                     return NaturalLess(a.title, b.title);
                   });
  return titled;
}

}  // namespace internal

namespace {

using internal::ComparisonLine;
using internal::FigureUnit;

void TextBlock(const v1::ReportFigures& earlier, const v1::ReportFigures& later,
               const v1::ReportFigures& change, int y0, int y1, bool zh,
               std::string* out) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({zh ? "指标" : "figure", internal::YearLabel(y0, zh),
                  internal::YearLabel(y1, zh), zh ? "增减" : "change"});
  for (const ComparisonLine& line : internal::ComparisonLines(zh)) {
    rows.push_back({line.label, internal::LineValue(line, earlier),
                    internal::LineValue(line, later),
                    internal::LineChange(line, earlier, later, change, zh)});
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
    for (const internal::ComparedGroup& g :
         internal::ComparedGroupsInReadingOrder(c, zh)) {
      absl::StrAppend(&out, "\n== ", g.title, " ==\n");
      TextBlock(g.group->earlier(), g.group->later(), g.group->change(), y0, y1,
                zh, &out);
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
    for (const ComparisonLine& line : internal::ComparisonLines(zh)) {
      const char* unit = line.row.unit == FigureUnit::kCount  ? "count"
                         : line.row.unit == FigureUnit::kYuan ? "yuan"
                                                              : "percent";
      absl::StrAppend(&out, internal::CsvField(group), ",",
                      internal::CsvField(region_id), ",", line.key, ",",
                      internal::CsvField(line.label), ",",
                      internal::LineRawValue(line, earlier), ",",
                      internal::LineRawValue(line, later), ",",
                      internal::LineRawChange(line, earlier, later, change),
                      ",", unit, "\r\n");
    }
  };
  block(zh ? "合计" : "total", "", c.earlier().total(), c.later().total(),
        c.change());
  if (options.include_groups) {
    for (const internal::ComparedGroup& g :
         internal::ComparedGroupsInReadingOrder(c, zh)) {
      block(g.title, g.region_id, g.group->earlier(), g.group->later(),
            g.group->change());
    }
  }
  return MaskPersonalData(out);
}

}  // namespace dangjian
