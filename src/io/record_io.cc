#include "dangjian/record_io.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "dangjian/io.h"
#include "dangjian/record.h"
#include "io/dataset_files.h"
#include "io/dataset_reader.h"
#include "io/ledger_import.h"

namespace dangjian {
namespace internal {
namespace {

// Collects records into a Dataset and writes it whole on Close().
class DatasetWriter final : public RecordWriter {
 public:
  DatasetWriter(std::string path, FileFormat format,
                const JsonWriteOptions& json)
      : path_(std::move(path)), format_(format), json_(json) {}

  absl::Status Write(const v1::Record& record) override {
    if (closed_) return absl::FailedPreconditionError("writer closed");
    absl::Status s = AddRecordToDataset(record, &dataset_);
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path_, ": ", s.message()));
    }
    return s;
  }

  absl::Status Close() override {
    if (closed_) return absl::FailedPreconditionError("writer already closed");
    closed_ = true;
    return format_ == FileFormat::kDatasetBinary
               ? WriteBinaryDatasetFile(dataset_, path_)
               : WriteJsonDatasetFile(dataset_, path_, json_);
  }

 private:
  std::string path_;
  FileFormat format_;
  JsonWriteOptions json_;
  v1::Dataset dataset_;
  bool closed_ = false;
};

absl::StatusOr<FileFormat> Resolve(absl::string_view path, FileFormat format) {
  if (format != FileFormat::kAuto) return format;
  return FormatForPath(path);
}

}  // namespace
}  // namespace internal

absl::string_view FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kAuto:
      return "auto";
    case FileFormat::kDatasetBinary:
      return "dataset-binary";
    case FileFormat::kRecordStream:
      return "record-stream";
    case FileFormat::kDatasetJson:
      return "dataset-json";
    case FileFormat::kJsonLines:
      return "jsonl";
    case FileFormat::kCsvLedger:
      return "csv";
    case FileFormat::kXlsxLedger:
      return "xlsx";
  }
  return "unknown";
}

