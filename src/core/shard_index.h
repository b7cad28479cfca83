// The join of one shard: every id the shard's records name, per kind, as a
// dense number in order of first sight, its text kept once. The validator's
// cross-record rules and the aggregator's figures both look ids up here; in
// a pipeline run the two share one index, and each record of the kinds
// decoded into facts is joined once (JoinFacts() below), for both (internal;
// header-only).
#ifndef DANGJIAN_SRC_CORE_SHARD_INDEX_H_
#define DANGJIAN_SRC_CORE_SHARD_INDEX_H_

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/coverage_join.h"
#include "core/id_checks.h"
#include "core/id_index.h"
#include "core/member_status.h"
#include "core/record_facts.h"
#include "core/string_arena.h"

namespace dangjian {
namespace internal {

// The ids of one kind (host organizations, party organizations, ...):
// Intern() gives each a dense number 0, 1, 2, ... in order of first sight.
class IdTable {
 public:
  static constexpr uint32_t kNone = IdIndex::kAbsent;

  IdTable() = default;
  IdTable(const IdTable&) = delete;
  IdTable& operator=(const IdTable&) = delete;

  uint32_t size() const { return static_cast<uint32_t>(ids_.size()); }
  // The id of number `n` (< size()), kept on the index's arena.
  absl::string_view id(uint32_t n) const { return ids_[n]; }

  // Makes room for `n` ids (in the index when the first id goes there: dense
  // ids need none).
  void Reserve(size_t n) {
    index_room_ = n;
    ids_.reserve(n);
  }

  // The number of `id`, or kNone when it was never interned.
  uint32_t Find(absl::string_view id) const {
    uint32_t v = 0;
    if (DenseNumber(id, &v)) {
      // Below the base, v - dense_base_ wraps past the array: never stored.
      const uint32_t i = v - dense_base_;
      return i < dense_.size() ? dense_[i] : kNone;
    }
    return index_.Find(id, [this](uint32_t i) { return ids_[i]; });
  }

  // The number of `id` (the empty id is an id like any other), a copy of it
  // kept on `arena` when it is new.
  uint32_t Intern(absl::string_view id, StringArena* arena) {
    // Ledgers list a unit's members together: one entry of memory saves the
    // hash and probe for runs of the same id.
    if (last_id_.data() != nullptr && EqualBytesInline(id, last_id_)) {
      return last_;
    }
    const auto next = static_cast<uint32_t>(ids_.size());
    uint32_t v = 0;
    uint32_t n;
    bool inserted;
    if (dense_state_ != kDenseOff &&
        (DenseNumber(id, &v) ||
         (dense_state_ == kDenseUnset && StartDense(id, &v))) &&
        // (Below the base, v - dense_base_ wraps past the array.)
        (v - dense_base_ < dense_.size() || DenseRoom(v))) {
      uint32_t& slot = dense_[v - dense_base_];
      inserted = slot == kNone;
      if (inserted) {
        slot = next;
        ++dense_count_;
      }
      n = slot;
    } else {
      MakeIndexRoom(0);
      n = index_.FindOrInsert(
          id, [this](uint32_t i) { return ids_[i]; }, &inserted, next);
    }
    if (inserted) {
      Append(id, arena);
    } else {
      last_id_ = ids_[n];
    }
    last_ = n;
    return n;
  }

  // Intern() for the ids a county repeats across records of other kinds
  // (a unit's town and grid): a direct-mapped memo of recent ids, slotted
  // by their last bytes, answers most without the hash and probe.
  uint32_t InternRecent(absl::string_view id, StringArena* arena) {
    Recent& r = recent_[RecentSlot(id)];
    if (r.id.data() != nullptr && EqualBytesInline(id, r.id)) return r.index;
    const uint32_t n = Intern(id, arena);
    r.id = last_id_;  // ids_[n], as Intern() left it.
    r.index = n;
    return n;
  }

