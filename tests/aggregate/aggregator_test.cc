// Unit tests of the aggregate module: each figure with a case that counts and
// a case that does not, options, errors, data quality, year filter, grouping,
// and the int64 boundary of money sums.
#include "dangjian/aggregate.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "dangjian/generate.h"
#include "dangjian/policy.h"
#include "dangjian/record.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int kYear = 2014;

v1::Date D(int y, int m = 0, int d = 0) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

// A small ledger builder.
class Ledger {
 public:
  v1::HostOrganization* Host(const std::string& id,
                             const std::string& region = "") {
    v1::HostOrganization* h = d_.add_host_organizations();
    h->set_id(id);
    h->set_region_id(region);
    h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    return h;
  }
  v1::Member* Member(const std::string& host, v1::MemberStatus status,
                     const std::string& org = "") {
    v1::Member* m = d_.add_members();
    m->set_id("m" + std::to_string(d_.members_size()));
    m->set_host_organization_id(host);
    m->set_party_organization_id(org);
    m->set_status(status);
    return m;
  }
  v1::PartyOrganization* Org(const std::string& id, v1::FormationModel f,
                             std::vector<std::string> hosts = {}) {
    v1::PartyOrganization* o = d_.add_party_organizations();
    o->set_id(id);
    o->set_formation(f);
    for (const auto& h : hosts) o->add_host_organization_ids(h);
    return o;
  }
  v1::Grid* Grid(const std::string& id, const std::string& org,
                 bool instructor) {
    v1::Grid* g = d_.add_grids();
    g->set_id(id);
    g->set_party_organization_id(org);
    if (instructor) g->set_instructor_name("王指导员");
    return g;
  }
  v1::Region* Region(const std::string& id, v1::RegionLevel level,
                     const std::string& parent = "") {
    v1::Region* r = d_.add_regions();
    r->set_id(id);
    r->set_name("区域" + id);
    r->set_level(level);
    r->set_parent_id(parent);
    return r;
  }
  v1::Activity* Activity(v1::ActivityKind kind, const std::string& org,
                         v1::Date held_on, int64_t count = 0) {
    v1::Activity* a = d_.add_activities();
    a->set_id("a" + std::to_string(d_.activities_size()));
    a->set_kind(kind);
    a->set_party_organization_id(org);
    *a->mutable_held_on() = held_on;
    a->set_count(count);
    return a;
  }
  v1::Funding* Funding(const std::string& org, v1::FundingSource source,
                       int64_t fen, int year = kYear) {
    v1::Funding* f = d_.add_funding();
    f->set_id("f" + std::to_string(d_.funding_size()));
    f->set_party_organization_id(org);
    f->set_source(source);
    f->set_amount_fen(fen);
    f->set_year(year);
    return f;
  }
  v1::Dataset& dataset() { return d_; }

 private:
  v1::Dataset d_;
};

AggregatorOptions Options(int year = kYear) {
  AggregatorOptions o;
  o.year = year;
  return o;
}

v1::Report Aggregate(const v1::Dataset& d,
                     const AggregatorOptions& o = Options()) {
  absl::StatusOr<v1::Report> r = AggregateDataset(d, o);
  EXPECT_THAT(r, IsOk());
  return r.ok() ? *r : v1::Report();
}

// --- Options -------------------------------------------------------------

TEST(AggregatorCreateTest, AcceptsValidOptions) {
  EXPECT_THAT(Aggregator::Create(Options()), IsOk());
  AggregatorOptions o = Options();
  o.worklist_cap = 0;
  o.policy = v1::Policy();  // All unset: filled with the defaults.
  EXPECT_THAT(Aggregator::Create(o), IsOk());
}

TEST(AggregatorCreateTest, RejectsBadOptions) {
  EXPECT_THAT(Aggregator::Create(Options(0)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("year")));
  EXPECT_THAT(Aggregator::Create(Options(10000)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("year")));
  AggregatorOptions o = Options();
  o.worklist_cap = -1;
  EXPECT_THAT(
      Aggregator::Create(o),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("worklist_cap")));
  o = Options();
  o.policy.set_branch_committee_min_size(9);  // Above the max size.
  EXPECT_THAT(
      Aggregator::Create(o),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("policy")));
  o = Options();
  o.group_by.set_region_level(static_cast<v1::RegionLevel>(99));
  EXPECT_THAT(
      Aggregator::Create(o),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("region_level")));
}

TEST(AggregatorTest, FinishTwiceAndAddAfterFinishFail) {
  auto agg = *Aggregator::Create(Options());
  EXPECT_THAT(agg->Add(v1::Record()), IsOk());
  EXPECT_THAT(agg->Finish(), IsOk());
  EXPECT_THAT(agg->Finish(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("")));
  EXPECT_THAT(agg->Add(v1::Record()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("")));
  EXPECT_THAT(agg->AddFindings("x", 1),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("")));
}

// --- The four targets ------------------------------------------------------

TEST(TargetsTest, TargetOneNeedsAStandaloneOrganization) {
  Ledger l;
  for (const char* id : {"a", "b"}) {
    l.Host(id);
    for (int i = 0; i < 3; ++i) l.Member(id, v1::MEMBER_STATUS_FULL);
  }
  l.Org("o-a", v1::FORMATION_MODEL_STANDALONE, {"a"});
  l.Org("o-b", v1::FORMATION_MODEL_JOINT, {"b"});  // Not enough for target 1.
  const v1::TargetResult t =
      Aggregate(l.dataset()).total().targets().target_1();
  EXPECT_EQ(t.eligible(), 2);
  EXPECT_EQ(t.met(), 1);
  EXPECT_EQ(t.shortfall(), 1);
  EXPECT_DOUBLE_EQ(t.rate_percent(), 50.0);
  EXPECT_FALSE(t.nothing_eligible());
  EXPECT_THAT(t.worklist(), ElementsAre("b"));
}

TEST(TargetsTest, TargetTwoNeedsAStarAssessmentOfTheYear) {
  Ledger l;
  l.Org("o1", v1::FORMATION_MODEL_STANDALONE)
      ->add_star_assessments()
      ->set_year(kYear);
  v1::StarAssessment* old =
      l.Org("o2", v1::FORMATION_MODEL_STANDALONE)->add_star_assessments();
  old->set_year(kYear - 1);
  old->set_stars(5);
  l.Org("o3", v1::FORMATION_MODEL_JOINT);  // Not eligible.
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.targets().target_2().eligible(), 2);
  EXPECT_EQ(f.targets().target_2().met(), 1);
  EXPECT_THAT(f.targets().target_2().worklist(), ElementsAre("o2"));
  // o1's assessment has no stars: unrated; o2 has none this year: unrated.
  EXPECT_EQ(f.party_organizations().unrated(), 2);
  EXPECT_EQ(f.party_organizations().five_star(), 0);
}

TEST(TargetsTest, StarDistribution) {
  Ledger l;
  for (int s = 1; s <= 5; ++s) {
    v1::StarAssessment* a =
        l.Org("o" + std::to_string(s), v1::FORMATION_MODEL_STANDALONE)
            ->add_star_assessments();
    a->set_year(kYear);
    a->set_stars(s);
  }
  const auto p = Aggregate(l.dataset()).total().party_organizations();
  EXPECT_EQ(p.one_star(), 1);
  EXPECT_EQ(p.two_star(), 1);
  EXPECT_EQ(p.three_star(), 1);
  EXPECT_EQ(p.four_star(), 1);
  EXPECT_EQ(p.five_star(), 1);
  EXPECT_EQ(p.unrated(), 0);
}

// Star assessments of their own (a star ledger's rows) count for their
// organization as nested ones do, whether they come before or after it.
v1::Record StarRecord(const std::string& org, int year, int stars) {
  v1::Record r;
  v1::StarAssessment* a = r.mutable_star_assessment();
  a->set_party_organization_id(org);
  a->set_year(year);
  a->set_stars(stars);
  return r;
}

v1::PartialReport AggregateRecords(const std::vector<v1::Record>& records) {
  auto agg = *Aggregator::Create(Options());
  for (const v1::Record& r : records) EXPECT_THAT(agg->Add(r), IsOk());
  absl::StatusOr<v1::PartialReport> p = agg->Finish();
  EXPECT_THAT(p, IsOk());
  return p.ok() ? *p : v1::PartialReport();
}