absl::StatusOr<FileFormat> FormatForPath(StringArg path_arg) {
  const absl::string_view path = path_arg;
  const size_t slash = path.find_last_of('/');
  const absl::string_view base =
      slash == absl::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = base.find_last_of('.');
  const std::string ext = absl::AsciiStrToLower(
      dot == absl::string_view::npos ? "" : base.substr(dot + 1));
  if (ext == "pb") return FileFormat::kDatasetBinary;
  if (ext == "djr" || ext == "pbs") return FileFormat::kRecordStream;
  if (ext == "json") return FileFormat::kDatasetJson;
  if (ext == "jsonl" || ext == "ndjson") return FileFormat::kJsonLines;
  if (ext == "csv" || ext == "tsv" || ext == "txt") {
    return FileFormat::kCsvLedger;
  }
  if (ext == "xlsx" || ext == "xlsm") return FileFormat::kXlsxLedger;
  if (ext == "xls" || ext == "et") {
    return absl::InvalidArgumentError(absl::StrCat(
        path,
        ": an Excel 97-2003 (or WPS) workbook, which the library does not "
        "read; save it as \"Excel workbook (*.xlsx)\" or export each sheet "
        "as CSV"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      path,
      ": unknown extension; use .pb (Dataset), .djr or .pbs (record stream), "
      ".json (Dataset JSON), .jsonl or .ndjson (JSON Lines), .csv, .tsv or "
      ".txt (CSV ledger), .xlsx (Excel workbook of ledgers), or give the "
      "format explicitly"));
}

absl::StatusOr<std::unique_ptr<RecordReader>> OpenRecordReader(
    StringArg path_arg, const OpenOptions& options) {
  const absl::string_view path = path_arg;
  absl::StatusOr<FileFormat> format = internal::Resolve(path, options.format);
  if (!format.ok()) return format.status();
  switch (*format) {
    case FileFormat::kRecordStream: {
      auto r = RecordStreamReader::Open(path, options.record_stream);
      if (!r.ok()) return r.status();
      return std::unique_ptr<RecordReader>(*std::move(r));
    }
    case FileFormat::kJsonLines: {
      auto r = JsonLinesReader::Open(path, options.json_lines);
      if (!r.ok()) return r.status();
      return std::unique_ptr<RecordReader>(*std::move(r));
    }
    case FileFormat::kCsvLedger: {
      auto r = CsvLedgerReader::Open(path, options.csv);
      if (!r.ok()) return r.status();
      return std::unique_ptr<RecordReader>(*std::move(r));
    }
    case FileFormat::kXlsxLedger: {
      auto r = WorkbookLedgerReader::Open(path, options.csv);
      if (!r.ok()) return r.status();
      return std::unique_ptr<RecordReader>(*std::move(r));
    }
    case FileFormat::kDatasetBinary:
    case FileFormat::kDatasetJson: {
      absl::StatusOr<v1::Dataset> d = ReadDataset(path, options);
      if (!d.ok()) return d.status();
      return std::unique_ptr<RecordReader>(
          new internal::DatasetReader(*d, path));
    }
    case FileFormat::kAuto:
      break;
  }
  return absl::InvalidArgumentError("OpenOptions::format is invalid");
}

absl::StatusOr<std::unique_ptr<RecordWriter>> CreateRecordWriter(
    StringArg path_arg, const CreateOptions& options) {
  const absl::string_view path = path_arg;
  absl::StatusOr<FileFormat> format = internal::Resolve(path, options.format);
  if (!format.ok()) return format.status();
  switch (*format) {
    case FileFormat::kRecordStream: {
      auto w = RecordStreamWriter::Create(path, options.record_stream);
      if (!w.ok()) return w.status();
      return std::unique_ptr<RecordWriter>(*std::move(w));
    }
    case FileFormat::kJsonLines: {
      auto w = JsonLinesWriter::Create(path);
      if (!w.ok()) return w.status();
      return std::unique_ptr<RecordWriter>(*std::move(w));
    }
    case FileFormat::kCsvLedger: {
      auto w = CsvLedgerWriter::Create(path, options.csv);
      if (!w.ok()) return w.status();
      return std::unique_ptr<RecordWriter>(*std::move(w));
    }
    case FileFormat::kDatasetBinary:
    case FileFormat::kDatasetJson:
      return std::unique_ptr<RecordWriter>(new internal::DatasetWriter(
          std::string(path), *format, options.json));
    case FileFormat::kXlsxLedger: {
      WorkbookWriterOptions workbook;
      workbook.chinese_headers = options.csv.chinese_headers;
      workbook.full_fidelity = options.csv.full_fidelity;
      auto w = WorkbookLedgerWriter::Create(path, workbook);
      if (!w.ok()) return w.status();
      return std::unique_ptr<RecordWriter>(*std::move(w));
    }
    case FileFormat::kAuto:
      break;
  }
  return absl::InvalidArgumentError("CreateOptions::format is invalid");
}

absl::StatusOr<v1::Dataset> ReadDataset(StringArg path_arg,
                                        const OpenOptions& options) {
  const absl::string_view path = path_arg;
  absl::StatusOr<FileFormat> format = internal::Resolve(path, options.format);
  if (!format.ok()) return format.status();
  if (*format == FileFormat::kDatasetBinary) {
    return internal::ReadBinaryDatasetFile(path, options.max_dataset_bytes);
  }
  if (*format == FileFormat::kDatasetJson) {
    JsonReadOptions j;
    j.ignore_unknown_fields = options.json_lines.ignore_unknown_fields;
    return internal::ReadJsonDatasetFile(path, j, options.max_dataset_bytes);
  }
  OpenOptions o = options;
  o.format = *format;
  auto reader = OpenRecordReader(path, o);
  if (!reader.ok()) return reader.status();
  v1::Dataset dataset;
  // Both streaming formats read their header on opening.
  const v1::StreamHeader* header = nullptr;
  if (auto* stream = dynamic_cast<RecordStreamReader*>(reader->get())) {
    header = &stream->header();
  } else if (auto* lines = dynamic_cast<JsonLinesReader*>(reader->get())) {
    header = lines->header();
  }
  if (header != nullptr) {
    v1::Record h;
    *h.mutable_header() = *header;
    if (absl::Status s = AddRecordToDataset(h, &dataset); !s.ok()) return s;
  }
  v1::Record r;
  while ((*reader)->Next(&r)) {
    if (absl::Status s = MoveRecordToDataset(&r, &dataset); !s.ok()) {
      return absl::Status(
          s.code(),
          absl::StrCat(path, ": record ", (*reader)->location().record_index(),
                       ": ", s.message()));
    }
  }
  if (!(*reader)->status().ok()) return (*reader)->status();
  const internal::LedgerReaderFindings ledger =
      internal::LedgerFindingsOf(**reader);
  const int64_t skipped = ledger.rows_skipped;
  const std::vector<CsvFinding>* findings = ledger.findings;
  const absl::string_view reader_name = ledger.reader_name;
  // Rows skipped, or a workbook's sheet not read: a finding that kept rows
  // out (beyond max_findings, the count alone says).
  const CsvFinding* first = nullptr;
  if (findings != nullptr) {
    for (const CsvFinding& f : *findings) {
      if (f.row_skipped) {
        first = &f;
        break;
      }
    }
  }
  if (skipped > 0 || first != nullptr) {
    std::string where;
    if (first != nullptr) {
      where = first->sheet.empty()
                  ? absl::StrCat("; the first at line ", first->line)
                  : absl::StrCat("; the first at sheet ", first->sheet, " row ",
                                 first->line);
      absl::StrAppend(&where, ": ", first->message);
    }
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": ", skipped, " rows skipped", where,
                     " (read it with ", reader_name, " for every finding)"));
  }
  return dataset;
}

