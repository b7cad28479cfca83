// The aggregator's state (internal to src/aggregate/): a row for each id it
// has met, in tables over the shard's index, and the facts of the year kept
// for Finish() to join. aggregator.cc fills them record by record;
// aggregator_finish.cc joins and sums them into groups.
#ifndef DANGJIAN_SRC_AGGREGATE_AGGREGATOR_STATE_H_
#define DANGJIAN_SRC_AGGREGATE_AGGREGATOR_STATE_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/strings/string_view.h"
#include "aggregate/figures.h"
#include "core/coverage_join.h"
#include "core/id_index.h"
#include "core/member_status.h"
#include "core/shard_index.h"
#include "core/string_arena.h"
#include "dangjian/v1/member.pb.h"

namespace dangjian {
namespace internal {
namespace aggregation {

inline constexpr uint32_t kNone = 0xffffffffu;

// Member figures kept per host organization (or per party organization for
// members without a host), besides their counts by status (the shard index's
// MemberTally). 32-bit to keep the per-unit state small; unsigned, so that
// even 2^32 records of one unit wrap rather than overflow.
struct MemberAcc {
  uint32_t new_members = 0;
  uint32_t new_owners = 0;
  uint32_t posts[3] = {};  // Demonstration, vanguard, zone.
  // Membership events of the year, by MembershipEventKind (1 to 6).
  uint32_t events[7] = {};
  // Full and probationary members with monthly dues recorded, and their
  // dues (fen) by DuesBucket(), exact whatever the values.
  uint32_t dues_members = 0;
  absl::int128 dues_fen[4] = {};
};

// Where a member's dues are summed: employed, retired, a flat rate
// (students, the unemployed, those on subsistence), category not recorded.
inline int DuesBucket(int category) {
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
  uint8_t kind = 0;
  uint8_t subtype = 0;
  uint8_t sector = 0;
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
inline uint64_t Mix64(uint64_t x) {  // SplitMix64's finalizer.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
inline uint64_t IdHash(uint64_t kind, absl::string_view id) {
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
  // Row -> index number.
  std::vector<uint32_t> number_of;

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
  uint32_t Intern(absl::string_view id) { return Row(Number(id)); }
  // The index number of `id` (interned when new there), or kNoId for the
  // empty id: how a member's references are joined without JoinFacts().
  uint32_t NumberIfNamed(absl::string_view id) {
    return id.empty() ? kNoId : Number(id);
  }
  // The same through the index's memo of recent ids.
  uint32_t InternRecent(absl::string_view id) {
    return Row(ids->InternRecent(id, arena));
  }

 private:
  // The index number of `id`, interned when new there.
  uint32_t Number(absl::string_view id) {
    // Ledgers list a unit's members together: one entry of memory answers
    // runs of the same id with one compare, inline.
    if (last_id.data() != nullptr && EqualBytesInline(id, last_id)) {
      return last_number;
    }
    last_number = ids->Intern(id, arena);
    last_id = ids->id(last_number);
    return last_number;
  }
  __attribute__((noinline)) uint32_t NewRow(uint32_t n) {
    if (n >= row_of.size()) {
      row_of.resize(std::max<size_t>(ids->size(), row_of.size() * 2), kNone);
    }
    const auto r = static_cast<uint32_t>(rows.size());
    row_of[n] = r;
    number_of.push_back(n);
    rows.emplace_back();
    rows.back().id = ids->id(n);
    return r;
  }

  uint32_t last_number = kNone;
  // The id of last_number; null until the first Number().
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
  bool has_events() const { return dates_.has_events(); }
  template <typename F>
  void ForEachEvent(F&& f) const {
    dates_.ForEachEvent(std::forward<F>(f));
  }

 private:
  const v1::Member& m_;
  MemberMessageDates dates_;
};

// Adds to `g` the members counted `t` and their other figures `m`.
inline void AddMembers(const MemberAcc& m, const MemberTally& t, GroupAcc* g) {
  int64_t* c = g->counters;
  c[kMembersFull] += t.by_status[v1::MEMBER_STATUS_FULL];
  c[kMembersProbationary] += t.by_status[v1::MEMBER_STATUS_PROBATIONARY];
  c[kMembersDevelopmentTargets] +=
      t.by_status[v1::MEMBER_STATUS_DEVELOPMENT_TARGET];
  c[kMembersActivists] += t.by_status[v1::MEMBER_STATUS_ACTIVIST];
  c[kMembersApplicants] += t.by_status[v1::MEMBER_STATUS_APPLICANT];
  c[kMembersStatusUnspecified] += t.by_status[v1::MEMBER_STATUS_UNSPECIFIED];
  c[kMembersNew] += m.new_members;
  c[kMembersNewOwners] += m.new_owners;
  c[kMembersOwners] += t.owners;
  c[kMembersDemonstrationPosts] += m.posts[0];
  c[kMembersVanguardPosts] += m.posts[1];
  c[kMembersResponsibilityZones] += m.posts[2];
  c[kMembersTransferredIn] += m.events[v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN];
  c[kMembersTransferredOut] += m.events[v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT];
  c[kMembersStopped] += m.events[v1::MEMBERSHIP_EVENT_KIND_STOPPED];
  c[kMembersRestored] += m.events[v1::MEMBERSHIP_EVENT_KIND_RESTORED];
  c[kMembersLeft] += m.events[v1::MEMBERSHIP_EVENT_KIND_LEFT];
  c[kMembersDied] += m.events[v1::MEMBERSHIP_EVENT_KIND_DIED];
  c[kDuesMembers] += m.dues_members;
  for (int k = 0; k < 4; ++k) g->sums[kDuesEmployed + k] += m.dues_fen[k];
}

}  // namespace aggregation
}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_AGGREGATE_AGGREGATOR_STATE_H_
