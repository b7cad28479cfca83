// JSON Lines of v1::Record (one record in protobuf's canonical JSON mapping
// per line), and whole v1::Dataset JSON files.
#ifndef DANGJIAN_JSON_LINES_H_
#define DANGJIAN_JSON_LINES_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/export.h"
#include "dangjian/io.h"
#include "dangjian/record_reader.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {

// Options for reading JSON Lines.
struct JsonLinesReaderOptions {
  // Accept and drop fields the schema does not know. A misspelt field name is
  // then lost without a word, so the default refuses them.
  // Default: false.
  bool ignore_unknown_fields = false;
  // A line longer than this stops reading with ResourceExhausted.
  // Default: 64 MiB.
  int64_t max_line_bytes = int64_t{64} << 20;
};

// Reads JSON Lines: one v1::Record per line ({"member":{"id":"m1",...}}),
// blank lines skipped, a UTF-8 byte order mark at the start skipped. A header
// record ({"header":{...}}) on the first line is the stream's header, as a
// record stream's first record is: it is read when the reader is opened,
// kept for header() and not handed out by Next(). A trailer record, when
// present, must be the last and its record_count must match (no checksum:
// JSON has no canonical bytes). Header and trailer are optional: a file of
// entity records alone is read as before. A file with no line but blank ones
// (0 bytes included) is a failed export, not an empty county: status() is
// DataLoss ("is empty"). The input is read once, to its end, so a pipe or a
// FIFO reads as a regular file does.
//
// Reading stops at the first line that is not a valid Record: status() is then
// InvalidArgument naming the file, line and byte offset and quoting protobuf's
// description with personal data masked. Records before it were handed out.
//
// Example:
//   auto reader = dangjian::JsonLinesReader::Open("members.jsonl");
//   if (const dangjian::v1::StreamHeader* h = (*reader)->header()) {
//     std::cout << h->provenance().as_of().year() << "\n";
//   }
//   dangjian::v1::Record r;
//   while ((*reader)->Next(&r)) Use(r, (*reader)->location().line());
//
// Not thread-safe; non-copyable.
class DANGJIAN_EXPORT JsonLinesReader : public RecordReader {
 public:
  // Opens `path` and reads up to its first record. Returns the reader, or
  // NotFound / Unavailable. A first line that cannot be read does not fail
  // the call: Next() then returns false and status() says why, as for any
  // other line.
  static absl::StatusOr<std::unique_ptr<JsonLinesReader>> Open(
      StringArg path, const JsonLinesReaderOptions& options = {});
  // Reads lines held in memory; `name` stands for the file in messages. Reads
  // up to the first record as Open() does; returns the reader (a StatusOr,
  // as every factory of the library returns, though reading memory cannot
  // fail to open).
  // REQUIRES: `data` outlives the reader.
  static absl::StatusOr<std::unique_ptr<JsonLinesReader>> FromBuffer(
      StringArg data, StringArg name,
      const JsonLinesReaderOptions& options = {});

  ~JsonLinesReader() override;

  // The header record of the first line, or null when there was none or
  // the first line could not be read. Set from the start, before the first
  // call to Next(), as RecordStreamReader::header() is.
  virtual const v1::StreamHeader* header() const = 0;

 protected:
  JsonLinesReader() = default;
};

// Options for writing JSON Lines.
struct JsonLinesWriterOptions {
  // Write a header record first (from `header`, with an empty
  // schema_version, provenance.producer, provenance.schema_version and
  // policy_version filled in as RecordStreamWriterOptions says) and a trailer
  // with the record count last.
  // Default: false (entity records only).
  bool write_header_and_trailer = false;
  // The header, when written.
  // Default: empty.
  v1::StreamHeader header;
};

// Writes JSON Lines, one record per line in protobuf's canonical JSON mapping
// (lowerCamelCase names, enums by name, int64 as strings). Write() refuses an
// empty record, a header or trailer, and a string that is not valid UTF-8,
// with InvalidArgument naming the record. Data goes to "<path>.tmp", renamed
// into place by Close().
//
// Not thread-safe; non-copyable.
class DANGJIAN_EXPORT JsonLinesWriter : public RecordWriter {
 public:
  // Creates the file. Returns the writer; Unavailable when it cannot be
  // created; InvalidArgument, naming the field, when the header to be
  // written holds text that is not UTF-8.
  static absl::StatusOr<std::unique_ptr<JsonLinesWriter>> Create(
      StringArg path, const JsonLinesWriterOptions& options = {});
  // Writes to `*out`; Close() finishes it. Returns the writer, or
  // InvalidArgument when the header to be written holds text that is not
  // UTF-8. REQUIRES: out != nullptr and outlives the writer.
  static absl::StatusOr<std::unique_ptr<JsonLinesWriter>> ToString(
      std::string* out, const JsonLinesWriterOptions& options = {});

  ~JsonLinesWriter() override;

 protected:
  JsonLinesWriter() = default;
};

// Deprecated since 0.3 (removed in a later minor release): WriteDataset()
// (dangjian/record_io.h), with CreateOptions::json, writes a Dataset as
// .pb, .json, .djr or .jsonl, protobuf's JSON mapping for ".json". Writes
// `dataset` to `path` as JSON, as WriteDataset() does; fails as it does.
[[deprecated(
    "use dangjian::WriteDataset() (dangjian/record_io.h)")]] DANGJIAN_EXPORT
    absl::Status
    WriteDatasetJsonFile(const v1::Dataset& dataset, StringArg path,
                         const JsonWriteOptions& options = {});

// Deprecated since 0.3 (removed in a later minor release): ReadDataset()
// (dangjian/record_io.h) reads a Dataset from every format, protobuf's JSON
// mapping for ".json" (OpenOptions::json_lines.ignore_unknown_fields and
// max_dataset_bytes for `options` and `max_bytes`). Reads a JSON Dataset from
// `path`, as ReadDataset() does; fails as it does.
[[deprecated(
    "use dangjian::ReadDataset() (dangjian/record_io.h)")]] DANGJIAN_EXPORT
    absl::StatusOr<v1::Dataset>
    ReadDatasetJsonFile(StringArg path, const JsonReadOptions& options = {},
                        int64_t max_bytes = int64_t{1} << 30);

}  // namespace dangjian

#endif  // DANGJIAN_JSON_LINES_H_
