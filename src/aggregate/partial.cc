// Partial reports: merging, regrouping, and the final report.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "aggregate/feed.h"
#include "aggregate/figures.h"
#include "aggregate/worklist_places.h"
#include "core/calendar.h"
#include "core/id_index.h"
#include "core/natural_order.h"
#include "core/transfers.h"
#include "dangjian/aggregate.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/unknown_field_set.h"

namespace dangjian {
namespace internal {
namespace {

// A shard's fingerprint in an error message: its file, when known, and value.
std::string ShardName(const v1::ShardFingerprint& f) {
  return absl::StrCat(
      f.file().empty() ? "" : absl::StrCat(MaskPersonalData(f.file()), " "),
      absl::StrFormat("(fingerprint %016x, %d records)", f.value(),
                      f.records()));
}

// Checks that `p` is in this library's layout. `names_implied`: a partial
// that names no counters and no sums is taken as naming this library's (a
// partial of this run: aggregate/feed.h).
absl::Status CheckLayout(const v1::PartialReport& p, absl::string_view what,
                         bool names_implied = false) {
  if (p.state_version() != kStateVersion) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": partial report state version ", p.state_version(),
                     ", this library reads ", kStateVersion));
  }
  if (p.has_as_of() && !IsValidFullDate(Ymd{p.as_of().year(), p.as_of().month(),
                                            p.as_of().day()})) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, ": the date the data stands at (as_of) ", p.as_of().year(), "-",
        p.as_of().month(), "-", p.as_of().day(), " is not a calendar date"));
  }
  const std::vector<std::string>& counters = CounterNames();
  const std::vector<std::string>& sums = SumNames();
  // Each of 3,000 county partials carries the names: walked by the
  // field's own iterator (inline; Get() is a call into libprotobuf per name)
  // and compared without a libc call where the names are short.
  auto same = [](const std::vector<std::string>& want,
                 const google::protobuf::RepeatedPtrField<std::string>& got) {
    if (got.size() != static_cast<int>(want.size())) return false;
    auto it = got.begin();
    for (const std::string& w : want) {
      if (!EqualBytes(w, *it++)) return false;
    }
    return true;
  };
  const bool implied =
      names_implied && p.counter_names().empty() && p.sum_names().empty();
  if (!implied &&
      (!same(counters, p.counter_names()) || !same(sums, p.sum_names()))) {
    return absl::InvalidArgumentError(
        absl::StrCat(what,
                     ": partial report counter or sum names differ from this "
                     "library's layout"));
  }
  // A group's key once: a second group of one key would be counted twice.
  // (A county's partial grouped by county has one group: no set to build.)
  absl::flat_hash_set<std::string> keys;
  if (p.groups_size() > 1) keys.reserve(static_cast<size_t>(p.groups_size()));
  for (const v1::PartialGroup& g : p.groups()) {
    if (g.counters_size() != kNumCounters || g.sums_high_size() != kNumSums ||
        g.sums_low_size() != kNumSums) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, ": partial report group has ", g.counters_size(),
          " counters and ", g.sums_high_size(), "/", g.sums_low_size(),
          " sums, expected ", kNumCounters, " and ", kNumSums));
    }
    if (p.groups_size() > 1 && !keys.insert(EncodeGroupKey(g.key())).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": partial report has two groups of one key (",
                       MaskPersonalData(g.key().ShortDebugString()),
                       "): not a partial any aggregation writes"));
    }
    // Every counter counts something: never below zero.
    for (int i = 0; i < kNumCounters; ++i) {
      if (g.counters(i) < 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            what, ": partial report group (",
            MaskPersonalData(g.key().ShortDebugString()), ") counts ",
            g.counters(i), " for ", counters[static_cast<size_t>(i)],
            ": counts are never negative"));
      }
    }
    // The four targets: no more met than eligible.
    for (int t = 0; t < 4; ++t) {
      const int64_t eligible = g.counters(kT1Eligible + 2 * t);
      const int64_t met = g.counters(kT1Met + 2 * t);
      if (eligible < 0 || met < 0 || met > eligible) {
        return absl::InvalidArgumentError(absl::StrCat(
            what, ": partial report group (",
            MaskPersonalData(g.key().ShortDebugString()), ") has target ",
            t + 1, " met by ", met, " of ", eligible,
            " eligible: counts are never negative and never more met than "
            "eligible"));
      }
    }
    for (const v1::Worklist& w : g.worklists()) {
      if (w.target() < 1 || w.target() > 4) {
        return absl::InvalidArgumentError(absl::StrCat(
            what, ": partial report worklist for target ", w.target()));
      }
      if (w.entries_size() != 0 && w.entries_size() != w.ids_size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            what, ": partial report worklist for target ", w.target(), " has ",
            w.ids_size(), " ids and ", w.entries_size(),
            " entries: one entry per id, or none"));
      }
    }
  }
  for (const auto* named : {&p.skipped_records(), &p.findings()}) {
    for (const v1::NamedCount& c : *named) {
      if (c.count() < 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            what, ": partial report counts ", c.count(), " ",
            named == &p.findings() ? "findings" : "skipped records", " of ",
            MaskPersonalData(c.name()), ": counts are never negative"));
      }
    }
  }
  // A region's figures: never negative, never more non-public than all
  // (the aggregation leaves such a pair out).
  for (const v1::RegionNode& n : p.regions()) {
    const int64_t pairs[3][2] = {
        {n.market_entities_total(), n.market_entities_non_public()},
        {n.value_added_total_fen(), n.value_added_non_public_fen()},
        {n.tax_revenue_total_fen(), n.tax_revenue_non_public_fen()}};
    bool bad = n.working_committee_member_units() < 0;
    for (const auto& pair : pairs) {
      bad = bad || pair[0] < 0 || pair[1] < 0 || pair[1] > pair[0];
    }
    if (bad) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, ": partial report region ", MaskPersonalData(n.id()),
          " has a negative figure or more non-public than total (",
          MaskPersonalData(n.ShortDebugString()),
          "): not a partial any aggregation writes"));
    }
  }
  const v1::TransferLedger& t = p.transfers();
  if (t.letter_valid_days() < 0 ||
      ((t.sides_size() != 0 || t.region_ids_size() != 0) &&
       t.letter_valid_days() == 0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, ": partial report transfers with a letter valid for ",
        t.letter_valid_days(), " days: not a partial any run writes"));
  }
  for (const v1::TransferSide& side : t.sides()) {
    if (!DatesATransferSide(ToYmd(side.on())) ||
        (side.has_paired_out_on() &&
         !DatesATransferSide(ToYmd(side.paired_out_on()))) ||
        !IsTransferKind(side.kind())) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, ": partial report transfer of member ",
          MaskPersonalData(side.member_id()),
          " is not a dated transfer in or out: not a partial any run "
          "writes"));
    }
  }
  for (const v1::DamagedShard& d : p.damaged_shards()) {
    if (d.records_read() < 0 || d.bytes_unread() < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, ": partial report damaged shard ", MaskPersonalData(d.file()),
          " with ", d.records_read(), " records read and ", d.bytes_unread(),
          " bytes unread: counts are never negative"));
    }
  }
  // A shard once (a county's partial counts one: no map to build).
  absl::flat_hash_map<uint64_t, const v1::ShardFingerprint*> shards;
  if (p.shards_size() > 1) shards.reserve(static_cast<size_t>(p.shards_size()));
  for (const v1::ShardFingerprint& f : p.shards()) {
    if (f.records() <= 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, ": partial report counts shard ", ShardName(f), " of ",
          f.records(),
          " records: a shard counted holds records; not a partial any "
          "aggregation writes"));
    }
    if (p.shards_size() == 1) break;
    auto [it, inserted] = shards.try_emplace(f.value(), &f);
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": partial report counts shard ", ShardName(f),
                       " twice (as ", ShardName(*it->second),
                       " too): not a partial any aggregation writes"));
    }
  }
  return absl::OkStatus();
}

