#include "dangjian/coverage.h"

#include "dangjian/policy.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace {

HostCoverageFacts Facts(int64_t full, int64_t all) {
  HostCoverageFacts f;
  f.full_members = full;
  f.all_members = all;
  return f;
}

TEST(ClassifyHostTest, ThreeFullMembersCountTowardTargetOne) {
  HostCoverageFacts f = Facts(3, 4);
  HostCoverage c = ClassifyHost(f, DefaultPolicy());
  EXPECT_EQ(c.target, CoverageTarget::kFoundWhereConditionExists);
  EXPECT_FALSE(c.met);
  EXPECT_FALSE(c.organization_covered);
  // A joint branch does not meet target 1: the unit should have its own.
  f.in_joint_or_affiliated = true;
  c = ClassifyHost(f, DefaultPolicy());
  EXPECT_FALSE(c.met);
  EXPECT_TRUE(c.organization_covered);
  f.in_standalone = true;
  EXPECT_TRUE(ClassifyHost(f, DefaultPolicy()).met);
}

TEST(ClassifyHostTest, FewMembersCountTowardTargetThree) {
  for (auto [full, all] : {std::pair<int64_t, int64_t>{2, 2}, {0, 1}, {2, 9}}) {
    HostCoverageFacts f = Facts(full, all);
    HostCoverage c = ClassifyHost(f, DefaultPolicy());
    EXPECT_EQ(c.target, CoverageTarget::kJointWhereMembersAreFew)
        << full << "/" << all;
    EXPECT_FALSE(c.met);
    f.in_regional_grid_with_instructor =
        true;  // Party work is not enough here.
    EXPECT_FALSE(ClassifyHost(f, DefaultPolicy()).met);
    f.in_joint_or_affiliated = true;
    EXPECT_TRUE(ClassifyHost(f, DefaultPolicy()).met);
  }
}

TEST(ClassifyHostTest, NoMembersCountTowardTargetFour) {
  HostCoverageFacts f = Facts(0, 0);
  HostCoverage c = ClassifyHost(f, DefaultPolicy());
  EXPECT_EQ(c.target, CoverageTarget::kPartyWorkWhereNoMembers);
  EXPECT_FALSE(c.met);
  EXPECT_FALSE(c.work_covered);
  // Listed by a regional branch but in no grid with an instructor: organization
  // coverage, but target 4 is not met.
  f.in_regional = true;
  c = ClassifyHost(f, DefaultPolicy());
  EXPECT_FALSE(c.met);
  EXPECT_TRUE(c.organization_covered);
  f = Facts(0, 0);
  f.in_regional_grid_with_instructor = true;
  c = ClassifyHost(f, DefaultPolicy());
  EXPECT_TRUE(c.met);
  // A regional branch's grid is organization coverage by the branch, whether
  // or not it lists the unit (docs/report.md).
  EXPECT_TRUE(c.organization_covered);
  EXPECT_TRUE(c.work_covered);
}

TEST(ClassifyStarTargetTest, OnlyOrganizationsExistingInTheYearAreEligible) {
  v1::PartyOrganization org;
  org.set_formation(v1::FORMATION_MODEL_STANDALONE);
  org.mutable_founded_on()->set_year(2014);
  EXPECT_TRUE(ClassifyStarTarget(org, 2014).eligible);
  org.mutable_founded_on()->set_year(2015);
  EXPECT_FALSE(ClassifyStarTarget(org, 2014).eligible);
  org.clear_founded_on();
  org.mutable_dissolved_on()->set_year(2014);
  EXPECT_TRUE(ClassifyStarTarget(org, 2014).eligible);
  org.mutable_dissolved_on()->set_year(2013);
  EXPECT_FALSE(ClassifyStarTarget(org, 2014).eligible);
}

TEST(ClassifyHostTest, PolicyMinimumIsRead) {
  v1::Policy p = DefaultPolicy();
  p.set_min_full_members_to_found(5);
  EXPECT_EQ(ClassifyHost(Facts(4, 4), p).target,
            CoverageTarget::kJointWhereMembersAreFew);
  EXPECT_EQ(ClassifyHost(Facts(5, 5), p).target,
            CoverageTarget::kFoundWhereConditionExists);
}

TEST(ClassifyStarTargetTest, OnlyStandaloneIsEligible) {
  v1::PartyOrganization org;
  org.set_formation(v1::FORMATION_MODEL_JOINT);
  org.add_star_assessments()->set_year(2014);
  EXPECT_FALSE(ClassifyStarTarget(org, 2014).eligible);
  org.set_formation(v1::FORMATION_MODEL_STANDALONE);
  StarTargetOutcome s = ClassifyStarTarget(org, 2014);
  EXPECT_TRUE(s.eligible);
  EXPECT_TRUE(s.met);
  s = ClassifyStarTarget(org, 2015);  // Last year's rating does not count.
  EXPECT_TRUE(s.eligible);
  EXPECT_FALSE(s.met);
}

TEST(ClassifyStarTargetTest, DissolvedBeforeTheYearIsNotEligible) {
  v1::PartyOrganization org;
  org.set_formation(v1::FORMATION_MODEL_STANDALONE);
  org.mutable_dissolved_on()->set_year(2013);
  EXPECT_FALSE(ClassifyStarTarget(org, 2014).eligible);
  EXPECT_TRUE(ClassifyStarTarget(org, 2013).eligible);
}

}  // namespace
}  // namespace dangjian
