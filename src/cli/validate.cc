// dangjian validate: findings for ledgers.
#include "dangjian/validate.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "dangjian/io.h"
#include "dangjian/personal_data.h"
#include "google/protobuf/util/json_util.h"

namespace dangjian {
namespace cli {
namespace {

const char* SeverityName(v1::Severity s) {
  switch (s) {
    case v1::SEVERITY_ERROR:
      return "ERROR";
    case v1::SEVERITY_WARNING:
      return "WARNING";
    case v1::SEVERITY_INFO:
      return "INFO";
    default:
      return "?";
  }
}

std::string Where(const v1::Finding& f) {
  const v1::SourceLocation& l = f.location();
  std::string where = l.file().empty() ? "-" : l.file();
  if (l.line() > 0) {
    absl::StrAppend(&where, ":", l.line());
  } else {
    absl::StrAppend(&where, ": record ", l.record_index());
  }
  return where;
}

// RFC 4180 quoting, and a leading ' for cells a spreadsheet would run as
// formulas.
std::string CsvCell(const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' ||
                     v[0] == '\t' || v[0] == '\r')) {
    v.insert(0, "'");
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

void Accumulate(const v1::ValidationReport& shard, v1::ValidationReport* all,
                std::map<std::string, v1::RuleCount>* counts) {
  all->set_records_checked(all->records_checked() + shard.records_checked());
  all->set_error_count(all->error_count() + shard.error_count());
  all->set_warning_count(all->warning_count() + shard.warning_count());
  all->set_info_count(all->info_count() + shard.info_count());
  all->set_findings_omitted(all->findings_omitted() + shard.findings_omitted());
  for (const v1::Finding& f : shard.findings()) *all->add_findings() = f;
  for (const v1::RuleCount& c : shard.rule_counts()) {
    v1::RuleCount& into = (*counts)[c.rule_id()];
    into.set_rule_id(c.rule_id());
    into.set_severity(c.severity());
    into.set_count(into.count() + c.count());
  }
}

void AddReadFindings(const ShardRead& read, v1::ValidationReport* all,
                     std::map<std::string, v1::RuleCount>* counts) {
  v1::ValidationReport shard;
  for (const v1::Finding& f : read.findings) {
    *shard.add_findings() = f;
    v1::RuleCount* c = shard.add_rule_counts();
    c->set_rule_id(f.rule_id());
    c->set_severity(f.severity());
    c->set_count(1);
    if (f.severity() == v1::SEVERITY_ERROR)
      shard.set_error_count(shard.error_count() + 1);
    if (f.severity() == v1::SEVERITY_WARNING) {
      shard.set_warning_count(shard.warning_count() + 1);
    }
  }
  Accumulate(shard, all, counts);
}

std::string RenderText(const v1::ValidationReport& r) {
  std::string out;
  for (const v1::Finding& f : r.findings()) {
    absl::StrAppend(&out, Where(f), ": ", SeverityName(f.severity()), " ",
                    f.rule_id(), ": ", f.message());
    if (!f.record_id().empty() || !f.field_path().empty()) {
      absl::StrAppend(&out, " [", f.record_kind(), " ", f.record_id(),
                      f.field_path().empty() ? "" : " ", f.field_path(), "]");
    }
    out += "\n";
  }
  absl::StrAppend(&out, "\n", r.records_checked(),
                  " records checked against policy ", r.policy_version(), ": ",
                  r.error_count(), " errors, ", r.warning_count(),
                  " warnings, ", r.info_count(), " notes");
  if (r.findings_omitted() > 0) {
    absl::StrAppend(&out, " (", r.findings_omitted(),
                    " findings counted but not listed: --max-findings)");
  }
  out += "\n";
  if (r.rule_counts_size() > 0) out += "By rule:\n";
  for (const v1::RuleCount& c : r.rule_counts()) {
    absl::StrAppend(
        &out, absl::StrFormat("  %-8s %-52s %d\n", SeverityName(c.severity()),
                              c.rule_id(), c.count()));
  }
  return out;
}

std::string RenderCsv(const v1::ValidationReport& r) {
  std::string out =
      "file,line,record_index,severity,rule_id,record_kind,record_id,field,"
      "message\r\n";
  for (const v1::Finding& f : r.findings()) {
    const v1::SourceLocation& l = f.location();
    absl::StrAppend(&out, CsvCell(l.file()), ",", l.line(), ",",
                    l.record_index(), ",", SeverityName(f.severity()), ",",
                    CsvCell(f.rule_id()), ",", CsvCell(f.record_kind()), ",",
                    CsvCell(f.record_id()), ",", CsvCell(f.field_path()), ",",
                    CsvCell(f.message()), "\r\n");
  }
  return out;
}

int Run(const Args& args) {
  const char* kName = "validate";
  if (args.positional().empty())
    return Fail(kName, "give the files (or folders) to check");
  ValidatorOptions options;
  if (args.Has("policy")) {
    absl::StatusOr<v1::Policy> policy = LoadPolicyJsonFile(args.Get("policy"));
    if (!policy.ok())
      return Fail(kName, std::string(policy.status().message()));
    options.policy = *policy;
  }
  if (args.Has("as-of")) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(args.Get("as-of").c_str(), "%d-%d-%d", &y, &m, &d) != 3) {
      return Fail(kName, "--as-of wants a date as YYYY-MM-DD");
    }
    options.as_of.set_year(y);
    options.as_of.set_month(m);
    options.as_of.set_day(d);
  }
  absl::StatusOr<int64_t> max = args.GetInt("max-findings");
  if (!max.ok()) return Fail(kName, std::string(max.status().message()));
  options.max_findings = *max;
  for (absl::string_view rule :
       absl::StrSplit(args.Get("disable"), ',', absl::SkipEmpty())) {
    v1::RuleOverride* o = &options.rule_overrides.emplace_back();
    o->set_rule_id(std::string(rule));
    o->set_disabled(true);
  }
  const std::string format = args.Get("format");
  if (format != "text" && format != "json" && format != "csv") {
    return Fail(kName, "--format is text, json or csv");
  }
  absl::StatusOr<FileFormat> stdin_format = FormatFromName(args.Get("from"));
  if (!stdin_format.ok())
    return Fail(kName, std::string(stdin_format.status().message()));
  absl::StatusOr<std::unique_ptr<Validator>> validator =
      Validator::Create(options);
  if (!validator.ok())
    return Fail(kName, std::string(validator.status().message()));
  absl::StatusOr<std::vector<Shard>> shards = ExpandInputs(args.positional());
  if (!shards.ok()) return Fail(kName, std::string(shards.status().message()));