bool SameGroupBy(const v1::GroupBy& a, const v1::GroupBy& b) {
  return a.region_level() == b.region_level() && a.industry() == b.industry() &&
         a.host_kind() == b.host_kind() &&
         a.host_subtype() == b.host_subtype() &&
         a.sector_system() == b.sector_system();
}

absl::Status CheckCompatible(const v1::PartialReport& a,
                             const v1::PartialReport& b) {
  if (a.year() != b.year()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot merge partial reports of years ", a.year(), " and ", b.year()));
  }
  if (a.policy_version() != b.policy_version() ||
      a.min_full_members_to_found() != b.min_full_members_to_found()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot merge partial reports judged by different policies (\"",
        a.policy_version(), "\" with minimum ", a.min_full_members_to_found(),
        ", \"", b.policy_version(), "\" with minimum ",
        b.min_full_members_to_found(), ")"));
  }
  if (!SameGroupBy(a.group_by(), b.group_by())) {
    return absl::InvalidArgumentError(
        "cannot merge partial reports grouped differently; regroup them "
        "first (RegroupPartialReport)");
  }
  if (a.worklist_cap() != b.worklist_cap()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot merge partial reports with worklist caps ",
                     a.worklist_cap(), " and ", b.worklist_cap()));
  }
  return absl::OkStatus();
}

absl::Status CounterOverflow(absl::string_view name) {
  return absl::OutOfRangeError(absl::StrCat(
      "the merged count ", name,
      " is outside the int64 range: the partial reports are not counts of "
      "real data (or one was counted many times)"));
}

// Whether a partial's worklist is in order of id, as a merge writes it. The
// aggregator's own may not be: it orders the ids before masking them, and a
// masked resident ID can sort elsewhere (its '*' below the digits).
bool InIdOrder(const v1::Worklist& w) {
  return std::is_sorted(w.ids().begin(), w.ids().end());
}

