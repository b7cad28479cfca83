// Worklists people act on: each unit (organization, for target 2) that falls
// short carries its name, region path, township, grid, instructor, member
// counts and reason; entries survive partial reports and merges; the report
// orders them naturally by region; the reason reads in words; the CSV
// worklist filters, masks and opens in Excel.
#include <memory>
#include <string>
#include <vector>

#include "dangjian/aggregate.h"
#include "dangjian/record.h"
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

constexpr int kYear = 2014;

// A county (克什克腾旗) with townships 苏木2 and 苏木10 and a village in
// 苏木10.
v1::Dataset County() {
  v1::Dataset d;
  auto region = [&](const char* id, const char* name, v1::RegionLevel level,
                    const char* parent) {
    v1::Region* r = d.add_regions();
    r->set_id(id);
    r->set_name(name);
    r->set_level(level);
    r->set_parent_id(parent);
  };
  region("c", "克什克腾旗", v1::REGION_LEVEL_COUNTY, "");
  region("t2", "苏木2", v1::REGION_LEVEL_SUMU, "c");
  region("t10", "苏木10", v1::REGION_LEVEL_SUMU, "c");
  region("v", "嘎查1", v1::REGION_LEVEL_VILLAGE, "t10");
  return d;
}

v1::HostOrganization* Host(v1::Dataset* d, const std::string& id,
                           const std::string& name, const std::string& region,
                           const std::string& grid = "") {
  v1::HostOrganization* h = d->add_host_organizations();
  h->set_id(id);
  h->set_name(name);
  h->set_region_id(region);
  h->set_grid_id(grid);
  h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  return h;
}

void Members(v1::Dataset* d, const std::string& host, int full,
             int probationary) {
  for (int i = 0; i < full + probationary; ++i) {
    v1::Member* m = d->add_members();
    m->set_id(host + "-m" + std::to_string(i));
    m->set_host_organization_id(host);
    m->set_status(i < full ? v1::MEMBER_STATUS_FULL
                           : v1::MEMBER_STATUS_PROBATIONARY);
  }
}

v1::PartyOrganization* Org(v1::Dataset* d, const std::string& id,
                           v1::FormationModel formation,
                           std::vector<std::string> hosts) {
  v1::PartyOrganization* o = d->add_party_organizations();
  o->set_id(id);
  o->set_formation(formation);
  for (const std::string& h : hosts) o->add_host_organization_ids(h);
  return o;
}

// Every reason, once.
v1::Dataset EveryReason() {
  v1::Dataset d = County();
  // Target 1, no organization: 3 full members, 1 probationary.
  Host(&d, "h1", "甲商贸有限公司", "t10");
  Members(&d, "h1", 3, 1);
  // Target 1, only in a joint organization.
  Host(&d, "h2", "乙建材厂", "t2");
  Members(&d, "h2", 4, 0);
  Org(&d, "joint", v1::FORMATION_MODEL_JOINT, {"h2", "h3"});
  // Target 3, met (in the joint organization): on no worklist.
  Host(&d, "h3", "丙超市", "t2");
  Members(&d, "h3", 1, 0);
  // Target 3, not joined.
  Host(&d, "h4", "丁饭店", "v");
  Members(&d, "h4", 1, 1);
  // Target 4: not in a regional grid; in a grid without an instructor; in
  // one with an instructor (met).
  Org(&d, "rb", v1::FORMATION_MODEL_REGIONAL, {});
  v1::Grid* g1 = d.add_grids();
  g1->set_id("g1");
  g1->set_party_organization_id("rb");
  v1::Grid* g2 = d.add_grids();
  g2->set_id("g2");
  g2->set_party_organization_id("rb");
  g2->set_instructor_name("王指导员");
  Host(&d, "h5", "戊汽修", "t10");
  Host(&d, "h6", "己农资店", "t10", "g1");
  Host(&d, "h7", "庚物流", "t10", "g2");
  // Target 2: a standalone organization with no star assessment.
  v1::PartyOrganization* s =
      Org(&d, "o1", v1::FORMATION_MODEL_STANDALONE, {"h8"});
  s->set_name("辛公司党支部");
  s->set_region_id("t2");
  Host(&d, "h8", "辛公司", "t2");
  Members(&d, "h8", 3, 0);
  return d;
}

AggregatorOptions Options() {
  AggregatorOptions o;
  o.year = kYear;
  return o;
}

