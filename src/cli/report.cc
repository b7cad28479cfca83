// dangjian report and dangjian merge: the coverage and indicator report.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "dangjian/aggregate.h"
#include "dangjian/render.h"
#include "dangjian/validate.h"
#include "google/protobuf/util/json_util.h"

namespace dangjian {
namespace cli {
namespace {

absl::StatusOr<v1::GroupBy> ParseGroupBy(const std::string& text) {
  v1::GroupBy g;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    if (part == "province") {
      g.set_region_level(v1::REGION_LEVEL_PROVINCE);
    } else if (part == "city") {
      g.set_region_level(v1::REGION_LEVEL_CITY);
    } else if (part == "county") {
      g.set_region_level(v1::REGION_LEVEL_COUNTY);
    } else if (part == "township") {
      g.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
    } else if (part == "industry") {
      g.set_industry(true);
    } else if (part == "kind") {
      g.set_host_kind(true);
    } else if (part == "subtype") {
      g.set_host_subtype(true);
    } else if (part == "sector") {
      g.set_sector_system(true);
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("--group-by: unknown dimension '", part,
                       "'; use province, city, county, township, industry, "
                       "kind, subtype, sector"));
    }
  }
  return g;
}

// Writes the report in the asked format, or the partial state with --partial.
int Emit(const char* name, const Args& args, const v1::PartialReport& partial) {
  const std::string output = args.Get("output");
  if (args.Has("partial")) {
    std::string bytes;
    if (absl::EndsWith(output, ".pb")) {
      partial.SerializeToString(&bytes);
    } else {
      google::protobuf::util::JsonPrintOptions print;
      print.add_whitespace = true;
      if (!google::protobuf::util::MessageToJsonString(partial, &bytes, print)
               .ok()) {
        return Fail(name, "cannot print the partial report as JSON");
      }
    }
    if (absl::Status s = WriteOutput(output, bytes); !s.ok()) {
      return Fail(name, std::string(s.message()));
    }
    return kExitOk;
  }
  absl::StatusOr<v1::Report> report = FinishReport(partial);
  if (!report.ok()) return Fail(name, std::string(report.status().message()));
  const std::string format = args.Get("format");
  const std::string lang = args.Get("lang");
  if (lang != "zh" && lang != "en") return Fail(name, "--lang is zh or en");
  const ReportLanguage language =
      lang == "en" ? ReportLanguage::kEnglish : ReportLanguage::kChinese;
  std::string text;
  if (format == "text") {
    TextRenderOptions options;
    options.language = language;
    text = RenderReportText(*report, options);
  } else if (format == "json") {
    JsonWriteOptions options;
    options.pretty = true;
    absl::StatusOr<std::string> json = RenderReportJson(*report, options);
    if (!json.ok()) return Fail(name, std::string(json.status().message()));
    text = *json;
  } else if (format == "csv") {
    CsvRenderOptions options;
    options.language = language;
    text = RenderReportCsv(*report, options);
  } else if (format == "html") {
    HtmlRenderOptions options;
    options.language = language;
    text = RenderReportHtml(*report, options);
  } else {
    return Fail(name, absl::StrCat("unknown --format '", format,
                                   "'; use text, json, csv or html"));
  }
  if (absl::Status s = WriteOutput(output, text); !s.ok()) {
    return Fail(name, std::string(s.message()));
  }
  return kExitOk;
}

// Reads, validates (when `validator_options` is not null) and aggregates one
// shard, calling `tick` with records and bytes read since its last call.
absl::StatusOr<v1::PartialReport> ReportShard(
    const Shard& shard, FileFormat stdin_format,
    const AggregatorOptions& options, const ValidatorOptions* validator_options,
    const std::function<void(int64_t, int64_t)>& tick) {
  absl::StatusOr<std::unique_ptr<Aggregator>> aggregator =
      Aggregator::Create(options);
  if (!aggregator.ok()) return aggregator.status();
  std::unique_ptr<Validator> validator;
  if (validator_options != nullptr) {
    auto v = Validator::Create(*validator_options);
    if (!v.ok()) return v.status();
    validator = *std::move(v);
  }
  for (const std::string& path : shard) {
    int64_t pending = 0, last_offset = 0;
    auto count = [&](const v1::SourceLocation& where) {
      if (++pending == 256) {
        tick(pending, where.byte_offset() - last_offset);
        pending = 0;
        last_offset = where.byte_offset();
      }
    };
    auto add = [&](const v1::Record& r, const v1::SourceLocation& where) {
      count(where);
      if (validator != nullptr) {
        if (absl::Status s = validator->Add(r, &where); !s.ok()) return s;
      }
      return (*aggregator)->Add(r);
    };
    // Without validation, a record stream's records go to the aggregator
    // unparsed: it decodes the few fields it reads.
    auto add_serialized = [&](absl::string_view bytes,
                              const v1::SourceLocation& where) {
      count(where);
      return (*aggregator)->AddSerialized(bytes);
    };
    absl::StatusOr<ShardRead> read =
        validator != nullptr
            ? ReadShard(path, stdin_format, add)
            : ReadShard(path, stdin_format, add, add_serialized);
    if (!read.ok()) return read.status();
    tick(pending, read->bytes - last_offset);
    for (const auto& [reason, count] : read->skipped) {
      if (absl::Status s = (*aggregator)->AddSkippedRecords(reason, count);
          !s.ok()) {
        return s;
      }
    }
  }
  if (validator != nullptr) {
    absl::StatusOr<v1::ValidationReport> findings = validator->Finish();
    if (!findings.ok()) return findings.status();
    for (const v1::RuleCount& c : findings->rule_counts()) {
      if (absl::Status s = (*aggregator)->AddFindings(c.rule_id(), c.count());
          !s.ok()) {
        return s;
      }
    }
  }
  return (*aggregator)->Finish();
}

int RunReport(const Args& args) {
  const char* kName = "report";
  if (args.positional().empty())
    return Fail(kName, "give the files (or folders) to report on");
  if (!args.Has("year"))
    return Fail(kName, "give the report year with --year YYYY");
  AggregatorOptions options;
  absl::StatusOr<int64_t> year = args.GetInt("year");
  absl::StatusOr<int64_t> cap = args.GetInt("worklist-cap");
  absl::StatusOr<v1::GroupBy> group_by = ParseGroupBy(args.Get("group-by"));
  absl::StatusOr<FileFormat> stdin_format = FormatFromName(args.Get("from"));
  for (const absl::Status& s : {year.status(), cap.status(), group_by.status(),
                                stdin_format.status()}) {
    if (!s.ok()) return Fail(kName, std::string(s.message()));
  }
  options.year = static_cast<int32_t>(*year);
  options.worklist_cap = static_cast<int32_t>(*cap);
  options.group_by = *group_by;
  ValidatorOptions validator_options;
  if (args.Has("policy")) {
    absl::StatusOr<v1::Policy> policy = LoadPolicyJsonFile(args.Get("policy"));
    if (!policy.ok())
      return Fail(kName, std::string(policy.status().message()));
    options.policy = *policy;
    validator_options.policy = *policy;
  }
  const bool validate = !args.Has("no-validate");
  absl::StatusOr<int64_t> threads_flag = args.GetInt("threads");
  if (!threads_flag.ok() || *threads_flag < 0 || *threads_flag > 256) {
    return Fail(kName, "--threads is 0 (one per core) to 256");
  }
  // Check the validator options once, before any thread starts.
  if (validate) {
    validator_options.max_findings = 1;  // The report shows counts only.
    auto v = Validator::Create(validator_options);
    if (!v.ok()) return Fail(kName, std::string(v.status().message()));
  }
  absl::StatusOr<std::vector<Shard>> shards = ExpandInputs(args.positional());
  if (!shards.ok()) return Fail(kName, std::string(shards.status().message()));

  // Shards are independent: each thread takes the next shard, reads,
  // validates and aggregates it on its own; the partials merge exactly in any
  // order. Each thread merges its partials kBatch at a time as it goes: a
  // county's partial is mostly worklists, and keeping them all (120 MB over
  // the 3,030 counties of the national run, each page touched fresh) cost
  // more than the merging.
  constexpr size_t kBatch = 64;
  size_t threads = *threads_flag > 0
                       ? static_cast<size_t>(*threads_flag)
                       : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max<size_t>(1, std::min(threads, shards->size()));
  Progress progress("dangjian report", !args.Has("quiet"));
  std::mutex progress_mu;
  std::atomic<int64_t> records{0}, bytes{0};
  std::atomic<size_t> next{0};
  std::vector<std::vector<v1::PartialReport>> kept(threads);
  std::vector<absl::Status> failures(shards->size());
  std::vector<absl::Status> merge_failures(threads);
  auto work = [&](size_t t) {
    std::vector<v1::PartialReport> batch;
    // Merges the batch into one partial kept by this thread.
    auto flush = [&] {
      if (batch.size() == 1) kept[t].push_back(std::move(batch[0]));
      if (batch.size() > 1) {
        absl::StatusOr<v1::PartialReport> m = MergeAllPartialReports(batch);
        if (!m.ok()) {
          merge_failures[t] = m.status();
          next = shards->size();  // Stop taking shards: the run has failed.
        } else {
          kept[t].push_back(*std::move(m));
        }
      }
      batch.clear();
    };
    for (size_t i = next++; i < shards->size(); i = next++) {
      absl::StatusOr<v1::PartialReport> partial = ReportShard(
          (*shards)[i], *stdin_format, options,
          validate ? &validator_options : nullptr, [&](int64_t n, int64_t b) {
            const int64_t r = records += n;
            const int64_t at = bytes += b;
            std::lock_guard<std::mutex> lock(progress_mu);
            progress.Update(r, at);
          });
      if (!partial.ok()) {
        failures[i] = partial.status();
        next = shards->size();  // Stop taking shards: the run has failed.
        return;
      }
      batch.push_back(*std::move(partial));
      if (batch.size() == kBatch) flush();
    }
    flush();
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
  for (const absl::Status& s : failures) {
    if (!s.ok()) return Fail(kName, std::string(s.message()));
  }
  for (const absl::Status& s : merge_failures) {
    if (!s.ok()) return Fail(kName, std::string(s.message()));
  }
  progress.Finish(records.load(), bytes.load());
  std::vector<v1::PartialReport> partials;
  for (std::vector<v1::PartialReport>& k : kept) {
    for (v1::PartialReport& p : k) partials.push_back(std::move(p));
  }
  absl::StatusOr<v1::PartialReport> merged = MergeAllPartialReports(partials);
  if (!merged.ok()) return Fail(kName, std::string(merged.status().message()));
  return Emit(kName, args, *merged);
}

absl::StatusOr<v1::PartialReport> ReadPartial(const std::string& path) {
  std::ifstream in(path == "-" ? "/dev/stdin" : path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  v1::PartialReport partial;
  if (absl::EndsWith(path, ".pb")) {
    if (!partial.ParseFromString(bytes)) {
      return absl::DataLossError(absl::StrCat(
          path, ": not a dangjian.v1.PartialReport in binary protobuf"));
    }
    return partial;
  }
  auto status = google::protobuf::util::JsonStringToMessage(bytes, &partial);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a dangjian.v1.PartialReport in JSON: ",
                     status.message().as_string()));
  }
  return partial;
}

