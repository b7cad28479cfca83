// Files of every exchange format: streaming record readers and writers, the
// one entry point that opens a file by its extension or an explicit format,
// and the one reader and writer of a whole Dataset (ReadDataset(),
// WriteDataset()).
//
// Every exchange format (record stream, JSON Lines, CSV ledger, whole Dataset)
// is read through a RecordReader that hands out one v1::Record at a time with
// its v1::SourceLocation, and written through a RecordWriter. Memory per record
// is constant for the streaming formats; the whole-Dataset formats (.pb, .json)
// hold the dataset in memory by their nature.
//
// File extensions (case-insensitive):
//
//   .pb               FileFormat::kDatasetBinary  one binary v1::Dataset
//   .djr, .pbs        FileFormat::kRecordStream   a record stream
//   .json             FileFormat::kDatasetJson    a v1::Dataset in JSON
//   .jsonl, .ndjson   FileFormat::kJsonLines      JSON Lines of v1::Record
//   .csv, .tsv, .txt  FileFormat::kCsvLedger      a CSV ledger of one table
//   .xlsx, .xlsm      FileFormat::kXlsxLedger     an Excel workbook of ledgers
#ifndef DANGJIAN_RECORD_IO_H_
#define DANGJIAN_RECORD_IO_H_

#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/export.h"
#include "dangjian/json_lines.h"
#include "dangjian/record_stream.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {

// The exchange formats. The enum may grow (a new format in a minor release):
// a switch over it needs a default.
enum class FileFormat {
  kAuto = 0,           // From the path's extension (table above).
  kDatasetBinary = 1,  // One binary v1::Dataset.
  kRecordStream = 2,   // Length-delimited v1::Records with header and trailer.
  kDatasetJson = 3,    // One v1::Dataset in protobuf's JSON mapping.
  kJsonLines = 4,      // One v1::Record in JSON per line.
  kCsvLedger = 5,      // One CSV table of one entity type.
  kXlsxLedger = 6,     // An Excel workbook of ledgers, a table per sheet
                       // (reading only, WorkbookLedgerReader).
};

// Returns a short name for `format` ("record-stream", "jsonl", ...).
// Thread-safe.
DANGJIAN_EXPORT absl::string_view FileFormatName(FileFormat format);

// Returns the format the extension of `path` stands for (table at the top of
// this file), or InvalidArgument naming the path and listing the known
// extensions. Thread-safe.
//
// Example:
//   FormatForPath("county.djr") -> FileFormat::kRecordStream
DANGJIAN_EXPORT absl::StatusOr<FileFormat> FormatForPath(StringArg path);

// Options for OpenRecordReader().
struct OpenOptions {
  // The format; kAuto takes it from the extension.
  // Default: kAuto.
  FileFormat format = FileFormat::kAuto;
  // For kRecordStream.
  // Default: RecordStreamReaderOptions's defaults.
  RecordStreamReaderOptions record_stream;
  // For kJsonLines and kDatasetJson (its ignore_unknown_fields).
  // Default: JsonLinesReaderOptions's defaults.
  JsonLinesReaderOptions json_lines;
  // For kCsvLedger, and for kXlsxLedger its table and max_findings.
  // Default: CsvReaderOptions's defaults (table detected from the headers).
  CsvReaderOptions csv;
  // For kDatasetBinary and kDatasetJson: files above this size are refused.
  // Default: 1 GiB.
  int64_t max_dataset_bytes = int64_t{1} << 30;
};

// Opens `path` for reading records, in the format given or taken from its
// extension. For a whole Dataset (.pb, .json) the file is read at once and its
// entities are handed out in ForEachRecord() order; record_index counts them
// (the dataset's provenance and policy are not records: ReadDataset() keeps
// them).
//
// Example:
//   auto reader = dangjian::OpenRecordReader("county.djr");
//   if (!reader.ok()) return reader.status();
//   dangjian::v1::Record r;
//   while ((*reader)->Next(&r)) Use(r, (*reader)->location());
//   if (!(*reader)->status().ok()) return (*reader)->status();
//
// Returns the reader, or the failure to open: NotFound, InvalidArgument (an
// unknown extension, a bad option, a JSON Dataset that does not parse, a CSV
// file or workbook that cannot be imported), DataLoss (a binary Dataset that
// does not parse, a stream without a header), ResourceExhausted (a Dataset
// above max_dataset_bytes).
DANGJIAN_EXPORT absl::StatusOr<std::unique_ptr<RecordReader>> OpenRecordReader(
    StringArg path, const OpenOptions& options = {});

