#include "cli/pipeline_flags.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/inputs.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "dangjian/personal_data.h"
#include "dangjian/validate.h"

namespace dangjian {
namespace cli {

std::vector<FlagSpec> PipelineFlags() {
  return {
      {"policy", 0, true, "FILE",
       "thresholds as JSON (unset fields: the default)", ""},
      {"as-of", 0, true, "DATE",
       "judge dates against YYYY-MM-DD (default: the as-of date in each "
       "shard's header (report: when in --year), else the end of --year, "
       "else today)",
       ""},
      {"from", 0, true, "FORMAT",
       "format of standard input (-): djr, jsonl, json, pb, csv, xlsx",
       "jsonl"},
      {"threads", 'j', true, "N",
       "shards read at once (0: one thread per core)", "0"},
      {"allow-damaged", 0, false, "",
       "report what could be read of a damaged shard (exit status 3)", ""},
      {"quiet", 'q', false, "", "no progress line", ""},
  };
}

absl::StatusOr<v1::Date> ParseDateFlag(const std::string& flag,
                                       const std::string& text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int y = 0, m = 0, d = 0;
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 ||
      parts[2].size() != 2 || !absl::SimpleAtoi(parts[0], &y) ||
      !absl::SimpleAtoi(parts[1], &m) || !absl::SimpleAtoi(parts[2], &d) ||
      !absl::ascii_isdigit(parts[0][0]) || !absl::ascii_isdigit(parts[1][0]) ||
      !absl::ascii_isdigit(parts[2][0])) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag, " wants a date as YYYY-MM-DD, got '", text, "'"));
  }
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

absl::Status ApplyYearFlag(const Args& args, PipelineOptions* options) {
  if (!args.Has("year")) return absl::OkStatus();
  absl::StatusOr<int64_t> year = args.GetInt("year");
  if (!year.ok()) return year.status();
  if (*year < 1 || *year > 9999) {
    return absl::InvalidArgumentError(
        absl::StrCat("--year is 1 to 9999, got ", *year));
  }
  options->year = static_cast<int32_t>(*year);
  return absl::OkStatus();
}

absl::StatusOr<PipelineOptions> PipelineOptionsFromArgs(const Args& args) {
  PipelineOptions options;
  if (args.Has("policy")) {
    absl::StatusOr<v1::Policy> policy = LoadPolicyJsonFile(args.Get("policy"));
    if (!policy.ok()) return policy.status();
    options.policy = *policy;
  }
  if (args.Has("as-of")) {
    absl::StatusOr<v1::Date> as_of = ParseDateFlag("as-of", args.Get("as-of"));
    if (!as_of.ok()) return as_of.status();
    options.as_of = *as_of;
  }
  absl::StatusOr<FileFormat> from = FormatFromName(args.Get("from"));
  if (!from.ok()) return from.status();
  options.stdin_format = *from;
  absl::StatusOr<int64_t> threads = args.GetInt("threads");
  if (!threads.ok() || *threads < 0 || *threads > 256) {
    return absl::InvalidArgumentError("--threads is 0 (one per core) to 256");
  }
  options.threads = static_cast<int32_t>(*threads);
  options.allow_damaged = args.Has("allow-damaged");
  return options;
}

absl::StatusOr<std::vector<ShardFiles>> ShardsOfArgs(const Args& args) {
  absl::StatusOr<std::vector<ShardFiles>> shards =
      ExpandInputs(args.positional());
  if (!shards.ok()) return shards.status();
  if (args.Has("output")) {
    std::vector<std::string> files;
    for (const ShardFiles& shard : *shards) {
      files.insert(files.end(), shard.begin(), shard.end());
    }
    if (absl::Status s = CheckOutputIsNoInput(args.Get("output"), files);
        !s.ok()) {
      return s;
    }
  }
  return shards;
}

absl::StatusOr<PipelineResult> RunWithProgress(const char* command,
                                               const Args& args,
                                               const PipelineOptions& options) {
  absl::StatusOr<std::vector<ShardFiles>> shards = ShardsOfArgs(args);
  if (!shards.ok()) return shards.status();
  Progress progress(absl::StrCat("dangjian ", command), !args.Has("quiet"));
  PipelineOptions with_progress = options;
  with_progress.progress = [&](const PipelineProgress& p) {
    progress.set_total_bytes(p.total_bytes);
    progress.UpdateSeldom(p.records, p.bytes);
  };
  absl::StatusOr<PipelineResult> result =
      RunPipelineOnShards(*shards, with_progress);
  if (!result.ok()) return result.status();
  progress.Finish(result->records, result->bytes);
  for (const ShardOutcome& s : result->shards) {
    if (!s.damaged) continue;
    std::fprintf(stderr,
                 "dangjian %s: damaged input, only what was read is "
                 "counted: %s\n",
                 command, MaskPersonalData(s.damage).c_str());
  }
  return result;
}

}  // namespace cli
}  // namespace dangjian
