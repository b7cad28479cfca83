// The streaming Aggregator's implementation (internal to src/aggregate/).
// Add() files each record into flat tables keyed by the ids it references
// (aggregator_state.h), creating placeholders for ids not seen yet, so that
// records may come in any order; Finish() joins the tables and sums them
// into groups. aggregator.cc holds the Add path, aggregator_finish.cc the
// Finish path.
#ifndef DANGJIAN_SRC_AGGREGATE_AGGREGATOR_IMPL_H_
#define DANGJIAN_SRC_AGGREGATE_AGGREGATOR_IMPL_H_

#include <array>
#include <cassert>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "aggregate/aggregator_state.h"
#include "aggregate/figures.h"
#include "core/facts_kinds.h"
#include "core/record_facts.h"
#include "core/shard_index.h"
#include "core/string_arena.h"
#include "dangjian/aggregate.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {
namespace internal {
namespace aggregation {

class AggregatorImpl final : public Aggregator {
 public:
  explicit AggregatorImpl(const AggregatorOptions& options)
      : year_(options.year),
        cap_(options.worklist_cap),
        policy_(options.policy),
        group_by_(options.group_by),
        region_tier_(RegionTier(options.group_by.region_level())),
        host_dims_(options.group_by.industry() ||
                   options.group_by.host_kind() ||
                   options.group_by.host_subtype() ||
                   options.group_by.sector_system()) {
    own_index_ = std::make_unique<ShardIndex>();
    BindTables(own_index_.get());
  }

  // Looks ids up in `index` (shared with a validator) instead of an index
  // of its own, and has JoinFacts() take members' statuses and counts, and
  // the units' coverage by party organizations, there as of the end of the
  // report year. Only before the first Add*(), and while the index is
  // empty.
  void UseIndex(ShardIndex* index) {
    assert(index->empty());
    BindTables(index);
    own_index_.reset();
  }

  absl::Status Add(const v1::Record& record) override;

  absl::Status AddSerialized(StringArg bytes_arg) override;

  // A record decoded once and joined once, for the validator and the
  // aggregator (aggregate/feed.h).
  template <typename Facts, typename Join>
  absl::Status AddJoined(const Facts& facts, const Join& join);

  absl::Status AddSkippedRecords(StringArg reason_arg, int64_t count) override;
  absl::Status AddFindings(StringArg rule_id_arg, int64_t count) override;

  absl::StatusOr<v1::PartialReport> Finish() override {
    return FinishPartial(/*with_layout=*/true);
  }
  // Finish(), with the counter and sum names when `with_layout`; without
  // them, for a merge in this process that knows the layout
  // (aggregate/feed.h: FinishForRun()).
  absl::StatusOr<v1::PartialReport> FinishPartial(bool with_layout);

 private:
  static absl::Status FinishedError() {
    return absl::FailedPreconditionError(
        "Aggregator: Finish() was already called");
  }

  absl::Status AddNamed(absl::string_view name, int64_t count,
                        std::map<std::string, int64_t, std::less<>>* map);

  uint32_t RegionOf(absl::string_view id) {
    return id.empty() ? kNone : regions_.InternRecent(id);
  }
  // The same for a region numbered `n` by JoinFacts() (kNoId: none).
  uint32_t RegionAt(uint32_t n) { return n == kNoId ? kNone : regions_.Row(n); }

  void Duplicate(absl::string_view kind) {
    ++dangling_[absl::StrCat("aggregate.", kind, ".duplicate_id")];
  }

  void AddFacts(const MemberFacts& m, const MemberJoin* j);
  void AddFacts(const HostFacts& h, const HostJoin* j);
  void AddFacts(const OrgFacts& o, const OrgJoin* j);
  void AddFacts(const FundingFacts& f, const FundingJoin* j);
  void AddFacts(const VenueFacts& v, const VenueJoin* j);
  void AddFacts(const ActivityFacts& a, const ActivityJoin* j);
  void AddFacts(const GridFacts& g, const GridJoin* j);
  void AddFacts(const CadreFacts& c, const CadreJoin* j);
  void AddFacts(const ResultFacts& r, const ResultJoin* j);

  // The Add*() below take the numbers of the record's ids in the index when
  // a pipeline has joined it (`j`), else intern them.
  void AddHost(const HostFacts& h, const HostJoin* j = nullptr);

  // A member, through a MemberFactsView or a MemberMessageView.
  template <typename View>
  void AddMember(const View& m, const MemberJoin* j = nullptr);
  // Where the figures of a member whose ids `j` numbers go: its unit's,
  // else its organization's, else the loose members'. (Its counts by
  // status are the shard index's: ShardIndex::members_as_of.)
  // (Inlined by force: a call per member record costs 2% of a report.)
  ABSL_ATTRIBUTE_ALWAYS_INLINE inline MemberAcc* MemberAccOf(
      const MemberJoin& j);
  // The member's events dated in the year, by kind. Out of line: few
  // records have events.
  template <typename View>
  ABSL_ATTRIBUTE_NOINLINE void AddMemberEvents(const View& m, MemberAcc* acc);

  void AddOrg(const OrgFacts& o, const OrgJoin* j = nullptr);

  // A star assessment of its own (a star ledger's row) counts for its
  // organization as a nested one would; Finish() joins them, since the
  // organization may come later. Interned whatever the year, so that an
  // organization that never arrives shows under unknown_party_organization.
  void AddStar(const v1::StarAssessment& a);