v1::Report Report(const v1::Dataset& d,
                  const AggregatorOptions& o = Options()) {
  absl::StatusOr<v1::Report> r = AggregateDataset(d, o);
  EXPECT_THAT(r, IsOk());
  return r.ok() ? *r : v1::Report();
}

std::vector<std::string> Ids(const v1::TargetResult& t) {
  std::vector<std::string> ids;
  for (const v1::WorklistEntry& e : t.worklist_entries()) ids.push_back(e.id());
  return ids;
}

TEST(WorklistEntryTest, EachUnitCarriesWhatAVisitNeeds) {
  const v1::TargetFigures t = Report(EveryReason()).total().targets();
  ASSERT_EQ(t.target_1().worklist_entries_size(), 2);
  const v1::WorklistEntry& h1 = t.target_1().worklist_entries(1);
  EXPECT_EQ(h1.id(), "h1");
  EXPECT_EQ(h1.name(), "甲商贸有限公司");
  EXPECT_EQ(h1.region_id(), "t10");
  EXPECT_THAT(h1.region_path(), ElementsAre("克什克腾旗", "苏木10"));
  EXPECT_EQ(h1.township(), "苏木10");
  EXPECT_EQ(h1.full_members(), 3);
  EXPECT_EQ(h1.probationary_members(), 1);
  EXPECT_EQ(h1.reason(), v1::SHORTFALL_REASON_NO_ORGANIZATION);
  const v1::WorklistEntry& h2 = t.target_1().worklist_entries(0);
  EXPECT_EQ(h2.id(), "h2");
  EXPECT_EQ(h2.reason(), v1::SHORTFALL_REASON_NOT_STANDALONE);

  ASSERT_EQ(t.target_2().worklist_entries_size(), 1);
  const v1::WorklistEntry& o1 = t.target_2().worklist_entries(0);
  EXPECT_EQ(o1.name(), "辛公司党支部");
  EXPECT_EQ(o1.township(), "苏木2");
  EXPECT_EQ(o1.reason(), v1::SHORTFALL_REASON_NO_STAR_ASSESSMENT);

  ASSERT_EQ(t.target_3().worklist_entries_size(), 1);
  const v1::WorklistEntry& h4 = t.target_3().worklist_entries(0);
  EXPECT_EQ(h4.id(), "h4");
  // A village's unit: the township above it.
  EXPECT_THAT(h4.region_path(), ElementsAre("克什克腾旗", "苏木10", "嘎查1"));
  EXPECT_EQ(h4.township(), "苏木10");
  EXPECT_EQ(h4.reason(), v1::SHORTFALL_REASON_NOT_JOINED);

  EXPECT_THAT(Ids(t.target_4()), ElementsAre("h6", "h5"));
  const v1::WorklistEntry& h6 = t.target_4().worklist_entries(0);
  EXPECT_EQ(h6.grid_id(), "g1");
  EXPECT_EQ(h6.instructor_name(), "");
  EXPECT_EQ(h6.reason(), v1::SHORTFALL_REASON_GRID_WITHOUT_INSTRUCTOR);
  EXPECT_EQ(t.target_4().worklist_entries(1).reason(),
            v1::SHORTFALL_REASON_NOT_IN_REGIONAL_GRID);
  // The worklist of ids holds the same units, smallest id first.
  EXPECT_THAT(t.target_4().worklist(), ElementsAre("h5", "h6"));
}

TEST(WorklistEntryTest, InstructorNamedByTheGridOrItsAssignmentInPost) {
  v1::Dataset d = County();
  Org(&d, "rb", v1::FORMATION_MODEL_REGIONAL, {});
  v1::Grid* g = d.add_grids();
  g->set_id("g");
  g->set_party_organization_id("rb");
  g->set_instructor_assignment_id("ca");
  v1::CadreAssignment* a = d.add_cadre_assignments();
  a->set_id("ca");
  a->set_name("李派驻");
  a->set_kind(v1::CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR);
  a->mutable_start_on()->set_year(kYear - 1);
  // One member: target 3, not met; the grid is named with its instructor.
  Host(&d, "h", "某店", "t2", "g");
  Members(&d, "h", 1, 0);
  v1::WorklistEntry e =
      Report(d).total().targets().target_3().worklist_entries(0);
  EXPECT_EQ(e.grid_id(), "g");
  EXPECT_EQ(e.instructor_name(), "李派驻");
  // The assignment ended before the year: no instructor to name.
  a->mutable_end_on()->set_year(kYear - 1);
  e = Report(d).total().targets().target_3().worklist_entries(0);
  EXPECT_EQ(e.instructor_name(), "");
}

