// dangjian report and dangjian merge: the coverage and indicator report.
#include "cli/report.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/pipeline_flags.h"
#include "dangjian/aggregate.h"
#include "dangjian/io.h"
#include "dangjian/personal_data.h"
#include "dangjian/pipeline.h"
#include "dangjian/render.h"
#include "dangjian/validate.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"

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

// A file name made of region names: characters no file system takes (and
// control characters) become '_'; personal data is masked in the whole name
// (a number split across two names is still a number); a name too long for
// a file system (255 bytes, with ".csv.tmp") is cut at a character.
std::string FileNameOf(const std::string& name) {
  std::string out;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || absl::StrContains("/\\:*?\"<>|", c) ? '_' : c);
  }
  out = MaskPersonalData(out);
  constexpr size_t kMaxBytes = 200;
  if (out.size() > kMaxBytes) {
    size_t end = kMaxBytes;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) {
      --end;
    }
    out.resize(end);
  }
  if (out.empty() || out == "." || out == "..") out = "_";
  return out;
}

const v1::TargetResult& TargetOf(const v1::TargetFigures& t, int i) {
  switch (i) {
    case 0:
      return t.target_1();
    case 1:
      return t.target_2();
    case 2:
      return t.target_3();
    default:
      return t.target_4();
  }
}

v1::TargetResult* MutableTarget(v1::TargetFigures* t, int i) {
  switch (i) {
    case 0:
      return t->mutable_target_1();
    case 1:
      return t->mutable_target_2();
    case 2:
      return t->mutable_target_3();
    default:
      return t->mutable_target_4();
  }
}

// Whether --worklist PATH names a single file rather than a folder.
bool IsWorklistFile(const std::string& path) {
  return IsStdout(path) || absl::EndsWithIgnoreCase(path, ".csv") ||
         absl::EndsWithIgnoreCase(path, ".xlsx");
}

// The absolute form of `path`, whether or not it exists: the nearest part
// that exists, resolved (links, "..", "."), and the rest as written.
std::string AbsolutePath(const std::string& path) {
  std::string rest, head = path;
  char* real = nullptr;
  while (!head.empty() && (real = realpath(head.c_str(), nullptr)) == nullptr) {
    const size_t slash = head.find_last_of('/');
    if (slash == std::string::npos) {
      rest = head + (rest.empty() ? "" : "/") + rest;
      head.clear();
      break;
    }
    rest = head.substr(slash + 1) + (rest.empty() ? "" : "/") + rest;
    head = slash == 0 ? "/" : head.substr(0, slash);
  }
  if (real == nullptr) real = realpath(".", nullptr);  // A relative path.
  std::string out = real != nullptr ? real : head;
  free(real);
  if (!rest.empty()) out = absl::StrCat(out == "/" ? "" : out, "/", rest);
  while (absl::EndsWith(out, "/") && out.size() > 1) out.pop_back();
  return out;
}

