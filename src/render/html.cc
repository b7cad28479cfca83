// The report as one self-contained HTML page with inline SVG charts: no
// script, no network, no external font.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "dangjian/personal_data.h"
#include "dangjian/render.h"
#include "render/comparison_lines.h"
#include "render/figures_table.h"

namespace dangjian {
namespace {

using internal::FormatCount;
using internal::FormatPercent;

std::string Esc(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// One bar of a chart.
struct Bar {
  std::string label;  // Left of the bar.
  double value = 0;   // Its length, against the chart's maximum.
  std::string text;   // Right of the bar.
  std::string css;    // Class of the rect, e.g. "t1".
  // Beside the bar where space is short (TargetsChart); `text` goes to the
  // tooltip there.
  std::string short_text = "";
  // The earlier year's value, drawn as a thin grey bar above this one
  // (TargetsChart of a comparison); negative for none.
  double before = -1;
};

// One row of bars sharing a label (a group), or a single bar.
struct BarRow {
  std::string label;
  std::vector<Bar> bars;
};

constexpr int kLabelWidth = 190;
constexpr int kBarArea = 520;
constexpr int kTextWidth = 150;
constexpr int kBarHeight = 14;
constexpr int kBarGap = 3;
constexpr int kRowGap = 10;

// A horizontal bar chart as an inline <svg id=ID class="chart">: each row's
// label at the left and its bars one above the other, each bar's length
// value/max of the bar area, its text at its end.
std::string BarChart(absl::string_view id, const std::vector<BarRow>& rows,
                     double max) {
  int height = kRowGap;
  for (const BarRow& r : rows) {
    height += static_cast<int>(r.bars.size()) * (kBarHeight + kBarGap) -
              kBarGap + kRowGap;
  }
  const int width = kLabelWidth + kBarArea + kTextWidth;
  std::string out = absl::StrFormat(
      "<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
      "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
      Esc(id), width, height, width, height);
  int y = kRowGap;
  for (const BarRow& r : rows) {
    const int block =
        static_cast<int>(r.bars.size()) * (kBarHeight + kBarGap) - kBarGap;
    absl::StrAppendFormat(
        &out,
        "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
        "dominant-baseline=\"middle\">%s</text>\n",
        kLabelWidth - 8, y + block / 2, Esc(r.label));
    for (const Bar& b : r.bars) {
      const double share = max > 0 ? std::clamp(b.value / max, 0.0, 1.0) : 0.0;
      const int w = static_cast<int>(share * kBarArea + 0.5);
      absl::StrAppendFormat(
          &out,
          "<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" "
          "height=\"%d\"/>"
          "<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
          "data-value=\"%g\"><title>%s %s: %s</title></rect>"
          "<text class=\"value\" x=\"%d\" y=\"%d\" "
          "dominant-baseline=\"middle\">%s</text>\n",
          kLabelWidth, y, kBarArea, kBarHeight, Esc(b.css), kLabelWidth, y, w,
          kBarHeight, b.value, Esc(r.label), Esc(b.label), Esc(b.text),
          kLabelWidth + w + 6, y + kBarHeight / 2, Esc(b.text));
      y += kBarHeight + kBarGap;
    }
    y += kRowGap - kBarGap;
  }
  out += "</svg>\n";
  return out;
}

// The four targets of each row (the total, then each group) side by side: one
// column per target, each a bar of the rate with the rate beside it; the
// counts in each bar's tooltip. Compact enough for a county's townships. A
// bar with an earlier value (Bar::before) shows it as a thin bar above.
std::string TargetsChart(absl::string_view id, const std::vector<BarRow>& rows,
                         const std::vector<std::string>& headers) {
  constexpr int kColumn = 190;
  constexpr int kBar = 110;
  constexpr int kRow = 20;
  constexpr int kTop = 22;
  const int width = kLabelWidth + 4 * kColumn;
  const int height = kTop + static_cast<int>(rows.size()) * kRow + 4;
  std::string out = absl::StrFormat(
      "<svg id=\"%s\" class=\"chart\" "
      "xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
      "viewBox=\"0 0 %d %d\" role=\"img\">\n",
      Esc(id), width, height, width, height);
  for (size_t c = 0; c < headers.size(); ++c) {
    absl::StrAppendFormat(
        &out, "<text class=\"head\" x=\"%d\" y=\"14\">%s</text>\n",
        kLabelWidth + static_cast<int>(c) * kColumn, Esc(headers[c]));
  }
  int y = kTop;
  for (size_t i = 0; i < rows.size(); ++i) {
    const BarRow& r = rows[i];
    if (i % 2 == 1) {
      absl::StrAppendFormat(&out,
                            "<rect class=\"stripe\" x=\"0\" y=\"%d\" "
                            "width=\"%d\" height=\"%d\"/>\n",
                            y, width, kRow);
    }
    absl::StrAppendFormat(
        &out,
        "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
        "dominant-baseline=\"middle\">%s</text>\n",
        kLabelWidth - 8, y + kRow / 2, Esc(r.label));
    for (size_t c = 0; c < r.bars.size(); ++c) {
      const Bar& b = r.bars[c];
      const int x = kLabelWidth + static_cast<int>(c) * kColumn;
      const int w =
          static_cast<int>(std::clamp(b.value / 100.0, 0.0, 1.0) * kBar + 0.5);
      if (b.before >= 0) {
        // Two years: the earlier a thin grey bar, the later below it.
        const int wb = static_cast<int>(
            std::clamp(b.before / 100.0, 0.0, 1.0) * kBar + 0.5);
        absl::StrAppendFormat(
            &out,
            "<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" "
            "height=\"14\"/><rect class=\"bar before\" x=\"%d\" y=\"%d\" "
            "width=\"%d\" height=\"4\" data-value=\"%g\"/><rect "
            "class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"9\" "
            "data-value=\"%g\"><title>%s %s: %s</title></rect><text "
            "class=\"value\" x=\"%d\" y=\"%d\" "
            "dominant-baseline=\"middle\">%s</text>\n",
            x, y + 3, kBar, x, y + 3, wb, b.before, Esc(b.css), x, y + 8, w,
            b.value, Esc(r.label), Esc(b.label), Esc(b.text), x + kBar + 6,
            y + kRow / 2, Esc(b.short_text));
        continue;
      }
      absl::StrAppendFormat(
          &out,
          "<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" "
          "height=\"12\"/><rect class=\"bar %s\" x=\"%d\" y=\"%d\" "
          "width=\"%d\" height=\"12\" data-value=\"%g\"><title>%s %s: "
          "%s</title></rect><text class=\"value\" x=\"%d\" y=\"%d\" "
          "dominant-baseline=\"middle\">%s</text>\n",
          x, y + 4, kBar, Esc(b.css), x, y + 4, w, b.value, Esc(r.label),
          Esc(b.label), Esc(b.text), x + kBar + 6, y + kRow / 2,
          Esc(b.short_text));
    }
    y += kRow;
  }
  out += "</svg>\n";
  return out;
}

struct Html {
  bool zh;
  std::string out;
  const char* T(const char* zh_text, const char* en_text) const {
    return zh ? zh_text : en_text;
  }
};

// Whether `f` has nothing eligible for any of the four targets (the banner's
// own record, say): no rate to show.
bool NothingEligible(const v1::ReportFigures& f) {
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = internal::Target(f.targets(), i);
    if (!t.nothing_eligible() && t.eligible() > 0) return false;
  }
  return true;
}

// The targets' headers of a chart: "目标1 应建尽建", "1 · found where
// possible".
std::vector<std::string> TargetHeaders(bool zh) {
  std::vector<std::string> headers;
  for (int i = 0; i < 4; ++i) {
    const internal::TargetLabel& l = internal::TargetLabels()[i];
    headers.push_back(zh ? std::string(l.zh)
                         : absl::StrCat(i + 1, " · ", l.short_en));
  }
  return headers;
}

// Under a chart that shows `cap` of `groups` groups: that the table lists
// them all.
void ChartCapNote(size_t cap, size_t groups, Html* h) {
  if (groups <= cap) return;
  absl::StrAppend(&h->out, "<p class=\"note\">",
                  h->zh
                      ? absl::StrCat("图中列出前 ", cap, " 个分组, 共 ", groups,
                                     " 个; 下表列出全部。")
                      : absl::StrCat("The chart shows the first ", cap, " of ",
                                     groups, " groups; the table lists all."),
                  "</p>\n");
}

// Opens a table of the four targets, three columns each: <table class=CSS
// id=ID>, the group's header over two rows and each target's name over its
// three columns; the caller writes the second header row's cells, then
// "</tr></thead>".
void TargetsTableHead(const char* css, const char* id, Html* h) {
  absl::StrAppend(&h->out, "<table class=\"", css, "\" id=\"", id,
                  "\"><thead><tr><th rowspan=\"2\">", h->T("分组", "group"),
                  "</th>");
  for (int i = 0; i < 4; ++i) {
    const internal::TargetLabel& l = internal::TargetLabels()[i];
    absl::StrAppend(&h->out, "<th colspan=\"3\" class=\"t", i + 1, "\">",
                    Esc(h->zh ? l.zh : absl::StrCat(i + 1, " · ", l.short_en)),
                    "</th>");
  }
  absl::StrAppend(&h->out, "</tr><tr>");
}

// The four targets of the total and of the groups (all with something
// eligible, not only those the chart has room for) as numbers: met,
// eligible and short.
void TargetsTable(const v1::Report& report,
                  const std::vector<const v1::ReportGroup*>& groups, Html* h) {
  const bool zh = h->zh;
  TargetsTableHead("targets", "targets-table", h);
  for (int i = 0; i < 4; ++i) {
    absl::StrAppend(&h->out, "<th>", h->T("达标", "met"), "</th><th>",
                    h->T("应达标", "eligible"), "</th><th>",
                    h->T("未达标", "short"), "</th>");
  }
  absl::StrAppend(&h->out, "</tr></thead><tbody>\n");
  auto row = [&](const std::string& name, const v1::ReportFigures& f,
                 const char* css) {
    absl::StrAppend(&h->out, "<tr", css, "><th>", Esc(name), "</th>");
    for (int i = 0; i < 4; ++i) {
      const v1::TargetResult& t = internal::Target(f.targets(), i);
      absl::StrAppend(&h->out, "<td>", FormatCount(t.met()), "</td><td>",
                      FormatCount(t.eligible()), "</td><td",
                      t.shortfall() > 0 ? " class=\"short\">" : ">",
                      FormatCount(t.shortfall()), "</td>");
    }
    absl::StrAppend(&h->out, "</tr>\n");
  };
  row(h->T("合计", "Total"), report.total(), " class=\"total\"");
  for (const v1::ReportGroup* g : groups) {
    row(internal::GroupShortTitle(*g, zh), g->figures(), "");
  }
  absl::StrAppend(&h->out, "</tbody></table>\n");
}

void Targets(const v1::Report& report, const HtmlRenderOptions& options,
             Html* h) {
  const bool zh = h->zh;
  // The headline: the four rates of the total.
  absl::StrAppend(&h->out, "<section id=\"summary\"><div class=\"cards\">\n");
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = internal::Target(report.total().targets(), i);
    const internal::TargetLabel& l = internal::TargetLabels()[i];
    absl::StrAppendFormat(
        &h->out,
        "<div class=\"card t%d\" id=\"card-target-%d\"><div "
        "class=\"name\">%s %d · %s</div><div class=\"rate\">%s</div><div "
        "class=\"detail\">%s / %s%s</div></div>\n",
        i + 1, i + 1, h->T("目标", "Target"), i + 1,
        Esc(zh ? l.short_zh : l.short_en),
        t.nothing_eligible() ? "-" : FormatPercent(t.rate_percent()),
        FormatCount(t.met()), FormatCount(t.eligible()),
        t.shortfall() > 0 ? absl::StrCat(h->T(" · 未达标 ", " · short "),
                                         FormatCount(t.shortfall()))
                          : "");
  }
  const bool full = report.total().targets().full_coverage();
  absl::StrAppendFormat(
      &h->out,
      "<div class=\"card %s\" id=\"card-full-coverage\"><div "
      "class=\"name\">%s</div><div class=\"rate\">%s</div><div "
      "class=\"detail\">%s</div></div>\n</div></section>\n",
      full ? "full" : "notfull", h->T("全覆盖", "Full coverage"),
      full ? h->T("是", "yes") : h->T("否", "no"),
      h->T("四个100%", "all four at 100%"));