TEST(WorklistEntryTest, TownshipsInNaturalOrderThenNames) {
  v1::Dataset d = County();
  Host(&d, "a", "乙", "t10");
  Host(&d, "b", "甲", "t2");
  Host(&d, "c", "丙2", "t10");
  Host(&d, "d", "丙10", "t10");
  Host(&d, "e", "丙2", "t10");
  const v1::TargetResult t = Report(d).total().targets().target_4();
  // 苏木2 before 苏木10; in 苏木10 by name, digits by value, then by id.
  EXPECT_THAT(Ids(t), ElementsAre("b", "c", "e", "d", "a"));
  EXPECT_THAT(t.worklist(), ElementsAre("a", "b", "c", "d", "e"));
}

TEST(WorklistEntryTest, CapKeepsTheSmallestIdsAndAllKeepsEvery) {
  v1::Dataset d = County();
  for (int i = 0; i < 5; ++i) {
    Host(&d, "h" + std::to_string(i), "单位", "t2");
  }
  AggregatorOptions o = Options();
  o.worklist_cap = 2;
  v1::TargetResult t = Report(d, o).total().targets().target_4();
  EXPECT_THAT(Ids(t), ElementsAre("h0", "h1"));
  EXPECT_EQ(t.shortfall(), 5);
  o.worklist_cap = kWorklistCapAll;
  t = Report(d, o).total().targets().target_4();
  EXPECT_EQ(t.worklist_entries_size(), 5);
  o.worklist_cap = 0;
  EXPECT_EQ(Report(d, o).total().targets().target_4().worklist_entries_size(),
            0);
}

TEST(WorklistEntryTest, AListLongerThanItsCapOrOutOfOrderIsMendedOnMerge) {
  v1::Dataset d = County();
  for (int i = 0; i < 5; ++i) {
    Host(&d, "h" + std::to_string(i), "单位", "t2");
  }
  AggregatorOptions o = Options();
  o.worklist_cap = kWorklistCapAll;
  absl::StatusOr<std::unique_ptr<Aggregator>> agg = Aggregator::Create(o);
  ASSERT_THAT(agg, IsOk());
  ForEachRecord(d, [&](const v1::Record& r) { (void)(*agg)->Add(r); });
  absl::StatusOr<v1::PartialReport> p = (*agg)->Finish();
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->groups(0).worklists(3).ids_size(), 5);
  // As written, the list is whole, in order of id.
  absl::StatusOr<v1::Report> whole = FinishReport(*p);
  ASSERT_THAT(whole, IsOk());
  EXPECT_EQ(whole->total().targets().target_4().worklist_size(), 5);
  // Edited by hand: the cap lowered to 2, the list reversed. Alone in a
  // merge, or finished, it comes out as the 2 smallest ids, in order.
  v1::PartialReport edited = *p;
  edited.set_worklist_cap(2);
  v1::Worklist* w = edited.mutable_groups(0)->mutable_worklists(3);
  for (int i = 0, j = w->ids_size() - 1; i < j; ++i, --j) {
    w->mutable_ids()->SwapElements(i, j);
    w->mutable_entries()->SwapElements(i, j);
  }
  absl::StatusOr<v1::PartialReport> merged = MergeAllPartialReports({edited});
  ASSERT_THAT(merged, IsOk());
  EXPECT_THAT(merged->groups(0).worklists(3).ids(), ElementsAre("h0", "h1"));
  EXPECT_EQ(merged->groups(0).worklists(3).entries_size(), 2);
  absl::StatusOr<v1::Report> r = FinishReport(edited);
  ASSERT_THAT(r, IsOk());
  EXPECT_THAT(Ids(r->total().targets().target_4()), ElementsAre("h0", "h1"));
  EXPECT_EQ(r->total().targets().target_4().shortfall(), 5);
}