  // Forgets every id (the arena's copies are the caller's to free).
  void Clear() {
    index_.Clear();
    ids_.clear();
    dense_.clear();  // StartDense() makes it anew, in the same memory.
    dense_state_ = kDenseUnset;
    dense_tries_ = 0;
    dense_count_ = 0;
    dense_base_ = 0;
    dense_prefix_ = absl::string_view();
    dense_prefix_pending_ = false;
    last_ = kNone;
    last_id_ = absl::string_view();
    for (Recent& r : recent_) r = Recent();
  }

 private:
  static constexpr int kRecentBits = 6;
  struct Recent {
    absl::string_view id;  // Null: empty.
    uint32_t index = 0;
  };

  // Dense ids. Ledgers number a county's ids in sequence under one prefix
  // ("m110101-1", "m110101-2"; "h110101-000001"): such an id is numbered
  // through an array indexed by its number, its slot next to the last one's,
  // instead of a hash and a probe at a random slot of the index (a cache
  // miss on a county's 10,000 members).
  //
  // The prefix (up to and with the last character that is not a digit) and
  // the way the number is written (padded with zeros to a fixed width, or
  // without leading zeros) are those of the first id interned that has
  // them; after kDenseTries interned ids without them (a repeat counts
  // again), the table numbers every id in the index until Clear(). Under
  // that prefix and way, a number is one text and a text one number. While
  // the table is dense, every id so written is numbered through the array
  // and none enters the index, so an id has one home. When one lies too far
  // from the others for the array to stay small (DenseRoom()), the array's
  // ids move to the index and the table numbers every id there until
  // Clear(). (The first prefix is kept: a shard whose first member id is of
  // another county numbers its own members through the index.)
  static constexpr int kDenseTries = 16;
  // The span of numbers the array may cover: this many, or eight per id in
  // it, whichever is more (the array itself up to twice that).
  static constexpr size_t kDenseMinRoom = 16384;
  enum DenseState : uint8_t { kDenseUnset, kDenseOn, kDenseOff };

  // True, with its number in *v, when `id` is written the table's dense way.
  bool DenseNumber(absl::string_view id, uint32_t* v) const {
    if (dense_state_ != kDenseOn) return false;
    const size_t p = dense_prefix_.size();
    if (id.size() <= p || id.size() - p > 9) return false;
    const size_t digits = id.size() - p;
    if (dense_width_ != 0 ? digits != dense_width_
                          : (id[p] == '0' && digits > 1)) {
      return false;
    }
    if (!EqualBytesInline(id.substr(0, p), dense_prefix_)) return false;
    uint32_t n = 0;
    for (size_t i = p; i < id.size(); ++i) {
      const auto d = static_cast<uint32_t>(static_cast<unsigned char>(id[i])) -
                     uint32_t{'0'};
      if (d > 9) return false;
      n = n * 10 + d;
    }
    *v = n;
    return true;
  }

  // Makes `id`'s prefix and way of writing its number the table's when it
  // has them (true, its number in *v, the array made for it); after
  // kDenseTries ids that do not, the table has no dense ids.
  bool StartDense(absl::string_view id, uint32_t* v) {
    size_t p = id.size();
    while (p > 0 && IsAsciiDigit(id[p - 1])) --p;
    const size_t digits = id.size() - p;
    if (p == 0 || digits == 0 || digits > 9) {
      if (++dense_tries_ >= kDenseTries) dense_state_ = kDenseOff;
      return false;
    }
    // A view of `id` until Append() keeps its copy.
    dense_prefix_ = id.substr(0, p);
    dense_prefix_pending_ = true;
    dense_width_ =
        id[p] == '0' && digits > 1 ? static_cast<uint8_t>(digits) : 0;
    dense_state_ = kDenseOn;
    *v = 0;
    [[maybe_unused]] const bool dense = DenseNumber(id, v);
    assert(dense);  // The id is written the way just taken.
    dense_base_ = *v & ~uint32_t{1023};
    dense_.assign(1024, kNone);
    return true;
  }