absl::Status WriteDataset(const v1::Dataset& dataset, StringArg path_arg,
                          const CreateOptions& options) {
  const absl::string_view path = path_arg;
  absl::StatusOr<FileFormat> format = internal::Resolve(path, options.format);
  if (!format.ok()) return format.status();
  switch (*format) {
    case FileFormat::kDatasetBinary:
      return internal::WriteBinaryDatasetFile(dataset, path);
    case FileFormat::kDatasetJson:
      return internal::WriteJsonDatasetFile(dataset, path, options.json);
    case FileFormat::kCsvLedger:
    case FileFormat::kXlsxLedger:
      // A ledger masks personal data unless asked not to, and has no cell
      // for some values: not a dataset that reads back the same.
      return absl::InvalidArgumentError(absl::StrCat(
          path,
          ": a ledger (CSV, workbook) is not a whole dataset: it holds a "
          "table's columns, not every field, nor the provenance; write "
          "ledgers with WriteCsvLedgers() or CreateRecordWriter(), which "
          "say what they leave out, and a dataset as .pb, .json, .djr or "
          ".jsonl"));
    default:
      break;
  }
  // The streaming formats: the header carries what is no record.
  v1::StreamHeader header = options.record_stream.header;
  if (!header.has_provenance() && dataset.has_provenance()) {
    *header.mutable_provenance() = dataset.provenance();
  }
  if (!header.has_policy() && dataset.has_policy()) {
    *header.mutable_policy() = dataset.policy();
  }
  absl::StatusOr<std::unique_ptr<RecordWriter>> writer;
  if (*format == FileFormat::kJsonLines) {
    JsonLinesWriterOptions lines;
    lines.write_header_and_trailer = true;
    lines.header = std::move(header);
    auto w = JsonLinesWriter::Create(path, lines);
    if (!w.ok()) return w.status();
    writer = std::unique_ptr<RecordWriter>(*std::move(w));
  } else {
    CreateOptions o = options;
    o.format = *format;
    o.record_stream.header = std::move(header);
    writer = CreateRecordWriter(path, o);
  }
  if (!writer.ok()) return writer.status();
  absl::Status status;
  ForEachRecord(dataset, [&](const v1::Record& record) {
    if (status.ok()) status = (*writer)->Write(record);
  });
  // After a failure the writer is destroyed unclosed: it leaves no file.
  if (!status.ok()) return status;
  return (*writer)->Close();
}

}  // namespace dangjian
