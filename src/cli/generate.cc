// dangjian generate: synthetic datasets.
#include "dangjian/generate.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "dangjian/record_io.h"
#include "dangjian/version.h"

namespace dangjian {
namespace cli {
namespace {

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Writes every shard into one file, or each shard into its own file in a
// folder.
class WritingSink : public RecordSink {
 public:
  // `progress` is called now and then with the records written since its
  // last call, and from Close() or the end of each shard with the rest.
  // `as_of`, the date the data describes, goes into each header's provenance.
  WritingSink(std::string output, bool folder, std::string extension,
              std::string description, v1::Date as_of,
              std::function<void(int64_t)> progress)
      : output_(std::move(output)),
        folder_(folder),
        extension_(std::move(extension)),
        description_(std::move(description)),
        as_of_(std::move(as_of)),
        progress_(std::move(progress)) {}

  absl::Status StartShard(const ShardInfo& shard) override {
    if (writer_ != nullptr && !folder_) return absl::OkStatus();
    const std::string path =
        folder_ ? absl::StrCat(output_, "/", shard.region_id, ".", extension_)
                : output_;
    CreateOptions options;
    v1::Provenance* p = options.record_stream.header.mutable_provenance();
    p->set_producer(absl::StrCat("dangjian generate ", VersionString()));
    p->set_description(description_);
    p->set_schema_version("dangjian.v1");
    *p->mutable_as_of() = as_of_;
    if (folder_ || shard.count == 1) p->set_region_id(shard.region_id);
    absl::StatusOr<std::unique_ptr<RecordWriter>> writer;
    if (IsStdout(path)) {
      absl::StatusOr<FileFormat> format = FormatFromName(extension_);
      if (!format.ok()) return format.status();
      writer = CreateStdoutRecordWriter(*format, options);
    } else {
      writer = CreateRecordWriter(path, options);
    }
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    ++files_;
    return absl::OkStatus();
  }

  absl::Status Write(const v1::Record& record) override {
    ++records_;
    if (++unreported_ == 4096) Report();
    return writer_->Write(record);
  }

  absl::Status FinishShard() override {
    Report();
    if (!folder_) return absl::OkStatus();
    absl::Status s = writer_->Close();
    writer_.reset();
    return s;
  }

  absl::Status Close() {
    Report();
    if (folder_ || writer_ == nullptr) return absl::OkStatus();
    absl::Status s = writer_->Close();
    writer_.reset();
    return s;
  }

  int64_t records() const { return records_; }
  int64_t files() const { return files_; }

 private:
  void Report() {
    if (unreported_ > 0) progress_(unreported_);
    unreported_ = 0;
  }

