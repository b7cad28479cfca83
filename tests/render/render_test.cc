// Text and JSON renderings of a report.
#include "dangjian/render.h"

#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/v1/report.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

// The Keshiketeng report with `short_units` standalone branches gone, so
// that as many units fall short of target 1 and a worklist (capped at as
// many) shows them.
v1::Report Keshiketeng(bool by_township, int short_units = 2) {
  AggregatorOptions options;
  options.year = kKeshiketeng2014Year;
  options.worklist_cap = short_units;
  if (by_township) options.group_by.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  v1::Dataset d = BuildKeshiketeng2014();
  d.mutable_party_organizations()->DeleteSubrange(23, short_units);
  absl::StatusOr<v1::Report> r = AggregateDataset(d, options);
  EXPECT_THAT(r, IsOk());
  return r.ok() ? *r : v1::Report();
}

// Every number of ReportFigures (by reflection, so that a figure added to
// the schema must be) reaches the renderers: a key of RenderReportCsv(),
// which FigureSections() feeds to the text, HTML and workbook too, and a
// line of docs/report.md.
TEST(RenderCsvTest, EveryFigureOfTheSchemaIsRendered) {
  const std::string csv = RenderReportCsv(Keshiketeng(false));
  std::ifstream doc_in(std::string(DANGJIAN_SOURCE_DIR) + "/docs/report.md");
  std::stringstream doc;
  doc << doc_in.rdbuf();
  ASSERT_FALSE(doc.str().empty());
  // The names in backquotes, braces expanded ("{a,b}_{c,d}" gives a_c, a_d,
  // b_c, b_d), and each name's last part: the table lists a section's
  // fields after its first ("`units.trade_unions`, `womens_organizations`").
  std::set<std::string> documented;
  const std::string& text = doc.str();
  for (size_t at = text.find('`'); at != std::string::npos;) {
    const size_t end = text.find('`', at + 1);
    if (end == std::string::npos) break;
    std::vector<std::string> names = {""};
    const std::string token = text.substr(at + 1, end - at - 1);
    for (size_t i = 0; i < token.size(); ++i) {
      if (token[i] != '{') {
        for (std::string& n : names) n.push_back(token[i]);
        continue;
      }
      const size_t close = token.find('}', i);
      if (close == std::string::npos) break;
      std::vector<std::string> grown;
      for (const absl::string_view alt : absl::StrSplit(
               absl::string_view(token).substr(i + 1, close - i - 1), ',')) {
        for (const std::string& n : names)
          grown.push_back(absl::StrCat(n, alt));
      }
      names = std::move(grown);
      i = close;
    }
    for (const std::string& n : names) {
      documented.insert(n);
      documented.insert(n.substr(n.rfind('.') + 1));
    }
    at = text.find('`', end + 1);
  }
  const google::protobuf::Descriptor* figures = v1::ReportFigures::descriptor();
  int checked = 0;
  for (int i = 0; i < figures->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* section = figures->field(i);
    std::vector<std::string> keys;
    if (section->message_type() == nullptr) {
      keys.push_back(section->name());
    } else {
      const google::protobuf::Descriptor* m = section->message_type();
      for (int j = 0; j < m->field_count(); ++j) {
        const google::protobuf::FieldDescriptor* f = m->field(j);
        if (f->is_repeated() || f->message_type() != nullptr) continue;
        if (section->name() == "targets") continue;  // targets.target_N.*
        keys.push_back(absl::StrCat(section->name(), ".", f->name()));
      }
    }
    for (const std::string& key : keys) {
      ++checked;
      EXPECT_THAT(csv, HasSubstr(absl::StrCat(",", key, ",")))
          << key << " is in no renderer (render/figures_table.cc)";
      const std::string section_name = key.substr(0, key.find('.'));
      const std::string field = key.substr(key.rfind('.') + 1);
      EXPECT_TRUE(documented.count(field) > 0 ||
                  documented.count(section_name + ".*") > 0)
          << key << " is not in docs/report.md";
    }
  }
  EXPECT_GT(checked, 100);
  for (int t = 1; t <= 4; ++t) {
    for (const char* part : {"met", "eligible", "rate_percent", "shortfall"}) {
      EXPECT_THAT(
          csv, HasSubstr(absl::StrCat(",targets.target_", t, ".", part, ",")));
    }
  }
}