  // Makes the array reach number `v` (outside it, above or below) while
  // the numbers it covers stay within kDenseMinRoom or eight per dense id
  // (true); else moves the array's ids to the index and numbers every id
  // there (false).
  bool DenseRoom(uint32_t v) {
    const size_t room = std::max(kDenseMinRoom, 8 * (size_t{dense_count_} + 1));
    if (v >= dense_base_) {
      const size_t need = size_t{v - dense_base_} + 1;
      if (need <= room) {
        size_t n = dense_.size() * 2;
        while (n < need) n *= 2;
        dense_.resize(n, kNone);
        return true;
      }
    } else {
      // Below the base: the array moves up to start at v's block.
      const uint32_t base = v & ~uint32_t{1023};
      const size_t shift = dense_base_ - base;
      if (shift + dense_.size() <= 2 * room) {
        dense_.insert(dense_.begin(), shift, kNone);
        dense_base_ = base;
        return true;
      }
    }
    MakeIndexRoom(ids_.size());
    for (const uint32_t n : dense_) {
      if (n == kNone) continue;
      bool inserted;
      index_.FindOrInsert(
          ids_[n], [this](uint32_t i) { return ids_[i]; }, &inserted, n);
    }
    dense_.clear();
    dense_count_ = 0;
    dense_state_ = kDenseOff;
    return false;
  }

  // Makes the room Reserve() asked of the index, and for `n` ids, before
  // the index takes its first.
  void MakeIndexRoom(size_t n) {
    if (index_room_ == 0 && n == 0) return;
    index_.Reserve(std::max(index_room_, n));
    index_room_ = 0;
  }

  // Numbers `id` size(): its copy kept on `arena`.
  void Append(absl::string_view id, StringArena* arena) {
    // The copy's view kept from the arena, not read back from the vector
    // just written.
    const absl::string_view stored = arena->Store(id);
    ids_.push_back(stored);
    last_id_ = stored;
    if (dense_prefix_pending_) {
      dense_prefix_ = stored.substr(0, dense_prefix_.size());
      dense_prefix_pending_ = false;
    }
  }

