#include "testing/generated.h"

#include "gtest/gtest.h"

namespace dangjian {
namespace testing {
namespace {

class CollectingSink : public RecordSink {
 public:
  explicit CollectingSink(std::vector<v1::Record>* records)
      : records_(records) {}
  absl::Status StartShard(const ShardInfo&) override {
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& r) override {
    records_->push_back(r);
    return absl::OkStatus();
  }
  absl::Status FinishShard() override { return absl::OkStatus(); }

 private:
  std::vector<v1::Record>* records_;
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
  CollectingSink sink(&records);
  const absl::Status s = GenerateNational(options, &sink);
  EXPECT_TRUE(s.ok()) << s;
  return records;
}

}  // namespace testing
}  // namespace dangjian