  // The four targets per group as bars.
  std::vector<const v1::ReportGroup*> groups;
  if (internal::IsGrouped(report)) {
    groups = internal::GroupsInReadingOrder(report, zh);
  }
  std::vector<BarRow> rows;
  auto row_of = [&](const std::string& label, const v1::ReportFigures& f) {
    BarRow row{label, {}};
    for (int i = 0; i < 4; ++i) {
      const v1::TargetResult& t = internal::Target(f.targets(), i);
      const internal::TargetLabel& l = internal::TargetLabels()[i];
      row.bars.push_back(Bar{
          zh ? l.short_zh : l.short_en, t.rate_percent(),
          t.nothing_eligible() ? h->T("无适用对象", "none eligible")
                               : absl::StrCat(FormatPercent(t.rate_percent()),
                                              " (", FormatCount(t.met()), "/",
                                              FormatCount(t.eligible()), ")"),
          absl::StrCat("t", i + 1),
          t.nothing_eligible() ? "-" : FormatPercent(t.rate_percent())});
    }
    return row;
  };
  rows.push_back(row_of(h->T("合计", "Total"), report.total()));
  // A group with nothing eligible for any target (the banner's own record,
  // say) has no bar to show.
  groups.erase(std::remove_if(groups.begin(), groups.end(),
                              [](const v1::ReportGroup* g) {
                                return NothingEligible(g->figures());
                              }),
               groups.end());
  const size_t cap = static_cast<size_t>(std::max(0, options.max_chart_groups));
  for (size_t i = 0; i < groups.size() && i < cap; ++i) {
    rows.push_back(row_of(internal::GroupShortTitle(*groups[i], zh),
                          groups[i]->figures()));
  }
  absl::StrAppend(&h->out, "<section id=\"targets\"><h2>",
                  h->T("四个100%: 达标率", "The four 100% targets: rates"),
                  "</h2>\n",
                  TargetsChart("chart-targets", rows, TargetHeaders(zh)));
  ChartCapNote(cap, groups.size(), h);
  TargetsTable(report, groups, h);
  absl::StrAppend(&h->out, "</section>\n");
}

void Stars(const v1::ReportFigures& f, Html* h) {
  const auto& p = f.party_organizations();
  const std::pair<const char*, int64_t> stars[] = {
      {h->T("五星级", "five stars"), p.five_star()},
      {h->T("四星级", "four stars"), p.four_star()},
      {h->T("三星级", "three stars"), p.three_star()},
      {h->T("二星级", "two stars"), p.two_star()},
      {h->T("一星级", "one star"), p.one_star()},
      {h->T("未评星", "unrated"), p.unrated()},
  };
  int64_t max = 0;
  for (const auto& s : stars) max = std::max(max, s.second);
  std::vector<BarRow> rows;
  for (size_t i = 0; i < 6; ++i) {
    rows.push_back(BarRow{stars[i].first,
                          {Bar{"", static_cast<double>(stars[i].second),
                               FormatCount(stars[i].second),
                               i < 5 ? absl::StrCat("star s", 5 - i)
                                     : std::string("star unrated")}}});
  }
  absl::StrAppend(
      &h->out, "<section id=\"stars\"><h2>",
      h->T("星级管理: 单建党组织星级分布",
           "Star ratings of standalone organizations"),
      "</h2>\n", BarChart("chart-stars", rows, static_cast<double>(max)),
      "<p class=\"note\">", h->T("示范点: ", "demonstration points: "),
      FormatCount(p.demonstration_points()), "</p></section>\n");
}

void Funding(const v1::ReportFigures& f, Html* h) {
  const auto& m = f.funding();
  const std::pair<const char*, int64_t> sources[] = {
      {h->T("企业列支", "enterprise allocation"),
       m.enterprise_allocation_fen()},
      {h->T("上级补充", "superior supplement"), m.superior_supplement_fen()},
      {h->T("党费返还", "dues returned"), m.dues_returned_fen()},
      {h->T("财政补贴", "fiscal subsidy"), m.fiscal_subsidy_fen()},
      {h->T("来源不明", "source not recorded"), m.unspecified_fen()},
  };
  int64_t max = 0;
  for (const auto& s : sources) max = std::max(max, s.second);
  std::vector<BarRow> rows;
  const char* kCss[] = {"fund enterprise", "fund superior", "fund dues",
                        "fund fiscal", "fund unspecified"};
  for (size_t i = 0; i < 5; ++i) {
    rows.push_back(
        BarRow{sources[i].first,
               {Bar{"", static_cast<double>(sources[i].second),
                    absl::StrCat(internal::FormatYuan(sources[i].second, true),
                                 h->T(" 元", " yuan")),
                    kCss[i]}}});
  }
  absl::StrAppend(
      &h->out, "<section id=\"funding\"><h2>",
      h->T("经费保障: 四个一 按来源", "Funding by source (the four ones)"),
      "</h2>\n", BarChart("chart-funding", rows, static_cast<double>(max)),
      "<p class=\"note\">", h->T("合计 ", "total "),
      internal::FormatYuan(m.total_fen(), true), h->T(" 元; ", " yuan; "),
      h->T("四个来源全部到位的党组织 ", "organizations funded by all four: "),
      FormatCount(f.party_organizations().funded_by_all_four()),
      "</p></section>\n");
}

void SixHaves(const v1::ReportFigures& f, Html* h) {
  const auto& v = f.venues();
  const std::pair<const char*, int64_t> items[] = {
      {h->T("六有全部达标", "all six"), v.all_six_haves()},
      {h->T("有场所", "a site"), v.has_site()},
      {h->T("有设施", "facilities"), v.has_facilities()},
      {h->T("有标志", "signage"), v.has_signage()},
      {h->T("有党旗", "a party flag"), v.has_party_flag()},
      {h->T("有书报", "books and newspapers"), v.has_books_and_newspapers()},
      {h->T("有制度", "rules on the wall"), v.has_rules_on_wall()},
  };
  std::vector<BarRow> rows;
  for (size_t i = 0; i < 7; ++i) {
    const double pct = v.total() > 0
                           ? 100.0 * static_cast<double>(items[i].second) /
                                 static_cast<double>(v.total())
                           : 0.0;
    rows.push_back(BarRow{items[i].first,
                          {Bar{"", pct,
                               absl::StrCat(FormatPercent(pct), " (",
                                            FormatCount(items[i].second), "/",
                                            FormatCount(v.total()), ")"),
                               i == 0 ? "have all" : "have"}}});
  }
  absl::StrAppend(&h->out, "<section id=\"six-haves\"><h2>",
                  h->T("活动场所: 六有达标情况", "Venues: the six haves"),
                  "</h2>\n", BarChart("chart-six-haves", rows, 100),
                  "<p class=\"note\">", h->T("场所 ", "venues: "),
                  FormatCount(v.total()), h->T(", 自有 ", ", own "),
                  FormatCount(v.own()), h->T(", 共用 ", ", shared "),
                  FormatCount(v.shared()), "</p></section>\n");
}

void Worklists(const v1::ReportFigures& f, Html* h) {
  absl::StrAppend(&h->out, "<section id=\"worklists\"><h2>",
                  h->T("工作清单: 未达标的单位", "Worklists: who falls short"),
                  "</h2>\n");
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = internal::Target(f.targets(), i);
    const internal::TargetLabel& l = internal::TargetLabels()[i];
    absl::StrAppendFormat(&h->out,
                          "<div class=\"worklist\" id=\"worklist-%d\"><h3>%s "
                          "<span class=\"count\">%s</span></h3>\n",
                          i + 1, Esc(h->zh ? l.zh : l.en),
                          FormatCount(t.shortfall()));
    if (t.shortfall() == 0) {
      absl::StrAppend(&h->out, "<p class=\"none\">",
                      h->T("无: 全部达标", "none: every one meets it"),
                      "</p></div>\n");
      continue;
    }
    if (t.worklist_entries_size() == 0) {  // A partial of dangjian 0.2.0.
      absl::StrAppend(&h->out, "<ol>");
      for (const std::string& id : t.worklist()) {
        absl::StrAppend(&h->out, "<li>", Esc(id), "</li>");
      }
      absl::StrAppend(&h->out, "</ol>");
    } else {
      // The columns of the CSV and workbook worklists a page has room for:
      // region, name, id, grid, instructor, reason.
      static constexpr size_t kColumns[] = {1, 3, 4, 5, 6, 9};
      const std::vector<std::string>& header = internal::WorklistHeader(h->zh);
      absl::StrAppend(&h->out, "<table class=\"entries\"><thead><tr>");
      for (size_t c : kColumns) {
        absl::StrAppend(&h->out, "<th>", Esc(header[c]), "</th>");
      }
      absl::StrAppend(&h->out, "</tr></thead><tbody>");
      for (const v1::WorklistEntry& e : t.worklist_entries()) {
        const std::vector<std::string> cells =
            internal::WorklistCells(i, e, h->zh);
        absl::StrAppend(&h->out, "<tr>");
        for (size_t c : kColumns) {
          absl::StrAppend(
              &h->out,
              c == internal::kWorklistIdColumn ? "<td class=\"id\">" : "<td>",
              Esc(cells[c]), "</td>");
        }
        absl::StrAppend(&h->out, "</tr>");
      }
      absl::StrAppend(&h->out, "</tbody></table>");
    }
    if (t.shortfall() > t.worklist_size()) {
      absl::StrAppend(&h->out, "<p class=\"note\">",
                      h->zh
                          ? absl::StrCat("列出前 ", t.worklist_size(),
                                         " 个, 共 ", FormatCount(t.shortfall()),
                                         " 个 (上限 ", t.worklist_cap(), ")")
                          : absl::StrCat("the first ", t.worklist_size(),
                                         " of ", FormatCount(t.shortfall()),
                                         " (cap ", t.worklist_cap(), ")"),
                      "</p>");
    }
    absl::StrAppend(&h->out, "</div>\n");
  }
  absl::StrAppend(&h->out, "</section>\n");
}