// Adds a partial group into an accumulator; OutOfRange naming the counter
// whose sum leaves the int64 range (it wrapped to a negative count).
absl::Status AddGroup(const v1::PartialGroup& g, int32_t cap, GroupAcc* acc) {
  for (int i = 0; i < kNumCounters; ++i) {
    if (__builtin_add_overflow(acc->counters[i], g.counters(i),
                               &acc->counters[i])) {
      return CounterOverflow(CounterNames()[static_cast<size_t>(i)]);
    }
  }
  for (int i = 0; i < kNumSums; ++i) {
    acc->sums[i] += absl::MakeInt128(g.sums_high(i), g.sums_low(i));
  }
  for (const v1::Worklist& w : g.worklists()) {
    if (w.ids_size() == 0) continue;
    // Views, not copies: only the items kept are copied. A partial's lists
    // are sorted as written (merging by county, each group's list arrives
    // whole): sorted again only when they are not. Entries go with their
    // ids when there is one per id (a partial of dangjian 0.2.0 has none).
    const bool entries = w.entries_size() == w.ids_size();
    std::vector<WorkRef> items(static_cast<size_t>(w.ids_size()));
    for (int i = 0; i < w.ids_size(); ++i) {
      items[static_cast<size_t>(i)] = {w.ids(i),
                                       entries ? &w.entries(i) : nullptr};
    }
    if (!InIdOrder(w)) {
      std::stable_sort(
          items.begin(), items.end(),
          [](const WorkRef& a, const WorkRef& b) { return a.id < b.id; });
    }
    MergeWorklist(&acc->worklists[w.target() - 1], items, cap);
  }
  return absl::OkStatus();
}

// Region nodes ordered so that merging keeps the same one whatever the order.
auto NodeTuple(const v1::RegionNode& n) {
  return std::make_tuple(
      n.economy_year(), n.working_committee_member_units(),
      n.market_entities_total(), n.market_entities_non_public(),
      n.value_added_total_fen(), n.value_added_non_public_fen(),
      n.tax_revenue_total_fen(), n.tax_revenue_non_public_fen(), n.level(),
      std::cref(n.name()), std::cref(n.parent_id()));
}

// The first 16 bytes of an id, big-endian, zero-padded: ordered as the ids
// are, but for ids that share those bytes.
absl::uint128 IdPrefix(absl::string_view id) {
  uint8_t b[16] = {};
  std::memcpy(b, id.data(), std::min<size_t>(id.size(), 16));
  uint64_t hi = 0, lo = 0;
  for (int i = 0; i < 8; ++i) hi = hi << 8 | b[i];
  for (int i = 8; i < 16; ++i) lo = lo << 8 | b[i];
  return absl::MakeUint128(hi, lo);
}

// One node per id, in order of id (byte order): of the copies of a
// replicated region (every county's partial holds its province and city),
// the greatest by NodeTuple(), so that which copy is kept does not depend on
// the order of the partials. One sort of every copy, then a walk along the
// copies of each id: the prefixes make most comparisons one of two integers,
// and no table of ids is built (a hash of each id cost as much as the sort).
std::vector<const v1::RegionNode*> UniqueById(
    const std::vector<const v1::RegionNode*>& nodes) {
  std::vector<std::pair<absl::uint128, const v1::RegionNode*>> keyed;
  keyed.reserve(nodes.size());
  for (const v1::RegionNode* n : nodes) {
    keyed.emplace_back(IdPrefix(n->id()), n);
  }
  auto id_less = [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return CompareBytes(a.second->id(), b.second->id()) < 0;
  };
  std::sort(keyed.begin(), keyed.end(), id_less);
  std::vector<const v1::RegionNode*> unique;
  unique.reserve(keyed.size());
  for (size_t i = 0; i < keyed.size();) {
    const v1::RegionNode* best = keyed[i].second;
    size_t j = i + 1;
    for (; j < keyed.size() && !id_less(keyed[i], keyed[j]); ++j) {
      if (NodeTuple(*best) < NodeTuple(*keyed[j].second))
        best = keyed[j].second;
    }
    unique.push_back(best);
    i = j;
  }
  return unique;
}

// Groups keyed by their encoded key, in insertion order. A merge holds a
// key's group as it is in its partial until a second group of the key comes:
// merging by county, most keys are in one partial only and need no
// accumulator (1.4 KB each, first-touched: 3,000 in a national merge).
struct GroupMap {
  struct Entry {
    v1::GroupKey key;
    // The key's only group so far (Add()), and where it is: its partial's
    // index among those merged, and its own among the partial's groups.
    const v1::PartialGroup* sole = nullptr;
    size_t partial = 0;
    int group = 0;
    // The key's figures once a second group came.
    std::unique_ptr<GroupAcc> acc;
    // FinishReport(): the figures of the key's regions, joined to its
    // group's there.
    int64_t working_committee_units = 0;
    absl::int128 economy[6] = {};

    // The key's figures so far into `out`, emptied first and its memory
    // kept: the accumulator's, or its one group's (AddGroup()).
    absl::Status FiguresInto(int32_t cap, GroupAcc* out) const {
      if (acc != nullptr) {
        *out = *acc;
        return absl::OkStatus();
      }
      out->Clear();
      return sole != nullptr ? AddGroup(*sole, cap, out) : absl::OkStatus();
    }
  };
  std::unordered_map<std::string, size_t> index;
  std::vector<Entry> groups;

  // The entry of `key`, made empty when first asked for.
  Entry& At(const v1::GroupKey& key) {
    auto [it, inserted] = index.try_emplace(EncodeGroupKey(key), groups.size());
    if (inserted) groups.emplace_back().key = key;
    return groups[it->second];
  }

