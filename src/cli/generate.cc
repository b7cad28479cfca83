// dangjian generate: synthetic datasets.
#include "dangjian/generate.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <deque>
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

// Hands records to a WritingSink on a thread of its own, so that making the
// next records overlaps writing (serializing, checking, checksumming) the last
// ones: a single output file keeps its order and its bytes. Records are
// copied onto the arena of a batch; three batches at most are in flight.
class PipelinedSink : public RecordSink {
 public:
  explicit PipelinedSink(WritingSink* out) : out_(out) {
    for (Batch& b : batches_) free_.push_back(&b);
    writer_ = std::thread([this] { WriteBatches(); });
  }
  ~PipelinedSink() override { Stop(); }

  absl::Status StartShard(const ShardInfo& shard) override {
    return Push(Event{Event::kStart, shard, nullptr});
  }
  absl::Status Write(const v1::Record& record) override {
    if (current_ == nullptr && !TakeFree()) return Failed();
    v1::Record* copy =
        google::protobuf::Arena::CreateMessage<v1::Record>(&current_->arena);
    copy->CopyFrom(record);
    return Push(Event{Event::kRecord, {}, copy});
  }
  absl::Status FinishShard() override {
    return Push(Event{Event::kFinish, {}, nullptr});
  }

  // Writes what is pending and waits for it; returns the first error of the
  // WritingSink, or OK.
  absl::Status Close() {
    if (current_ != nullptr) HandOff();
    Stop();
    return Failed();
  }

 private:
  struct Event {
    enum Kind { kStart, kRecord, kFinish } kind;
    ShardInfo shard;     // kStart.
    v1::Record* record;  // kRecord: on the batch's arena.
  };
  struct Batch {
    google::protobuf::Arena arena;
    std::vector<Event> events;
  };
  static constexpr size_t kBatchEvents = 4096;

  absl::Status Failed() {
    std::lock_guard<std::mutex> lock(mu_);
    return status_;
  }

  // Waits for a free batch; false when the writer has failed.
  bool TakeFree() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty() || !status_.ok(); });
    if (!status_.ok()) return false;
    current_ = free_.back();
    free_.pop_back();
    return true;
  }

  absl::Status Push(Event e) {
    if (current_ == nullptr && !TakeFree()) return Failed();
    current_->events.push_back(std::move(e));
    if (current_->events.size() < kBatchEvents) return absl::OkStatus();
    HandOff();
    return Failed();
  }

  void HandOff() {
    std::lock_guard<std::mutex> lock(mu_);
    full_.push_back(current_);
    current_ = nullptr;
    cv_.notify_all();
  }

  void WriteBatches() {
    while (true) {
      Batch* b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return !full_.empty() || done_; });
        if (full_.empty()) return;
        b = full_.front();
        full_.pop_front();
        if (!status_.ok()) continue;  // After a failure, nothing more.
      }
      absl::Status s;
      for (const Event& e : b->events) {
        if (e.kind == Event::kStart) {
          s = out_->StartShard(e.shard);
        } else if (e.kind == Event::kRecord) {
          s = out_->Write(*e.record);
        } else {
          s = out_->FinishShard();
        }
        if (!s.ok()) break;
      }
      b->events.clear();
      b->arena.Reset();
      std::lock_guard<std::mutex> lock(mu_);
      if (!s.ok() && status_.ok()) status_ = s;
      if (status_.ok()) free_.push_back(b);  // After a failure, drop the rest.
      cv_.notify_all();
    }
  }

  void Stop() {
    if (!writer_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
      cv_.notify_all();
    }
    writer_.join();
  }

  WritingSink* out_;
  Batch batches_[3];
  Batch* current_ = nullptr;  // Being filled by the generating thread.
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Batch*> free_;  // Guarded by mu_.
  std::deque<Batch*> full_;   // Guarded by mu_: written in order.
  bool done_ = false;         // Guarded by mu_.
  absl::Status status_;       // Guarded by mu_: the writer's first error.
  std::thread writer_;
};

// --threads: 0 is one per core.
absl::StatusOr<int64_t> ThreadsFlag(const Args& args) {
  absl::StatusOr<int64_t> threads = args.GetInt("threads");
  if (!threads.ok() || *threads < 0 || *threads > 256) {
    return absl::InvalidArgumentError("--threads is 0 (one per core) to 256");
  }
  if (*threads > 0) return *threads;
  return static_cast<int64_t>(
      std::max(1u, std::thread::hardware_concurrency()));
}

// The national scenario's options from the flags (--units, --members,
// --seed, --year, --units-per-county, --faults). Returns the first flag's
// error.
absl::Status ScenarioOptionsFrom(const Args& args,
                                 NationalScenarioOptions* options) {
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
    if (!s.ok()) return s;
  }
  options->host_organizations = *units;
  options->members = args.Has("members") ? *members : *units * 3;
  options->seed = static_cast<uint64_t>(*seed);
  options->year = static_cast<int32_t>(*year);
  options->units_per_county = *per_county;
  options->fault_rate = *faults;
  return absl::OkStatus();
}

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
  if (absl::Status s = ScenarioOptionsFrom(args, &options); !s.ok()) {
    return Fail(kName, std::string(s.message()));
  }

  absl::StatusOr<int64_t> threads = ThreadsFlag(args);
  if (!threads.ok())
    return Fail(kName, std::string(threads.status().message()));

  // A folder: an existing directory, or a path ending in '/'.
  const bool folder =
      !IsStdout(output) && (IsDirectory(output) || absl::EndsWith(output, "/"));
  std::string dir = output;
  while (folder && dir.size() > 1 && dir.back() == '/') dir.pop_back();
  // Missing folders are made, as mkdir -p makes them: the output folder, or
  // the one the output file goes into.
  if (folder) {
    if (int e = MakeFolders(dir); e != 0) {
      return Fail(kName, absl::StrCat(dir, ": cannot create the folder: ",
                                      std::generic_category().message(e)));
    }
  } else if (absl::Status s = MakeParentFolders(output); !s.ok()) {
    return Fail(kName, std::string(s.message()));
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
    // Called every 4,096 records: often enough for the time to decide.
    progress.UpdateSeldom(progress_records += n, 0);
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
    // One file: its records in order, made on this thread and, with two
    // threads or more, written on another.
    std::unique_ptr<WritingSink> sink = new_sink();
    absl::Status s;
    if (*threads > 1) {
      PipelinedSink pipe(sink.get());
      s = keshiketeng ? GenerateKeshiketeng2014(&pipe)
                      : GenerateNational(options, &pipe);
      const absl::Status written = pipe.Close();
      if (!written.ok()) s = written;  // The writer's error says more.
    } else {
      s = keshiketeng ? GenerateKeshiketeng2014(sink.get())
                      : GenerateNational(options, sink.get());
    }
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
    const int64_t workers = std::min(*threads, *shards);
    std::atomic<int64_t> next{0};
    std::vector<absl::Status> failures(static_cast<size_t>(*shards));
    std::vector<std::unique_ptr<WritingSink>> sinks;
    for (int64_t t = 0; t < workers; ++t) sinks.push_back(new_sink());
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
    for (int64_t t = 1; t < workers; ++t) {
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
           "threads (0: one per core): counties made at once into a folder; "
           "into one file, 2 or more make and write records at once",
           "0"},
          {"quiet", 'q', false, "", "no progress line", ""},
      },
      &Run};
}

}  // namespace cli
}  // namespace dangjian
