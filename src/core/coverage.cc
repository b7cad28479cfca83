#include "dangjian/coverage.h"

#include "core/star_target.h"

namespace dangjian {

HostCoverage ClassifyHost(const HostCoverageFacts& f,
                          const v1::Policy& policy) {
  HostCoverage c;
  if (f.full_members >= policy.min_full_members_to_found() &&
      f.all_members > 0) {
    c.target = CoverageTarget::kFoundWhereConditionExists;
    c.met = f.in_standalone;
  } else if (f.all_members >= 1) {
    c.target = CoverageTarget::kJointWhereMembersAreFew;
    c.met = f.in_joint_or_affiliated;
  } else {
    c.target = CoverageTarget::kPartyWorkWhereNoMembers;
    c.met = f.in_regional_grid_with_instructor;
  }
  // A regional branch's grid is coverage by the branch, instructor or not: a
  // caller that sets only in_regional_grid_with_instructor still counts it.
  c.organization_covered = f.in_standalone || f.in_joint_or_affiliated ||
                           f.in_regional || f.in_regional_grid_with_instructor;
  c.work_covered = c.organization_covered || f.in_regional_grid_with_instructor;
  return c;
}

StarTargetOutcome ClassifyStarTarget(const v1::PartyOrganization& org,
                                     int32_t year) {
  internal::OrgFacts facts;
  internal::OrgFactsOf(org, &facts);
  return internal::ClassifyStarOf(facts, year);
}

}  // namespace dangjian
