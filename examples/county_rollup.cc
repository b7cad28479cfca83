// County roll-up: how reports climb the region tree (township -> county ->
// city -> province). Each county aggregates its own record stream and writes
// its partial report (the mergeable state, not the finished figures); the
// level above merges the partials it receives and regroups them by its own
// level. The merged report equals the report of one pass over every record.
//
//   county_rollup [FOLDER]   (default: county_rollup_partials; created)
#include <sys/stat.h>

#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "dangjian/dangjian.h"
#include "dangjian/generate.h"

namespace {

dangjian::AggregatorOptions Options() {
  dangjian::AggregatorOptions options;
  options.year = 2017;
  options.group_by.set_region_level(dangjian::v1::REGION_LEVEL_COUNTY);
  return options;
}

// Aggregates each county (shard) on its own and writes its partial report to
// FOLDER/<county>.partial.pb; feeds every record to a one-pass aggregator too,
// for the comparison.
class PerCounty : public dangjian::RecordSink {
 public:
  PerCounty(std::string folder, dangjian::Aggregator* one_pass)
      : folder_(std::move(folder)), one_pass_(one_pass) {}

  absl::Status StartShard(const dangjian::ShardInfo& shard) override {
    auto a = dangjian::Aggregator::Create(Options());
    if (!a.ok()) return a.status();
    county_ = std::move(*a);
    shard_ = shard;
    return absl::OkStatus();
  }
  absl::Status Write(const dangjian::v1::Record& record) override {
    if (absl::Status s = one_pass_->Add(record); !s.ok()) return s;
    return county_->Add(record);
  }
  absl::Status FinishShard() override {
    absl::StatusOr<dangjian::v1::PartialReport> partial = county_->Finish();
    if (!partial.ok()) return partial.status();
    const std::string path = folder_ + "/" + shard_.region_id + ".partial.pb";
    std::ofstream out(path, std::ios::binary);
    if (!partial->SerializeToOstream(&out)) {
      return absl::UnavailableError("cannot write " + path);
    }
    std::cout << "  county " << shard_.name << " (" << shard_.region_id
              << "): partial report " << path << "\n";
    paths.push_back(path);
    return absl::OkStatus();
  }

  std::vector<std::string> paths;

 private:
  std::string folder_;
  dangjian::Aggregator* one_pass_;
  std::unique_ptr<dangjian::Aggregator> county_;
  dangjian::ShardInfo shard_;
};

// Finishes `partial` regrouped by `level` and says whether it equals `want`.
absl::StatusOr<bool> SameAt(const dangjian::v1::PartialReport& merged,
                            const dangjian::v1::PartialReport& one_pass,
                            dangjian::v1::RegionLevel level) {
  dangjian::v1::GroupBy by;
  by.set_region_level(level);
  auto a = dangjian::RegroupPartialReport(merged, by);
  auto b = dangjian::RegroupPartialReport(one_pass, by);
  if (!a.ok()) return a.status();
  if (!b.ok()) return b.status();
  auto ra = dangjian::FinishReport(*a);
  auto rb = dangjian::FinishReport(*b);
  if (!ra.ok()) return ra.status();
  if (!rb.ok()) return rb.status();
  std::cout << "  " << dangjian::v1::RegionLevel_Name(level) << ": "
            << ra->groups_size() << " groups, " << ra->total().units().total()
            << " units, target 1 " << ra->total().targets().target_1().met()
            << "/" << ra->total().targets().target_1().eligible();
  const bool same = ra->SerializeAsString() == rb->SerializeAsString();
  std::cout << (same ? "  merged == one pass\n" : "  DIFFERENT\n");
  return same;
}

int Failed(const absl::Status& s) {
  std::cerr << "county_rollup: " << s << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : "county_rollup_partials";
  mkdir(folder.c_str(), 0777);  // May exist already.

  // A small country: about 6 counties of 1,000 units each.
  dangjian::NationalScenarioOptions national;
  national.host_organizations = 6000;
  national.members = 18000;
  national.units_per_county = 1000;
  auto one_pass = dangjian::Aggregator::Create(Options());
  if (!one_pass.ok()) return Failed(one_pass.status());
  PerCounty counties(folder, one_pass->get());
  std::cout << "Each county aggregates its own records:\n";
  if (absl::Status s = dangjian::GenerateNational(national, &counties);
      !s.ok()) {
    return Failed(s);
  }
  absl::StatusOr<dangjian::v1::PartialReport> whole = (*one_pass)->Finish();
  if (!whole.ok()) return Failed(whole.status());

  // The level above receives the partials and merges them.
  std::vector<dangjian::v1::PartialReport> partials;
  for (const std::string& path : counties.paths) {
    absl::StatusOr<dangjian::v1::PartialReport> p =
        dangjian::ReadPartialReportFile(path);
    if (!p.ok()) return Failed(p.status());
    partials.push_back(*std::move(p));
  }
  absl::StatusOr<dangjian::v1::PartialReport> merged =
      dangjian::MergeAllPartialReports(partials);
  if (!merged.ok()) return Failed(merged.status());

  std::cout << "\nMerged " << partials.size()
            << " county partials, then regrouped up the region tree:\n";
  bool all_same = true;
  for (dangjian::v1::RegionLevel level :
       {dangjian::v1::REGION_LEVEL_COUNTY, dangjian::v1::REGION_LEVEL_CITY,
        dangjian::v1::REGION_LEVEL_PROVINCE}) {
    absl::StatusOr<bool> same = SameAt(*merged, *whole, level);
    if (!same.ok()) return Failed(same.status());
    all_same = all_same && *same;
  }
  std::cout << (all_same ? "\nThe merged report equals the one-pass report at "
                           "every level.\n"
                         : "\nThe merged report DIFFERS from the one-pass "
                           "report.\n");
  return all_same ? 0 : 1;
}
