// The national generator: records/s into a sink that only serializes (what a
// stream writer must do at least), and into one that does nothing.
#include <string>

#include "benchmark/benchmark.h"
#include "dangjian/generate.h"

namespace dangjian {
namespace {

class SerializingSink : public RecordSink {
 public:
  explicit SerializingSink(bool serialize) : serialize_(serialize) {}
  absl::Status StartShard(const ShardInfo&) override {
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& record) override {
    ++records;
    if (serialize_) {
      buffer_.clear();
      record.AppendToString(&buffer_);
      bytes += static_cast<int64_t>(buffer_.size());
    }
    return absl::OkStatus();
  }
  absl::Status FinishShard() override { return absl::OkStatus(); }
  int64_t records = 0;
  int64_t bytes = 0;

 private:
  bool serialize_;
  std::string buffer_;
};

void BM_GenerateNational(benchmark::State& state) {
  NationalScenarioOptions o;
  o.host_organizations = state.range(0);
  o.members = state.range(0) * 3;
  int64_t records = 0, bytes = 0;
  for (auto _ : state) {
    SerializingSink sink(state.range(1) != 0);
    if (!GenerateNational(o, &sink).ok())
      state.SkipWithError("generation failed");
    records += sink.records;
    bytes += sink.bytes;
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(bytes);
}
// Args: host organizations, serialize (1) or not (0).
BENCHMARK(BM_GenerateNational)
    ->Args({1000, 1})
    ->Args({100000, 0})
    ->Args({100000, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dangjian

BENCHMARK_MAIN();
