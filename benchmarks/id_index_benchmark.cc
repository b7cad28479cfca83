// IdIndex (src/core/id_index.h) against absl::flat_hash_map<string_view,
// uint32_t> on the work the aggregator and the validator give it: a county's
// unit ids ("h150425-000123") interned in ledger order, then looked up in a
// scattered order (the members', organizations' and grids' references); and
// the shard's IdTable (src/core/shard_index.h), which numbers such ids
// through an array, on the same work and on ids it must hash. The figures
// are in BENCHMARKS.md ("The id index").

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "benchmark/benchmark.h"
#include "core/id_index.h"
#include "core/shard_index.h"
#include "core/string_arena.h"

namespace {

// `n` ids of one county, as the generator and the ledgers write them, and a
// scattered order of lookups over them.
struct Ids {
  std::vector<std::string> keys;
  std::vector<uint32_t> lookups;
  explicit Ids(int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
      keys.push_back(absl::StrFormat("h150425-%06d", i + 1));
    }
    std::mt19937_64 rng(7);
    for (int64_t i = 0; i < 4 * n; ++i) {
      lookups.push_back(
          static_cast<uint32_t>(rng() % static_cast<uint64_t>(n)));
    }
  }
};

void BM_IdIndex(benchmark::State& state) {
  const Ids ids(state.range(0));
  for (auto _ : state) {
    dangjian::internal::IdIndex index;
    std::vector<absl::string_view> kept;
    auto key_of = [&](uint32_t i) { return kept[i]; };
    for (const std::string& k : ids.keys) {
      bool inserted;
      index.FindOrInsert(k, key_of, &inserted);
      if (inserted) kept.push_back(k);
    }
    uint64_t sum = 0;
    for (uint32_t l : ids.lookups) sum += index.Find(ids.keys[l], key_of);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(
      state.iterations() *
      static_cast<int64_t>(ids.keys.size() + ids.lookups.size()));
}
BENCHMARK(BM_IdIndex)->Arg(1000)->Arg(3300)->Arg(100000)->Arg(1000000);

void BM_FlatHashMap(benchmark::State& state) {
  const Ids ids(state.range(0));
  for (auto _ : state) {
    absl::flat_hash_map<absl::string_view, uint32_t> index;
    for (const std::string& k : ids.keys) {
      index.emplace(k, static_cast<uint32_t>(index.size()));
    }
    uint64_t sum = 0;
    for (uint32_t l : ids.lookups) sum += index.find(ids.keys[l])->second;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(
      state.iterations() *
      static_cast<int64_t>(ids.keys.size() + ids.lookups.size()));
}
BENCHMARK(BM_FlatHashMap)->Arg(1000)->Arg(3300)->Arg(100000)->Arg(1000000);

// IdTable over the same work: Arg(1) the county's ids as they are (numbered
// through its array), Arg(0) each with a letter after its number (hashed).
void BM_IdTable(benchmark::State& state) {
  Ids ids(state.range(0));
  if (state.range(1) == 0) {
    for (std::string& k : ids.keys) k += 'x';
  }
  dangjian::internal::StringArena arena;
  dangjian::internal::IdTable table;
  for (auto _ : state) {
    table.Clear();
    arena.Clear();
    for (const std::string& k : ids.keys) table.Intern(k, &arena);
    uint64_t sum = 0;
    for (uint32_t l : ids.lookups) sum += table.Find(ids.keys[l]);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(
      state.iterations() *
      static_cast<int64_t>(ids.keys.size() + ids.lookups.size()));
}
BENCHMARK(BM_IdTable)
    ->ArgNames({"ids", "dense"})
    ->ArgsProduct({{1000, 3300, 10000, 100000}, {0, 1}});

}  // namespace

BENCHMARK_MAIN();
