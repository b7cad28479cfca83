// The streaming Aggregator: Add() files each record into flat tables keyed by
// the ids it references (creating placeholders for ids not seen yet), so that
// records may come in any order; Finish() joins the tables and sums them into
// groups. The hot path does one or two hash lookups per record and allocates
// only when a new id enters a table.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "aggregate/feed.h"
#include "aggregate/figures.h"
#include "core/coverage_join.h"
#include "core/id_index.h"
#include "core/member_status.h"
#include "core/record_facts.h"
#include "core/shard_index.h"
#include "core/star_target.h"
#include "core/string_arena.h"
#include "core/wire_check.h"
#include "core/wire_format.h"
#include "dangjian/aggregate.h"
#include "dangjian/coverage.h"
#include "dangjian/personal_data.h"
#include "dangjian/policy.h"

namespace dangjian {
namespace internal {
namespace {

constexpr uint32_t kNone = 0xffffffffu;

// Member figures kept per host organization (or per party organization for
// members without a host). 32-bit to keep the per-unit state small; unsigned,
// so that even 2^32 records of one unit wrap rather than overflow.
struct MemberAcc {
  uint32_t by_status[6] = {};  // Indexed by MemberStatus.
  uint32_t new_members = 0;
  uint32_t new_owners = 0;
  uint32_t owners = 0;
  uint32_t posts[3] = {};  // Demonstration, vanguard, zone.
  // Full and probationary members with monthly dues recorded, and their
  // dues (fen) by DuesBucket(), exact whatever the values.
  uint32_t dues_members = 0;
  absl::int128 dues_fen[4] = {};
};

// Where a member's dues are summed: employed, retired, a flat rate
// (students, the unemployed, those on subsistence), category not recorded.
int DuesBucket(int category) {
  switch (category) {
    case v1::DUES_CATEGORY_EMPLOYED:
      return 0;
    case v1::DUES_CATEGORY_RETIRED:
      return 1;
    case v1::DUES_CATEGORY_STUDENT:
    case v1::DUES_CATEGORY_UNEMPLOYED:
    case v1::DUES_CATEGORY_SUBSISTENCE:
      return 2;
    default:
      return 3;
  }
}

struct HostState {
  absl::string_view id;
  absl::string_view name;  // Kept for the worklists.
  absl::string_view industry;
  uint32_t region = kNone;
  uint32_t grid = kNone;
  uint32_t group = kNone;
  bool present = false;
  bool closed = false;
  bool registered_later = false;
  // Counted in the unit figures and the targets (UnitOfYear()).
  bool unit_of_year = false;
  bool has_reported = false;
  bool trade_union = false;
  bool womens = false;
  bool youth = false;
  bool contact_card = false;
  bool owner_member = false;
  bool owner_secretary = false;
  bool in_standalone = false;
  bool in_joint = false;
  bool in_regional = false;
  uint8_t kind = 0;
  uint8_t subtype = 0;
  uint8_t sector = 0;
  uint32_t member_records = 0;
  int32_t reported[6] = {};  // Indexed by MemberStatus.
  MemberAcc members;
};

struct OrgState {
  absl::string_view id;
  absl::string_view name;  // Kept for the worklists.
  uint32_t region = kNone;
  uint32_t anchor_host = kNone;
  uint32_t previous = kNone;
  uint32_t group = kNone;
  bool present = false;
  bool exists = false;
  bool star_eligible = false;
  bool star_met = false;
  bool demonstration = false;
  int formation = 0;
  int level = 0;
  int stars = 0;
  uint8_t quarter_mask = 0;
  uint32_t new_members = 0;
  uint32_t member_records = 0;
  absl::int128 funding[5] = {};
  MemberAcc members;
};

struct GridState {
  absl::string_view id;
  uint32_t region = kNone;
  uint32_t org = kNone;
  uint32_t group = kNone;
  // The cadre assignment named as the instructor's, or kNone.
  uint32_t assignment = kNone;
  bool present = false;
  bool has_instructor_name = false;
  // Set by Finish(), once every assignment is in: GridHasInstructor().
  bool has_instructor = false;
  // The instructor's name, kept for the worklists.
  absl::string_view instructor_name;
};

// A cadre assignment id named by a grid or on file.
struct AssignmentState {
  absl::string_view id;
  // Some CadreAssignment record has this id.
  bool present = false;
  // One of them is in post during the year.
  bool in_post = false;
  // The name on the first in post, kept for the worklists.
  absl::string_view name;
};

struct RegionState {
  absl::string_view id;
  absl::string_view name;
  uint32_t parent = kNone;
  uint32_t tier_ancestor = kNone;
  bool tier_resolved = false;
  bool present = false;
  int level = 0;
  int64_t working_committee_units = 0;
  int32_t economy_year = 0;
  int64_t economy[6] = {};
};

// The stable hash of one id of `kind` in a shard's fingerprint: the same on
// every machine, in every process and release (a partial report keeps it), so
// not absl::Hash, whose seed changes from process to process.
uint64_t Mix64(uint64_t x) {  // SplitMix64's finalizer.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
uint64_t IdHash(uint64_t kind, absl::string_view id) {
  uint64_t h = Mix64(kind << 56 ^ id.size());
  const char* p = id.data();
  const size_t n = id.size();
  // Little endian words whatever the machine's order: eight bytes at a time,
  // the last word the id's last eight bytes; an id shorter than that, one
  // word of its bytes.
  auto load8 = [](const char* at) {
    uint64_t word;
    std::memcpy(&word, at, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    word = __builtin_bswap64(word);
#endif
    return word;
  };
  if (n < 8) {
    uint64_t word = 0;
    for (size_t i = 0; i < n; ++i) {
      word |= uint64_t{static_cast<uint8_t>(p[i])} << (8 * i);
    }
    return Mix64(h ^ word);
  }
  for (size_t i = 0; i + 8 < n; i += 8) h = Mix64(h ^ load8(p + i));
  return Mix64(h ^ load8(p + n - 8));
}

// Who a fact belongs to.
enum class Owner : uint8_t { kNone, kHost, kOrg, kGrid };

struct ActivityFact {
  uint32_t idx;
  Owner owner;
  uint8_t kind;
  uint8_t quarter;  // 1-4, 0 unknown.
  uint32_t grid;    // For the regional branch of a grid's meeting.
  int64_t count;
  int64_t participants;
};

struct VenueFact {
  uint32_t org;
  uint8_t haves;  // Bit i: the i-th of the six haves.
  uint8_t ownership;
};

struct CadreFact {
  uint32_t idx;
  Owner owner;
  uint8_t kind;
};

// A unit (an organization for target 2) that falls short of a target.
struct Candidate {
  absl::string_view id;
  uint32_t row;  // In hosts_ or, for target 2, orgs_.
  v1::ShortfallReason reason;
  int64_t full_members;
  int64_t probationary_members;
};

struct ResultFact {
  uint32_t host;
  int64_t values[8];
};

// A vector that grows by chunks: rows never move, so growing copies nothing.
template <typename T>
class ChunkedVector {
 public:
  static constexpr size_t kShift = 8;
  static constexpr size_t kChunk = size_t{1} << kShift;

  size_t size() const { return size_; }
  T& operator[](size_t i) { return chunks_[i >> kShift][i & (kChunk - 1)]; }
  const T& operator[](size_t i) const {
    return chunks_[i >> kShift][i & (kChunk - 1)];
  }
  T& back() { return (*this)[size_ - 1]; }
  void emplace_back() {
    if ((size_ & (kChunk - 1)) == 0) chunks_.emplace_back(new T[kChunk]);
    ++size_;
  }

  template <typename F>
  void ForEach(F&& f) const {
    for (size_t i = 0; i < size_; ++i) f((*this)[i]);
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

// A table of per-id state over one kind of the shard's index: the index
// numbers the ids (shared with the validator in a pipeline run), the table
// keeps a row for each id the aggregator itself has met, in the order it met
// them, so that ids only the validator named count nowhere here.
template <typename State>
struct Table {
  IdTable* ids = nullptr;
  StringArena* arena = nullptr;
  ChunkedVector<State> rows;
  // Index number -> row, or kNone.
  std::vector<uint32_t> row_of;

  void Bind(IdTable* table, StringArena* strings) {
    ids = table;
    arena = strings;
  }

  // The row of index number `n`, made when new.
  uint32_t Row(uint32_t n) {
    if (n < row_of.size() && row_of[n] != kNone) return row_of[n];
    return NewRow(n);
  }
  // The row of `id`, interned in the index when new there.
  uint32_t Intern(absl::string_view id) {
    // Ledgers list a unit's members together: one entry of memory answers
    // runs of the same id with one compare.
    if (last_id.data() != nullptr && EqualBytesInline(id, last_id)) {
      return last_row;
    }
    return Remember(ids->Intern(id, arena));
  }
  // The same through the index's memo of recent ids.
  uint32_t InternRecent(absl::string_view id) {
    return Row(ids->InternRecent(id, arena));
  }

 private:
  uint32_t Remember(uint32_t n) {
    last_row = Row(n);
    last_id = ids->id(n);
    return last_row;
  }
  __attribute__((noinline)) uint32_t NewRow(uint32_t n) {
    if (n >= row_of.size()) {
      row_of.resize(std::max<size_t>(ids->size(), row_of.size() * 2), kNone);
    }
    const auto r = static_cast<uint32_t>(rows.size());
    row_of[n] = r;
    rows.emplace_back();
    rows.back().id = ids->id(n);
    return r;
  }

  uint32_t last_row = kNone;
  // The id of last_row; null until the first Intern().
  absl::string_view last_id;
};

// What AddMember() reads of a member: MemberFactsView over the facts decoded
// from bytes, or this view of a parsed message, read in place (copying a
// message's fields into facts first cost more than counting them).
class MemberMessageView {
 public:
  explicit MemberMessageView(const v1::Member& m) : m_(m), dates_(m) {}
  absl::string_view host_organization_id() const {
    return m_.host_organization_id();
  }
  absl::string_view party_organization_id() const {
    return m_.party_organization_id();
  }
  int status() const { return m_.status(); }
  bool is_owner() const { return m_.is_owner(); }
  int dues_category() const { return m_.dues_category(); }
  int64_t monthly_dues_fen() const { return m_.monthly_dues_fen(); }
  bool After(int step, int32_t year) const { return dates_.After(step, year); }
  bool In(int step, int32_t year) const { return dates_.In(step, year); }
  bool has_posts() const { return m_.posts_size() != 0; }
  template <typename F>
  void ForEachPost(F&& f) const {
    for (const v1::MemberPost& p : m_.posts()) {
      f(p.kind(), absl::string_view(p.name()));
    }
  }

 private:
  const v1::Member& m_;
  MemberMessageDates dates_;
};

void AddMembers(const MemberAcc& m, GroupAcc* g) {
  int64_t* c = g->counters;
  c[kMembersFull] += m.by_status[v1::MEMBER_STATUS_FULL];
  c[kMembersProbationary] += m.by_status[v1::MEMBER_STATUS_PROBATIONARY];
  c[kMembersDevelopmentTargets] +=
      m.by_status[v1::MEMBER_STATUS_DEVELOPMENT_TARGET];
  c[kMembersActivists] += m.by_status[v1::MEMBER_STATUS_ACTIVIST];
  c[kMembersApplicants] += m.by_status[v1::MEMBER_STATUS_APPLICANT];
  c[kMembersStatusUnspecified] += m.by_status[v1::MEMBER_STATUS_UNSPECIFIED];
  c[kMembersNew] += m.new_members;
  c[kMembersNewOwners] += m.new_owners;
  c[kMembersOwners] += m.owners;
  c[kMembersDemonstrationPosts] += m.posts[0];
  c[kMembersVanguardPosts] += m.posts[1];
  c[kMembersResponsibilityZones] += m.posts[2];
  c[kDuesMembers] += m.dues_members;
  for (int k = 0; k < 4; ++k) g->sums[kDuesEmployed + k] += m.dues_fen[k];
}

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
  // of its own. Only before the first Add*().
  void UseIndex(ShardIndex* index) {
    BindTables(index);
    own_index_.reset();
  }

  absl::Status Add(const v1::Record& record) override {
    if (finished_) return FinishedError();
    switch (record.entity_case()) {
      case v1::Record::kHostOrganization:
        HostFactsOf(record.host_organization(), &host_facts_);
        AddHost(host_facts_);
        break;
      case v1::Record::kMember:
        AddMember(MemberMessageView(record.member()));
        break;
      case v1::Record::kPartyOrganization:
        OrgFactsOf(record.party_organization(), &org_facts_);
        AddOrg(org_facts_);
        break;
      case v1::Record::kGrid:
        GridFactsOf(record.grid(), &grid_facts_);
        AddGrid(grid_facts_);
        break;
      case v1::Record::kRegion:
        AddRegion(record.region());
        break;
      case v1::Record::kActivity:
        ActivityFactsOf(record.activity(), &activity_facts_);
        AddActivity(activity_facts_);
        break;
      case v1::Record::kFunding:
        FundingFactsOf(record.funding(), &funding_facts_);
        AddFunding(funding_facts_);
        break;
      case v1::Record::kVenue:
        VenueFactsOf(record.venue(), &venue_facts_);
        AddVenue(venue_facts_);
        break;
      case v1::Record::kCadreAssignment:
        CadreFactsOf(record.cadre_assignment(), &cadre_facts_);
        AddCadre(cadre_facts_);
        break;
      case v1::Record::kReserveTalent:
        AddReserve(record.reserve_talent());
        break;
      case v1::Record::kHostAnnualResult:
        ResultFactsOf(record.host_annual_result(), &result_facts_);
        AddResult(result_facts_);
        break;
      case v1::Record::kRegionEconomy:
        AddEconomy(record.region_economy());
        break;
      case v1::Record::kStarAssessment:
        AddStar(record.star_assessment());
        break;
      default:  // Header, trailer, empty: nothing to count.
        break;
    }
    return absl::OkStatus();
  }

  absl::Status AddSerialized(StringArg bytes_arg) override {
    const absl::string_view bytes = bytes_arg;
    if (finished_) return FinishedError();
    int field;
    absl::string_view body;
    if (!OneEntity(bytes, &field, &body)) {
      // Not one entity field: protobuf's business (merged or replaced
      // fields), by the strict check the readers apply and its parser.
      if (absl::Status s = ParseRecordStrictly(bytes, &scratch_); !s.ok())
        return s;
      return Add(scratch_);
    }
    // A member, host organization, party organization, funding, venue,
    // activity, grid, cadre assignment or annual result in the plain
    // encoding: the fields aggregation reads straight from the bytes (what
    // the record decoder takes is well formed by the strict check). Otherwise,
    // and for the other kinds, the strict check, then protobuf's parser into a
    // message of the entity's own type, kept from record to record: parsing
    // into one Record would free and allocate its entity whenever the kind
    // changes.
    switch (field) {
      case v1::Record::kMemberFieldNumber:
        return Decoded(bytes, body, DecodeMemberFacts, &member_, MemberFactsOf,
                       &member_facts_,
                       [&] { AddMember(MemberFactsView(member_facts_)); });
      case v1::Record::kHostOrganizationFieldNumber:
        return Decoded(bytes, body, DecodeHostFacts, &host_, HostFactsOf,
                       &host_facts_, [&] { AddHost(host_facts_); });
      case v1::Record::kPartyOrganizationFieldNumber:
        return Decoded(bytes, body, DecodeOrgFacts, &org_, OrgFactsOf,
                       &org_facts_, [&] { AddOrg(org_facts_); });
      case v1::Record::kFundingFieldNumber:
        return Decoded(bytes, body, DecodeFundingFacts, &funding_,
                       FundingFactsOf, &funding_facts_,
                       [&] { AddFunding(funding_facts_); });
      case v1::Record::kVenueFieldNumber:
        return Decoded(bytes, body, DecodeVenueFacts, &venue_, VenueFactsOf,
                       &venue_facts_, [&] { AddVenue(venue_facts_); });
      case v1::Record::kActivityFieldNumber:
        return Decoded(bytes, body, DecodeActivityFacts, &activity_,
                       ActivityFactsOf, &activity_facts_,
                       [&] { AddActivity(activity_facts_); });
      case v1::Record::kRegionFieldNumber:
        return Parsed(bytes, body, &region_, [&] { AddRegion(region_); });
      case v1::Record::kGridFieldNumber:
        return Decoded(bytes, body, DecodeGridFacts, &grid_, GridFactsOf,
                       &grid_facts_, [&] { AddGrid(grid_facts_); });
      case v1::Record::kCadreAssignmentFieldNumber:
        return Decoded(bytes, body, DecodeCadreFacts, &cadre_, CadreFactsOf,
                       &cadre_facts_, [&] { AddCadre(cadre_facts_); });
      case v1::Record::kReserveTalentFieldNumber:
        return Parsed(bytes, body, &reserve_, [&] { AddReserve(reserve_); });
      case v1::Record::kHostAnnualResultFieldNumber:
        return Decoded(bytes, body, DecodeResultFacts, &result_, ResultFactsOf,
                       &result_facts_, [&] { AddResult(result_facts_); });
      case v1::Record::kRegionEconomyFieldNumber:
        return Parsed(bytes, body, &economy_, [&] { AddEconomy(economy_); });
      case v1::Record::kStarAssessmentFieldNumber:
        return Parsed(bytes, body, &star_, [&] { AddStar(star_); });
      default:  // Header, trailer: nothing to count, once they parse.
        if (absl::Status s = CheckRecordStrictly(bytes); !s.ok()) return s;
        if (!scratch_.ParseFromArray(bytes.data(),
                                     static_cast<int>(bytes.size()))) {
          return NotWellFormedRecord(bytes, "bytes protobuf does not parse");
        }
        return Add(scratch_);
    }
  }

  // A record decoded once and joined once, for the validator and the
  // aggregator (aggregate/feed.h).
  template <typename Facts, typename Join>
  absl::Status AddJoined(const Facts& facts, const Join& join) {
    if (finished_) return FinishedError();
    AddFacts(facts, &join);
    return absl::OkStatus();
  }

  absl::Status AddSkippedRecords(StringArg reason_arg, int64_t count) override {
    const absl::string_view reason = reason_arg;
    return AddNamed(reason, count, &skipped_);
  }

  absl::Status AddFindings(StringArg rule_id_arg, int64_t count) override {
    const absl::string_view rule_id = rule_id_arg;
    return AddNamed(rule_id, count, &findings_);
  }

  absl::StatusOr<v1::PartialReport> Finish() override;

 private:
  static absl::Status FinishedError() {
    return absl::FailedPreconditionError(
        "Aggregator: Finish() was already called");
  }

  absl::Status AddNamed(absl::string_view name, int64_t count,
                        std::map<std::string, int64_t, std::less<>>* map) {
    if (finished_) return FinishedError();
    if (name.empty()) {
      return absl::InvalidArgumentError("Aggregator: empty data-quality name");
    }
    if (count < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("Aggregator: negative count ", count, " for ", name));
    }
    auto it = map->find(name);
    if (it == map->end()) it = map->emplace(std::string(name), 0).first;
    int64_t& slot = it->second;
    if (__builtin_add_overflow(slot, count, &slot)) {
      slot = INT64_MAX;
    }
    return absl::OkStatus();
  }

  uint32_t RegionOf(absl::string_view id) {
    return id.empty() ? kNone : regions_.InternRecent(id);
  }
  // The same for a region numbered `n` by JoinFacts() (kNoId: none).
  uint32_t RegionAt(uint32_t n) { return n == kNoId ? kNone : regions_.Row(n); }

  void Duplicate(absl::string_view kind) {
    ++dangling_[absl::StrCat("aggregate.", kind, ".duplicate_id")];
  }

  // Checks the Record `bytes` strictly, parses its entity's `body` into
  // `message`, then calls `add`.
  template <typename Message, typename AddFn>
  static absl::Status Parsed(absl::string_view bytes, absl::string_view body,
                             Message* message, AddFn&& add) {
    if (absl::Status s = CheckRecordStrictly(bytes); !s.ok()) return s;
    if (!message->ParseFromArray(body.data(), static_cast<int>(body.size()))) {
      return NotWellFormedRecord(bytes, "bytes protobuf does not parse");
    }
    add();
    return absl::OkStatus();
  }

  // Decodes an entity's `body` (of the Record `bytes`) into `facts` with
  // `decode`; when it says no, checks and parses it into `message` and takes
  // the facts from there with `of`. Then calls `add`.
  template <typename Facts, typename Message, typename AddFn>
  static absl::Status Decoded(absl::string_view bytes, absl::string_view body,
                              bool (*decode)(absl::string_view, Facts*),
                              Message* message,
                              void (*of)(const Message&, Facts*), Facts* facts,
                              AddFn&& add) {
    if (decode(body, facts)) {
      add();
      return absl::OkStatus();
    }
    return Parsed(bytes, body, message, [&] {
      of(*message, facts);
      add();
    });
  }

  void AddFacts(const MemberFacts& m, const MemberJoin* j) {
    AddMember(MemberFactsView(m), j);
  }
  void AddFacts(const HostFacts& h, const HostJoin* j) { AddHost(h, j); }
  void AddFacts(const OrgFacts& o, const OrgJoin* j) { AddOrg(o, j); }
  void AddFacts(const FundingFacts& f, const FundingJoin* j) {
    AddFunding(f, j);
  }
  void AddFacts(const VenueFacts& v, const VenueJoin* j) { AddVenue(v, j); }
  void AddFacts(const ActivityFacts& a, const ActivityJoin* j) {
    AddActivity(a, j);
  }
  void AddFacts(const GridFacts& g, const GridJoin* j) { AddGrid(g, j); }
  void AddFacts(const CadreFacts& c, const CadreJoin* j) { AddCadre(c, j); }
  void AddFacts(const ResultFacts& r, const ResultJoin* j) { AddResult(r, j); }

  // The Add*() below take the numbers of the record's ids in the index when
  // a pipeline has joined it (`j`), else intern them.
  void AddHost(const HostFacts& h, const HostJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    HostState& s = hosts_.rows[j ? hosts_.Row(j->self) : hosts_.Intern(h.id)];
    if (s.present) return Duplicate("host_organization");
    s.present = true;
    s.industry = arena_.Store(h.industry);
    if (cap_ > 0) s.name = arena_.Store(h.name);
    if (j) {
      s.region = j->region == kNoId ? kNone : regions_.Row(j->region);
      s.grid = j->grid == kNoId ? kNone : grids_.Row(j->grid);
    } else {
      s.region = RegionOf(h.region_id);
      if (!h.grid_id.empty()) {
        // Interning may move rows of other tables only.
        s.grid = grids_.InternRecent(h.grid_id);
      }
    }
    s.closed = h.status == v1::HOST_STATUS_CLOSED;
    s.registered_later = h.has_registered_on && h.registered_year > year_;
    s.unit_of_year =
        UnitOfYear(s.closed, h.has_registered_on, h.registered_year, year_);
    // Out-of-range enum values (open enums) are kept as UNSPECIFIED.
    s.kind = static_cast<uint8_t>(v1::HostKind_IsValid(h.kind) ? h.kind : 0);
    s.subtype = static_cast<uint8_t>(
        v1::HostSubtype_IsValid(h.subtype) ? h.subtype : 0);
    s.sector = static_cast<uint8_t>(
        v1::SectorSystem_IsValid(h.sector_system) ? h.sector_system : 0);
    s.trade_union = h.has_trade_union;
    s.womens = h.has_womens_organization;
    s.youth = h.has_youth_league_organization;
    s.contact_card = h.service_contact_card_issued;
    s.owner_member = h.owner_is_party_member;
    s.owner_secretary = h.owner_is_secretary;
    if (h.has_reported_member_counts) {
      s.has_reported = true;
      s.reported[v1::MEMBER_STATUS_FULL] = std::max(0, h.reported[0]);
      s.reported[v1::MEMBER_STATUS_PROBATIONARY] = std::max(0, h.reported[1]);
      s.reported[v1::MEMBER_STATUS_ACTIVIST] = std::max(0, h.reported[2]);
      s.reported[v1::MEMBER_STATUS_APPLICANT] = std::max(0, h.reported[3]);
      s.reported[v1::MEMBER_STATUS_DEVELOPMENT_TARGET] =
          std::max(0, h.reported[4]);
    }
  }

  // A member, through a MemberFactsView or a MemberMessageView.
  template <typename View>
  void AddMember(const View& m, const MemberJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    const int status = MemberStatusAtYearEnd(m, year_);
    if (status < 0) return;
    const absl::string_view host_id = m.host_organization_id();
    MemberAcc* acc;
    if (!host_id.empty()) {
      HostState& h =
          hosts_.rows[j ? hosts_.Row(j->host) : hosts_.Intern(host_id)];
      ++h.member_records;
      acc = &h.members;
    } else if (const absl::string_view org_id = m.party_organization_id();
               !org_id.empty()) {
      OrgState& o = orgs_.rows[j ? orgs_.Row(j->org) : orgs_.Intern(org_id)];
      ++o.member_records;
      acc = &o.members;
    } else {
      acc = &loose_members_;
    }
    ++acc->by_status[status];
    const bool member = status == v1::MEMBER_STATUS_FULL ||
                        status == v1::MEMBER_STATUS_PROBATIONARY;
    if (member && m.is_owner()) ++acc->owners;
    if (member && m.monthly_dues_fen() > 0) {
      ++acc->dues_members;
      acc->dues_fen[DuesBucket(m.dues_category())] += m.monthly_dues_fen();
    }
    if (member && m.In(MemberFacts::kProbationary, year_)) {
      ++acc->new_members;
      if (m.is_owner()) ++acc->new_owners;
      if (const absl::string_view org_id = m.party_organization_id();
          !org_id.empty()) {
        ++orgs_.rows[j ? orgs_.Row(j->org) : orgs_.Intern(org_id)].new_members;
      }
    }
    if (!m.has_posts()) return;
    m.ForEachPost([&](int32_t kind, absl::string_view name) {
      switch (kind) {
        case v1::POST_KIND_DEMONSTRATION_POST:
          ++acc->posts[0];
          break;
        case v1::POST_KIND_VANGUARD_POST:
          ++acc->posts[1];
          break;
        case v1::POST_KIND_RESPONSIBILITY_ZONE:
          ++acc->posts[2];
          break;
        case v1::POST_KIND_TECHNICAL_SERVICE_TEAM:
          if (!host_id.empty()) {
            teams_.emplace(j ? hosts_.Row(j->host) : hosts_.Intern(host_id),
                           std::string(name));
          }
          break;
        default:
          break;
      }
    });
  }

  void AddOrg(const OrgFacts& o, const OrgJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    const uint32_t idx = j ? orgs_.Row(j->self) : orgs_.Intern(o.id);
    if (orgs_.rows[idx].present) return Duplicate("party_organization");
    // Its star assessments are records of their own in a CSV ledger (one
    // row each, but for a duplicate's): counted alike in every format.
    records_ += static_cast<int64_t>(o.star_assessments.size());
    const bool exists =
        OrganizationExistsInYear(o.has_founded_on, o.founded_year,
                                 o.has_dissolved_on, o.dissolved_year, year_);
    uint32_t anchor = kNone;
    if (exists) {
      const absl::Span<const uint32_t> listed =
          j ? ListedHosts(*index_, *j) : absl::Span<const uint32_t>();
      for (size_t k = 0; k < o.host_organization_ids.size(); ++k) {
        const uint32_t h = j ? hosts_.Row(listed[k])
                             : hosts_.Intern(o.host_organization_ids[k]);
        if (anchor == kNone) anchor = h;
        HostState& hs = hosts_.rows[h];
        switch (o.formation) {
          case v1::FORMATION_MODEL_STANDALONE:
            hs.in_standalone = true;
            break;
          case v1::FORMATION_MODEL_JOINT:
          case v1::FORMATION_MODEL_AFFILIATED:
            hs.in_joint = true;
            break;
          case v1::FORMATION_MODEL_REGIONAL:
            hs.in_regional = true;
            break;
          default:
            break;
        }
      }
    }
    const uint32_t region = RegionOf(o.region_id);
    const uint32_t previous =
        o.previous_party_organization_id.empty()
            ? kNone
            : orgs_.Intern(o.previous_party_organization_id);
    OrgState& s = orgs_.rows[idx];
    s.present = true;
    if (cap_ > 0) s.name = arena_.Store(o.name);
    s.exists = exists;
    s.anchor_host = anchor;
    s.region = region;
    s.previous = previous;
    s.formation = o.formation;
    s.level = o.level;
    s.demonstration = o.demonstration_point;
    for (const StarFacts& a : o.star_assessments) {
      if (a.year == year_) {
        s.stars = a.stars;
        break;
      }
    }
    const StarTargetOutcome star = ClassifyStarOf(o, year_);
    s.star_eligible = exists && star.eligible;
    s.star_met = star.met;
  }

  // A star assessment of its own (a star ledger's row) counts for its
  // organization as a nested one would; Finish() joins them, since the
  // organization may come later. Interned whatever the year, so that an
  // organization that never arrives shows under unknown_party_organization.
  void AddStar(const v1::StarAssessment& a) {
    ++records_;  // Of the shard's fingerprint.
    if (a.party_organization_id().empty()) {
      ++dangling_["aggregate.star_assessment.no_party_organization"];
      return;
    }
    const uint32_t org = orgs_.Intern(a.party_organization_id());
    if (a.year() == year_) stars_.push_back({org, a.stars()});
  }

  void AddGrid(const GridFacts& g, const GridJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    const uint32_t idx = j ? grids_.Row(j->self) : grids_.Intern(g.id);
    if (grids_.rows[idx].present) return Duplicate("grid");
    uint32_t org = kNone;
    if (!g.party_organization_id.empty()) {
      org = j ? orgs_.Row(j->org) : orgs_.Intern(g.party_organization_id);
    }
    const uint32_t region = j ? RegionAt(j->region) : RegionOf(g.region_id);
    uint32_t assignment = kNone;
    if (!g.instructor_assignment_id.empty()) {
      assignment = j ? assignments_.Row(j->assignment)
                     : assignments_.Intern(g.instructor_assignment_id);
    }
    GridState& s = grids_.rows[idx];
    s.present = true;
    s.org = org;
    s.region = region;
    s.assignment = assignment;
    s.has_instructor_name = !g.instructor_name.empty();
    if (cap_ > 0) s.instructor_name = arena_.Store(g.instructor_name);
  }

  void AddRegion(const v1::Region& r) {
    const uint32_t idx = regions_.Intern(r.id());
    if (regions_.rows[idx].present) return Duplicate("region");
    const uint32_t parent = RegionOf(r.parent_id());
    RegionState& s = regions_.rows[idx];
    s.present = true;
    s.name = arena_.Store(r.name());
    s.level = r.level();
    s.parent = parent;
    s.working_committee_units = r.working_committee_member_units_size();
  }

  void AddEconomy(const v1::RegionEconomy& e) {
    if (e.year() > year_ || e.region_id().empty()) return;
    RegionState& s = regions_.rows[regions_.Intern(e.region_id())];
    int64_t v[6] = {e.market_entities_total(), e.market_entities_non_public(),
                    e.value_added_total_fen(), e.value_added_non_public_fen(),
                    e.tax_revenue_total_fen(), e.tax_revenue_non_public_fen()};
    // A pair with a negative figure or more non-public than total is no
    // share (record.count.negative, region.economy.inconsistent): left out,
    // so that no share shows below 0% or above 100%.
    for (int k = 0; k < 6; k += 2) {
      if (v[k] < 0 || v[k + 1] < 0 || v[k + 1] > v[k]) v[k] = v[k + 1] = 0;
    }
    // The latest year wins; within a year the greatest figures, so that the
    // choice does not depend on the order of the records.
    if (e.year() > s.economy_year ||
        (e.year() == s.economy_year &&
         std::lexicographical_compare(s.economy, s.economy + 6, v, v + 6))) {
      s.economy_year = e.year();
      std::copy(v, v + 6, s.economy);
    }
  }

  void AddActivity(const ActivityFacts& a, const ActivityJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    if (!a.has_held_on || a.held_year != year_) return;
    ActivityFact f;
    f.grid = kNone;
    if (!a.party_organization_id.empty()) {
      f.owner = Owner::kOrg;
      f.idx = j ? orgs_.Row(j->org) : orgs_.Intern(a.party_organization_id);
    } else if (!a.grid_id.empty()) {
      f.owner = Owner::kGrid;
      f.idx = j ? grids_.Row(j->grid) : grids_.Intern(a.grid_id);
      f.grid = f.idx;
    } else if (!a.host_organization_id.empty()) {
      f.owner = Owner::kHost;
      f.idx = j ? hosts_.Row(j->host) : hosts_.Intern(a.host_organization_id);
    } else {
      f.owner = Owner::kNone;
      f.idx = kNone;
    }
    const int kind = a.kind;
    f.kind = static_cast<uint8_t>(
        kind >= 0 && kind <= v1::ACTIVITY_KIND_OTHER ? kind : 0);
    const int month = a.held_month;
    f.quarter = static_cast<uint8_t>(
        month >= 1 && month <= 12 ? (month - 1) / 3 + 1 : 0);
    // A negative count or participants is no figure (record.count.negative):
    // counted as 0, never shown below zero.
    f.count = a.count == 0 ? 1 : std::max<int64_t>(a.count, 0);
    f.participants = std::max<int64_t>(a.participants, 0);
    activities_.push_back(f);
  }

  void AddFunding(const FundingFacts& f, const FundingJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    if (f.year != year_ || f.party_organization_id.empty()) return;
    OrgState& o = orgs_.rows[j ? orgs_.Row(j->org)
                               : orgs_.Intern(f.party_organization_id)];
    const int source = f.source;
    o.funding[source >= 0 && source <= 4 ? source : 0] += f.amount_fen;
  }

  void AddVenue(const VenueFacts& v, const VenueJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    VenueFact f;
    f.org = v.party_organization_id.empty() ? kNone
            : j                             ? orgs_.Row(j->org)
                : orgs_.Intern(v.party_organization_id);
    f.haves = v.haves;
    const int own = v.ownership;
    f.ownership = static_cast<uint8_t>(own >= 0 && own <= 4 ? own : 0);
    venues_.push_back(f);
  }

  void AddCadre(const CadreFacts& c, const CadreJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    const bool in_post = AssignmentInPostInYear(
        c.has_start_on, c.start_year, c.has_end_on, c.end_year, year_);
    if (!c.id.empty()) {
      // Whether a grid's instructor is in post; any kind, as the grid says.
      AssignmentState& a =
          assignments_
              .rows[j ? assignments_.Row(j->self) : assignments_.Intern(c.id)];
      a.present = true;
      if (in_post && !a.in_post && cap_ > 0) a.name = arena_.Store(c.name);
      a.in_post = a.in_post || in_post;
    }
    if (!in_post) return;
    const int kind = c.kind;
    if (kind < 1 || kind > 3) return;
    CadreFact f;
    f.kind = static_cast<uint8_t>(kind);
    if (!c.party_organization_id.empty()) {
      f.owner = Owner::kOrg;
      f.idx = j ? orgs_.Row(j->org) : orgs_.Intern(c.party_organization_id);
    } else if (!c.grid_id.empty()) {
      f.owner = Owner::kGrid;
      f.idx = j ? grids_.Row(j->grid) : grids_.Intern(c.grid_id);
    } else {
      f.owner = Owner::kNone;
      f.idx = kNone;
    }
    cadres_.push_back(f);
  }

  void AddReserve(const v1::ReserveTalent& r) {
    ++records_;  // Of the shard's fingerprint.
    if (r.has_since() && r.since().year() > year_) return;
    CadreFact f;
    f.kind = 0;
    if (!r.host_organization_id().empty()) {
      f.owner = Owner::kHost;
      f.idx = hosts_.Intern(r.host_organization_id());
    } else if (!r.party_organization_id().empty()) {
      f.owner = Owner::kOrg;
      f.idx = orgs_.Intern(r.party_organization_id());
    } else {
      f.owner = Owner::kNone;
      f.idx = kNone;
    }
    cadres_.push_back(f);
  }

  void AddResult(const ResultFacts& r, const ResultJoin* j = nullptr) {
    ++records_;  // Of the shard's fingerprint.
    if (r.year != year_) return;
    ResultFact f;
    f.host = kNone;
    if (!r.host_organization_id.empty()) {
      f.host = j ? hosts_.Row(j->host) : hosts_.Intern(r.host_organization_id);
    }
    // Negative results are no figures (record.count.negative): counted as 0.
    for (int k = 0; k < 8; ++k) f.values[k] = std::max<int64_t>(r.values[k], 0);
    results_.push_back(f);
  }

  // --- Finish --------------------------------------------------------------

  uint32_t TierAncestor(uint32_t region) {
    if (region == kNone || region_tier_ == 0) return kNone;
    RegionState& start = regions_.rows[region];
    if (start.tier_resolved) return start.tier_ancestor;
    uint32_t r = region;
    uint32_t found = kNone;
    for (int steps = 0; r != kNone && steps < 64; ++steps) {
      const RegionState& s = regions_.rows[r];
      if (RegionTier(s.level) == region_tier_) {
        found = r;
        break;
      }
      r = s.parent;
    }
    start.tier_resolved = true;
    start.tier_ancestor = found;
    return found;
  }

  uint32_t GroupFor(uint32_t region, const HostState* host) {
    v1::GroupKey key;
    const uint32_t anc = TierAncestor(region);
    // Ids and labels leave the shard masked (docs/privacy.md): a resident ID
    // or phone number typed into them never reaches a report or partial.
    if (anc != kNone)
      key.set_region_id(MaskPersonalData(regions_.rows[anc].id));
    if (host != nullptr && host->present) {
      if (group_by_.industry())
        key.set_industry(MaskPersonalData(host->industry));
      if (group_by_.host_kind()) {
        key.set_host_kind(static_cast<v1::HostKind>(host->kind));
      }
      if (group_by_.host_subtype()) {
        key.set_host_subtype(static_cast<v1::HostSubtype>(host->subtype));
      }
      if (group_by_.sector_system()) {
        key.set_sector_system(static_cast<v1::SectorSystem>(host->sector));
      }
    }
    std::string encoded = EncodeGroupKey(key);
    auto [it, inserted] = group_index_.try_emplace(
        std::move(encoded), static_cast<uint32_t>(groups_.size()));
    if (inserted) {
      groups_.push_back(std::make_unique<GroupAcc>());
      candidates_.emplace_back();
      keys_.push_back(std::move(key));
    }
    return it->second;
  }

  // The group of data with no host dimensions: by region alone, cached per
  // region so that the key is built once per region, not per unit.
  uint32_t RegionGroup(uint32_t region) {
    const uint32_t anc = TierAncestor(region);
    if (anc == kNone) {
      if (no_region_group_ == kNone)
        no_region_group_ = GroupFor(kNone, nullptr);
      return no_region_group_;
    }
    if (region_group_.size() < regions_.rows.size()) {
      region_group_.resize(regions_.rows.size(), kNone);
    }
    if (region_group_[anc] == kNone) {
      region_group_[anc] = GroupFor(anc, nullptr);
    }
    return region_group_[anc];
  }

  uint32_t HostGroup(uint32_t h) {
    if (h == kNone) return RegionGroup(kNone);
    HostState& s = hosts_.rows[h];
    if (s.group == kNone) {
      s.group = (host_dims_ && s.present) ? GroupFor(s.region, &s)
                                          : RegionGroup(s.region);
    }
    return s.group;
  }

  uint32_t OrgGroup(uint32_t o) {
    if (o == kNone) return RegionGroup(kNone);
    OrgState& s = orgs_.rows[o];
    if (s.group == kNone) {
      if (s.anchor_host != kNone && hosts_.rows[s.anchor_host].present) {
        s.group = HostGroup(s.anchor_host);
      } else {
        s.group = RegionGroup(s.region);
      }
    }
    return s.group;
  }

  uint32_t GridGroup(uint32_t g) {
    if (g == kNone) return RegionGroup(kNone);
    GridState& s = grids_.rows[g];
    if (s.group == kNone) {
      s.group =
          s.region != kNone ? GroupFor(s.region, nullptr) : OrgGroup(s.org);
    }
    return s.group;
  }

  uint32_t OwnerGroup(Owner owner, uint32_t idx) {
    switch (owner) {
      case Owner::kHost:
        return HostGroup(idx);
      case Owner::kOrg:
        return OrgGroup(idx);
      case Owner::kGrid:
        return GridGroup(idx);
      default:
        return RegionGroup(kNone);
    }
  }

  bool RegionalOrg(uint32_t o) const {
    if (o == kNone) return false;
    const OrgState& s = orgs_.rows[o];
    return s.present && s.exists && s.formation == v1::FORMATION_MODEL_REGIONAL;
  }

  // The shard's fingerprint (v1::ShardFingerprint): a sum, so that the
  // order of the records does not matter, of the hashes of the ids of the
  // units, organizations, grids and cadre assignments, those with a record
  // of their own apart from those only named, mixed with the number of
  // records. False when the records name none of these (regions alone, or
  // records of other years the figures pass over): nothing a second copy
  // would count twice.
  bool Fingerprint(uint64_t* value) const {
    uint64_t sum = 0;
    size_t ids = 0;
    auto add = [&](const auto& table, uint64_t kind) {
      ids += table.rows.size();
      for (size_t i = 0; i < table.rows.size(); ++i) {
        const auto& row = table.rows[i];
        sum += IdHash(kind * 2 + row.present, row.id);
      }
    };
    add(hosts_, 1);
    add(orgs_, 2);
    add(grids_, 3);
    add(assignments_, 4);
    *value = Mix64(sum ^ Mix64(static_cast<uint64_t>(records_)));
    return ids > 0;
  }

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

  // Reused for each record: the facts (core/record_facts.h), and a record to
  // parse into.
  MemberFacts member_facts_;
  HostFacts host_facts_;
  v1::Record scratch_;
  v1::Region region_;
  v1::Grid grid_;
  v1::HostOrganization host_;
  v1::PartyOrganization org_;
  OrgFacts org_facts_;
  FundingFacts funding_facts_;
  VenueFacts venue_facts_;
  ActivityFacts activity_facts_;
  GridFacts grid_facts_;
  CadreFacts cadre_facts_;
  ResultFacts result_facts_;
  v1::Venue venue_;
  v1::Funding funding_;
  v1::Member member_;
  v1::CadreAssignment cadre_;
  v1::ReserveTalent reserve_;
  v1::Activity activity_;
  v1::HostAnnualResult result_;
  v1::RegionEconomy economy_;
  v1::StarAssessment star_;

  void BindTables(ShardIndex* index) {
    index_ = index;
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

void AggregatorImpl::BuildWorklist(std::vector<Candidate>* candidates,
                                   bool orgs, std::vector<WorkItem>* out) {
  std::vector<Candidate>& list = *candidates;
  std::sort(list.begin(), list.end(),
            [](const Candidate& a, const Candidate& b) { return a.id < b.id; });
  list.erase(std::unique(list.begin(), list.end(),
                         [](const Candidate& a, const Candidate& b) {
                           return a.id == b.id;
                         }),
             list.end());
  if (list.size() > static_cast<size_t>(cap_)) {
    list.erase(list.begin() + cap_, list.end());
  }
  out->clear();
  out->reserve(list.size());
  // Unit ids and names leave the shard masked: an individual business keyed
  // by its owner's resident ID is listed as 110105********002X.
  for (const Candidate& c : list) {
    WorkItem& item = out->emplace_back();
    item.id = MaskPersonalData(c.id);
    item.full_members = c.full_members;
    item.probationary_members = c.probationary_members;
    item.reason = c.reason;
    uint32_t region = kNone;
    if (orgs) {
      const OrgState& o = orgs_.rows[c.row];
      item.name = MaskPersonalData(o.name);
      region = o.region;
    } else {
      const HostState& h = hosts_.rows[c.row];
      item.name = MaskPersonalData(h.name);
      region = h.region;
      if (h.grid != kNone) {
        const GridState& grid = grids_.rows[h.grid];
        item.grid_id = MaskPersonalData(grid.id);
        item.instructor_name = MaskPersonalData(grid.instructor_name);
      }
    }
    if (region != kNone) {
      item.region_id = MaskPersonalData(regions_.rows[region].id);
    }
  }
  list = {};
}

int64_t AggregatorImpl::FinishHosts() {
  int64_t unknown = 0;
  for (uint32_t i = 0; i < hosts_.rows.size(); ++i) {
    HostState& h = hosts_.rows[i];
    GroupAcc& g = *groups_[HostGroup(i)];
    int64_t* c = g.counters;
    AddMembers(h.members, &g);
    unknown += !h.present;
    if (!h.present) continue;
    if (!h.unit_of_year) {
      // Closed units are counted as such; units registered later not at all.
      c[kUnitsClosed] += h.closed && !h.registered_later;
      continue;
    }
    ++c[kUnitsTotal];
    HostCoverageFacts facts;
    if (h.member_records > 0) {
      ++c[kUnitsFromRecords];
      facts.full_members = h.members.by_status[v1::MEMBER_STATUS_FULL];
      facts.all_members = facts.full_members +
                          h.members.by_status[v1::MEMBER_STATUS_PROBATIONARY];
    } else if (h.has_reported) {
      ++c[kUnitsFromReported];
      facts.full_members = h.reported[v1::MEMBER_STATUS_FULL];
      facts.all_members =
          facts.full_members + h.reported[v1::MEMBER_STATUS_PROBATIONARY];
      MemberAcc reported;
      for (int k = 0; k < 6; ++k) {
        reported.by_status[k] = static_cast<uint32_t>(h.reported[k]);
      }
      AddMembers(reported, &g);
    } else {
      ++c[kUnitsNotReported];
    }
    facts.in_standalone = h.in_standalone;
    facts.in_joint_or_affiliated = h.in_joint;
    bool in_regional_grid = false, grid_has_instructor = false;
    const GridState* grid = h.grid != kNone ? &grids_.rows[h.grid] : nullptr;
    if (grid != nullptr) {
      in_regional_grid = grid->present && RegionalOrg(grid->org);
      grid_has_instructor = grid->has_instructor;
    }
    SetRegionalCoverage(h.in_regional, in_regional_grid, grid_has_instructor,
                        &facts);
    const HostCoverage cov = ClassifyHost(facts, policy_);
    const int t = static_cast<int>(cov.target);
    const Counter eligible = t == 1   ? kT1Eligible
                             : t == 3 ? kT3Eligible
                                      : kT4Eligible;
    ++c[eligible];
    if (cov.met) {
      ++c[eligible + 1];
    } else if (cap_ > 0) {
      const v1::ShortfallReason reason =
          t == 1             ? (cov.organization_covered
                                    ? v1::SHORTFALL_REASON_NOT_STANDALONE
                                    : v1::SHORTFALL_REASON_NO_ORGANIZATION)
          : t == 3           ? v1::SHORTFALL_REASON_NOT_JOINED
          : in_regional_grid ? v1::SHORTFALL_REASON_GRID_WITHOUT_INSTRUCTOR
                             : v1::SHORTFALL_REASON_NOT_IN_REGIONAL_GRID;
      candidates_[HostGroup(i)][t - 1].push_back(
          {h.id, i, reason, facts.full_members,
           facts.all_members - facts.full_members});
    }
    c[kUnitsOrgCovered] += cov.organization_covered;
    c[kUnitsWorkCovered] += cov.work_covered;
    c[kUnitsTradeUnions] += h.trade_union;
    c[kUnitsWomens] += h.womens;
    c[kUnitsYouth] += h.youth;
    c[kUnitsContactCards] += h.contact_card;
    c[kUnitsRegional] += facts.in_regional;
    c[kUnitsOwnerMembers] += h.owner_member;
    c[kUnitsOwnerSecretaries] += h.owner_secretary;
  }
  return unknown;
}

int64_t AggregatorImpl::FinishOrgs() {
  int64_t unknown = 0;
  for (uint32_t i = 0; i < orgs_.rows.size(); ++i) {
    OrgState& o = orgs_.rows[i];
    GroupAcc& g = *groups_[OrgGroup(i)];
    int64_t* c = g.counters;
    AddMembers(o.members, &g);
    unknown += !o.present;
    for (int s = 0; s < 5; ++s) g.sums[kFundUnspecified + s] += o.funding[s];
    const bool joint = o.formation == v1::FORMATION_MODEL_JOINT ||
                       o.formation == v1::FORMATION_MODEL_AFFILIATED;
    if (o.present && joint) c[kMembersNewInJoint] += o.new_members;
    if (!o.present || !o.exists) continue;
    int kind = 0;
    if (o.anchor_host != kNone && hosts_.rows[o.anchor_host].present) {
      kind = hosts_.rows[o.anchor_host].kind;
    }
    const int kind_offset = kind == v1::HOST_KIND_NON_PUBLIC_ECONOMIC ? 0
                            : kind == v1::HOST_KIND_SOCIAL            ? 1
                                                                      : 2;
    switch (o.formation) {
      case v1::FORMATION_MODEL_STANDALONE:
        ++c[kOrgStandaloneNonPublic + kind_offset];
        break;
      case v1::FORMATION_MODEL_JOINT:
        ++c[kOrgJointNonPublic + kind_offset];
        break;
      case v1::FORMATION_MODEL_AFFILIATED:
        ++c[kOrgAffiliatedNonPublic + kind_offset];
        break;
      case v1::FORMATION_MODEL_REGIONAL:
        ++c[kOrgRegional];
        c[kOrgQuarterlyMeetings] += o.quarter_mask == 0xF;
        break;
      default:
        ++c[kOrgFormationUnspecified];
        break;
    }
    c[kOrgCommittees] += o.level == v1::ORG_LEVEL_COMMITTEE;
    c[kOrgGeneralBranches] += o.level == v1::ORG_LEVEL_GENERAL_BRANCH;
    c[kOrgBranches] += o.level == v1::ORG_LEVEL_BRANCH;
    if (o.star_eligible) {
      ++c[kT2Eligible];
      if (o.star_met) {
        ++c[kT2Met];
      } else if (cap_ > 0) {
        candidates_[OrgGroup(i)][1].push_back(
            {o.id, i, v1::SHORTFALL_REASON_NO_STAR_ASSESSMENT,
             o.members.by_status[v1::MEMBER_STATUS_FULL],
             o.members.by_status[v1::MEMBER_STATUS_PROBATIONARY]});
      }
      if (o.star_met && o.stars >= 1 && o.stars <= 5) {
        ++c[kOrgOneStar - (o.stars - 1)];
      } else {
        ++c[kOrgUnrated];
      }
    }
    c[kOrgDemonstrationPoints] += o.demonstration;
    if (!joint && o.previous != kNone) {
      const OrgState& p = orgs_.rows[o.previous];
      c[kOrgFoundedOutOfJoint] +=
          p.present && (p.formation == v1::FORMATION_MODEL_JOINT ||
                        p.formation == v1::FORMATION_MODEL_AFFILIATED);
    }
    int funded = 0;
    for (int s = 1; s <= 4; ++s) {
      if (o.funding[s] > 0) {
        ++c[kOrgFundedEnterprise + s - 1];
        ++funded;
      }
    }
    c[kOrgFundedAllFour] += funded == 4;
  }
  return unknown;
}

void AggregatorImpl::FinishFacts() {
  for (uint32_t i = 0; i < grids_.rows.size(); ++i) {
    const GridState& s = grids_.rows[i];
    if (!s.present) continue;
    int64_t* c = groups_[GridGroup(i)]->counters;
    ++c[kGridsTotal];
    c[kGridsWithInstructor] += s.has_instructor;
  }
  for (const VenueFact& v : venues_) {
    int64_t* c = groups_[OrgGroup(v.org)]->counters;
    ++c[kVenuesTotal];
    c[kVenuesSixHaves] += v.haves == 0x3F;
    for (int b = 0; b < 6; ++b) c[kVenuesSite + b] += (v.haves >> b) & 1;
    c[kVenuesOwn] += v.ownership == v1::VENUE_OWNERSHIP_OWN;
    c[kVenuesShared] += v.ownership >= v1::VENUE_OWNERSHIP_SHARED_TOWNSHIP;
  }
  for (const CadreFact& f : cadres_) {
    int64_t* c = groups_[OwnerGroup(f.owner, f.idx)]->counters;
    switch (f.kind) {
      case v1::CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY:
        ++c[kCadresSeconded];
        break;
      case v1::CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR:
        ++c[kCadresInstructors];
        break;
      case v1::CADRE_ASSIGNMENT_KIND_INTERNAL:
        ++c[kCadresInternal];
        break;
      default:  // Reserve talent.
        ++c[kCadresReserve];
        break;
    }
  }
  for (const ResultFact& r : results_) {
    absl::int128* s = groups_[HostGroup(r.host)]->sums;
    for (int k = 0; k < 8; ++k) s[kResJobs + k] += r.values[k];
  }
  for (const auto& t : teams_) {
    ++groups_[HostGroup(t.first)]->counters[kMembersTechnicalTeams];
  }
  for (const ActivityFact& a : activities_) {
    absl::int128* s = groups_[OwnerGroup(a.owner, a.idx)]->sums;
    s[kActUnspecified + a.kind] += a.count;
    s[kActParticipants] += a.participants;
    if (a.kind == v1::ACTIVITY_KIND_OWNER_TRAINING_CLASS) {
      s[kActOwnerTrainingParticipants] += a.participants;
    }
  }
  if (loose_members_.by_status[0] || loose_members_.by_status[1] ||
      loose_members_.by_status[2] || loose_members_.by_status[3] ||
      loose_members_.by_status[4] || loose_members_.by_status[5]) {
    AddMembers(loose_members_, groups_[RegionGroup(kNone)].get());
  }
}

void AggregatorImpl::CountUnknown(int64_t hosts, int64_t orgs) {
  int64_t grids = 0, regions = 0;
  grids_.rows.ForEach([&](const GridState& s) { grids += !s.present; });
  regions_.rows.ForEach([&](const RegionState& s) { regions += !s.present; });
  if (hosts) dangling_["aggregate.unknown_host_organization"] += hosts;
  if (orgs) dangling_["aggregate.unknown_party_organization"] += orgs;
  if (grids) dangling_["aggregate.unknown_grid"] += grids;
  if (regions) dangling_["aggregate.unknown_region"] += regions;
}

absl::StatusOr<v1::PartialReport> AggregatorImpl::Finish() {
  if (finished_) return FinishedError();
  finished_ = true;
  // Quarterly meetings first: orgs read their masks.
  for (const ActivityFact& a : activities_) {
    if (a.kind != v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING || a.quarter == 0) {
      continue;
    }
    uint32_t org = kNone;
    if (a.owner == Owner::kOrg) {
      org = a.idx;
    } else if (a.owner == Owner::kGrid) {
      org = grids_.rows[a.idx].org;
    }
    if (org != kNone) {
      orgs_.rows[org].quarter_mask |=
          static_cast<uint8_t>(1u << (a.quarter - 1));
    }
  }
  // Star assessment records of the year: an organization met target 2 when
  // it has one, nested or of its own; a nested one's stars come first.
  for (const auto& [org, stars] : stars_) {
    OrgState& o = orgs_.rows[org];
    if (o.star_met) continue;
    o.star_met = true;
    o.stars = stars;
  }
  // Grids' instructors, now that every cadre assignment is in.
  for (uint32_t i = 0; i < grids_.rows.size(); ++i) {
    GridState& g = grids_.rows[i];
    const AssignmentState* s =
        g.assignment != kNone ? &assignments_.rows[g.assignment] : nullptr;
    g.has_instructor = GridHasInstructor(
        g.has_instructor_name,
        InstructorAssignmentOf(s != nullptr, s != nullptr && s->present,
                               s != nullptr && s->in_post));
    // The worklists name the grid's instructor: as the grid says, else as
    // the assignment in post does.
    if (!g.has_instructor) {
      g.instructor_name = {};
    } else if (g.instructor_name.empty() && s != nullptr && s->in_post) {
      g.instructor_name = s->name;
    }
  }
  const int64_t unknown_hosts = FinishHosts();
  const int64_t unknown_orgs = FinishOrgs();
  FinishFacts();
  CountUnknown(unknown_hosts, unknown_orgs);

  v1::PartialReport out;
  out.set_state_version(kStateVersion);
  out.set_year(year_);
  out.set_policy_version(MaskPersonalData(policy_.version()));
  out.set_min_full_members_to_found(policy_.min_full_members_to_found());
  *out.mutable_group_by() = group_by_;
  out.set_worklist_cap(cap_);
  for (const std::string& n : CounterNames()) out.add_counter_names(n);
  for (const std::string& n : SumNames()) out.add_sum_names(n);

  std::vector<std::pair<std::string, uint32_t>> order(group_index_.begin(),
                                                      group_index_.end());
  std::sort(order.begin(), order.end());
  for (const auto& [encoded, idx] : order) {
    GroupAcc& g = *groups_[idx];
    for (int t = 0; t < 4; ++t) {
      BuildWorklist(&candidates_[idx][t], t == 1, &g.worklists[t]);
    }
    v1::PartialGroup* pg = out.add_groups();
    *pg->mutable_key() = keys_[idx];
    GroupToProto(g, pg);
  }

  std::vector<const RegionState*> regions;
  regions_.rows.ForEach([&](const RegionState& r) {
    if (r.present) regions.push_back(&r);
  });
  std::sort(
      regions.begin(), regions.end(),
      [](const RegionState* a, const RegionState* b) { return a->id < b->id; });
  for (const RegionState* r : regions) {
    v1::RegionNode* n = out.add_regions();
    n->set_id(MaskPersonalData(r->id));
    n->set_name(MaskPersonalData(r->name));
    n->set_level(static_cast<v1::RegionLevel>(r->level));
    if (r->parent != kNone) {
      n->set_parent_id(MaskPersonalData(regions_.rows[r->parent].id));
    }
    n->set_working_committee_member_units(r->working_committee_units);
    n->set_economy_year(r->economy_year);
    n->set_market_entities_total(r->economy[0]);
    n->set_market_entities_non_public(r->economy[1]);
    n->set_value_added_total_fen(r->economy[2]);
    n->set_value_added_non_public_fen(r->economy[3]);
    n->set_tax_revenue_total_fen(r->economy[4]);
    n->set_tax_revenue_non_public_fen(r->economy[5]);
  }
  // Economy figures of a region not on file are dropped; CountUnknown()
  // counted the region under aggregate.unknown_region.

  auto emit = [](const std::map<std::string, int64_t, std::less<>>& m,
                 google::protobuf::RepeatedPtrField<v1::NamedCount>* out) {
    for (const auto& [name, count] : m) {
      v1::NamedCount* nc = out->Add();
      nc->set_name(name);
      nc->set_count(count);
    }
  };
  emit(skipped_, out.mutable_skipped_records());
  std::map<std::string, int64_t, std::less<>> findings = findings_;
  for (const auto& [name, count] : dangling_) findings[name] += count;
  emit(findings, out.mutable_findings());
  if (uint64_t value; Fingerprint(&value)) {
    v1::ShardFingerprint* print = out.add_shards();
    print->set_value(value);
    print->set_records(records_);
  }
  return out;
}

}  // namespace

void UseShardIndex(Aggregator* aggregator, ShardIndex* index) {
  static_cast<AggregatorImpl*>(aggregator)->UseIndex(index);
}

template <typename Facts, typename Join>
absl::Status AddFacts(Aggregator* aggregator, const Facts& facts,
                      const Join& join) {
  return static_cast<AggregatorImpl*>(aggregator)->AddJoined(facts, join);
}

// The kinds the pipeline decodes into facts.
template absl::Status AddFacts(Aggregator*, const MemberFacts&,
                               const MemberJoin&);
template absl::Status AddFacts(Aggregator*, const HostFacts&, const HostJoin&);
template absl::Status AddFacts(Aggregator*, const OrgFacts&, const OrgJoin&);
template absl::Status AddFacts(Aggregator*, const FundingFacts&,
                               const FundingJoin&);
template absl::Status AddFacts(Aggregator*, const VenueFacts&,
                               const VenueJoin&);
template absl::Status AddFacts(Aggregator*, const ActivityFacts&,
                               const ActivityJoin&);
template absl::Status AddFacts(Aggregator*, const GridFacts&, const GridJoin&);
template absl::Status AddFacts(Aggregator*, const CadreFacts&,
                               const CadreJoin&);
template absl::Status AddFacts(Aggregator*, const ResultFacts&,
                               const ResultJoin&);

}  // namespace internal

Aggregator::~Aggregator() = default;

absl::Status Aggregator::AddSerialized(StringArg bytes_arg) {
  const absl::string_view bytes = bytes_arg;
  v1::Record record;
  if (absl::Status s = internal::ParseRecordStrictly(bytes, &record); !s.ok()) {
    return s;
  }
  return Add(record);
}

absl::StatusOr<std::unique_ptr<Aggregator>> Aggregator::Create(
    const AggregatorOptions& options) {
  if (options.year < 1 || options.year > 9999) {
    return absl::InvalidArgumentError(absl::StrCat(
        "AggregatorOptions.year must be 1 to 9999, got ", options.year));
  }
  if (options.worklist_cap < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("AggregatorOptions.worklist_cap must be 0 or more, got ",
                     options.worklist_cap));
  }
  if (!v1::RegionLevel_IsValid(options.group_by.region_level())) {
    return absl::InvalidArgumentError(
        absl::StrCat("AggregatorOptions.group_by.region_level: unknown level ",
                     options.group_by.region_level()));
  }
  AggregatorOptions filled = options;
  FillPolicyDefaults(&filled.policy);
  if (absl::Status s = CheckPolicy(filled.policy); !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("AggregatorOptions.policy: ", s.message()));
  }
  return std::unique_ptr<Aggregator>(new internal::AggregatorImpl(filled));
}

}  // namespace dangjian
