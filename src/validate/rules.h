// The rule catalogue: every rule's id, default severity, summary and source.
#ifndef DANGJIAN_SRC_VALIDATE_RULES_H_
#define DANGJIAN_SRC_VALIDATE_RULES_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "dangjian/v1/validation.pb.h"

namespace dangjian {
namespace internal {

// One enumerator per rule; the order is that of kRules in rules.cc.
enum class Rule : uint16_t {
  // Integrity.
  kRecordEmpty,
  kIdMissing,
  kIdDuplicate,
  kRefRegion,
  kRefGrid,
  kRefHost,
  kRefPartyOrg,
  kRefMember,
  kRefVenue,
  kDateInvalid,
  kDateFuture,
  kDatesOrder,
  kRegionCycle,
  kEnumUnknown,
  kCountNegative,
  kEconomyInconsistent,
  // Identifiers.
  kNidFormat,
  kNidChecksum,
  kNidBirthDate,
  kNidDuplicate,
  kNidExcel,
  kBirthDateMismatch,
  kGenderMismatch,
  kCreditFormat,
  kCreditChecksum,
  // Host organizations.
  kHostKindSubtype,
  kHostSubtypeSector,
  kHostChangeIncomplete,
  kHostChangeOrder,
  kHostChangeBeforeRegistration,
  kHostStatusHistory,
  // Members.
  kStatusMissing,
  kApplicantAge,
  kPipelineOrder,
  kStatusDates,
  kActivistPeriod,
  kProbationLength,
  kProbationOverdue,
  kNotBranch,
  kReportedCounts,
  kOwnerMismatch,
  kEventIncomplete,
  kEventOrder,
  kEventBeforeAdmission,
  kEventSequence,
  kTransferUnmatched,
  kTransferOverdue,
  // Party organizations.
  kStandaloneMin,
  kStandaloneUnits,
  kBranchMax,
  kCommitteeRequired,
  kCommitteeSize,
  kCommitteeAboveUsual,
  kCommitteeRoles,
  kCommitteeSeconded,
  kLevelSize,
  kTermOverdue,
  kTermDue,
  kPastTermUndated,
  kPastTermOrder,
  kDemonstrationStars,
  kJointUnits,
  kAffiliated,
  kRegionalBranchCount,
  kStarsRange,
  kStarsCriteria,
  kStarsScore,
  kStarsNotStandalone,
  kStarsOrgMissing,
  // 1+N.
  kGridInstructor,
  kRegionalVenue,
  kHeartToHeart,
  kContactCard,
  // Venues and funding.
  kSixHaves,
  kAssessmentUndated,
  kAssessmentOrder,
  kHavesHistory,
  kVenueSize,
  kFundingAbsurd,
  kFundingNegative,
  kFundingBeforeFounding,
  // Dues.
  kDuesMismatch,
  kDuesInvalid,
  kDuesArrears,
  kDuesLapsed,
  // Coverage.
  kCoverageFound,
  kCoverageStar,
  kCoverageJoint,
  kCoveragePartyWork,
  kCount,
};

inline constexpr size_t kRuleCount = static_cast<size_t>(Rule::kCount);

struct RuleDef {
  Rule rule;
  const char* id;
  v1::Severity severity;
  const char* summary;
  const char* source;
  // A short title for people, in Chinese and in English.
  const char* title_zh;
  const char* title_en;
};

// The definition of `rule`.
const RuleDef& GetRuleDef(Rule rule);
// The definition of the rule with index i, 0 <= i < kRuleCount.
const RuleDef& GetRuleDefAt(size_t i);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_RULES_H_
