// The counters and sums a partial report carries, each named by its path in
// v1::ReportFigures. The order is the layout of PartialGroup.counters and
// PartialGroup.sums; kStateVersion changes whenever it does.
#ifndef DANGJIAN_SRC_AGGREGATE_FIGURES_H_
#define DANGJIAN_SRC_AGGREGATE_FIGURES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {
namespace internal {

inline constexpr int32_t kStateVersion = 3;

// Counters: how many entities; int64 is ample and exact.
#define DANGJIAN_COUNTERS(X)                                               \
  X(kT1Eligible, "targets.target_1.eligible")                              \
  X(kT1Met, "targets.target_1.met")                                        \
  X(kT2Eligible, "targets.target_2.eligible")                              \
  X(kT2Met, "targets.target_2.met")                                        \
  X(kT3Eligible, "targets.target_3.eligible")                              \
  X(kT3Met, "targets.target_3.met")                                        \
  X(kT4Eligible, "targets.target_4.eligible")                              \
  X(kT4Met, "targets.target_4.met")                                        \
  X(kUnitsTotal, "units.total")                                            \
  X(kUnitsClosed, "units.closed")                                          \
  X(kUnitsFromRecords, "units.members_from_records")                       \
  X(kUnitsFromReported, "units.members_from_reported_counts")              \
  X(kUnitsNotReported, "units.members_not_reported")                       \
  X(kUnitsOrgCovered, "units.organization_covered")                        \
  X(kUnitsWorkCovered, "units.work_covered")                               \
  X(kUnitsTradeUnions, "units.trade_unions")                               \
  X(kUnitsWomens, "units.womens_organizations")                            \
  X(kUnitsYouth, "units.youth_league_organizations")                       \
  X(kUnitsContactCards, "units.contact_cards_held")                        \
  X(kUnitsRegional, "units.covered_by_regional")                           \
  X(kUnitsOwnerMembers, "units.owners_party_members")                      \
  X(kUnitsOwnerSecretaries, "units.owners_secretaries")                    \
  X(kOrgStandaloneNonPublic, "party_organizations.standalone_non_public")  \
  X(kOrgStandaloneSocial, "party_organizations.standalone_social")         \
  X(kOrgStandaloneOther, "party_organizations.standalone_other")           \
  X(kOrgJointNonPublic, "party_organizations.joint_non_public")            \
  X(kOrgJointSocial, "party_organizations.joint_social")                   \
  X(kOrgJointOther, "party_organizations.joint_other")                     \
  X(kOrgAffiliatedNonPublic, "party_organizations.affiliated_non_public")  \
  X(kOrgAffiliatedSocial, "party_organizations.affiliated_social")         \
  X(kOrgAffiliatedOther, "party_organizations.affiliated_other")           \
  X(kOrgRegional, "party_organizations.regional_branches")                 \
  X(kOrgFormationUnspecified, "party_organizations.formation_unspecified") \
  X(kOrgCommittees, "party_organizations.committees")                      \
  X(kOrgGeneralBranches, "party_organizations.general_branches")           \
  X(kOrgBranches, "party_organizations.branches")                          \
  X(kOrgFiveStar, "party_organizations.five_star")                         \
  X(kOrgFourStar, "party_organizations.four_star")                         \
  X(kOrgThreeStar, "party_organizations.three_star")                       \
  X(kOrgTwoStar, "party_organizations.two_star")                           \
  X(kOrgOneStar, "party_organizations.one_star")                           \
  X(kOrgUnrated, "party_organizations.unrated")                            \
  X(kOrgDemonstrationPoints, "party_organizations.demonstration_points")   \
  X(kOrgFoundedOutOfJoint, "party_organizations.founded_out_of_joint")     \
  X(kOrgQuarterlyMeetings,                                                 \
    "party_organizations.regional_branches_meeting_every_quarter")         \
  X(kOrgFundedEnterprise, "party_organizations.funded_by_enterprise")      \
  X(kOrgFundedSuperior, "party_organizations.funded_by_superior")          \
  X(kOrgFundedDues, "party_organizations.funded_by_dues_returned")         \
  X(kOrgFundedFiscal, "party_organizations.funded_by_fiscal_subsidy")      \
  X(kOrgFundedAllFour, "party_organizations.funded_by_all_four")           \
  X(kGridsTotal, "grids.total")                                            \
  X(kGridsWithInstructor, "grids.with_instructor")                         \
  X(kMembersFull, "members.full")                                          \
  X(kMembersProbationary, "members.probationary")                          \
  X(kMembersDevelopmentTargets, "members.development_targets")             \
  X(kMembersActivists, "members.activists")                                \
  X(kMembersApplicants, "members.applicants")                              \
  X(kMembersStatusUnspecified, "members.status_unspecified")               \
  X(kMembersNew, "members.new_members")                                    \
  X(kMembersNewOwners, "members.new_members_owners")                       \
  X(kMembersNewInJoint, "members.new_members_in_joint")                    \
  X(kMembersOwners, "members.owner_members")                               \
  X(kMembersDemonstrationPosts, "members.demonstration_posts")             \
  X(kMembersVanguardPosts, "members.vanguard_posts")                       \
  X(kMembersResponsibilityZones, "members.responsibility_zones")           \
  X(kMembersTechnicalTeams, "members.technical_service_teams")             \
  X(kMembersTransferredIn, "members.transferred_in")                       \
  X(kMembersTransferredOut, "members.transferred_out")                     \
  X(kMembersStopped, "members.membership_stopped")                         \
  X(kMembersRestored, "members.membership_restored")                       \
  X(kMembersLeft, "members.left_the_party")                                \
  X(kMembersDied, "members.died")                                          \
  X(kCadresSeconded, "cadres.seconded_deputy_secretaries")                 \
  X(kCadresInstructors, "cadres.stationed_instructors")                    \
  X(kCadresInternal, "cadres.internal")                                    \
  X(kCadresReserve, "cadres.reserve_talent")                               \
  X(kVenuesTotal, "venues.total")                                          \
  X(kVenuesSixHaves, "venues.all_six_haves")                               \
  X(kVenuesSite, "venues.has_site")                                        \
  X(kVenuesFacilities, "venues.has_facilities")                            \
  X(kVenuesSignage, "venues.has_signage")                                  \
  X(kVenuesFlag, "venues.has_party_flag")                                  \
  X(kVenuesBooks, "venues.has_books_and_newspapers")                       \
  X(kVenuesRules, "venues.has_rules_on_wall")                              \
  X(kVenuesOwn, "venues.own")                                              \
  X(kVenuesShared, "venues.shared")                                        \
  X(kWorkingCommitteeUnits, "working_committee_member_units")              \
  X(kDuesMembers, "dues.members_paying")

// Sums: of quantities taken from records (money in fen, activity counts),
// exact in 128 bits and range-checked once, in FinishReport().
#define DANGJIAN_SUMS(X)                                                     \
  X(kActUnspecified, "activities.unspecified")                               \
  X(kActHeartToHeart, "activities.heart_to_heart_meetings")                  \
  X(kActVisits, "activities.visits")                                         \
  X(kActOwnerTraining, "activities.owner_training_classes")                  \
  X(kActBrochures, "activities.brochures")                                   \
  X(kActContactCards, "activities.contact_cards")                            \
  X(kActOnlineGroups, "activities.online_groups")                            \
  X(kActOnlinePosts, "activities.online_posts")                              \
  X(kActProblemsSolved, "activities.problems_solved")                        \
  X(kActThreeMeetings, "activities.three_meetings_one_lesson")               \
  X(kActTechnicalServices, "activities.technical_services")                  \
  X(kActOther, "activities.other")                                           \
  X(kActOwnerTrainingParticipants, "activities.owner_training_participants") \
  X(kActParticipants, "activities.participants")                             \
  X(kFundUnspecified, "funding.unspecified_fen")                             \
  X(kFundEnterprise, "funding.enterprise_allocation_fen")                    \
  X(kFundSuperior, "funding.superior_supplement_fen")                        \
  X(kFundDues, "funding.dues_returned_fen")                                  \
  X(kFundFiscal, "funding.fiscal_subsidy_fen")                               \
  X(kDuesEmployed, "dues.employed_fen")                                      \
  X(kDuesRetired, "dues.retired_fen")                                        \
  X(kDuesFlatRate, "dues.flat_rate_fen")                                     \
  X(kDuesUncategorized, "dues.uncategorized_fen")                            \
  X(kResJobs, "results.jobs_provided")                                       \
  X(kResDonations, "results.donations_fen")                                  \
  X(kResHouseholds, "results.households_helped")                             \
  X(kResStudents, "results.students_aided")                                  \
  X(kResSuggestions, "results.suggestions")                                  \
  X(kResSavings, "results.savings_fen")                                      \
  X(kResTechnicalProblems, "results.technical_problems_solved")              \
  X(kResInnovation, "results.innovation_projects")                           \
  X(kEconMarketTotal, "economy.market_entities_total")                       \
  X(kEconMarketNonPublic, "economy.market_entities_non_public")              \
  X(kEconValueAddedTotal, "economy.value_added_total_fen")                   \
  X(kEconValueAddedNonPublic, "economy.value_added_non_public_fen")          \
  X(kEconTaxTotal, "economy.tax_revenue_total_fen")                          \
  X(kEconTaxNonPublic, "economy.tax_revenue_non_public_fen")

#define DANGJIAN_ENUM_ENTRY(name, path) name,
enum Counter : int { DANGJIAN_COUNTERS(DANGJIAN_ENUM_ENTRY) kNumCounters };
enum Sum : int { DANGJIAN_SUMS(DANGJIAN_ENUM_ENTRY) kNumSums };
#undef DANGJIAN_ENUM_ENTRY

// The names, in layout order.
const std::vector<std::string>& CounterNames();
const std::vector<std::string>& SumNames();
// Appends CounterNames() and SumNames() to the partial's counter_names and
// sum_names: the layout a partial that leaves this library names.
void AddLayoutNames(v1::PartialReport* partial);

// One unit or organization of a worklist while the figures accumulate: a
// WorklistEntry's fields but its region path, in plain strings (a message per
// item cost a third of a national report's time in allocations). Its text is
// masked where it was made (the aggregator).
struct WorkItem {
  std::string id;
  std::string name;
  std::string region_id;
  std::string grid_id;
  std::string instructor_name;
  int64_t full_members = 0;
  int64_t probationary_members = 0;
  int reason = 0;
  // False for an id of a partial of dangjian 0.2.0, which had no entries: a
  // list with such an id keeps its ids alone.
  bool has_entry = true;

