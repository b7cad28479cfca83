// The validator's coverage findings and the report's targets agree: for an
// as_of of December 31 of the report year, the units (and, for target 2, the
// party organizations) each coverage.* rule reports are exactly the report's
// worklist of that target, and as many as its shortfall. Over generated data,
// clean and with planted faults, and over hand-made edge cases of the
// coverage join (docs/report.md).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/record.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/dates.h"
#include "testing/generated.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::MakeDate;
using ::testing::ElementsAre;

// What one engine says of the four targets: the ids that fall short (sorted,
// repeats kept) and how many fall short.
struct Shortfalls {
  std::vector<std::string> ids[4];
  int64_t count[4] = {0, 0, 0, 0};
};

int TargetOfRule(const std::string& rule_id) {
  if (rule_id == "coverage.found_where_condition_exists") return 1;
  if (rule_id == "coverage.star_management") return 2;
  if (rule_id == "coverage.joint_where_members_are_few") return 3;
  if (rule_id == "coverage.party_work_where_no_members") return 4;
  return 0;
}

v1::Date EndOf(int32_t year) {
  v1::Date d;
  d.set_year(year);
  d.set_month(12);
  d.set_day(31);
  return d;
}

Shortfalls FromValidator(const std::vector<v1::Record>& records, int32_t year) {
  Shortfalls out;
  ValidatorOptions options;
  options.as_of = EndOf(year);
  options.max_findings = 0;
  absl::StatusOr<std::unique_ptr<Validator>> v = Validator::Create(options);
  EXPECT_THAT(v, IsOk());
  if (!v.ok()) return out;
  for (const v1::Record& r : records) EXPECT_THAT((*v)->Add(r), IsOk());
  absl::StatusOr<v1::ValidationReport> report = (*v)->Finish();
  EXPECT_THAT(report, IsOk());
  if (!report.ok()) return out;
  EXPECT_EQ(report->findings_omitted(), 0);
  for (const v1::Finding& f : report->findings()) {
    const int t = TargetOfRule(f.rule_id());
    if (t == 0) continue;
    out.ids[t - 1].push_back(f.record_id());
    ++out.count[t - 1];
  }
  for (auto& ids : out.ids) std::sort(ids.begin(), ids.end());
  return out;
}

// The report's worklists and shortfalls; `serialized` feeds the records'
// bytes (the aggregator's decoders) rather than the messages.
Shortfalls FromReport(const std::vector<v1::Record>& records, int32_t year,
                      bool serialized) {
  Shortfalls out;
  AggregatorOptions options;
  options.year = year;
  options.worklist_cap = 1000000;
  absl::StatusOr<std::unique_ptr<Aggregator>> a = Aggregator::Create(options);
  EXPECT_THAT(a, IsOk());
  if (!a.ok()) return out;
  for (const v1::Record& r : records) {
    if (serialized) {
      EXPECT_THAT((*a)->AddSerialized(r.SerializeAsString()), IsOk());
    } else {
      EXPECT_THAT((*a)->Add(r), IsOk());
    }
  }
  absl::StatusOr<v1::PartialReport> partial = (*a)->Finish();
  EXPECT_THAT(partial, IsOk());
  if (!partial.ok()) return out;
  absl::StatusOr<v1::Report> report = FinishReport(*partial);
  EXPECT_THAT(report, IsOk());
  if (!report.ok()) return out;
  const v1::TargetFigures& t = report->total().targets();
  const v1::TargetResult* results[4] = {&t.target_1(), &t.target_2(),
                                        &t.target_3(), &t.target_4()};
  for (int k = 0; k < 4; ++k) {
    out.ids[k].assign(results[k]->worklist().begin(),
                      results[k]->worklist().end());
    out.count[k] = results[k]->shortfall();
  }
  return out;
}

// Both engines over `records` for `year`; the validator's shortfalls, once
// checked equal to the report's (both ways of feeding the aggregator).
Shortfalls ExpectAgreement(const std::vector<v1::Record>& records,
                           int32_t year) {
  const Shortfalls v = FromValidator(records, year);
  for (const bool serialized : {false, true}) {
    const Shortfalls r = FromReport(records, year, serialized);
    for (int k = 0; k < 4; ++k) {
      EXPECT_EQ(v.ids[k], r.ids[k])
          << "target " << k + 1 << (serialized ? " (serialized)" : "");
      EXPECT_EQ(v.count[k], r.count[k])
          << "target " << k + 1 << (serialized ? " (serialized)" : "");
    }
  }
  return v;
}

