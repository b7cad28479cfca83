#include "pipeline/shard_read.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <map>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/json_lines.h"
#include "dangjian/personal_data.h"
#include "dangjian/pipeline.h"
#include "dangjian/record_stream.h"
#include "io/dataset_reader.h"
#include "io/ledger_import.h"

namespace dangjian {
namespace internal {
namespace {

bool Stat(const std::string& path, struct stat* st) {
  return stat(path.c_str(), st) == 0;
}

// True for a workbook of Excel 97-2003 (.xls) or WPS (.et): a ledger the
// library does not read, which FormatForPath() refuses saying what to do.
bool IsOldWorkbook(const std::string& name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(c));
  return ext == "xls" || ext == "et";
}

// Appends the shards of folder `dir`; `depth` 0 for an argument, 1 for its
// subfolders (which are expanded but not descended further).
absl::Status ExpandFolder(const std::string& dir, int depth,
                          std::vector<ShardFiles>* out) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    return absl::UnavailableError(
        absl::StrCat(dir, ": cannot list the folder"));
  }
  std::vector<std::string> files, folders;
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.empty() || name[0] == '.') continue;
    // The owner file Excel and WPS keep beside an open workbook.
    if (name.rfind("~$", 0) == 0) continue;
    const std::string path =
        absl::StrCat(dir, dir.back() == '/' ? "" : "/", name);
    struct stat st;
    if (!Stat(path, &st)) {
      // A file of a format the library reads, or a name without an extension
      // (a county's folder), that cannot be reached (a dangling link, a share
      // not mounted, no permission) would be lost without a word.
      const bool maybe_folder = name.find('.') == std::string::npos;
      if (!FormatForPath(path).ok() && !(depth == 0 && maybe_folder)) continue;
      const int err = errno;
      closedir(d);
      return absl::NotFoundError(absl::StrCat(
          path, ": cannot be read (", std::generic_category().message(err),
          "); remove it from the folder or make it readable"));
    }
    if (S_ISDIR(st.st_mode)) {
      if (depth == 0) folders.push_back(path);
    } else if (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)) {
      const absl::StatusOr<FileFormat> format = FormatForPath(path);
      if (format.ok()) {
        files.push_back(path);  // A FIFO is an input too, read once.
      } else if (IsOldWorkbook(name)) {
        // A county's ledger in a format not read would be lost unsaid.
        closedir(d);
        return format.status();
      }
    }
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  std::sort(folders.begin(), folders.end());
  // A county's ledgers, CSV files and workbooks, are one shard.
  ShardFiles ledgers;
  for (const std::string& f : files) {
    const FileFormat format = *FormatForPath(f);
    if (format == FileFormat::kCsvLedger || format == FileFormat::kXlsxLedger) {
      ledgers.push_back(f);
    } else {
      out->push_back({f});
    }
  }
  if (!ledgers.empty()) out->push_back(std::move(ledgers));
  for (const std::string& f : folders) {
    if (absl::Status s = ExpandFolder(f, depth + 1, out); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<RecordReader>> OpenShardFile(
    const std::string& path, FileFormat stdin_format) {
  OpenOptions options;
  std::string open_path = path;
  if (path == "-") {
    open_path = "/dev/stdin";
    options.format = stdin_format;
  }
  options.record_stream.check_serialized = false;
  return OpenRecordReader(open_path, options);
}

std::optional<v1::Date> HeaderAsOf(const RecordReader& reader) {
  const v1::StreamHeader* header = nullptr;
  if (const auto* s = dynamic_cast<const RecordStreamReader*>(&reader)) {
    header = &s->header();
  } else if (const auto* j = dynamic_cast<const JsonLinesReader*>(&reader)) {
    header = j->header();
  }
  const v1::Provenance* provenance =
      header != nullptr ? &header->provenance() : nullptr;
  if (const auto* d = dynamic_cast<const DatasetReader*>(&reader)) {
    provenance = &d->provenance();
  }
  if (provenance == nullptr || !provenance->has_as_of()) return std::nullopt;
  return provenance->as_of();
}

void RefusedBytes(const std::string& path, const v1::SourceLocation& where,
                  const absl::Status& s, FileRead* read) {
  v1::Finding finding;
  finding.set_rule_id("io.read");
  finding.set_severity(v1::SEVERITY_ERROR);
  *finding.mutable_location() = where;
  finding.mutable_location()->set_file(MaskPersonalData(path));
  finding.set_message(MaskPersonalData(absl::StrCat(
      "reading stopped: ", path, ": record ", where.record_index(),
      " at byte offset ", where.byte_offset(), " is corrupt: ", s.message(),
      "; the records before it were read")));
  read->stopped = finding.message();
  read->stopped_at = where.byte_offset();
  read->findings.push_back(std::move(finding));
  read->skipped.emplace_back("io.read", 1);
}

void ReaderFindings(const RecordReader& reader, const std::string& path,
                    FileRead* read) {
  // A ledger's rows: a CSV file's, or a workbook's sheets'.
  const LedgerReaderFindings ledger = LedgerFindingsOf(reader);
  if (ledger.findings != nullptr) {
    // The table of the findings' sheet, looked up when the sheet changes
    // (a workbook's findings come sheet by sheet).
    std::string table(CsvTableName(ledger.table));
    const std::string* table_sheet = nullptr;
    for (const CsvFinding& f : *ledger.findings) {
      v1::Finding finding;
      if (IsSubtotalRow(f)) {
        // A ledger's 合计 row: normal in the format, no data lost.
        finding.set_rule_id("io.csv.subtotal_row");
        finding.set_severity(v1::SEVERITY_INFO);
      } else {
        finding.set_rule_id(f.row_skipped ? "io.csv.row_skipped"
                                          : "io.csv.cell");
        finding.set_severity(f.row_skipped ? v1::SEVERITY_ERROR
                                           : v1::SEVERITY_WARNING);
      }
      if (ledger.book != nullptr &&
          (table_sheet == nullptr || *table_sheet != f.sheet)) {
        table_sheet = &f.sheet;
        table.clear();
        for (const WorkbookSheet& sheet : ledger.book->sheets()) {
          if (sheet.name == f.sheet && sheet.summary.table != CsvTable::kAuto) {
            table = std::string(CsvTableName(sheet.summary.table));
          }
        }
      }
      finding.set_record_kind(table);
      finding.mutable_location()->set_file(MaskPersonalData(f.file));
      finding.mutable_location()->set_sheet(MaskPersonalData(f.sheet));
      finding.mutable_location()->set_line(f.line);
      finding.mutable_location()->set_column(f.column);
      finding.set_field_path(f.header);
      finding.set_message(f.message);
      read->findings.push_back(std::move(finding));
    }
    if (ledger.rows_skipped > 0) {
      read->skipped.emplace_back("io.csv.row_skipped", ledger.rows_skipped);
    }
  }
  const absl::Status status = reader.status();
  if (!status.ok()) {
    v1::Finding finding;
    finding.set_rule_id("io.read");
    finding.set_severity(v1::SEVERITY_ERROR);
    *finding.mutable_location() = reader.location();
    finding.mutable_location()->set_file(MaskPersonalData(path));
    finding.set_message(MaskPersonalData(
        absl::StrCat("reading stopped: ", status.message(),
                     "; the records before this point were read")));
    read->stopped = finding.message();
    // A record stream knows where it stopped; other readers' location is
    // the start of the last record they handed out.
    const auto* stream = dynamic_cast<const RecordStreamReader*>(&reader);
    read->stopped_at =
        stream != nullptr ? stream->offset() : reader.location().byte_offset();
    read->findings.push_back(std::move(finding));
    read->skipped.emplace_back("io.read", 1);
  }
}

int64_t RegularFileSize(const std::string& path) {
  struct stat st;
  if (path == "-" || !Stat(path, &st) || !S_ISREG(st.st_mode)) return 0;
  return static_cast<int64_t>(st.st_size);
}

}  // namespace internal

std::vector<v1::Finding> ReaderFindings(const RecordReader& reader,
                                        StringArg file) {
  internal::FileRead read;
  internal::ReaderFindings(reader, std::string(file.view()), &read);
  return std::move(read.findings);
}

absl::StatusOr<std::vector<ShardFiles>> ExpandInputs(
    const std::vector<std::string>& inputs) {
  if (inputs.empty()) {
    return absl::InvalidArgumentError("no input given: name files or folders");
  }
  std::vector<ShardFiles> out;
  bool stdin_taken = false;
  for (const std::string& a : inputs) {
    struct stat st;
    if (a == "-" && stdin_taken) {
      return absl::InvalidArgumentError(
          "standard input (-) is given twice: it can be read only once");
    }
    stdin_taken |= a == "-";
    if (a == "-" || (internal::Stat(a, &st) && !S_ISDIR(st.st_mode))) {
      out.push_back({a});
      continue;
    }
    if (!internal::Stat(a, &st)) {
      return absl::NotFoundError(absl::StrCat(a, ": no such file or folder"));
    }
    const size_t before = out.size();
    if (absl::Status s = internal::ExpandFolder(a, 0, &out); !s.ok()) return s;
    if (out.size() == before) {
      return absl::NotFoundError(
          absl::StrCat(a,
                       ": the folder holds no file the library reads (.djr, "
                       ".jsonl, .pb, .json, .csv, .xlsx), nor do its "
                       "subfolders"));
    }
  }
  // One file, one count: the same file by device and inode (a path given
  // twice, two spellings of it, a hard link, or a folder reached again
  // through a symbolic link) would be counted twice.
  std::map<std::pair<dev_t, ino_t>, const std::string*> seen;
  for (const ShardFiles& shard : out) {
    for (const std::string& f : shard) {
      struct stat st;
      if (f == "-" || !internal::Stat(f, &st)) continue;
      auto [it, inserted] =
          seen.emplace(std::make_pair(st.st_dev, st.st_ino), &f);
      if (!inserted) {
        return absl::InvalidArgumentError(MaskPersonalData(absl::StrCat(
            *it->second, " and ", f,
            " are the same file (given twice, or reached through a link): it "
            "would be counted twice; give it once")));
      }
    }
  }
  return out;
}

}  // namespace dangjian
