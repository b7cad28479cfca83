// Proof against the article: a ledger shaped like Keshiketeng Banner in 2014
// gives a report with every figure of DOMAIN.md's table that records can
// determine.
#include <algorithm>
#include <random>
#include <vector>

#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/record.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::testing::DoubleNear;

class KeshiketengTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    AggregatorOptions options;
    options.year = kKeshiketeng2014Year;
    absl::StatusOr<v1::Report> r =
        AggregateDataset(BuildKeshiketeng2014(), options);
    ASSERT_THAT(r, IsOk());
    report_ = new v1::Report(*std::move(r));
  }
  static void TearDownTestSuite() { delete report_; }
  const v1::ReportFigures& total() const { return report_->total(); }

  static v1::Report* report_;
};
v1::Report* KeshiketengTest::report_ = nullptr;

TEST_F(KeshiketengTest, OneModelFormation) {
  const auto& p = total().party_organizations();
  EXPECT_EQ(p.standalone_non_public(), 98);
  EXPECT_EQ(p.standalone_social(), 18);
  EXPECT_EQ(p.joint_non_public(), 29);
  EXPECT_EQ(p.joint_social(), 63);
  EXPECT_EQ(p.regional_branches(), 23);
  EXPECT_EQ(total().grids().total(), 126);
  EXPECT_EQ(total().grids().with_instructor(), 126);
  EXPECT_EQ(total().units().covered_by_regional(), 7000);
  EXPECT_EQ(total().units().total(), 7000);
  // The article's full organization coverage: the 6,700 units without
  // members are covered by the regional branches through their grids.
  EXPECT_EQ(total().units().organization_covered(), 7000);
  EXPECT_THAT(total().units().organization_coverage_percent(),
              DoubleNear(100, 1e-9));
}

TEST_F(KeshiketengTest, MassOrganizationsAndWorkingCommittee) {
  EXPECT_EQ(total().units().trade_unions(), 259);
  EXPECT_EQ(total().units().womens_organizations(), 69);
  EXPECT_EQ(total().units().youth_league_organizations(), 28);
  EXPECT_EQ(total().working_committee_member_units(), 22);
}

TEST_F(KeshiketengTest, StarsAndDemonstrationPoints) {
  const auto& p = total().party_organizations();
  EXPECT_EQ(p.five_star(), 12);
  EXPECT_EQ(p.four_star(), 15);
  EXPECT_EQ(p.unrated(), 0);
  EXPECT_EQ(p.demonstration_points(), 30);
}

TEST_F(KeshiketengTest, JointBranchesGrowMembersAndUnits) {
  EXPECT_EQ(total().members().new_members_in_joint(), 42);
  EXPECT_EQ(total().party_organizations().founded_out_of_joint(), 7);
}

TEST_F(KeshiketengTest, RegionalFourOnesAndOutreach) {
  const auto& a = total().activities();
  EXPECT_EQ(a.heart_to_heart_meetings(), 63);  // 60+
  EXPECT_EQ(a.visits(), 6980);                 // ~7,000
  EXPECT_EQ(a.brochures(), 32200);             // 32,000+
  EXPECT_EQ(a.contact_cards(), 13110);         // 13,000+
  EXPECT_EQ(a.online_groups(), 18);
  EXPECT_EQ(a.online_posts(), 6095);  // 6,000+
  EXPECT_EQ(a.problems_solved(), 238);
  EXPECT_EQ(
      total().party_organizations().regional_branches_meeting_every_quarter(),
      15);
}

TEST_F(KeshiketengTest, PeopleFigures) {
  const auto& m = total().members();
  EXPECT_EQ(m.new_members(), 261);
  EXPECT_EQ(m.new_members_owners(), 45);
  EXPECT_EQ(total().units().owners_secretaries(), 85);
  EXPECT_EQ(total().cadres().seconded_deputy_secretaries(), 60);
  EXPECT_EQ(total().cadres().stationed_instructors(), 126);
  EXPECT_EQ(total().cadres().reserve_talent(), 163);
  EXPECT_EQ(total().activities().owner_training_classes(), 4);
  EXPECT_EQ(total().activities().owner_training_participants(), 220);
}

TEST_F(KeshiketengTest, PostsAndResults) {
  const auto& m = total().members();
  EXPECT_EQ(m.demonstration_posts() + m.vanguard_posts(), 42);
  EXPECT_EQ(m.responsibility_zones(), 135);
  EXPECT_EQ(m.technical_service_teams(), 32);
  const auto& r = total().results();
  EXPECT_EQ(r.technical_problems_solved(), 26);
  EXPECT_EQ(r.innovation_projects(), 41);
  EXPECT_EQ(r.suggestions(), 265);          // 260+
  EXPECT_EQ(r.savings_fen(), 990000000);    // ~10 million yuan
  EXPECT_EQ(r.jobs_provided(), 10200);      // 10,000+
  EXPECT_EQ(r.donations_fen(), 980000000);  // ~10 million yuan
  EXPECT_EQ(r.households_helped(), 610);    // 600+
  EXPECT_EQ(r.students_aided(), 105);       // 100+
  EXPECT_EQ(total().funding().enterprise_allocation_fen(), 10000000);
}

