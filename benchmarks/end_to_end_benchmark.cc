// End to end, as `dangjian report` does it: county record streams on disk ->
// (validate +) aggregate each county as a shard -> merge the partials -> the
// final report, on 1 and 2 threads (a thread takes the next county). Reported
// as records/s and bytes/s of the streams read.
//
//   BM_EndToEnd/<units>/<threads>/<validate>
//
// Without validation the records go to the aggregator unparsed
// (RecordStreamReader::NextSerialized() + Aggregator::AddSerialized()); with
// it, each is parsed once for the validator and the aggregator. The dataset
// (the national scenario, 3 members a unit, 3,300 units a county) is written
// once per size under $TMPDIR and read from the page cache.
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/record_stream.h"
#include "dangjian/validate.h"

namespace dangjian {
namespace {

// Writes one record stream per county into a folder.
class FolderSink : public RecordSink {
 public:
  explicit FolderSink(std::string dir) : dir_(std::move(dir)) {}
  absl::Status StartShard(const ShardInfo& shard) override {
    const std::string path = absl::StrCat(dir_, "/", shard.region_id, ".djr");
    auto w = RecordStreamWriter::Create(path);
    if (!w.ok()) return w.status();
    writer_ = *std::move(w);
    paths_.push_back(path);
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& r) override {
    ++records_;
    return writer_->Write(r);
  }
  absl::Status FinishShard() override { return writer_->Close(); }
  const std::vector<std::string>& paths() const { return paths_; }
  int64_t records() const { return records_; }

 private:
  std::string dir_;
  std::unique_ptr<RecordStreamWriter> writer_;
  std::vector<std::string> paths_;
  int64_t records_ = 0;
};

struct Dataset {
  std::vector<std::string> paths;
  int64_t records = 0;
  int64_t bytes = 0;
};

const Dataset& DatasetOf(int64_t units) {
  static std::map<int64_t, Dataset>* cache = new std::map<int64_t, Dataset>();
  auto it = cache->find(units);
  if (it != cache->end()) return it->second;
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = absl::StrCat(tmp != nullptr ? tmp : "/tmp",
                                       "/dangjian-e2e-", getpid(), "-", units);
  std::system(absl::StrCat("mkdir -p '", dir, "'").c_str());
  FolderSink sink(dir);
  NationalScenarioOptions options;
  options.host_organizations = units;
  options.members = 3 * units;
  if (!GenerateNational(options, &sink).ok()) std::abort();
  Dataset d;
  d.paths = sink.paths();
  d.records = sink.records();
  for (const std::string& p : d.paths) {
    if (FILE* f = std::fopen(p.c_str(), "rb")) {
      std::fseek(f, 0, SEEK_END);
      d.bytes += std::ftell(f);
      std::fclose(f);
    }
  }
  // The files are deleted at exit; the page cache keeps them meanwhile.
  static std::vector<std::string>* dirs = new std::vector<std::string>();
  if (dirs->empty()) {
    std::atexit([] {
      for (const std::string& x : *dirs) {
        std::system(absl::StrCat("rm -rf '", x, "'").c_str());
      }
    });
  }
  dirs->push_back(dir);
  return cache->emplace(units, std::move(d)).first->second;
}

absl::StatusOr<v1::PartialReport> County(const std::string& path,
                                         bool validate) {
  AggregatorOptions options;
  options.year = 2017;
  options.group_by.set_region_level(v1::REGION_LEVEL_COUNTY);
  auto aggregator = Aggregator::Create(options);
  if (!aggregator.ok()) return aggregator.status();
  RecordStreamReaderOptions read;
  read.check_serialized = false;  // AddSerialized() checks.
  auto reader = RecordStreamReader::Open(path, read);
  if (!reader.ok()) return reader.status();
  if (validate) {
    ValidatorOptions v;
    v.max_findings = 1;
    auto validator = Validator::Create(v);
    if (!validator.ok()) return validator.status();
    v1::Record r;
    while ((*reader)->Next(&r)) {
      (void)(*validator)->Add(r);
      (void)(*aggregator)->Add(r);
    }
    auto found = (*validator)->Finish();
    if (!found.ok()) return found.status();
    for (const v1::RuleCount& c : found->rule_counts()) {
      (void)(*aggregator)->AddFindings(c.rule_id(), c.count());
    }
  } else {
    absl::string_view bytes;
    while ((*reader)->NextSerialized(&bytes)) {
      if (absl::Status s = (*aggregator)->AddSerialized(bytes); !s.ok()) {
        return s;
      }
    }
  }
  if (!(*reader)->status().ok()) return (*reader)->status();
  return (*aggregator)->Finish();
}

void BM_EndToEnd(benchmark::State& state) {
  const Dataset& d = DatasetOf(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  const bool validate = state.range(2) != 0;
  for (auto _ : state) {
    std::vector<v1::PartialReport> partials(d.paths.size());
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    auto work = [&] {
      for (size_t i = next++; i < d.paths.size(); i = next++) {
        auto p = County(d.paths[i], validate);
        if (!p.ok()) {
          failed = true;
          return;
        }
        partials[i] = *std::move(p);
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    if (failed) {
      state.SkipWithError("a county failed");
      break;
    }
    auto merged = MergeAllPartialReports(partials);
    auto report = merged.ok() ? FinishReport(*merged) : merged.status();
    if (!report.ok()) state.SkipWithError("merge failed");
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations() * d.records);
  state.SetBytesProcessed(state.iterations() * d.bytes);
  state.counters["counties"] = static_cast<double>(d.paths.size());
}
BENCHMARK(BM_EndToEnd)
    ->ArgNames({"units", "threads", "validate"})
    ->Args({1000, 1, 0})
    ->Args({1000, 2, 1})
    ->Args({300000, 1, 0})
    ->Args({300000, 2, 0})
    ->Args({300000, 1, 1})
    ->Args({300000, 2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace dangjian

BENCHMARK_MAIN();
