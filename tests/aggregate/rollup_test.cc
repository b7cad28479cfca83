// Tests of what the aggregate module does with partial reports
// (src/aggregate/partial.cc): the shard's fingerprint, money sums at the
// int64 boundary, grouping and the roll-up up the region tree, two-year
// reports, personal data, any input, malformed partials and negative
// figures.
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
