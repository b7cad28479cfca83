#include "testing/generated.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "gtest/gtest.h"

namespace dangjian {
namespace testing {
namespace {

// Collects each shard's records in a list of its own.
class CollectingSink : public RecordSink {
 public:
  explicit CollectingSink(std::vector<std::vector<v1::Record>>* shards)
      : shards_(shards) {}
  absl::Status StartShard(const ShardInfo&) override {
    shards_->emplace_back();
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& r) override {
    shards_->back().push_back(r);
    return absl::OkStatus();
  }
  absl::Status FinishShard() override { return absl::OkStatus(); }

 private:
  std::vector<std::vector<v1::Record>>* shards_;
};

}  // namespace

NationalScenarioOptions SmallNational(double fault_rate) {
  NationalScenarioOptions options;
  options.host_organizations = 1500;
  options.members = 4500;
  options.units_per_county = 500;
  options.fault_rate = fault_rate;
  return options;
}

std::vector<v1::Record> GeneratedRecords(
    const NationalScenarioOptions& options) {
  std::vector<v1::Record> records;
  for (std::vector<v1::Record>& county : GeneratedCounties(options)) {
    std::move(county.begin(), county.end(), std::back_inserter(records));
  }
  return records;
}

std::vector<std::vector<v1::Record>> GeneratedCounties(
    const NationalScenarioOptions& options) {
  std::vector<std::vector<v1::Record>> counties;
  CollectingSink sink(&counties);
  const absl::Status s = GenerateNational(options, &sink);
  EXPECT_TRUE(s.ok()) << s;
  return counties;
}

}  // namespace testing
}  // namespace dangjian
