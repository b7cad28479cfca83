// The report and its worklists as Excel workbooks (RenderReportXlsx,
// RenderWorklistXlsx): the parts are read back with libzip, as any program
// opening the file would.
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "dangjian/aggregate.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/generate.h"
#include "dangjian/record.h"
#include "dangjian/record_io.h"
#include "dangjian/render.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// The parts of a workbook, by name.
std::map<std::string, std::string> Parts(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src =
      zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  EXPECT_NE(zip, nullptr) << zip_error_strerror(&error);
  if (zip == nullptr) {
    if (src) zip_source_free(src);
    return parts;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st);
    zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    std::string data(st.size, '\0');
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    parts[st.name] = data;
  }
  zip_discard(zip);
  return parts;
}

// The sheet names of a workbook, in order. (Not std::regex: g++ 12 warns
// inside it under the sanitizers, and warnings are errors.)
std::vector<std::string> SheetNames(
    const std::map<std::string, std::string>& p) {
  std::vector<std::string> names;
  const std::string& wb = p.at("xl/workbook.xml");
  const std::string open = "<sheet name=\"";
  for (size_t at = wb.find(open); at != std::string::npos;
       at = wb.find(open, at + 1)) {
    const size_t begin = at + open.size();
    names.push_back(wb.substr(begin, wb.find('"', begin) - begin));
  }
  return names;
}

v1::Report Keshiketeng(bool by_township, int32_t cap = 10) {
  AggregatorOptions options;
  options.year = kKeshiketeng2014Year;
  options.worklist_cap = cap;
  if (by_township) options.group_by.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  v1::Dataset d = BuildKeshiketeng2014();
  // Forty standalone branches gone: forty units short of target 1.
  d.mutable_party_organizations()->DeleteSubrange(23, 40);
  absl::StatusOr<v1::Report> r = AggregateDataset(d, options);
  EXPECT_THAT(r, IsOk());
  return r.ok() ? *r : v1::Report();
}

TEST(ReportXlsxTest, SheetsOfTargetsWorklistsFiguresAndQuality) {
  absl::StatusOr<std::string> xlsx =
      RenderReportXlsx(Keshiketeng(true, kWorklistCapAll));
  ASSERT_THAT(xlsx, IsOk());
  EXPECT_THAT(*xlsx, StartsWith("PK\x03\x04"));
  const auto parts = Parts(*xlsx);
  EXPECT_THAT(
      SheetNames(parts),
      ElementsAre("四个100%", "清单1 应建尽建", "清单2 星级管理", "清单3 联建",
                  "清单4 党的工作覆盖", "全部指标", "数据质量"));
  const std::string& targets = parts.at("xl/worksheets/sheet1.xml");
  // Header frozen, filtered; text inline, counts as numbers.
  EXPECT_THAT(targets, HasSubstr("ySplit=\"1\" topLeftCell=\"B2\""));
  EXPECT_THAT(targets, HasSubstr("<autoFilter ref=\"A1:"));
  EXPECT_THAT(targets, HasSubstr("<t>合计</t>"));
  EXPECT_THAT(targets, HasSubstr("<v>116</v>"));  // Target 1 eligible.
  // Townships in natural order: 苏木2 before 苏木10 (Keshiketeng's 苏木N).
  EXPECT_LT(targets.find("苏木2 "), targets.find("苏木10 "));
  // The worklist of target 1: forty rows and the header.
  const std::string& t1 = parts.at("xl/worksheets/sheet2.xml");
  size_t rows = 0;
  for (size_t at = t1.find("<row "); at != std::string::npos;
       at = t1.find("<row ", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 41u);
  EXPECT_THAT(t1, HasSubstr("未单独建立党组织"));
  EXPECT_THAT(t1, HasSubstr("<t>党建工作指导员</t>"));
  // Every figure: money as yuan with its format, the key beside it.
  EXPECT_THAT(parts.at("xl/worksheets/sheet6.xml"),
              HasSubstr("<t>funding.total_fen</t>"));
  EXPECT_THAT(parts.at("xl/styles.xml"), HasSubstr("#,##0.00"));
  EXPECT_THAT(parts.at("xl/styles.xml"), HasSubstr("0.0%"));
}

TEST(ReportXlsxTest, EnglishAndWithoutGroupsOrWorklists) {
  WorkbookRenderOptions o;
  o.language = ReportLanguage::kEnglish;
  o.include_worklists = false;
  o.include_groups = false;
  absl::StatusOr<std::string> xlsx = RenderReportXlsx(Keshiketeng(true), o);
  ASSERT_THAT(xlsx, IsOk());
  const auto parts = Parts(*xlsx);
  EXPECT_THAT(SheetNames(parts),
              ElementsAre("targets", "figures", "data quality"));
  EXPECT_THAT(parts.at("xl/worksheets/sheet1.xml"), Not(HasSubstr("苏木")));
}

TEST(ReportXlsxTest, TooManyGroupsForASheetIsRefused) {
  v1::Report r = Keshiketeng(false);
  r.mutable_group_by()->set_industry(true);
  for (int i = 0; i < 16381; ++i) {
    r.add_groups()->mutable_key()->set_industry(absl::StrCat("C", i));
  }
  EXPECT_THAT(RenderReportXlsx(r), StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("coarser")));
  WorkbookRenderOptions o;
  o.include_groups = false;
  EXPECT_THAT(RenderReportXlsx(r, o), IsOk());
}

// Two Keshiketeng years by township: 2014 with 40 branches gone, 2015 whole.
v1::ReportComparison TwoYears() {
  v1::Report earlier = Keshiketeng(true);
  AggregatorOptions options;
  options.year = kKeshiketeng2014Year;
  options.group_by.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  absl::StatusOr<v1::Report> later =
      AggregateDataset(BuildKeshiketeng2014(), options);
  EXPECT_THAT(later, IsOk());
  later->set_year(kKeshiketeng2014Year + 1);
  absl::StatusOr<v1::ReportComparison> c = CompareReports(earlier, *later);
  EXPECT_THAT(c, IsOk());
  return c.ok() ? *c : v1::ReportComparison();
}

TEST(ComparisonXlsxTest, TargetsAndEveryFigureInBothYears) {
  const v1::ReportComparison c = TwoYears();
  absl::StatusOr<std::string> xlsx = RenderComparisonXlsx(c);
  ASSERT_THAT(xlsx, IsOk());
  const auto parts = Parts(*xlsx);
  EXPECT_THAT(SheetNames(parts), ElementsAre("四个100%对比", "全部指标对比"));
  const std::string& targets = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_THAT(targets, HasSubstr("<t>目标1 应建尽建 达标 2014年</t>"));
  EXPECT_THAT(targets, HasSubstr("<t>目标3 联建 比例增减(百分点)</t>"));
  ASSERT_NE(targets.find("苏木10 "), std::string::npos);
  EXPECT_LT(targets.find("苏木2 "), targets.find("苏木10 "));
  const std::string& figures = parts.at("xl/worksheets/sheet2.xml");
  // A row per line per group, the total first: 40 more standalone branches.
  EXPECT_THAT(figures, HasSubstr("<t>targets.target_1.met</t>"));
  EXPECT_THAT(figures, HasSubstr("<t>units.total</t>"));
  const int64_t met_before = c.earlier().total().targets().target_1().met();
  EXPECT_THAT(figures, HasSubstr(absl::StrCat("<v>", met_before, "</v>")));
  EXPECT_THAT(figures, HasSubstr(absl::StrCat("<v>", met_before + 40, "</v>")));
  // The total's row of target 1's met: 40 more.
  const size_t met = figures.find("<t>targets.target_1.met</t>");
  ASSERT_NE(met, std::string::npos);
  EXPECT_THAT(figures.substr(met, figures.find("</row>", met) - met),
              HasSubstr("<v>40</v>"));
  size_t rows = 0;
  for (size_t at = figures.find("<row "); at != std::string::npos;
       at = figures.find("<row ", at + 1)) {
    ++rows;
  }
  // The header, then the same number of lines for the total and each group.
  EXPECT_EQ((rows - 1) % static_cast<size_t>(c.groups_size() + 1), 0u);
  EXPECT_GT(rows, 100u * (c.groups_size() + 1));
  // Rates as 0.0%, their changes in points with a sign.
  EXPECT_THAT(parts.at("xl/styles.xml"), HasSubstr("0.0%"));
  EXPECT_THAT(parts.at("xl/styles.xml"), HasSubstr("+0.0;-0.0;0"));

  WorkbookRenderOptions o;
  o.language = ReportLanguage::kEnglish;
  o.include_groups = false;
  absl::StatusOr<std::string> en = RenderComparisonXlsx(c, o);
  ASSERT_THAT(en, IsOk());
  const auto en_parts = Parts(*en);
  EXPECT_THAT(SheetNames(en_parts),
              ElementsAre("targets compared", "figures compared"));
  EXPECT_THAT(en_parts.at("xl/worksheets/sheet2.xml"), Not(HasSubstr("town-")));
}