v1::Record OrgRecord(const std::string& id, v1::FormationModel f) {
  v1::Record r;
  r.mutable_party_organization()->set_id(id);
  r.mutable_party_organization()->set_formation(f);
  return r;
}

TEST(TargetsTest, StarRecordBeforeOrAfterItsOrganization) {
  for (bool star_first : {true, false}) {
    SCOPED_TRACE(star_first ? "star first" : "organization first");
    std::vector<v1::Record> records = {
        OrgRecord("o1", v1::FORMATION_MODEL_STANDALONE),
        OrgRecord("o2", v1::FORMATION_MODEL_STANDALONE),
        OrgRecord("o3", v1::FORMATION_MODEL_JOINT)};
    std::vector<v1::Record> stars = {
        StarRecord("o1", kYear, 4),
        StarRecord("o2", kYear - 1, 5),  // Another year: o2 not met.
        StarRecord("o3", kYear, 3)};     // Not eligible: not counted.
    records.insert(star_first ? records.begin() : records.end(), stars.begin(),
                   stars.end());
    absl::StatusOr<v1::Report> report = FinishReport(AggregateRecords(records));
    ASSERT_THAT(report, IsOk());
    const v1::ReportFigures& f = report->total();
    EXPECT_EQ(f.targets().target_2().eligible(), 2);
    EXPECT_EQ(f.targets().target_2().met(), 1);
    EXPECT_THAT(f.targets().target_2().worklist(), ElementsAre("o2"));
    EXPECT_EQ(f.party_organizations().four_star(), 1);
    EXPECT_EQ(f.party_organizations().unrated(), 1);
    EXPECT_EQ(f.party_organizations().three_star(), 0);
    EXPECT_EQ(report->data_quality().findings_total(), 0);
  }
}

// A stream of nested assessments and the same assessments as records give
// the same report: the record form loses nothing.
TEST(TargetsTest, StarRecordsEqualNestedAssessments) {
  Ledger nested;
  for (int s = 1; s <= 5; ++s) {
    v1::StarAssessment* a =
        nested.Org("o" + std::to_string(s), v1::FORMATION_MODEL_STANDALONE)
            ->add_star_assessments();
    a->set_year(kYear);
    a->set_stars(s);
  }
  nested.Org("o6", v1::FORMATION_MODEL_STANDALONE);
  v1::Dataset apart = nested.dataset();
  for (v1::PartyOrganization& o : *apart.mutable_party_organizations()) {
    for (v1::StarAssessment& a : *o.mutable_star_assessments()) {
      a.set_party_organization_id(o.id());
      *apart.add_star_assessments() = a;
    }
    o.clear_star_assessments();
  }
  const v1::ReportFigures a = Aggregate(nested.dataset()).total();
  const v1::ReportFigures b = Aggregate(apart).total();
  EXPECT_EQ(a.targets().DebugString(), b.targets().DebugString());
  EXPECT_EQ(a.party_organizations().DebugString(),
            b.party_organizations().DebugString());
  EXPECT_EQ(b.targets().target_2().met(), 5);
  EXPECT_EQ(b.party_organizations().one_star(), 1);
}

// A nested assessment of the year comes first; a second record of the year
// does not count twice.
TEST(TargetsTest, NestedStarsWinOverARecordOfTheSameYear) {
  v1::Record org = OrgRecord("o1", v1::FORMATION_MODEL_STANDALONE);
  v1::StarAssessment* a =
      org.mutable_party_organization()->add_star_assessments();
  a->set_year(kYear);
  a->set_stars(2);
  absl::StatusOr<v1::Report> report = FinishReport(AggregateRecords(
      {StarRecord("o1", kYear, 5), org, StarRecord("o1", kYear, 5)}));
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->total().targets().target_2().met(), 1);
  EXPECT_EQ(report->total().party_organizations().two_star(), 1);
  EXPECT_EQ(report->total().party_organizations().five_star(), 0);
}

// A star assessment whose organization never arrives, or that names none, is
// counted under data quality, not lost.
TEST(TargetsTest, StarRecordOfAnUnknownOrganizationIsDataQuality) {
  v1::Record no_org = StarRecord("", kYear, 3);
  absl::StatusOr<v1::Report> report = FinishReport(AggregateRecords(
      {StarRecord("nowhere", kYear, 3), StarRecord("nowhere", kYear - 1, 3),
       StarRecord("elsewhere", kYear - 1, 3), no_org}));
  ASSERT_THAT(report, IsOk());
  std::vector<std::string> names;
  for (const auto& f : report->data_quality().findings()) {
    names.push_back(f.name() + "=" + std::to_string(f.count()));
  }
  EXPECT_THAT(names,
              ElementsAre("aggregate.star_assessment.no_party_organization=1",
                          "aggregate.unknown_party_organization=2"));
  EXPECT_EQ(report->total().targets().target_2().eligible(), 0);
  EXPECT_EQ(report->total().party_organizations().three_star(), 0);
}

TEST(TargetsTest, TargetThreeNeedsJointOrAffiliated) {
  Ledger l;
  for (const char* id : {"a", "b", "c"}) {
    l.Host(id);
    l.Member(id, v1::MEMBER_STATUS_PROBATIONARY);
  }
  l.Org("j", v1::FORMATION_MODEL_JOINT, {"a"});
  l.Org("f", v1::FORMATION_MODEL_AFFILIATED, {"b"});
  const v1::TargetResult t =
      Aggregate(l.dataset()).total().targets().target_3();
  EXPECT_EQ(t.eligible(), 3);
  EXPECT_EQ(t.met(), 2);
  EXPECT_THAT(t.worklist(), ElementsAre("c"));
}

TEST(TargetsTest, TargetFourNeedsARegionalGridWithAnInstructor) {
  Ledger l;
  l.Org("rb", v1::FORMATION_MODEL_REGIONAL);
  l.Grid("g1", "rb", true);
  l.Grid("g2", "rb", false);
  l.Host("a")->set_grid_id("g1");
  l.Host("b")->set_grid_id("g2");
  l.Host("c");
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.targets().target_4().eligible(), 3);
  EXPECT_EQ(f.targets().target_4().met(), 1);
  EXPECT_THAT(f.targets().target_4().worklist(), ElementsAre("b", "c"));
  EXPECT_EQ(f.units().covered_by_regional(), 2);
  // A regional branch covers the units of its grids, instructor or not.
  EXPECT_EQ(f.units().work_covered(), 2);
  EXPECT_EQ(f.units().organization_covered(), 2);
  EXPECT_EQ(f.grids().total(), 2);
  EXPECT_EQ(f.grids().with_instructor(), 1);
}

// A regional branch covers a unit whether it lists the unit or the unit is in
// one of its grids: the two ways of writing it give the same figures.
TEST(TargetsTest, RegionalListingAndGridGiveTheSameFigures) {
  for (const bool instructor : {false, true}) {
    Ledger listed;
    listed.Org("rb", v1::FORMATION_MODEL_REGIONAL, {"a"});
    listed.Grid("g", "rb", instructor);
    listed.Host("a")->set_grid_id("g");
    Ledger in_grid;
    in_grid.Org("rb", v1::FORMATION_MODEL_REGIONAL);
    in_grid.Grid("g", "rb", instructor);
    in_grid.Host("a")->set_grid_id("g");
    const v1::ReportFigures a = Aggregate(listed.dataset()).total();
    const v1::ReportFigures b = Aggregate(in_grid.dataset()).total();
    EXPECT_EQ(a.units().DebugString(), b.units().DebugString());
    EXPECT_EQ(a.targets().DebugString(), b.targets().DebugString());
    EXPECT_EQ(b.units().organization_covered(), 1);
    EXPECT_EQ(b.units().work_covered(), 1);
    EXPECT_EQ(b.units().covered_by_regional(), 1);
    EXPECT_EQ(b.targets().target_4().met(), instructor ? 1 : 0);
  }
}

