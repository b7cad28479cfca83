// Aggregation: streaming parsed records through an Aggregator, and merging
// county partial reports into a national one.
//
//   aggregate_benchmark --benchmark_min_time=1
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "dangjian/aggregate.h"
#include "dangjian/render.h"
#include "google/protobuf/util/json_util.h"

namespace dangjian {
namespace {

// A synthetic county of about `n` records: per unit one host record and three
// members; a standalone branch with a star assessment and funding for every
// fifth unit; a regional branch with grids for the rest; activities.
std::vector<v1::Record> County(int64_t n, const std::string& prefix) {
  std::vector<v1::Record> out;
  out.reserve(static_cast<size_t>(n) + 16);
  auto add = [&]() -> v1::Record& { return out.emplace_back(); };
  v1::Region* county = add().mutable_region();
  county->set_id(prefix);
  county->set_level(v1::REGION_LEVEL_COUNTY);
  for (int t = 0; t < 10; ++t) {
    v1::Region* town = add().mutable_region();
    town->set_id(prefix + "-t" + std::to_string(t));
    town->set_level(v1::REGION_LEVEL_TOWN);
    town->set_parent_id(prefix);
    v1::PartyOrganization* rb = add().mutable_party_organization();
    rb->set_id(prefix + "-rb" + std::to_string(t));
    rb->set_formation(v1::FORMATION_MODEL_REGIONAL);
    rb->set_region_id(town->id());
    v1::Grid* g = add().mutable_grid();
    g->set_id(prefix + "-g" + std::to_string(t));
    g->set_party_organization_id(rb->id());
    g->set_instructor_name("指导员");
  }
  for (int64_t i = 0; static_cast<int64_t>(out.size()) < n; ++i) {
    const std::string id = prefix + "-h" + std::to_string(i);
    v1::HostOrganization* h = add().mutable_host_organization();
    h->set_id(id);
    h->set_kind(i % 5 == 0 ? v1::HOST_KIND_SOCIAL
                           : v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    h->set_region_id(prefix + "-t" + std::to_string(i % 10));
    h->set_has_trade_union(i % 3 == 0);
    const bool standalone = i % 5 == 0;
    const std::string org = prefix + "-o" + std::to_string(i);
    if (!standalone) h->set_grid_id(prefix + "-g" + std::to_string(i % 10));
    for (int m = 0; m < 3; ++m) {
      v1::Member* mem = add().mutable_member();
      mem->set_id(id + "-m" + std::to_string(m));
      mem->set_status(standalone ? v1::MEMBER_STATUS_FULL
                                 : v1::MEMBER_STATUS_ACTIVIST);
      mem->set_host_organization_id(id);
      if (standalone) mem->set_party_organization_id(org);
    }
    if (standalone) {
      v1::PartyOrganization* o = add().mutable_party_organization();
      o->set_id(org);
      o->set_formation(v1::FORMATION_MODEL_STANDALONE);
      o->add_host_organization_ids(id);
      v1::StarAssessment* a = o->add_star_assessments();
      a->set_year(2014);
      a->set_stars(static_cast<int32_t>(i % 5) + 1);
      v1::Funding* f = add().mutable_funding();
      f->set_party_organization_id(org);
      f->set_year(2014);
      f->set_source(v1::FUNDING_SOURCE_DUES_RETURNED);
      f->set_amount_fen(100000);
      v1::Activity* act = add().mutable_activity();
      act->set_kind(v1::ACTIVITY_KIND_THREE_MEETINGS_ONE_LESSON);
      act->set_party_organization_id(org);
      act->mutable_held_on()->set_year(2014);
      act->mutable_held_on()->set_month(static_cast<int32_t>(i % 12) + 1);
    }
  }
  out.resize(static_cast<size_t>(n));
  return out;
}

AggregatorOptions Options() {
  AggregatorOptions o;
  o.year = 2014;
  o.worklist_cap = 100;
  return o;
}

// Records per second from parsed records, one core: Add() every record, then
// Finish() (the join), which the figure includes.
void BM_AggregateStream(benchmark::State& state) {
  const std::vector<v1::Record> records = County(state.range(0), "c");
  for (auto _ : state) {
    std::unique_ptr<Aggregator> agg = *Aggregator::Create(Options());
    for (const v1::Record& r : records) {
      benchmark::DoNotOptimize(agg->Add(r));
    }
    benchmark::DoNotOptimize(agg->Finish());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AggregateStream)->Arg(1000)->Arg(100000)->Arg(1000000);

// As the CLI and the national run aggregate: the records come as counties of
// `county` records each (the national scenario's average is about 15,000), one
// Aggregator per county, Add() every record and Finish() each county into its
// partial. Records per second over all counties, one core.
void BM_AggregateCounties(benchmark::State& state) {
  const int64_t total = state.range(0), county = state.range(1);
  std::vector<std::vector<v1::Record>> counties;
  for (int64_t done = 0; done < total; done += county) {
    counties.push_back(County(std::min(county, total - done),
                              "c" + std::to_string(counties.size())));
  }
  for (auto _ : state) {
    for (const std::vector<v1::Record>& records : counties) {
      std::unique_ptr<Aggregator> agg = *Aggregator::Create(Options());
      for (const v1::Record& r : records) {
        benchmark::DoNotOptimize(agg->Add(r));
      }
      benchmark::DoNotOptimize(agg->Finish());
    }
  }
  state.SetItemsProcessed(state.iterations() * total);
}
BENCHMARK(BM_AggregateCounties)
    ->ArgNames({"records", "county"})
    ->Args({1000, 1000})
    ->Args({1000000, 15000});

// The same records as their bytes, through AddSerialized(): members and units
// decoded in place, the rest checked and parsed. Compare with parsing each
// record and Add() (BM_AggregateParseAndAdd): what a reader of record streams
// saves by handing the aggregator bytes.
void BM_AggregateSerialized(benchmark::State& state) {
  std::vector<std::string> bytes;
  for (const v1::Record& r : County(state.range(0), "c")) {
    bytes.push_back(r.SerializeAsString());
  }
  for (auto _ : state) {
    std::unique_ptr<Aggregator> agg = *Aggregator::Create(Options());
    for (const std::string& b : bytes) {
      benchmark::DoNotOptimize(agg->AddSerialized(b));
    }
    benchmark::DoNotOptimize(agg->Finish());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AggregateSerialized)->Arg(1000)->Arg(1000000);

void BM_AggregateParseAndAdd(benchmark::State& state) {
  std::vector<std::string> bytes;
  for (const v1::Record& r : County(state.range(0), "c")) {
    bytes.push_back(r.SerializeAsString());
  }
  v1::Record r;
  for (auto _ : state) {
    std::unique_ptr<Aggregator> agg = *Aggregator::Create(Options());
    for (const std::string& b : bytes) {
      r.ParseFromString(b);
      benchmark::DoNotOptimize(agg->Add(r));
    }
    benchmark::DoNotOptimize(agg->Finish());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AggregateParseAndAdd)->Arg(1000)->Arg(1000000);

// A floor for the figures above: only reading each record's kind and id (and
// a member's unit id), as any consumer of parsed records must.
void BM_TouchRecords(benchmark::State& state) {
  const std::vector<v1::Record> records = County(state.range(0), "c");
  for (auto _ : state) {
    size_t sum = 0;
    for (const v1::Record& r : records) {
      sum += static_cast<size_t>(r.entity_case());
      if (r.has_member()) {
        sum +=
            r.member().id().size() + r.member().host_organization_id().size();
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_TouchRecords)->Arg(1000)->Arg(1000000);

// The Add() loop alone, Finish() outside the timing.
void BM_AggregateAddOnly(benchmark::State& state) {
  const std::vector<v1::Record> records = County(state.range(0), "c");
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<Aggregator> agg = *Aggregator::Create(Options());
    state.ResumeTiming();
    for (const v1::Record& r : records) {
      benchmark::DoNotOptimize(agg->Add(r));
    }
    state.PauseTiming();
    agg.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AggregateAddOnly)->Arg(1000)->Arg(1000000);

// County partials grouped by county, as a province or the centre merges them.
std::vector<v1::PartialReport> CountyPartials(int counties) {
  std::vector<v1::PartialReport> out;
  AggregatorOptions o = Options();
  o.group_by.set_region_level(v1::REGION_LEVEL_COUNTY);
  for (int c = 0; c < counties; ++c) {
    std::unique_ptr<Aggregator> agg = *Aggregator::Create(o);
    for (const v1::Record& r : County(200, "county" + std::to_string(c))) {
      (void)agg->Add(r);
    }
    out.push_back(*agg->Finish());
  }
  return out;
}

// Time to merge N county partials into one (MergeAllPartialReports).
void BM_MergeCountyPartials(benchmark::State& state) {
  const std::vector<v1::PartialReport> partials =
      CountyPartials(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(MergeAllPartialReports(partials));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_MergeCountyPartials)
    ->Arg(1000)
    ->Arg(3000)
    ->Unit(benchmark::kMillisecond);

// A floor for the merge above: copying its result, the merged partial of N
// counties, as protobuf builds it (a heap object per message and per
// string, first-touched memory), without reading a partial.
void BM_CopyMergedPartial(benchmark::State& state) {
  const v1::PartialReport merged =
      *MergeAllPartialReports(CountyPartials(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    v1::PartialReport copy = merged;
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["bytes"] = static_cast<double>(merged.ByteSizeLong());
  state.counters["regions"] = merged.regions_size();
}
BENCHMARK(BM_CopyMergedPartial)->Arg(3000)->Unit(benchmark::kMillisecond);

// The same by pairwise MergePartialReports() in a balanced tree.
void BM_MergeCountyPartialsPairwise(benchmark::State& state) {
  const std::vector<v1::PartialReport> partials =
      CountyPartials(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    std::vector<v1::PartialReport> level = partials;
    while (level.size() > 1) {
      std::vector<v1::PartialReport> next;
      for (size_t i = 0; i + 1 < level.size(); i += 2) {
        next.push_back(*MergePartialReports(level[i], level[i + 1]));
      }
      if (level.size() % 2) next.push_back(level.back());
      level.swap(next);
    }
    benchmark::DoNotOptimize(level);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_MergeCountyPartialsPairwise)
    ->Arg(1000)
    ->Arg(3000)
    ->Unit(benchmark::kMillisecond);

// The final report of 3,000 merged counties.
void BM_FinishReport(benchmark::State& state) {
  const v1::PartialReport merged =
      *MergeAllPartialReports(CountyPartials(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    benchmark::DoNotOptimize(FinishReport(merged));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FinishReport)->Arg(1000)->Arg(3000)->Unit(benchmark::kMillisecond);

// The final report of N counties grouped by county, as pretty JSON: by
// RenderReportJson() (the direct writer), and by protobuf's printer for
// comparison.
void BM_RenderReportJson(benchmark::State& state) {
  const v1::Report report = *FinishReport(*MergeAllPartialReports(
      CountyPartials(static_cast<int>(state.range(0)))));
  JsonWriteOptions options;
  options.pretty = true;
  int64_t bytes = 0;
  for (auto _ : state) {
    absl::StatusOr<std::string> json = RenderReportJson(report, options);
    if (!json.ok()) state.SkipWithError("render failed");
    bytes += static_cast<int64_t>(json->size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_RenderReportJson)->Arg(3000)->Unit(benchmark::kMillisecond);

void BM_ProtobufReportJson(benchmark::State& state) {
  const v1::Report report = *FinishReport(*MergeAllPartialReports(
      CountyPartials(static_cast<int>(state.range(0)))));
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  int64_t bytes = 0;
  for (auto _ : state) {
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(report, &json, options)
             .ok()) {
      state.SkipWithError("print failed");
    }
    bytes += static_cast<int64_t>(json.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ProtobufReportJson)->Arg(3000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dangjian

BENCHMARK_MAIN();
