// Reading the CLI's input files (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_INPUTS_H_
#define DANGJIAN_SRC_CLI_INPUTS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/record_io.h"
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
// check_serialized off): `serialized` must refuse bad bytes with
// InvalidArgument, as Aggregator::AddSerialized() does, and reading stops
// there with an "io.read" finding. Other formats' records go to `fn`. A null
// `serialized` is the function above.
absl::StatusOr<ShardRead> ReadShard(
    const std::string& path, FileFormat stdin_format,
    const std::function<absl::Status(const v1::Record&,
                                     const v1::SourceLocation&)>& fn,
    const std::function<absl::Status(absl::string_view,
                                     const v1::SourceLocation&)>& serialized);

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
