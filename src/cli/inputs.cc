#include "cli/inputs.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "dangjian/csv_ledger.h"

namespace dangjian {
namespace cli {
namespace {

bool Stat(const std::string& path, struct stat* st) {
  return stat(path.c_str(), st) == 0;
}

}  // namespace

absl::StatusOr<FileFormat> FormatFromName(const std::string& name) {
  const std::string n = absl::AsciiStrToLower(name);
  if (n == "djr" || n == "pbs" || n == "stream")
    return FileFormat::kRecordStream;
  if (n == "jsonl" || n == "ndjson") return FileFormat::kJsonLines;
  if (n == "json") return FileFormat::kDatasetJson;
  if (n == "pb") return FileFormat::kDatasetBinary;
  if (n == "csv") return FileFormat::kCsvLedger;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format '", name,
                   "'; the formats are djr, jsonl, json, pb, csv"));
}

absl::StatusOr<std::vector<std::string>> ExpandInputs(
    const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    if (a == "-") {
      out.push_back(a);
      continue;
    }
    struct stat st;
    if (!Stat(a, &st)) {
      return absl::NotFoundError(absl::StrCat(a, ": no such file or folder"));
    }
    if (!S_ISDIR(st.st_mode)) {
      out.push_back(a);
      continue;
    }
    DIR* dir = opendir(a.c_str());
    if (dir == nullptr)
      return absl::UnavailableError(
          absl::StrCat(a, ": cannot list the folder"));
    std::vector<std::string> files;
    while (dirent* e = readdir(dir)) {
      const std::string name = e->d_name;
      if (name.empty() || name[0] == '.') continue;
      const std::string path =
          absl::StrCat(a, a.back() == '/' ? "" : "/", name);
      if (Stat(path, &st) && S_ISREG(st.st_mode) && FormatForPath(path).ok()) {
        files.push_back(path);
      }
    }
    closedir(dir);
    if (files.empty()) {
      return absl::NotFoundError(
          absl::StrCat(a,
                       ": the folder holds no file the library reads (.djr, "
                       ".jsonl, .pb, .json, .csv)"));
    }
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

absl::StatusOr<ShardRead> ReadShard(
    const std::string& path, FileFormat stdin_format,
    const std::function<absl::Status(const v1::Record&,
                                     const v1::SourceLocation&)>& fn) {
  OpenOptions options;
  std::string open_path = path;
  if (path == "-") {
    open_path = "/dev/stdin";
    options.format = stdin_format;
  }
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      OpenRecordReader(open_path, options);
  if (!reader.ok()) return reader.status();
  ShardRead read;
  v1::Record record;
  while ((*reader)->Next(&record)) {
    ++read.records;
    const v1::SourceLocation& where = (*reader)->location();
    read.bytes = where.byte_offset();
    if (absl::Status s = fn(record, where); !s.ok()) return s;
  }
  if (const auto* csv = dynamic_cast<const CsvLedgerReader*>(reader->get())) {
    for (const CsvFinding& f : csv->findings()) {
      v1::Finding finding;
      finding.set_rule_id(f.row_skipped ? "io.csv.row_skipped" : "io.csv.cell");
      finding.set_severity(f.row_skipped ? v1::SEVERITY_ERROR
                                         : v1::SEVERITY_WARNING);
      finding.set_record_kind(std::string(CsvTableName(csv->summary().table)));
      finding.mutable_location()->set_file(f.file);
      finding.mutable_location()->set_line(f.line);
      finding.set_field_path(f.header);
      finding.set_message(f.message);
      read.findings.push_back(std::move(finding));
    }
    if (csv->summary().rows_skipped > 0) {
      read.skipped.emplace_back("io.csv.row_skipped",
                                csv->summary().rows_skipped);
    }
  }
  const absl::Status status = (*reader)->status();
  if (!status.ok()) {
    v1::Finding finding;
    finding.set_rule_id("io.read");
    finding.set_severity(v1::SEVERITY_ERROR);
    *finding.mutable_location() = (*reader)->location();
    finding.mutable_location()->set_file(path);
    finding.set_message(
        absl::StrCat("reading stopped: ", status.message(),
                     "; the records before this point were read"));
    read.findings.push_back(std::move(finding));
    read.skipped.emplace_back("io.read", 1);
  }
  return read;
}

}  // namespace cli
}  // namespace dangjian
