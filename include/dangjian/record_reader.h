// The interfaces every streaming format implements: RecordReader hands out one
// v1::Record at a time with where it came from; RecordWriter takes them one at
// a time. Open files by path with dangjian/record_io.h, or a format's own
// factory (dangjian/record_stream.h, json_lines.h, csv_ledger.h).
#ifndef DANGJIAN_RECORD_READER_H_
#define DANGJIAN_RECORD_READER_H_

#include "absl/status/status.h"
#include "dangjian/export.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {

// Reads records one at a time.
//
// Example:
//   dangjian::v1::Record r;
//   while (reader->Next(&r)) {
//     Use(r, reader->location());  // location(): file, line, byte offset
//   }
//   if (!reader->status().ok()) { /* damaged: what was read is still good */ }
//
// Not thread-safe: one thread reads a reader at a time. Non-copyable.
class DANGJIAN_EXPORT RecordReader {
 public:
  RecordReader() = default;
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;
  virtual ~RecordReader();

  // Replaces `*record` with the next record and returns true, or returns false
  // at the end of the input or at the first error that stops reading (see
  // status()). Header and trailer records (of a record stream or a JSON Lines
  // file) are consumed by the reader, not handed out: the header is read when
  // the reader is opened, and RecordStreamReader::header() and
  // JsonLinesReader::header() give it before the first call.
  //
  // REQUIRES: record != nullptr.
  virtual bool Next(v1::Record* record) = 0;

  // Where the record last returned by Next() came from: the file as given, the
  // 1-based line for text formats, the 0-based record index and the byte offset
  // of its start.
  virtual const v1::SourceLocation& location() const = 0;

  // OK while reading and after a clean end; otherwise what stopped the reader
  // and where. Records handed out before an error are good.
  virtual absl::Status status() const = 0;
};

// Writes records one at a time; Close() finishes the file.
//
// Not thread-safe. Non-copyable. A writer destroyed without Close() leaves no
// file at its path (the data went to a temporary file beside it, removed).
class DANGJIAN_EXPORT RecordWriter {
 public:
  RecordWriter() = default;
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;
  virtual ~RecordWriter();

  // Writes `record`. Returns OK, InvalidArgument when the record cannot be
  // written in this format (named by kind and id; personal data masked), or
  // Unavailable when the file cannot be written. After a failure other than
  // InvalidArgument the writer is broken and Close() fails.
  virtual absl::Status Write(const v1::Record& record) = 0;

  // Finishes the file (a trailer, a flush, the rename into place). Returns OK
  // or the error; a second call returns FailedPrecondition.
  virtual absl::Status Close() = 0;
};

}  // namespace dangjian

#endif  // DANGJIAN_RECORD_READER_H_