TEST(RenderTextTest, WorklistsNameEachUnitOnALine) {
  const v1::Report r = Keshiketeng(false, 40);
  const std::string text = RenderReportText(r);
  const size_t at = text.find("清单 目标1 (前40个, 共40个, 上限40):\n");
  ASSERT_NE(at, std::string::npos) << text;
  // A line per unit, in reading order: township, name, id, reason, grid.
  size_t line_start = text.find('\n', at) + 1;
  std::vector<std::string> lines;
  while (text.compare(line_start, 4, "    ") == 0) {
    const size_t end = text.find('\n', line_start);
    lines.push_back(text.substr(line_start, end - line_start));
    line_start = end + 1;
  }
  ASSERT_EQ(lines.size(), 40u);
  const auto& entries = r.total().targets().target_1().worklist_entries();
  for (size_t i = 0; i < lines.size(); ++i) {
    const v1::WorklistEntry& e = entries[static_cast<int>(i)];
    EXPECT_THAT(lines[i],
                StartsWith(absl::StrCat("    ", e.township(), "  ", e.name(),
                                        " (", e.id(), "): ")));
    EXPECT_THAT(lines[i], HasSubstr("未单独建立党组织"));
  }
}

// A report from partials of dangjian 0.2.0 has ids alone.
TEST(RenderTextTest, LongWorklistsOfIdsAloneWrapAtEightyColumns) {
  v1::Report r = Keshiketeng(false, 40);
  r.mutable_total()
      ->mutable_targets()
      ->mutable_target_1()
      ->clear_worklist_entries();
  TextRenderOptions text_options;
  text_options.language = ReportLanguage::kEnglish;
  const std::string text = RenderReportText(r, text_options);
  const size_t at =
      text.find("worklist of target 1 (first 40 of 40, cap 40):\n");
  ASSERT_NE(at, std::string::npos) << text;
  // The ids follow on indented lines of at most 80 bytes, each id once, in
  // order, commas between them and none after the last.
  std::vector<std::string> ids;
  size_t line_start = text.find('\n', at) + 1;
  int lines = 0;
  while (text.compare(line_start, 4, "    ") == 0) {
    const size_t end = text.find('\n', line_start);
    const std::string line = text.substr(line_start, end - line_start);
    EXPECT_LE(line.size(), 80u) << line;
    for (absl::string_view id :
         absl::StrSplit(line.substr(4), ' ', absl::SkipEmpty())) {
      ids.emplace_back(id);
    }
    ++lines;
    line_start = end + 1;
  }
  ASSERT_EQ(ids.size(), 40u);
  EXPECT_GT(lines, 1);
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(ids[i].back() == ',', i + 1 < ids.size()) << ids[i];
    if (ids[i].back() == ',') ids[i].pop_back();
  }
  const auto& worklist = r.total().targets().target_1().worklist();
  EXPECT_EQ(ids, std::vector<std::string>(worklist.begin(), worklist.end()));
}

// Groups in the order people read them: 苏木2 before 苏木10, though their
// keys (town-10 before town-2) sort the other way.
TEST(RenderTextTest, GroupsInNaturalOrder) {
  const v1::Report r = Keshiketeng(true);
  const std::string text = RenderReportText(r);
  EXPECT_LT(text.find("== 苏木2 (town-2) =="),
            text.find("== 苏木10 (town-10) =="));
  EXPECT_NE(text.find("== 苏木10 (town-10) =="), std::string::npos);
  const std::string csv = RenderReportCsv(r);
  EXPECT_LT(csv.find("\r\n苏木2 (town-2),"), csv.find("\r\n苏木10 (town-10),"));
  EXPECT_NE(csv.find("\r\n苏木10 (town-10),"), std::string::npos);
  const std::string html = RenderReportHtml(r);
  EXPECT_LT(html.find(">苏木2<"), html.find(">苏木10<"));
}

TEST(RenderTextTest, GroupHeadingsNameKindsInTheLanguage) {
  v1::Report r = Keshiketeng(false);
  r.mutable_group_by()->set_host_kind(true);
  r.mutable_group_by()->set_sector_system(true);
  v1::ReportGroup* g = r.add_groups();
  g->mutable_key()->set_host_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  g->mutable_key()->set_sector_system(v1::SECTOR_SYSTEM_CIVIL_AFFAIRS);
  v1::ReportGroup* odd = r.add_groups();
  odd->mutable_key()->set_host_subtype(static_cast<v1::HostSubtype>(99));
  // Asserted on the headings alone: a failure prints a line, not the page.
  auto headings = [](const std::string& text) {
    std::string out;
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      if (absl::StartsWith(line, "== ")) absl::StrAppend(&out, line, "\n");
    }
    return out;
  };
  const std::string zh = headings(RenderReportText(r));
  EXPECT_THAT(zh, HasSubstr("== 非公有制经济组织 / 民政 ==\n"));
  EXPECT_THAT(zh, HasSubstr("== 99 ==\n"));
  EXPECT_THAT(zh, Not(HasSubstr("HOST_KIND_")));
  TextRenderOptions en;
  en.language = ReportLanguage::kEnglish;
  EXPECT_THAT(headings(RenderReportText(r, en)),
              HasSubstr("== non public economic / civil affairs ==\n"));
}

