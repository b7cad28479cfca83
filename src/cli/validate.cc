// dangjian validate: findings for ledgers.
#include "dangjian/validate.h"

#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/output.h"
#include "cli/pipeline_flags.h"
#include "dangjian/io.h"
#include "dangjian/personal_data.h"
#include "dangjian/render.h"
#include "google/protobuf/util/json_util.h"

namespace dangjian {
namespace cli {
namespace {

int Run(const Args& args) {
  const char* kName = "validate";
  if (args.positional().empty())
    return Fail(kName, "give the files (or folders) to check");
  absl::StatusOr<PipelineOptions> options = PipelineOptionsFromArgs(args);
  if (!options.ok())
    return Fail(kName, std::string(options.status().message()));
  options->aggregate = false;
  if (absl::Status s = ApplyYearFlag(args, &*options); !s.ok()) {
    return Fail(kName, std::string(s.message()));
  }
  absl::StatusOr<int64_t> max = args.GetInt("max-findings");
  if (!max.ok()) return Fail(kName, std::string(max.status().message()));
  options->max_findings = *max;
  for (absl::string_view rule :
       absl::StrSplit(args.Get("disable"), ',', absl::SkipEmpty())) {
    v1::RuleOverride* o = &options->rule_overrides.emplace_back();
    o->set_rule_id(std::string(rule));
    o->set_disabled(true);
  }
  const std::string format = args.Get("format");
  if (format != "text" && format != "json" && format != "csv") {
    return Fail(kName, "--format is text, json or csv");
  }
  absl::StatusOr<ReportLanguage> lang = LanguageFromArgs(args);
  if (!lang.ok()) return Fail(kName, std::string(lang.status().message()));
  FindingsRenderOptions render;
  render.language = *lang;
  // In English too: the messages hold Chinese terms and names.
  render.utf8_bom = !args.Has("no-bom");
  absl::StatusOr<PipelineResult> run = RunWithProgress(kName, args, *options);
  if (!run.ok()) return Fail(kName, std::string(run.status().message()));
  const v1::ValidationReport& all = run->findings;

  std::string text;
  if (format == "text") {
    text = RenderFindingsText(all, render);
  } else if (format == "csv") {
    text = RenderFindingsCsv(all, render);
  } else {
    google::protobuf::util::JsonPrintOptions print;
    print.add_whitespace = true;
    if (!google::protobuf::util::MessageToJsonString(all, &text, print).ok()) {
      return Fail(kName, "cannot print the report as JSON");
    }
  }
  // Findings come masked from the library; mask once more in case a message
  // quotes input it did not expect to be personal.
  if (absl::Status s = WriteOutput(args.Get("output"), MaskPersonalData(text));
      !s.ok()) {
    return Fail(kName, std::string(s.message()));
  }
  if (run->damaged_shards > 0) return kExitDamaged;
  return all.error_count() > 0 ? kExitFindings : kExitOk;
}

std::vector<FlagSpec> ValidateFlags() {
  std::vector<FlagSpec> flags = {
      {"format", 0, true, "FORMAT", "text, json or csv", "text"},
      LangFlag(),
      {"no-bom", 0, false, "",
       "CSV without the byte order mark put first for Excel", ""},
      {"output", 'o', true, "PATH", "write there instead of standard output",
       "-"},
      {"year", 0, true, "YEAR",
       "judge dates as of the end of YEAR when a shard's header gives no date",
       ""},
      {"disable", 0, true, "RULES", "comma-separated rule ids to switch off",
       ""},
      {"max-findings", 0, true, "N", "findings listed (all are counted)",
       "100000"},
  };
  for (FlagSpec& f : PipelineFlags()) flags.push_back(std::move(f));
  return flags;
}

}  // namespace

Command ValidateCommand() {
  return Command{
      "validate",
      "check ledgers against the regulations: findings, not crashes",
      "Usage: dangjian validate [OPTIONS] FILE...\n\n"
      "Checks each shard against the rule catalogue and prints every finding "
      "with\n"
      "where it is (file, line or record, field; in an Excel workbook "
      "sheet!cell,\n"
      "县台账.xlsx:党员!C6) and which rule it breaks. A file is a shard (e.g. "
      "one\n"
      "county); a folder stands for what it holds: its ledgers (CSV files and "
      ".xlsx\n"
      "workbooks) together are one shard, each other file a shard, and each "
      "subfolder\n"
      "is read the same way (a folder of county folders: a shard per "
      "county).\n"
      "Dates are judged as of --as-of, else each shard's header date, else the "
      "end\n"
      "of --year, else today. Exit status: 0 no ERROR finding; 1 ERROR "
      "findings;\n"
      "2 the run failed (nothing written), also when a shard could not be "
      "read\n"
      "whole; 3 written from damaged input (--allow-damaged).\n\n"
      "Example:\n"
      "  dangjian validate --format csv -o findings.csv counties/\n",
      ValidateFlags(), &Run};
}

}  // namespace cli
}  // namespace dangjian