  // The memo slot of `id`: its length and last (up to) eight bytes, mixed.
  static size_t RecentSlot(absl::string_view id) {
    const size_t n = id.size();
    const char* p = id.data();
    uint64_t v = n;
    if (n >= 8) {
      std::memcpy(&v, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      v = uint64_t{lo} | uint64_t{hi} << 32;
    } else if (n > 0) {
      v = static_cast<uint8_t>(p[n - 1]);
    }
    v = (v ^ n) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(v >> (64 - kRecentBits));
  }

  IdIndex index_;
  size_t index_room_ = 0;  // Room Reserve() asked of the index, not yet made.
  std::vector<absl::string_view> ids_;
  // The dense ids' numbers: dense_[v - dense_base_] is the number of the
  // id whose number is v, or kNone.
  std::vector<uint32_t> dense_;
  uint32_t dense_base_ = 0;
  uint32_t dense_count_ = 0;        // Ids numbered through dense_.
  absl::string_view dense_prefix_;  // On the arena, once kept.
  uint8_t dense_width_ = 0;         // Digits of a padded number; 0: not padded.
  DenseState dense_state_ = kDenseUnset;
  bool dense_prefix_pending_ = false;  // dense_prefix_ not yet on the arena.
  int dense_tries_ = 0;
  uint32_t last_ = kNone;
  // ids_[last_], kept here: the check costs no load through the vector.
  // Null until the first Intern().
  absl::string_view last_id_;
  Recent recent_[size_t{1} << kRecentBits];
};

// Makes `v`, a table by id number, reach number `n`: to the room reserved,
// else room for a small county, or twice the last room. Out of line: the
// path of a table that must grow.
template <typename T>
ABSL_ATTRIBUTE_NOINLINE void GrowTo(std::vector<T>* v, uint32_t n) {
  v->resize(
      std::max({size_t{n} + 1, 2 * v->size(), v->capacity(), size_t{1024}}));
}
// Element `n` of `v`, a table by id number, made (GrowTo()) when past its
// end.
template <typename T>
T* SlotOf(std::vector<T>* v, uint32_t n) {
  if (ABSL_PREDICT_FALSE(n >= v->size())) GrowTo(v, n);
  return v->data() + n;
}
// Element `n` of `v`, or `otherwise` when the table never reached it.
template <typename T>
const T& AtOr(const std::vector<T>& v, uint32_t n, const T& otherwise) {
  return n < v.size() ? v[n] : otherwise;
}

// The members of one unit or one party organization by their status at the
// end of a year (MemberStatusAtYearEnd(); -1, not yet applied or off the
// roll, is counted nowhere).
struct MemberTally {
  uint32_t by_status[6] = {};  // Indexed by MemberStatus.
  uint32_t records = 0;        // The member records counted.
  // Full and probationary members who own the unit (Member.is_owner).
  uint32_t owners = 0;
};

// The shard's member counts as of the end of a year, by the numbers of the
// units and party organizations the members name: counted once, where their
// ids are joined (JoinFacts(), or an aggregator's own join), and read by the
// rules and the figures alike.
class MemberTallies {
 public:
  // Counts a member of status `status` (MemberStatusAtYearEnd(); below 0:
  // not counted) naming unit number `host` and party organization number
  // `org` (IdTable::kNone: none named): under the unit, under the
  // organization, and once more under the organization when it names no
  // unit or under `loose()` when it names neither (where the report counts
  // it).
  void Count(uint32_t host, uint32_t org, int status, bool is_owner) {
    if (status < 0) return;
    const uint32_t owner =
        is_owner && (status == v1::MEMBER_STATUS_FULL ||
                     status == v1::MEMBER_STATUS_PROBATIONARY);
    if (host != IdTable::kNone) Add(SlotOf(&units_, host), status, owner);
    if (org != IdTable::kNone) {
      Add(SlotOf(&orgs_, org), status, owner);
      if (host == IdTable::kNone) {
        Add(SlotOf(&orgs_without_unit_, org), status, owner);
      }
    } else if (host == IdTable::kNone) {
      Add(&loose_, status, owner);
    }
  }
  // The members naming unit number `n`.
  const MemberTally& unit(uint32_t n) const { return AtOr(units_, n, none()); }
  // The members naming party organization number `n`, with or without a
  // unit.
  const MemberTally& org(uint32_t n) const { return AtOr(orgs_, n, none()); }
  // Those of them who name no unit.
  const MemberTally& org_without_unit(uint32_t n) const {
    return AtOr(orgs_without_unit_, n, none());
  }
  // The members naming neither a unit nor a party organization.
  const MemberTally& loose() const { return loose_; }
  // No members: what a number nothing was counted under reads.
  static const MemberTally& none() {
    static const MemberTally kNoMembers;
    return kNoMembers;
  }

  // Makes room for units and party organizations numbered below `units`
  // and `orgs` without growing.
  void Reserve(size_t units, size_t orgs) {
    units_.reserve(units);
    orgs_.reserve(orgs);
  }

  void Clear() {
    units_.clear();
    orgs_.clear();
    orgs_without_unit_.clear();
    loose_ = MemberTally();
  }

 private:
  static void Add(MemberTally* t, int status, uint32_t owner) {
    ++t->by_status[status];
    ++t->records;
    t->owners += owner;
  }

  std::vector<MemberTally> units_, orgs_, orgs_without_unit_;
  MemberTally loose_;
};

// The units' coverage by party organizations as of the end of a year
// (UnitOrgCover, by unit number): which party organizations existing in the
// year list each unit, by their formation. Each organization is counted once,
// at the first record of its id (the one every engine keeps; the empty id is
// an id like any other), where its ids are joined (JoinFacts(), or an
// aggregator's own join), and read by the rules and the figures alike.
class UnitOrgCovers {
 public:
  // Counts party organization number `org`, of `formation` (a
  // v1::FormationModel value), under each unit numbered in `listed` (the
  // empty id's number too) when it `exists` in the year, unless a record
  // of number `org` was counted before.
  void Count(uint32_t org, int formation, bool exists,
             absl::Span<const uint32_t> listed) {
    uint8_t* seen = SlotOf(&counted_, org);
    if (*seen != 0) return;
    *seen = 1;
    if (!exists) return;
    for (const uint32_t h : listed) SlotOf(&units_, h)->Add(formation);
  }
  // How the organizations counted cover unit number `n`.
  const UnitOrgCover& unit(uint32_t n) const { return AtOr(units_, n, none()); }
  // Not covered: what a number nothing was counted under reads.
  static const UnitOrgCover& none() {
    static const UnitOrgCover kNoCover;
    return kNoCover;
  }