TEST(RenderTextTest, SaysWhoReportsAndWhen) {
  v1::Report r = Keshiketeng(false);
  r.mutable_info()->set_reporting_unit("中共克什克腾旗委组织部");
  r.mutable_info()->mutable_data_date()->set_year(2014);
  r.mutable_info()->mutable_data_date()->set_month(12);
  r.mutable_info()->mutable_data_date()->set_day(31);
  EXPECT_THAT(RenderReportText(r),
              HasSubstr("\n填报单位: 中共克什克腾旗委组织部  统计截止日期: "
                        "2014年12月31日\n"));
  TextRenderOptions en;
  en.language = ReportLanguage::kEnglish;
  EXPECT_THAT(RenderReportText(r, en), HasSubstr("data as of: 2014-12-31\n"));
  EXPECT_THAT(RenderReportText(Keshiketeng(false)), Not(HasSubstr("填报单位")));
}

TEST(RenderTextTest, ChineseLabelsInAlignedTables) {
  const std::string text = RenderReportText(Keshiketeng(false));
  EXPECT_THAT(text, HasSubstr("2014年度"));
  // Met, eligible, rate with one decimal, shortfall; numbers right-aligned.
  EXPECT_THAT(
      text, HasSubstr("  目标1 应建尽建        114     116   98.3%       2\n"));
  EXPECT_THAT(
      text, HasSubstr("  目标4 党的工作覆盖  6,700   6,700  100.0%       0\n"));
  EXPECT_THAT(text, HasSubstr("清单 目标1 (前2个, 共2个, 上限2):\n    经棚镇  "
                              "克什克腾红山水泥有限公司 (h-0): 3 名正式党员、2 "
                              "名预备党员，未单独建立党组织"));
  EXPECT_THAT(text, HasSubstr("全覆盖: 否"));
  EXPECT_THAT(text,
              HasSubstr("工会组织                                 259\n"));
  EXPECT_THAT(text,
              HasSubstr("单位总数                               7,000\n"));
  // 红山水泥's branch is gone but its money is still counted, and the dangling
  // references show under data quality.
  EXPECT_THAT(text,
              HasSubstr("企业列支                          100,000.00\n"));
  EXPECT_THAT(text, HasSubstr("    统计时所指党组织不存在 "
                              "(aggregate.unknown_party_organization)  2\n"));
  // Not grouped: the one group is the total, not repeated.
  EXPECT_THAT(text, Not(HasSubstr("未归属")));
  EXPECT_THAT(text,
              HasSubstr("非公市场主体占比                       96.7%\n"));
  EXPECT_THAT(text, Not(HasSubstr("Total")));
}

TEST(RenderTextTest, EnglishLabelsGroupsAndNoWorklists) {
  TextRenderOptions o;
  o.language = ReportLanguage::kEnglish;
  o.include_worklists = false;
  const std::string text = RenderReportText(Keshiketeng(true), o);
  EXPECT_THAT(text, HasSubstr("== Total =="));
  EXPECT_THAT(text,
              HasSubstr("target 4 party work where none  6,700     6,700"));
  EXPECT_THAT(text, HasSubstr("== 经棚镇 (town-0) =="));
  EXPECT_THAT(text, HasSubstr("== unassigned =="));  // The banner's figures.
  EXPECT_THAT(text, Not(HasSubstr("worklist")));
  o.include_groups = false;
  EXPECT_THAT(RenderReportText(Keshiketeng(true), o), Not(HasSubstr("经棚镇")));
}

TEST(RenderTextTest, NothingEligibleAndMoneyAtTheEdges) {
  v1::Report r;
  r.mutable_total()
      ->mutable_targets()
      ->mutable_target_2()
      ->set_nothing_eligible(true);
  r.mutable_total()->mutable_funding()->set_total_fen(
      std::numeric_limits<int64_t>::min());
  r.mutable_total()->mutable_funding()->set_dues_returned_fen(-5);
  r.mutable_total()->mutable_funding()->set_fiscal_subsidy_fen(123456);
  const std::string text = RenderReportText(r);
  EXPECT_THAT(text, HasSubstr("无适用对象"));
  EXPECT_THAT(text, HasSubstr("-92,233,720,368,547,758.08"));
  EXPECT_THAT(text, HasSubstr("-0.05\n"));
  EXPECT_THAT(text, HasSubstr(" 1,234.56\n"));
  EXPECT_THAT(text, HasSubstr("== 合计 =="));
}

TEST(RenderTextTest, RatesShortOfTheWholeNeverReadAsOneHundred) {
  v1::Report r;
  v1::TargetResult* t =
      r.mutable_total()->mutable_targets()->mutable_target_1();
  t->set_eligible(10000);
  t->set_met(9999);
  t->set_shortfall(1);
  t->set_rate_percent(99.99);
  v1::TargetResult* t3 =
      r.mutable_total()->mutable_targets()->mutable_target_3();
  t3->set_eligible(10000);
  t3->set_met(1);
  t3->set_rate_percent(0.01);
  r.mutable_total()->mutable_targets()->mutable_target_4()->set_rate_percent(
      100);
  const std::string text = RenderReportText(r);
  EXPECT_THAT(text, HasSubstr("9,999  10,000   99.9%       1\n"));
  EXPECT_THAT(text, HasSubstr("    0.1%"));
  // A percentage that is not a number prints as "-", not "nan%".
  r.mutable_total()->mutable_economy()->set_tax_revenue_non_public_percent(
      std::numeric_limits<double>::quiet_NaN());
  const std::string with_nan = RenderReportText(r);
  EXPECT_THAT(with_nan, HasSubstr(" -\n"));
  EXPECT_THAT(with_nan, Not(HasSubstr("nan")));
  EXPECT_THAT(text, HasSubstr("  100.0%"));
}

// Splits CSV text into records of fields (RFC 4180, as a reader would).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      if (i + 1 < text.size()) rows.emplace_back(1);
    } else {
      rows.back().back().push_back(c);
    }
  }
  return rows;
}

TEST(RenderCsvTest, OneRowPerFigurePerGroup) {
  const v1::Report report = Keshiketeng(true);
  CsvRenderOptions o;
  o.language = ReportLanguage::kEnglish;
  const std::string csv = RenderReportCsv(report, o);
  const auto rows = ParseCsv(csv);
  ASSERT_GT(rows.size(), 2u);
  EXPECT_THAT(rows[0], ElementsAre("group", "region_id", "figure", "label",
                                   "value", "unit"));
  for (const auto& row : rows) ASSERT_EQ(row.size(), 6u) << row[0];
  EXPECT_THAT(rows, Contains(ElementsAre("total", "", "targets.target_1.met",
                                         "target 1 found where possible, met",
                                         "114", "count")));
  EXPECT_THAT(rows, Contains(ElementsAre("total", "", "funding.total_fen",
                                         "total", "1424000.00", "yuan")));
  EXPECT_THAT(rows,
              Contains(ElementsAre("经棚镇 (town-0)", "town-0", "grids.total",
                                   "grids", "6", "count")));
  EXPECT_THAT(rows,
              Contains(ElementsAre(
                  "total", "", "economy.market_entities_non_public_percent",
                  "non-public share of market entities", "96.69", "percent")));
  // Every group has as many rows as the total: 1 header + (1 + groups) * n.
  const size_t per_group = (rows.size() - 1) / (1 + report.groups_size());
  EXPECT_EQ(rows.size(), 1 + per_group * (1 + report.groups_size()));
  o.include_groups = false;
  EXPECT_EQ(ParseCsv(RenderReportCsv(report, o)).size(), 1 + per_group);
  EXPECT_THAT(csv.substr(0, 5), "group");
  o.utf8_bom = true;
  EXPECT_EQ(RenderReportCsv(report, o).substr(0, 3), "\xEF\xBB\xBF");
}

TEST(RenderCsvTest, QuotesAndDefusesFormulas) {
  v1::Report report = Keshiketeng(true);
  report.mutable_groups(1)->set_region_name("=HYPERLINK(\"x\"),\n2");
  report.mutable_groups(2)->set_region_name("plain");
  const std::string csv = RenderReportCsv(report);
  const auto rows = ParseCsv(csv);
  bool defused = false, plain = false;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 6u);
    if (absl::StartsWith(row[0], "'=HYPERLINK(\"x\"),\n2 (")) defused = true;
    if (absl::StartsWith(row[0], "plain (")) plain = true;
    EXPECT_FALSE(absl::StartsWith(row[0], "=")) << row[0];
  }
  EXPECT_TRUE(defused);
  EXPECT_TRUE(plain);
  EXPECT_THAT(csv, HasSubstr("\"'=HYPERLINK(\"\"x\"\"),\n2 ("));
}

