// The region tree a partial report carries, and the places and reading
// order of worklist entries it gives: by region path in natural order, as a
// township officer reads them.
#ifndef DANGJIAN_SRC_AGGREGATE_WORKLIST_PLACES_H_
#define DANGJIAN_SRC_AGGREGATE_WORKLIST_PLACES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "aggregate/figures.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {
namespace internal {

// The region tree a partial carries.
class RegionTree {
 public:
  explicit RegionTree(const v1::PartialReport& p) {
    for (const v1::RegionNode& n : p.regions()) nodes_[n.id()] = &n;
  }

  // The id of `id` or its nearest ancestor at `tier`, or "" when none.
  std::string AncestorAt(const std::string& id, int tier) const {
    if (tier == 0) return "";
    const std::string* cur = &id;
    for (int steps = 0; steps < 64 && !cur->empty(); ++steps) {
      auto it = nodes_.find(*cur);
      if (it == nodes_.end()) return "";
      if (RegionTier(it->second->level()) == tier) return *cur;
      cur = &it->second->parent_id();
    }
    return "";
  }

  std::string Name(const std::string& id) const {
    auto it = nodes_.find(id);
    return it == nodes_.end() ? "" : it->second->name();
  }

  // Which regions of `p` (by index) have their economy figures counted: the
  // lowest complete level, so that nothing is counted twice. A region whose
  // child regions are all covered (each has figures of its own, or all of
  // its children are covered) counts through its children; else through
  // its own figures when it has them (RegionNode.economy_year set); else
  // through whichever of its children do (what is on file).
  std::vector<char> EconomyCounted(const v1::PartialReport& p) const {
    const int n = p.regions_size();
    std::unordered_map<std::string, int> index;
    for (int i = 0; i < n; ++i) index.try_emplace(p.regions(i).id(), i);
    std::vector<std::vector<int>> kids(n);
    std::vector<int> roots;
    for (int i = 0; i < n; ++i) {
      auto it = index.find(p.regions(i).parent_id());
      if (it == index.end() || it->second == i) {
        roots.push_back(i);
      } else {
        kids[it->second].push_back(i);
      }
    }
    auto has = [&p](int i) { return p.regions(i).economy_year() != 0; };
    // Covered, bottom up; a region on a loop of parent ids counts its own.
    std::vector<char> state(n, 0), covered(n, 0);
    std::function<bool(int)> cover = [&](int i) -> bool {
      if (state[i] == 2) return covered[i];
      if (state[i] == 1) return has(i);
      state[i] = 1;
      bool all = !kids[i].empty();
      for (int k : kids[i]) all = cover(k) && all;
      covered[i] = all || has(i);
      state[i] = 2;
      return covered[i];
    };
    std::vector<char> counted(n, 0), seen(n, 0);
    std::function<void(int)> select = [&](int i) {
      if (seen[i]) return;
      seen[i] = 1;
      bool all = !kids[i].empty();
      for (int k : kids[i]) all = all && cover(k);
      if (!all && has(i)) {
        counted[i] = 1;
        return;
      }
      for (int k : kids[i]) select(k);
    };
    for (int r : roots) select(r);
    // A region on a loop of parent ids, or below one, has no root above it.
    std::vector<char> reached(n, 0);
    std::vector<int> todo = roots;
    while (!todo.empty()) {
      const int i = todo.back();
      todo.pop_back();
      if (reached[i]) continue;
      reached[i] = 1;
      for (int k : kids[i]) todo.push_back(k);
    }
    // Each loop's first region (in order) stands for a root.
    for (int i = 0; i < n; ++i) {
      if (!reached[i] && !seen[i]) select(i);
    }
    return counted;
  }

  // The place of a region: the names, top down, of it and every region
  // above it, and the name of the one at tier 5 (the township).
  struct Place {
    std::vector<std::string> path;
    std::string township;
  };

  // The place of region `id`, worked out once per region.
  const Place& PlaceOf(const std::string& id) const {
    auto [it, inserted] = places_.try_emplace(id);
    if (!inserted) return it->second;
    std::vector<const v1::RegionNode*> up;
    const std::string* cur = &id;
    for (int steps = 0; steps < 64 && !cur->empty(); ++steps) {
      auto n = nodes_.find(*cur);
      if (n == nodes_.end()) break;
      up.push_back(n->second);
      cur = &n->second->parent_id();
    }
    for (auto n = up.rbegin(); n != up.rend(); ++n) {
      it->second.path.push_back((*n)->name());
      if (RegionTier((*n)->level()) == 5) it->second.township = (*n)->name();
    }
    return it->second;
  }

 private:
  std::unordered_map<std::string, const v1::RegionNode*> nodes_;
  mutable std::unordered_map<std::string, Place> places_;
};

// The reading order of the regions of worklist entries: each region id's
// rank when their paths are in natural order.
absl::flat_hash_map<std::string, uint32_t> RegionRanks(
    const RegionTree& tree, const std::vector<const v1::ReportFigures*>& all);

// Places the worklist entries of every target of `f` (region path,
// township) and orders them as a township officer reads them: by region
// path in natural order, then name, then id.
void PlaceWorklists(const RegionTree& tree,
                    const absl::flat_hash_map<std::string, uint32_t>& ranks,
                    v1::ReportFigures* f);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_AGGREGATE_WORKLIST_PLACES_H_
