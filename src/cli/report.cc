// dangjian report and dangjian merge: the coverage and indicator report.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
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
  std::string text;
  if (format == "text") {
    TextRenderOptions options;
    options.language =
        lang == "en" ? ReportLanguage::kEnglish : ReportLanguage::kChinese;
    text = RenderReportText(*report, options);
  } else if (format == "json") {
    JsonWriteOptions options;
    options.pretty = true;
    absl::StatusOr<std::string> json = RenderReportJson(*report, options);
    if (!json.ok()) return Fail(name, std::string(json.status().message()));
    text = *json;
  } else if (format == "csv") {
    CsvRenderOptions options;
    options.language =
        lang == "en" ? ReportLanguage::kEnglish : ReportLanguage::kChinese;
    text = RenderReportCsv(*report, options);
  } else if (format == "html") {
    HtmlRenderOptions options;
    options.language =
        lang == "en" ? ReportLanguage::kEnglish : ReportLanguage::kChinese;
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
  std::unique_ptr<Validator> validator;
  if (validate) {
    validator_options.max_findings =
        1;  // The report shows counts, not findings.
    auto v = Validator::Create(validator_options);
    if (!v.ok()) return Fail(kName, std::string(v.status().message()));
    validator = std::move(*v);
  }
  absl::StatusOr<std::vector<std::string>> inputs =
      ExpandInputs(args.positional());
  if (!inputs.ok()) return Fail(kName, std::string(inputs.status().message()));

  Progress progress("dangjian report", !args.Has("quiet"));
  int64_t records = 0, bytes = 0;
  std::vector<v1::PartialReport> partials;
  partials.reserve(inputs->size());
  for (const std::string& path : *inputs) {
    // One aggregator per file: each file is a shard (a county).
    absl::StatusOr<std::unique_ptr<Aggregator>> aggregator =
        Aggregator::Create(options);
    if (!aggregator.ok())
      return Fail(kName, std::string(aggregator.status().message()));
    absl::StatusOr<ShardRead> read =
        ReadShard(path, *stdin_format,
                  [&](const v1::Record& r, const v1::SourceLocation& where) {
                    progress.Update(++records, bytes + where.byte_offset());
                    if (validator != nullptr) {
                      if (absl::Status s = validator->Add(r, &where); !s.ok())
                        return s;
                    }
                    return (*aggregator)->Add(r);
                  });
    if (!read.ok()) return Fail(kName, std::string(read.status().message()));
    bytes += read->bytes;
    for (const auto& [reason, count] : read->skipped) {
      if (absl::Status s = (*aggregator)->AddSkippedRecords(reason, count);
          !s.ok()) {
        return Fail(kName, std::string(s.message()));
      }
    }
    if (validator != nullptr) {
      absl::StatusOr<v1::ValidationReport> findings = validator->Finish();
      if (!findings.ok())
        return Fail(kName, std::string(findings.status().message()));
      for (const v1::RuleCount& c : findings->rule_counts()) {
        if (absl::Status s = (*aggregator)->AddFindings(c.rule_id(), c.count());
            !s.ok()) {
          return Fail(kName, std::string(s.message()));
        }
      }
    }
    absl::StatusOr<v1::PartialReport> partial = (*aggregator)->Finish();
    if (!partial.ok())
      return Fail(kName, std::string(partial.status().message()));
    partials.push_back(std::move(*partial));
  }
  progress.Finish(records, bytes);
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
      {"quiet", 'q', false, "", "no progress line", ""},
  };
  for (FlagSpec& f : OutputFlags()) flags.push_back(std::move(f));
  return Command{
      "report", "the four-100% coverage and indicator report",
      "Usage: dangjian report --year YEAR [OPTIONS] FILE...\n\n"
      "Aggregates each file (a folder stands for its files; each file is one "
      "shard,\n"
      "e.g. one county, validated and aggregated on its own) and merges the "
      "shards\n"
      "into one report: the four targets with their worklists, coverage and "
      "every\n"
      "indicator. With --partial it writes the mergeable state instead, for\n"
      "'dangjian merge' at the level above.\n\n"
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