TEST(TargetsTest, OnlyAGridOfARegionalBranchExistingInTheYearCovers) {
  Ledger l;
  l.Org("joint", v1::FORMATION_MODEL_JOINT);
  *l.Org("gone", v1::FORMATION_MODEL_REGIONAL)->mutable_dissolved_on() =
      D(kYear - 1, 6, 30);
  *l.Org("later", v1::FORMATION_MODEL_REGIONAL)->mutable_founded_on() =
      D(kYear + 1, 1, 1);
  *l.Org("ending", v1::FORMATION_MODEL_REGIONAL)->mutable_dissolved_on() =
      D(kYear, 3, 1);
  l.Grid("gj", "joint", true);
  l.Grid("gg", "gone", true);
  l.Grid("gl", "later", true);
  l.Grid("ge", "ending", true);
  l.Host("a")->set_grid_id("gj");
  l.Host("b")->set_grid_id("gg");
  l.Host("c")->set_grid_id("gl");
  l.Host("d")->set_grid_id("ge");
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.units().organization_covered(), 1);
  EXPECT_EQ(f.units().covered_by_regional(), 1);
  EXPECT_THAT(f.targets().target_4().worklist(), ElementsAre("a", "b", "c"));
}

// Target 4 needs the grid's instructor: a regional branch listing the unit
// does not meet it for a grid without one.
TEST(TargetsTest, TargetFourIsNeverMetInAGridWithoutAnInstructor) {
  Ledger l;
  l.Org("rb", v1::FORMATION_MODEL_REGIONAL, {"a"});
  l.Grid("g", "rb", false);
  l.Host("a")->set_grid_id("g");
  l.Host("b")->set_grid_id("g");
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.targets().target_4().eligible(), 2);
  EXPECT_EQ(f.targets().target_4().met(), 0);
  l.dataset().mutable_grids(0)->set_instructor_name("王指导员");
  EXPECT_EQ(Aggregate(l.dataset()).total().targets().target_4().met(), 2);
}

// An instructor by assignment counts while the assignment is in post in the
// year; an assignment not on file counts as the grid says; a name counts.
TEST(TargetsTest, InstructorByAssignmentCountsWhileInPost) {
  Ledger l;
  l.Org("rb", v1::FORMATION_MODEL_REGIONAL);
  const struct {
    const char* grid;
    const char* assignment;  // Null: the grid names an instructor instead.
    int start;
    int end;  // 0: none.
  } grids[] = {
      {"g-in-post", "c1", kYear - 1, 0},
      {"g-ends-in-year", "c2", kYear - 2, kYear},
      {"g-ended", "c3", kYear - 3, kYear - 1},
      {"g-starts-later", "c4", kYear + 1, 0},
      {"g-not-on-file", "c-none", 0, 0},
  };
  for (const auto& g : grids) {
    l.Grid(g.grid, "rb", false)->set_instructor_assignment_id(g.assignment);
    l.Host(std::string("h-") + g.grid)->set_grid_id(g.grid);
    if (g.start == 0) continue;
    v1::CadreAssignment* c = l.dataset().add_cadre_assignments();
    c->set_id(g.assignment);
    c->set_kind(v1::CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR);
    c->set_grid_id(g.grid);
    *c->mutable_start_on() = D(g.start, 3, 1);
    if (g.end != 0) *c->mutable_end_on() = D(g.end, 2, 1);
  }
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.grids().total(), 5);
  EXPECT_EQ(f.grids().with_instructor(), 3);
  EXPECT_EQ(f.targets().target_4().met(), 3);
  EXPECT_THAT(f.targets().target_4().worklist(),
              ElementsAre("h-g-ended", "h-g-starts-later"));
  // A name counts whatever the assignment says.
  l.dataset().mutable_grids(2)->set_instructor_name("王指导员");
  EXPECT_EQ(Aggregate(l.dataset()).total().grids().with_instructor(), 4);
}

TEST(TargetsTest, NothingEligibleIsOneHundredPercentAndMarked) {
  const v1::ReportFigures f = Aggregate(Ledger().dataset()).total();
  for (const v1::TargetResult* t :
       {&f.targets().target_1(), &f.targets().target_2(),
        &f.targets().target_3(), &f.targets().target_4()}) {
    EXPECT_TRUE(t->nothing_eligible());
    EXPECT_DOUBLE_EQ(t->rate_percent(), 100.0);
  }
  EXPECT_TRUE(f.targets().full_coverage());
  Ledger l;
  l.Host("a");
  EXPECT_FALSE(Aggregate(l.dataset()).total().targets().full_coverage());
}

TEST(TargetsTest, WorklistIsCappedAndTheFullCountShown) {
  Ledger l;
  for (int i = 9; i >= 0; --i) l.Host("h" + std::to_string(i));
  AggregatorOptions o = Options();
  o.worklist_cap = 3;
  const v1::TargetResult t =
      Aggregate(l.dataset(), o).total().targets().target_4();
  EXPECT_EQ(t.shortfall(), 10);
  EXPECT_EQ(t.worklist_cap(), 3);
  EXPECT_THAT(t.worklist(), ElementsAre("h0", "h1", "h2"));
  o.worklist_cap = 0;
  EXPECT_THAT(Aggregate(l.dataset(), o).total().targets().target_4().worklist(),
              IsEmpty());
}

// --- Member counts: records or reported -----------------------------------

TEST(MemberCountTest, RecordsWinOverReportedCounts) {
  Ledger l;
  // Records say 1 member (target 3); the reported counts say 5 (ignored).
  v1::HostOrganization* a = l.Host("a");
  a->mutable_reported_member_counts()->set_full(5);
  l.Member("a", v1::MEMBER_STATUS_FULL);
  // Only reported counts: 4 full (target 1).
  l.Host("b")->mutable_reported_member_counts()->set_full(4);
  // Neither.
  l.Host("c");
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.units().members_from_records(), 1);
  EXPECT_EQ(f.units().members_from_reported_counts(), 1);
  EXPECT_EQ(f.units().members_not_reported(), 1);
  EXPECT_EQ(f.targets().target_1().eligible(), 1);
  EXPECT_THAT(f.targets().target_1().worklist(), ElementsAre("b"));
  EXPECT_EQ(f.targets().target_3().eligible(), 1);
  EXPECT_EQ(f.targets().target_4().eligible(), 1);
  EXPECT_EQ(f.members().full(), 1 + 4);
}

TEST(MemberCountTest, StatusIsTakenAsOfTheEndOfTheYear) {
  Ledger l;
  l.Host("a");
  v1::Member* m = l.Member("a", v1::MEMBER_STATUS_FULL);
  *m->mutable_probationary_on() = D(2013, 5, 1);
  *m->mutable_full_on() = D(2014, 5, 1);
  v1::Member* later = l.Member("a", v1::MEMBER_STATUS_FULL);
  *later->mutable_applied_on() = D(2015, 1, 1);
  const v1::MemberFigures in_2013 =
      Aggregate(l.dataset(), Options(2013)).total().members();
  EXPECT_EQ(in_2013.probationary(), 1);
  EXPECT_EQ(in_2013.full(), 0);
  EXPECT_EQ(in_2013.new_members(), 1);
  const v1::MemberFigures in_2014 = Aggregate(l.dataset()).total().members();
  EXPECT_EQ(in_2014.full(), 1);
  EXPECT_EQ(in_2014.new_members(), 0);
}

// Each dated step still ahead at the end of the year takes a member back
// exactly one stage; an application still ahead leaves the person out. Once
// through Add() (read from the message in place) and once through
// AddSerialized() (the decoded facts).
TEST(MemberCountTest, EachFutureStepTakesTheStatusBackOneStage) {
  using Date = v1::Date* (v1::Member::*)();
  const std::vector<std::pair<Date, int>> steps = {
      {&v1::Member::mutable_full_on, 1},
      {&v1::Member::mutable_probationary_on, 2},
      {&v1::Member::mutable_development_target_on, 3},
      {&v1::Member::mutable_activist_on, 4},
      {&v1::Member::mutable_applied_on, 5}};
  for (const auto& [step, stage] : steps) {
    for (bool serialized : {false, true}) {
      SCOPED_TRACE(::testing::Message()
                   << "stage " << stage << (serialized ? ", bytes" : ""));
      v1::Record r;
      v1::Member* m = r.mutable_member();
      m->set_id("m");
      m->set_host_organization_id("a");
      m->set_status(v1::MEMBER_STATUS_FULL);
      *(m->*step)() = D(kYear + 1, 1, 1);
      v1::Record past = r;  // The same step in the report year: no change.
      *(past.mutable_member()->*step)() = D(kYear, 12, 31);
      auto agg = *Aggregator::Create(Options());
      for (const v1::Record& each : {r, past}) {
        ASSERT_THAT(serialized ? agg->AddSerialized(each.SerializeAsString())
                               : agg->Add(each),
                    IsOk());
      }
      absl::StatusOr<v1::PartialReport> p = agg->Finish();
      ASSERT_THAT(p, IsOk());
      absl::StatusOr<v1::Report> report = FinishReport(*p);
      ASSERT_THAT(report, IsOk());
      const v1::MemberFigures f = report->total().members();
      EXPECT_EQ(f.full(), 1);  // The one with the step in the year.
      EXPECT_EQ(f.probationary(), stage == 1 ? 1 : 0);
      EXPECT_EQ(f.development_targets(), stage == 2 ? 1 : 0);
      EXPECT_EQ(f.activists(), stage == 3 ? 1 : 0);
      EXPECT_EQ(f.applicants(), stage == 4 ? 1 : 0);
      EXPECT_EQ(f.new_members(), stage == 2 ? 1 : 0);
    }
  }
}

