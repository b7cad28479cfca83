// Record streams: large ledgers as a sequence of length-delimited v1::Records.
//
// The framing is protobuf's standard delimited framing (a varint byte length,
// then the message), as Java's writeDelimitedTo(), C++'s
// SerializeDelimitedToOstream() and Python's _VarintBytes(len) + bytes write,
// so any language's delimited reader reads the stream. The first record is a
// v1::StreamHeader (schema version, producer, policy version), the last a
// v1::StreamTrailer with the count of records between them and the zlib crc32
// of their framed bytes (length prefixes included), so that truncation and
// corruption are detected. A damaged stream is reported with the byte offset
// where reading stopped and the bytes left unread; every record before it is
// delivered.
#ifndef DANGJIAN_RECORD_STREAM_H_
#define DANGJIAN_RECORD_STREAM_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangjian/export.h"
#include "dangjian/record_reader.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {

// Options for reading a record stream.
struct RecordStreamReaderOptions {
  // A record whose declared length is above this is refused: reading stops
  // with ResourceExhausted at its offset. Bounds the memory a damaged length
  // prefix can make the reader ask for.
  // Default: 64 MiB.
  int64_t max_record_bytes = int64_t{64} << 20;
  // Check the trailer's record count and crc32.
  // Default: true.
  bool verify_trailer = true;
  // Walk each record's bytes with the strict wire-format check in
  // NextSerialized() as Next() does. A consumer that checks the bytes itself
  // as strictly - Aggregator::AddSerialized() does, in the same pass that
  // decodes them - may turn it off to save a pass; the framing, the size cap
  // and the trailer's count and crc32 are checked either way, and Next()
  // always checks.
  // Default: true.
  bool check_serialized = true;
};

// Reads a record stream one record at a time in constant memory (one buffer,
// grown to the largest record seen, reused).
//
// Example:
//   auto reader = dangjian::RecordStreamReader::Open("county.djr");
//   if (!reader.ok()) return reader.status();
//   std::cout << (*reader)->header().provenance().producer() << "\n";
//   dangjian::v1::Record r;
//   while ((*reader)->Next(&r)) Use(r);
//   if (!(*reader)->status().ok()) std::cerr << (*reader)->status() << "\n";
//
// status() after the end is OK only when the trailer was read, its count and
// crc32 matched, and nothing followed it. Otherwise it is DataLoss (truncated,
// corrupt, bad checksum, bytes after the trailer) or ResourceExhausted (a
// record above the cap), and its message gives the record index, the byte
// offset where reading stopped and how many bytes were left unread.
//
// Not thread-safe; non-copyable.
class DANGJIAN_EXPORT RecordStreamReader : public RecordReader {
 public:
  // Opens the file at `path` and reads its header. Returns the reader;
  // NotFound or Unavailable when the file cannot be opened; DataLoss when it
  // does not begin with a header record (empty, another format, damaged).
  static absl::StatusOr<std::unique_ptr<RecordStreamReader>> Open(
      StringArg path, const RecordStreamReaderOptions& options = {});

  // Reads a stream held in memory; `name` stands for the file in locations and
  // messages. REQUIRES: `data` outlives the reader. Fails as Open().
  static absl::StatusOr<std::unique_ptr<RecordStreamReader>> FromBuffer(
      StringArg data, StringArg name,
      const RecordStreamReaderOptions& options = {});

  ~RecordStreamReader() override;

  // The stream's header record.
  virtual const v1::StreamHeader& header() const = 0;
  // The trailer, once Next() has returned false after reading it; else null.
  virtual const v1::StreamTrailer* trailer() const = 0;
  // Bytes consumed so far (the offset of the next record).
  virtual int64_t offset() const = 0;

  // As Next(), but delivers the record's bytes (a serialized v1::Record,
  // without its length prefix) instead of parsing them: `*bytes` points into
  // the reader's buffer and is valid until the next call. The bytes have
  // passed every check Next() makes (framing, size cap, the strict wire
  // format, UTF-8; the trailer's count and crc32 at the end), so they parse;
  // with check_serialized off, all but the wire format.
  // For a consumer that decodes what it needs itself, such as
  // Aggregator::AddSerialized(). Next() and NextSerialized() may be mixed.
  //
  // Example:
  //   absl::string_view bytes;
  //   while ((*reader)->NextSerialized(&bytes)) Use(bytes);
  //   if (!(*reader)->status().ok()) std::cerr << (*reader)->status() << "\n";
  virtual bool NextSerialized(absl::string_view* bytes) = 0;

 protected:
  RecordStreamReader() = default;
};

// Options for writing a record stream.
struct RecordStreamWriterOptions {
  // The header written first. An empty schema_version is written as
  // "dangjian.v1", an empty provenance.producer as "dangjian <version>", an
  // empty policy_version as the policy's version when a policy is given.
  // Default: empty (all filled in as above).
  v1::StreamHeader header;
  // Records larger than this, serialized, are refused with InvalidArgument.
  // Default: 64 MiB (RecordStreamReaderOptions::max_record_bytes).
  int64_t max_record_bytes = int64_t{64} << 20;
};

// Writes a record stream: the header at Create(), each record as given, the
// trailer at Close(). The data goes to "<path>.tmp" and is renamed to `path`
// by Close(), so a reader never sees a stream without its trailer.
//
// Example:
//   auto writer = dangjian::RecordStreamWriter::Create("county.djr");
//   if (!writer.ok()) return writer.status();
//   dangjian::ForEachRecord(dataset, [&](const dangjian::v1::Record& r) {
//     if (status.ok()) status = (*writer)->Write(r);
//   });
//   if (status.ok()) status = (*writer)->Close();
//
// Write() refuses an empty record, a header or a trailer, a record above the
// cap and a record with a string that is not valid UTF-8 (which no proto3
// reader could read back), with InvalidArgument naming the record and field.
//
// Not thread-safe; non-copyable.
class DANGJIAN_EXPORT RecordStreamWriter : public RecordWriter {
 public:
  // Creates "<path>.tmp" and writes the header. Returns the writer, or
  // Unavailable when the file cannot be created, InvalidArgument when the
  // header has a string that is not valid UTF-8.
  static absl::StatusOr<std::unique_ptr<RecordStreamWriter>> Create(
      StringArg path, const RecordStreamWriterOptions& options = {});

  // Writes the stream to `*out` instead of a file; Close() finishes it.
  // REQUIRES: out != nullptr and outlives the writer.
  static absl::StatusOr<std::unique_ptr<RecordStreamWriter>> ToString(
      std::string* out, const RecordStreamWriterOptions& options = {});

  ~RecordStreamWriter() override;

  // Records written so far, not counting the header.
  virtual int64_t record_count() const = 0;

 protected:
  RecordStreamWriter() = default;
};

}  // namespace dangjian

#endif  // DANGJIAN_RECORD_STREAM_H_
