// The join behind the coverage figures and findings (internal): which records
// count in a report year, how the organizations that list a unit and its
// grid cover it. The aggregator (src/aggregate/aggregator.cc and
// aggregator_finish.cc) and the validator's coverage rules
// (src/validate/cross_record_units.cc) both call these, from the fields they
// hold, so that the report and the findings cannot drift apart. docs/report.md
// states the definitions.
#ifndef DANGJIAN_SRC_CORE_COVERAGE_JOIN_H_
#define DANGJIAN_SRC_CORE_COVERAGE_JOIN_H_

#include <cstdint>

#include "dangjian/coverage.h"
#include "dangjian/v1/party_organization.pb.h"

namespace dangjian {
namespace internal {

// A host organization is a unit of `year` (counted in the unit figures and
// the targets) when it is not closed at the end of `year` (`closed`, as
// core/host_status.h's HostClosedAtYearEnd() says) and was not registered
// after `year`.
inline bool UnitOfYear(bool closed, bool has_registered_on,
                       int32_t registered_year, int32_t year) {
  return !closed && !(has_registered_on && registered_year > year);
}

// A party organization exists in `year` when it was not founded after it and
// not dissolved before it (a dissolution date of year 0 is unknown, ignored).
inline bool OrganizationExistsInYear(bool has_founded_on, int32_t founded_year,
                                     bool has_dissolved_on,
                                     int32_t dissolved_year, int32_t year) {
  if (has_founded_on && founded_year > year) return false;
  return !(has_dissolved_on && dissolved_year != 0 && dissolved_year < year);
}

// A cadre assignment is in post during `year` when it started by the end of
// it and had not ended before it (an end date of year 0 is unknown, ignored).
inline bool AssignmentInPostInYear(bool has_start_on, int32_t start_year,
                                   bool has_end_on, int32_t end_year,
                                   int32_t year) {
  if (has_start_on && start_year > year) return false;
  return !(has_end_on && end_year != 0 && end_year < year);
}

// What the shard knows of the cadre assignment a grid names as its
// instructor's (Grid.instructor_assignment_id).
enum class InstructorAssignment : uint8_t {
  kNone,       // The grid names none.
  kNotOnFile,  // No CadreAssignment of that id in the shard.
  kNotInPost,  // On file; no record of that id in post during the year.
  kInPost,     // On file and in post during the year.
};

// What the shard knows of an assignment a grid names: none named, or not on
// file, or whether one record of its id is in post during the year.
inline InstructorAssignment InstructorAssignmentOf(bool named, bool on_file,
                                                   bool in_post) {
  if (!named) return InstructorAssignment::kNone;
  if (!on_file) return InstructorAssignment::kNotOnFile;
  return in_post ? InstructorAssignment::kInPost
                 : InstructorAssignment::kNotInPost;
}

// A grid has an instructor in the year when it names one
// (`has_instructor_name`), or names an assignment that is in post or not on
// file (the grid's word is taken for an assignment the shard does not hold).
inline bool GridHasInstructor(bool has_instructor_name,
                              InstructorAssignment assignment) {
  if (has_instructor_name) return true;
  return assignment == InstructorAssignment::kInPost ||
         assignment == InstructorAssignment::kNotOnFile;
}

// Sets the regional part of `facts`: `listed_by_regional` when a REGIONAL
// organization existing in the year lists the unit; `in_regional_grid` when
// the unit's grid is on file and belongs to one; `grid_has_instructor` as
// GridHasInstructor() says of that grid. Either way of writing the unit's
// place in a 1+N branch covers it (HostCoverageFacts::in_regional); only the
// grid's instructor brings party work (target 4).
inline void SetRegionalCoverage(bool listed_by_regional, bool in_regional_grid,
                                bool grid_has_instructor,
                                HostCoverageFacts* facts) {
  facts->in_regional = listed_by_regional || in_regional_grid;
  facts->in_regional_grid_with_instructor =
      in_regional_grid && grid_has_instructor;
}

// A joint (联合) or affiliated (挂靠) organization: one formed over units
// beside its own, as against a standalone organization or a regional (1+N)
// branch. `formation` is a v1::FormationModel value.
inline bool JointOrAffiliated(int formation) {
  return formation == v1::FORMATION_MODEL_JOINT ||
         formation == v1::FORMATION_MODEL_AFFILIATED;
}

// How the party organizations existing in the year that list a unit among
// their host organizations cover it, by their formation: Add() each one's
// (a v1::FormationModel value; UNSPECIFIED and unknown values cover
// nothing).
struct UnitOrgCover {
  bool standalone = false;
  bool joint_or_affiliated = false;
  bool regional = false;

  void Add(int formation) {
    if (formation == v1::FORMATION_MODEL_STANDALONE) {
      standalone = true;
    } else if (JointOrAffiliated(formation)) {
      joint_or_affiliated = true;
    } else if (formation == v1::FORMATION_MODEL_REGIONAL) {
      regional = true;
    }
  }
};

// Sets the organization part of a unit's `facts`: from `cover`, the
// organizations that list it, and from its grid as SetRegionalCoverage()
// says (`in_regional_grid`, `grid_has_instructor`).
inline void SetOrganizationCoverage(const UnitOrgCover& cover,
                                    bool in_regional_grid,
                                    bool grid_has_instructor,
                                    HostCoverageFacts* facts) {
  facts->in_standalone = cover.standalone;
  facts->in_joint_or_affiliated = cover.joint_or_affiliated;
  SetRegionalCoverage(cover.regional, in_regional_grid, grid_has_instructor,
                      facts);
}

// Where a unit's member counts for the targets come from.
enum class UnitMembersFrom : uint8_t {
  kRecords,   // Its member records (one or more).
  kReported,  // None; the counts the unit reports.
  kNone,      // Neither: counted as 0 and 0.
};

// Sets the member part of a unit's `facts` and returns where it came from:
// its member records when it has any (`records` of them counted at the end
// of the year, `full` and `probationary` of them), else the counts it
// reports when it does (`has_reported`; a negative count read as 0), else 0
// and 0.
inline UnitMembersFrom SetUnitMembers(int64_t records, int64_t full,
                                      int64_t probationary, bool has_reported,
                                      int64_t reported_full,
                                      int64_t reported_probationary,
                                      HostCoverageFacts* facts) {
  if (records > 0) {
    facts->full_members = full;
    facts->all_members = full + probationary;
    return UnitMembersFrom::kRecords;
  }
  if (has_reported) {
    facts->full_members = reported_full > 0 ? reported_full : 0;
    facts->all_members =
        facts->full_members +
        (reported_probationary > 0 ? reported_probationary : 0);
    return UnitMembersFrom::kReported;
  }
  facts->full_members = facts->all_members = 0;
  return UnitMembersFrom::kNone;
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_COVERAGE_JOIN_H_