TEST_F(KeshiketengTest, FundingFromAllFourSourcesAndVenues) {
  const auto& f = total().funding();
  EXPECT_EQ(f.superior_supplement_fen(), 23 * 2000000);
  EXPECT_EQ(f.fiscal_subsidy_fen(), 23 * 3000000);
  EXPECT_EQ(f.dues_returned_fen(), 116 * 150000);
  EXPECT_EQ(f.unspecified_fen(), 0);
  EXPECT_EQ(f.total_fen(), 10000000 + 23 * 5000000 + 116 * 150000);
  const auto& v = total().venues();
  EXPECT_EQ(v.total(), 123);
  EXPECT_EQ(v.all_six_haves(), 103);
  EXPECT_EQ(v.shared(), 23);
  EXPECT_EQ(v.own(), 100);
}

TEST_F(KeshiketengTest, NonPublicSharesOfTheEconomy) {
  const auto& e = total().economy();
  EXPECT_THAT(e.market_entities_non_public_percent(), DoubleNear(96.69, 1e-9));
  EXPECT_THAT(e.value_added_non_public_percent(), DoubleNear(70.0, 1e-9));
  EXPECT_THAT(e.tax_revenue_non_public_percent(), DoubleNear(43.26, 1e-9));
}

TEST_F(KeshiketengTest, FourHundredPercentAndFullCoverage) {
  const auto& t = total().targets();
  EXPECT_EQ(t.target_1().eligible(), 116);
  EXPECT_EQ(t.target_1().met(), 116);
  EXPECT_EQ(t.target_2().eligible(), 116);
  EXPECT_EQ(t.target_2().met(), 116);
  EXPECT_EQ(t.target_3().eligible(), 184);
  EXPECT_EQ(t.target_3().met(), 184);
  EXPECT_EQ(t.target_4().eligible(), 6700);
  EXPECT_EQ(t.target_4().met(), 6700);
  EXPECT_TRUE(t.full_coverage());
  EXPECT_EQ(total().units().members_from_records(), 300);
  EXPECT_EQ(total().units().members_from_reported_counts(), 6700);
  EXPECT_THAT(total().units().work_coverage_percent(), DoubleNear(100, 1e-9));
}

// The same ledger, one unit's branch removed: the report must notice, so the
// assertions above are not vacuous.
TEST(KeshiketengVariantTest, RemovingABranchBreaksFullCoverage) {
  v1::Dataset d = BuildKeshiketeng2014();
  auto* orgs = d.mutable_party_organizations();
  orgs->erase(std::remove_if(orgs->begin(), orgs->end(),
                             [](const v1::PartyOrganization& o) {
                               return o.id() == "sa-5";
                             }),
              orgs->end());
  AggregatorOptions options;
  options.year = kKeshiketeng2014Year;
  absl::StatusOr<v1::Report> r = AggregateDataset(d, options);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->total().party_organizations().standalone_non_public(), 97);
  EXPECT_EQ(r->total().targets().target_1().met(), 115);
  EXPECT_THAT(r->total().targets().target_1().worklist(),
              ::testing::ElementsAre("h-5"));
  EXPECT_FALSE(r->total().targets().full_coverage());
}

// Collects what GenerateKeshiketeng2014() streams; fails the Nth write when
// asked to.
class CollectingSink : public RecordSink {
 public:
  explicit CollectingSink(int64_t fail_at = -1) : fail_at_(fail_at) {}
  absl::Status StartShard(const ShardInfo& shard) override {
    shards.push_back(shard);
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& record) override {
    if (records == fail_at_) return absl::UnavailableError("disk full");
    ++records;
    return AddRecordToDataset(record, &dataset);
  }
  absl::Status FinishShard() override {
    ++finished;
    return absl::OkStatus();
  }
  std::vector<ShardInfo> shards;
  int64_t records = 0;
  int finished = 0;
  v1::Dataset dataset;

 private:
  int64_t fail_at_;
};

TEST(GenerateKeshiketengTest, StreamsTheLedgerAsOneShard) {
  CollectingSink sink;
  ASSERT_THAT(GenerateKeshiketeng2014(&sink), IsOk());
  ASSERT_EQ(sink.shards.size(), 1u);
  EXPECT_EQ(sink.shards[0].region_id, "ksk");
  EXPECT_EQ(sink.shards[0].count, 1);
  EXPECT_EQ(sink.finished, 1);
  v1::Dataset expected = BuildKeshiketeng2014();
  expected.clear_policy();
  expected.clear_provenance();
  EXPECT_EQ(sink.dataset.SerializeAsString(), expected.SerializeAsString());
  EXPECT_EQ(sink.dataset.host_organizations_size(), 7000);
}

TEST(GenerateKeshiketengTest, ReturnsTheSinksErrorAndRefusesNull) {
  CollectingSink sink(/*fail_at=*/10);
  absl::Status s = GenerateKeshiketeng2014(&sink);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(sink.records, 10);
  EXPECT_EQ(sink.finished, 0);
  EXPECT_EQ(GenerateKeshiketeng2014(nullptr).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangjian
