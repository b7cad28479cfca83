// dangjian convert: between the exchange formats.
#include <sys/stat.h>

#include <cerrno>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/json_lines.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "dangjian/record_io.h"
#include "dangjian/record_stream.h"
#include "dangjian/render.h"

namespace dangjian {
namespace cli {
namespace {

// Writes each record kind into its own CSV ledger in a folder, opened on first
// use.
class CsvFolderWriter {
 public:
  CsvFolderWriter(std::string dir, bool full_fidelity, bool english)
      : dir_(std::move(dir)),
        full_fidelity_(full_fidelity),
        english_(english) {}
  // One ledger file, `path`, of `table` alone: records of other tables are
  // not written (counted in other_tables()).
  CsvFolderWriter(std::string path, CsvTable table, bool full_fidelity,
                  bool english)
      : full_fidelity_(full_fidelity),
        english_(english),
        single_path_(std::move(path)),
        single_table_(table) {}

  // Returns OK, or NotFound when the record's kind has no CSV ledger. A party
  // organization's star assessments, which its row has no column for, go to
  // star_assessments.csv, one row each naming it. Those of a second record of
  // an id are not written but counted (duplicate_stars()): `report` ignores a
  // duplicate record with its nested assessments, but as rows naming the id
  // they would count for the first record.
  absl::Status Write(const v1::Record& r) {
    if (absl::Status s = WriteOne(r); !s.ok()) return s;
    if (!r.has_party_organization()) return absl::OkStatus();
    const v1::PartyOrganization& org = r.party_organization();
    if (!org_ids_.insert(org.id()).second) {
      duplicate_stars_ += org.star_assessments_size();
      return absl::OkStatus();
    }
    for (const v1::StarAssessment& a : org.star_assessments()) {
      v1::StarAssessment* row = star_.mutable_star_assessment();
      *row = a;
      row->set_party_organization_id(org.id());
      if (absl::Status s = WriteOne(star_); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  int64_t duplicate_stars() const { return duplicate_stars_; }
  // One ledger file: the records of other tables, by kind, not written.
  const std::map<std::string, int64_t>& other_tables() const {
    return other_tables_;
  }

  absl::Status Close() {
    if (single_table_ != CsvTable::kAuto && writers_.empty()) {
      // No record of the table: the ledger is written with its header alone,
      // never left as it was (an old file of that name) or missing.
      auto w = CreateWriter(single_table_, single_path_);
      if (!w.ok()) return w.status();
      writers_.emplace("", std::move(*w));
    }
    for (auto& [kind, w] : writers_) {
      if (absl::Status s = w->Close(); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  // Whether records of `kind` are written: every kind a ledger holds, or,
  // for one ledger file, its table's.
  bool Holds(absl::string_view kind) const {
    const CsvTable table = CsvTableFromName(kind);
    return table != CsvTable::kAuto &&
           (single_table_ == CsvTable::kAuto || table == single_table_);
  }

 private:
  absl::Status WriteOne(const v1::Record& r) {
    const absl::string_view kind = RecordKindName(r);
    auto it = writers_.find(kind);
    if (it == writers_.end()) {
      // The table that holds the kind, and its file stem.
      const CsvTable table = CsvTableFromName(kind);
      const std::string table_name(CsvTableName(table));
      if (single_table_ != CsvTable::kAuto && table != single_table_) {
        ++other_tables_[std::string(kind)];
        return absl::OkStatus();
      }
      if (table == CsvTable::kAuto) {
        return absl::NotFoundError(
            absl::StrCat("no CSV ledger holds ", kind, " records"));
      }
      auto writer = CreateWriter(
          table, single_table_ != CsvTable::kAuto
                     ? single_path_
                     : absl::StrCat(dir_, "/", table_name, ".csv"));
      if (!writer.ok()) return writer.status();
      it = writers_.emplace(std::string(kind), std::move(*writer)).first;
    }
    return it->second->Write(r);
  }

  absl::StatusOr<std::unique_ptr<RecordWriter>> CreateWriter(
      CsvTable table, const std::string& path) const {
    CreateOptions options;
    options.format = FileFormat::kCsvLedger;
    options.csv.table = table;
    options.csv.full_fidelity = full_fidelity_;
    options.csv.chinese_headers = !english_;
    return CreateRecordWriter(path, options);
  }

  std::string dir_;
  bool full_fidelity_;
  bool english_;
  std::string single_path_;
  CsvTable single_table_ = CsvTable::kAuto;
  std::map<std::string, int64_t> other_tables_;
  std::map<std::string, std::unique_ptr<RecordWriter>, std::less<>> writers_;
  v1::Record star_;  // Reused for nested star assessments.
  std::unordered_set<std::string> org_ids_;
  int64_t duplicate_stars_ = 0;
};

// The stream header of the input `reader` reads: a record stream's header
// record or a JSON Lines file's header line; nullopt when it has none.
std::optional<v1::StreamHeader> HeaderOf(const RecordReader& reader) {
  if (const auto* stream = dynamic_cast<const RecordStreamReader*>(&reader)) {
    return stream->header();
  }
  if (const auto* lines = dynamic_cast<const JsonLinesReader*>(&reader)) {
    if (lines->header() != nullptr) return *lines->header();
  }
  return std::nullopt;
}

// A whole Dataset's provenance and policy as a stream header, as
// AddRecordToDataset() would take them back; nullopt when it has neither.
std::optional<v1::StreamHeader> HeaderOf(const v1::Dataset& dataset) {
  if (!dataset.has_provenance() && !dataset.has_policy()) return std::nullopt;
  v1::StreamHeader h;
  if (dataset.has_provenance()) *h.mutable_provenance() = dataset.provenance();
  if (dataset.has_policy()) *h.mutable_policy() = dataset.policy();
  return h;
}

// Creates the writer of `out` (not a CSV folder) in `format` (kAuto: from the
// extension; standard output: JSON Lines), carrying `header` when the format
// has a place for it: a record stream's header record, a JSON Lines header
// line (and a trailer), a Dataset's provenance and policy. CSV ledgers and
// JSON Lines on standard output have none.
absl::StatusOr<std::unique_ptr<RecordWriter>> CreateWriter(
    const std::string& out, FileFormat format,
    const std::optional<v1::StreamHeader>& header,
    const WorkbookWriterOptions& workbook) {
  CreateOptions options;
  options.format = format;
  options.csv.chinese_headers = workbook.chinese_headers;
  options.csv.full_fidelity = workbook.full_fidelity;
  if (header.has_value()) options.record_stream.header = *header;
  if (IsStdout(out)) {
    // JSON Lines unless told: text a pipe or a terminal can show.
    return CreateStdoutRecordWriter(
        format == FileFormat::kAuto ? FileFormat::kJsonLines : format, options);
  }
  if (format == FileFormat::kAuto) {
    absl::StatusOr<FileFormat> f = FormatForPath(out);
    if (f.ok()) format = *f;
  }
  if (header.has_value() && format == FileFormat::kJsonLines) {
    JsonLinesWriterOptions o;
    o.write_header_and_trailer = true;
    o.header = *header;
    absl::StatusOr<std::unique_ptr<JsonLinesWriter>> w =
        JsonLinesWriter::Create(out, o);
    if (!w.ok()) return w.status();
    return std::unique_ptr<RecordWriter>(*std::move(w));
  }
  absl::StatusOr<std::unique_ptr<RecordWriter>> w =
      CreateRecordWriter(out, options);
  if (!w.ok() || !header.has_value()) return w;
  if (format == FileFormat::kDatasetBinary ||
      format == FileFormat::kDatasetJson) {
    v1::Record r;
    *r.mutable_header() = *header;
    if (absl::Status s = (*w)->Write(r); !s.ok()) return s;
  }
  return w;
}

// Where convert writes: a record writer, or CSV ledgers (a folder, or one
// file of one table).
struct ConvertOutput {
  std::unique_ptr<RecordWriter> writer;
  std::unique_ptr<CsvFolderWriter> csv;
  // Ledgers (CSV, a workbook) hold a table's columns, not every field.
  bool ledger_out = false;
};

// Opens OUT for convert as the flags and its name say; `header` is the
// input's. Returns the error to show, naming OUT.
absl::Status OpenOutput(const Args& args, const std::string& out,
                        const std::optional<v1::StreamHeader>& header,
                        ConvertOutput* o) {
  const bool csv_folder =
      !IsStdout(out) && (args.Get("to") == "csv" || absl::EndsWith(out, "/"));
  // One CSV ledger file: the table from --table, else from its name.
  const absl::StatusOr<FileFormat> out_format = FormatForPath(out);
  const bool csv_file = !csv_folder && !IsStdout(out) && !args.Has("to") &&
                        out_format.ok() &&
                        *out_format == FileFormat::kCsvLedger;
  o->ledger_out = csv_file || csv_folder;
  if (csv_file) {
    const std::string base = out.substr(out.find_last_of('/') + 1);
    const CsvTable table =
        args.Has("table") ? CsvTableFromName(args.Get("table"))
                          : CsvTableFromName(base.substr(0, base.find('.')));
    if (table == CsvTable::kAuto) {
      return absl::InvalidArgumentError(
          absl::StrCat(out,
                       ": a CSV ledger holds one table and its name "
                       "names none; name the file after its table "
                       "(members.csv, 党员.csv, host_organizations."
                       "csv, 单位.csv, ...), give --table, or write "
                       "a folder (OUT/) of every table"));
    }
    if (absl::Status s = MakeParentFolders(out); !s.ok()) {
      return s;
    }
    o->csv = std::make_unique<CsvFolderWriter>(
        out, table, args.Has("full-fidelity"), args.Get("headers") == "en");
  } else if (csv_folder) {
    std::string dir = out;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (int e = MakeFolders(dir); e != 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          dir,
          ": cannot create the folder: ", std::generic_category().message(e)));
    }
    o->csv = std::make_unique<CsvFolderWriter>(dir, args.Has("full-fidelity"),
                                               args.Get("headers") == "en");
  } else {
    FileFormat format = FileFormat::kAuto;
    if (args.Has("to")) {
      absl::StatusOr<FileFormat> f = FormatFromName(args.Get("to"));
      if (!f.ok()) return f.status();
      format = *f;
    }
    o->ledger_out =
        format == FileFormat::kXlsxLedger ||
        (format == FileFormat::kAuto && absl::EndsWithIgnoreCase(out, ".xlsx"));
    WorkbookWriterOptions workbook;
    workbook.full_fidelity = args.Has("full-fidelity");
    workbook.chinese_headers = args.Get("headers") != "en";
    absl::StatusOr<std::unique_ptr<RecordWriter>> w =
        CreateWriter(out, format, header, workbook);
    if (!w.ok()) return w.status();
    o->writer = std::move(*w);
  }
  return absl::OkStatus();
}

// What convert left out and why, counted while writing.
struct ConvertTally {
  // Record kinds no ledger holds -> records.
  std::map<std::string, int64_t> unsupported;
  // Records written without some of their fields: field -> records.
  std::map<std::string, int64_t> fields_left_out;
  std::vector<std::string> empty_records;  // Where, for standard error.
  int64_t empty_count = 0;
};

// Says on standard error what was read with findings and what was not
// written; returns the exit status: failed when a row or record was not
// written.
int Summarize(const std::string& out, const ShardRead& read,
              const ConvertTally& tally, const CsvFolderWriter* csv) {
  int exit = kExitOk;
  for (const v1::Finding& f : read.findings) {
    std::fprintf(
        stderr, "%s: %s\n",
        SourceLocationText(f.location(), ReportLanguage::kEnglish).c_str(),
        f.message().c_str());
    // A row not written fails the run; a value left out of a row that was
    // written (a masked ID: a warning) is said, not failed.
    if (f.severity() == v1::SEVERITY_ERROR) exit = kExitFailed;
  }
  for (const std::string& e : tally.empty_records) {
    std::fprintf(stderr, "dangjian convert: %s\n", MaskPersonalData(e).c_str());
  }
  if (tally.empty_count > 0) {
    if (tally.empty_count > 10) {
      std::fprintf(stderr,
                   "dangjian convert: %lld empty records in all were not "
                   "written\n",
                   static_cast<long long>(tally.empty_count));
    }
    exit = kExitFailed;
  }
  if (csv != nullptr && csv->duplicate_stars() > 0) {
    std::fprintf(stderr,
                 "dangjian convert: %lld star assessments of duplicate "
                 "party_organization records were not written: report keeps "
                 "the first record of an id and ignores the rest\n",
                 static_cast<long long>(csv->duplicate_stars()));
    exit = kExitFailed;
  }
  if (csv != nullptr) {
    // One ledger file was asked for: the other tables' records are left out
    // by choice, and said so.
    if (!csv->other_tables().empty()) {
      int64_t total = 0;
      std::vector<std::string> kinds;
      for (const auto& [kind, n] : csv->other_tables()) {
        total += n;
        kinds.push_back(absl::StrCat(n, " ", kind));
      }
      std::fprintf(stderr,
                   "dangjian convert: %s holds one table: %lld records of "
                   "other kinds were not written (%s); write a folder "
                   "(OUT/) for every table\n",
                   out.c_str(), static_cast<long long>(total),
                   absl::StrJoin(kinds, ", ").c_str());
    }
  }
  for (const auto& [kind, n] : tally.unsupported) {
    std::fprintf(
        stderr,
        "dangjian convert: %lld %s records were not written: no ledger "
        "holds them (convert to .djr, .jsonl or .pb to keep them)\n",
        static_cast<long long>(n), kind.c_str());
    exit = kExitFailed;
  }
  for (const auto& [field, n] : tally.fields_left_out) {
    std::fprintf(stderr,
                 "dangjian convert: %lld records were written without %s: "
                 "its cell would not read back the same (a name holding "
                 "the cell's separators, a value with no label; convert to "
                 ".djr, .jsonl or .pb to keep it)\n",
                 static_cast<long long>(n), field.c_str());
    exit = kExitFailed;
  }
  return exit;
}

int Run(const Args& args) {
  const char* kName = "convert";
  if (args.positional().size() != 2) return Fail(kName, "give IN and OUT");
  const std::string in = args.positional()[0];
  const std::string out = args.positional()[1];
  absl::StatusOr<FileFormat> stdin_format = FormatFromName(args.Get("from"));
  if (!stdin_format.ok())
    return Fail(kName, std::string(stdin_format.status().message()));
  if (absl::Status s = CheckOutputIsNoInput(out, {in}); !s.ok()) {
    return Fail(kName, std::string(s.message()));
  }
  if (args.Has("table") &&
      CsvTableFromName(args.Get("table")) == CsvTable::kAuto) {
    return Fail(kName, absl::StrCat("--table '", args.Get("table"),
                                    "' names no table; use regions, grids, "
                                    "host_organizations, party_organizations, "
                                    "venues, funding, members, activities, "
                                    "star_assessments, cadre_assignments, "
                                    "reserve_talent, host_annual_results, "
                                    "region_economies or their Chinese names "
                                    "(党员, 单位, ...)"));
  }

  // The input is opened first: the output carries its header.
  absl::StatusOr<FileFormat> in_format =
      IsStdout(in) ? absl::StatusOr<FileFormat>(*stdin_format)
                   : FormatForPath(in);
  const bool whole_dataset =
      in_format.ok() && (*in_format == FileFormat::kDatasetBinary ||
                         *in_format == FileFormat::kDatasetJson);
  std::unique_ptr<RecordReader> reader;
  std::optional<v1::Dataset> dataset;
  std::optional<v1::StreamHeader> header;
  if (whole_dataset) {
    // Its provenance and policy are no record a reader hands out.
    OpenOptions o;
    o.format = *in_format;
    absl::StatusOr<v1::Dataset> d =
        ReadDataset(IsStdout(in) ? "/dev/stdin" : in, o);
    if (!d.ok()) return Fail(kName, std::string(d.status().message()));
    dataset = *std::move(d);
    header = HeaderOf(*dataset);
  } else {
    absl::StatusOr<std::unique_ptr<RecordReader>> r =
        OpenInput(in, *stdin_format,
                  args.Has("table") ? CsvTableFromName(args.Get("table"))
                                    : CsvTable::kAuto);
    if (!r.ok()) return Fail(kName, std::string(r.status().message()));
    reader = *std::move(r);
    header = HeaderOf(*reader);
  }

  ConvertOutput output;
  if (absl::Status s = OpenOutput(args, out, header, &output); !s.ok()) {
    return Fail(kName, std::string(s.message()));
  }
  std::unique_ptr<RecordWriter>& writer = output.writer;
  std::unique_ptr<CsvFolderWriter>& csv = output.csv;
  const bool ledger_out = output.ledger_out;

  Progress progress("dangjian convert", !args.Has("quiet"));
  // Record streams and JSON Lines say where each record was read: of a file
  // of known size, the share done and the time left.
  struct stat in_stat;
  if (!IsStdout(in) && in_format.ok() &&
      (*in_format == FileFormat::kRecordStream ||
       *in_format == FileFormat::kJsonLines) &&
      stat(in.c_str(), &in_stat) == 0 && S_ISREG(in_stat.st_mode)) {
    progress.set_total_bytes(in_stat.st_size);
  }
  int64_t records = 0;
  ConvertTally tally;
  auto write = [&](const v1::Record& r, const v1::SourceLocation& where) {
    progress.Update(++records, where.byte_offset());
    if (r.entity_case() == v1::Record::ENTITY_NOT_SET) {
      // An empty record is not written; the others are, and it is named.
      if (++tally.empty_count <= 10) {
        tally.empty_records.push_back(absl::StrCat(
            in, ": record ", where.record_index(),
            where.line() > 0
                ? absl::StrCat(" (line ", where.line(), ")")
                : absl::StrCat(" (byte offset ", where.byte_offset(), ")"),
            " carries no entity: not written"));
      }
      return absl::OkStatus();
    }
    // A ledger (a CSV one, or a workbook's sheet) does not hold every kind.
    absl::Status s = writer != nullptr ? writer->Write(r) : csv->Write(r);
    if (absl::IsNotFound(s)) {
      ++tally.unsupported[std::string(RecordKindName(r))];
      return absl::OkStatus();
    }
    // (A one-table ledger passes over the other tables' records.)
    if (s.ok() && ledger_out &&
        (csv == nullptr || csv->Holds(RecordKindName(r)))) {
      for (const std::string& field : FieldsNoLedgerHolds(r)) {
        ++tally.fields_left_out[field];
      }
    }
    return s;
  };
  ShardRead read;
  if (dataset.has_value()) {
    v1::SourceLocation where;
    where.set_file(in);
    absl::Status s;
    ForEachRecord(*dataset, [&](const v1::Record& r) {
      if (s.ok()) s = write(r, where);
      where.set_record_index(where.record_index() + 1);
    });
    if (!s.ok()) return Fail(kName, std::string(s.message()));
    read.records = records;
  } else {
    if (absl::Status s = ReadRecords(reader.get(), in, write, &read); !s.ok()) {
      return Fail(kName, std::string(s.message()));
    }
  }
  // A file that could not be read whole is not converted into one that looks
  // whole: the writers, destroyed unclosed, leave nothing at OUT.
  for (const v1::Finding& f : read.findings) {
    if (f.rule_id() != "io.read") continue;
    return Fail(kName, absl::StrCat(f.message(), "; ", out,
                                    " was not written (the input could not "
                                    "be read whole)"));
  }
  absl::Status closed = writer != nullptr ? writer->Close() : csv->Close();
  if (!closed.ok()) return Fail(kName, std::string(closed.message()));
  progress.Finish(records, read.bytes);
  return Summarize(out, read, tally, csv.get());
}

}  // namespace

Command ConvertCommand() {
  return Command{
      "convert",
      "convert between the exchange formats",
      "Usage: dangjian convert [OPTIONS] IN OUT\n\n"
      "Reads IN and writes OUT, each in the format of its extension: .djr "
      "record\n"
      "stream, .jsonl JSON Lines, .pb binary Dataset, .json JSON Dataset, .csv "
      "a\n"
      "CSV ledger of one table; IN may also be an .xlsx workbook of ledgers (a "
      "table\n"
      "a sheet). OUT ending in '/' (or --to csv) is a folder "
      "that\n"
      "gets one CSV ledger per table (created with its parent folders); party\n"
      "organizations' star assessments go to star_assessments.csv. OUT .xlsx\n"
      "is one Excel workbook of those ledgers, a sheet per table. CSV and\n"
      "workbook output mask resident IDs and phone numbers unless\n"
      "--full-fidelity. IN - is\n"
      "standard input (format from --from); OUT - is standard output, as JSON\n"
      "Lines or, with --to djr, a record stream. Rows or records that cannot\n"
      "be read or written are listed on standard error and make the exit\n"
      "status 2; an input that cannot be read to its end (a stream cut "
      "short)\n"
      "leaves no OUT at all. The stream header (provenance: producer, as-of "
      "date, ...;\n"
      "policy) goes into every format with a place for it: a record stream's\n"
      "header, a .jsonl file's header line, a Dataset's provenance and\n"
      "policy; CSV ledgers and JSON Lines on standard output have none.\n\n"
      "Example:\n"
      "  dangjian convert county.djr ledgers/\n"
      "  dangjian convert county.djr 县台账.xlsx\n"
      "  dangjian convert --from csv - members.jsonl < 党员.csv\n"
      "  dangjian convert county.djr - | grep hostOrganization | head\n",
      {
          {"to", 0, true, "FORMAT", "format of OUT: djr, jsonl, json, pb, csv",
           ""},
          {"from", 0, true, "FORMAT",
           "format of standard input (-): djr, jsonl, json, pb, csv, xlsx",
           "jsonl"},
          {"table", 0, true, "TABLE",
           "the table of a CSV ledger: of OUT (else from its name), or of a "
           "CSV on standard input (else from its headers): members, 党员, "
           "host_organizations, 单位, ...",
           ""},
          {"full-fidelity", 0, false, "",
           "write resident IDs and phones whole in CSV and workbooks", ""},
          {"headers", 0, true, "LANG",
           "CSV and workbook headers (and sheet names) in zh or en", "zh"},
          {"quiet", 'q', false, "", "no progress line", ""},
      },
      &Run};
}

}  // namespace cli
}  // namespace dangjian