TEST(MemberCountTest, NewMembersOwnersAndPosts) {
  Ledger l;
  l.Host("a");
  l.Org("j", v1::FORMATION_MODEL_JOINT, {"a"});
  v1::Member* m = l.Member("a", v1::MEMBER_STATUS_PROBATIONARY, "j");
  *m->mutable_probationary_on() = D(kYear, 7, 1);
  m->set_is_owner(true);
  m->add_posts()->set_kind(v1::POST_KIND_VANGUARD_POST);
  v1::MemberPost* team = m->add_posts();
  team->set_kind(v1::POST_KIND_TECHNICAL_SERVICE_TEAM);
  team->set_name("队");
  v1::Member* other = l.Member("a", v1::MEMBER_STATUS_FULL);
  *other->mutable_probationary_on() = D(2000);
  *other->add_posts() = *team;  // Same team: counted once.
  const v1::MemberFigures f = Aggregate(l.dataset()).total().members();
  EXPECT_EQ(f.new_members(), 1);
  EXPECT_EQ(f.new_members_owners(), 1);
  EXPECT_EQ(f.new_members_in_joint(), 1);
  EXPECT_EQ(f.owner_members(), 1);
  EXPECT_EQ(f.vanguard_posts(), 1);
  EXPECT_EQ(f.demonstration_posts(), 0);
  EXPECT_EQ(f.technical_service_teams(), 1);
}

// Monthly dues of the full and probationary members, by category; the same
// from parsed records and from their bytes.
TEST(IndicatorsTest, DuesByCategory) {
  Ledger l;
  l.Host("a");
  auto dues = [&](v1::MemberStatus status, v1::DuesCategory category,
                  int64_t fen) {
    v1::Member* m = l.Member("a", status);
    m->set_dues_category(category);
    m->set_monthly_dues_fen(fen);
  };
  dues(v1::MEMBER_STATUS_FULL, v1::DUES_CATEGORY_EMPLOYED, 1500);
  dues(v1::MEMBER_STATUS_FULL, v1::DUES_CATEGORY_RETIRED, 2000);
  dues(v1::MEMBER_STATUS_PROBATIONARY, v1::DUES_CATEGORY_STUDENT, 20);
  dues(v1::MEMBER_STATUS_FULL, v1::DUES_CATEGORY_SUBSISTENCE, 20);
  dues(v1::MEMBER_STATUS_FULL, v1::DUES_CATEGORY_UNSPECIFIED, 100);
  dues(v1::MEMBER_STATUS_ACTIVIST, v1::DUES_CATEGORY_EMPLOYED, 500);  // No.
  dues(v1::MEMBER_STATUS_FULL, v1::DUES_CATEGORY_EMPLOYED, 0);        // No.
  dues(v1::MEMBER_STATUS_FULL, v1::DUES_CATEGORY_EMPLOYED, -5);       // No.
  const v1::DuesFigures f = Aggregate(l.dataset()).total().dues();
  EXPECT_EQ(f.members_paying(), 5);
  EXPECT_EQ(f.employed_fen(), 1500);
  EXPECT_EQ(f.retired_fen(), 2000);
  EXPECT_EQ(f.flat_rate_fen(), 40);
  EXPECT_EQ(f.uncategorized_fen(), 100);
  EXPECT_EQ(f.total_fen(), 3640);

  absl::StatusOr<std::unique_ptr<Aggregator>> agg =
      Aggregator::Create(Options());
  ASSERT_THAT(agg, IsOk());
  ForEachRecord(l.dataset(), [&](const v1::Record& r) {
    ASSERT_THAT((*agg)->AddSerialized(r.SerializeAsString()), IsOk());
  });
  absl::StatusOr<v1::PartialReport> partial = (*agg)->Finish();
  ASSERT_THAT(partial, IsOk());
  absl::StatusOr<v1::Report> bytes = FinishReport(*partial);
  ASSERT_THAT(bytes, IsOk());
  EXPECT_EQ(bytes->total().dues().SerializeAsString(), f.SerializeAsString());
}

// --- Closed units and existence in the year -------------------------------

TEST(UnitsTest, ClosedAndLaterUnitsAreLeftOut) {
  Ledger l;
  l.Host("open");
  l.Host("closed")->set_status(v1::HOST_STATUS_CLOSED);
  *l.Host("later")->mutable_registered_on() = D(kYear + 1);
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.units().total(), 1);
  EXPECT_EQ(f.units().closed(), 1);
  EXPECT_EQ(f.targets().target_4().eligible(), 1);
  EXPECT_THAT(f.targets().target_4().worklist(), ElementsAre("open"));
}

TEST(UnitsTest, OrganizationsOutsideTheYearCoverNothing) {
  Ledger l;
  l.Host("a")->mutable_reported_member_counts()->set_full(3);
  *l.Org("later", v1::FORMATION_MODEL_STANDALONE, {"a"})->mutable_founded_on() =
      D(kYear + 1);
  *l.Org("gone", v1::FORMATION_MODEL_STANDALONE, {"a"})
       ->mutable_dissolved_on() = D(kYear - 1);
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.targets().target_1().met(), 0);
  EXPECT_EQ(f.party_organizations().standalone_non_public(), 0);
  *l.dataset().mutable_party_organizations(0)->mutable_founded_on() = D(kYear);
  EXPECT_EQ(Aggregate(l.dataset()).total().targets().target_1().met(), 1);
}

TEST(UnitsTest, MassOrganizationsOwnersAndFormationByKind) {
  Ledger l;
  v1::HostOrganization* a = l.Host("a");
  a->set_has_trade_union(true);
  a->set_has_youth_league_organization(true);
  a->mutable_owner()->set_is_party_member(true);
  a->mutable_owner()->set_is_secretary(true);
  a->set_service_contact_card_issued(true);
  v1::HostOrganization* b = l.Host("b");
  b->set_kind(v1::HOST_KIND_SOCIAL);
  b->set_has_womens_organization(true);
  l.Org("sa", v1::FORMATION_MODEL_STANDALONE, {"a"});
  l.Org("sb", v1::FORMATION_MODEL_STANDALONE, {"b"});
  l.Org("x", v1::FORMATION_MODEL_UNSPECIFIED);
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.units().trade_unions(), 1);
  EXPECT_EQ(f.units().womens_organizations(), 1);
  EXPECT_EQ(f.units().youth_league_organizations(), 1);
  EXPECT_EQ(f.units().owners_party_members(), 1);
  EXPECT_EQ(f.units().owners_secretaries(), 1);
  EXPECT_EQ(f.units().contact_cards_held(), 1);
  EXPECT_EQ(f.party_organizations().standalone_non_public(), 1);
  EXPECT_EQ(f.party_organizations().standalone_social(), 1);
  EXPECT_EQ(f.party_organizations().formation_unspecified(), 1);
  EXPECT_DOUBLE_EQ(f.units().organization_coverage_percent(), 100.0);
}

// --- Regional branches, venues, funding, cadres, activities ----------------

TEST(IndicatorsTest, QuarterlyMeetingsNeedAllFourQuarters) {
  Ledger l;
  l.Org("rb4", v1::FORMATION_MODEL_REGIONAL);
  l.Org("rb3", v1::FORMATION_MODEL_REGIONAL);
  for (int q = 0; q < 4; ++q) {
    l.Activity(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING, "rb4",
               D(kYear, 3 * q + 1, 5));
    if (q < 3) {
      l.Activity(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING, "rb3",
                 D(kYear, 3 * q + 1, 5));
    }
  }
  // Two meetings in one quarter count as meetings, not as a quarter.
  l.Activity(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING, "rb3", D(kYear, 2, 5));
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.party_organizations().regional_branches_meeting_every_quarter(),
            1);
  EXPECT_EQ(f.activities().heart_to_heart_meetings(), 8);
}