  auto Tuple() const {
    return std::tie(has_entry, name, region_id, grid_id, instructor_name,
                    full_members, probationary_members, reason);
  }
};

// Whether every item of `list` has its entry.
inline bool AllHaveEntries(const std::vector<WorkItem>& list) {
  for (const WorkItem& w : list) {
    if (!w.has_entry) return false;
  }
  return true;
}

// A worklist item of a partial report, viewed in place.
struct WorkRef {
  absl::string_view id;
  // Null for a partial of dangjian 0.2.0, which carried ids alone.
  const v1::WorklistEntry* entry = nullptr;
};

inline absl::string_view ItemId(const WorkItem& w) { return w.id; }
inline absl::string_view ItemId(const WorkRef& w) { return w.id; }
inline WorkItem ToItem(const WorkItem& w) { return w; }
inline WorkItem ToItem(const WorkRef& r) {
  WorkItem w;
  w.id = std::string(r.id);
  w.has_entry = r.entry != nullptr;
  if (r.entry != nullptr) {
    const v1::WorklistEntry& e = *r.entry;
    w.name = e.name();
    w.region_id = e.region_id();
    w.grid_id = e.grid_id();
    w.instructor_name = e.instructor_name();
    w.full_members = e.full_members();
    w.probationary_members = e.probationary_members();
    w.reason = e.reason();
  }
  return w;
}

// The accumulated figures of one group.
struct GroupAcc {
  int64_t counters[kNumCounters] = {};
  absl::int128 sums[kNumSums] = {};
  // Worklists of targets 1-4: sorted by id, at most the cap.
  std::vector<WorkItem> worklists[4];