void FiguresTable(const v1::Report& report, Html* h) {
  absl::StrAppend(&h->out, "<section id=\"figures\"><h2>",
                  h->T("全部指标 (合计)", "Every figure (total)"),
                  "</h2>\n<div class=\"tables\">\n");
  for (const internal::FigureSection& s : internal::FigureSections()) {
    absl::StrAppendFormat(&h->out,
                          "<table class=\"figures\" id=\"figures-%s\"><caption>"
                          "%s</caption>\n",
                          s.key, Esc(h->zh ? s.zh : s.en));
    for (const internal::FigureRow& r : s.rows) {
      absl::StrAppendFormat(&h->out,
                            "<tr data-key=\"%s\"><th>%s</th><td>%s</td></tr>\n",
                            r.key, Esc(h->zh ? r.zh : r.en),
                            Esc(internal::FormatFigure(r, report.total())));
    }
    absl::StrAppend(&h->out, "</table>\n");
  }
  const v1::DataQualityFigures& dq = report.data_quality();
  absl::StrAppend(&h->out,
                  "<table class=\"figures\" id=\"figures-data-quality\">"
                  "<caption>",
                  h->T("数据质量", "Data quality"), "</caption>\n<tr><th>",
                  h->T("跳过的记录", "records skipped"), "</th><td>",
                  FormatCount(dq.skipped_total()), "</td></tr>\n");
  for (const v1::NamedCount& c : dq.skipped_records()) {
    absl::StrAppend(&h->out, "<tr><th class=\"sub\">",
                    Esc(internal::NamedCountLabel(c.name(), h->zh)),
                    "</th><td>", FormatCount(c.count()), "</td></tr>\n");
  }
  absl::StrAppend(&h->out, "<tr><th>", h->T("校验发现", "findings"),
                  "</th><td>", FormatCount(dq.findings_total()),
                  "</td></tr>\n");
  for (const v1::NamedCount& c : dq.findings()) {
    absl::StrAppend(&h->out, "<tr><th class=\"sub\">",
                    Esc(internal::NamedCountLabel(c.name(), h->zh)),
                    "</th><td>", FormatCount(c.count()), "</td></tr>\n");
  }
  if (dq.damaged_shards_size() > 0) {
    absl::StrAppend(&h->out, "<tr class=\"damaged\"><th>",
                    h->T("受损文件(数据不完整)", "damaged files (incomplete)"),
                    "</th><td>", FormatCount(dq.damaged_shards_size()),
                    "</td></tr>\n");
    for (const v1::DamagedShard& d : dq.damaged_shards()) {
      // A partial may come from anywhere: its text is masked like input.
      absl::StrAppend(&h->out, "<tr><th class=\"sub\">",
                      Esc(MaskPersonalData(d.file())), "</th><td>",
                      Esc(MaskPersonalData(d.reason())), "</td></tr>\n");
    }
  }
  absl::StrAppend(&h->out, "</table>\n</div></section>\n");
}