int RunMerge(const Args& args) {
  const char* kName = "merge";
  if (args.positional().empty())
    return Fail(kName, "give the partial reports to merge");
  std::vector<v1::PartialReport> partials;
  for (const std::string& path : args.positional()) {
    absl::StatusOr<v1::PartialReport> p = ReadPartial(path);
    if (!p.ok()) return Fail(kName, std::string(p.status().message()));
    partials.push_back(std::move(*p));
  }
  absl::StatusOr<v1::PartialReport> merged = MergeAllPartialReports(partials);
  if (!merged.ok()) return Fail(kName, std::string(merged.status().message()));
  if (args.Has("group-by")) {
    absl::StatusOr<v1::GroupBy> g = ParseGroupBy(args.Get("group-by"));
    if (!g.ok()) return Fail(kName, std::string(g.status().message()));
    merged = RegroupPartialReport(*merged, *g);
    if (!merged.ok())
      return Fail(kName, std::string(merged.status().message()));
  }
  return Emit(kName, args, *merged);
}

std::vector<FlagSpec> OutputFlags() {
  return {
      {"format", 0, true, "FORMAT",
       "text, json, csv (a row per figure) or html (a page with charts)",
       "text"},
      {"lang", 0, true, "LANG", "labels in zh or en", "zh"},
      {"output", 'o', true, "PATH", "write there instead of standard output",
       "-"},
      {"partial", 0, false, "",
       "write the mergeable state (.pb binary, else JSON)", ""},
  };
}

}  // namespace

