// Fuzzes merging partial reports, two ways.
//
// Bytes that start with 'R' are a small ledger, four bytes a record, whose
// units fall into up to three shards by the shard rule (a unit with its
// members and organizations; the regions in every shard): the merge of the
// shards' partials, in any order, equals the one-pass partial of the whole,
// byte for byte but for the shards it lists, which are the shards' own, each
// once; and a partial merged with one that already counts its shard is
// refused.
//
// Other bytes are two partial reports (a varint length, the first, then the
// second), anything protobuf parses: never a crash; a merge that succeeds is
// commutative, holds no negative target count and no more met than eligible,
// each counter of a group the exact sum of the two (never a wrap); a partial
// that FinishReport() refuses as inconsistent is never merged; the merged
// partial finishes or fails with a status naming what is wrong.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "dangjian/aggregate.h"
#include "google/protobuf/util/message_differencer.h"

namespace {

using dangjian::v1::PartialReport;
using dangjian::v1::Record;

bool Same(const PartialReport& a, const PartialReport& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

// The partial of `records` into `out`; false when the aggregation fails (an
// amount beyond the int64 range).
bool Aggregate(const std::vector<Record>& records, bool township,
               PartialReport* out) {
  dangjian::AggregatorOptions options;
  options.year = 2017;
  options.worklist_cap = 3;
  if (township) {
    options.group_by.set_region_level(dangjian::v1::REGION_LEVEL_TOWNSHIP);
  }
  auto aggregator = dangjian::Aggregator::Create(options);
  if (!aggregator.ok()) std::abort();
  for (const Record& r : records) {
    if (!(*aggregator)->Add(r).ok()) std::abort();
  }
  auto partial = (*aggregator)->Finish();
  if (!partial.ok()) return false;
  *out = *std::move(partial);
  return true;
}

PartialReport WithoutShards(PartialReport p) {
  p.clear_shards();
  return p;
}

// The records of a small ledger read from `data`, and the shard of each (-1:
// every shard, for regions).
void Ledger(const uint8_t* data, size_t size, std::vector<Record>* records,
            std::vector<int>* shard_of, int shards) {
  const char* kRegions[] = {"r0", "r1", "r2"};
  for (int i = 0; i < 3; ++i) {
    Record r;
    r.mutable_region()->set_id(kRegions[i]);
    r.mutable_region()->set_level(i == 0 ? dangjian::v1::REGION_LEVEL_COUNTY
                                         : dangjian::v1::REGION_LEVEL_TOWNSHIP);
    if (i > 0) r.mutable_region()->set_parent_id("r0");
    records->push_back(r);
    shard_of->push_back(-1);
  }
  for (size_t at = 0; at + 4 <= size; at += 4) {
    const uint8_t kind = data[at] % 5, b1 = data[at + 1], b2 = data[at + 2],
                  b3 = data[at + 3];
    // The family: a unit, its organization and members.
    const int family = b1 % 12;
    const std::string f = std::to_string(family);
    Record r;
    switch (kind) {
      case 0: {
        auto* h = r.mutable_host_organization();
        h->set_id("h" + f);
        h->set_region_id(kRegions[b2 % 3]);
        h->mutable_reported_member_counts()->set_full(b3 % 6);
        break;
      }
      case 1: {
        auto* m = r.mutable_member();
        m->set_id("m" + std::to_string(b2));
        m->set_host_organization_id("h" + f);
        if (b3 & 0x80) m->set_party_organization_id("o" + f);
        m->set_status(static_cast<dangjian::v1::MemberStatus>(b3 % 6));
        break;
      }
      case 2: {
        auto* o = r.mutable_party_organization();
        o->set_id("o" + f);
        o->set_formation(static_cast<dangjian::v1::FormationModel>(b2 % 5));
        o->set_region_id(kRegions[b3 % 3]);
        o->add_host_organization_ids("h" + f);
        break;
      }
      case 3: {
        auto* fu = r.mutable_funding();
        fu->set_id("f" + std::to_string(b2));
        fu->set_party_organization_id("o" + f);
        fu->set_year(2017);
        fu->set_source(static_cast<dangjian::v1::FundingSource>(b3 % 5));
        // Now and then about 2^62 fen: sums can pass the int64 range.
        fu->set_amount_fen(b3 == 0xFF ? int64_t{b2} << 54
                                      : int64_t{b2} * 1000 - b3);
        break;
      }
      default: {
        auto* a = r.mutable_activity();
        a->set_id("a" + std::to_string(b2));
        a->set_party_organization_id("o" + f);
        a->set_kind(static_cast<dangjian::v1::ActivityKind>(b3 % 8));
        break;
      }
    }
    records->push_back(r);
    shard_of->push_back(family % shards);
  }
}

void FromLedger(const uint8_t* data, size_t size) {
  if (size < 1) return;
  const int shards = 1 + data[0] % 3;
  const bool township = (data[0] & 4) != 0;
  std::vector<Record> records;
  std::vector<int> shard_of;
  Ledger(data + 1, size - 1, &records, &shard_of, shards);
  PartialReport whole;
  if (!Aggregate(records, township, &whole)) return;
  std::vector<std::vector<Record>> split(shards);
  for (size_t i = 0; i < records.size(); ++i) {
    for (int s = 0; s < shards; ++s) {
      if (shard_of[i] < 0 || shard_of[i] == s) split[s].push_back(records[i]);
    }
  }
  std::vector<PartialReport> parts(shards);
  for (int s = 0; s < shards; ++s) {
    if (!Aggregate(split[s], township, &parts[s])) std::abort();
  }
  // In order, and in reverse, pairwise.
  auto merged = dangjian::MergeAllPartialReports(parts);
  if (!merged.ok()) std::abort();
  PartialReport pairwise;
  for (int s = shards; s-- > 0;) {
    auto m = dangjian::MergePartialReports(pairwise, parts[s]);
    if (!m.ok()) std::abort();
    pairwise = *std::move(m);
  }
  if (!Same(*merged, pairwise)) std::abort();
  if (!Same(WithoutShards(*merged), WithoutShards(whole))) std::abort();
  // The shards' own fingerprints, each once.
  std::map<uint64_t, int> prints;
  for (const PartialReport& p : parts) {
    for (const auto& f : p.shards()) ++prints[f.value()];
  }
  if (static_cast<int>(prints.size()) != merged->shards_size()) std::abort();
  for (const auto& f : merged->shards()) {
    if (prints[f.value()] != 1) std::abort();
  }
  // And the reports agree, or fail alike.
  auto a = dangjian::FinishReport(*merged);
  auto b = dangjian::FinishReport(whole);
  if (a.ok() != b.ok() || a.status().code() != b.status().code()) {
    std::abort();
  }
  if (a.ok() && a->SerializeAsString() != b->SerializeAsString()) {
    std::abort();
  }
  // A shard counted twice is refused.
  for (const PartialReport& p : parts) {
    if (p.shards_size() > 0 && dangjian::MergePartialReports(*merged, p).ok()) {
      std::abort();
    }
  }
}

// Each counter of each group of `p`, by group key, added into `sums`.
void AddCounters(const PartialReport& p,
                 std::map<std::string, std::vector<absl::int128>>* sums) {
  for (const auto& g : p.groups()) {
    // By the key's known fields: a merge drops the others.
    dangjian::v1::GroupKey key = g.key();
    key.DiscardUnknownFields();
    auto& into = (*sums)[key.SerializeAsString()];
    if (into.size() < static_cast<size_t>(g.counters_size())) {
      into.resize(g.counters_size());
    }
    for (int i = 0; i < g.counters_size(); ++i) into[i] += g.counters(i);
  }
}

void FromPartials(const uint8_t* data, size_t size) {
  uint64_t len = 0;
  size_t at = 0;
  for (int shift = 0; at < size && shift < 35; shift += 7) {
    const uint8_t byte = data[at++];
    len |= uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (len > size - at) return;
  PartialReport a;
  PartialReport b;
  if (!a.ParseFromArray(data + at, static_cast<int>(len))) return;
  if (!b.ParseFromArray(data + at + len, static_cast<int>(size - at - len))) {
    return;
  }
  auto fa = dangjian::FinishReport(a);
  auto fb = dangjian::FinishReport(b);
  auto ab = dangjian::MergePartialReports(a, b);
  auto ba = dangjian::MergePartialReports(b, a);
  if (ab.ok() != ba.ok()) std::abort();
  if (!ab.ok()) {
    if (ab.status().message().empty()) std::abort();
    return;
  }
  if (!Same(*ab, *ba)) std::abort();
  // An inconsistent partial (not an empty one: the merge's identity) is
  // never merged.
  for (const auto* p : {&fa, &fb}) {
    const PartialReport& in = p == &fa ? a : b;
    if (!p->ok() && absl::IsInvalidArgument(p->status()) &&
        in.ByteSizeLong() > 0) {
      std::abort();
    }
  }
  // Never a wrap, never a count that makes no sense.
  std::map<std::string, std::vector<absl::int128>> sums;
  AddCounters(a, &sums);
  AddCounters(b, &sums);
  std::map<std::string, std::vector<absl::int128>> got;
  AddCounters(*ab, &got);
  if (got != sums) std::abort();
  auto report = dangjian::FinishReport(*ab);
  if (!report.ok() && report.status().message().empty()) std::abort();
  if (report.ok()) {
    const auto& t = report->total().targets();
    for (const auto* r :
         {&t.target_1(), &t.target_2(), &t.target_3(), &t.target_4()}) {
      if (r->eligible() < 0 || r->met() < 0 || r->met() > r->eligible()) {
        std::abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 0 && data[0] == 'R') {
    FromLedger(data + 1, size - 1);
  } else {
    FromPartials(data, size);
  }
  return 0;
}