TEST(IndicatorsTest, ActivitiesOfOtherYearsAndUndatedAreLeftOut) {
  Ledger l;
  l.Org("o", v1::FORMATION_MODEL_REGIONAL);
  l.Activity(v1::ACTIVITY_KIND_VISIT, "o", D(kYear, 1, 1), 10);
  l.Activity(v1::ACTIVITY_KIND_VISIT, "o", D(kYear - 1, 1, 1), 100);
  l.Activity(v1::ACTIVITY_KIND_VISIT, "o", D(kYear, 1, 1))  // count 0 is 1
      ->set_participants(7);
  l.Activity(v1::ACTIVITY_KIND_VISIT, "o", D(kYear, 1, 1))->clear_held_on();
  const v1::ActivityFigures a = Aggregate(l.dataset()).total().activities();
  EXPECT_EQ(a.visits(), 11);
  EXPECT_EQ(a.participants(), 7);
}

TEST(IndicatorsTest, VenuesSixHavesOwnAndShared) {
  Ledger l;
  l.Org("o", v1::FORMATION_MODEL_STANDALONE);
  v1::Venue* full = l.dataset().add_venues();
  full->set_party_organization_id("o");
  full->set_ownership(v1::VENUE_OWNERSHIP_OWN);
  full->set_has_site(true);
  full->set_has_facilities(true);
  full->set_has_signage(true);
  full->set_has_party_flag(true);
  full->set_has_books_and_newspapers(true);
  full->set_has_rules_on_wall(true);
  v1::Venue* part = l.dataset().add_venues();
  part->set_party_organization_id("o");
  part->set_ownership(v1::VENUE_OWNERSHIP_SHARED_COMMUNITY);
  part->set_has_site(true);
  const v1::VenueFigures v = Aggregate(l.dataset()).total().venues();
  EXPECT_EQ(v.total(), 2);
  EXPECT_EQ(v.all_six_haves(), 1);
  EXPECT_EQ(v.has_site(), 2);
  EXPECT_EQ(v.has_rules_on_wall(), 1);
  EXPECT_EQ(v.own(), 1);
  EXPECT_EQ(v.shared(), 1);
}

TEST(IndicatorsTest, FundingPerSourceAndAllFour) {
  Ledger l;
  l.Org("all", v1::FORMATION_MODEL_STANDALONE);
  l.Org("some", v1::FORMATION_MODEL_STANDALONE);
  for (int s = 1; s <= 4; ++s) {
    l.Funding("all", static_cast<v1::FundingSource>(s), 100 * s);
  }
  l.Funding("some", v1::FUNDING_SOURCE_FISCAL_SUBSIDY, 50);
  l.Funding("some", v1::FUNDING_SOURCE_DUES_RETURNED, 70);
  l.Funding("some", v1::FUNDING_SOURCE_DUES_RETURNED, -70);  // Corrected away.
  l.Funding("some", v1::FUNDING_SOURCE_ENTERPRISE_ALLOCATION, 999,
            kYear - 1);  // Another year.
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.funding().enterprise_allocation_fen(), 100);
  EXPECT_EQ(f.funding().fiscal_subsidy_fen(), 450);
  EXPECT_EQ(f.funding().dues_returned_fen(), 300);
  EXPECT_EQ(f.funding().total_fen(), 1050);
  EXPECT_EQ(f.party_organizations().funded_by_all_four(), 1);
  EXPECT_EQ(f.party_organizations().funded_by_fiscal_subsidy(), 2);
  EXPECT_EQ(f.party_organizations().funded_by_dues_returned(), 1);
}

TEST(IndicatorsTest, CadresInPostDuringTheYear) {
  Ledger l;
  auto cadre = [&](v1::CadreAssignmentKind kind, int start, int end) {
    v1::CadreAssignment* c = l.dataset().add_cadre_assignments();
    c->set_kind(kind);
    c->set_party_organization_id("o");
    *c->mutable_start_on() = D(start);
    if (end) *c->mutable_end_on() = D(end);
  };
  cadre(v1::CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY, 2013, 0);
  cadre(v1::CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY, 2010, 2012);
  cadre(v1::CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR, 2015, 0);
  cadre(v1::CADRE_ASSIGNMENT_KIND_INTERNAL, 2014, 2014);
  l.dataset().add_reserve_talent()->set_party_organization_id("o");
  *l.dataset().add_reserve_talent()->mutable_since() = D(kYear + 1);
  const v1::CadreFigures c = Aggregate(l.dataset()).total().cadres();
  EXPECT_EQ(c.seconded_deputy_secretaries(), 1);
  EXPECT_EQ(c.stationed_instructors(), 0);
  EXPECT_EQ(c.internal(), 1);
  EXPECT_EQ(c.reserve_talent(), 1);
}

TEST(IndicatorsTest, EconomyTakesEachRegionsLatestYearNotAfterTheReport) {
  Ledger l;
  l.Region("c", v1::REGION_LEVEL_COUNTY);
  auto econ = [&](int year, int64_t total, int64_t np) {
    v1::RegionEconomy* e = l.dataset().add_region_economies();
    e->set_region_id("c");
    e->set_year(year);
    e->set_market_entities_total(total);
    e->set_market_entities_non_public(np);
  };
  econ(2012, 100, 90);
  econ(2010, 100, 50);
  econ(2015, 100, 10);  // After the report year.
  const v1::EconomyFigures e = Aggregate(l.dataset()).total().economy();
  EXPECT_EQ(e.market_entities_total(), 100);
  EXPECT_DOUBLE_EQ(e.market_entities_non_public_percent(), 90.0);
  EXPECT_DOUBLE_EQ(e.value_added_non_public_percent(), 0.0);  // No figures.
}

// A county's figures and its townships' are the same economy at two levels:
// the lowest complete level counts, never both.
TEST(IndicatorsTest, EconomyCountsTheLowestCompleteLevelOnce) {
  auto run = [](bool county, std::vector<int64_t> towns) {
    Ledger l;
    l.Region("c", v1::REGION_LEVEL_COUNTY);
    l.Region("t1", v1::REGION_LEVEL_TOWNSHIP, "c");
    l.Region("t2", v1::REGION_LEVEL_TOWNSHIP, "c");
    auto econ = [&](const std::string& region, int64_t total) {
      v1::RegionEconomy* e = l.dataset().add_region_economies();
      e->set_region_id(region);
      e->set_year(kYear);
      e->set_market_entities_total(total);
      e->set_market_entities_non_public(total / 2);
    };
    if (county) econ("c", 100);
    for (size_t i = 0; i < towns.size(); ++i) {
      econ(absl::StrCat("t", i + 1), towns[i]);
    }
    return Aggregate(l.dataset()).total().economy().market_entities_total();
  };
  EXPECT_EQ(run(true, {}), 100);         // The county alone.
  EXPECT_EQ(run(true, {40}), 100);       // One township of two: the county.
  EXPECT_EQ(run(true, {40, 70}), 110);   // Both townships: theirs, not 210.
  EXPECT_EQ(run(false, {40, 70}), 110);  // The townships alone.
  EXPECT_EQ(run(false, {40}), 40);       // What is on file.

  // Regions on a loop of parent ids, and one below it: nothing counted
  // twice (the loop's first region stands for a root).
  {
    Ledger l;
    l.Region("a", v1::REGION_LEVEL_COUNTY, "b");
    l.Region("b", v1::REGION_LEVEL_COUNTY, "a");
    l.Region("d", v1::REGION_LEVEL_TOWNSHIP, "a");
    for (const auto& [region, total] :
         std::vector<std::pair<std::string, int64_t>>{{"a", 100}, {"d", 40}}) {
      v1::RegionEconomy* e = l.dataset().add_region_economies();
      e->set_region_id(region);
      e->set_year(kYear);
      e->set_market_entities_total(total);
    }
    const int64_t total =
        Aggregate(l.dataset()).total().economy().market_entities_total();
    EXPECT_TRUE(total == 40 || total == 100) << total;
  }

  // Across shards: the county's partial and each township's merge to the
  // same choice.
  Ledger a, b;
  for (Ledger* l : {&a, &b}) {
    l->Region("c", v1::REGION_LEVEL_COUNTY);
    l->Region("t1", v1::REGION_LEVEL_TOWNSHIP, "c");
  }
  v1::RegionEconomy* e = a.dataset().add_region_economies();
  e->set_region_id("c");
  e->set_year(kYear);
  e->set_market_entities_total(100);
  e = b.dataset().add_region_economies();
  e->set_region_id("t1");
  e->set_year(kYear);
  e->set_market_entities_total(70);
  auto partial_of = [](const v1::Dataset& d) {
    auto agg = *Aggregator::Create(Options());
    ForEachRecord(d, [&](const v1::Record& r) { (void)agg->Add(r); });
    return agg->Finish();
  };
  absl::StatusOr<v1::PartialReport> pa = partial_of(a.dataset());
  absl::StatusOr<v1::PartialReport> pb = partial_of(b.dataset());
  ASSERT_THAT(pa, IsOk());
  ASSERT_THAT(pb, IsOk());
  absl::StatusOr<v1::PartialReport> merged = MergePartialReports(*pa, *pb);
  ASSERT_THAT(merged, IsOk());
  absl::StatusOr<v1::Report> r = FinishReport(*merged);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->total().economy().market_entities_total(), 70);  // t1's.
}

