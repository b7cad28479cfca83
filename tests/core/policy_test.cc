#include "dangjian/policy.h"

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

TEST(PolicyTest, DefaultHasTheRegulationValues) {
  const v1::Policy p = DefaultPolicy();
  EXPECT_EQ(p.version(), kDefaultPolicyVersion);
  EXPECT_EQ(p.min_full_members_to_found(), 3);
  EXPECT_EQ(p.branch_max_members(), 50);
  EXPECT_EQ(p.committee_min_members(), 100);
  EXPECT_EQ(p.branch_committee_threshold(), 7);
  EXPECT_EQ(p.joint_branch_max_units(), 5);
  EXPECT_EQ(p.min_applicant_age(), 18);
  EXPECT_EQ(p.activist_min_months(), 12);
  EXPECT_EQ(p.probation_months(), 12);
  EXPECT_EQ(p.flat_monthly_dues_fen(), 20);
  ASSERT_EQ(p.employed_dues_brackets_size(), 4);
  EXPECT_EQ(p.employed_dues_brackets(0).up_to_fen(), 300000);
  EXPECT_EQ(p.employed_dues_brackets(0).rate_per_mille(), 5);
  EXPECT_EQ(p.employed_dues_brackets(3).up_to_fen(), 0);
  EXPECT_EQ(p.employed_dues_brackets(3).rate_per_mille(), 20);
  EXPECT_THAT(CheckPolicy(p), IsOk());
}

TEST(PolicyTest, FillDefaultsKeepsWhatIsSet) {
  v1::Policy p;
  p.set_version("province-x-2020");
  p.set_joint_branch_max_units(8);
  FillPolicyDefaults(&p);
  EXPECT_EQ(p.version(), "province-x-2020");
  EXPECT_EQ(p.joint_branch_max_units(), 8);
  EXPECT_EQ(p.min_full_members_to_found(), 3);
  EXPECT_EQ(p.retired_dues_brackets_size(), 2);
  EXPECT_THAT(CheckPolicy(p), IsOk());

  v1::Policy empty;
  FillPolicyDefaults(&empty);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      empty, DefaultPolicy()));
}

TEST(PolicyTest, UnsetThresholdIsNamed) {
  v1::Policy p = DefaultPolicy();
  p.clear_probation_months();
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("probation_months")));
}

TEST(PolicyTest, NegativeThresholdIsRefused) {
  v1::Policy p = DefaultPolicy();
  p.set_min_applicant_age(-18);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("min_applicant_age")));
}

TEST(PolicyTest, CommitteeSizesMustBeOrdered) {
  v1::Policy p = DefaultPolicy();
  p.set_branch_committee_min_size(6);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("branch_committee_min_size")));
}

TEST(PolicyTest, TermsStarsAndNoticeMustMakeSense) {
  v1::Policy p = DefaultPolicy();
  EXPECT_EQ(p.committee_term_years(), 5);
  EXPECT_EQ(p.term_notice_months(), 6);
  EXPECT_EQ(p.demonstration_min_stars(), 4);
  ASSERT_THAT(CheckPolicy(p), IsOk());
  p.set_demonstration_min_stars(6);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("demonstration_min_stars")));
  p = DefaultPolicy();
  p.set_demonstration_min_stars(5);
  EXPECT_THAT(CheckPolicy(p), IsOk());
  p.set_term_notice_months(36);  // A branch's whole term.
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("term_notice_months")));
  p.set_term_notice_months(35);
  EXPECT_THAT(CheckPolicy(p), IsOk());
  p.set_committee_term_years(2);  // Shorter than the notice.
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("committee_term_years")));
  p = DefaultPolicy();
  p.set_committee_term_years(-5);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("committee_term_years")));
}

// A scored star standard is named once and has five lowest scores rising
// from 0.
TEST(PolicyTest, StarStandardsMustBeNamedAndRise) {
  v1::Policy p = DefaultPolicy();
  EXPECT_EQ(p.star_standards_size(), 0);
  v1::StarStandard* st = p.add_star_standards();
  st->set_version("s-1");
  for (int min : {0, 60, 70, 80, 90}) st->add_min_scores(min);
  ASSERT_THAT(CheckPolicy(p), IsOk());
  st->set_min_scores(3, 70);
  EXPECT_THAT(CheckPolicy(p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("star_standards[0].min_scores[3] is 70")));
  st->set_min_scores(3, 80);
  st->set_min_scores(0, -1);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("min_scores[0] is -1")));
  st->set_min_scores(0, 0);
  st->add_min_scores(100);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("has 6 min_scores")));
  st->mutable_min_scores()->RemoveLast();
  *p.add_star_standards() = *st;
  EXPECT_THAT(CheckPolicy(p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("star_standards[1].version \"s-1\" is also "
                                 "star_standards[0]'s")));
  p.mutable_star_standards(1)->clear_version();
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("version is empty")));
  p.mutable_star_standards(1)->set_version("s-2");
  EXPECT_THAT(CheckPolicy(p), IsOk());
}

TEST(PolicyTest, GeneralBranchAboveCommitteeIsRefused) {
  v1::Policy p = DefaultPolicy();
  p.set_general_branch_min_members(200);
  EXPECT_THAT(CheckPolicy(p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("general_branch_min_members")));
}

TEST(PolicyTest, ImpossibleFoundingThresholdIsRefused) {
  v1::Policy p = DefaultPolicy();
  p.set_min_full_members_to_found(51);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("min_full_members_to_found")));
}

TEST(PolicyTest, DuesBracketsMustAscendAndEndUnbounded) {
  v1::Policy p = DefaultPolicy();
  p.mutable_employed_dues_brackets(1)->set_up_to_fen(100);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("employed_dues_brackets[1]")));

  p = DefaultPolicy();
  p.mutable_retired_dues_brackets(1)->set_up_to_fen(900000);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("retired_dues_brackets[1]")));

  p = DefaultPolicy();
  p.mutable_employed_dues_brackets(0)->set_up_to_fen(0);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("only the last")));

  p = DefaultPolicy();
  p.mutable_employed_dues_brackets(2)->set_rate_per_mille(0);
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("rate_per_mille")));

  p = DefaultPolicy();
  p.clear_retired_dues_brackets();
  EXPECT_THAT(CheckPolicy(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("no dues brackets")));
}

}  // namespace
}  // namespace dangjian