TEST(ComparisonXlsxTest, MaskedAndBlankWhereThereIsNoRate) {
  v1::ReportComparison c = TwoYears();
  v1::GroupComparison* g = c.add_groups();
  g->mutable_key()->set_region_id("r13812345678");
  g->set_region_name("张三 13912345678 110105194912310029");
  v1::TargetResult* t =
      g->mutable_earlier()->mutable_targets()->mutable_target_1();
  t->set_eligible(10);
  t->set_met(8);
  t->set_rate_percent(80);
  g->mutable_change()->mutable_targets()->mutable_target_1()->set_rate_percent(
      -80);
  c.mutable_change()->mutable_targets()->mutable_target_4()->set_rate_percent(
      std::numeric_limits<double>::quiet_NaN());
  absl::StatusOr<std::string> xlsx = RenderComparisonXlsx(c);
  ASSERT_THAT(xlsx, IsOk());
  const auto parts = Parts(*xlsx);
  for (const char* sheet :
       {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}) {
    const std::string& xml = parts.at(sheet);
    EXPECT_THAT(xml, Not(HasSubstr("13812345678"))) << sheet;
    EXPECT_THAT(xml, Not(HasSubstr("13912345678"))) << sheet;
    EXPECT_THAT(xml, Not(HasSubstr("110105194912310029"))) << sheet;
    EXPECT_THAT(xml, Not(HasSubstr("NAN"))) << sheet;
    EXPECT_THAT(xml, Not(HasSubstr("-80"))) << sheet;
  }
  EXPECT_THAT(parts.at("xl/worksheets/sheet2.xml"), HasSubstr("张三"));
}

TEST(ComparisonXlsxTest, MoreLinesThanASheetHoldsIsRefused) {
  v1::ReportComparison c = TwoYears();
  for (int i = 0; i < 10000; ++i) {
    c.add_groups()->mutable_key()->set_industry(absl::StrCat("C", i));
  }
  EXPECT_THAT(
      RenderComparisonXlsx(c),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("coarser")));
  WorkbookRenderOptions o;
  o.include_groups = false;
  EXPECT_THAT(RenderComparisonXlsx(c, o), IsOk());
}

TEST(ReportXlsxTest, AnUnwritableTemporaryFolderIsAnError) {
  const char* old = getenv("TMPDIR");
  const std::string saved = old ? old : "";
  setenv("TMPDIR", "/nonexistent-dangjian-tmp", 1);
  EXPECT_THAT(RenderReportXlsx(Keshiketeng(false)),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("TMPDIR")));
  if (old) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  EXPECT_THAT(RenderReportXlsx(Keshiketeng(false)), IsOk());
}