TEST(RenderHtmlTest, FitToHandUp) {
  v1::Report r = Keshiketeng(true);
  r.mutable_info()->set_reporting_unit("中共克什克腾旗委组织部");
  r.mutable_info()->mutable_data_date()->set_year(2014);
  r.mutable_info()->mutable_data_date()->set_month(12);
  r.mutable_info()->mutable_data_date()->set_day(31);
  r.mutable_info()->mutable_made_on()->set_year(2015);
  r.mutable_info()->mutable_made_on()->set_month(1);
  r.mutable_info()->mutable_made_on()->set_day(8);
  HtmlRenderOptions o;
  o.title = "克什克腾旗党建统计";
  const std::string html = RenderReportHtml(r, o);
  EXPECT_THAT(html, HasSubstr("<h1>克什克腾旗党建统计</h1>"));
  EXPECT_THAT(html,
              HasSubstr("<dt>填报单位：</dt><dd>中共克什克腾旗委组织部</dd>"));
  EXPECT_THAT(html,
              HasSubstr("<dt>统计截止日期：</dt><dd>2014年12月31日</dd>"));
  EXPECT_THAT(html, HasSubstr("<dt>制表日期：</dt><dd>2015年1月8日</dd>"));
  // The policy's version in the footer, not the subtitle.
  const size_t footer = html.find("<footer>");
  EXPECT_GT(html.find("dangjian-default-1"), footer);
  // Every group's met, eligible and short per target, in reading order.
  const size_t table = html.find("id=\"targets-table\"");
  ASSERT_NE(table, std::string::npos);
  const std::string rows =
      html.substr(table, html.find("</table>", table) - table);
  EXPECT_EQ(Count(rows, "<tr"), 2 + 24);  // Two header rows, total, 23 towns.
  EXPECT_THAT(rows, HasSubstr("<tr class=\"total\"><th>合计</th><td>114</td>"
                              "<td>116</td><td class=\"short\">2</td>"));
  EXPECT_LT(rows.find(">苏木2<"), rows.find(">苏木10<"));
  // Charts scale to the page; A4 pages, no chart cut between pages.
  EXPECT_THAT(html, HasSubstr("svg.chart{display:block;font-size:12px;"
                              "max-width:100%;height:auto}"));
  EXPECT_THAT(html, HasSubstr("@page{size:A4"));
  EXPECT_THAT(html, HasSubstr("@media print{"));
  // Without info: only the year.
  const std::string bare = RenderReportHtml(Keshiketeng(true));
  EXPECT_THAT(bare, HasSubstr("<dt>统计年度：</dt><dd>2014年</dd>"));
  EXPECT_THAT(bare, Not(HasSubstr("填报单位")));
  // Personal data in the reporting unit and the title is masked like any
  // other text.
  r.mutable_info()->set_reporting_unit("联系人 13812345678");
  o.title = "标题 11010519491231002X";
  const std::string masked = RenderReportHtml(r, o);
  EXPECT_THAT(masked, Not(HasSubstr("13812345678")));
  EXPECT_THAT(masked, Not(HasSubstr("11010519491231002X")));
}

TEST(CompareTest, EveryGroupOfEitherYearWithItsChange) {
  v1::Report later = Keshiketeng(true);
  later.set_year(2015);
  v1::Report earlier = Keshiketeng(true);
  // A year before: 100 units fewer in the total and in 苏木2, 苏木10 new.
  earlier.mutable_total()->mutable_units()->set_total(6900);
  const std::string town2 = "town-2", town10 = "town-10";
  for (int i = earlier.groups_size() - 1; i >= 0; --i) {
    v1::ReportGroup* g = earlier.mutable_groups(i);
    if (g->key().region_id() == town2) {
      g->mutable_figures()->mutable_units()->set_total(
          g->figures().units().total() - 100);
    }
    if (g->key().region_id() == town10)
      earlier.mutable_groups()->DeleteSubrange(i, 1);
  }
  absl::StatusOr<v1::ReportComparison> c = CompareReports(earlier, later);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->change().units().total(), 100);
  ASSERT_EQ(c->groups_size(), later.groups_size());
  for (const v1::GroupComparison& g : c->groups()) {
    if (g.key().region_id() == town2) {
      EXPECT_EQ(g.change().units().total(), 100);
    } else if (g.key().region_id() == town10) {
      EXPECT_EQ(g.earlier().units().total(), 0);
      EXPECT_EQ(g.change().units().total(), g.later().units().total());
    } else {
      EXPECT_EQ(g.change().units().total(), 0) << g.key().region_id();
    }
  }
  const std::string text = RenderComparisonText(*c);
  EXPECT_THAT(text, StartsWith("2015年度 与 2014年度 对比"));
  // The total's units: 6,900 then 7,000, a change of +100 (spacing aside).
  const size_t units = text.find("\n  单位总数 ");
  ASSERT_NE(units, std::string::npos);
  const std::string line =
      text.substr(units + 1, text.find('\n', units + 1) - units - 1);
  EXPECT_THAT(line, ::testing::MatchesRegex(".*6,900 +7,000 +\\+100"));
  EXPECT_LT(text.find("== 苏木2 (town-2) =="),
            text.find("== 苏木10 (town-10) =="));
  TextRenderOptions en;
  en.language = ReportLanguage::kEnglish;
  EXPECT_THAT(RenderComparisonText(*c, en), HasSubstr(" pp\n"));
  const std::string csv = RenderComparisonCsv(*c);
  EXPECT_THAT(csv, StartsWith("group,region_id,figure,label,earlier,later,"
                              "change,unit\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\n合计,,units.total,单位总数,6900,7000,100,"
                             "count\r\n"));
  EXPECT_THAT(csv, HasSubstr(",town-2,units.total,单位总数,"));
  // Years out of order are refused.
  EXPECT_FALSE(CompareReports(later, earlier).ok());
}

