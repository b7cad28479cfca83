// Dataset I/O: binary protobuf and JSON, parse and serialize, over a synthetic
// county of N host organizations (one member each, a branch for every tenth
// unit).
#include <string>

#include "benchmark/benchmark.h"
#include "dangjian/io.h"

namespace dangjian {
namespace {

v1::Dataset SyntheticCounty(int hosts) {
  v1::Dataset d;
  for (int i = 0; i < hosts; ++i) {
    const std::string id = "h" + std::to_string(i);
    v1::HostOrganization* h = d.add_host_organizations();
    h->set_id(id);
    h->set_name("单位" + std::to_string(i));
    h->set_kind(i % 5 == 0 ? v1::HOST_KIND_SOCIAL
                           : v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    h->set_region_id("r" + std::to_string(i % 20));
    h->set_employees(i % 300);
    v1::Member* m = d.add_members();
    m->set_id("m" + std::to_string(i));
    m->set_status(v1::MEMBER_STATUS_FULL);
    m->set_host_organization_id(id);
    m->set_national_id("15042519800101" + std::to_string(1000 + i % 9000));
    if (i % 10 == 0) {
      v1::PartyOrganization* o = d.add_party_organizations();
      o->set_id("p" + std::to_string(i));
      o->set_formation(v1::FORMATION_MODEL_STANDALONE);
      o->add_host_organization_ids(id);
    }
  }
  return d;
}

void BM_DatasetBinaryParse(benchmark::State& state) {
  const std::string bytes =
      SyntheticCounty(static_cast<int>(state.range(0))).SerializeAsString();
  for (auto _ : state) {
    v1::Dataset d;
    benchmark::DoNotOptimize(d.ParseFromString(bytes));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DatasetBinaryParse)->Arg(1000)->Arg(100000);

void BM_DatasetBinarySerialize(benchmark::State& state) {
  const v1::Dataset d = SyntheticCounty(static_cast<int>(state.range(0)));
  std::string bytes;
  for (auto _ : state) {
    bytes.clear();
    benchmark::DoNotOptimize(d.SerializeToString(&bytes));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DatasetBinarySerialize)->Arg(1000)->Arg(100000);

void BM_DatasetFromJson(benchmark::State& state) {
  const std::string json =
      *DatasetToJson(SyntheticCounty(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    benchmark::DoNotOptimize(DatasetFromJson(json));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(json.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DatasetFromJson)->Arg(1000)->Arg(100000);

}  // namespace
}  // namespace dangjian

BENCHMARK_MAIN();
