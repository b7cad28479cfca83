// dangjian generate: synthetic datasets.
#include "dangjian/generate.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <string>
#include <system_error>

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
  WritingSink(std::string output, bool folder, std::string extension,
              std::string description, Progress* progress)
      : output_(std::move(output)),
        folder_(folder),
        extension_(std::move(extension)),
        description_(std::move(description)),
        progress_(progress) {}

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
    progress_->Update(records_, 0);
    return writer_->Write(record);
  }

  absl::Status FinishShard() override {
    if (!folder_) return absl::OkStatus();
    absl::Status s = writer_->Close();
    writer_.reset();
    return s;
  }

  absl::Status Close() {
    if (folder_ || writer_ == nullptr) return absl::OkStatus();
    absl::Status s = writer_->Close();
    writer_.reset();
    return s;
  }

  int64_t records() const { return records_; }
  int64_t files() const { return files_; }

 private:
  std::string output_;
  bool folder_;
  std::string extension_;
  std::string description_;
  Progress* progress_;
  std::unique_ptr<RecordWriter> writer_;
  int64_t records_ = 0;
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
  WritingSink sink(folder ? dir : output, folder, args.Get("format"),
                   description, &progress);
  absl::Status s = keshiketeng ? GenerateKeshiketeng2014(&sink)
                               : GenerateNational(options, &sink);
  if (s.ok()) s = sink.Close();
  if (!s.ok()) return Fail(kName, std::string(s.message()));
  progress.Finish(sink.records(), 0);
  if (!args.Has("quiet")) {
    std::fprintf(stderr, "wrote %s records to %s file%s under %s\n",
                 Grouped(sink.records()).c_str(), Grouped(sink.files()).c_str(),
                 sink.files() == 1 ? "" : "s",
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
          {"quiet", 'q', false, "", "no progress line", ""},
      },
      &Run};
}

}  // namespace cli
}  // namespace dangjian