// A list of (name, value) under the title: <dl id="report-info">.
void InfoList(const std::vector<std::pair<std::string, std::string>>& items,
              Html* h) {
  absl::StrAppend(&h->out, "<dl class=\"info\" id=\"report-info\">");
  for (const auto& [name, value] : items) {
    absl::StrAppend(&h->out, "<div><dt>", Esc(name), h->T("：", ": "),
                    "</dt><dd>", Esc(value), "</dd></div>");
  }
  absl::StrAppend(&h->out, "</dl>\n");
}

// Who reports and when, under the title: the report year, the reporting
// unit, the data date and the date made, those that are known.
void Info(const v1::Report& report, Html* h) {
  const v1::ReportInfo& info = report.info();
  std::vector<std::pair<std::string, std::string>> items;
  if (!info.reporting_unit().empty()) {
    items.emplace_back(h->T("填报单位", "Reporting unit"),
                       MaskPersonalData(info.reporting_unit()));
  }
  items.emplace_back(
      h->T("统计年度", "Year"),
      h->zh ? absl::StrCat(report.year(), "年") : absl::StrCat(report.year()));
  if (info.has_data_date()) {
    items.emplace_back(h->T("统计截止日期", "Data as of"),
                       internal::FormatDate(info.data_date(), h->zh));
  }
  if (info.has_made_on()) {
    items.emplace_back(h->T("制表日期", "Made on"),
                       internal::FormatDate(info.made_on(), h->zh));
  }
  InfoList(items, h);
}