TEST(WorklistXlsxTest, ASheetPerTownshipNamedForExcel) {
  v1::Report r;
  v1::TargetResult* t =
      r.mutable_total()->mutable_targets()->mutable_target_4();
  auto add = [&](const std::string& id, std::vector<std::string> path,
                 const std::string& township) {
    v1::WorklistEntry* e = t->add_worklist_entries();
    e->set_id(id);
    e->set_name("单位" + id);
    for (const std::string& p : path) e->add_region_path(p);
    e->set_township(township);
    e->set_reason(v1::SHORTFALL_REASON_NOT_IN_REGIONAL_GRID);
  };
  add("a", {"县", "苏木10"}, "苏木10");
  add("b", {"县", "苏木2"}, "苏木2");
  add("c", {"县", "苏木2", "嘎查"}, "苏木2");
  // Two townships of one name in two counties; a name Excel refuses; a
  // name past 31 characters.
  add("d", {"甲县", "城关镇"}, "城关镇");
  add("e", {"乙县", "城关镇"}, "城关镇");
  add("f", {"县", "开发区/高新区[一期]"}, "开发区/高新区[一期]");
  add("g", {"县", std::string(40, 'x')}, std::string(40, 'x'));
  absl::StatusOr<std::string> xlsx = RenderWorklistXlsx(r);
  ASSERT_THAT(xlsx, IsOk());
  const auto parts = Parts(*xlsx);
  // By region path in natural order (乙县 < 县 < 甲县 in code points; ASCII
  // before Chinese).
  EXPECT_THAT(SheetNames(parts),
              ElementsAre("城关镇", std::string(31, 'x'), "开发区_高新区_一期_",
                          "苏木2", "苏木10", "城关镇 (2)"));
  // 苏木2's sheet holds its two units, one of them in a village.
  const std::string& s2 = parts.at("xl/worksheets/sheet4.xml");
  EXPECT_THAT(s2, HasSubstr("<t>单位b</t>"));
  EXPECT_THAT(s2, HasSubstr("<t>单位c</t>"));
  EXPECT_THAT(s2, Not(HasSubstr("<t>单位a</t>")));
  // One sheet of all, when asked.
  WorklistXlsxOptions o;
  o.sheet_per_township = false;
  xlsx = RenderWorklistXlsx(r, o);
  ASSERT_THAT(xlsx, IsOk());
  EXPECT_THAT(SheetNames(Parts(*xlsx)), ElementsAre("未达标清单"));
  // No worklist at all: one sheet, the header alone.
  xlsx = RenderWorklistXlsx(v1::Report());
  ASSERT_THAT(xlsx, IsOk());
  EXPECT_THAT(SheetNames(Parts(*xlsx)), ElementsAre("未达标清单"));
}

TEST(WorklistXlsxTest, NamesAndTextExcelWouldRefuseAreMadeFit) {
  v1::Report r;
  v1::TargetResult* t =
      r.mutable_total()->mutable_targets()->mutable_target_4();
  auto add = [&](const std::string& id, const std::string& township,
                 const std::string& name) {
    v1::WorklistEntry* e = t->add_worklist_entries();
    e->set_id(id);
    e->set_name(name);
    e->add_region_path(township);
    e->set_township(township);
  };
  add("a", "Town", "甲");
  add("b", "town", "乙");                             // Another case: a second.
  add("c", "镇名'", "丙\x01名\xEF\xBF\xBE _x0041_");  // Apostrophe; U+FFFE.
  add("d", "history", "丁");                          // Reserved by Excel.
  std::string emoji;
  for (int i = 0; i < 20; ++i) emoji += "\xF0\x9F\x98\x80";  // 😀, 2 units.
  add("e", emoji, "戊");
  add("f", "电话13800138000镇", "己");
  absl::StatusOr<std::string> xlsx = RenderWorklistXlsx(r);
  ASSERT_THAT(xlsx, IsOk());
  const auto parts = Parts(*xlsx);
  std::string fifteen;
  for (int i = 0; i < 15; ++i) fifteen += "\xF0\x9F\x98\x80";
  // In natural order of paths (bytes past digits: 电 < 镇 < 😀); "*" of a
  // masked number is no sheet name's.
  EXPECT_THAT(SheetNames(parts),
              ElementsAre("Town", "history_", "town (2)", "电话_______8000镇",
                          "镇名'_", fifteen));
  // U+FFFE is no XML character: replaced; a literal _x0041_ stays itself.
  const std::string& c = parts.at("xl/worksheets/sheet5.xml");
  EXPECT_THAT(c, Not(HasSubstr("\xEF\xBF\xBE")));
  EXPECT_THAT(c, HasSubstr("\xEF\xBF\xBD _x005F_x0041_"));
}