// --- Data quality ------------------------------------------------------------

TEST(DataQualityTest, SkippedRecordsFindingsAndDanglingReferences) {
  auto agg = *Aggregator::Create(Options());
  EXPECT_THAT(agg->AddSkippedRecords("io.bad_frame", 2), IsOk());
  EXPECT_THAT(agg->AddSkippedRecords("io.bad_frame", 1), IsOk());
  EXPECT_THAT(agg->AddFindings("member.national_id.checksum", 4), IsOk());
  EXPECT_THAT(agg->AddFindings("", 1),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  EXPECT_THAT(
      agg->AddSkippedRecords("x", -1),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("negative")));
  v1::Record r;
  r.mutable_member()->set_host_organization_id("nowhere");
  r.mutable_member()->set_status(v1::MEMBER_STATUS_FULL);
  ASSERT_THAT(agg->Add(r), IsOk());
  r.Clear();
  r.mutable_host_organization()->set_id("dup");
  ASSERT_THAT(agg->Add(r), IsOk());
  ASSERT_THAT(agg->Add(r), IsOk());
  absl::StatusOr<v1::PartialReport> p = agg->Finish();
  ASSERT_THAT(p, IsOk());
  absl::StatusOr<v1::Report> report = FinishReport(*p);
  ASSERT_THAT(report, IsOk());
  const v1::DataQualityFigures& dq = report->data_quality();
  ASSERT_EQ(dq.skipped_records_size(), 1);
  EXPECT_EQ(dq.skipped_records(0).name(), "io.bad_frame");
  EXPECT_EQ(dq.skipped_total(), 3);
  std::vector<std::string> names;
  for (const auto& f : dq.findings()) {
    names.push_back(f.name() + "=" + std::to_string(f.count()));
  }
  EXPECT_THAT(names, ElementsAre("aggregate.host_organization.duplicate_id=1",
                                 "aggregate.unknown_host_organization=1",
                                 "member.national_id.checksum=4"));
  EXPECT_EQ(dq.findings_total(), 6);
  // The member of the unknown unit still counts as a member, not as a unit.
  EXPECT_EQ(report->total().members().full(), 1);
  EXPECT_EQ(report->total().units().total(), 1);
}

// --- Money at the int64 boundary ---------------------------------------------

v1::PartialReport FundingPartial(std::vector<int64_t> amounts) {
  Ledger l;
  l.Org("o", v1::FORMATION_MODEL_STANDALONE);
  for (int64_t a : amounts) {
    l.Funding("o", v1::FUNDING_SOURCE_FISCAL_SUBSIDY, a);
  }
  auto agg = *Aggregator::Create(Options());
  ForEachRecord(l.dataset(), [&](const v1::Record& r) { (void)agg->Add(r); });
  return *agg->Finish();
}

// A shard's fingerprint is a fixed function of what it holds: a partial
// written by one release, on one machine, is checked by another. These
// values change only with a documented change of the hash (docs/report.md).
TEST(FingerprintTest, FixedForTheSameIdsAndCountWhateverTheOrder) {
  Ledger l;
  l.Region("r1", v1::REGION_LEVEL_COUNTY);
  l.Host("h1");
  l.Host("h-0123456789");  // Longer than a word, not a multiple of one.
  l.Org("o1", v1::FORMATION_MODEL_STANDALONE, {"h1"});
  l.Member("h1", v1::MEMBER_STATUS_FULL, "o1");
  l.Member("h-elsewhere", v1::MEMBER_STATUS_FULL);  // Named only.
  std::vector<v1::Record> records;
  ForEachRecord(l.dataset(),
                [&](const v1::Record& r) { records.push_back(r); });
  auto print = [&](const std::vector<v1::Record>& in) {
    auto agg = *Aggregator::Create(Options());
    for (const v1::Record& r : in) EXPECT_THAT(agg->Add(r), IsOk());
    absl::StatusOr<v1::PartialReport> p = agg->Finish();
    EXPECT_THAT(p, IsOk());
    EXPECT_EQ(p->shards_size(), 1);
    return p->shards_size() == 1 ? p->shards(0) : v1::ShardFingerprint();
  };
  const v1::ShardFingerprint f = print(records);
  EXPECT_EQ(f.records(), 5);  // The region aside.
  EXPECT_EQ(f.file(), "");    // The pipeline names the shard.
  // As computed by a separate implementation of the hash docs/report.md
  // defines (Python, from the text).
  EXPECT_EQ(f.value(), 12884761123301068103u);
  std::reverse(records.begin(), records.end());
  EXPECT_EQ(print(records).value(), f.value());
  // One id named only, not held: another shard.
  for (v1::Record& r : records) {
    if (r.member().host_organization_id() == "h-elsewhere") {
      r.mutable_member()->set_host_organization_id("h1");
    }
  }
  EXPECT_NE(print(records).value(), f.value());
  // Records that name no unit, organization, grid or assignment the figures
  // read (an undated activity): nothing a second copy would count twice, no
  // shard listed.
  {
    auto undated = *Aggregator::Create(Options());
    v1::Record a;
    a.mutable_activity()->set_id("a1");
    a.mutable_activity()->set_party_organization_id("o1");
    ASSERT_THAT(undated->Add(a), IsOk());
    EXPECT_EQ(undated->Finish()->shards_size(), 0);
  }
  // Regions alone: nothing to count twice, no shard listed.
  auto agg = *Aggregator::Create(Options());
  v1::Record region;
  region.mutable_region()->set_id("r1");
  ASSERT_THAT(agg->Add(region), IsOk());
  EXPECT_EQ(agg->Finish()->shards_size(), 0);
}

TEST(MoneyTest, SumsExactlyUpToInt64Max) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  // Two amounts whose running sum passes 2^63 before a correction brings it
  // back: exact in 128 bits.
  absl::StatusOr<v1::Report> r =
      FinishReport(FundingPartial({kMax, kMax, -kMax}));
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->total().funding().fiscal_subsidy_fen(), kMax);
  EXPECT_EQ(r->total().funding().total_fen(), kMax);
}

TEST(MoneyTest, TotalAboveInt64IsAnError) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_THAT(
      FinishReport(FundingPartial({kMax, 1})),
      StatusIs(absl::StatusCode::kOutOfRange,
               HasSubstr("funding.fiscal_subsidy_fen of the group with no key "
                         "is 9223372036854775808, outside the int64 range")));
}

TEST(MoneyTest, TotalBelowInt64IsAnError) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  EXPECT_THAT(FinishReport(FundingPartial({kMin, -1})),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("-9223372036854775809")));
  EXPECT_THAT(FinishReport(FundingPartial({kMin})), IsOk());
}

TEST(MoneyTest, TotalOverSourcesIsCheckedToo) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  Ledger l;
  l.Org("o", v1::FORMATION_MODEL_STANDALONE);
  l.Funding("o", v1::FUNDING_SOURCE_FISCAL_SUBSIDY, kMax);
  l.Funding("o", v1::FUNDING_SOURCE_DUES_RETURNED, 1);
  EXPECT_THAT(
      AggregateDataset(l.dataset(), Options()),
      StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("funding.total_fen")));
}

