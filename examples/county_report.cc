// A province's report over its counties' files, as `dangjian report` makes it:
// the pipeline (dangjian/pipeline.h) reads each county's record stream once,
// validates and aggregates it on two threads, and merges the counties into one
// report. A program that links the library gets the CLI's behaviour, exit
// status included, in the few lines of Report() below.
//
//   county_report [FOLDER]   (default: county_report_data; a small generated
//                             country, a record stream per county, is written
//                             there first when the folder does not exist)
//
// Exit status: 0 done, 1 ERROR findings, 2 the run failed (a damaged file
// included).
#include <sys/stat.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "dangjian/dangjian.h"
#include "dangjian/generate.h"

namespace {

// Writes each generated county to FOLDER/<county>.djr.
class CountyFiles : public dangjian::RecordSink {
 public:
  explicit CountyFiles(std::string folder) : folder_(std::move(folder)) {}

  absl::Status StartShard(const dangjian::ShardInfo& shard) override {
    dangjian::RecordStreamWriterOptions options;
    // The date the data describes, which the validator judges by.
    dangjian::v1::Date* as_of =
        options.header.mutable_provenance()->mutable_as_of();
    as_of->set_year(2017);
    as_of->set_month(12);
    as_of->set_day(31);
    auto writer = dangjian::RecordStreamWriter::Create(
        folder_ + "/" + shard.region_id + ".djr", options);
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    return absl::OkStatus();
  }
  absl::Status Write(const dangjian::v1::Record& record) override {
    return writer_->Write(record);
  }
  absl::Status FinishShard() override { return writer_->Close(); }

 private:
  std::string folder_;
  std::unique_ptr<dangjian::RecordStreamWriter> writer_;
};

int Report(const std::string& folder) {
  dangjian::PipelineOptions options;
  options.year = 2017;
  options.threads = 2;
  options.group_by.set_region_level(dangjian::v1::REGION_LEVEL_PROVINCE);
  absl::StatusOr<dangjian::PipelineResult> run =
      dangjian::RunPipeline({folder}, options);
  if (!run.ok()) {
    std::cerr << run.status() << "\n";  // e.g. DATA_LOSS: shard 3 of 12 ...
    return 2;
  }
  absl::StatusOr<dangjian::v1::Report> report =
      dangjian::FinishReport(run->partial);
  if (!report.ok()) {
    std::cerr << report.status() << "\n";
    return 2;
  }
  std::cout << dangjian::RenderReportText(*report);
  std::cout << "\n"
            << run->shards.size() << " county files, " << run->records
            << " records read, validated as of " << run->findings.as_of().year()
            << "-" << run->findings.as_of().month() << "-"
            << run->findings.as_of().day() << ": "
            << run->findings.error_count() << " errors, "
            << run->findings.warning_count() << " warnings\n";
  return run->findings.error_count() > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : "county_report_data";
  struct stat st;
  if (stat(folder.c_str(), &st) != 0) {
    if (mkdir(folder.c_str(), 0777) != 0) {
      std::perror(folder.c_str());
      return 2;
    }
    dangjian::NationalScenarioOptions country;
    country.host_organizations = 20000;
    country.members = 60000;
    CountyFiles files(folder);
    if (absl::Status s = dangjian::GenerateNational(country, &files); !s.ok()) {
      std::cerr << s << "\n";
      return 2;
    }
  }
  return Report(folder);
}