  // Adds group `group` of partial `partial`, `g`, under `key`: held as it is
  // while it is the key's only group, accumulated (AddGroup()) with the
  // first from the second on. `g` must outlive the map.
  absl::Status Add(const v1::GroupKey& key, const v1::PartialGroup& g,
                   size_t partial, int group, int32_t cap) {
    Entry& e = At(key);
    if (e.acc == nullptr && e.sole == nullptr) {
      e.sole = &g;
      e.partial = partial;
      e.group = group;
      return absl::OkStatus();
    }
    if (e.acc == nullptr) {
      e.acc = std::make_unique<GroupAcc>();
      if (absl::Status s = AddGroup(*e.sole, cap, e.acc.get()); !s.ok()) {
        return s;
      }
      e.sole = nullptr;
    }
    return AddGroup(g, cap, e.acc.get());
  }

  // Indexes of the groups in ascending key order.
  std::vector<size_t> Sorted() const {
    std::vector<std::pair<absl::string_view, size_t>> v(index.begin(),
                                                        index.end());
    std::sort(v.begin(), v.end());
    std::vector<size_t> out;
    out.reserve(v.size());
    for (const auto& e : v) out.push_back(e.second);
    return out;
  }
};

absl::Status AddNamed(
    const google::protobuf::RepeatedPtrField<v1::NamedCount>& from,
    std::map<std::string, int64_t>* into) {
  for (const v1::NamedCount& c : from) {
    int64_t& slot = (*into)[c.name()];
    if (__builtin_add_overflow(slot, c.count(), &slot)) {
      return CounterOverflow(MaskPersonalData(c.name()));
    }
  }
  return absl::OkStatus();
}

void EmitNamed(const std::map<std::string, int64_t>& m,
               google::protobuf::RepeatedPtrField<v1::NamedCount>* out) {
  for (const auto& [name, count] : m) {
    v1::NamedCount* c = out->Add();
    c->set_name(name);
    c->set_count(count);
  }
}

std::tuple<int32_t, int32_t, int32_t> DateTuple(const v1::Date& d) {
  return {d.year(), d.month(), d.day()};
}

void CopyHeader(const v1::PartialReport& from, v1::PartialReport* to) {
  to->set_state_version(from.state_version());
  to->set_year(from.year());
  to->set_policy_version(from.policy_version());
  to->set_min_full_members_to_found(from.min_full_members_to_found());
  *to->mutable_group_by() = from.group_by();
  to->set_worklist_cap(from.worklist_cap());
  // The names of this library's layout, which every partial merged has
  // (CheckLayout()) or is taken to have.
  AddLayoutNames(to);
}

// Writes the groups of `groups` (Add()) into `out` in key order. A key's only
// group is written as a merge of it alone writes it: through one accumulator
// reused for all of them; or, when `owned` holds the partials merged (a
// run's: each group written by GroupToProto() with the same cap, no unknown
// fields), moved out of its partial as it is if its worklists are in order
// of id (InIdOrder()), which is then what the accumulator would give.
absl::Status EmitGroups(GroupMap* groups, int32_t cap,
                        absl::Span<v1::PartialReport> owned,
                        v1::PartialReport* out) {
  GroupAcc scratch;
  for (size_t i : groups->Sorted()) {
    const GroupMap::Entry& e = groups->groups[i];
    v1::PartialGroup* g = out->add_groups();
    if (e.acc != nullptr) {
      *g->mutable_key() = e.key;
      GroupToProto(*e.acc, g);
      continue;
    }
    if (!owned.empty() && e.sole != nullptr &&
        std::all_of(e.sole->worklists().begin(), e.sole->worklists().end(),
                    InIdOrder)) {
      g->Swap(owned[e.partial].mutable_groups(e.group));
      continue;
    }
    *g->mutable_key() = e.key;
    if (absl::Status s = e.FiguresInto(cap, &scratch); !s.ok()) return s;
    GroupToProto(scratch, g);
  }
  return absl::OkStatus();
}

std::string Describe(const v1::GroupKey& key) {
  if (key.region_id().empty() && key.industry().empty() &&
      key.host_kind() == 0 && key.host_subtype() == 0 &&
      key.sector_system() == 0) {
    return "the group with no key";
  }
  return absl::StrCat("group {region \"", key.region_id(), "\", industry \"",
                      key.industry(), "\", ",
                      v1::HostKind_Name(key.host_kind()), ", ",
                      v1::HostSubtype_Name(key.host_subtype()), ", ",
                      v1::SectorSystem_Name(key.sector_system()), "}");
}