TEST(MoneyTest, MergedPartialsAreCheckedOnceAtTheEnd) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  // The same records twice: a shard counted twice, unless the second comes
  // without its fingerprint (as from dangjian 0.2.0).
  EXPECT_THAT(
      MergePartialReports(FundingPartial({kMax}), FundingPartial({kMax})),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("twice")));
  v1::PartialReport unprinted = FundingPartial({kMax});
  unprinted.clear_shards();
  absl::StatusOr<v1::PartialReport> m =
      MergePartialReports(FundingPartial({kMax}), unprinted);
  ASSERT_THAT(m, IsOk());  // The 128-bit state holds 2^64 - 2.
  EXPECT_THAT(FinishReport(*m), StatusIs(absl::StatusCode::kOutOfRange,
                                         HasSubstr("18446744073709551614")));
  unprinted = FundingPartial({-kMax});
  unprinted.clear_shards();
  absl::StatusOr<v1::PartialReport> back = MergePartialReports(*m, unprinted);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(FinishReport(*back), IsOk());
}

// --- Grouping and roll-up
// ------------------------------------------------------

// Two townships under one banner, a village under the first.
Ledger RegionLedger() {
  Ledger l;
  l.Region("banner", v1::REGION_LEVEL_COUNTY)
      ->add_working_committee_member_units("工商局");
  l.Region("t1", v1::REGION_LEVEL_TOWN, "banner");
  l.Region("t2", v1::REGION_LEVEL_SUMU, "banner");
  l.Region("v1", v1::REGION_LEVEL_VILLAGE, "t1");
  l.Host("a", "v1")->set_industry("C30");
  l.Host("b", "t1")->set_industry("F52");
  v1::HostOrganization* c = l.Host("c", "t2");
  c->set_industry("C30");
  c->set_kind(v1::HOST_KIND_SOCIAL);
  l.Host("d", "elsewhere");
  return l;
}

TEST(GroupingTest, ByRegionTier) {
  AggregatorOptions o = Options();
  o.group_by.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  const v1::Report r = Aggregate(RegionLedger().dataset(), o);
  std::vector<std::string> groups;
  for (const v1::ReportGroup& g : r.groups()) {
    groups.push_back(g.key().region_id() + ":" + g.region_name() + ":" +
                     std::to_string(g.figures().units().total()));
  }
  // The banner and the unknown region have no township: unassigned ("").
  EXPECT_THAT(groups, ElementsAre("::1", "t1:区域t1:2", "t2:区域t2:1"));
  EXPECT_EQ(r.total().units().total(), 4);
  EXPECT_EQ(r.groups(0).figures().working_committee_member_units(), 1);
}

TEST(GroupingTest, ByIndustryAndKind) {
  AggregatorOptions o = Options();
  o.group_by.set_industry(true);
  o.group_by.set_host_kind(true);
  const v1::Report r = Aggregate(RegionLedger().dataset(), o);
  std::vector<std::string> groups;
  for (const v1::ReportGroup& g : r.groups()) {
    groups.push_back(g.key().industry() + ":" +
                     v1::HostKind_Name(g.key().host_kind()) + ":" +
                     std::to_string(g.figures().units().total()));
  }
  EXPECT_THAT(groups, ElementsAre(":HOST_KIND_UNSPECIFIED:0",  // Region facts.
                                  ":HOST_KIND_NON_PUBLIC_ECONOMIC:1",
                                  "C30:HOST_KIND_NON_PUBLIC_ECONOMIC:1",
                                  "C30:HOST_KIND_SOCIAL:1",
                                  "F52:HOST_KIND_NON_PUBLIC_ECONOMIC:1"));
}

TEST(GroupingTest, BySubtypeAndSectorSystem) {
  Ledger l = RegionLedger();
  l.dataset().mutable_host_organizations(0)->set_subtype(
      v1::HOST_SUBTYPE_PRIVATE_ENTERPRISE);
  l.dataset().mutable_host_organizations(0)->set_sector_system(
      v1::SECTOR_SYSTEM_ECONOMY_IT);
  AggregatorOptions o = Options();
  o.group_by.set_host_subtype(true);
  o.group_by.set_sector_system(true);
  const v1::Report r = Aggregate(l.dataset(), o);
  std::vector<std::string> groups;
  for (const v1::ReportGroup& g : r.groups()) {
    groups.push_back(v1::HostSubtype_Name(g.key().host_subtype()) + ":" +
                     v1::SectorSystem_Name(g.key().sector_system()) + ":" +
                     std::to_string(g.figures().units().total()));
  }
  EXPECT_THAT(
      groups,
      ElementsAre(
          "HOST_SUBTYPE_UNSPECIFIED:SECTOR_SYSTEM_UNSPECIFIED:3",
          "HOST_SUBTYPE_PRIVATE_ENTERPRISE:SECTOR_SYSTEM_ECONOMY_IT:1"));
}

v1::PartialReport Partial(const v1::Dataset& d, const v1::GroupBy& g) {
  AggregatorOptions o = Options();
  o.group_by = g;
  auto agg = *Aggregator::Create(o);
  ForEachRecord(d, [&](const v1::Record& r) { (void)agg->Add(r); });
  return *agg->Finish();
}

TEST(GroupingTest, TownshipsRollUpIntoTheBanner) {
  v1::GroupBy township, banner;
  township.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  township.set_industry(true);
  banner.set_region_level(v1::REGION_LEVEL_COUNTY);
  const v1::Dataset d = RegionLedger().dataset();
  absl::StatusOr<v1::PartialReport> rolled =
      RegroupPartialReport(Partial(d, township), banner);
  ASSERT_THAT(rolled, IsOk());
  const v1::PartialReport direct = Partial(d, banner);
  EXPECT_EQ(rolled->SerializeAsString(), direct.SerializeAsString());
  const v1::Report r = *FinishReport(direct);
  ASSERT_EQ(r.groups_size(), 2);
  EXPECT_EQ(r.groups(1).key().region_id(), "banner");
  EXPECT_EQ(r.groups(1).figures().units().total(), 3);
}

TEST(GroupingTest, RegroupRejectsFinerOrNewDimensions) {
  v1::GroupBy banner, township, industry;
  banner.set_region_level(v1::REGION_LEVEL_COUNTY);
  township.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  industry.set_industry(true);
  const v1::PartialReport p = Partial(RegionLedger().dataset(), banner);
  EXPECT_THAT(
      RegroupPartialReport(p, township),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("coarser")));
  EXPECT_THAT(
      RegroupPartialReport(p, industry),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("dimension")));
  EXPECT_THAT(RegroupPartialReport(p, v1::GroupBy()), IsOk());
}

// --- Years
// ---------------------------------------------------------------------

