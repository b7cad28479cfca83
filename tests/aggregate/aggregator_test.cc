// Tests of the Aggregator (src/aggregate/aggregator.cc and
// aggregator_finish.cc): each figure with a case that counts and a case that
// does not, options, errors, data quality and the year filter. The money
// sums, grouping, roll-up and partials are in rollup_test.cc.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "aggregate/ledger.h"
#include "dangjian/aggregate.h"
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

using ::dangjian::aggregate_testing::Aggregate;
using ::dangjian::aggregate_testing::D;
using ::dangjian::aggregate_testing::kYear;
using ::dangjian::aggregate_testing::Ledger;
using ::dangjian::aggregate_testing::Options;

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

// Membership events: a member off the roll at the end of the year is in no
// figure of its unit, and the year's events are counted by kind.
TEST(UnitsTest, MembershipEventsTakeMembersOffTheRollAndCount) {
  Ledger l;
  l.Host("u");
  auto member = [&](const std::string& name) {
    v1::Member* m = l.Member("u", v1::MEMBER_STATUS_FULL);
    m->set_name(name);
    return m;
  };
  auto event = [](v1::Member* m, int y, v1::MembershipEventKind kind) {
    v1::MembershipEvent* e = m->add_events();
    *e->mutable_on() = D(y, 5, 1);
    e->set_kind(kind);
  };
  member("stays");
  event(member("left-this-year"), kYear,
        v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT);
  event(member("died-before"), kYear - 1, v1::MEMBERSHIP_EVENT_KIND_DIED);
  event(member("came-this-year"), kYear, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
  event(member("comes-next-year"), kYear + 1,
        v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
  v1::Member* stopped = member("stopped-restored");
  event(stopped, kYear - 2, v1::MEMBERSHIP_EVENT_KIND_STOPPED);
  event(stopped, kYear, v1::MEMBERSHIP_EVENT_KIND_RESTORED);
  const v1::ReportFigures f = Aggregate(l.dataset()).total();
  // On the roll: stays, came-this-year, stopped-restored.
  EXPECT_EQ(f.members().full(), 3);
  EXPECT_EQ(f.members().transferred_in(), 1);
  EXPECT_EQ(f.members().transferred_out(), 1);
  EXPECT_EQ(f.members().membership_restored(), 1);
  EXPECT_EQ(f.members().membership_stopped(), 0);  // Two years before.
  EXPECT_EQ(f.members().died(), 0);                // The year before.
  EXPECT_EQ(f.members().left_the_party(), 0);
  // Three full members: target 1's condition, from the members on the roll.
  EXPECT_EQ(f.targets().target_1().eligible(), 1);
  // A member of neither a unit nor an organization, off the roll: its
  // event still counts.
  Ledger loose;
  event(loose.Member("", v1::MEMBER_STATUS_FULL), kYear,
        v1::MEMBERSHIP_EVENT_KIND_DIED);
  const v1::ReportFigures g = Aggregate(loose.dataset()).total();
  EXPECT_EQ(g.members().died(), 1);
  EXPECT_EQ(g.members().full(), 0);
}

// A unit with dated changes of status counts by the one in force at the end
// of the year, not by its status today.
TEST(UnitsTest, DatedChangesOfStatusGiveTheYearsStatus) {
  Ledger l;
  v1::HostOrganization* h = l.Host("closed-then-reopened");
  h->set_status(v1::HOST_STATUS_OPERATING);
  v1::HostStatusChange* closed = h->add_status_changes();
  *closed->mutable_on() = D(kYear - 1);
  closed->set_status(v1::HOST_STATUS_CLOSED);
  v1::HostStatusChange* reopened = h->add_status_changes();
  *reopened->mutable_on() = D(kYear + 1);
  reopened->set_status(v1::HOST_STATUS_OPERATING);
  v1::ReportFigures f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.units().total(), 0);
  EXPECT_EQ(f.units().closed(), 1);
  // Reopened within the year: a unit again.
  *reopened->mutable_on() = D(kYear);
  f = Aggregate(l.dataset()).total();
  EXPECT_EQ(f.units().total(), 1);
  EXPECT_EQ(f.units().closed(), 0);
  EXPECT_THAT(f.targets().target_4().worklist(),
              ElementsAre("closed-then-reopened"));
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

// A venue with assessments has the six haves of the latest one dated by the
// end of the year (none before the first), not its fields.
TEST(IndicatorsTest, VenuesTakeTheAssessmentInForce) {
  Ledger l;
  l.Org("o", v1::FORMATION_MODEL_STANDALONE);
  v1::Venue* v = l.dataset().add_venues();
  v->set_party_organization_id("o");
  v->set_has_site(true);  // Today's: not read.
  v1::VenueAssessment* before = v->add_assessments();
  *before->mutable_on() = D(kYear - 1, 5, 1);
  before->set_has_site(true);
  before->set_has_facilities(true);
  before->set_has_signage(true);
  before->set_has_party_flag(true);
  before->set_has_books_and_newspapers(true);
  before->set_has_rules_on_wall(true);
  v1::VenueAssessment* later = v->add_assessments();
  *later->mutable_on() = D(kYear + 1, 5, 1);
  later->set_has_site(true);
  v1::VenueFigures f = Aggregate(l.dataset()).total().venues();
  EXPECT_EQ(f.total(), 1);
  EXPECT_EQ(f.all_six_haves(), 1);
  EXPECT_EQ(f.has_rules_on_wall(), 1);
  // Every assessment after the year: not yet judged to have any.
  *before->mutable_on() = D(kYear + 1, 1, 1);
  f = Aggregate(l.dataset()).total().venues();
  EXPECT_EQ(f.total(), 1);
  EXPECT_EQ(f.has_site(), 0);
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

}  // namespace
}  // namespace dangjian