  // Adds `other` in; false, with the counters left part-added, when a count
  // would leave the int64 range (no partial of real data does).
  [[nodiscard]] bool Add(const GroupAcc& other, int32_t cap);

  // Back to empty, keeping the worklists' memory for the next group.
  void Clear();
};

// Merges `from` (WorkItem or WorkRef, sorted by id) into `into` (sorted by
// id), one item per id, keeping the smallest `cap`.
template <typename Item>
void MergeWorklist(std::vector<WorkItem>* into, const std::vector<Item>& from,
                   int32_t cap) {
  if (from.empty()) return;
  if (into->empty()) {
    // The first list in: its first `cap` items, in the memory `into` has.
    const size_t n =
        std::min(from.size(), static_cast<size_t>(std::max(cap, 0)));
    into->reserve(n);
    for (size_t i = 0; i < n; ++i) into->push_back(ToItem(from[i]));
    return;
  }
  std::vector<WorkItem> out;
  out.reserve(std::min<size_t>(into->size() + from.size(),
                               static_cast<size_t>(std::max(cap, 0))));
  auto a = into->begin();
  auto b = from.begin();
  while (static_cast<int64_t>(out.size()) < cap &&
         (a != into->end() || b != from.end())) {
    if (b == from.end() ||
        (a != into->end() && absl::string_view(a->id) < ItemId(*b))) {
      out.push_back(std::move(*a++));
    } else if (a == into->end() || ItemId(*b) < absl::string_view(a->id)) {
      out.push_back(ToItem(*b++));
    } else {
      // Equal ids (a unit in two shards): one copy, the greater, so that
      // the merge is the same in any order.
      WorkItem other = ToItem(*b++);
      if (a->Tuple() < other.Tuple()) {
        out.push_back(std::move(other));
        ++a;
      } else {
        out.push_back(std::move(*a++));
      }
    }
  }
  *into = std::move(out);
}

// Writes an accumulator's figures and worklists into a partial's group, as
// they are (masked where they were made).
void GroupToProto(const GroupAcc& acc, v1::PartialGroup* g);

// The tier of a region level in the tree: nation 1, province 2, city 3,
// county 4, sumu/township/town/sub-district/zone/park 5, community/village 6;
// 0 for UNSPECIFIED or an unknown value.
int RegionTier(int level);

// Returns a key that orders groups as GroupKey's fields do.
std::string EncodeGroupKey(const v1::GroupKey& key);

// Fills `figures` from an accumulator: counters and sums (OutOfRange when a sum
// is outside int64, naming `where`), then the derived rates and totals; the
// worklists are moved out of `acc`.
absl::Status FillFigures(GroupAcc* acc, int32_t cap, absl::string_view where,
                         v1::ReportFigures* figures);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_AGGREGATE_FIGURES_H_