// Two Keshiketeng years: 2014 with `earlier_short` branches gone, 2015 with
// `later_short`, by township.
v1::ReportComparison TwoYears(int earlier_short, int later_short) {
  v1::Report earlier = Keshiketeng(true, earlier_short);
  v1::Report later = Keshiketeng(true, later_short);
  later.set_year(kKeshiketeng2014Year + 1);
  absl::StatusOr<v1::ReportComparison> c = CompareReports(earlier, later);
  EXPECT_THAT(c, IsOk());
  return c.ok() ? *c : v1::ReportComparison();
}

TEST(CompareHtmlTest, BothYearsTheChangeAndEveryGroup) {
  // 40 branches short in 2014, 2 in 2015: target 1 rises.
  v1::ReportComparison c = TwoYears(40, 2);
  c.mutable_later()->mutable_info()->set_reporting_unit("克什克腾旗委组织部");
  HtmlRenderOptions o;
  const std::string html = RenderComparisonHtml(c, o);
  EXPECT_THAT(html, HasSubstr("<h1>2015年度与2014年度对比"));
  EXPECT_THAT(html, HasSubstr("<dd>克什克腾旗委组织部</dd>"));
  EXPECT_THAT(html, HasSubstr("<dd>2014年 → 2015年</dd>"));
  for (const char* id :
       {"card-target-1", "chart-targets-compare", "compare-targets-table",
        "compare-total", "compare-group-1"}) {
    EXPECT_THAT(html, HasSubstr(absl::StrCat("id=\"", id, "\"")));
  }
  // The earlier year's bars beside the later's.
  EXPECT_THAT(html, HasSubstr("class=\"bar before\""));
  EXPECT_THAT(html, HasSubstr("class=\"bar t1\""));
  // Every line keyed, with the change marked by its sign.
  EXPECT_THAT(html, HasSubstr("<tr data-key=\"units.total\">"));
  EXPECT_THAT(html, HasSubstr("<tr data-key=\"targets.target_3.met\"><th>"
                              "目标3 联建 达标</th>"));
  // Target 1's rate rose: good news; its shortfall fell: good news too.
  const size_t rate3 = html.find("data-key=\"targets.target_1.rate_percent\"");
  const size_t short3 = html.find("data-key=\"targets.target_1.shortfall\"");
  ASSERT_NE(rate3, std::string::npos);
  ASSERT_NE(short3, std::string::npos);
  EXPECT_THAT(html.substr(rate3, short3 - rate3),
              HasSubstr("class=\"change up good\""));
  EXPECT_THAT(html.substr(short3, html.find("</tr>", short3) - short3),
              HasSubstr("class=\"change down good\""));
  // Townships in natural order, every one with its own table.
  ASSERT_NE(html.find("<h3>苏木10 (town-10)</h3>"), std::string::npos);
  EXPECT_LT(html.find("<h3>苏木2 (town-2)</h3>"),
            html.find("<h3>苏木10 (town-10)</h3>"));
  int tables = 0;
  for (size_t at = html.find("id=\"compare-group-"); at != std::string::npos;
       at = html.find("id=\"compare-group-", at + 1)) {
    ++tables;
  }
  EXPECT_EQ(tables, c.groups_size());

  // Falls are marked too; English labels.
  o.language = ReportLanguage::kEnglish;
  const std::string fall = RenderComparisonHtml(TwoYears(2, 40), o);
  EXPECT_THAT(fall, HasSubstr("class=\"change down bad\""));
  EXPECT_THAT(fall, HasSubstr("class=\"change up bad\""));
  EXPECT_THAT(fall, HasSubstr(" pp<"));
  EXPECT_THAT(fall, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(fall, HasSubstr("<th>Figure</th>"));
  EXPECT_THAT(fall, Not(HasSubstr("<th>指标</th>")));
}

TEST(CompareTest, NoRateWhereAYearHasNothingEligible) {
  v1::ReportComparison c = TwoYears(2, 2);
  // Target 2 had nothing eligible the earlier year; a county of the earlier
  // year only; a rate that is no number.
  v1::TargetResult* t2 = c.mutable_earlier()
                             ->mutable_total()
                             ->mutable_targets()
                             ->mutable_target_2();
  t2->set_nothing_eligible(true);
  t2->set_eligible(0);
  t2->set_met(0);
  t2->set_rate_percent(100);
  c.mutable_change()->mutable_targets()->mutable_target_2()->set_rate_percent(
      -18.1);
  v1::GroupComparison* gone = c.add_groups();
  gone->mutable_key()->set_region_id("town-gone");
  gone->set_region_name("旧苏木");
  v1::TargetResult* was =
      gone->mutable_earlier()->mutable_targets()->mutable_target_1();
  was->set_eligible(10);
  was->set_met(8);
  was->set_rate_percent(80);
  gone->mutable_change()
      ->mutable_targets()
      ->mutable_target_1()
      ->set_rate_percent(-80);
  c.mutable_change()->mutable_targets()->mutable_target_4()->set_rate_percent(
      std::numeric_limits<double>::quiet_NaN());

  const std::string text = RenderComparisonText(c);
  const size_t at = text.find("\n  目标2 星级管理 比例 ");
  ASSERT_NE(at, std::string::npos);
  const std::string line =
      text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  EXPECT_THAT(line, ::testing::MatchesRegex(".* - +[0-9.]+% +-"));
  EXPECT_THAT(text, Not(HasSubstr("nan")));
  EXPECT_THAT(text, Not(HasSubstr("-18.1")));
  EXPECT_THAT(text, Not(HasSubstr("-80.0")));

  const std::string csv = RenderComparisonCsv(c);
  EXPECT_THAT(
      csv, HasSubstr(",targets.target_2.rate_percent,目标2 星级管理 比例,,"));
  EXPECT_THAT(csv, Not(HasSubstr("nan")));

  const std::string html = RenderComparisonHtml(c);
  EXPECT_THAT(html, Not(HasSubstr(">nan")));
  EXPECT_THAT(html, Not(HasSubstr("\"nan\"")));
  EXPECT_THAT(html, Not(HasSubstr("+nan")));
  EXPECT_THAT(html, Not(HasSubstr("-18.1")));
  EXPECT_THAT(html, Not(HasSubstr("-80.0")));
  // The county of one year is charted (it had something eligible) with no
  // rate the later year.
  EXPECT_THAT(html, HasSubstr("旧苏木"));

  // The same report with the rate present both years shows the change.
  v1::ReportComparison whole = TwoYears(40, 2);
  EXPECT_THAT(
      RenderComparisonText(whole),
      ::testing::ContainsRegex("目标1 应建尽建 比例 .*\\+[0-9.]+ 个百分点"));
}

TEST(CompareHtmlTest, EscapedMaskedAndNoRateWhereNothingIsEligible) {
  v1::ReportComparison c = TwoYears(2, 2);
  c.mutable_later()->mutable_info()->set_reporting_unit(
      "<b>组织部</b> 13812345678");
  // A group with nothing eligible in either year: no bar, no rate row.
  v1::GroupComparison* empty = c.add_groups();
  empty->mutable_key()->set_region_id("town-empty");
  empty->set_region_name("空苏木");
  for (v1::ReportFigures* f :
       {empty->mutable_earlier(), empty->mutable_later()}) {
    for (v1::TargetResult* t : {f->mutable_targets()->mutable_target_1(),
                                f->mutable_targets()->mutable_target_2(),
                                f->mutable_targets()->mutable_target_3(),
                                f->mutable_targets()->mutable_target_4()}) {
      t->set_nothing_eligible(true);
      t->set_rate_percent(100);
    }
  }
  HtmlRenderOptions o;
  o.title = "对比 11010519491231002X";
  const std::string html = RenderComparisonHtml(c, o);
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;组织部&lt;/b&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<b>组织部")));
  EXPECT_THAT(html, Not(HasSubstr("13812345678")));
  EXPECT_THAT(html, Not(HasSubstr("11010519491231002X")));
  // Listed among every figure, left out of the chart and the rates' table.
  EXPECT_THAT(html, HasSubstr("<h3>空苏木 (town-empty)</h3>"));
  const size_t table = html.find("id=\"compare-targets-table\"");
  const size_t figures = html.find("<section id=\"figures\">");
  ASSERT_NE(table, std::string::npos);
  ASSERT_NE(figures, std::string::npos);
  EXPECT_EQ(html.substr(0, figures).find("空苏木"), std::string::npos);
  // Without groups to show the chart still has the total.
  v1::ReportComparison total_only = TwoYears(2, 2);
  total_only.clear_groups();
  EXPECT_THAT(RenderComparisonHtml(total_only),
              HasSubstr("<tr class=\"total\"><th>合计</th>"));
}

TEST(RenderHtmlTest, ChartsFiguresAndWorklists) {
  HtmlRenderOptions o;
  o.language = ReportLanguage::kEnglish;
  const std::string html = RenderReportHtml(Keshiketeng(true), o);
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>"));
  for (const char* id :
       {"chart-targets", "chart-stars", "chart-funding", "chart-six-haves"}) {
    EXPECT_THAT(html, HasSubstr(absl::StrCat("<svg id=\"", id, "\"")));
  }
  // Total and 23 towns (not the banner, which has no unit), four bars each.
  EXPECT_EQ(Count(html, "class=\"bar t1\""), 24);
  EXPECT_EQ(Count(html, "class=\"bar t4\""), 24);
  EXPECT_THAT(html, HasSubstr(": 98.3% (114/116)</title>"));
  EXPECT_THAT(html, HasSubstr(">98.3%</text>"));
  EXPECT_THAT(html, HasSubstr(">100,000.00 yuan<"));
  EXPECT_THAT(html, HasSubstr("<td class=\"id\">h-0</td>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"id\">h-1</td>"));
  EXPECT_THAT(html, HasSubstr("no standalone organization"));
  EXPECT_THAT(html, HasSubstr(">83.7% (103/123)<"));  // All six haves.
  // Self-contained: nothing fetched, nothing run.
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("href=")));
  EXPECT_THAT(html, Not(HasSubstr("@import")));
  o.include_worklists = false;
  o.max_chart_groups = 3;
  const std::string short_html = RenderReportHtml(Keshiketeng(true), o);
  EXPECT_THAT(short_html, Not(HasSubstr("h-0")));
  EXPECT_EQ(Count(short_html, "class=\"bar t1\""), 4);
  EXPECT_THAT(short_html,
              HasSubstr("The chart shows the first 3 of 23 groups"));
}