std::vector<v1::Record> RecordsOf(const v1::Dataset& d) {
  std::vector<v1::Record> out;
  ForEachRecord(d, [&](const v1::Record& r) { out.push_back(r); });
  return out;
}

// --- Generated data --------------------------------------------------------

class GeneratedAgreementTest
    : public ::testing::TestWithParam<std::pair<uint64_t, double>> {};

TEST_P(GeneratedAgreementTest, FindingsAreTheWorklists) {
  NationalScenarioOptions options = testing::SmallNational(GetParam().second);
  options.seed = GetParam().first;
  const std::vector<v1::Record> records = testing::GeneratedRecords(options);
  ASSERT_FALSE(records.empty());
  const Shortfalls s = ExpectAgreement(records, options.year);
  // Not vacuous: the national rates leave every target short somewhere.
  for (int k = 0; k < 4; ++k) EXPECT_GT(s.count[k], 0) << "target " << k + 1;
}

INSTANTIATE_TEST_SUITE_P(SeedsAndFaults, GeneratedAgreementTest,
                         ::testing::Values(std::pair<uint64_t, double>{1, 0.0},
                                           std::pair<uint64_t, double>{2, 0.0},
                                           std::pair<uint64_t, double>{1, 0.05},
                                           std::pair<uint64_t, double>{3,
                                                                       0.2}));

TEST(BannerAgreementTest, Keshiketeng2014MeetsEveryTargetInBoth) {
  const Shortfalls s =
      ExpectAgreement(RecordsOf(BuildKeshiketeng2014()), kKeshiketeng2014Year);
  for (int k = 0; k < 4; ++k) EXPECT_EQ(s.count[k], 0) << "target " << k + 1;
}

// --- Edge cases of the join ------------------------------------------------

constexpr int32_t kYear = 2014;

class Edges {
 public:
  v1::HostOrganization* Host(const std::string& id, int32_t full = 0,
                             int32_t probationary = 0) {
    v1::HostOrganization* h = d_.add_host_organizations();
    h->set_id(id);
    h->set_status(v1::HOST_STATUS_OPERATING);
    h->mutable_reported_member_counts()->set_full(full);
    h->mutable_reported_member_counts()->set_probationary(probationary);
    return h;
  }
  v1::PartyOrganization* Org(const std::string& id, v1::FormationModel f,
                             std::vector<std::string> hosts = {}) {
    v1::PartyOrganization* o = d_.add_party_organizations();
    o->set_id(id);
    o->set_formation(f);
    o->set_level(v1::ORG_LEVEL_BRANCH);
    for (const std::string& h : hosts) o->add_host_organization_ids(h);
    return o;
  }
  v1::Grid* Grid(const std::string& id, const std::string& org) {
    v1::Grid* g = d_.add_grids();
    g->set_id(id);
    g->set_party_organization_id(org);
    return g;
  }
  v1::CadreAssignment* Assignment(const std::string& id,
                                  const std::string& grid, v1::Date start) {
    v1::CadreAssignment* c = d_.add_cadre_assignments();
    c->set_id(id);
    c->set_kind(v1::CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR);
    c->set_grid_id(grid);
    *c->mutable_start_on() = start;
    return c;
  }
  v1::Dataset& dataset() { return d_; }

 private:
  v1::Dataset d_;
};