  // Makes room for units and party organizations numbered below `units`
  // and `orgs` without growing.
  void Reserve(size_t units, size_t orgs) {
    units_.reserve(units);
    counted_.reserve(orgs);
  }

  void Clear() {
    units_.clear();
    counted_.clear();
  }

 private:
  std::vector<UnitOrgCover> units_;
  std::vector<uint8_t> counted_;  // By organization number: 1 once counted.
};

// A typical county, the room a shard's tables and the validator's entries
// make up front: growing them step by step cost more than the room. Member,
// unit and party organization records of the national scenario's counties:
// about 10,000, 3,300 and 1,500 (a county's records: about 15,000).
constexpr size_t kCountyMembers = 16384;
constexpr size_t kCountyHosts = 4096;
constexpr size_t kCountyOrgs = 2048;

// One shard's ids, per kind, and the arena that keeps their text; and its
// members and the units' coverage by party organizations counted as of the
// end of as_of_year. Every member and organization comes through one join
// into an index (JoinFacts(), or an aggregator's own), so that each is
// counted once.
struct ShardIndex {
  ShardIndex() {
    // Room for a typical county's units and organizations from the start
    // (members: where their ids are joined, the pipeline's validated runs).
    hosts.Reserve(kCountyHosts);
    orgs.Reserve(kCountyOrgs);
    members_as_of.Reserve(kCountyHosts, kCountyOrgs);
    unit_org_cover.Reserve(kCountyHosts, kCountyOrgs);
  }
  // Whether no id has been numbered yet (nothing joined since Clear()).
  bool empty() const {
    return hosts.size() == 0 && orgs.size() == 0 && grids.size() == 0 &&
           regions.size() == 0 && assignments.size() == 0 &&
           members.size() == 0;
  }
  ShardIndex(const ShardIndex&) = delete;
  ShardIndex& operator=(const ShardIndex&) = delete;

  // Forgets every id and frees their text; as_of_year, a setting, is
  // kept.
  void Clear() {
    hosts.Clear();
    orgs.Clear();
    grids.Clear();
    regions.Clear();
    assignments.Clear();
    members.Clear();
    listed_hosts.clear();
    members_as_of.Clear();
    unit_org_cover.Clear();
    strings.Clear();
  }