TEST(WorklistEntryTest, EntriesSurviveAPartialAndAMerge) {
  const v1::Dataset all = EveryReason();
  // Two shards: the county's regions in both, the units split.
  v1::Dataset a = County(), b = County();
  for (const v1::HostOrganization& h : all.host_organizations()) {
    *(h.id() < "h5" ? a.add_host_organizations() : b.add_host_organizations()) =
        h;
  }
  for (const v1::Member& m : all.members()) {
    *(m.host_organization_id() < "h5" ? a.add_members() : b.add_members()) = m;
  }
  for (const v1::PartyOrganization& o : all.party_organizations()) {
    *(o.id() == "joint" ? a.add_party_organizations()
                        : b.add_party_organizations()) = o;
  }
  *b.mutable_grids() = all.grids();
  std::vector<v1::PartialReport> partials;
  for (const v1::Dataset* d : {&a, &b}) {
    absl::StatusOr<std::unique_ptr<Aggregator>> agg =
        Aggregator::Create(Options());
    ASSERT_THAT(agg, IsOk());
    ForEachRecord(*d, [&](const v1::Record& r) { (void)(*agg)->Add(r); });
    absl::StatusOr<v1::PartialReport> p = (*agg)->Finish();
    ASSERT_THAT(p, IsOk());
    // Parsed back, as one sent up the region tree would be.
    v1::PartialReport parsed;
    ASSERT_TRUE(parsed.ParseFromString(p->SerializeAsString()));
    partials.push_back(parsed);
  }
  absl::StatusOr<v1::PartialReport> merged = MergeAllPartialReports(partials);
  ASSERT_THAT(merged, IsOk());
  absl::StatusOr<v1::Report> report = FinishReport(*merged);
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->total().targets().DebugString(),
            Report(all).total().targets().DebugString());
}

TEST(WorklistEntryTest, APartialWithIdsAloneStillMerges) {
  absl::StatusOr<std::unique_ptr<Aggregator>> agg =
      Aggregator::Create(Options());
  ASSERT_THAT(agg, IsOk());
  ForEachRecord(EveryReason(),
                [&](const v1::Record& r) { (void)(*agg)->Add(r); });
  absl::StatusOr<v1::PartialReport> p = (*agg)->Finish();
  ASSERT_THAT(p, IsOk());
  // As dangjian 0.2.0 wrote it: ids, no entries.
  v1::PartialReport old = *p;
  for (v1::PartialGroup& g : *old.mutable_groups()) {
    for (v1::Worklist& w : *g.mutable_worklists()) w.clear_entries();
  }
  absl::StatusOr<v1::Report> r = FinishReport(old);
  ASSERT_THAT(r, IsOk());
  const v1::TargetResult& t = r->total().targets().target_4();
  EXPECT_THAT(t.worklist(), ElementsAre("h5", "h6"));
  // The ids alone, as before; the text lists them so.
  EXPECT_EQ(t.worklist_entries_size(), 0);
  EXPECT_THAT(RenderReportText(*r), HasSubstr("    h5, h6\n"));
  // Merged with a partial of other units that has entries: the list keeps
  // ids alone; of the same units, their entries.
  v1::Dataset other = County();
  Host(&other, "h9", "壬店", "t2");
  absl::StatusOr<std::unique_ptr<Aggregator>> agg2 =
      Aggregator::Create(Options());
  ASSERT_THAT(agg2, IsOk());
  ForEachRecord(other, [&](const v1::Record& r) { (void)(*agg2)->Add(r); });
  absl::StatusOr<v1::PartialReport> p2 = (*agg2)->Finish();
  ASSERT_THAT(p2, IsOk());
  absl::StatusOr<v1::PartialReport> mixed = MergePartialReports(old, *p2);
  ASSERT_THAT(mixed, IsOk());
  EXPECT_EQ(mixed->groups(0).worklists(3).ids_size(), 3);
  EXPECT_EQ(mixed->groups(0).worklists(3).entries_size(), 0);
  v1::PartialReport unprinted = old;
  unprinted.clear_shards();  // Not the same shard twice.
  absl::StatusOr<v1::PartialReport> same = MergePartialReports(unprinted, *p);
  ASSERT_THAT(same, IsOk());
  EXPECT_EQ(same->groups(0).worklists(3).entries_size(), 2);
  v1::WorklistEntry unknown;
  EXPECT_EQ(DescribeShortfall(unknown), "原因未记录");
  // Entries that do not match the ids one to one are refused.
  v1::PartialReport bad = *p;
  bad.mutable_groups(0)->mutable_worklists(3)->mutable_entries()->RemoveLast();
  EXPECT_THAT(FinishReport(bad), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("one entry per id")));
}