TEST(ReportXlsxTest, DataQualityIsMasked) {
  v1::Report r = Keshiketeng(false);
  v1::DamagedShard* d = r.mutable_data_quality()->add_damaged_shards();
  d->set_file("/data/张三110105194912310021.djr");
  d->set_reason("cut short; call 13800138000");
  r.mutable_data_quality()->add_findings()->set_name("rule 13800138000");
  absl::StatusOr<std::string> xlsx = RenderReportXlsx(r);
  ASSERT_THAT(xlsx, IsOk());
  std::string all;
  for (const auto& [name, data] : Parts(*xlsx)) all += data;
  EXPECT_THAT(all, Not(HasSubstr("110105194912310021")));
  EXPECT_THAT(all, Not(HasSubstr("13800138000")));
  EXPECT_THAT(all, HasSubstr("cut short"));
}

// --- Ledgers as a workbook (WorkbookLedgerWriter) --------------------------

std::string TempPath(const std::string& name) {
  const char* dir = getenv("TEST_TMPDIR");
  return absl::StrCat(dir != nullptr ? dir : "/tmp", "/dj_", getpid(), "_",
                      name);
}

bool Exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(WorkbookLedgerWriterTest, KeshiketengReadsBackTableByTable) {
  const v1::Dataset d = BuildKeshiketeng2014();
  const std::string path = TempPath("ksk.xlsx");
  WorkbookWriterOptions o;
  o.full_fidelity = true;
  auto w = WorkbookLedgerWriter::Create(path, o);
  ASSERT_THAT(w, IsOk());
  absl::Status failed;
  ForEachRecord(d, [&](const v1::Record& r) {
    absl::Status s = (*w)->Write(r);
    if (!s.ok() && failed.ok()) failed = s;  // Every kind has a sheet.
  });
  ASSERT_THAT(failed, IsOk());
  EXPECT_FALSE(Exists(path));  // Not before Close().
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_FALSE(Exists(path + ".tmp"));
  const auto parts = Parts(Slurp(path));
  EXPECT_THAT(SheetNames(parts), ::testing::Contains("党员"));
  EXPECT_THAT(SheetNames(parts), ::testing::Contains("星级评定"));
  absl::StatusOr<v1::Dataset> back = ReadDataset(path);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->host_organizations_size(), d.host_organizations_size());
  EXPECT_EQ(back->members_size(), d.members_size());
  EXPECT_EQ(back->party_organizations_size(), d.party_organizations_size());
  EXPECT_EQ(back->grids_size(), d.grids_size());
  EXPECT_EQ(back->regions_size(), d.regions_size());
  EXPECT_EQ(back->cadre_assignments_size(), d.cadre_assignments_size());
  EXPECT_EQ(back->reserve_talent_size(), d.reserve_talent_size());
  EXPECT_EQ(back->host_annual_results_size(), d.host_annual_results_size());
  EXPECT_EQ(back->region_economies_size(), d.region_economies_size());
  EXPECT_GT(d.cadre_assignments_size(), 0);
  EXPECT_EQ(back->host_organizations(0).name(), d.host_organizations(0).name());
  // The nested star assessments came back as star records.
  int nested = 0;
  for (const v1::PartyOrganization& org : d.party_organizations()) {
    nested += org.star_assessments_size();
  }
  EXPECT_EQ(back->star_assessments_size(), nested + d.star_assessments_size());
  unlink(path.c_str());
}