TEST(EdgeAgreementTest, TheJoinsEdgesGiveTheSameShortfalls) {
  Edges e;
  // 1+N: listing and grid are two ways of writing coverage; target 4 needs a
  // grid with an instructor in post.
  e.Org("rb", v1::FORMATION_MODEL_REGIONAL, {"listed", "listed-no-instr"});
  e.Grid("g-named", "rb")->set_instructor_name("王指导员");
  e.Grid("g-none", "rb");
  e.Grid("g-ended", "rb")->set_instructor_assignment_id("c-ended");
  e.Grid("g-in-post", "rb")->set_instructor_assignment_id("c-in-post");
  e.Grid("g-not-on-file", "rb")->set_instructor_assignment_id("c-absent");
  *e.Assignment("c-ended", "g-ended", MakeDate(kYear - 3, 1, 1))
       ->mutable_end_on() = MakeDate(kYear - 1, 12, 31);
  *e.Assignment("c-in-post", "g-in-post", MakeDate(kYear - 1, 5, 1))
       ->mutable_end_on() = MakeDate(kYear, 1, 31);
  e.Host("listed");
  e.Host("in-grid")->set_grid_id("g-named");
  e.Host("listed-no-instr")->set_grid_id("g-none");
  e.Host("ended")->set_grid_id("g-ended");
  e.Host("in-post")->set_grid_id("g-in-post");
  e.Host("not-on-file")->set_grid_id("g-not-on-file");
  e.Host("closed")->set_status(v1::HOST_STATUS_CLOSED);
  *e.Host("later")->mutable_registered_on() = MakeDate(kYear + 1, 1, 1);
  e.Host("dup");
  e.Host("dup")->set_grid_id("g-named");  // The first record is judged.
  // A grid of a regional branch dissolved before the year covers nothing.
  *e.Org("rb-gone", v1::FORMATION_MODEL_REGIONAL)->mutable_dissolved_on() =
      MakeDate(kYear - 1, 6, 30);
  e.Grid("g-gone", "rb-gone")->set_instructor_name("李指导员");
  e.Host("in-gone-grid")->set_grid_id("g-gone");

  // Targets 1 and 2: organizations existing in the year.
  e.Host("big-gone", 3);
  e.Host("big-during", 3);
  e.Host("big-later", 3);
  e.Host("big-rated", 4);
  e.Host("big-closed", 5)->set_status(v1::HOST_STATUS_CLOSED);
  *e.Org("s-gone", v1::FORMATION_MODEL_STANDALONE, {"big-gone"})
       ->mutable_dissolved_on() = MakeDate(kYear - 1, 12, 31);
  *e.Org("s-during", v1::FORMATION_MODEL_STANDALONE, {"big-during"})
       ->mutable_dissolved_on() = MakeDate(kYear, 3, 1);
  *e.Org("s-later", v1::FORMATION_MODEL_STANDALONE, {"big-later"})
       ->mutable_founded_on() = MakeDate(kYear + 1, 2, 1);
  v1::StarAssessment* a =
      e.Org("s-rated", v1::FORMATION_MODEL_STANDALONE, {"big-rated"})
          ->add_star_assessments();
  a->set_year(kYear);
  a->set_stars(4);

  // Target 3.
  e.Host("few-joint", 1, 1);
  e.Host("few-alone", 2);
  e.Host("few-closed", 1)->set_status(v1::HOST_STATUS_CLOSED);
  e.Org("j", v1::FORMATION_MODEL_JOINT, {"few-joint"});

  const Shortfalls s = ExpectAgreement(RecordsOf(e.dataset()), kYear);
  EXPECT_THAT(s.ids[0], ElementsAre("big-gone", "big-later"));
  EXPECT_THAT(s.ids[1], ElementsAre("s-during"));
  EXPECT_THAT(s.ids[2], ElementsAre("few-alone"));
  EXPECT_THAT(s.ids[3], ElementsAre("dup", "ended", "in-gone-grid", "listed",
                                    "listed-no-instr"));
}

// A unit's dated changes of status give its status at the end of the year
// in both engines, whatever its status today: a unit closed in an earlier
// year and reopened is judged, one closed during the year or reopened only
// after it is not.
TEST(EdgeAgreementTest, UnitsTakeTheStatusInForceAtTheEndOfTheYear) {
  Edges e;
  auto change = [](v1::HostOrganization* h, int32_t y, v1::HostStatus s) {
    v1::HostStatusChange* c = h->add_status_changes();
    *c->mutable_on() = MakeDate(y, 6, 1);
    c->set_status(s);
  };
  v1::HostOrganization* reopened = e.Host("reopened", 3);
  change(reopened, kYear - 2, v1::HOST_STATUS_CLOSED);
  change(reopened, kYear - 1, v1::HOST_STATUS_OPERATING);
  v1::HostOrganization* closed_now = e.Host("closed-today", 3);
  closed_now->set_status(v1::HOST_STATUS_CLOSED);
  change(closed_now, kYear + 2, v1::HOST_STATUS_CLOSED);
  v1::HostOrganization* closed_in_year = e.Host("closed-in-year", 3);
  change(closed_in_year, kYear, v1::HOST_STATUS_CLOSED);
  v1::HostOrganization* reopened_later = e.Host("reopened-later", 3);
  change(reopened_later, kYear - 1, v1::HOST_STATUS_CLOSED);
  change(reopened_later, kYear + 1, v1::HOST_STATUS_OPERATING);
  v1::HostOrganization* suspended = e.Host("suspended", 3);
  change(suspended, kYear, v1::HOST_STATUS_SUSPENDED);
  const Shortfalls s = ExpectAgreement(RecordsOf(e.dataset()), kYear);
  // Three or more full members and no organization: target 1.
  EXPECT_THAT(s.ids[0], ElementsAre("closed-today", "reopened", "suspended"));
  AggregatorOptions options;
  options.year = kYear;
  absl::StatusOr<v1::Report> report = AggregateDataset(e.dataset(), options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->total().units().total(), 3);
  EXPECT_EQ(report->total().units().closed(), 2);
  // Another year, another status: in kYear + 2 the units are "reopened",
  // "reopened-later" and "suspended".
  options.year = kYear + 2;
  report = AggregateDataset(e.dataset(), options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->total().units().total(), 3);
  EXPECT_EQ(report->total().units().closed(), 2);
}

