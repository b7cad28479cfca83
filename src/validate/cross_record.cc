// Cross-record rules: duplicates, references, counts, 1+N and coverage, over
// the index of one shard.
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
#include "core/coverage_join.h"
#include "core/id_index.h"
#include "core/member_status.h"
#include "core/star_target.h"
#include "dangjian/coverage.h"
#include "dangjian/personal_data.h"
#include "core/calendar.h"
#include "validate/engine.h"

namespace dangjian {
namespace internal {

int32_t Index::FileIndex(const std::string& file) {
  auto it = file_ids.find(file);
  if (it == file_ids.end()) {
    it = file_ids.emplace(file, static_cast<int32_t>(files.size())).first;
    files.push_back(file);
  }
  return it->second;
}

int32_t Index::FileIndex(const std::string& file, const std::string& sheet) {
  std::string key;
  key.reserve(file.size() + 1 + sheet.size());
  key.append(file).push_back('\0');
  key.append(sheet);
  return FileIndex(key);
}

namespace {

google::protobuf::ArenaOptions IndexArenaOptions() {
  google::protobuf::ArenaOptions o;
  o.start_block_size = 64 << 10;
  o.max_block_size = 1 << 20;
  return o;
}

// A copy of `m` on `arena`.
template <typename T>
const T& Copy(const T& m, google::protobuf::Arena* arena) {
  T* copy = google::protobuf::Arena::CreateMessage<T>(arena);
  copy->CopyFrom(m);
  return *copy;
}

}  // namespace

Index::Index() : arena(IndexArenaOptions()) {}

void Index::Clear() {
  // The entries refer to the arena: drop them first.
  files.clear();
  file_ids.clear();
  regions.clear();
  grids.clear();
  hosts.clear();
  orgs.clear();
  venues.clear();
  funding.clear();
  members.clear();
  cadres.clear();
  reserve.clear();
  activities.clear();
  annual_results.clear();
  economies.clear();
  stars.clear();
  region_self.clear();
  grid_joins.clear();
  cadre_joins.clear();
  result_joins.clear();
  org_joins.clear();
  host_joins.clear();
  venue_joins.clear();
  funding_joins.clear();
  arena.Reset();
  strings.Clear();
  own.Clear();
  shared = nullptr;
}

bool Index::KeepsWhole(int field) {
  // The cases of Add() below.
  switch (field) {
    case v1::Record::kRegion:
    case v1::Record::kReserveTalent:
    case v1::Record::kRegionEconomy:
    case v1::Record::kStarAssessment:
      return true;
    default:
      return false;
  }
}

void Index::Add(const v1::Record& r, const v1::SourceLocation& location,
                bool on_arena) {
  const Loc loc = Intern(location);
  auto Copy = [this, on_arena](const auto& m) -> decltype(m) {
    return on_arena ? m : internal::Copy(m, &arena);
  };
  ShardIndex& x = ids();
  auto self = [&x](IdTable* table, const std::string& id) {
    return InternIfNamed(table, id, &x.strings);
  };
  switch (r.entity_case()) {
    case v1::Record::kRegion:
      regions.push_back({Copy(r.region()), loc});
      region_self.push_back(self(&x.regions, r.region().id()));
      break;
    case v1::Record::kReserveTalent:
      reserve.push_back({Copy(r.reserve_talent()), loc});
      break;
    case v1::Record::kRegionEconomy:
      economies.push_back({Copy(r.region_economy()), loc});
      break;
    case v1::Record::kStarAssessment:
      stars.push_back({Copy(r.star_assessment()), loc});
      break;
    default:
      break;
  }
}

namespace {

// The id numbered `n` in `table`, or "" for kNoId.
absl::string_view IdAt(const IdTable& table, uint32_t n) {
  return n == kNoId ? absl::string_view("") : table.id(n);
}

}  // namespace

void Index::Add(const HostFacts& h, const HostJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  HostFacts* kept = google::protobuf::Arena::Create<HostFacts>(&arena, h);
  // The ids the rules look up, as the shard index keeps them; the other
  // strings are not read.
  kept->id = x.hosts.id(join.self);
  kept->region_id = IdAt(x.regions, join.region);
  kept->grid_id = IdAt(x.grids, join.grid);
  kept->owner_member_id = IdAt(x.members, join.owner_member);
  kept->industry = kept->unified_social_credit_code = "";
  hosts.push_back({*kept, Intern(location)});
  host_joins.push_back(join);
}

void Index::Add(const OrgFacts& o, const OrgJoin& join,
                const v1::SourceLocation& location) {
  OrgFacts* kept = google::protobuf::Arena::Create<OrgFacts>(&arena, o);
  // Every string the rules read, kept: the id as the shard index has it.
  kept->id = ids().orgs.id(join.self);
  kept->region_id = Keep(o.region_id);
  kept->parent_id = Keep(o.parent_id);
  kept->secretary_member_id = Keep(o.secretary_member_id);
  kept->venue_id = Keep(o.venue_id);
  kept->previous_party_organization_id = Keep(o.previous_party_organization_id);
  // The units as the shard index keeps them.
  const absl::Span<const uint32_t> listed = ListedHosts(ids(), join);
  for (size_t i = 0; i < listed.size(); ++i) {
    kept->host_organization_ids[i] = ids().hosts.id(listed[i]);
  }
  for (absl::string_view& m : kept->committee_member_ids) m = Keep(m);
  for (StarFacts& a : kept->star_assessments) a.party_organization_id = "";
  orgs.push_back({*kept, Intern(location)});
  org_joins.push_back(join);
}

void Index::Add(const FundingFacts& f, const FundingJoin& join,
                const v1::SourceLocation& location) {
  FundingFacts* kept = google::protobuf::Arena::Create<FundingFacts>(&arena, f);
  kept->id = Keep(f.id);
  kept->party_organization_id = IdAt(ids().orgs, join.org);
  funding.push_back({*kept, Intern(location)});
  funding_joins.push_back(join);
}

void Index::Add(const VenueFacts& v, const VenueJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  VenueFacts* kept = google::protobuf::Arena::Create<VenueFacts>(&arena, v);
  kept->id = Keep(v.id);
  kept->party_organization_id = IdAt(x.orgs, join.org);
  kept->shared_with_party_organization_id = IdAt(x.orgs, join.shared_with_org);
  venues.push_back({*kept, Intern(location)});
  venue_joins.push_back(join);
}

void Index::Add(const ActivityFacts& a, const ActivityJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  ActivityEntry& e = activities.emplace_back();
  e.id = Keep(a.id);
  e.kind = static_cast<v1::ActivityKind>(a.kind);
  e.org_id = IdAt(x.orgs, join.org);
  e.grid_id = IdAt(x.grids, join.grid);
  e.host_id = IdAt(x.hosts, join.host);
  e.join = join;
  const Ymd held{a.held_year, a.held_month, a.held_day};
  if (a.has_held_on && IsValidDate(held)) e.held_on = held;
  e.loc = Intern(location);
}

void Index::Add(const GridFacts& g, const GridJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  GridFacts* kept = google::protobuf::Arena::Create<GridFacts>(&arena, g);
  // The ids as the shard index keeps them; the instructor's name, kept.
  kept->id = x.grids.id(join.self);
  kept->party_organization_id = IdAt(x.orgs, join.org);
  kept->region_id = IdAt(x.regions, join.region);
  kept->instructor_assignment_id = IdAt(x.assignments, join.assignment);
  kept->instructor_name = Keep(g.instructor_name);
  grids.push_back({*kept, Intern(location)});
  grid_joins.push_back(join);
}

void Index::Add(const CadreFacts& c, const CadreJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  CadreFacts* kept = google::protobuf::Arena::Create<CadreFacts>(&arena, c);
  kept->id = IdAt(x.assignments, join.self);
  kept->party_organization_id = IdAt(x.orgs, join.org);
  kept->grid_id = IdAt(x.grids, join.grid);
  cadres.push_back({*kept, Intern(location)});
  cadre_joins.push_back(join);
}

void Index::Add(const ResultFacts& r, const ResultJoin& join,
                const v1::SourceLocation& location) {
  ResultFacts* kept = google::protobuf::Arena::Create<ResultFacts>(&arena, r);
  kept->id = Keep(r.id);
  kept->host_organization_id = IdAt(ids().hosts, join.host);
  annual_results.push_back({*kept, Intern(location)});
  result_joins.push_back(join);
}

void Index::Add(const MemberFacts& m, const MemberJoin& join,
                const v1::SourceLocation& location, uint64_t national_id_key) {
  MemberEntry& e = members.emplace_back();
  e.join = join;
  e.status = MemberStatusAtYearEnd(MemberFactsView(m), year);
  e.national_id_key = national_id_key;
  e.is_owner = m.is_owner;
  e.loc = Intern(location);
}

namespace {

// A record's id, whether the index keeps its message or its facts.
template <typename Message>
absl::string_view IdOf(const Message& m) {
  return m.id();
}
absl::string_view IdOf(const HostFacts& h) { return h.id; }
absl::string_view IdOf(const OrgFacts& o) { return o.id; }
absl::string_view IdOf(const FundingFacts& f) { return f.id; }
absl::string_view IdOf(const VenueFacts& v) { return v.id; }
absl::string_view IdOf(const GridFacts& g) { return g.id; }
absl::string_view IdOf(const CadreFacts& c) { return c.id; }
absl::string_view IdOf(const ResultFacts& r) { return r.id; }

std::string NationalIdFromKey(uint64_t key) {
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
  void Regions();
  void Funding();
  void Assignments();
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
  // The coverage join's test (docs/report.md), as the aggregator has it for
  // the year of as_of: founded by its end, not dissolved before it.
  bool ExistsInYear(const OrgFacts& o) const {
    return OrganizationExistsInYear(o.has_founded_on, o.founded_year,
                                    o.has_dissolved_on, o.dissolved_year,
                                    c_.as_of.y);
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
        ExistsInYear(x_.orgs[*o].value)) {
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
  // Per party organization (by position): member counts from records.
  struct Counts {
    int64_t by_status[6] = {0, 0, 0, 0, 0, 0};
    int64_t records = 0;
    // Full and probationary members who own the unit (Member.is_owner).
    int64_t owners = 0;
  };
  std::vector<Counts> org_counts_, host_counts_;
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

void Checker::MissingRef(Rule rule, absl::string_view target,
                         absl::string_view kind, absl::string_view id,
                         const Loc& loc, absl::string_view field,
                         absl::string_view value) const {
  if (c_.On(rule)) {
    Emit(rule, kind, id, loc, field,
         Zh("所指", ZhTerm(target), "“", value, "”在数据中不存在"), field,
         " names ", target, " \"", value,
         "\", which is not in the data (引用不存在)");
  }
}

void Checker::References() {
  constexpr Rule R = Rule::kRefRegion, G = Rule::kRefGrid, H = Rule::kRefHost,
                 P = Rule::kRefPartyOrg, M = Rule::kRefMember,
                 V = Rule::kRefVenue;
  const char* region = kRegionTarget;
  const char* grid = kGridTarget;
  const char* host = kHostTarget;
  const char* org = kOrgTarget;
  const char* member = kMemberTarget;
  for (const auto& [e, loc] : x_.regions) {
    Ref(R, regions_, region, "region", e.id(), loc, "parent_id", e.parent_id());
  }
  for (size_t i = 0; i < x_.grids.size(); ++i) {
    const auto& [e, loc] = x_.grids[i];
    const GridJoin& j = x_.grid_joins[i];
    RefAt(P, orgs_, j.org, org, "grid", e.id, loc, "party_organization_id",
          e.party_organization_id);
    RefAt(R, regions_, j.region, region, "grid", e.id, loc, "region_id",
          e.region_id);
  }
  for (size_t i = 0; i < x_.hosts.size(); ++i) {
    const auto& [e, loc] = x_.hosts[i];
    const HostJoin& j = x_.host_joins[i];
    RefAt(R, regions_, j.region, region, "host_organization", e.id, loc,
          "region_id", e.region_id);
    RefAt(G, grids_, j.grid, grid, "host_organization", e.id, loc, "grid_id",
          e.grid_id);
    RefAt(M, members_, j.owner_member, member, "host_organization", e.id, loc,
          "owner.member_id", e.owner_member_id);
  }
  for (size_t o = 0; o < x_.orgs.size(); ++o) {
    const auto& [e, loc] = x_.orgs[o];
    const char* k = "party_organization";
    const absl::Span<const uint32_t> listed =
        ListedHosts(x_.ids(), x_.org_joins[o]);
    // The field paths are made only for a missing reference.
    for (size_t i = 0; i < e.host_organization_ids.size(); ++i) {
      const absl::string_view h = e.host_organization_ids[i];
      if (h.empty() || hosts_.At(listed[i]) != nullptr) continue;
      Ref(H, hosts_, host, k, e.id, loc,
          absl::StrCat("host_organization_ids[", i, "]"), h);
    }
    Ref(R, regions_, region, k, e.id, loc, "region_id", e.region_id);
    Ref(P, orgs_, org, k, e.id, loc, "parent_id", e.parent_id);
    Ref(P, orgs_, org, k, e.id, loc, "previous_party_organization_id",
        e.previous_party_organization_id);
    Ref(M, members_, member, k, e.id, loc, "secretary_member_id",
        e.secretary_member_id);
    for (size_t i = 0; i < e.committee_member_ids.size(); ++i) {
      const absl::string_view m = e.committee_member_ids[i];
      if (m.empty() || members_.Contains(m)) continue;
      Ref(M, members_, member, k, e.id, loc,
          absl::StrCat("committee[", i, "].member_id"), m);
    }
    Ref(V, venues_, "venue (活动场所)", k, e.id, loc, "venue_id", e.venue_id);
  }
  for (size_t i = 0; i < x_.venues.size(); ++i) {
    const auto& [e, loc] = x_.venues[i];
    const VenueJoin& j = x_.venue_joins[i];
    RefAt(P, orgs_, j.org, org, "venue", e.id, loc, "party_organization_id",
          e.party_organization_id);
    RefAt(P, orgs_, j.shared_with_org, org, "venue", e.id, loc,
          "shared_with_party_organization_id",
          e.shared_with_party_organization_id);
  }
  for (size_t i = 0; i < x_.funding.size(); ++i) {
    const auto& [e, loc] = x_.funding[i];
    RefAt(P, orgs_, x_.funding_joins[i].org, org, "funding", e.id, loc,
          "party_organization_id", e.party_organization_id);
  }
  // A member's references: in Members(), which counts by them.
  for (size_t i = 0; i < x_.cadres.size(); ++i) {
    const auto& [e, loc] = x_.cadres[i];
    const CadreJoin& j = x_.cadre_joins[i];
    RefAt(P, orgs_, j.org, org, "cadre_assignment", e.id, loc,
          "party_organization_id", e.party_organization_id);
    RefAt(G, grids_, j.grid, grid, "cadre_assignment", e.id, loc, "grid_id",
          e.grid_id);
  }
  for (const auto& [e, loc] : x_.reserve) {
    Ref(M, members_, member, "reserve_talent", e.id(), loc, "member_id",
        e.member_id());
    Ref(H, hosts_, host, "reserve_talent", e.id(), loc, "host_organization_id",
        e.host_organization_id());
    Ref(P, orgs_, org, "reserve_talent", e.id(), loc, "party_organization_id",
        e.party_organization_id());
  }
  for (const ActivityEntry& e : x_.activities) {
    RefAt(P, orgs_, e.join.org, org, "activity", e.id, e.loc,
          "party_organization_id", e.org_id);
    RefAt(G, grids_, e.join.grid, grid, "activity", e.id, e.loc, "grid_id",
          e.grid_id);
    RefAt(H, hosts_, e.join.host, host, "activity", e.id, e.loc,
          "host_organization_id", e.host_id);
  }
  for (size_t i = 0; i < x_.annual_results.size(); ++i) {
    const auto& [e, loc] = x_.annual_results[i];
    RefAt(H, hosts_, x_.result_joins[i].host, host, "host_annual_result", e.id,
          loc, "host_organization_id", e.host_organization_id);
  }
  for (const auto& [e, loc] : x_.economies) {
    Ref(R, regions_, region, "region_economy", e.id(), loc, "region_id",
        e.region_id());
  }
  for (const auto& [e, loc] : x_.stars) {
    Ref(P, orgs_, org, "star_assessment", e.party_organization_id(), loc,
        "party_organization_id", e.party_organization_id());
  }
}

void Checker::RegionCycles() {
  if (!c_.On(Rule::kRegionCycle)) return;
  const size_t n = x_.regions.size();
  // 0 unvisited, 1 on the current path, 2 done.
  std::vector<char> state(n, 0);
  std::vector<char> on_cycle(n, 0);
  std::vector<size_t> path;
  for (size_t start = 0; start < n; ++start) {
    if (state[start] != 0) continue;
    path.clear();
    size_t at = start;
    while (true) {
      if (state[at] == 1) {
        // A cycle: the path from `at` onward.
        auto from = std::find(path.begin(), path.end(), at);
        for (auto it = from; it != path.end(); ++it) on_cycle[*it] = 1;
        break;
      }
      if (state[at] == 2) break;
      state[at] = 1;
      path.push_back(at);
      const size_t* parent = regions_.Find(x_.regions[at].value.parent_id());
      if (x_.regions[at].value.parent_id().empty() || parent == nullptr) break;
      at = *parent;
    }
    for (size_t p : path) state[p] = 2;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!on_cycle[i]) continue;
    const v1::Region& r = x_.regions[i].value;
    Emit(Rule::kRegionCycle, "region", r.id(), x_.regions[i].loc, "parent_id",
         Zh("行政区域“", r.id(), "”经上级区域“", r.parent_id(),
            "”回到自身（区域层级循环）"),
         "region (行政区域) \"", r.id(),
         "\" is its own ancestor through parent_id \"", r.parent_id(),
         "\" (区域层级循环)");
  }
}

void Checker::Members() {
  org_counts_.assign(x_.orgs.size(), Counts{});
  host_counts_.assign(x_.hosts.size(), Counts{});
  std::vector<std::pair<uint64_t, size_t>> ids;
  ids.reserve(x_.members.size());
  for (size_t i = 0; i < x_.members.size(); ++i) {
    const MemberEntry& m = x_.members[i];
    // Its host and organization (reported when missing, as References()
    // reports the other kinds').
    const absl::string_view id = MemberId(m);
    const size_t host_at =
        RefAt(Rule::kRefHost, hosts_, m.join.host, kHostTarget, "member", id,
              m.loc, "host_organization_id", IdAt(x_.ids().hosts, m.join.host));
    const size_t org_at =
        RefAt(Rule::kRefPartyOrg, orgs_, m.join.org, kOrgTarget, "member", id,
              m.loc, "party_organization_id", IdAt(x_.ids().orgs, m.join.org));
    // Not yet in the pipeline at the end of the year (status -1): counted
    // nowhere, as in the report.
    const int status = m.status;
    if (const size_t* it = &org_at; *it != kNowhere) {
      Counts& c = org_counts_[*it];
      if (status >= 0) {
        ++c.by_status[status];
        ++c.records;
      }
      const OrgFacts& o = x_.orgs[*it].value;
      if ((o.level == v1::ORG_LEVEL_COMMITTEE ||
           o.level == v1::ORG_LEVEL_GENERAL_BRANCH) &&
          c_.On(Rule::kNotBranch)) {
        Emit(Rule::kNotBranch, "member", MemberId(m), m.loc,
             "party_organization_id",
             Zh("所在党组织“", o.id, "”是",
                o.level == v1::ORG_LEVEL_COMMITTEE ? "党委" : "党总支",
                "；党员应编入党支部"),
             "attached to \"", o.id, "\", a ",
             o.level == v1::ORG_LEVEL_COMMITTEE ? "party committee (党委)"
                                                : "general branch (党总支)",
             "; members attach only to branches (党支部)");
      }
    }
    if (const size_t* it = &host_at; *it != kNowhere) {
      Counts& c = host_counts_[*it];
      if (status >= 0) {
        ++c.by_status[status];
        ++c.records;
      }
      if (m.is_owner && (status == v1::MEMBER_STATUS_FULL ||
                         status == v1::MEMBER_STATUS_PROBATIONARY)) {
        ++c.owners;
      }
    }
    if (m.national_id_key != 0) ids.emplace_back(m.national_id_key, i);
  }
  if (!c_.On(Rule::kNidDuplicate)) return;
  // The IDs on more than one record: counted by hashing, then only their
  // records sorted (by ID, then record).
  KeyCounts seen(ids.size());
  bool repeated = false;
  for (const auto& [key, i] : ids) repeated |= seen.Add(key) > 1;
  if (!repeated) return;
  ids.erase(std::remove_if(ids.begin(), ids.end(),
                           [&](const std::pair<uint64_t, size_t>& e) {
                             return seen.Count(e.first) < 2;
                           }),
            ids.end());
  std::sort(ids.begin(), ids.end());
  for (size_t i = 0; i < ids.size();) {
    size_t j = i;
    while (j < ids.size() && ids[j].first == ids[i].first) ++j;
    if (j - i > 1) {
      std::vector<absl::string_view> who;
      for (size_t k = i; k < j; ++k)
        who.push_back(MemberId(x_.members[ids[k].second]));
      std::sort(who.begin(), who.end());
      const std::string masked =
          MaskNationalId(NationalIdFromKey(ids[i].first));
      for (size_t k = i; k < j; ++k) {
        const MemberEntry& m = x_.members[ids[k].second];
        Emit(Rule::kNidDuplicate, "member", MemberId(m), m.loc, "national_id",
             Zh("公民身份号码 ", masked, " 出现在", j - i, "条党员记录中：",
                absl::StrJoin(who, "、")),
             "resident ID (公民身份号码) ", masked, " is on ", j - i,
             " member records: ", absl::StrJoin(who, ", "));
      }
    }
    i = j;
  }
}

void Checker::PartyOrganizations() {
  const v1::Policy& p = c_.policy;
  // Venues naming an organization.
  IdSet has_venue;
  for (const auto& v : x_.venues) {
    if (!v.value.party_organization_id.empty()) {
      has_venue.TryEmplace(v.value.party_organization_id, 1);
    }
  }
  // Organizations with a star assessment record of their own for the year;
  // and such records naming an organization that is not standalone.
  IdSet rated;
  for (const auto& [a, loc] : x_.stars) {
    if (a.year() == c_.as_of.y && !a.party_organization_id().empty()) {
      rated.TryEmplace(a.party_organization_id(), 1);
    }
    const size_t* it = orgs_.Find(a.party_organization_id());
    if (it == nullptr || !c_.On(Rule::kStarsNotStandalone)) continue;
    const OrgFacts& o = x_.orgs[*it].value;
    if (o.formation == v1::FORMATION_MODEL_STANDALONE) continue;
    Emit(Rule::kStarsNotStandalone, "star_assessment", o.id, loc,
         "party_organization_id",
         Zh("组建方式为“", ZhEnum(static_cast<v1::FormationModel>(o.formation)),
            "”的党组织有星级评定；只有单建党组织参加评定"),
         "a star rating (星级) of a ",
         v1::FormationModel_Name(static_cast<v1::FormationModel>(o.formation)),
         " party organization; only standalone (单建) "
         "organizations are rated");
  }
  // Each organization's latest star rating up to as_of's year from the star
  // ledger's records (a record of its own), as year * 8 + stars.
  IdMap<int64_t> ledger_stars;
  if (c_.On(Rule::kDemonstrationStars)) {
    for (const auto& [a, loc] : x_.stars) {
      if (a.year() <= 0 || a.year() > c_.as_of.y ||
          a.party_organization_id().empty()) {
        continue;
      }
      int64_t& v = ledger_stars.TryEmplace(a.party_organization_id(), 0);
      if (a.year() > v / 8) {
        v = int64_t{a.year()} * 8 + std::clamp(a.stars(), 0, 7);
      }
    }
  }
  // Members under each organization, its own and its organizations' (by
  // parent_id; organizations dissolved by as_of left out), for
  // party_org.level.size: `under`, unknown (-1) when an organization under
  // it has units without member data; judged when some member data is
  // under it (`informed`).
  std::vector<int64_t> under;
  std::vector<char> informed;
  if (c_.On(Rule::kLevelSize)) {
    under.assign(x_.orgs.size(), 0);
    informed.assign(x_.orgs.size(), 0);
    std::vector<size_t> path;
    for (size_t i = 0; i < x_.orgs.size(); ++i) {
      const OrgFacts& o = x_.orgs[i].value;
      if (Dissolved(o)) continue;
      if (org_counts_[i].records == 0 && o.host_organization_ids.empty()) {
        continue;  // Nothing of its own: a committee over its branches.
      }
      int64_t full = 0, all = 0;
      MembersOf(i, &full, &all);
      // Up the parent chain, each organization once (a loop of parent ids
      // stops where it closes).
      path.clear();
      for (size_t at = i;;) {
        if (std::find(path.begin(), path.end(), at) != path.end()) break;
        path.push_back(at);
        informed[at] = 1;
        if (under[at] >= 0) under[at] = all < 0 ? -1 : under[at] + all;
        const absl::string_view parent = x_.orgs[at].value.parent_id;
        const size_t* up = parent.empty() ? nullptr : orgs_.Find(parent);
        if (up == nullptr) break;
        at = *up;
      }
    }
  }
  for (size_t i = 0; i < x_.orgs.size(); ++i) {
    const OrgFacts& o = x_.orgs[i].value;
    const Loc& loc = x_.orgs[i].loc;
    const char* k = "party_organization";
    // Target 2 for organizations existing in the year (ClassifyStarTarget()),
    // judged on the first record of an id, as the aggregator does.
    if (c_.On(Rule::kCoverageStar) &&
        FirstOfId(x_.orgs, orgs_, x_.org_joins[i].self, first_unnamed_org_,
                  i)) {
      const StarTargetOutcome star = ClassifyStarOf(o, c_.as_of.y);
      if (star.eligible && !star.met && !rated.Contains(o.id)) {
        Emit(Rule::kCoverageStar, k, o.id, loc, "star_assessments",
             Zh("目标2（星级管理）：", c_.as_of.y, "年度未开展星级评定"),
             "target 2 (星级管理): no star assessment (星级评定) for ",
             c_.as_of.y);
      }
    }
    if (Dissolved(o)) continue;
    int64_t full = -1, all = -1;
    MembersOf(i, &full, &all);
    if (o.formation == v1::FORMATION_MODEL_STANDALONE && full >= 0 &&
        full < p.min_full_members_to_found() && c_.On(Rule::kStandaloneMin)) {
      Emit(Rule::kStandaloneMin, k, o.id, loc, "host_organization_ids",
           Zh("单建党组织只有", full, "名正式党员；单独建立需",
              p.min_full_members_to_found(), "名以上（可改为联合党支部）"),
           "a standalone (单建) party organization with ", full,
           " full members (正式党员); founding one needs ",
           p.min_full_members_to_found(),
           " (join a joint branch 联合党支部 instead)");
    }
    if (o.level == v1::ORG_LEVEL_BRANCH && all > p.branch_max_members() &&
        c_.On(Rule::kBranchMax)) {
      Emit(Rule::kBranchMax, k, o.id, loc, "level",
           Zh("党支部有", all, "名党员；党支部党员一般不超过",
              p.branch_max_members(), "名，超过的可成立党总支"),
           "a branch (党支部) with ", all, " members; a branch has at most ",
           p.branch_max_members(),
           " (form a general branch 党总支 above that)");
    }
    if (!informed.empty() && informed[i] && under[i] >= 0) {
      LevelSize(o, loc, under[i]);
    }
    if (o.demonstration_point &&
        o.formation == v1::FORMATION_MODEL_STANDALONE &&
        c_.On(Rule::kDemonstrationStars)) {
      Demonstration(o, loc, ledger_stars.Find(o.id));
    }
    const int64_t seats = static_cast<int64_t>(o.committee_member_ids.size());
    if (o.level == v1::ORG_LEVEL_BRANCH &&
        full >= p.branch_committee_threshold() && seats > 0 &&
        seats < p.branch_committee_min_size() && c_.On(Rule::kCommitteeSize)) {
      // Below the threshold a branch has a secretary (and a deputy), no
      // committee: its seats are no committee to judge.
      Emit(Rule::kCommitteeSize, k, o.id, loc, "committee",
           Zh("党支部有", full, "名正式党员，支部委员会只有", seats,
              "名委员；应为", p.branch_committee_min_size(), "至",
              p.branch_committee_max_size(), "名"),
           "a branch with ", full,
           " full members has a branch committee "
           "(支委会) of ",
           seats, " seats; a branch committee has ",
           p.branch_committee_min_size(), " to ",
           p.branch_committee_max_size());
    }
    if (o.level == v1::ORG_LEVEL_BRANCH &&
        full >= p.branch_committee_threshold() && seats == 0 &&
        c_.On(Rule::kCommitteeRequired)) {
      // A committee of the wrong size is party_org.committee.size's.
      Emit(Rule::kCommitteeRequired, k, o.id, loc, "committee",
           Zh("党支部有", full, "名正式党员，未设立支部委员会（应为",
              p.branch_committee_min_size(), "至",
              p.branch_committee_max_size(), "人）"),
           "a branch with ", full,
           " full members has no branch committee (支委会) of ",
           p.branch_committee_min_size(), " to ",
           p.branch_committee_max_size());
    }
    if (o.formation == v1::FORMATION_MODEL_REGIONAL) {
      if (o.venue_id.empty() && !has_venue.Contains(o.id) &&
          c_.On(Rule::kRegionalVenue)) {
        Emit(Rule::kRegionalVenue, k, o.id, loc, "venue_id",
             Zh("区域（1+N）党支部没有活动场所"),
             "a regional (1+N) branch (区域党支部) has no activity venue "
             "(活动场所)");
      }
      if (c_.On(Rule::kHeartToHeart)) HeartToHeart(i);
    }
  }
}

void Checker::Demonstration(const OrgFacts& o, const Loc& loc,
                            const int64_t* ledger) {
  // The latest rating up to as_of's year: nested, or a ledger's record.
  int32_t year = 0, stars = 0;
  for (const StarFacts& a : o.star_assessments) {
    if (a.year > 0 && a.year <= c_.as_of.y && a.year > year) {
      year = a.year;
      stars = a.stars;
    }
  }
  if (ledger != nullptr && *ledger / 8 > year) {
    year = static_cast<int32_t>(*ledger / 8);
    stars = static_cast<int32_t>(*ledger % 8);
  }
  const int min = c_.policy.demonstration_min_stars();
  const char* k = "party_organization";
  if (year == 0) {
    Emit(Rule::kDemonstrationStars, k, o.id, loc, "demonstration_point",
         Zh("示范点未参加星级评定；示范点应为", min, "星级以上"),
         "a demonstration point (示范点) without a star rating (星级); "
         "demonstration points have ",
         min, " stars or more");
  } else if (stars < min) {
    Emit(Rule::kDemonstrationStars, k, o.id, loc, "demonstration_point",
         Zh("示范点", year, "年度评为", stars, "星级；示范点应为", min,
            "星级以上"),
         "a demonstration point (示范点) rated ", stars, " stars in ", year,
         "; demonstration points have ", min, " stars or more");
  }
}

void Checker::MembersOf(size_t i, int64_t* full, int64_t* all) const {
  const Counts& counts = org_counts_[i];
  *full = *all = -1;
  if (counts.records > 0) {
    *full = counts.by_status[v1::MEMBER_STATUS_FULL];
    *all = *full + counts.by_status[v1::MEMBER_STATUS_PROBATIONARY];
    return;
  }
  if (x_.orgs[i].value.host_organization_ids.empty()) return;
  int64_t f = 0, a = 0;
  for (const uint32_t h : ListedHosts(x_.ids(), x_.org_joins[i])) {
    const size_t* it = hosts_.At(h);
    if (it == nullptr || !x_.hosts[*it].value.has_reported_member_counts) {
      return;
    }
    const int32_t* reported = x_.hosts[*it].value.reported;
    f += reported[0];
    a += reported[0] + reported[1];
  }
  *full = f;
  *all = a;
}

void Checker::LevelSize(const OrgFacts& o, const Loc& loc, int64_t members) {
  const v1::Policy& p = c_.policy;
  const char* k = "party_organization";
  if (o.level == v1::ORG_LEVEL_COMMITTEE &&
      members < p.committee_min_members()) {
    Emit(Rule::kLevelSize, k, o.id, loc, "level",
         Zh("党委所属党员共", members, "名；党员", p.committee_min_members(),
            "名以上的一般设立党委（人数不足的须经上级党组织批准），"
            "否则可改设党总支或党支部"),
         "a party committee (党委) with ", members,
         " members under it; a committee is usually for ",
         p.committee_min_members(),
         " or more (fewer need the higher organization's approval; else a "
         "general branch or branch)");
  } else if (o.level == v1::ORG_LEVEL_GENERAL_BRANCH &&
             members <= p.general_branch_min_members()) {
    Emit(Rule::kLevelSize, k, o.id, loc, "level",
         Zh("党总支所属党员共", members, "名；党员超过",
            p.general_branch_min_members(),
            "名的一般设立党总支（人数不足的须经上级党组织批准），否则可改设党支"
            "部"),
         "a general branch (党总支) with ", members,
         " members under it; a general branch is usually for more than ",
         p.general_branch_min_members(),
         " (fewer need the higher organization's approval; else a branch)");
  }
}

void Checker::HeartToHeart(size_t index) {
  const OrgFacts& o = x_.orgs[index].value;
  const int32_t per_year =
      c_.policy.regional_heart_to_heart_meetings_per_year();
  const int32_t period = per_year >= 12 ? 1 : 12 / per_year;
  const int32_t periods = 12 / period;
  // Month indexes (year * 12 + month - 1) of the organization's meetings.
  std::vector<int64_t> held;
  for (const ActivityEntry& a : x_.activities) {
    if (a.kind == v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING &&
        a.org_id == o.id && a.held_on.y != 0 && a.held_on.m != 0) {
      held.push_back(int64_t{a.held_on.y} * 12 + a.held_on.m - 1);
    }
  }
  Ymd founded;
  if (o.has_founded_on && IsValidDate(FoundedOn(o))) {
    founded = FoundedOn(o);
  }
  // The period containing as_of has not ended: start with the one before.
  const int64_t now = int64_t{c_.as_of.y} * 12 + c_.as_of.m - 1;
  int64_t start = (now / 12) * 12 + ((now % 12) / period) * period;
  for (int32_t k = 0; k < periods; ++k) {
    start -= period;
    const Ymd first{static_cast<int32_t>(start / 12),
                    static_cast<int32_t>(start % 12) + 1, 1};
    if (founded.y != 0 && CompareDates(founded, first) > 0) continue;
    bool found = false;
    for (int64_t h : held) found = found || (h >= start && h < start + period);
    if (found) continue;
    const int64_t last = start + period - 1;
    Emit(Rule::kHeartToHeart, "party_organization", o.id, x_.orgs[index].loc,
         "activities",
         Zh(first.y, "年", first.m, "月至", last / 12, "年", last % 12 + 1,
            "月未召开恳谈会"),
         "no heart-to-heart meeting (恳谈会) from ", first.y, "-", first.m,
         " to ", last / 12, "-", last % 12 + 1);
  }
}

void Checker::Regions() {
  if (!c_.On(Rule::kRegionalBranchCount)) return;
  IdMap<int64_t> regional;
  for (const auto& [o, loc] : x_.orgs) {
    if (o.formation == v1::FORMATION_MODEL_REGIONAL && !Dissolved(o)) {
      ++regional.TryEmplace(o.region_id, 0);
    }
  }
  for (const auto& [r, loc] : x_.regions) {
    switch (r.level()) {
      case v1::REGION_LEVEL_SUMU:
      case v1::REGION_LEVEL_TOWNSHIP:
      case v1::REGION_LEVEL_TOWN:
      case v1::REGION_LEVEL_SUB_DISTRICT:
      case v1::REGION_LEVEL_DEVELOPMENT_ZONE:
        break;
      default:
        continue;
    }
    if (r.id().empty()) continue;
    const int64_t* it = regional.Find(r.id());
    const int64_t n = it == nullptr ? 0 : *it;
    if (n == 1) continue;
    Emit(Rule::kRegionalBranchCount, "region", r.id(), loc, "level",
         Zh("该",
            r.level() == v1::REGION_LEVEL_UNSPECIFIED ? std::string("区域")
                                                      : ZhEnum(r.level()),
            "有", n, "个区域（1+N）党支部；应有且只有1个"),
         v1::RegionLevel_Name(r.level()), " region has ", n,
         " regional (1+N) branches (区域党支部); it should have "
         "exactly one");
  }
}

void Checker::Funding() {
  // Amounts by organization (its number), year and source: sorted, then
  // summed run by run.
  struct Amount {
    uint32_t org;
    int32_t year;
    int32_t source;
    int64_t fen;
  };
  std::vector<Amount> amounts;
  amounts.reserve(x_.funding.size());
  for (size_t i = 0; i < x_.funding.size(); ++i) {
    const auto& [f, loc] = x_.funding[i];
    const uint32_t org_number = x_.funding_joins[i].org;
    const size_t* org = orgs_.At(org_number);
    if (org == nullptr) continue;
    amounts.push_back({org_number, f.year, f.source, f.amount_fen});
    const OrgFacts& o = x_.orgs[*org].value;
    if (o.has_founded_on && IsValidDate(FoundedOn(o)) && f.year > 0 &&
        f.year < o.founded_year && c_.On(Rule::kFundingBeforeFounding)) {
      Emit(Rule::kFundingBeforeFounding, "funding", f.id, loc, "year",
           Zh(f.year, "年度的经费早于党组织“", o.id, "”成立（", o.founded_year,
              "年）"),
           "funding (经费) for ", f.year, ", before \"", o.id,
           "\" was founded (成立) in ", o.founded_year);
    }
  }
  if (!c_.On(Rule::kFundingNegative)) return;
  auto key = [](const Amount& a) {
    return std::make_tuple(a.org, a.year, a.source);
  };
  std::sort(amounts.begin(), amounts.end(),
            [&](const Amount& a, const Amount& b) { return key(a) < key(b); });
  for (size_t i = 0; i < amounts.size();) {
    absl::int128 total = 0;
    size_t j = i;
    for (; j < amounts.size() && key(amounts[j]) == key(amounts[i]); ++j) {
      total += amounts[j].fen;
    }
    const Amount& a = amounts[i];
    i = j;
    if (total >= 0) continue;
    const Stored<OrgFacts>& o = x_.orgs[*orgs_.At(a.org)];
    Emit(Rule::kFundingNegative, "party_organization", o.value.id, o.loc,
         "funding",
         Zh(a.year, "年度来源为“",
            ZhEnum(static_cast<v1::FundingSource>(a.source)), "”的经费合计 ",
            ZhYuan(static_cast<int64_t>(total)), "，小于0"),
         "funding (经费) for ", a.year, " from ",
         v1::FundingSource_Name(static_cast<v1::FundingSource>(a.source)),
         " adds up to ", static_cast<int64_t>(total), " fen, below zero");
  }
}

void Checker::Assignments() {
  assignments_.assign(x_.ids().assignments.size(), kNoAssignment);
  for (size_t i = 0; i < x_.cadres.size(); ++i) {
    const CadreFacts& a = x_.cadres[i].value;
    const uint32_t n = x_.cadre_joins[i].self;
    if (n == kNoId) continue;  // No id.
    const bool in_post = AssignmentInPostInYear(
        a.has_start_on, a.start_year, a.has_end_on, a.end_year, c_.as_of.y);
    int8_t& slot = assignments_[n];
    slot = slot == kInPost || in_post ? kInPost : kOutOfPost;
  }
}

void Checker::Grids() {
  // A grid with neither a name nor an assignment is the per-record rule's;
  // here, a grid whose only instructor is an assignment out of post.
  if (!c_.On(Rule::kGridInstructor)) return;
  for (size_t i = 0; i < x_.grids.size(); ++i) {
    const auto& [g, loc] = x_.grids[i];
    if (GridHasInstructor(!g.instructor_name.empty(), AssignmentOf(i)) ||
        g.instructor_assignment_id.empty()) {
      continue;
    }
    Emit(Rule::kGridInstructor, "grid", g.id, loc, "instructor_assignment_id",
         Zh("网格的指导员选派“", g.instructor_assignment_id, "”在", c_.as_of.y,
            "年度不在岗"),
         "the grid's (网格) instructor assignment (指导员选派) \"",
         g.instructor_assignment_id, "\" is not in post in ", c_.as_of.y);
  }
}

void Checker::Hosts() {
  // Coverage by party organizations.
  struct Cover {
    bool standalone = false, joint = false, regional = false;
  };
  std::vector<Cover> cover(x_.hosts.size());
  for (size_t i = 0; i < x_.orgs.size(); ++i) {
    const OrgFacts& o = x_.orgs[i].value;
    if (!FirstOfId(x_.orgs, orgs_, x_.org_joins[i].self, first_unnamed_org_,
                   i) ||
        !ExistsInYear(o)) {
      continue;
    }
    for (const uint32_t h : ListedHosts(x_.ids(), x_.org_joins[i])) {
      const size_t* it = hosts_.At(h);
      if (it == nullptr) continue;
      Cover& c = cover[*it];
      switch (o.formation) {
        case v1::FORMATION_MODEL_STANDALONE:
          c.standalone = true;
          break;
        case v1::FORMATION_MODEL_JOINT:
        case v1::FORMATION_MODEL_AFFILIATED:
          c.joint = true;
          break;
        case v1::FORMATION_MODEL_REGIONAL:
          c.regional = true;
          break;
        default:
          break;
      }
    }
  }
  // By number in the shard index: the units a contact card activity names.
  std::vector<char> cards(x_.ids().hosts.size(), 0);
  for (const ActivityEntry& a : x_.activities) {
    if (a.kind == v1::ACTIVITY_KIND_CONTACT_CARD_DISTRIBUTION &&
        a.join.host != kNoId) {
      cards[a.join.host] = 1;
    }
  }
  // By grid position, worked out for the first unit in the grid.
  std::vector<GridCover> grid_covers(x_.grids.size());
  const v1::Policy& p = c_.policy;
  for (size_t i = 0; i < x_.hosts.size(); ++i) {
    const HostFacts& h = x_.hosts[i].value;
    const Loc& loc = x_.hosts[i].loc;
    const char* k = "host_organization";
    const Counts& counts = host_counts_[i];
    // The owner on the unit's record against the member records: the
    // unit's members marked is_owner, or the member its owner names
    // (owner.member_id: an owner may belong to another branch). Judged when
    // the unit has member records or names its owner's.
    const size_t* owner_record =
        h.owner_member_id.empty() ? nullptr
                                  : members_.At(x_.host_joins[i].owner_member);
    bool members_say_owner = counts.owners > 0;
    if (owner_record != nullptr) {
      const int status = x_.members[*owner_record].status;
      members_say_owner = members_say_owner ||
                          status == v1::MEMBER_STATUS_FULL ||
                          status == v1::MEMBER_STATUS_PROBATIONARY;
    }
    if ((counts.records > 0 || owner_record != nullptr) &&
        c_.On(Rule::kOwnerMismatch) &&
        h.owner_is_party_member != members_say_owner) {
      if (h.owner_is_party_member) {
        Emit(Rule::kOwnerMismatch, k, h.id, loc, "owner.is_party_member",
             Zh("单位记录业主是党员，但本单位党员记录中没有业主（是否业主未填"
                "）"),
             "the unit's owner (业主) is recorded as a party member, but no "
             "member record of the unit is marked as its owner (is_owner)");
      } else {
        Emit(Rule::kOwnerMismatch, k, h.id, loc, "owner.is_party_member",
             Zh("本单位有", counts.owners,
                "名党员记录标为业主，但单位记录业主不是党员"),
             counts.owners,
             " member record(s) of the unit are marked as its "
             "owner (is_owner), but the unit's owner (业主) is not recorded "
             "as a party member");
      }
    }
    // Reported counts against member records.
    if (h.has_reported_member_counts && counts.records > 0 &&
        c_.On(Rule::kReportedCounts)) {
      // full, probationary, activists, applicants, development targets.
      const int32_t* rc = h.reported;
      const struct {
        int64_t reported;
        v1::MemberStatus status;
        const char* field;
        const char* term;
      } pairs[] = {
          {rc[0], v1::MEMBER_STATUS_FULL, "reported_member_counts.full",
           "full members (正式党员)"},
          {rc[1], v1::MEMBER_STATUS_PROBATIONARY,
           "reported_member_counts.probationary",
           "probationary members (预备党员)"},
          {rc[4], v1::MEMBER_STATUS_DEVELOPMENT_TARGET,
           "reported_member_counts.development_targets",
           "development targets (发展对象)"},
          {rc[2], v1::MEMBER_STATUS_ACTIVIST,
           "reported_member_counts.activists", "activists (入党积极分子)"},
          {rc[3], v1::MEMBER_STATUS_APPLICANT,
           "reported_member_counts.applicants", "applicants (入党申请人)"},
      };
      for (const auto& pr : pairs) {
        const int64_t actual = counts.by_status[pr.status];
        if (pr.reported == actual) continue;
        Emit(Rule::kReportedCounts, k, h.id, loc, pr.field,
             Zh("单位报告", ZhTerm(pr.term), pr.reported, "名，但党员记录为",
                actual, "名"),
             "reports ", pr.reported, " ", pr.term, " but ", actual,
             " member records say so");
      }
    }
    // Coverage: units of as_of's year only, each judged on the first record
    // of its id, as the aggregator counts them (docs/report.md).
    const HostJoin& join = x_.host_joins[i];
    if (!FirstOfId(x_.hosts, hosts_, join.self, first_unnamed_host_, i) ||
        !UnitOfYear(h.status == v1::HOST_STATUS_CLOSED, h.has_registered_on,
                    h.registered_year, c_.as_of.y)) {
      continue;
    }
    HostCoverageFacts facts;
    if (counts.records > 0) {
      facts.full_members = counts.by_status[v1::MEMBER_STATUS_FULL];
      facts.all_members =
          facts.full_members + counts.by_status[v1::MEMBER_STATUS_PROBATIONARY];
    } else if (h.has_reported_member_counts) {
      // Negative counts read as 0, as the aggregator reads them.
      facts.full_members = std::max<int64_t>(0, h.reported[0]);
      facts.all_members =
          facts.full_members + std::max<int64_t>(0, h.reported[1]);
    }
    facts.in_standalone = cover[i].standalone;
    facts.in_joint_or_affiliated = cover[i].joint;
    GridCover grid_cover;
    if (const size_t* g = grids_.At(join.grid);
        !h.grid_id.empty() && g != nullptr) {
      grid_cover = GridCoverAt(*g, &grid_covers);
    }
    SetRegionalCoverage(cover[i].regional, grid_cover.in_regional_grid,
                        grid_cover.has_instructor, &facts);
    if (facts.in_regional && !h.service_contact_card_issued &&
        !cards[join.self] && c_.On(Rule::kContactCard)) {
      Emit(Rule::kContactCard, k, h.id, loc, "service_contact_card_issued",
           Zh("由区域（1+N）党支部覆盖，但未发放服务联系卡"),
           "covered by a regional (1+N) branch but holds no service contact "
           "card (服务联系卡)");
    }
    const HostCoverage cov = ClassifyHost(facts, p);
    if (cov.met) continue;
    switch (cov.target) {
      case CoverageTarget::kFoundWhereConditionExists:
        if (c_.On(Rule::kCoverageFound)) {
          Emit(Rule::kCoverageFound, k, h.id, loc, "id",
               Zh("目标1（应建尽建）：有", facts.full_members,
                  "名正式党员，未单独建立党组织"),
               "target 1 (应建尽建): ", facts.full_members,
               " full members (正式党员) and no standalone (单建) "
               "party organization");
        }
        break;
      case CoverageTarget::kJointWhereMembersAreFew:
        if (c_.On(Rule::kCoverageJoint)) {
          Emit(Rule::kCoverageJoint, k, h.id, loc, "id",
               Zh("目标3（联建）：有", facts.all_members,
                  "名党员，未纳入联建或挂靠党组织"),
               "target 3 (联建): ", facts.all_members,
               " members (党员) and in no joint (联建) or "
               "affiliated (挂靠) party organization");
        }
        break;
      case CoverageTarget::kPartyWorkWhereNoMembers:
        if (c_.On(Rule::kCoveragePartyWork)) {
          Emit(Rule::kCoveragePartyWork, k, h.id, loc, "grid_id",
               Zh("目标4（党的工作覆盖）：无党员，未纳入配备指导员的区域（1+"
                  "N）网格"),
               "target 4 (党的工作覆盖): no members (党员) and in no regional "
               "(1+N) grid (网格) with an instructor (指导员)");
        }
        break;
      default:
        break;
    }
  }
}

void Checker::Run() {
  auto id = [](const auto& s) { return IdOf(s.value); };
  auto entry_id = [](const auto& e) { return absl::string_view(e.id); };
  const ShardIndex& ids = x_.ids();
  Duplicates(
      x_.regions, "region", id, [&](size_t i) { return x_.region_self[i]; },
      ids.regions, &regions_);
  Duplicates(
      x_.grids, "grid", id, [&](size_t i) { return x_.grid_joins[i].self; },
      ids.grids, &grids_);
  Duplicates(
      x_.hosts, "host_organization", id,
      [&](size_t i) { return x_.host_joins[i].self; }, ids.hosts, &hosts_);
  Duplicates(
      x_.orgs, "party_organization", id,
      [&](size_t i) { return x_.org_joins[i].self; }, ids.orgs, &orgs_);
  Duplicates(x_.venues, "venue", id, &venues_);
  Duplicates(
      x_.members, "member",
      [this](const MemberEntry& e) { return MemberId(e); },
      [&](size_t i) { return x_.members[i].join.self; }, ids.members,
      &members_);
  Duplicates(x_.funding, "funding", id, &ignored_);
  Duplicates(x_.cadres, "cadre_assignment", id, &ignored_);
  Duplicates(x_.reserve, "reserve_talent", id, &ignored_);
  Duplicates(x_.activities, "activity", entry_id, &ignored_);
  Duplicates(x_.annual_results, "host_annual_result", id, &ignored_);
  Duplicates(x_.economies, "region_economy", id, &ignored_);
  first_unnamed_host_ = FirstUnnamed(x_.hosts);
  first_unnamed_org_ = FirstUnnamed(x_.orgs);
  References();
  RegionCycles();
  Members();
  PartyOrganizations();
  Regions();
  Funding();
  Assignments();
  Grids();
  Hosts();
}

}  // namespace

void CheckIndex(const Config& config, const Index& index, Sink* sink) {
  Checker(config, index, sink).Run();
}

}  // namespace internal
}  // namespace dangjian