TEST(WorklistEntryTest, PersonalDataInANameIsMasked) {
  v1::Dataset d = County();
  Host(&d, "h", "张三个体户 13800138000", "t2");
  const v1::WorklistEntry e =
      Report(d).total().targets().target_4().worklist_entries(0);
  EXPECT_THAT(e.name(), HasSubstr("张三个体户"));
  EXPECT_THAT(e.name(), Not(HasSubstr("13800138000")));
}

TEST(DescribeShortfallTest, EveryReasonInBothLanguages) {
  const v1::TargetFigures t = Report(EveryReason()).total().targets();
  EXPECT_EQ(DescribeShortfall(t.target_1().worklist_entries(1)),
            "3 名正式党员、1 名预备党员，未建立党组织");
  EXPECT_EQ(DescribeShortfall(t.target_1().worklist_entries(1),
                              ReportLanguage::kEnglish),
            "3 full members and 1 probationary member, no party organization");
  EXPECT_THAT(DescribeShortfall(t.target_1().worklist_entries(0)),
              HasSubstr("4 名正式党员，未单独建立党组织"));
  EXPECT_EQ(DescribeShortfall(t.target_2().worklist_entries(0)),
            "未开展本年度星级评定");
  EXPECT_EQ(DescribeShortfall(t.target_3().worklist_entries(0),
                              ReportLanguage::kEnglish),
            "1 full member and 1 probationary member, in no joint or "
            "affiliated organization");
  EXPECT_EQ(DescribeShortfall(t.target_4().worklist_entries(0)),
            "无党员，所在网格未配备党建工作指导员");
  EXPECT_EQ(DescribeShortfall(t.target_4().worklist_entries(1),
                              ReportLanguage::kEnglish),
            "no members, in no grid of a regional branch");
}

TEST(WorklistCsvTest, RowsInReadingOrderWithABomAndAFilter) {
  const v1::Report r = Report(EveryReason());
  const std::string csv = RenderWorklistCsv(r);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(csv, HasSubstr("目标,所属区域,乡镇,名称,标识,网格,党建工作指导员,"
                             "正式党员,预备党员,未达标原因\r\n"));
  EXPECT_THAT(csv, HasSubstr("克什克腾旗 / 苏木10,苏木10,甲商贸有限公司,h1,,,3,"
                             "1,3 名正式党员、1 名预备党员，未建立党组织\r\n"));
  // Targets in order, each in reading order: 苏木2's h2 before 苏木10's h1.
  EXPECT_LT(csv.find(",h2,"), csv.find(",h1,"));
  EXPECT_LT(csv.find(",h1,"), csv.find(",o1,"));
  WorklistCsvOptions o;
  o.language = ReportLanguage::kEnglish;
  o.utf8_bom = false;
  o.filter = [](const v1::WorklistEntry& e) { return e.township() == "苏木2"; };
  const std::string en = RenderWorklistCsv(r, o);
  EXPECT_EQ(en.substr(0, 7), "target,");
  EXPECT_THAT(en, HasSubstr(",h2,"));
  EXPECT_THAT(en, Not(HasSubstr(",h1,")));
  EXPECT_THAT(en, HasSubstr("no star assessment for the year"));
}

TEST(WorklistCsvTest, ANameLikeAFormulaIsDefused) {
  v1::Dataset d = County();
  Host(&d, "h", "=HYPERLINK(\"x\")", "t2");
  const std::string csv = RenderWorklistCsv(Report(d));
  EXPECT_THAT(csv, HasSubstr(",\"'=HYPERLINK(\"\"x\"\")\",h,"));
}

TEST(WorklistTextTest, TextAndHtmlNameTheUnitsAndReasons) {
  const v1::Report r = Report(EveryReason());
  const std::string text = RenderReportText(r);
  EXPECT_THAT(text,
              HasSubstr("    苏木10  甲商贸有限公司 (h1): 3 名正式党员、1 "
                        "名预备党员，未建立党组织\n"));
  EXPECT_THAT(text,
              HasSubstr("己农资店 (h6): 无党员，所在网格未配备党建工作指导员; "
                        "网格 g1\n"));
  const std::string html = RenderReportHtml(r);
  EXPECT_THAT(html,
              HasSubstr("<td>克什克腾旗 / 苏木10</td><td>甲商贸有限公司</td>"));
}

}  // namespace
}  // namespace dangjian
