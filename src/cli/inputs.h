// Reading the CLI's input files (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_INPUTS_H_
#define DANGJIAN_SRC_CLI_INPUTS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangjian/record_io.h"
#include "dangjian/record_stream.h"
#include "dangjian/v1/validation.pb.h"

namespace dangjian {
namespace cli {

// The files of one shard (one county, say): read into one aggregator or
// validator, so that records joining across files (a CSV ledger's members and
// its units) meet.
using Shard = std::vector<std::string>;

// Expands the FILE arguments into shards. A file is a shard; "-" (standard
// input) is a shard. A folder stands for what it holds, sorted by name: its
// CSV ledgers together are one shard (a county's ledgers, one per table), each
// other file the library reads (record stream, JSON Lines, dataset) is a
// shard, and each subfolder is expanded the same way (so a folder of county
// folders gives one shard per county). Fails when an argument does not exist
// or a folder holds nothing the library reads.
absl::StatusOr<std::vector<Shard>> ExpandInputs(
    const std::vector<std::string>& args);

// What reading one file produced besides its records.
struct ShardRead {
  int64_t records = 0;
  int64_t bytes = 0;
  // Problems of the file itself as findings: CSV rows skipped or cells refused
  // ("io.csv.row_skipped", "io.csv.cell"), and a damaged stream ("io.read").
  std::vector<v1::Finding> findings;
  // Records lost to those problems, by reason, for the report's data quality.
  std::vector<std::pair<std::string, int64_t>> skipped;
};

// Reads every record of `path` (standard input for "-", in `stdin_format`) and
// calls `fn` with each and its location. The records are parsed onto an arena
// reset every thousand records: `fn` must not keep a reference to one. Returns
// OK with what was read, even when the file was damaged part way (that is in
// `findings`); an error when it could not be opened at all or `fn` failed.
absl::StatusOr<ShardRead> ReadShard(
    const std::string& path, FileFormat stdin_format,
    const std::function<absl::Status(const v1::Record&,
                                     const v1::SourceLocation&)>& fn);

// As above, but a record stream's records go to `serialized` as their bytes,
// unparsed and unchecked (RecordStreamReader::NextSerialized() with
// check_serialized off): `serialized(bytes, location)` returns absl::Status
// and must refuse bad bytes with InvalidArgument, as
// Aggregator::AddSerialized() does, and reading stops there with an "io.read"
// finding. Other formats' records go to `fn`. A template, so that the call
// per record is inlined rather than made through a std::function.
template <typename SerializedFn>
absl::StatusOr<ShardRead> ReadShard(
    const std::string& path, FileFormat stdin_format,
    const std::function<absl::Status(const v1::Record&,
                                     const v1::SourceLocation&)>& fn,
    SerializedFn&& serialized);

// Implementation details only below here.

namespace internal {

// ReadShard()'s parts that do not depend on the callbacks.
absl::StatusOr<std::unique_ptr<RecordReader>> OpenShardFile(
    const std::string& path, FileFormat stdin_format, bool serialized);
absl::Status ReadParsed(RecordReader* reader,
                        const std::function<absl::Status(
                            const v1::Record&, const v1::SourceLocation&)>& fn,
                        ShardRead* read);
// The "io.read" finding for bytes `serialized` refused with `s`.
void RefusedBytes(const std::string& path, const v1::SourceLocation& where,
                  const absl::Status& s, ShardRead* read);
// The findings of the reader itself (CSV cells and rows, a damaged stream).
void ReaderFindings(const RecordReader& reader, const std::string& path,
                    ShardRead* read);

}  // namespace internal

template <typename SerializedFn>
absl::StatusOr<ShardRead> ReadShard(
    const std::string& path, FileFormat stdin_format,
    const std::function<absl::Status(const v1::Record&,
                                     const v1::SourceLocation&)>& fn,
    SerializedFn&& serialized) {
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      internal::OpenShardFile(path, stdin_format, true);
  if (!reader.ok()) return reader.status();
  ShardRead read;
  // Record streams hand out records as their bytes. CSV ledgers could too
  // (CsvLedgerReader::NextSerialized()), but their Next() builds the record
  // with generated setters, no parse to save: measured no faster.
  if (auto* stream = dynamic_cast<RecordStreamReader*>(reader->get())) {
    absl::string_view bytes;
    while (stream->NextSerialized(&bytes)) {
      const v1::SourceLocation& where = stream->location();
      absl::Status s = serialized(bytes, where);
      // ok() is inline; the code, asked only of an error, is a library call.
      if (!s.ok()) {
        if (!absl::IsInvalidArgument(s)) return s;
        // Bad bytes: reading stops there, as at any damaged record.
        internal::RefusedBytes(path, where, s, &read);
        return read;
      }
      ++read.records;
      read.bytes = where.byte_offset();
    }
  } else if (absl::Status s = internal::ReadParsed(reader->get(), fn, &read);
             !s.ok()) {
    return s;
  }
  internal::ReaderFindings(**reader, path, &read);
  return read;
}

// The as-of date a shard's data declares: the provenance of the header of
// its first record stream (standard input and other formats are not looked
// at). nullopt when it declares none, or when the stream cannot be opened
// (reading it then reports why).
std::optional<v1::Date> DeclaredAsOf(const Shard& shard);

// The format named by --from/--to ("djr", "jsonl", "json", "pb", "csv"), or
// InvalidArgument.
absl::StatusOr<FileFormat> FormatFromName(const std::string& name);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_INPUTS_H_
