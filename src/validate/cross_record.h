// The cross-record checker: what its rules share (ids of records, the
// positions of first records, the checker itself), used by
// cross_record.cc (references, members, regions, funding, grids) and
// cross_record_units.cc (party organizations and units).
#ifndef DANGJIAN_SRC_VALIDATE_CROSS_RECORD_H_
#define DANGJIAN_SRC_VALIDATE_CROSS_RECORD_H_

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/span.h"
#include "core/calendar.h"
#include "core/coverage_join.h"
#include "core/id_index.h"
#include "core/member_status.h"
#include "core/star_target.h"
#include "dangjian/coverage.h"
#include "dangjian/personal_data.h"
#include "validate/engine.h"

namespace dangjian {
namespace internal {
namespace cross_record {

// A record's id, whether the index keeps its message or its facts.
template <typename Message>
inline absl::string_view IdOf(const Message& m) {
  return m.id();
}
inline absl::string_view IdOf(const HostFacts& h) { return h.id; }
inline absl::string_view IdOf(const OrgFacts& o) { return o.id; }
inline absl::string_view IdOf(const FundingFacts& f) { return f.id; }
inline absl::string_view IdOf(const VenueFacts& v) { return v.id; }
inline absl::string_view IdOf(const GridFacts& g) { return g.id; }
inline absl::string_view IdOf(const CadreFacts& c) { return c.id; }
inline absl::string_view IdOf(const ResultFacts& r) { return r.id; }

inline std::string NationalIdFromKey(uint64_t key) {
  const uint64_t check = key % 11;
  uint64_t v = key / 11;
  std::string out(18, '0');
  out[17] = check == 10 ? 'X' : static_cast<char>('0' + check);
  for (int i = 16; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return out;
}

// What a reference names, in the findings of a missing one.
constexpr char kRegionTarget[] = "region (区域)";
constexpr char kGridTarget[] = "grid (网格)";
constexpr char kHostTarget[] = "host organization (单位)";
constexpr char kOrgTarget[] = "party organization (党组织)";
constexpr char kMemberTarget[] = "member (党员)";

// Id -> position of the first record with that id. Keys view the index's
// records, which outlive the checker.
using PositionOf = IdMap<size_t>;
using IdSet = IdMap<char>;  // The value is unused.

constexpr size_t kNowhere = ~size_t{0};

// Counts of non-zero 64-bit keys (resident-ID keys): open addressing with
// linear probing from a multiplicative hash, sized once for `n` keys.
class KeyCounts {
 public:
  explicit KeyCounts(size_t n) {
    size_t slots = 16;
    while (slots < 2 * n) slots *= 2;
    keys_.assign(slots, 0);
    counts_.assign(slots, 0);
    shift_ = 64 - __builtin_ctzll(slots);
  }
  // Counts `key` (non-zero) once more; returns its count.
  uint32_t Add(uint64_t key) {
    const size_t i = Slot(key);
    keys_[i] = key;
    return ++counts_[i];
  }
  uint32_t Count(uint64_t key) const { return counts_[Slot(key)]; }

 private:
  // The slot holding `key`, or the empty one where it would go.
  size_t Slot(uint64_t key) const {
    const size_t mask = keys_.size() - 1;
    size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
    while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask;
    return i;
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> counts_;
  int shift_;
};

// Number in the shard index -> position of the first record with that id,
// for the kinds the shard index numbers: looked up by number without a hash,
// or by id through the index.
class Positions {
 public:
  void Reset(const IdTable* table) {
    table_ = table;
    first_.assign(table->size(), kNowhere);
  }
  // The position for number `n` (kNoId: none), or null.
  const size_t* At(uint32_t n) const {
    if (n >= first_.size() || first_[n] == kNowhere) return nullptr;
    return &first_[n];
  }
  const size_t* Find(absl::string_view id) const {
    return table_ == nullptr ? nullptr : At(table_->Find(id));
  }
  bool Contains(absl::string_view id) const { return Find(id) != nullptr; }
  // Records position `i` for number `n` unless one is there; returns the
  // first.
  size_t TryEmplace(uint32_t n, size_t i) {
    if (first_[n] == kNowhere) first_[n] = i;
    return first_[n];
  }

 private:
  const IdTable* table_ = nullptr;
  std::vector<size_t> first_;
};

class Checker {
 public:
  Checker(const Config& c, const Index& x, Sink* sink)
      : c_(c), x_(x), sink_(sink) {}

  void Run();

 private:
  v1::SourceLocation Location(const Loc& loc) const {
    v1::SourceLocation out;
    if (loc.file >= 0) {
      const std::string& file = x_.files[loc.file];
      const size_t nul = file.find('\0');  // A workbook's "file\0sheet".
      if (nul == std::string::npos) {
        out.set_file(file);
      } else {
        out.set_file(file.substr(0, nul));
        out.set_sheet(file.substr(nul + 1));
      }
    }
    out.set_line(loc.line);
    out.set_record_index(loc.record_index);
    out.set_byte_offset(loc.byte_offset);
    return out;
  }
  // Reports a finding, its message the concatenation of `parts` (made only
  // when the sink keeps it).
  template <typename... Parts>
  void Emit(Rule r, absl::string_view kind, absl::string_view id,
            const Loc& loc, absl::string_view field,
            const Parts&... parts) const {
    sink_->Add(
        r, kind, id, [&] { return Location(loc); }, field, parts...);
  }

  // Finds the first record of each id of `v` (`first`) and reports ids on
  // more than one. `id(v[i])` is record i's id; for a kind the shard index
  // numbers, `self(i)` its number there.
  template <typename T, typename IdFn>
  void Duplicates(const std::vector<T>& v, absl::string_view kind, IdFn id,
                  PositionOf* first);
  template <typename T, typename IdFn, typename SelfFn>
  void Duplicates(const std::vector<T>& v, absl::string_view kind, IdFn id,
                  SelfFn self, const IdTable& table, Positions* first);
  // Reports `field` (of record `id` of `kind`, at `loc`) naming `value`,
  // which no record of the kind `m` indexes has.
  template <typename Map>
  void Ref(Rule rule, const Map& m, absl::string_view target,
           absl::string_view kind, absl::string_view id, const Loc& loc,
           absl::string_view field, absl::string_view value) const;
  // The same for a value numbered `n` in the shard index (kNoId: none, as
  // JoinFacts() numbers an empty reference); returns the position of the
  // record `value` names, or kNowhere. Inline: only a missing reference
  // leaves it.
  ABSL_ATTRIBUTE_ALWAYS_INLINE size_t
  RefAt(Rule rule, const Positions& m, uint32_t n, absl::string_view target,
        absl::string_view kind, absl::string_view id, const Loc& loc,
        absl::string_view field, absl::string_view value) const {
    if (n == kNoId) return kNowhere;
    if (const size_t* at = m.At(n)) return *at;
    MissingRef(rule, target, kind, id, loc, field, value);
    return kNowhere;
  }
  ABSL_ATTRIBUTE_NOINLINE void MissingRef(Rule rule, absl::string_view target,
                                          absl::string_view kind,
                                          absl::string_view id, const Loc& loc,
                                          absl::string_view field,
                                          absl::string_view value) const;
  void References();
  void RegionCycles();
  void Members();
  void PartyOrganizations();
  // Members under each organization, its own and its organizations' (by
  // parent_id, dissolved ones left out): `under`, -1 when unknown; and
  // whether any member data is under it (`informed`). By position in
  // x_.orgs.
  void MembersUnder(std::vector<int64_t>* under, std::vector<char>* informed);
  void Regions();
  void Funding();
  void Assignments();
  // Members' roles against the committees that seat them, and seconded
  // seats against the cadre assignments (party_org.committee.roles,
  // party_org.committee.seconded).
  void CommitteeRoles();
  void RolesOfSeats(const std::vector<uint8_t>& seated,
                    const std::vector<char>& names_members);
  void Grids();
  void Hosts();
  void HeartToHeart(size_t org);
  // party_org.level.size for `o`, with `members` under it.
  void LevelSize(const OrgFacts& o, const Loc& loc, int64_t members);
  // party_org.demonstration.stars for `o`, with its latest rating from the
  // star ledger (year * 8 + stars), if any.
  void Demonstration(const OrgFacts& o, const Loc& loc, const int64_t* ledger);
  // Organization i's full and all (full and probationary) members: from its
  // member records, else from the reported counts of its units when every
  // unit has them; -1 when unknown.
  void MembersOf(size_t i, int64_t* full, int64_t* all) const;

  static Ymd FoundedOn(const OrgFacts& o) {
    return Ymd{o.founded_year, o.founded_month, o.founded_day};
  }
  bool Dissolved(const OrgFacts& o) const {
    if (!o.has_dissolved_on) return false;
    const Ymd d{o.dissolved_year, o.dissolved_month, o.dissolved_day};
    return IsValidDate(d) && !IsAfter(d, c_.as_of);
  }
  // Whether record `i` of `v` is the first of its id, the one lookups by id
  // use (the aggregator, too, keeps the first record of an id); of the
  // records without an id, the first is `first_unnamed`.
  template <typename T>
  static bool FirstOfId(const std::vector<T>& v, const Positions& first,
                        uint32_t self, size_t first_unnamed, size_t i) {
    const absl::string_view id = IdOf(v[i].value);
    if (id.empty()) return i == first_unnamed;
    const size_t* f = first.At(self);
    return f != nullptr && *f == i;
  }
  template <typename T>
  static size_t FirstUnnamed(const std::vector<T>& v) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (IdOf(v[i].value).empty()) return i;
    }
    return v.size();
  }
  // What a unit in the grid at position `g` gets from it: whether the grid
  // belongs to a regional (1+N) branch existing in the year, and then
  // whether it has an instructor. Memoized in `*covers` (by position).
  struct GridCover {
    bool known = false;
    bool in_regional_grid = false;
    bool has_instructor = false;
  };
  GridCover GridCoverAt(size_t g, std::vector<GridCover>* covers) const {
    GridCover& c = (*covers)[g];
    if (c.known) return c;
    c.known = true;
    const GridFacts& grid = x_.grids[g].value;
    const size_t* o = orgs_.At(x_.grid_joins[g].org);
    if (o != nullptr &&
        x_.orgs[*o].value.formation == v1::FORMATION_MODEL_REGIONAL &&
        ExistsInYear(x_.orgs[*o].value, c_.as_of.y)) {
      c.in_regional_grid = true;
      c.has_instructor =
          GridHasInstructor(!grid.instructor_name.empty(), AssignmentOf(g));
    }
    return c;
  }
  // A member's id, as the shard index keeps it.
  absl::string_view MemberId(const MemberEntry& e) const {
    return IdAt(x_.ids().members, e.join.self);
  }
  // What the shard holds of the cadre assignment the grid at position `g`
  // names.
  InstructorAssignment AssignmentOf(size_t g) const {
    const uint32_t n = x_.grid_joins[g].assignment;
    const int8_t a = n == kNoId ? kNoAssignment : assignments_[n];
    return InstructorAssignmentOf(n != kNoId, a != kNoAssignment, a == kInPost);
  }

  const Config& c_;
  const Index& x_;
  Sink* sink_;
  Positions regions_, grids_, hosts_, orgs_, members_;
  PositionOf venues_, ignored_;
  size_t first_unnamed_host_ = 0, first_unnamed_org_ = 0;
  // By cadre assignment number: no record of it, records none of which is
  // in post in as_of's year, or one in post.
  static constexpr int8_t kNoAssignment = -1, kOutOfPost = 0, kInPost = 1;
  std::vector<int8_t> assignments_;
  // The members of the unit at position `i`, as of the end of the year
  // (Index::members_as_of()): none for a record after the first of its id.
  const MemberTally& HostMembers(size_t i) const {
    const uint32_t n = x_.host_joins[i].self;
    return FirstOfId(x_.hosts, hosts_, n, first_unnamed_host_, i)
               ? x_.members_as_of().unit(n)
               : MemberTallies::none();
  }
  // The same for the party organization at position `i`.
  const MemberTally& OrgMembers(size_t i) const {
    const uint32_t n = x_.org_joins[i].self;
    return FirstOfId(x_.orgs, orgs_, n, first_unnamed_org_, i)
               ? x_.members_as_of().org(n)
               : MemberTallies::none();
  }
  // Unit `i`'s owner against its member records.
  void HostOwner(size_t i, const MemberTally& counts);
  // Unit `i`'s reported member counts against its member records.
  void HostReportedCounts(size_t i, const MemberTally& counts);
  // The finding of the coverage target unit `i` misses.
  void HostCoverageFinding(size_t i, const HostCoverageFacts& facts,
                           const HostCoverage& cov);
  // By organization position o: [org_seats_begin_[o],
  // org_seats_begin_[o + 1]) of org_seat_members_ hold the positions of the
  // members its secretary_member_id and then its seats name (kNowhere: none,
  // or not on file), as References() found them.
  std::vector<size_t> org_seats_begin_, org_seat_members_;
};

template <typename T, typename IdFn>
void Checker::Duplicates(const std::vector<T>& v, absl::string_view kind,
                         IdFn id, PositionOf* first) {
  // One hash operation per record: the first record of each id keeps the
  // count of its id; every record remembers which record is first.
  first->Clear();
  first->Reserve(v.size());
  std::vector<size_t> first_of(v.size(), v.size());
  std::vector<int64_t> count(v.size(), 0);
  for (size_t i = 0; i < v.size(); ++i) {
    const absl::string_view key = id(v[i]);
    if (key.empty()) continue;
    const size_t f = first->TryEmplace(key, i);
    first_of[i] = f;
    ++count[f];
  }
  if (!c_.On(Rule::kIdDuplicate)) return;
  for (size_t i = 0; i < v.size(); ++i) {
    if (first_of[i] == v.size()) continue;
    const int64_t n = count[first_of[i]];
    if (n < 2) continue;
    const absl::string_view key = id(v[i]);
    Emit(Rule::kIdDuplicate, kind, key, v[i].loc, "id",
         Zh("记录标识“", key, "”被", n, "条", RecordKindLabel(kind, true),
            "记录使用"),
         "id (记录标识) \"", key, "\" is used by ", n, " ", kind, " records");
  }
}

template <typename T, typename IdFn, typename SelfFn>
void Checker::Duplicates(const std::vector<T>& v, absl::string_view kind,
                         IdFn id, SelfFn self, const IdTable& table,
                         Positions* first) {
  // The ids are numbered already: a count per number, no hashing.
  first->Reset(&table);
  std::vector<uint32_t> count(table.size(), 0);
  bool repeated = false;
  for (size_t i = 0; i < v.size(); ++i) {
    if (id(v[i]).empty()) continue;
    const uint32_t n = self(i);
    first->TryEmplace(n, i);
    repeated |= ++count[n] > 1;
  }
  if (!repeated || !c_.On(Rule::kIdDuplicate)) return;
  for (size_t i = 0; i < v.size(); ++i) {
    const absl::string_view key = id(v[i]);
    if (key.empty()) continue;
    const uint32_t n = count[self(i)];
    if (n < 2) continue;
    Emit(Rule::kIdDuplicate, kind, key, v[i].loc, "id",
         Zh("记录标识“", key, "”被", n, "条", RecordKindLabel(kind, true),
            "记录使用"),
         "id (记录标识) \"", key, "\" is used by ", n, " ", kind, " records");
  }
}

template <typename Map>
void Checker::Ref(Rule rule, const Map& m, absl::string_view target,
                  absl::string_view kind, absl::string_view id, const Loc& loc,
                  absl::string_view field, absl::string_view value) const {
  if (value.empty() || !c_.On(rule) || m.Contains(value)) return;
  Emit(rule, kind, id, loc, field,
       Zh("所指", ZhTerm(target), "“", value, "”在数据中不存在"), field,
       " names ", target, " \"", value,
       "\", which is not in the data (引用不存在)");
}

}  // namespace cross_record
}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_CROSS_RECORD_H_