TEST(RenderHtmlTest, EscapesEveryTextAndSpeaksChinese) {
  v1::Report report = Keshiketeng(true);
  report.mutable_groups(1)->set_region_name("<script>alert(1)</script>");
  v1::TargetResult* t1 =
      report.mutable_total()->mutable_targets()->mutable_target_1();
  t1->add_worklist("h-<b>");
  v1::WorklistEntry* e = t1->add_worklist_entries();
  e->set_id("h-<b>");
  e->set_name("<i>A & B</i>");
  e->add_region_path("<u>");
  HtmlRenderOptions o;
  o.title = "A & B";
  const std::string html = RenderReportHtml(report, o);
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html,
              HasSubstr("<td>&lt;u&gt;</td><td>&lt;i&gt;A &amp; B&lt;/i&gt;"
                        "</td><td class=\"id\">h-&lt;b&gt;</td>"));
  EXPECT_THAT(html, HasSubstr("<title>A &amp; B</title>"));
  EXPECT_THAT(html, HasSubstr("lang=\"zh-CN\""));
  EXPECT_THAT(html, HasSubstr("星级管理"));
}

TEST(RenderJsonTest, RoundTripsThroughProtobufJson) {
  const v1::Report report = Keshiketeng(true);
  JsonWriteOptions o;
  o.pretty = true;
  absl::StatusOr<std::string> json = RenderReportJson(report, o);
  ASSERT_THAT(json, IsOk());
  EXPECT_THAT(*json, HasSubstr("\"standaloneNonPublic\": \"96\""));
  v1::Report back;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*json, &back).ok());
  EXPECT_EQ(back.SerializeAsString(), report.SerializeAsString());
  // Default values only on request.
  EXPECT_THAT(*RenderReportJson(v1::Report()), Not(HasSubstr("year")));
  o.include_default_values = true;
  EXPECT_THAT(*RenderReportJson(v1::Report(), o), HasSubstr("\"year\": 0"));
}