  v1::ValidationReport all;
  std::map<std::string, v1::RuleCount> counts;
  Progress progress("dangjian validate", !args.Has("quiet"));
  int64_t records = 0, bytes = 0;
  bool read_failed = false;
  // Without --as-of, a record stream's header may say what date its data
  // describes (generated data does); dates are judged against it, else today.
  std::optional<v1::Date> validator_as_of;
  for (const Shard& shard : *shards) {
    if (!args.Has("as-of")) {
      std::optional<v1::Date> declared = DeclaredAsOf(shard);
      const bool same =
          declared.has_value() == validator_as_of.has_value() &&
          (!declared || (declared->year() == validator_as_of->year() &&
                         declared->month() == validator_as_of->month() &&
                         declared->day() == validator_as_of->day()));
      if (!same) {
        ValidatorOptions shard_options = options;  // as_of unset: today.
        if (declared) shard_options.as_of = *declared;
        validator = Validator::Create(shard_options);
        if (!validator.ok()) {
          return Fail(kName, absl::StrCat(shard.front(),
                                          ": the as-of date of its header: ",
                                          validator.status().message()));
        }
        validator_as_of = declared;
      }
    }
    // Cross-record rules look within a shard (a file, or a county's ledgers).
    std::vector<ShardRead> reads;
    for (const std::string& path : shard) {
      absl::StatusOr<ShardRead> read =
          ReadShard(path, *stdin_format,
                    [&](const v1::Record& r, const v1::SourceLocation& where) {
                      progress.Update(++records, bytes + where.byte_offset());
                      return (*validator)->Add(r, &where);
                    });
      if (!read.ok()) return Fail(kName, std::string(read.status().message()));
      bytes += read->bytes;
      reads.push_back(*std::move(read));
    }
    absl::StatusOr<v1::ValidationReport> found = (*validator)->Finish();
    if (!found.ok()) return Fail(kName, std::string(found.status().message()));
    all.set_policy_version(found->policy_version());
    *all.mutable_as_of() = found->as_of();
    Accumulate(*found, &all, &counts);
    for (const ShardRead& read : reads) {
      AddReadFindings(read, &all, &counts);
      for (const v1::Finding& f : read.findings)
        read_failed |= f.rule_id() == "io.read";
    }
  }
  progress.Finish(records, bytes);
  for (auto& [id, c] : counts) *all.add_rule_counts() = c;

  std::string text;
  if (format == "text") {
    text = RenderText(all);
  } else if (format == "csv") {
    text = RenderCsv(all);
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
  if (read_failed) return kExitFailed;
  return all.error_count() > 0 ? kExitFindings : kExitOk;
}

}  // namespace

Command ValidateCommand() {
  return Command{
      "validate",
      "check ledgers against the regulations: findings, not crashes",
      "Usage: dangjian validate [OPTIONS] FILE...\n\n"
      "Checks each shard against the rule catalogue and prints every finding "
      "with\n"
      "where it is (file, line or record, field) and which rule it breaks. A "
      "file\n"
      "is a shard (e.g. one county); a folder stands for what it holds: its "
      "CSV\n"
      "ledgers together are one shard, each other file a shard, and each "
      "subfolder\n"
      "is read the same way (a folder of county folders: a shard per "
      "county).\n"
      "Exit status: 0 no ERROR finding; 1 ERROR findings; 2 the run failed (a "
      "file\n"
      "could not be read, or was damaged part way).\n\n"
      "Example:\n"
      "  dangjian validate --format csv -o findings.csv counties/\n",
      {
          {"format", 0, true, "FORMAT", "text, json or csv", "text"},
          {"output", 'o', true, "PATH",
           "write there instead of standard output", "-"},
          {"policy", 0, true, "FILE",
           "thresholds as JSON (unset fields: the default)", ""},
          {"as-of", 0, true, "DATE",
           "judge dates against YYYY-MM-DD (default: the as-of date in a "
           "record stream's header, else today)",
           ""},
          {"disable", 0, true, "RULES",
           "comma-separated rule ids to switch off", ""},
          {"max-findings", 0, true, "N",
           "findings listed per file (all are counted)", "100000"},
          {"from", 0, true, "FORMAT",
           "format of standard input (-): djr, jsonl, json, pb, csv", "jsonl"},
          {"quiet", 'q', false, "", "no progress line", ""},
      },
      &Run};
}

}  // namespace cli
}  // namespace dangjian