// later - earlier over every int64 and double field; worklists left empty.
absl::Status Diff(const google::protobuf::Message& earlier,
                  const google::protobuf::Message& later,
                  google::protobuf::Message* out, const std::string& path) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Descriptor* d = out->GetDescriptor();
  const google::protobuf::Reflection* r = out->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_repeated()) continue;
    const std::string name = path.empty() ? f->name() : path + "." + f->name();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (absl::Status s =
                Diff(earlier.GetReflection()->GetMessage(earlier, f),
                     later.GetReflection()->GetMessage(later, f),
                     r->MutableMessage(out, f), name);
            !s.ok()) {
          return s;
        }
        break;
      case FieldDescriptor::CPPTYPE_INT64: {
        int64_t v;
        if (__builtin_sub_overflow(
                later.GetReflection()->GetInt64(later, f),
                earlier.GetReflection()->GetInt64(earlier, f), &v)) {
          return absl::OutOfRangeError(absl::StrCat(
              "the change of ", name, " is outside the int64 range"));
        }
        r->SetInt64(out, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->SetDouble(out, f,
                     later.GetReflection()->GetDouble(later, f) -
                         earlier.GetReflection()->GetDouble(earlier, f));
        break;
      default:
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace internal

using internal::GroupAcc;
using internal::GroupMap;

namespace internal {
namespace {

// Drops the fields of `m` this version does not know (a partial's bytes may
// carry them). A merged partial must not keep them: they would come from
// whichever partial was first, and the merge would not be commutative (a
// fuzzer found two copies of a region that differed only there). For the
// messages of scalars copied from the partials (region nodes, group keys,
// the grouping) this is DiscardUnknownFields() without its reflective walk of
// the whole report (a tenth of a merge's time).
// The message type's reflection is looked up once (per message it is a
// virtual call and a descriptor lookup: 39,000 region nodes and groups in a
// merge of 3,000 counties).
template <typename M>
void ClearUnknownFields(M* m) {
  static const google::protobuf::Reflection* const r = M::GetReflection();
  // Asked first: MutableUnknownFields() allocates the set when there is none.
  if (!r->GetUnknownFields(*m).empty()) r->MutableUnknownFields(m)->Clear();
}

// `names_implied`: as CheckLayout()'s. `owned`: empty, or the partials
// themselves (partials[i] == &owned[i]), a run's, whose groups the merge may
// move out (EmitGroups()).
absl::StatusOr<v1::PartialReport> MergeImpl(
    absl::Span<const v1::PartialReport* const> partials, bool names_implied,
    absl::Span<v1::PartialReport> owned = {}) {
  const v1::PartialReport* ref = nullptr;
  for (size_t i = 0; i < partials.size(); ++i) {
    const v1::PartialReport& p = *partials[i];
    if (p.state_version() == 0 && p.ByteSizeLong() == 0) continue;  // Empty.
    if (absl::Status s = internal::CheckLayout(
            p, absl::StrCat("partial report ", i + 1), names_implied);
        !s.ok()) {
      return s;
    }
    if (ref == nullptr) {
      ref = &p;
    } else if (absl::Status s = internal::CheckCompatible(*ref, p); !s.ok()) {
      return s;
    }
  }
  v1::PartialReport out;
  if (ref == nullptr) return out;
  const int32_t cap = ref->worklist_cap();
  GroupMap groups;
  std::vector<const v1::RegionNode*> nodes;
  std::map<std::string, int64_t> skipped;
  std::map<std::string, int64_t> findings;
  std::vector<const v1::DamagedShard*> damaged;
  // Each shard's fingerprint and the partial that counted it.
  absl::flat_hash_map<uint64_t, std::pair<const v1::ShardFingerprint*, size_t>>
      shards;
  // The latest date the data stands at: the same whatever the order.
  const v1::Date* as_of = nullptr;
  // The transfers, their sides paired across partials once all are in.
  v1::TransferLedger transfers;
  for (size_t i = 0; i < partials.size(); ++i) {
    const v1::PartialReport& p = *partials[i];
    if (p.state_version() == 0) continue;
    if (absl::Status s = internal::AddTransferLedger(p.transfers(), &transfers);
        !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("partial report ", i + 1, ": ", s.message()));
    }
    if (p.has_as_of() &&
        (as_of == nullptr ||
         internal::DateTuple(*as_of) < internal::DateTuple(p.as_of()))) {
      as_of = &p.as_of();
    }
    for (const v1::ShardFingerprint& f : p.shards()) {
      auto [it, inserted] = shards.try_emplace(f.value(), &f, i);
      if (!inserted) {
        return absl::InvalidArgumentError(absl::StrCat(
            "a shard counted twice: shard ", internal::ShardName(f),
            " of partial report ", i + 1,
            " holds the same units, "
            "organizations and grids in as many records as shard ",
            internal::ShardName(*it->second.first), " of partial report ",
            it->second.second + 1, "; merge each shard once"));
      }
    }
    for (const v1::DamagedShard& d : p.damaged_shards()) damaged.push_back(&d);
    for (int j = 0; j < p.groups_size(); ++j) {
      const v1::PartialGroup& g = p.groups(j);
      if (absl::Status s = groups.Add(g.key(), g, i, j, cap); !s.ok()) {
        return s;
      }
    }
    for (const v1::RegionNode& n : p.regions()) nodes.push_back(&n);
    for (const auto* named : {&p.skipped_records(), &p.findings()}) {
      if (absl::Status s = internal::AddNamed(
              *named, named == &p.skipped_records() ? &skipped : &findings);
          !s.ok()) {
        return s;
      }
    }
  }
  internal::CopyHeader(*ref, &out);
  if (as_of != nullptr) {
    out.mutable_as_of()->set_year(as_of->year());
    out.mutable_as_of()->set_month(as_of->month());
    out.mutable_as_of()->set_day(as_of->day());
  }
  if (absl::Status s = internal::EmitGroups(&groups, cap, owned, &out);
      !s.ok()) {
    return s;
  }
  const std::vector<const v1::RegionNode*> unique = internal::UniqueById(nodes);
  out.mutable_regions()->Reserve(static_cast<int>(unique.size()));
  for (const v1::RegionNode* n : unique) {
    v1::RegionNode* node = out.add_regions();
    *node = *n;
    ClearUnknownFields(node);
  }
  internal::EmitNamed(skipped, out.mutable_skipped_records());
  internal::EmitNamed(findings, out.mutable_findings());
  // Damaged shards in the order of their files, whatever the merge order.
  std::sort(damaged.begin(), damaged.end(),
            [](const v1::DamagedShard* a, const v1::DamagedShard* b) {
              return std::make_tuple(absl::string_view(a->file()),
                                     absl::string_view(a->reason()),
                                     a->records_read(), a->bytes_unread()) <
                     std::make_tuple(absl::string_view(b->file()),
                                     absl::string_view(b->reason()),
                                     b->records_read(), b->bytes_unread());
            });
  for (const v1::DamagedShard* d : damaged) {
    v1::DamagedShard* copy = out.add_damaged_shards();
    *copy = *d;
    ClearUnknownFields(copy);
  }
  // The shards in the order of their fingerprints, whatever the merge order.
  std::vector<const v1::ShardFingerprint*> prints;
  prints.reserve(shards.size());
  for (const auto& [value, counted] : shards) prints.push_back(counted.first);
  std::sort(prints.begin(), prints.end(),
            [](const v1::ShardFingerprint* a, const v1::ShardFingerprint* b) {
              return a->value() < b->value();
            });
  out.mutable_shards()->Reserve(static_cast<int>(prints.size()));
  for (const v1::ShardFingerprint* f : prints) {
    v1::ShardFingerprint* copy = out.add_shards();
    *copy = *f;
    ClearUnknownFields(copy);
  }
  if (transfers.sides_size() != 0 || transfers.region_ids_size() != 0 ||
      transfers.letter_valid_days() != 0) {
    internal::SettleTransfers(&transfers);
    for (v1::TransferSide& side : *transfers.mutable_sides()) {
      side.DiscardUnknownFields();
    }
    *out.mutable_transfers() = std::move(transfers);
  }
  // The rest is built field by field, but for the copies of the first
  // partial's grouping and of each group's key.
  ClearUnknownFields(out.mutable_group_by());
  for (v1::PartialGroup& g : *out.mutable_groups()) {
    ClearUnknownFields(g.mutable_key());
  }
  return out;
}

}  // namespace
}  // namespace internal

namespace internal {
namespace {

// MergeImpl() over a span of partials (`owned`: as MergeImpl()'s).
absl::StatusOr<v1::PartialReport> MergeSpan(
    absl::Span<const v1::PartialReport> partials, bool names_implied,
    absl::Span<v1::PartialReport> owned = {}) {
  std::vector<const v1::PartialReport*> ptrs;
  ptrs.reserve(partials.size());
  for (const v1::PartialReport& p : partials) ptrs.push_back(&p);
  return MergeImpl(ptrs, names_implied, owned);
}

}  // namespace
}  // namespace internal

absl::StatusOr<v1::PartialReport> MergeAllPartialReports(
    absl::Span<const v1::PartialReport> partials) {
  return internal::MergeSpan(partials, /*names_implied=*/false);
}

absl::StatusOr<v1::PartialReport> MergePartialReports(
    const v1::PartialReport& a, const v1::PartialReport& b) {
  const v1::PartialReport* both[2] = {&a, &b};
  return internal::MergeImpl(both, /*names_implied=*/false);
}

namespace internal {

absl::StatusOr<v1::PartialReport> MergeRunPartials(
    absl::Span<v1::PartialReport> partials) {
  return MergeSpan(partials, /*names_implied=*/true, partials);
}

}  // namespace internal

absl::StatusOr<v1::PartialReport> RegroupPartialReport(
    const v1::PartialReport& partial, const v1::GroupBy& group_by) {
  if (!v1::RegionLevel_IsValid(group_by.region_level())) {
    return absl::InvalidArgumentError(
        absl::StrCat("RegroupPartialReport: unknown region level ",
                     group_by.region_level()));
  }
  if (partial.state_version() == 0 && partial.ByteSizeLong() == 0) {
    return v1::PartialReport();
  }
  if (absl::Status s = internal::CheckLayout(partial, "RegroupPartialReport");
      !s.ok()) {
    return s;
  }
  const v1::GroupBy& old = partial.group_by();
  const int new_tier = internal::RegionTier(group_by.region_level());
  const int old_tier = internal::RegionTier(old.region_level());
  if (group_by.region_level() != v1::REGION_LEVEL_UNSPECIFIED &&
      (old_tier == 0 || new_tier > old_tier)) {
    return absl::InvalidArgumentError(
        absl::StrCat("RegroupPartialReport: cannot group by ",
                     v1::RegionLevel_Name(group_by.region_level()),
                     " a partial report grouped by region level ",
                     v1::RegionLevel_Name(old.region_level()),
                     "; regions roll up only to the same or a coarser tier"));
  }
  if ((group_by.industry() && !old.industry()) ||
      (group_by.host_kind() && !old.host_kind()) ||
      (group_by.host_subtype() && !old.host_subtype()) ||
      (group_by.sector_system() && !old.sector_system())) {
    return absl::InvalidArgumentError(
        "RegroupPartialReport: cannot group by a dimension the partial report "
        "is not grouped by");
  }
  const internal::RegionTree tree(partial);
  GroupMap groups;
  for (int j = 0; j < partial.groups_size(); ++j) {
    const v1::PartialGroup& g = partial.groups(j);
    v1::GroupKey key;
    if (new_tier != 0) {
      key.set_region_id(tree.AncestorAt(g.key().region_id(), new_tier));
    }
    if (group_by.industry()) key.set_industry(g.key().industry());
    if (group_by.host_kind()) key.set_host_kind(g.key().host_kind());
    if (group_by.host_subtype()) key.set_host_subtype(g.key().host_subtype());
    if (group_by.sector_system()) {
      key.set_sector_system(g.key().sector_system());
    }
    if (absl::Status s = groups.Add(key, g, 0, j, partial.worklist_cap());
        !s.ok()) {
      return s;
    }
  }
  v1::PartialReport out;
  internal::CopyHeader(partial, &out);
  *out.mutable_group_by() = group_by;
  if (absl::Status s =
          internal::EmitGroups(&groups, partial.worklist_cap(), {}, &out);
      !s.ok()) {
    return s;
  }
  *out.mutable_regions() = partial.regions();
  *out.mutable_skipped_records() = partial.skipped_records();
  *out.mutable_findings() = partial.findings();
  *out.mutable_damaged_shards() = partial.damaged_shards();
  *out.mutable_shards() = partial.shards();
  if (partial.has_transfers()) *out.mutable_transfers() = partial.transfers();
  if (partial.has_as_of()) {
    out.mutable_as_of()->set_year(partial.as_of().year());
    out.mutable_as_of()->set_month(partial.as_of().month());
    out.mutable_as_of()->set_day(partial.as_of().day());
  }
  for (v1::ShardFingerprint& f : *out.mutable_shards()) {
    internal::ClearUnknownFields(&f);
  }
  return out;
}

absl::StatusOr<v1::Report> FinishReport(const v1::PartialReport& partial) {
  if (partial.state_version() == 0) {
    return absl::InvalidArgumentError(
        "FinishReport: the partial report is empty (no aggregation ran)");
  }
  if (absl::Status s = internal::CheckLayout(partial, "FinishReport");
      !s.ok()) {
    return s;
  }
  const int32_t cap = partial.worklist_cap();
  // A partial has one group of a key (CheckLayout()): each is held as it
  // is, and made figures in turn through one accumulator below.
  GroupMap groups;
  for (int j = 0; j < partial.groups_size(); ++j) {
    const v1::PartialGroup& g = partial.groups(j);
    if (absl::Status s = groups.Add(g.key(), g, 0, j, cap); !s.ok()) return s;
  }
  // Region facts are kept per region so that replicated region records count
  // once; they join the groups only now.
  const internal::RegionTree tree(partial);
  const int tier = internal::RegionTier(partial.group_by().region_level());
  const std::vector<char> economy_counted = tree.EconomyCounted(partial);
  for (int i = 0; i < partial.regions_size(); ++i) {
    const v1::RegionNode& n = partial.regions(i);
    v1::GroupKey key;
    key.set_region_id(tree.AncestorAt(n.id(), tier));
    GroupMap::Entry& e = groups.At(key);
    // Checked here with the group's own count, as the regions come: the
    // sum below cannot leave the range.
    int64_t with_group = 0;
    if (__builtin_add_overflow(e.working_committee_units,
                               n.working_committee_member_units(),
                               &e.working_committee_units) ||
        __builtin_add_overflow(
            e.working_committee_units,
            e.sole != nullptr
                ? e.sole->counters(internal::kWorkingCommitteeUnits)
                : 0,
            &with_group)) {
      return internal::CounterOverflow("working_committee_member_units");
    }
    const int64_t econ[6] = {
        n.market_entities_total(), n.market_entities_non_public(),
        n.value_added_total_fen(), n.value_added_non_public_fen(),
        n.tax_revenue_total_fen(), n.tax_revenue_non_public_fen()};
    if (!economy_counted[i]) continue;
    for (int k = 0; k < 6; ++k) e.economy[k] += econ[k];
  }
  v1::Report report;
  report.set_year(partial.year());
  report.set_policy_version(partial.policy_version());
  *report.mutable_group_by() = partial.group_by();
  if (partial.has_as_of()) {
    v1::Date* d = report.mutable_info()->mutable_data_date();
    d->set_year(partial.as_of().year());
    d->set_month(partial.as_of().month());
    d->set_day(partial.as_of().day());
  }
  GroupAcc total;
  // Each group's figures in turn, in the memory of the last one's (a
  // county-grouped national report has 3,030 groups of four worklists).
  GroupAcc acc;
  for (size_t i : groups.Sorted()) {
    const GroupMap::Entry& e = groups.groups[i];
    if (absl::Status s = e.FiguresInto(cap, &acc); !s.ok()) return s;
    acc.counters[internal::kWorkingCommitteeUnits] += e.working_committee_units;
    for (int k = 0; k < 6; ++k) {
      acc.sums[internal::kEconMarketTotal + k] += e.economy[k];
    }
    if (!total.Add(acc, cap)) {
      return internal::CounterOverflow("of the whole report (合计)");
    }
    v1::ReportGroup* g = report.add_groups();
    *g->mutable_key() = e.key;
    g->set_region_name(tree.Name(e.key.region_id()));
    if (absl::Status s = internal::FillFigures(
            &acc, cap, internal::Describe(e.key), g->mutable_figures());
        !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = internal::FillFigures(&total, cap, "the total",
                                             report.mutable_total());
      !s.ok()) {
    return s;
  }
  // Worklist entries named by their places, in reading order.
  std::vector<const v1::ReportFigures*> all = {&report.total()};
  for (const v1::ReportGroup& g : report.groups()) all.push_back(&g.figures());
  const auto ranks = internal::RegionRanks(tree, all);
  internal::PlaceWorklists(tree, ranks, report.mutable_total());
  for (v1::ReportGroup& g : *report.mutable_groups()) {
    internal::PlaceWorklists(tree, ranks, g.mutable_figures());
  }
  v1::DataQualityFigures* dq = report.mutable_data_quality();
  *dq->mutable_skipped_records() = partial.skipped_records();
  *dq->mutable_damaged_shards() = partial.damaged_shards();
  // The shards' own findings, and the run-level transfer rules' on the
  // ledger of every shard merged (as RunPipeline() judges them), as of the
  // date the data stands at.
  std::map<std::string, int64_t> named;
  for (const v1::NamedCount& c : partial.findings()) {
    int64_t& n = named[c.name()];
    if (__builtin_add_overflow(n, c.count(), &n)) {
      return internal::CounterOverflow("data_quality.findings");
    }
  }
  if (partial.transfers().sides_size() != 0) {
    internal::Ymd as_of{partial.year(), 12, 31};
    if (partial.has_as_of()) as_of = internal::ToYmd(partial.as_of());
    // Settled again: a partial edited by hand may not be.
    v1::TransferLedger transfers = partial.transfers();
    internal::SettleTransfers(&transfers);
    for (const internal::TransferVerdict& v :
         internal::JudgeTransfers(transfers, as_of)) {
      int64_t& n = named[std::string(v.rule())];
      if (__builtin_add_overflow(n, 1, &n)) {
        return internal::CounterOverflow("data_quality.findings");
      }
    }
  }
  internal::EmitNamed(named, dq->mutable_findings());
  int64_t skipped = 0, findings = 0;
  for (const v1::NamedCount& c : partial.skipped_records()) {
    if (__builtin_add_overflow(skipped, c.count(), &skipped)) {
      return internal::CounterOverflow("data_quality.skipped_total");
    }
  }
  for (const v1::NamedCount& c : dq->findings()) {
    if (__builtin_add_overflow(findings, c.count(), &findings)) {
      return internal::CounterOverflow("data_quality.findings_total");
    }
  }
  dq->set_skipped_total(skipped);
  dq->set_findings_total(findings);
  return report;
}

absl::StatusOr<v1::Report> AggregateDataset(const v1::Dataset& dataset,
                                            const AggregatorOptions& options) {
  AggregatorOptions o = options;
  if (dataset.has_policy()) o.policy = dataset.policy();
  absl::StatusOr<std::unique_ptr<Aggregator>> agg = Aggregator::Create(o);
  if (!agg.ok()) return agg.status();
  ForEachRecord(dataset, [&](const v1::Record& r) { (void)(*agg)->Add(r); });
  absl::StatusOr<v1::PartialReport> partial = (*agg)->Finish();
  if (!partial.ok()) return partial.status();
  return FinishReport(*partial);
}

absl::StatusOr<v1::ReportComparison> CompareReports(const v1::Report& earlier,
                                                    const v1::Report& later) {
  if (earlier.year() >= later.year()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "CompareReports: the earlier report's year ", earlier.year(),
        " is not before the later's ", later.year()));
  }
  v1::ReportComparison out;
  *out.mutable_earlier() = earlier;
  *out.mutable_later() = later;
  if (absl::Status s = internal::Diff(earlier.total(), later.total(),
                                      out.mutable_change(), "");
      !s.ok()) {
    return s;
  }
  // Groups matched by key: the later's in order, then the earlier's alone.
  absl::flat_hash_map<std::string, const v1::ReportGroup*> before;
  for (const v1::ReportGroup& g : earlier.groups()) {
    before.emplace(g.key().SerializeAsString(), &g);
  }
  absl::flat_hash_set<std::string> seen;
  auto add = [&](const v1::ReportGroup* e,
                 const v1::ReportGroup* l) -> absl::Status {
    v1::GroupComparison* c = out.add_groups();
    const v1::ReportGroup& any = l != nullptr ? *l : *e;
    *c->mutable_key() = any.key();
    c->set_region_name(l != nullptr && !l->region_name().empty()
                           ? l->region_name()
                           : (e != nullptr ? e->region_name() : ""));
    if (e != nullptr) *c->mutable_earlier() = e->figures();
    if (l != nullptr) *c->mutable_later() = l->figures();
    return internal::Diff(c->earlier(), c->later(), c->mutable_change(),
                          absl::StrCat("groups[", out.groups_size() - 1, "]"));
  };
  for (const v1::ReportGroup& l : later.groups()) {
    const std::string k = l.key().SerializeAsString();
    seen.insert(k);
    auto it = before.find(k);
    if (absl::Status s = add(it == before.end() ? nullptr : it->second, &l);
        !s.ok()) {
      return s;
    }
  }
  for (const v1::ReportGroup& e : earlier.groups()) {
    if (seen.contains(e.key().SerializeAsString())) continue;
    if (absl::Status s = add(&e, nullptr); !s.ok()) return s;
  }
  return out;
}

}  // namespace dangjian