  std::string output_;
  bool folder_;
  std::string extension_;
  std::string description_;
  v1::Date as_of_;
  std::function<void(int64_t)> progress_;
  std::unique_ptr<RecordWriter> writer_;
  int64_t records_ = 0;
  int64_t unreported_ = 0;
  int64_t files_ = 0;
};

int Run(const Args& args) {
  const char* kName = "generate";
  const std::string scenario = args.Get("scenario");
  const std::string output = args.Get("output");
  if (output.empty())
    return Fail(kName,
                "give the output with -o PATH (a file, or a folder for one "
                "stream per county)");
  if (!args.positional().empty()) {
    return Fail(kName, absl::StrCat("unexpected argument '",
                                    args.positional()[0], "'"));
  }
  if (scenario != "national" && scenario != "keshiketeng-2014") {
    return Fail(kName, absl::StrCat(
                           "unknown scenario '", scenario,
                           "'; the scenarios are: national, keshiketeng-2014"));
  }
  const bool keshiketeng = scenario == "keshiketeng-2014";
  if (keshiketeng) {
    for (const char* flag :
         {"units", "members", "seed", "year", "units-per-county", "faults"}) {
      if (args.Has(flag)) {
        return Fail(kName, absl::StrCat("--", flag,
                                        " does not apply to the fixed "
                                        "scenario keshiketeng-2014"));
      }
    }
  }
  NationalScenarioOptions options;
  auto units = args.GetInt("units");
  absl::StatusOr<int64_t> members = int64_t{0};
  if (args.Has("members")) members = args.GetInt("members");
  auto seed = args.GetInt("seed");
  auto year = args.GetInt("year");
  auto per_county = args.GetInt("units-per-county");
  auto faults = args.GetDouble("faults");
  for (const absl::Status& s :
       {units.status(), members.status(), seed.status(), year.status(),
        per_county.status(), faults.status()}) {
    if (!s.ok()) return Fail(kName, std::string(s.message()));
  }
  options.host_organizations = *units;
  options.members = args.Has("members") ? *members : *units * 3;
  options.seed = static_cast<uint64_t>(*seed);
  options.year = static_cast<int32_t>(*year);
  options.units_per_county = *per_county;
  options.fault_rate = *faults;

  // A folder: an existing directory, or a path ending in '/'.
  const bool folder =
      !IsStdout(output) && (IsDirectory(output) || absl::EndsWith(output, "/"));
  std::string dir = output;
  while (folder && dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (folder && !IsDirectory(dir) && mkdir(dir.c_str(), 0777) != 0) {
    return Fail(kName, absl::StrCat(dir, ": cannot create the folder: ",
                                    std::generic_category().message(errno)));
  }
  const std::string description =
      keshiketeng ? std::string(
                        "scenario keshiketeng-2014: Keshiketeng Banner, 2014, "
                        "after People's Daily Online, 2014-08-14")
                  : absl::StrCat("scenario ", scenario, ", seed ", options.seed,
                                 ", units ", options.host_organizations,
                                 ", members ", options.members, ", year ",
                                 options.year, ", faults ", options.fault_rate);
  Progress progress("dangjian generate", !args.Has("quiet"));
  std::mutex progress_mu;
  int64_t progress_records = 0;
  auto report_progress = [&](int64_t n) {
    std::lock_guard<std::mutex> lock(progress_mu);
    progress.Update(progress_records += n, 0);
  };
  // The data describes the end of its report year.
  v1::Date as_of;
  as_of.set_year(keshiketeng ? kKeshiketeng2014Year : options.year);
  as_of.set_month(12);
  as_of.set_day(31);
  auto new_sink = [&] {
    return std::make_unique<WritingSink>(folder ? dir : output, folder,
                                         args.Get("format"), description, as_of,
                                         report_progress);
  };
  int64_t records = 0, files = 0;
  if (keshiketeng || !folder) {
    // One file: its records in order, on this thread.
    std::unique_ptr<WritingSink> sink = new_sink();
    absl::Status s = keshiketeng ? GenerateKeshiketeng2014(sink.get())
                                 : GenerateNational(options, sink.get());
    if (s.ok()) s = sink->Close();
    if (!s.ok()) return Fail(kName, std::string(s.message()));
    records = sink->records();
    files = sink->files();
  } else {
    // A folder: counties are independent files, made on --threads threads;
    // each county's bytes are the same whatever the number of threads.
    absl::StatusOr<int64_t> shards = NationalShardCount(options);
    if (!shards.ok())
      return Fail(kName, std::string(shards.status().message()));
    absl::StatusOr<int64_t> threads_flag = args.GetInt("threads");
    if (!threads_flag.ok() || *threads_flag < 0 || *threads_flag > 256) {
      return Fail(kName, "--threads is 0 (one per core) to 256");
    }
    int64_t threads = *threads_flag > 0
                          ? *threads_flag
                          : static_cast<int64_t>(std::max(
                                1u, std::thread::hardware_concurrency()));
    threads = std::min(threads, *shards);
    std::atomic<int64_t> next{0};
    std::vector<absl::Status> failures(static_cast<size_t>(*shards));
    std::vector<std::unique_ptr<WritingSink>> sinks;
    for (int64_t t = 0; t < threads; ++t) sinks.push_back(new_sink());
    auto work = [&](WritingSink* sink) {
      for (int64_t i = next++; i < *shards; i = next++) {
        absl::Status s = GenerateNationalShard(options, i, sink);
        if (!s.ok()) {
          failures[static_cast<size_t>(i)] = s;
          next = *shards;  // Stop taking shards: the run has failed.
          return;
        }
      }
    };
    std::vector<std::thread> pool;
    for (int64_t t = 1; t < threads; ++t) {
      pool.emplace_back(work, sinks[static_cast<size_t>(t)].get());
    }
    work(sinks[0].get());
    for (std::thread& t : pool) t.join();
    for (const absl::Status& s : failures) {
      if (!s.ok()) return Fail(kName, std::string(s.message()));
    }
    for (const auto& sink : sinks) {
      records += sink->records();
      files += sink->files();
    }
  }
  progress.Finish(records, 0);
  if (!args.Has("quiet")) {
    std::fprintf(stderr, "wrote %s records to %s file%s under %s\n",
                 Grouped(records).c_str(), Grouped(files).c_str(),
                 files == 1 ? "" : "s",
                 IsStdout(output) ? "standard output" : output.c_str());
  }
  return kExitOk;
}

}  // namespace

Command GenerateCommand() {
  return Command{
      "generate",
      "make a synthetic dataset (same seed, same bytes)",
      "Usage: dangjian generate --scenario NAME [OPTIONS] -o PATH\n\n"
      "Writes a synthetic dataset. Scenarios:\n"
      "  national          country-shaped: provinces, cities, counties and\n"
      "                    townships; units, members, party organizations,\n"
      "                    grids, venues, funding, activities (--units,\n"
      "                    --members, --seed, --year, --faults)\n"
      "  keshiketeng-2014  Keshiketeng Banner in 2014, shaped so that its "
      "report\n"
      "                    reproduces the article's figures (report it with\n"
      "                    --year 2014)\n"
      "PATH is a file (format from its extension: .djr record stream, .jsonl,\n"
      ".pb, .json), a folder (an existing one, or a path ending in '/'), "
      "which\n"
      "gets one record stream per county, or - for standard output (a record\n"
      "stream, or JSON Lines with --format jsonl).\n\n"
      "Example:\n"
      "  dangjian generate --scenario national --units 100000 --members 300000 "
      "-o counties/\n"
      "  dangjian report --year 2017 --group-by province counties/\n"
      "  dangjian generate --scenario keshiketeng-2014 -o keshiketeng.djr\n"
      "  dangjian generate --scenario keshiketeng-2014 --format jsonl -o - | "
      "head\n",
      {
          {"scenario", 0, true, "NAME",
           "the scenario: national or keshiketeng-2014", "national"},
          {"output", 'o', true, "PATH", "the file or folder to write", ""},
          {"units", 0, true, "N", "host organizations", "100000"},
          {"members", 0, true, "M", "members, about (default: 3 per unit)", ""},
          {"seed", 0, true, "S", "seed of the pseudo-random sequence", "1"},
          {"year", 0, true, "YEAR", "the report year", "2017"},
          {"units-per-county", 0, true, "N",
           "units per county (shard), on average", "3300"},
          {"faults", 0, true, "RATE",
           "share of records given a planted fault, 0 to 1", "0"},
          {"format", 0, true, "EXT",
           "format in a folder or on standard output: djr, jsonl (folder: "
           "also pb, json)",
           "djr"},
          {"threads", 'j', true, "N",
           "counties made at once into a folder (0: one thread per core)", "0"},
          {"quiet", 'q', false, "", "no progress line", ""},
      },
      &Run};
}

}  // namespace cli
}  // namespace dangjian