// Refuses a --worklist that would mix with the report or the inputs, and
// makes its folder (a folder's, or a file's): all before anything is written.
absl::Status CheckWorklistPath(const Args& args) {
  const std::string path = args.Get("worklist");
  const std::string output = args.Get("output");
  if (IsStdout(path) && IsStdout(output)) {
    return absl::InvalidArgumentError(
        "--worklist - and the report would both go to standard output; give "
        "the report -o FILE");
  }
  if (absl::Status s = CheckOutputIsNoInput(path, args.positional()); !s.ok()) {
    return s;
  }
  if (IsStdout(path)) return absl::OkStatus();
  const std::string absolute = AbsolutePath(path);
  if (!IsStdout(output) && absolute == AbsolutePath(output)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--worklist ", MaskPersonalData(path), " is the report's -o file"));
  }
  // Not in an input folder, where the next run would read it as a ledger.
  const bool file = IsWorklistFile(path);
  const std::string folder =
      file ? absolute.substr(0, std::max<size_t>(absolute.rfind('/'), 1))
           : absolute;
  for (const std::string& input : args.positional()) {
    char* in = realpath(input.c_str(), nullptr);
    if (in == nullptr) continue;
    const std::string dir = in;
    free(in);
    if (folder == dir || absl::StartsWith(folder, dir + "/")) {
      return absl::InvalidArgumentError(
          absl::StrCat("--worklist ", MaskPersonalData(path),
                       " is inside the input ", MaskPersonalData(input),
                       ", where the next run would read its files as ledgers"));
    }
  }
  if (int err = MakeFolders(folder); err != 0) {
    return absl::UnavailableError(
        absl::StrCat("--worklist: cannot make the folder ",
                     MaskPersonalData(folder), ": ", std::strerror(err)));
  }
  if (access(folder.c_str(), W_OK) != 0) {
    return absl::UnavailableError(
        absl::StrCat("--worklist: cannot write in the folder ",
                     MaskPersonalData(folder), ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

// The worklists of `report` as the files `path` asks for, each path with its
// bytes, nothing written: a workbook (a sheet per township) when it ends in
// .xlsx, a CSV file when in .csv or "-", else a CSV file per township in
// that folder (made by CheckWorklistPath()). Says on standard error when the
// lists are capped or empty.
using Files = std::vector<std::pair<std::string, std::string>>;

absl::StatusOr<Files> RenderWorklists(const char* name,
                                      const v1::Report& report,
                                      const std::string& path,
                                      ReportLanguage language, bool utf8_bom) {
  const bool zh = language == ReportLanguage::kChinese;
  int64_t listed = 0, shortfall = 0;
  int32_t cap = 0;
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = TargetOf(report.total().targets(), i);
    listed += t.worklist_entries_size();
    shortfall += t.shortfall();
    cap = t.worklist_cap();
  }
  if (shortfall == 0) {
    std::fprintf(stderr,
                 "dangjian %s: every unit meets its target: the worklists are "
                 "empty\n",
                 name);
  } else if (listed < shortfall) {
    std::fprintf(stderr,
                 "dangjian %s: the worklists list %lld of the %lld units "
                 "that fall short (a cap of %d per group); give "
                 "--worklist-cap all (to 'report --partial' too) for them "
                 "all\n",
                 name, static_cast<long long>(listed),
                 static_cast<long long>(shortfall), cap);
  }
  if (absl::EndsWithIgnoreCase(path, ".xlsx")) {
    WorklistXlsxOptions options;
    options.language = language;
    absl::StatusOr<std::string> xlsx = RenderWorklistXlsx(report, options);
    if (!xlsx.ok()) return xlsx.status();
    return Files{{path, *std::move(xlsx)}};
  }
  WorklistCsvOptions options;
  options.language = language;
  options.utf8_bom = utf8_bom;
  if (IsWorklistFile(path)) {
    return Files{{path, RenderWorklistCsv(report, options)}};
  }
  // Each township's entries, in one pass.
  std::map<std::vector<std::string>, v1::Report> townships;
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = TargetOf(report.total().targets(), i);
    for (const v1::WorklistEntry& e : t.worklist_entries()) {
      v1::Report& part = townships[WorklistTownshipPath(e)];
      *MutableTarget(part.mutable_total()->mutable_targets(), i)
           ->add_worklist_entries() = e;
    }
  }
  Files files;
  std::set<std::string> used;  // Lower case: unique on Windows too.
  for (const auto& [township, part] : townships) {
    const std::string base = township.empty()
                                 ? std::string(zh ? "未归属区域" : "no-region")
                                 : FileNameOf(absl::StrJoin(township, "-"));
    // Two townships whose names give one file name each get their own.
    std::string file = base;
    for (int n = 2; !used.insert(absl::AsciiStrToLower(file)).second; ++n) {
      file = absl::StrCat(base, "-", n);
    }
    files.emplace_back(absl::StrCat(path, "/", file, ".csv"),
                       RenderWorklistCsv(part, options));
  }
  return files;
}

}  // namespace

// Report.info from --reporting-unit and --made-on (else today, in local
// time); the data date came with the partial.
absl::Status SetReportInfo(const Args& args, v1::Report* report) {
  v1::ReportInfo* info = report->mutable_info();
  // Masked where it is stored: every format and any partial carry the same.
  info->set_reporting_unit(MaskPersonalData(args.Get("reporting-unit")));
  if (args.Has("made-on")) {
    absl::StatusOr<v1::Date> d = ParseDateFlag("made-on", args.Get("made-on"));
    if (!d.ok()) return d.status();
    const absl::CivilDay day(d->year(), d->month(), d->day());
    if (day.year() != d->year() || day.month() != d->month() ||
        day.day() != d->day() || d->year() < 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--made-on ", args.Get("made-on"), " is not a calendar date"));
    }
    *info->mutable_made_on() = *d;
    return absl::OkStatus();
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  if (localtime_r(&now, &local) == nullptr) return absl::OkStatus();
  info->mutable_made_on()->set_year(local.tm_year + 1900);
  info->mutable_made_on()->set_month(local.tm_mon + 1);
  info->mutable_made_on()->set_day(local.tm_mday);
  return absl::OkStatus();
}

// The report's format: --format, else the output file's extension, else
// text. InvalidArgument for a format not known, or a workbook to a terminal.
absl::StatusOr<std::string> ReportFormat(const Args& args) {
  const std::string output = args.Get("output");
  std::string format = args.Get("format");
  if (!args.Has("format")) {
    for (const char* ext : {"xlsx", "html", "json", "csv"}) {
      if (absl::EndsWithIgnoreCase(output, absl::StrCat(".", ext))) {
        format = ext;
      }
    }
  }
  if (format != "text" && format != "json" && format != "csv" &&
      format != "html" && format != "xlsx") {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown --format '", format, "'; use text, json, csv, html or xlsx"));
  }
  if (format == "xlsx" && IsStdout(output) && isatty(STDOUT_FILENO)) {
    return absl::InvalidArgumentError(
        "--format xlsx writes a binary workbook; give -o FILE.xlsx (or send "
        "standard output to a file or a pipe)");
  }
  return format;
}

// `report` beside the earlier year's (--compare PARTIAL, grouped as
// `report`), rendered as `format`: text, csv, json, html or xlsx.
absl::StatusOr<std::string> RenderCompared(const Args& args,
                                           const v1::Report& report,
                                           const std::string& format,
                                           ReportLanguage language) {
  const std::string path = args.Get("compare");
  absl::StatusOr<v1::PartialReport> earlier = ReadPartialReportFile(path);
  if (!earlier.ok()) return earlier.status();
  if (!google::protobuf::util::MessageDifferencer::Equals(earlier->group_by(),
                                                          report.group_by())) {
    earlier = RegroupPartialReport(*earlier, report.group_by());
    if (!earlier.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": ", earlier.status().message(),
          " (make the earlier partial with a grouping as fine as this one's)"));
    }
  }
  absl::StatusOr<v1::Report> before = FinishReport(*earlier);
  if (!before.ok()) return before.status();
  absl::StatusOr<v1::ReportComparison> comparison =
      CompareReports(*before, report);
  if (!comparison.ok()) return comparison.status();
  if (format == "text") {
    TextRenderOptions options;
    options.language = language;
    return RenderComparisonText(*comparison, options);
  }
  if (format == "csv") {
    CsvRenderOptions options;
    options.language = language;
    options.utf8_bom =
        language == ReportLanguage::kChinese && !args.Has("no-bom");
    return RenderComparisonCsv(*comparison, options);
  }
  if (format == "html") {
    HtmlRenderOptions options;
    options.language = language;
    options.title = args.Get("title");
    return RenderComparisonHtml(*comparison, options);
  }
  if (format == "xlsx") {
    WorkbookRenderOptions options;
    options.language = language;
    return RenderComparisonXlsx(*comparison, options);
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = true;
  if (!google::protobuf::util::MessageToJsonString(*comparison, &json, print)
           .ok()) {
    return absl::InternalError("cannot print the comparison as JSON");
  }
  return json;
}

int EmitReport(const char* name, const Args& args,
               const v1::PartialReport& partial) {
  const std::string output = args.Get("output");
  if (args.Has("partial") && args.Has("compare")) {
    return Fail(name,
                "--compare sets a report beside an earlier year's; a partial "
                "is for 'dangjian merge'");
  }
  if (args.Has("partial") && args.Has("worklist")) {
    return Fail(name,
                "--worklist writes the worklists of a report; a partial "
                "carries them to 'dangjian merge --worklist'");
  }
  if (args.Has("worklist") && !args.Has("partial")) {
    if (absl::Status s = CheckWorklistPath(args); !s.ok()) {
      return Fail(name, std::string(s.message()));
    }
  }
  if (args.Has("partial")) {
    std::string bytes;
    if (absl::EndsWith(output, ".pb")) {
      if (!partial.SerializeToString(&bytes)) {
        return Fail(
            name, absl::StrCat("the partial report is ", partial.ByteSizeLong(),
                               " bytes, over the 2 GiB a protobuf message can "
                               "hold; group by a coarser tier or lower "
                               "--worklist-cap"));
      }
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
  // Who reports and when, for a report handed up.
  if (absl::Status s = SetReportInfo(args, &*report); !s.ok()) {
    return Fail(name, std::string(s.message()));
  }
  absl::StatusOr<std::string> report_format = ReportFormat(args);
  if (!report_format.ok()) {
    return Fail(name, std::string(report_format.status().message()));
  }
  const std::string& format = *report_format;
  absl::StatusOr<ReportLanguage> lang = LanguageFromArgs(args);
  if (!lang.ok()) return Fail(name, std::string(lang.status().message()));
  const ReportLanguage language = *lang;
  std::string text;
  // JSON is written as it is made (WriteReportJson()): a county-grouped
  // national report is 74 MB.
  std::optional<JsonWriteOptions> json_pieces;
  if (args.Has("compare")) {
    absl::StatusOr<std::string> compared =
        RenderCompared(args, *report, format, language);
    if (!compared.ok()) {
      return Fail(name, std::string(compared.status().message()));
    }
    text = *std::move(compared);
  } else if (format == "text") {
    TextRenderOptions options;
    options.language = language;
    text = RenderReportText(*report, options);
  } else if (format == "json") {
    json_pieces.emplace();
    json_pieces->pretty = true;
  } else if (format == "csv") {
    CsvRenderOptions options;
    options.language = language;
    // Excel on a Chinese Windows machine reads UTF-8 only after a BOM.
    options.utf8_bom =
        language == ReportLanguage::kChinese && !args.Has("no-bom");
    text = RenderReportCsv(*report, options);
  } else if (format == "html") {
    HtmlRenderOptions options;
    options.language = language;
    options.title = args.Get("title");
    text = RenderReportHtml(*report, options);
  } else if (format == "xlsx") {
    WorkbookRenderOptions options;
    options.language = language;
    absl::StatusOr<std::string> xlsx = RenderReportXlsx(*report, options);
    if (!xlsx.ok()) return Fail(name, std::string(xlsx.status().message()));
    text = *std::move(xlsx);
  }
  // Every output rendered before any is written (the JSON, which cannot fail
  // but in writing, as it is written): a failure leaves none.
  Files worklists;
  if (args.Has("worklist")) {
    absl::StatusOr<Files> files = RenderWorklists(
        name, *report, args.Get("worklist"), language, !args.Has("no-bom"));
    if (!files.ok()) return Fail(name, std::string(files.status().message()));
    worklists = *std::move(files);
  }
  absl::Status written =
      json_pieces.has_value()
          ? WriteOutputPieces(
                output,
                [&](absl::FunctionRef<absl::Status(std::string_view)> write) {
                  return WriteReportJson(*report, *json_pieces, write);
                })
          : WriteOutput(output, text);
  if (!written.ok()) return Fail(name, std::string(written.message()));
  for (const auto& [path, bytes] : worklists) {
    if (absl::Status s = WriteOutput(path, bytes); !s.ok()) {
      return Fail(name, std::string(s.message()));
    }
  }
  return kExitOk;
}

absl::StatusOr<PipelineOptions> ReportOptionsFromArgs(const Args& args) {
  absl::StatusOr<PipelineOptions> options = PipelineOptionsFromArgs(args);
  if (!options.ok()) return options.status();
  if (absl::Status s = ApplyYearFlag(args, &*options); !s.ok()) return s;
  if (!args.Has("year")) {
    if (!args.Has("as-of")) {
      return absl::InvalidArgumentError(
          "give the report year with --year YYYY");
    }
    options->year = options->as_of.year();  // The year the date falls in.
  }
  // Worklists written out (--worklist) are complete unless capped.
  absl::StatusOr<int64_t> cap = kWorklistCapAll;
  if (args.Get("worklist-cap") != "all" &&
      (args.Has("worklist-cap") || !args.Has("worklist"))) {
    cap = args.GetInt("worklist-cap");
  }
  absl::StatusOr<v1::GroupBy> group_by = ParseGroupBy(args.Get("group-by"));
  for (const absl::Status& s : {cap.status(), group_by.status()}) {
    if (!s.ok()) return s;
  }
  if (*cap < 0 || *cap > kWorklistCapAll) {
    return absl::InvalidArgumentError(
        "--worklist-cap is a count from 0, or 'all'");
  }
  options->worklist_cap = static_cast<int32_t>(*cap);
  options->group_by = *group_by;
  options->validate = !args.Has("no-validate");
  options->max_findings = 1;  // The report shows counts only.
  return options;
}

int ReportExitStatus(int64_t damaged_shards, int64_t error_findings) {
  if (damaged_shards > 0) return kExitDamaged;
  return error_findings > 0 ? kExitFindings : kExitOk;
}

namespace {

int RunReport(const Args& args) {
  const char* kName = "report";
  if (args.positional().empty())
    return Fail(kName, "give the files (or folders) to report on");
  absl::StatusOr<PipelineOptions> options = ReportOptionsFromArgs(args);
  if (!options.ok())
    return Fail(kName, std::string(options.status().message()));
  // A format that cannot be written fails before the input is read.
  if (!args.Has("partial")) {
    if (absl::StatusOr<std::string> f = ReportFormat(args); !f.ok()) {
      return Fail(kName, std::string(f.status().message()));
    }
  }
  absl::StatusOr<PipelineResult> run = RunWithProgress(kName, args, *options);
  if (!run.ok()) return Fail(kName, std::string(run.status().message()));
  if (int rc = EmitReport(kName, args, run->partial); rc != kExitOk) return rc;
  return ReportExitStatus(run->damaged_shards, run->findings.error_count());
}

int RunMerge(const Args& args) {
  const char* kName = "merge";
  if (args.positional().empty())
    return Fail(kName, "give the partial reports to merge");
  if (absl::Status s =
          CheckOutputIsNoInput(args.Get("output"), args.positional());
      !s.ok()) {
    return Fail(kName, std::string(s.message()));
  }
  if (!args.Has("partial")) {
    if (absl::StatusOr<std::string> f = ReportFormat(args); !f.ok()) {
      return Fail(kName, std::string(f.status().message()));
    }
  }
  std::vector<v1::PartialReport> partials;
  for (const std::string& path : args.positional()) {
    absl::StatusOr<v1::PartialReport> p = ReadPartialReportFile(path);
    if (!p.ok()) return Fail(kName, std::string(p.status().message()));
    partials.push_back(std::move(*p));
  }
  absl::StatusOr<v1::PartialReport> merged = MergeAllPartialReports(partials);
  if (!merged.ok()) return Fail(kName, std::string(merged.status().message()));
  for (size_t i = 0; i < partials.size(); ++i) {
    for (const v1::DamagedShard& d : partials[i].damaged_shards()) {
      if (!args.Has("allow-damaged")) {
        return Fail(kName,
                    absl::StrCat(args.positional()[i],
                                 ": the partial report is of damaged input ("
                                 "shard ",
                                 d.file(), ": ", d.reason(),
                                 "); give --allow-damaged to merge it anyway"));
      }
      std::fprintf(stderr,
                   "dangjian merge: %s: damaged input, only what was read is "
                   "counted: %s: %s\n",
                   MaskPersonalData(args.positional()[i]).c_str(),
                   MaskPersonalData(d.file()).c_str(),
                   MaskPersonalData(d.reason()).c_str());
    }
  }
  if (args.Has("group-by")) {
    absl::StatusOr<v1::GroupBy> g = ParseGroupBy(args.Get("group-by"));
    if (!g.ok()) return Fail(kName, std::string(g.status().message()));
    merged = RegroupPartialReport(*merged, *g);
    if (!merged.ok())
      return Fail(kName, std::string(merged.status().message()));
  }
  if (int rc = EmitReport(kName, args, *merged); rc != kExitOk) return rc;
  return merged->damaged_shards_size() > 0 ? kExitDamaged : kExitOk;
}

std::vector<FlagSpec> OutputFlags() {
  return {
      {"format", 0, true, "FORMAT",
       "text, json, csv (a row per figure), html (a page with charts) or "
       "xlsx (an Excel workbook with the worklists); else from -o's "
       "extension",
       "text"},
      LangFlag(),
      {"no-bom", 0, false, "",
       "CSV without the byte order mark that zh puts first for Excel", ""},
      {"output", 'o', true, "PATH", "write there instead of standard output",
       "-"},
      {"partial", 0, false, "",
       "write the mergeable state (.pb binary, else JSON)", ""},
      {"worklist", 0, true, "PATH",
       "also write the worklists (names, places, reasons): to a .csv file, "
       "an .xlsx workbook (a sheet per township), or a folder (a .csv per "
       "township)",
       ""},
      {"compare", 0, true, "FILE",
       "set the report beside an earlier year's: a partial report of that "
       "year (report --partial), every target and figure of both years and "
       "the change, per group (every --format)",
       ""},
      {"title", 0, true, "TEXT",
       "the HTML report's title (default: the year's standard one)", ""},
      {"reporting-unit", 0, true, "NAME",
       "the unit that reports (填报单位), shown above the figures", ""},
      {"made-on", 0, true, "DATE",
       "the date the report was made (制表日期), YYYY-MM-DD", "today's date"},
  };
}

}  // namespace

std::vector<FlagSpec> ReportFlags() {
  std::vector<FlagSpec> flags = {
      {"year", 0, true, "YEAR",
       "the report year (required, unless --as-of gives it)", ""},
      {"group-by", 0, true, "DIMS",
       "comma-separated: province|city|county|township, industry, kind, "
       "subtype, sector",
       ""},
      {"worklist-cap", 0, true, "N",
       "units kept per worklist of each group, or 'all' (all are counted; "
       "with --worklist the default is all)",
       "10"},
      {"no-validate", 0, false, "",
       "skip validation (no finding counts in data quality)", ""},
  };
  for (FlagSpec& f : PipelineFlags()) flags.push_back(std::move(f));
  for (FlagSpec& f : OutputFlags()) flags.push_back(std::move(f));
  return flags;
}

Command ReportCommand() {
  std::vector<FlagSpec> flags = ReportFlags();
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
      "Rules judge dates as of --as-of, else each shard's header date when "
      "it is in\n"
      "--year, else the end of --year. Exit status: 0 done; 1 the data has "
      "ERROR findings; 2 "
      "the\n"
      "run failed (nothing written), also when a shard could not be read "
      "whole;\n"
      "3 written from damaged input (--allow-damaged).\n\n"
      "Example:\n"
      "  dangjian report --year 2017 --group-by province counties/\n"
      "  dangjian report --year 2017 --group-by county --format html -o "
      "report.html counties/\n"
      "  dangjian report --year 2017 --partial -o county.partial.pb "
      "county.djr\n"
      "  dangjian report --year 2017 --worklist worklists/ 单位.xlsx\n"
      "  dangjian report --year 2017 --group-by township -o 报表.xlsx "
      "单位.xlsx\n"
      "  dangjian generate --scenario keshiketeng-2014 -o - | dangjian report "
      "--year 2014 --from djr -\n",
      std::move(flags), &RunReport};
}

Command MergeCommand() {
  std::vector<FlagSpec> flags = {
      {"group-by", 0, true, "DIMS",
       "regroup by coarser dimensions (as report --group-by)", ""},
      {"allow-damaged", 0, false, "",
       "merge partials of damaged input too (exit status 3)", ""},
  };
  for (FlagSpec& f : OutputFlags()) flags.push_back(std::move(f));
  return Command{
      "merge", "merge partial reports into one report (or one partial)",
      "Usage: dangjian merge [OPTIONS] PARTIAL...\n\n"
      "Merges partial reports (from 'dangjian report --partial'; .pb binary "
      "or\n"
      "JSON) exactly: the result equals the report of all their data. A "
      "partial of\n"
      "damaged input (report --allow-damaged) is refused unless "
      "--allow-damaged\n"
      "is given here too; the exit status is then 3.\n\n"
      "Example:\n"
      "  dangjian merge --format json -o province.json partials/*.pb\n",
      std::move(flags), &RunMerge};
}

}  // namespace cli
}  // namespace dangjian