// Options for CreateRecordWriter().
struct CreateOptions {
  // The format; kAuto takes it from the extension. kDatasetBinary and
  // kDatasetJson collect the records in memory and write on Close().
  // Default: kAuto.
  FileFormat format = FileFormat::kAuto;
  // For kRecordStream.
  // Default: RecordStreamWriterOptions's defaults.
  RecordStreamWriterOptions record_stream;
  // For kCsvLedger; its `table` must be set. For kXlsxLedger, its
  // chinese_headers and full_fidelity (WorkbookWriterOptions's).
  // Default: CsvWriterOptions's defaults.
  CsvWriterOptions csv;
  // For kDatasetJson: indented, fields left at their default written.
  // Default: JsonWriteOptions's defaults (one line, defaults omitted).
  JsonWriteOptions json;
};

// Creates `path` for writing records in the format given or taken from its
// extension. A header record given to Write() sets a Dataset's provenance and
// policy (its schema_version and policy_version have no field there). The
// record stream writer takes its header from `record_stream.header`; the
// JSON Lines writer made here writes none (JsonLinesWriter::Create() with
// write_header_and_trailer does); both refuse one given to Write(). A CSV
// ledger has no place for one.
//
// Example:
//   auto writer = dangjian::CreateRecordWriter("out.jsonl");
//   if (!writer.ok()) return writer.status();
//   for (const auto& r : records) {
//     if (auto s = (*writer)->Write(r); !s.ok()) return s;
//   }
//   return (*writer)->Close();
//
// A workbook (kXlsxLedger) takes every table's records, a sheet each
// (WorkbookLedgerWriter). Returns the writer, InvalidArgument for an unknown
// extension or bad options, or Unavailable when the file cannot be created.
DANGJIAN_EXPORT absl::StatusOr<std::unique_ptr<RecordWriter>>
CreateRecordWriter(StringArg path, const CreateOptions& options = {});

// Reads every record of `path` (any format, as OpenRecordReader()) into one
// Dataset. Returns it, or the first error: the reader's status, or for a CSV
// ledger or workbook FailedPrecondition when any row was skipped (the
// findings are then only in CsvLedgerReader or WorkbookLedgerReader; read
// with it to see them one by one).
DANGJIAN_EXPORT absl::StatusOr<v1::Dataset> ReadDataset(
    StringArg path, const OpenOptions& options = {});

// Writes `dataset` to `path` in the format given or taken from its
// extension, so that ReadDataset() reads the same dataset back:
//   - a Dataset (.pb, .json) whole, its provenance and policy included;
//   - a record stream (.djr) or JSON Lines (.jsonl) with a header carrying
//     the dataset's provenance and policy (those of
//     options.record_stream.header where it sets them) and a trailer. As
//     every stream writer does, the header fills in an empty
//     provenance.producer ("dangjian 0.3.0") and provenance.schema_version,
//     so the dataset reads back with them set (and with a provenance when
//     it had none).
// Ledgers (.csv, .xlsx) are refused: they mask personal data unless asked
// not to and hold a table's columns, not every field; WriteCsvLedgers() and
// CreateRecordWriter() write them and say what they leave out. Every file is
// written beside its final name and renamed into place; after a failure
// nothing is left at `path`.
//
// Example:
//   absl::Status s = dangjian::WriteDataset(dataset, "county.djr");
//
// Returns OK; InvalidArgument for an unknown extension or bad options, for a
// ledger, for an empty binary Dataset (no provenance, no records: 0 bytes,
// which ReadDataset() refuses), or naming the record and field when a string
// is not valid UTF-8; Unavailable when the file cannot be written.
// Thread-safe for different paths.
DANGJIAN_EXPORT absl::Status WriteDataset(const v1::Dataset& dataset,
                                          StringArg path,
                                          const CreateOptions& options = {});

}  // namespace dangjian

#endif  // DANGJIAN_RECORD_IO_H_