TEST(WorkbookLedgerWriterTest,
     IdsStayTextIntegersAreNumbersPersonalDataMasked) {
  const std::string path = TempPath("m.xlsx");
  auto w = WorkbookLedgerWriter::Create(path);
  ASSERT_THAT(w, IsOk());
  v1::Record r;
  v1::Member* m = r.mutable_member();
  m->set_id("m1");
  m->set_name("张三");
  m->set_national_id("110105194912310021");
  m->set_phone("13800138000");
  ASSERT_THAT((*w)->Write(r), IsOk());
  v1::Record h;
  h.mutable_host_organization()->set_id("h1");
  h.mutable_host_organization()->set_name("=危险公式()");
  h.mutable_host_organization()->set_employees(42);
  ASSERT_THAT((*w)->Write(h), IsOk());
  v1::Record c;
  c.mutable_cadre_assignment()->set_id("c1");
  EXPECT_THAT((*w)->Write(c), IsOk());  // 党务干部, a sheet of its own.
  EXPECT_THAT((*w)->Write(v1::Record()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no ledger")));
  ASSERT_THAT((*w)->Close(), IsOk());
  std::string all;
  for (const auto& [name, data] : Parts(Slurp(path))) all += data;
  EXPECT_THAT(all, Not(HasSubstr("110105194912310021")));
  EXPECT_THAT(all, Not(HasSubstr("13800138000")));
  EXPECT_THAT(all, HasSubstr("<v>42</v>"));           // A number.
  EXPECT_THAT(all, HasSubstr("<t>=危险公式()</t>"));  // Text, not a formula.
  EXPECT_THAT(all, Not(HasSubstr("<f>")));
  unlink(path.c_str());
}

TEST(WorkbookLedgerWriterTest, UnclosedLeavesNothingAndAMissingFolderFails) {
  const std::string path = TempPath("unclosed.xlsx");
  {
    auto w = WorkbookLedgerWriter::Create(path);
    ASSERT_THAT(w, IsOk());
    v1::Record r;
    r.mutable_member()->set_id("m1");
    ASSERT_THAT((*w)->Write(r), IsOk());
  }
  EXPECT_FALSE(Exists(path));
  EXPECT_FALSE(Exists(path + ".tmp"));
  EXPECT_THAT(WorkbookLedgerWriter::Create("/nonexistent-dangjian/x.xlsx"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("x.xlsx")));
  // And through CreateRecordWriter(), by the extension.
  auto any = CreateRecordWriter(path);
  ASSERT_THAT(any, IsOk());
  v1::Record r;
  r.mutable_region()->set_id("r1");
  ASSERT_THAT((*any)->Write(r), IsOk());
  ASSERT_THAT((*any)->Close(), IsOk());
  EXPECT_THAT(SheetNames(Parts(Slurp(path))), ElementsAre("区域"));
  unlink(path.c_str());
}

TEST(WorklistTownshipPathTest, DownToTheTownshipElseTheWholePath) {
  v1::WorklistEntry e;
  for (const char* p : {"省", "市", "县", "镇", "村"}) e.add_region_path(p);
  e.set_township("镇");
  EXPECT_THAT(WorklistTownshipPath(e), ElementsAre("省", "市", "县", "镇"));
  e.clear_township();
  EXPECT_THAT(WorklistTownshipPath(e),
              ElementsAre("省", "市", "县", "镇", "村"));
  // A county named like its township: the township's is the last.
  v1::WorklistEntry same;
  for (const char* p : {"县", "城关", "城关"}) same.add_region_path(p);
  same.set_township("城关");
  EXPECT_THAT(WorklistTownshipPath(same), ElementsAre("县", "城关", "城关"));
}

}  // namespace
}  // namespace dangjian
