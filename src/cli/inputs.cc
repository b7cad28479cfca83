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
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format '", name,
                   "'; the formats are djr, jsonl, json, pb, csv"));
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
  read.findings = ReaderFindings(**reader, path);
  return read;
}

}  // namespace cli
}  // namespace dangjian