TEST(YearsTest, TwoYearReportShowsTheChange) {
  Ledger l;
  l.Host("a");
  for (int i = 0; i < 3; ++i) {
    *l.Member("a", v1::MEMBER_STATUS_FULL)->mutable_probationary_on() =
        D(2012 + i % 2);
  }
  l.Org("o", v1::FORMATION_MODEL_STANDALONE, {"a"});
  const v1::Report r2012 = Aggregate(l.dataset(), Options(2012));
  const v1::Report r2013 = Aggregate(l.dataset(), Options(2013));
  absl::StatusOr<v1::ReportComparison> c = CompareReports(r2012, r2013);
  ASSERT_THAT(c, IsOk());
  // 2012: 2 members (target 3, unmet); 2013: 3 (target 1, met).
  // The third member was a development target at the end of 2012.
  EXPECT_EQ(c->change().members().full(), 1);
  EXPECT_EQ(c->change().members().development_targets(), -1);
  EXPECT_EQ(c->change().targets().target_1().met(), 1);
  EXPECT_EQ(c->change().targets().target_3().eligible(), -1);
  EXPECT_DOUBLE_EQ(c->change().targets().target_3().rate_percent(), 100.0);
  EXPECT_EQ(c->later().year(), 2013);
  EXPECT_THAT(
      CompareReports(r2013, r2012),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not before")));
}

TEST(YearsTest, DifferenceOutsideInt64IsAnError) {
  v1::Report a, b;
  a.set_year(1);
  b.set_year(2);
  a.mutable_total()->mutable_funding()->set_total_fen(
      std::numeric_limits<int64_t>::min());
  b.mutable_total()->mutable_funding()->set_total_fen(1);
  EXPECT_THAT(CompareReports(a, b), StatusIs(absl::StatusCode::kOutOfRange,
                                             HasSubstr("funding.total_fen")));
}

// --- Personal data
// ---------------------------------------------------------------

TEST(PersonalDataTest, NeverInTheReport) {
  Ledger l;
  l.Host("a");
  v1::Member* m = l.Member("a", v1::MEMBER_STATUS_FULL);
  m->set_national_id("150425198001011237");
  m->set_phone("13912341234");
  v1::Grid* g = l.Grid("g", "rb", true);
  g->set_instructor_phone("13800001111");
  const std::string bytes = Aggregate(l.dataset()).SerializeAsString();
  EXPECT_EQ(bytes.find("150425198001011237"), std::string::npos);
  EXPECT_EQ(bytes.find("13912341234"), std::string::npos);
  EXPECT_EQ(bytes.find("13800001111"), std::string::npos);
  // The ids that identify units do appear (worklists): the check can fail.
  EXPECT_NE(Aggregate(l.dataset()).total().targets().target_3().worklist_size(),
            0);
}

// --- Any input --------------------------------------------------------------

// Every kind of record with every field set (enums at their last value, strings
// of Chinese text, repeated fields twice), and with out-of-range enum values:
// counted as they stand, never a crash.
TEST(AnyInputTest, FullyPopulatedAndOutOfRangeRecords) {
  auto agg = *Aggregator::Create(Options());
  const google::protobuf::OneofDescriptor* oneof =
      v1::Record::descriptor()->FindOneofByName("entity");
  ASSERT_NE(oneof, nullptr);
  int added = 0;
  for (int i = 0; i < oneof->field_count(); ++i) {
    v1::Record r;
    google::protobuf::Message* entity =
        r.GetReflection()->MutableMessage(&r, oneof->field(i));
    dangjian::testing::PopulateAllFields(entity);
    ASSERT_THAT(agg->Add(r), IsOk());
    ++added;
  }
  EXPECT_EQ(added, 15);
  v1::Record odd;
  v1::HostOrganization* h = odd.mutable_host_organization();
  h->set_id("odd");
  h->set_kind(static_cast<v1::HostKind>(77));
  h->set_status(static_cast<v1::HostStatus>(-3));
  h->mutable_reported_member_counts()->set_full(-5);
  ASSERT_THAT(agg->Add(odd), IsOk());
  odd.Clear();
  v1::PartyOrganization* o = odd.mutable_party_organization();
  o->set_id("odd-org");
  o->set_formation(static_cast<v1::FormationModel>(99));
  o->add_host_organization_ids("odd");
  o->add_star_assessments()->set_stars(1000);
  ASSERT_THAT(agg->Add(odd), IsOk());
  absl::StatusOr<v1::PartialReport> p = agg->Finish();
  ASSERT_THAT(p, IsOk());
  absl::StatusOr<v1::Report> r = FinishReport(*p);
  ASSERT_THAT(r, IsOk());
  // The populated host was registered in year 4465, after the report year:
  // left out. "odd" counts as a unit with no members (negative reported
  // counts read as 0).
  EXPECT_EQ(r->total().units().closed(), 0);
  EXPECT_EQ(r->total().units().total(), 1);
  EXPECT_EQ(r->total().targets().target_4().eligible(), 1);
  EXPECT_EQ(r->total().party_organizations().formation_unspecified(), 1);
}

// Ids of every length from 1 to 40 bytes that differ in one byte only, each
// unit with one member: the join keeps them apart (a confused lookup would
// give one unit two members and another none).
TEST(AnyInputTest, NearlyEqualIdsOfEveryLengthStayApart) {
  Ledger l;
  int units = 0;
  for (int n = 1; n <= 40; ++n) {
    for (int pos = 0; pos < n; ++pos) {
      std::string id(static_cast<size_t>(n), 'x');
      id[static_cast<size_t>(pos)] = 'y';
      l.Host(id);
      l.Member(id, v1::MEMBER_STATUS_FULL);
      ++units;
    }
  }
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.units().total(), units);
  EXPECT_EQ(f.targets().target_3().eligible(), units);
  EXPECT_EQ(f.targets().target_4().eligible(), 0);
}

// --- Malformed partials
// --------------------------------------------------------

TEST(PartialTest, MalformedOrEmptyPartialsAreRejected) {
  EXPECT_THAT(FinishReport(v1::PartialReport()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  v1::PartialReport p = Partial(RegionLedger().dataset(), v1::GroupBy());
  EXPECT_THAT(FinishReport(p), IsOk());
  v1::PartialReport bad = p;
  bad.mutable_groups(0)->mutable_counters()->RemoveLast();
  EXPECT_THAT(FinishReport(bad), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("counters")));
  bad = p;
  bad.set_counter_names(0, "renamed");
  EXPECT_THAT(
      MergePartialReports(p, bad),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("layout")));
  bad = p;
  bad.set_state_version(99);
  EXPECT_THAT(
      RegroupPartialReport(bad, v1::GroupBy()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("version")));
  bad = p;
  bad.mutable_groups(0)->mutable_worklists(0)->set_target(7);
  EXPECT_THAT(FinishReport(bad), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("target 7")));
}

TEST(PartialTest, IncompatiblePartialsDoNotMerge) {
  const v1::PartialReport p = Partial(RegionLedger().dataset(), v1::GroupBy());
  v1::PartialReport q = p;
  q.set_year(2013);
  EXPECT_THAT(MergePartialReports(p, q),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("years")));
  q = p;
  q.set_worklist_cap(1);
  EXPECT_THAT(MergePartialReports(p, q),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("caps")));
  q = p;
  q.mutable_group_by()->set_industry(true);
  EXPECT_THAT(
      MergePartialReports(p, q),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("grouped")));
  q = p;
  q.set_policy_version("other");
  EXPECT_THAT(MergePartialReports(p, q),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("polic")));
  EXPECT_THAT(MergePartialReports(p, p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a shard counted twice")));
  q = p;
  q.clear_shards();
  EXPECT_THAT(MergePartialReports(p, q), IsOk());
}

}  // namespace
}  // namespace dangjian

namespace dangjian {
namespace {

// Negative counts and inconsistent economy figures are no figures: a report
// never shows "业主培训班 −7" or "−200.0%" (record.count.negative and
// region.economy.inconsistent report them).
TEST(NegativeFiguresTest, NegativeCountsCountAsZeroAndBadSharesAreLeftOut) {
  AggregatorOptions o;
  o.year = kKeshiketeng2014Year;
  const v1::Dataset clean = BuildKeshiketeng2014();
  absl::StatusOr<v1::Report> before = AggregateDataset(clean, o);
  ASSERT_THAT(before, IsOk());
  v1::Dataset d = clean;
  int64_t removed_classes = 0;
  for (v1::Activity& a : *d.mutable_activities()) {
    if (a.kind() != v1::ACTIVITY_KIND_OWNER_TRAINING_CLASS) continue;
    removed_classes = a.count() == 0 ? 1 : a.count();
    a.set_count(-7);
    a.set_participants(-100);
    break;
  }
  ASSERT_GT(removed_classes, 0);
  ASSERT_GT(d.host_annual_results_size(), 0);
  const int64_t jobs = d.host_annual_results(0).jobs_provided();
  d.mutable_host_annual_results(0)->set_jobs_provided(-1000000);
  ASSERT_GT(d.region_economies_size(), 0);
  v1::RegionEconomy* e = d.mutable_region_economies(0);
  e->set_market_entities_non_public(e->market_entities_total() * 2);
  e->set_tax_revenue_total_fen(-1);
  absl::StatusOr<v1::Report> after = AggregateDataset(d, o);
  ASSERT_THAT(after, IsOk());
  const v1::ReportFigures& b = before->total();
  const v1::ReportFigures& a = after->total();
  EXPECT_EQ(a.activities().owner_training_classes(),
            b.activities().owner_training_classes() - removed_classes);
  EXPECT_GE(a.activities().owner_training_classes(), 0);
  EXPECT_EQ(a.results().jobs_provided(), b.results().jobs_provided() - jobs);
  EXPECT_EQ(a.economy().market_entities_total(), 0);
  EXPECT_EQ(a.economy().market_entities_non_public(), 0);
  EXPECT_EQ(a.economy().market_entities_non_public_percent(), 0);
  EXPECT_EQ(a.economy().tax_revenue_total_fen(), 0);
  // The pair that is consistent is kept.
  EXPECT_EQ(a.economy().value_added_non_public_percent(),
            b.economy().value_added_non_public_percent());
  EXPECT_GT(b.economy().market_entities_non_public_percent(), 0);
}

}  // namespace
}  // namespace dangjian
