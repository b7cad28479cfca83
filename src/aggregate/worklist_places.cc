#include "aggregate/worklist_places.h"

#include <algorithm>
#include <utility>

#include "core/natural_order.h"

namespace dangjian {
namespace internal {

namespace {

// Lexicographic natural order of two region paths.
bool PathLess(const std::vector<std::string>& a,
              const std::vector<std::string>& b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = NaturalCompare(a[i], b[i]); c != 0) return c < 0;
  }
  return a.size() < b.size();
}

}  // namespace

// The reading order of the regions of worklist entries: each region id's
// rank when their paths are in natural order.
absl::flat_hash_map<std::string, uint32_t> RegionRanks(
    const RegionTree& tree, const std::vector<const v1::ReportFigures*>& all) {
  absl::flat_hash_map<std::string, uint32_t> rank;
  std::vector<std::pair<const RegionTree::Place*, const std::string*>> places;
  for (const v1::ReportFigures* f : all) {
    const v1::TargetFigures& t = f->targets();
    for (const v1::TargetResult* r :
         {&t.target_1(), &t.target_2(), &t.target_3(), &t.target_4()}) {
      for (const v1::WorklistEntry& e : r->worklist_entries()) {
        if (rank.try_emplace(e.region_id(), 0).second) {
          places.emplace_back(&tree.PlaceOf(e.region_id()), &e.region_id());
        }
      }
    }
  }
  std::sort(places.begin(), places.end(), [](const auto& a, const auto& b) {
    if (PathLess(a.first->path, b.first->path)) return true;
    if (PathLess(b.first->path, a.first->path)) return false;
    return *a.second < *b.second;
  });
  for (size_t i = 0; i < places.size(); ++i) {
    rank[*places[i].second] = static_cast<uint32_t>(i);
  }
  return rank;
}

// Places the worklist entries of every target of `f` and orders them as a
// township officer reads them: by region path in natural order, then name,
// then id.
void PlaceWorklists(const RegionTree& tree,
                    const absl::flat_hash_map<std::string, uint32_t>& ranks,
                    v1::ReportFigures* f) {
  v1::TargetFigures* t = f->mutable_targets();
  struct Keyed {
    uint32_t rank;
    v1::WorklistEntry* entry;
  };
  std::vector<Keyed> keyed;
  for (v1::TargetResult* r : {t->mutable_target_1(), t->mutable_target_2(),
                              t->mutable_target_3(), t->mutable_target_4()}) {
    auto* entries = r->mutable_worklist_entries();
    if (entries->empty()) continue;
    keyed.clear();
    for (v1::WorklistEntry& e : *entries) {
      const RegionTree::Place& place = tree.PlaceOf(e.region_id());
      e.mutable_region_path()->Assign(place.path.begin(), place.path.end());
      if (!place.township.empty()) e.set_township(place.township);
      keyed.push_back({ranks.at(e.region_id()), &e});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      if (int c = NaturalCompare(a.entry->name(), b.entry->name()); c != 0) {
        return c < 0;
      }
      return a.entry->id() < b.entry->id();
    });
    // The same elements, their pointers in the new order.
    auto out = entries->pointer_begin();
    for (const Keyed& k : keyed) *out++ = k.entry;
  }
}

}  // namespace internal
}  // namespace dangjian