// Member records count as of the end of the year in both engines: a full
// member whose full_on is next year was probationary, and a person who had
// not applied by then is not counted.
TEST(EdgeAgreementTest, MembersCountAsOfTheEndOfTheYear) {
  Edges e;
  e.Host("three-full");
  e.Host("full-next-year");
  e.Host("joined-next-year");
  e.Org("j", v1::FORMATION_MODEL_JOINT, {"full-next-year"});
  auto member = [&](const std::string& id, const std::string& host,
                    v1::Date full_on, v1::Date applied_on) {
    v1::Member* m = e.dataset().add_members();
    m->set_id(id);
    m->set_host_organization_id(host);
    m->set_status(v1::MEMBER_STATUS_FULL);
    *m->mutable_applied_on() = applied_on;
    *m->mutable_full_on() = full_on;
  };
  for (int i = 0; i < 3; ++i) {
    const std::string n = std::to_string(i);
    member("a" + n, "three-full", MakeDate(kYear - 1, 1, 1),
           MakeDate(kYear - 4, 1, 1));
    // Full only next year: probationary at the end of the year, so the unit
    // has members but fewer than three full ones (target 3, met by "j").
    member("b" + n, "full-next-year", MakeDate(kYear + 1, 1, 1),
           MakeDate(kYear - 2, 1, 1));
    // Not even applied by the end of the year: no members (target 4).
    member("c" + n, "joined-next-year", MakeDate(kYear + 3, 1, 1),
           MakeDate(kYear + 1, 1, 1));
  }
  const Shortfalls s = ExpectAgreement(RecordsOf(e.dataset()), kYear);
  EXPECT_THAT(s.ids[0], ElementsAre("three-full"));
  EXPECT_THAT(s.ids[2], ElementsAre());
  EXPECT_THAT(s.ids[3], ElementsAre("joined-next-year"));
}

// Membership events take a member off the roll in both engines: a unit
// whose third full member transferred out in the year no longer has three,
// and one whose member came by transfer only after it has none.
TEST(EdgeAgreementTest, MembersOffTheRollCountInNeither) {
  Edges e;
  e.Host("three-one-out");
  e.Host("three-stay");
  e.Host("came-later");
  auto member = [&](const std::string& id, const std::string& host) {
    v1::Member* m = e.dataset().add_members();
    m->set_id(id);
    m->set_host_organization_id(host);
    m->set_status(v1::MEMBER_STATUS_FULL);
    *m->mutable_probationary_on() = MakeDate(kYear - 5, 1, 1);
    *m->mutable_full_on() = MakeDate(kYear - 4, 1, 1);
    return m;
  };
  auto event = [](v1::Member* m, int32_t y, v1::MembershipEventKind kind) {
    v1::MembershipEvent* ev = m->add_events();
    *ev->mutable_on() = MakeDate(y, 6, 1);
    ev->set_kind(kind);
  };
  for (int i = 0; i < 3; ++i) {
    const std::string n = std::to_string(i);
    v1::Member* m = member("a" + n, "three-one-out");
    if (i == 0) event(m, kYear, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT);
    m = member("b" + n, "three-stay");
    // Came by transfer before the year, stopped and restored within it.
    event(m, kYear - 1, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
    if (i == 0) {
      event(m, kYear, v1::MEMBERSHIP_EVENT_KIND_STOPPED);
      event(m, kYear, v1::MEMBERSHIP_EVENT_KIND_RESTORED);
    }
  }
  event(member("c0", "came-later"), kYear + 1,
        v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
  const Shortfalls s = ExpectAgreement(RecordsOf(e.dataset()), kYear);
  EXPECT_THAT(s.ids[0], ElementsAre("three-stay"));
  EXPECT_THAT(s.ids[2], ElementsAre("three-one-out"));
  EXPECT_THAT(s.ids[3], ElementsAre("came-later"));
}

}  // namespace
}  // namespace dangjian