// WriteReportJson() writes what RenderReportJson() returns, in pieces; a
// write that fails stops it with the write's status.
TEST(RenderJsonTest, WrittenInPiecesAsRendered) {
  // The township groups over and over: several mebibytes of JSON.
  v1::Report report = Keshiketeng(true);
  const auto groups = report.groups();
  while (report.ByteSizeLong() < (size_t{3} << 20)) {
    for (const v1::ReportGroup& g : groups) *report.add_groups() = g;
  }
  for (bool pretty : {false, true}) {
    for (bool defaults : {false, true}) {
      JsonWriteOptions o;
      o.pretty = pretty;
      o.include_default_values = defaults;
      std::string written;
      int pieces = 0;
      ASSERT_THAT(WriteReportJson(report, o,
                                  [&](std::string_view piece) {
                                    written.append(piece.data(), piece.size());
                                    ++pieces;
                                    return absl::OkStatus();
                                  }),
                  IsOk());
      EXPECT_EQ(written, *RenderReportJson(report, o));
      EXPECT_GE(pieces, 3);
    }
  }
  // The second piece fails: no third is offered.
  int calls = 0;
  EXPECT_THAT(WriteReportJson(report, {},
                              [&](std::string_view) {
                                return ++calls < 2 ? absl::OkStatus()
                                                   : absl::UnavailableError(
                                                         "disk full");
                              }),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("disk full")));
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace dangjian