  StringArena strings;
  IdTable hosts;        // Host organizations (units).
  IdTable orgs;         // Party organizations.
  IdTable grids;        // Grids of regional (1+N) branches.
  IdTable regions;      // Regions.
  IdTable assignments;  // Cadre assignments.
  IdTable members;      // Members (and people in the pipeline).
  // The year whose end JoinFacts() takes each member's status at
  // (MemberJoin::status) and counts members and units' coverage as of, for
  // the engines of that year; 0: none taken or counted.
  int32_t as_of_year = 0;
  // The numbers in `hosts` of the units party organizations list, each
  // organization's run given by its OrgJoin.
  std::vector<uint32_t> listed_hosts;
  // The members by unit and party organization as of the end of
  // as_of_year (when not 0), each counted once where its ids are
  // joined: JoinFacts(), or an aggregator reading records without it.
  MemberTallies members_as_of;
  // The units' coverage by the party organizations existing in as_of_year
  // (when not 0), each organization counted once where it is joined, as
  // the members are.
  UnitOrgCovers unit_org_cover;
};

constexpr uint32_t kNoId = IdTable::kNone;

// The numbers of the ids a record names: kNoId where the field is empty,
// except a host organization's, party organization's or grid's own id and the
// units a party organization lists, interned even when empty (the aggregator
// counts such a record under the empty id).
struct MemberJoin {
  uint32_t self = kNoId;
  uint32_t host = kNoId;
  uint32_t org = kNoId;
  // MemberStatusAtYearEnd() at the end of the index's as_of_year,
  // when it is not 0: taken once for every engine of that year. Read
  // through MemberStatusFor() (-1 is also a status: not counted).
  int8_t status = -1;
};
struct HostJoin {
  uint32_t self = kNoId;
  uint32_t region = kNoId;
  uint32_t grid = kNoId;
  uint32_t owner_member = kNoId;
};
struct OrgJoin {
  uint32_t self = kNoId;
  // Its host_organization_ids, in order, every one numbered (the empty id
  // too): ShardIndex::listed_hosts[hosts_begin, hosts_begin + hosts_count).
  uint32_t hosts_begin = 0;
  uint32_t hosts_count = 0;
};
struct FundingJoin {
  uint32_t org = kNoId;
};
struct VenueJoin {
  uint32_t org = kNoId;
  uint32_t shared_with_org = kNoId;
};
struct ActivityJoin {
  uint32_t org = kNoId;
  uint32_t grid = kNoId;
  uint32_t host = kNoId;
};
struct GridJoin {
  uint32_t self = kNoId;  // Numbered even when empty, as a unit's.
  uint32_t org = kNoId;
  uint32_t region = kNoId;
  uint32_t assignment = kNoId;  // Its instructor's cadre assignment.
};
struct CadreJoin {
  uint32_t self = kNoId;  // In `assignments`.
  uint32_t org = kNoId;
  uint32_t grid = kNoId;
};
struct ResultJoin {
  uint32_t host = kNoId;
};

// The number of `id` in `table` (interned, a copy on `arena`), or kNoId for
// an empty id: how a record's reference to another is joined.
inline uint32_t InternIfNamed(IdTable* table, absl::string_view id,
                              StringArena* arena) {
  return id.empty() ? kNoId : table->Intern(id, arena);
}
// The same through the table's memo of recent ids.
inline uint32_t InternRecentIfNamed(IdTable* table, absl::string_view id,
                                    StringArena* arena) {
  return id.empty() ? kNoId : table->InternRecent(id, arena);
}

// Interns the ids `member` names into `index`; returns their numbers. When
// the index has an as_of_year, also takes the member's status at its
// end and counts the member in the index's members_as_of.
inline MemberJoin JoinFacts(const MemberFacts& member, ShardIndex* index) {
  MemberJoin j;
  j.self = InternIfNamed(&index->members, member.id, &index->strings);
  j.host = InternIfNamed(&index->hosts, member.host_organization_id,
                         &index->strings);
  j.org = InternIfNamed(&index->orgs, member.party_organization_id,
                        &index->strings);
  if (index->as_of_year != 0) {
    j.status = static_cast<int8_t>(
        MemberStatusAtYearEnd(MemberFactsView(member), index->as_of_year));
    index->members_as_of.Count(j.host, j.org, j.status, member.is_owner);
  }
  return j;
}

// A member's status at the end of `year` (MemberStatusAtYearEnd() of `m`),
// as the engines read it: the one JoinFacts() took in `join` when `index`
// names that year, else taken here.
template <typename View>
int MemberStatusFor(const MemberJoin& join, const ShardIndex& index,
                    const View& m, int32_t year) {
  return index.as_of_year != 0 && index.as_of_year == year
             ? join.status
             : MemberStatusAtYearEnd(m, year);
}

// The same for a host organization.
inline HostJoin JoinFacts(const HostFacts& host, ShardIndex* index) {
  HostJoin j;
  j.self = index->hosts.Intern(host.id, &index->strings);
  j.region =
      InternRecentIfNamed(&index->regions, host.region_id, &index->strings);
  j.grid = InternRecentIfNamed(&index->grids, host.grid_id, &index->strings);
  j.owner_member =
      InternIfNamed(&index->members, host.owner_member_id, &index->strings);
  return j;
}

// The numbers JoinFacts() gave the units `join`'s organization lists.
inline absl::Span<const uint32_t> ListedHosts(const ShardIndex& index,
                                              const OrgJoin& join) {
  assert(join.hosts_begin + size_t{join.hosts_count} <=
         index.listed_hosts.size());
  return absl::MakeConstSpan(index.listed_hosts.data() + join.hosts_begin,
                             join.hosts_count);
}

// Whether party organization `org` exists in `year`
// (OrganizationExistsInYear()).
inline bool ExistsInYear(const OrgFacts& org, int32_t year) {
  return OrganizationExistsInYear(org.has_founded_on, org.founded_year,
                                  org.has_dissolved_on, org.dissolved_year,
                                  year);
}

// The same for a party organization: its own id, interned even when empty
// (as a unit's), and the units it lists. When the index has an as_of_year,
// also counts the organization in the index's unit_org_cover.
inline OrgJoin JoinFacts(const OrgFacts& org, ShardIndex* index) {
  OrgJoin j;
  j.self = index->orgs.Intern(org.id, &index->strings);
  j.hosts_begin = static_cast<uint32_t>(index->listed_hosts.size());
  j.hosts_count = static_cast<uint32_t>(org.host_organization_ids.size());
  for (const absl::string_view h : org.host_organization_ids) {
    index->listed_hosts.push_back(index->hosts.Intern(h, &index->strings));
  }
  if (index->as_of_year != 0) {
    index->unit_org_cover.Count(j.self, org.formation,
                                ExistsInYear(org, index->as_of_year),
                                ListedHosts(*index, j));
  }
  return j;
}

// The same for funding.
inline FundingJoin JoinFacts(const FundingFacts& funding, ShardIndex* index) {
  FundingJoin j;
  j.org = InternIfNamed(&index->orgs, funding.party_organization_id,
                        &index->strings);
  return j;
}

// The same for a venue.
inline VenueJoin JoinFacts(const VenueFacts& venue, ShardIndex* index) {
  VenueJoin j;
  j.org =
      InternIfNamed(&index->orgs, venue.party_organization_id, &index->strings);
  j.shared_with_org = InternIfNamed(
      &index->orgs, venue.shared_with_party_organization_id, &index->strings);
  return j;
}

// The same for an activity.
inline ActivityJoin JoinFacts(const ActivityFacts& activity,
                              ShardIndex* index) {
  ActivityJoin j;
  j.org = InternIfNamed(&index->orgs, activity.party_organization_id,
                        &index->strings);
  j.grid =
      InternRecentIfNamed(&index->grids, activity.grid_id, &index->strings);
  j.host = InternIfNamed(&index->hosts, activity.host_organization_id,
                         &index->strings);
  return j;
}

// The same for a grid: its own id, interned even when empty (as a unit's).
inline GridJoin JoinFacts(const GridFacts& grid, ShardIndex* index) {
  GridJoin j;
  j.self = index->grids.Intern(grid.id, &index->strings);
  j.org =
      InternIfNamed(&index->orgs, grid.party_organization_id, &index->strings);
  j.region =
      InternRecentIfNamed(&index->regions, grid.region_id, &index->strings);
  j.assignment = InternIfNamed(&index->assignments,
                               grid.instructor_assignment_id, &index->strings);
  return j;
}

// The same for a cadre assignment.
inline CadreJoin JoinFacts(const CadreFacts& cadre, ShardIndex* index) {
  CadreJoin j;
  j.self = InternIfNamed(&index->assignments, cadre.id, &index->strings);
  j.org =
      InternIfNamed(&index->orgs, cadre.party_organization_id, &index->strings);
  j.grid = InternRecentIfNamed(&index->grids, cadre.grid_id, &index->strings);
  return j;
}

// The same for a unit's annual result.
inline ResultJoin JoinFacts(const ResultFacts& result, ShardIndex* index) {
  ResultJoin j;
  j.host = InternIfNamed(&index->hosts, result.host_organization_id,
                         &index->strings);
  return j;
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_SHARD_INDEX_H_