  void AddGrid(const GridFacts& g, const GridJoin* j = nullptr);

  void AddRegion(const v1::Region& r);

  void AddEconomy(const v1::RegionEconomy& e);

  void AddActivity(const ActivityFacts& a, const ActivityJoin* j = nullptr);

  void AddFunding(const FundingFacts& f, const FundingJoin* j = nullptr);

  void AddVenue(const VenueFacts& v, const VenueJoin* j = nullptr);

  void AddCadre(const CadreFacts& c, const CadreJoin* j = nullptr);

  void AddReserve(const v1::ReserveTalent& r);

  void AddResult(const ResultFacts& r, const ResultJoin* j = nullptr);

  // --- Finish --------------------------------------------------------------

  uint32_t TierAncestor(uint32_t region);

  uint32_t GroupFor(uint32_t region, const HostState* host);

  // The group of data with no host dimensions: by region alone, cached per
  // region so that the key is built once per region, not per unit.
  uint32_t RegionGroup(uint32_t region);

  uint32_t HostGroup(uint32_t h);

  uint32_t OrgGroup(uint32_t o);

  uint32_t GridGroup(uint32_t g);

  uint32_t OwnerGroup(Owner owner, uint32_t idx);

  bool RegionalOrg(uint32_t o) const;

  // The shard's fingerprint (v1::ShardFingerprint): a sum, so that the
  // order of the records does not matter, of the hashes of the ids of the
  // units, organizations, grids and cadre assignments, those with a record
  // of their own apart from those only named, mixed with the number of
  // records. False when the records name none of these (regions alone, or
  // records of other years the figures pass over): nothing a second copy
  // would count twice.
  bool Fingerprint(uint64_t* value) const;

  // Each returns how many of its units (or organizations) were referred
  // to but are not on file, counted in the same pass.
  int64_t FinishHosts();
  // Sorts `candidates` by id, keeps the first cap_ and writes them to `out`
  // with what a visit needs; `orgs`: rows of orgs_, else of hosts_.
  void BuildWorklist(std::vector<Candidate>* candidates, bool orgs,
                     std::vector<WorkItem>* out);
  int64_t FinishOrgs();
  void FinishFacts();
  // Records the ids referred to but not on file: `hosts` and `orgs` as
  // FinishHosts() and FinishOrgs() counted them, grids and regions here.
  void CountUnknown(int64_t hosts, int64_t orgs);

  const int32_t year_;
  const int32_t cap_;
  const v1::Policy policy_;
  const v1::GroupBy group_by_;
  const int region_tier_;
  const bool host_dims_;
  bool finished_ = false;
  // The records given, of an entity kind but for regions and their economy
  // (every shard may hold the region tree above it; a merge keeps one copy),
  // a party organization's nested star assessments each one.
  int64_t records_ = 0;

  // Reused for each record: the facts of a kind read as facts and its
  // message to parse into when its bytes are not in the plain encoding
  // (core/facts_kinds.h), and a record and messages of the other kinds to
  // parse into.
  FactsScratch facts_;
  MessageScratch messages_;
  v1::Record scratch_;
  v1::Region region_;
  v1::ReserveTalent reserve_;
  v1::RegionEconomy economy_;
  v1::StarAssessment star_;

  void BindTables(ShardIndex* index) {
    index_ = index;
    // The members' statuses and counts (members_as_of), and the units'
    // coverage by party organizations (unit_org_cover), of the report year.
    index->as_of_year = year_;
    hosts_.Bind(&index->hosts, &index->strings);
    orgs_.Bind(&index->orgs, &index->strings);
    grids_.Bind(&index->grids, &index->strings);
    regions_.Bind(&index->regions, &index->strings);
    assignments_.Bind(&index->assignments, &index->strings);
  }

  // Strings other than ids (industries, region names).
  StringArena arena_;
  // The shard's ids when it has its own (none once UseIndex() shares one).
  std::unique_ptr<ShardIndex> own_index_;
  // The index the tables look ids up in (own_index_ or a shared one).
  ShardIndex* index_ = nullptr;
  Table<HostState> hosts_;
  Table<OrgState> orgs_;
  Table<GridState> grids_;
  Table<RegionState> regions_;
  Table<AssignmentState> assignments_;
  MemberAcc loose_members_;
  std::vector<ActivityFact> activities_;
  std::vector<VenueFact> venues_;
  std::vector<CadreFact> cadres_;
  std::vector<ResultFact> results_;
  // Star assessment records of the year: {organization, stars}.
  std::vector<std::pair<uint32_t, int>> stars_;
  std::set<std::pair<uint32_t, std::string>> teams_;
  std::map<std::string, int64_t, std::less<>> skipped_;
  std::map<std::string, int64_t, std::less<>> findings_;
  std::map<std::string, int64_t, std::less<>> dangling_;

  std::unordered_map<std::string, uint32_t> group_index_;
  std::vector<uint32_t> region_group_;
  uint32_t no_region_group_ = kNone;
  std::vector<std::unique_ptr<GroupAcc>> groups_;
  // Per group, the units (organizations for target 2) that fall short of
  // each target, before sorting and the cap; Finish() turns the kept ones
  // into worklist items.
  std::vector<std::array<std::vector<Candidate>, 4>> candidates_;
  std::vector<v1::GroupKey> keys_;
};

}  // namespace aggregation
}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_AGGREGATE_AGGREGATOR_IMPL_H_