constexpr char kStyle[] = R"css(
body{font-family:system-ui,"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:24px auto;padding:0 16px;max-width:1100px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #c8102e;padding-bottom:4px}
h3{font-size:14px;margin:12px 0 4px}.sub-title{color:#666;margin:0 0 16px}
.cards{display:flex;gap:12px}.card{flex:1 1 0;min-width:0;border:1px solid #ddd;border-top:4px solid #999;border-radius:4px;padding:10px 14px}
.card .name{font-size:13px;color:#555}.card .rate{font-size:26px;font-weight:600}.card .detail{font-size:12px;color:#666}
.card.t1{border-top-color:#c8102e}.card.t2{border-top-color:#e8a317}.card.t3{border-top-color:#2b7bb9}.card.t4{border-top-color:#3a9d5d}
.card.full{background:#eef8f0}.card.notfull{background:#fdf0f0}
svg.chart{display:block;font-size:12px;max-width:100%;height:auto}svg .head{font-weight:600;fill:#333}svg .stripe{fill:#fafafa}svg .label{fill:#333}svg .value{fill:#444}svg .track{fill:#f2f2f2}
.bar.t1{fill:#c8102e}.bar.t2{fill:#e8a317}.bar.t3{fill:#2b7bb9}.bar.t4{fill:#3a9d5d}
.bar.star{fill:#e8a317}.bar.star.unrated{fill:#aaa}.bar.fund{fill:#2b7bb9}.bar.fund.unspecified{fill:#aaa}
.bar.have{fill:#3a9d5d}.bar.have.all{fill:#c8102e}
.legend{font-size:12px;margin:4px 0 8px}.legend .key{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-1px}
.key.t1{background:#c8102e}.key.t2{background:#e8a317}.key.t3{background:#2b7bb9}.key.t4{background:#3a9d5d}
.note{font-size:12px;color:#666}.worklist ol{columns:4;font-family:monospace;font-size:12px;margin:4px 0}.worklist table.entries{font-size:12px;border-collapse:collapse}.worklist table.entries th,.worklist table.entries td{text-align:left;padding:2px 8px;border-bottom:1px solid #eee}.worklist td.id{font-family:monospace}.worklist .count{color:#c8102e}
.none{color:#3a9d5d;font-size:13px;margin:2px 0}
.tables{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}table.figures{border-collapse:collapse;font-size:12px;min-width:320px}
table.figures caption{text-align:left;font-weight:600;padding:4px 0}table.figures th{text-align:left;font-weight:normal;padding:2px 12px 2px 0;border-bottom:1px solid #eee}
table.figures th.sub{padding-left:16px;color:#666}table.figures td{text-align:right;font-variant-numeric:tabular-nums;border-bottom:1px solid #eee}
footer{margin-top:32px;font-size:11px;color:#888}
dl.info{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0 0 8px;font-size:14px}dl.info div{display:flex}dl.info dt{color:#555;white-space:pre}dl.info dd{margin:0}
table.targets{border-collapse:collapse;font-size:11px;margin:12px 0;max-width:100%}table.targets th,table.targets td{padding:2px 5px;border-bottom:1px solid #eee}
table.targets thead th{font-weight:600;text-align:center;border-bottom:1px solid #ccc}table.targets tbody th{text-align:left;font-weight:normal}
table.targets td{text-align:right;font-variant-numeric:tabular-nums}table.targets td.short{color:#c8102e}table.targets tr.total{font-weight:600}
table.targets th.t1{border-top:3px solid #c8102e}table.targets th.t2{border-top:3px solid #e8a317}table.targets th.t3{border-top:3px solid #2b7bb9}table.targets th.t4{border-top:3px solid #3a9d5d}
.worklist td{overflow-wrap:anywhere}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;padding:0;max-width:none;font-size:12px}h2{break-after:avoid}section{break-inside:auto}
svg.chart,.cards,.card,table.figures{break-inside:avoid}tr{break-inside:avoid}thead{display:table-header-group}
#worklists,#figures{break-before:page}.card.full,.card.notfull{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)css";

// The page up to the title: <head> with the style (and `extra_style`),
// then <h1>.
void Head(const std::string& title, const char* extra_style, Html* h) {
  absl::StrAppend(&h->out, "<!DOCTYPE html>\n<html lang=\"",
                  h->zh ? "zh-CN" : "en",
                  "\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width\">\n"
                  "<title>",
                  Esc(title), "</title>\n<style>", kStyle, extra_style,
                  "</style>\n</head>\n<body>\n<h1>", Esc(title), "</h1>\n");
}

// The policy version, that dangjian made the page, and the page's end.
void Footer(const std::string& policy_version, Html* h) {
  absl::StrAppend(&h->out, "<footer>", h->T("政策版本 ", "Policy "),
                  Esc(policy_version),
                  h->T("。由 dangjian 生成；本页不含个人身份信息。",
                       ". Made by dangjian; this page holds no personal data."),
                  "</footer>\n</body>\n</html>\n");
}

// What a comparison page adds to the style: the earlier year's bars, and
// rises and falls in the tables.
constexpr char kCompareStyle[] = R"css(
svg .bar.before{fill:#9a9a9a}.change.good{color:#2f7d4a}.change.bad{color:#c8102e}
table.compare{border-collapse:collapse;font-size:12px;margin:4px 0 12px}table.compare th,table.compare td{padding:2px 8px;border-bottom:1px solid #eee}
table.compare thead th{font-weight:600;text-align:center;border-bottom:1px solid #ccc}table.compare tbody th{text-align:left;font-weight:normal}
table.compare td{text-align:right;font-variant-numeric:tabular-nums}table.compare tr.total{font-weight:600}
table.compare.targets{font-size:11px}table.compare.targets th,table.compare.targets td{padding:2px 4px}
@media print{table.compare{break-inside:auto}section.group{break-inside:avoid-page}}
)css";

// The class of a change: "change up" or "change down" by its sign as shown,
// with "good" or "bad" where the line says which way is better (a rate up,
// a shortfall down); "" for none.
const char* ChangeClass(const internal::ComparisonLine& line,
                        const v1::ReportFigures& earlier,
                        const v1::ReportFigures& later,
                        const v1::ReportFigures& change) {
  const int sign = internal::LineChangeSign(line, earlier, later, change);
  if (sign == 0) return "";
  const int news = sign * line.better;
  if (sign > 0) {
    return news > 0   ? " class=\"change up good\""
           : news < 0 ? " class=\"change up bad\""
                      : " class=\"change up\"";
  }
  return news > 0   ? " class=\"change down good\""
         : news < 0 ? " class=\"change down bad\""
                    : " class=\"change down\"";
}

// Every line of one group (or the total) in two years: a table with the
// earlier value, the later and the change.
void ComparisonTable(const std::string& id, const v1::ReportFigures& earlier,
                     const v1::ReportFigures& later,
                     const v1::ReportFigures& change, int y0, int y1, Html* h) {
  absl::StrAppend(&h->out, "<table class=\"compare\" id=\"", Esc(id),
                  "\"><thead><tr><th>", h->T("指标", "Figure"), "</th><th>",
                  internal::YearLabel(y0, h->zh), "</th><th>",
                  internal::YearLabel(y1, h->zh), "</th><th>",
                  h->T("增减", "Change"), "</th></tr></thead><tbody>\n");
  for (const internal::ComparisonLine& line :
       internal::ComparisonLines(h->zh)) {
    absl::StrAppend(
        &h->out, "<tr data-key=\"", line.key, "\"><th>", Esc(line.label),
        "</th><td>", Esc(internal::LineValue(line, earlier)), "</td><td>",
        Esc(internal::LineValue(line, later)), "</td><td",
        ChangeClass(line, earlier, later, change), ">",
        Esc(internal::LineChange(line, earlier, later, change, h->zh)),
        "</td></tr>\n");
  }
  absl::StrAppend(&h->out, "</tbody></table>\n");
}

// The four targets' rates of the total and every group in two years.
void ComparedTargetsTable(const v1::ReportComparison& c,
                          const std::vector<internal::ComparedGroup>& groups,
                          Html* h) {
  const bool zh = h->zh;
  const int y0 = c.earlier().year(), y1 = c.later().year();
  TargetsTableHead("compare targets", "compare-targets-table", h);
  for (int i = 0; i < 4; ++i) {
    absl::StrAppend(&h->out, "<th>", internal::YearLabel(y0, zh), "</th><th>",
                    internal::YearLabel(y1, zh), "</th><th>",
                    h->T("增减(百分点)", "change (pp)"), "</th>");
  }
  absl::StrAppend(&h->out, "</tr></thead><tbody>\n");
  auto row = [&](const std::string& name, const v1::ReportFigures& earlier,
                 const v1::ReportFigures& later,
                 const v1::ReportFigures& change, const char* css) {
    absl::StrAppend(&h->out, "<tr", css, "><th>", Esc(name), "</th>");
    for (int i = 0; i < 4; ++i) {
      const internal::ComparisonLine& rate = internal::TargetRateLine(i, zh);
      absl::StrAppend(&h->out, "<td>", internal::LineValue(rate, earlier),
                      "</td><td>", internal::LineValue(rate, later), "</td><td",
                      ChangeClass(rate, earlier, later, change), ">",
                      internal::LineChange(rate, earlier, later, change, zh,
                                           /*with_unit=*/false),
                      "</td>");
    }
    absl::StrAppend(&h->out, "</tr>\n");
  };
  row(h->T("合计", "Total"), c.earlier().total(), c.later().total(), c.change(),
      " class=\"total\"");
  for (const internal::ComparedGroup& g : groups) {
    row(g.short_title, g.group->earlier(), g.group->later(), g.group->change(),
        "");
  }
  absl::StrAppend(&h->out, "</tbody></table>\n");
}

}  // namespace

std::string RenderReportHtml(const v1::Report& report,
                             const HtmlRenderOptions& options) {
  Html h{options.language == ReportLanguage::kChinese, ""};
  // A title is text like any other: masked.
  const std::string title =
      !options.title.empty()
          ? MaskPersonalData(options.title)
          : (h.zh ? absl::StrCat(report.year(),
                                 "年度 非公经济组织和社会组织党建统计报告")
                  : absl::StrCat("Party building in non-public and social "
                                 "organizations, ",
                                 report.year()));
  Head(title, "", &h);
  Info(report, &h);
  absl::StrAppend(
      &h.out, "<p class=\"sub-title\">", h.T("单位 ", "units "),
      FormatCount(report.total().units().total()),
      h.T(" · 党组织覆盖率 ", " · organization coverage "),
      FormatPercent(report.total().units().organization_coverage_percent()),
      h.T(" · 党的工作覆盖率 ", " · work coverage "),
      FormatPercent(report.total().units().work_coverage_percent()), "</p>\n");
  Targets(report, options, &h);
  Stars(report.total(), &h);
  Funding(report.total(), &h);
  SixHaves(report.total(), &h);
  if (options.include_worklists) Worklists(report.total(), &h);
  FiguresTable(report, &h);
  Footer(report.policy_version(), &h);
  return std::move(h.out);
}

std::string RenderComparisonHtml(const v1::ReportComparison& c,
                                 const HtmlRenderOptions& options) {
  Html h{options.language == ReportLanguage::kChinese, ""};
  const bool zh = h.zh;
  const int y0 = c.earlier().year(), y1 = c.later().year();
  const std::string title =
      !options.title.empty()
          ? MaskPersonalData(options.title)
          : (zh ? absl::StrCat(y1, "年度与", y0,
                               "年度对比 非公经济组织和社会组织党建统计")
                : absl::StrCat("Party building in non-public and social "
                               "organizations, ",
                               y1, " against ", y0));
  Head(title, kCompareStyle, &h);
  // Who reports and when: the later year's report is the one handed up.
  const v1::ReportInfo& info = c.later().info();
  std::vector<std::pair<std::string, std::string>> items;
  if (!info.reporting_unit().empty()) {
    items.emplace_back(h.T("填报单位", "Reporting unit"),
                       MaskPersonalData(info.reporting_unit()));
  }
  items.emplace_back(
      h.T("对比年度", "Years"),
      zh ? absl::StrCat(y0, "年 → ", y1, "年") : absl::StrCat(y0, " → ", y1));
  for (const v1::Report* r : {&c.earlier(), &c.later()}) {
    if (!r->info().has_data_date()) continue;
    items.emplace_back(zh ? absl::StrCat(r->year(), "年统计截止日期")
                          : absl::StrCat("Data of ", r->year(), " as of"),
                       internal::FormatDate(r->info().data_date(), zh));
  }
  if (info.has_made_on()) {
    items.emplace_back(h.T("制表日期", "Made on"),
                       internal::FormatDate(info.made_on(), zh));
  }
  InfoList(items, &h);

  // The headline: each target's rate this year, last year's and the change.
  absl::StrAppend(&h.out, "<section id=\"summary\"><div class=\"cards\">\n");
  const v1::ReportFigures& e = c.earlier().total();
  const v1::ReportFigures& l = c.later().total();
  for (int i = 0; i < 4; ++i) {
    const internal::ComparisonLine& rate = internal::TargetRateLine(i, zh);
    const internal::TargetLabel& label = internal::TargetLabels()[i];
    absl::StrAppendFormat(
        &h.out,
        "<div class=\"card t%d\" id=\"card-target-%d\"><div "
        "class=\"name\">%s %d · %s</div><div class=\"rate\">%s</div><div "
        "class=\"detail\">%s %s · <span%s>%s</span></div></div>\n",
        i + 1, i + 1, h.T("目标", "Target"), i + 1,
        Esc(zh ? label.short_zh : label.short_en), internal::LineValue(rate, l),
        internal::YearLabel(y0, zh), internal::LineValue(rate, e),
        ChangeClass(rate, e, l, c.change()),
        Esc(internal::LineChange(rate, e, l, c.change(), zh)));
  }
  absl::StrAppend(&h.out, "</div></section>\n");

  // The rates as bars, both years, for the total and the groups with
  // something eligible in either year.
  const std::vector<internal::ComparedGroup> all_groups =
      internal::ComparedGroupsInReadingOrder(c, zh);
  std::vector<internal::ComparedGroup> groups;
  for (const internal::ComparedGroup& g : all_groups) {
    if (!NothingEligible(g.group->earlier()) ||
        !NothingEligible(g.group->later())) {
      groups.push_back(g);
    }
  }
  auto row_of = [&](const std::string& label, const v1::ReportFigures& earlier,
                    const v1::ReportFigures& later,
                    const v1::ReportFigures& change) {
    BarRow row{label, {}};
    for (int i = 0; i < 4; ++i) {
      const internal::ComparisonLine& rate = internal::TargetRateLine(i, zh);
      const internal::TargetLabel& l = internal::TargetLabels()[i];
      const bool now = !rate.has_value || rate.has_value(later);
      const bool before = !rate.has_value || rate.has_value(earlier);
      Bar bar{zh ? l.short_zh : l.short_en, now ? rate.row.percent(later) : 0,
              absl::StrCat(
                  internal::YearLabel(y0, zh), zh ? " " : ": ",
                  internal::LineValue(rate, earlier), h.T("，", ", "),
                  internal::YearLabel(y1, zh), zh ? " " : ": ",
                  internal::LineValue(rate, later), " (",
                  internal::LineChange(rate, earlier, later, change, zh), ")"),
              absl::StrCat("t", i + 1), internal::LineValue(rate, later)};
      bar.before = before ? rate.row.percent(earlier) : 0;
      row.bars.push_back(std::move(bar));
    }
    return row;
  };
  std::vector<BarRow> rows;
  rows.push_back(row_of(h.T("合计", "Total"), c.earlier().total(),
                        c.later().total(), c.change()));
  const size_t cap = static_cast<size_t>(std::max(0, options.max_chart_groups));
  for (size_t i = 0; i < groups.size() && i < cap; ++i) {
    rows.push_back(row_of(groups[i].short_title, groups[i].group->earlier(),
                          groups[i].group->later(), groups[i].group->change()));
  }
  absl::StrAppend(
      &h.out, "<section id=\"targets\"><h2>",
      h.T("四个100%: 达标率", "The four 100% targets: rates"), "</h2>\n",
      "<p class=\"legend\">",
      zh ? absl::StrCat("灰色细条为", y0, "年，彩色条为", y1, "年。")
         : absl::StrCat("Thin grey bars: ", y0, "; coloured bars: ", y1, "."),
      "</p>\n", TargetsChart("chart-targets-compare", rows, TargetHeaders(zh)));
  ChartCapNote(cap, groups.size(), &h);
  ComparedTargetsTable(c, groups, &h);
  absl::StrAppend(&h.out, "</section>\n");

  // Every figure, the total and each group.
  absl::StrAppend(&h.out, "<section id=\"figures\"><h2>",
                  h.T("全部指标对比", "Every figure, both years"), "</h2>\n",
                  "<div class=\"tables\">\n<section class=\"group\"><h3>",
                  h.T("合计", "Total"), "</h3>\n");
  ComparisonTable("compare-total", c.earlier().total(), c.later().total(),
                  c.change(), y0, y1, &h);
  absl::StrAppend(&h.out, "</section>\n");
  for (size_t i = 0; i < all_groups.size(); ++i) {
    const internal::ComparedGroup& g = all_groups[i];
    absl::StrAppend(&h.out, "<section class=\"group\"><h3>", Esc(g.title),
                    "</h3>\n");
    ComparisonTable(absl::StrCat("compare-group-", i + 1), g.group->earlier(),
                    g.group->later(), g.group->change(), y0, y1, &h);
    absl::StrAppend(&h.out, "</section>\n");
  }
  absl::StrAppend(&h.out, "</div></section>\n");
  Footer(c.later().policy_version(), &h);
  // A partial may come from anywhere: its text is masked like input.
  return MaskPersonalData(h.out);
}

}  // namespace dangjian
