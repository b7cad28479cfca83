// The "four 100%" targets (四个100%) for one unit: which target a host
// organization counts toward and whether it meets it.
//
// These are the definitions the aggregation report sums and the validator's
// coverage findings use, kept in one place so both always agree:
//
//   Target 1 (found where the condition exists, 应建尽建): eligible when
//     full(h) >= policy.min_full_members_to_found; met when h is covered by a
//     STANDALONE party organization.
//   Target 2 (star management, 星级管理): eligible for each STANDALONE party
//     organization; met when it has a star assessment for the report year.
//   Target 3 (joint where members are few, 联建): eligible when all(h) >= 1 and
//     full(h) < the minimum; met when h is covered by a JOINT or AFFILIATED
//     party organization.
//   Target 4 (party work where there are no members, 党的工作覆盖): eligible
//     when all(h) == 0; met when h is covered by a REGIONAL (1+N) party
//     organization through a grid that has an instructor in post in the year.
//
// full(h) is h's full members and all(h) its full plus probationary members.
// Organization coverage counts a unit a REGIONAL branch covers whichever way
// the data says so: the branch lists it, or the unit is in one of its grids.
// docs/report.md states the join (which units, organizations, grids and
// instructors count in a year); the aggregator and the validator share it.
#ifndef DANGJIAN_COVERAGE_H_
#define DANGJIAN_COVERAGE_H_

#include <cstdint>

#include "dangjian/export.h"
#include "dangjian/v1/party_organization.pb.h"
#include "dangjian/v1/policy.pb.h"

namespace dangjian {

// The four targets, numbered as the article numbers them.
enum class CoverageTarget : int {
  kFoundWhereConditionExists = 1,
  kStarManagement = 2,
  kJointWhereMembersAreFew = 3,
  kPartyWorkWhereNoMembers = 4,
};

// What decides one host organization's coverage. The caller joins the records:
// members and reported counts give the counts; party organizations listing the
// unit in host_organization_ids, and the unit's grid, give the rest. Only
// organizations existing in the report year count (founded by its end, not
// dissolved before it).
struct HostCoverageFacts {
  // full(h): full members (正式党员).
  // Default: 0.
  int64_t full_members = 0;
  // all(h): full plus probationary members (正式党员 + 预备党员).
  // Default: 0.
  int64_t all_members = 0;
  // Covered by a STANDALONE party organization.
  // Default: false.
  bool in_standalone = false;
  // Covered by a JOINT or AFFILIATED party organization.
  // Default: false.
  bool in_joint_or_affiliated = false;
  // Covered by a REGIONAL (1+N) party organization: listed in its
  // host_organization_ids, or in one of its grids (HostOrganization.grid_id ->
  // Grid.party_organization_id). Either one sets it: they are two ways of
  // writing the same fact.
  // Default: false.
  bool in_regional = false;
  // In a grid of a REGIONAL party organization, and the grid has an instructor
  // in the year: instructor_name set, or instructor_assignment_id naming a
  // cadre assignment in post during the year (or one not on file).
  // Default: false.
  bool in_regional_grid_with_instructor = false;
};

// One host organization's place in the four targets.
struct HostCoverage {
  // The target the unit is eligible for: exactly one of targets 1, 3 and 4, as
  // full(h) and all(h) decide (target 2 is about party organizations).
  CoverageTarget target = CoverageTarget::kPartyWorkWhereNoMembers;
  // The unit meets that target.
  bool met = false;
  // Organization coverage: some party organization covers the unit
  // (standalone, joint, affiliated or regional, a regional one by listing or
  // through its grid).
  bool organization_covered = false;
  // Work coverage: organization coverage, or party work through a regional
  // branch's grid with an instructor.
  bool work_covered = false;
};

// Classifies one host organization. Only policy.min_full_members_to_found is
// read; a policy with it unset (0) makes every unit with members eligible for
// target 1, so pass a policy completed by FillPolicyDefaults(). Thread-safe.
//
// Example:
//   dangjian::HostCoverageFacts facts;
//   facts.full_members = 2;
//   facts.all_members = 2;
//   facts.in_joint_or_affiliated = true;
//   dangjian::HostCoverage c =
//       dangjian::ClassifyHost(facts, dangjian::DefaultPolicy());
//   // c.target == kJointWhereMembersAreFew, c.met == true
DANGJIAN_EXPORT HostCoverage ClassifyHost(const HostCoverageFacts& facts,
                                          const v1::Policy& policy);

// The outcome of target 2 for one party organization.
struct StarTargetOutcome {
  // The organization counts toward target 2.
  bool eligible = false;
  // It has a star assessment for the year.
  bool met = false;
};
// Target 2 for one party organization: returns {eligible, met} where eligible
// is formation == STANDALONE and the organization exists in `year` (not
// founded after it, not dissolved before it), and met is that it has a star
// assessment whose year is `year`. Thread-safe.
DANGJIAN_EXPORT StarTargetOutcome
ClassifyStarTarget(const v1::PartyOrganization& organization, int32_t year);

}  // namespace dangjian

#endif  // DANGJIAN_COVERAGE_H_
