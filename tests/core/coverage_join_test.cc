// Tests core/coverage_join.h (internal, header-only): the year a record
// counts in, an organization's formation, a unit's coverage by the
// organizations that list it and by its grid. The aggregator and the
// validator both read coverage through these, so each case here holds for
// the report and the findings alike.
#include "core/coverage_join.h"

#include "dangjian/coverage.h"
#include "dangjian/v1/party_organization.pb.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

TEST(CoverageJoinTest, UnitOfYearLeavesOutClosedAndLaterUnits) {
  EXPECT_TRUE(UnitOfYear(false, false, 0, 2017));
  EXPECT_TRUE(UnitOfYear(false, true, 2017, 2017));
  EXPECT_FALSE(UnitOfYear(false, true, 2018, 2017));
  EXPECT_FALSE(UnitOfYear(true, true, 2010, 2017));
}

TEST(CoverageJoinTest, OrganizationExistsFromFoundingToDissolution) {
  EXPECT_TRUE(OrganizationExistsInYear(false, 0, false, 0, 2017));
  EXPECT_TRUE(OrganizationExistsInYear(true, 2017, true, 2017, 2017));
  EXPECT_FALSE(OrganizationExistsInYear(true, 2018, false, 0, 2017));
  EXPECT_FALSE(OrganizationExistsInYear(true, 2010, true, 2016, 2017));
  // A dissolution of year 0 is unknown, not a dissolution.
  EXPECT_TRUE(OrganizationExistsInYear(true, 2010, true, 0, 2017));
}

// A unit's members for the targets: its records when it has any, else what
// it reports (negative counts as 0), else 0 and 0.
TEST(CoverageJoinTest, UnitMembersFromRecordsElseReported) {
  HostCoverageFacts f;
  EXPECT_EQ(SetUnitMembers(3, 2, 1, true, 9, 9, &f), UnitMembersFrom::kRecords);
  EXPECT_EQ(f.full_members, 2);
  EXPECT_EQ(f.all_members, 3);
  EXPECT_EQ(SetUnitMembers(0, 0, 0, true, 5, -2, &f),
            UnitMembersFrom::kReported);
  EXPECT_EQ(f.full_members, 5);
  EXPECT_EQ(f.all_members, 5);
  EXPECT_EQ(SetUnitMembers(0, 0, 0, true, -1, 4, &f),
            UnitMembersFrom::kReported);
  EXPECT_EQ(f.full_members, 0);
  EXPECT_EQ(f.all_members, 4);
  EXPECT_EQ(SetUnitMembers(0, 0, 0, false, 5, 5, &f), UnitMembersFrom::kNone);
  EXPECT_EQ(f.full_members, 0);
  EXPECT_EQ(f.all_members, 0);
}

TEST(CoverageJoinTest, AssignmentInPostFromStartToEnd) {
  EXPECT_TRUE(AssignmentInPostInYear(false, 0, false, 0, 2017));
  EXPECT_TRUE(AssignmentInPostInYear(true, 2017, true, 2017, 2017));
  EXPECT_FALSE(AssignmentInPostInYear(true, 2018, false, 0, 2017));
  EXPECT_FALSE(AssignmentInPostInYear(true, 2015, true, 2016, 2017));
  EXPECT_TRUE(AssignmentInPostInYear(true, 2015, true, 0, 2017));
}

TEST(CoverageJoinTest, AGridHasAnInstructorByNameOrByAnAssignment) {
  using IA = InstructorAssignment;
  EXPECT_EQ(InstructorAssignmentOf(false, true, true), IA::kNone);
  EXPECT_EQ(InstructorAssignmentOf(true, false, false), IA::kNotOnFile);
  EXPECT_EQ(InstructorAssignmentOf(true, true, false), IA::kNotInPost);
  EXPECT_EQ(InstructorAssignmentOf(true, true, true), IA::kInPost);
  EXPECT_TRUE(GridHasInstructor(true, IA::kNone));
  EXPECT_TRUE(GridHasInstructor(true, IA::kNotInPost));
  EXPECT_TRUE(GridHasInstructor(false, IA::kInPost));
  // The grid's word is taken for an assignment the shard does not hold.
  EXPECT_TRUE(GridHasInstructor(false, IA::kNotOnFile));
  EXPECT_FALSE(GridHasInstructor(false, IA::kNone));
  EXPECT_FALSE(GridHasInstructor(false, IA::kNotInPost));
}

TEST(CoverageJoinTest, JointAndAffiliatedAreOneFormationForCoverage) {
  EXPECT_TRUE(JointOrAffiliated(v1::FORMATION_MODEL_JOINT));
  EXPECT_TRUE(JointOrAffiliated(v1::FORMATION_MODEL_AFFILIATED));
  EXPECT_FALSE(JointOrAffiliated(v1::FORMATION_MODEL_STANDALONE));
  EXPECT_FALSE(JointOrAffiliated(v1::FORMATION_MODEL_REGIONAL));
  EXPECT_FALSE(JointOrAffiliated(v1::FORMATION_MODEL_UNSPECIFIED));
  EXPECT_FALSE(JointOrAffiliated(99));
}

TEST(CoverageJoinTest, EachFormationSetsItsOwnCover) {
  UnitOrgCover cover;
  cover.Add(v1::FORMATION_MODEL_UNSPECIFIED);
  cover.Add(99);  // An unknown value of the open enum.
  EXPECT_FALSE(cover.standalone || cover.joint_or_affiliated || cover.regional);
  cover.Add(v1::FORMATION_MODEL_AFFILIATED);
  EXPECT_TRUE(cover.joint_or_affiliated);
  EXPECT_FALSE(cover.standalone || cover.regional);
  cover.Add(v1::FORMATION_MODEL_REGIONAL);
  EXPECT_TRUE(cover.regional);
  EXPECT_FALSE(cover.standalone);
  cover.Add(v1::FORMATION_MODEL_STANDALONE);
  EXPECT_TRUE(cover.standalone && cover.joint_or_affiliated && cover.regional);
}

TEST(CoverageJoinTest, OrganizationCoverageFromTheListAndTheGrid) {
  UnitOrgCover listed;
  listed.Add(v1::FORMATION_MODEL_JOINT);
  HostCoverageFacts facts;
  SetOrganizationCoverage(listed, false, true, &facts);
  EXPECT_TRUE(facts.in_joint_or_affiliated);
  EXPECT_FALSE(facts.in_standalone);
  EXPECT_FALSE(facts.in_regional);
  // An instructor counts only through a regional grid.
  EXPECT_FALSE(facts.in_regional_grid_with_instructor);

  // Listed by a regional branch, in no grid: covered, no instructor.
  UnitOrgCover regional;
  regional.Add(v1::FORMATION_MODEL_REGIONAL);
  facts = {};
  SetOrganizationCoverage(regional, false, false, &facts);
  EXPECT_TRUE(facts.in_regional);
  EXPECT_FALSE(facts.in_regional_grid_with_instructor);

  // In a regional grid with an instructor, listed by none: both.
  facts = {};
  SetOrganizationCoverage(UnitOrgCover(), true, true, &facts);
  EXPECT_TRUE(facts.in_regional);
  EXPECT_TRUE(facts.in_regional_grid_with_instructor);
  EXPECT_FALSE(facts.in_standalone || facts.in_joint_or_affiliated);

  // In a regional grid without one.
  facts = {};
  SetOrganizationCoverage(UnitOrgCover(), true, false, &facts);
  EXPECT_TRUE(facts.in_regional);
  EXPECT_FALSE(facts.in_regional_grid_with_instructor);
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