Command ReportCommand() {
  std::vector<FlagSpec> flags = {
      {"year", 0, true, "YEAR", "the report year (required)", ""},
      {"group-by", 0, true, "DIMS",
       "comma-separated: province|city|county|township, industry, kind, "
       "subtype, sector",
       ""},
      {"policy", 0, true, "FILE",
       "thresholds as JSON (unset fields: the default)", ""},
      {"worklist-cap", 0, true, "N",
       "ids listed per worklist (all are counted)", "100"},
      {"no-validate", 0, false, "",
       "skip validation (no finding counts in data quality)", ""},
      {"from", 0, true, "FORMAT",
       "format of standard input (-): djr, jsonl, json, pb, csv", "jsonl"},
      {"threads", 'j', true, "N",
       "shards read at once (0: one thread per core)", "0"},
      {"quiet", 'q', false, "", "no progress line", ""},
  };
  for (FlagSpec& f : OutputFlags()) flags.push_back(std::move(f));
  return Command{
      "report", "the four-100% coverage and indicator report",
      "Usage: dangjian report --year YEAR [OPTIONS] FILE...\n\n"
      "Validates and aggregates each shard on its own, several at once "
      "(--threads),\n"
      "and merges them into one report. A file is a shard (e.g. one county); "
      "a\n"
      "folder stands for what it holds: its CSV ledgers together are one "
      "shard,\n"
      "each other file a shard, and each subfolder is read the same way (a "
      "folder\n"
      "of county folders: a shard per county). The report holds\n"
      "the four targets with their worklists, coverage and every indicator. "
      "With\n"
      "--partial it writes the mergeable state instead, for 'dangjian merge' "
      "at\n"
      "the level above.\n\n"
      "Example:\n"
      "  dangjian report --year 2017 --group-by province counties/\n"
      "  dangjian report --year 2017 --group-by county --format html -o "
      "report.html counties/\n"
      "  dangjian report --year 2017 --partial -o county.partial.pb "
      "county.djr\n"
      "  dangjian generate --scenario keshiketeng-2014 -o - | dangjian report "
      "--year 2014 --from djr -\n",
      std::move(flags), &RunReport};
}

Command MergeCommand() {
  std::vector<FlagSpec> flags = {
      {"group-by", 0, true, "DIMS",
       "regroup by coarser dimensions (as report --group-by)", ""},
  };
  for (FlagSpec& f : OutputFlags()) flags.push_back(std::move(f));
  return Command{
      "merge", "merge partial reports into one report (or one partial)",
      "Usage: dangjian merge [OPTIONS] PARTIAL...\n\n"
      "Merges partial reports (from 'dangjian report --partial'; .pb binary "
      "or\n"
      "JSON) exactly: the result equals the report of all their data.\n\n"
      "Example:\n"
      "  dangjian merge --format json -o province.json partials/*.pb\n",
      std::move(flags), &RunMerge};
}

}  // namespace cli
}  // namespace dangjian
