#include "cli/inputs.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "dangjian/pipeline.h"

namespace dangjian {
namespace cli {

absl::StatusOr<FileFormat> FormatFromName(const std::string& name) {
  const std::string n = absl::AsciiStrToLower(name);
  if (n == "djr" || n == "pbs" || n == "stream")
    return FileFormat::kRecordStream;
  if (n == "jsonl" || n == "ndjson") return FileFormat::kJsonLines;
  if (n == "json") return FileFormat::kDatasetJson;
  if (n == "pb") return FileFormat::kDatasetBinary;
  if (n == "csv") return FileFormat::kCsvLedger;
  if (n == "xlsx") return FileFormat::kXlsxLedger;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format '", name,
                   "'; the formats are djr, jsonl, json, pb, csv, xlsx"));
}

absl::StatusOr<std::unique_ptr<RecordReader>> OpenInput(const std::string& path,
                                                        FileFormat stdin_format,
                                                        CsvTable csv_table) {
  OpenOptions options;
  options.csv.table = csv_table;
  if (path == "-") {
    options.format = stdin_format;
    return OpenRecordReader("/dev/stdin", options);
  }
  return OpenRecordReader(path, options);
}

absl::Status ReadRecords(RecordReader* reader, const std::string& path,
                         const std::function<absl::Status(
                             const v1::Record&, const v1::SourceLocation&)>& fn,
                         ShardRead* read) {
  v1::Record record;
  while (reader->Next(&record)) {
    ++read->records;
    const v1::SourceLocation& where = reader->location();
    read->bytes = where.byte_offset();
    if (absl::Status s = fn(record, where); !s.ok()) return s;
  }
  for (v1::Finding& f : ReaderFindings(*reader, path)) {
    read->findings.push_back(std::move(f));
  }
  return absl::OkStatus();
}

}  // namespace cli
}  // namespace dangjian
