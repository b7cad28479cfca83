// Reading the CLI's input files (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_INPUTS_H_
#define DANGJIAN_SRC_CLI_INPUTS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/record_io.h"
#include "dangjian/v1/validation.pb.h"

namespace dangjian {
namespace cli {

// Expands the FILE arguments: a folder stands for the files in it with an
// extension the library reads (record streams, JSON Lines, datasets, CSV),
// sorted by name; "-" stands for standard input. Fails when an argument does
// not exist or a folder holds no such file.
absl::StatusOr<std::vector<std::string>> ExpandInputs(
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
// calls `fn` with each and its location. Returns OK with what was read, even
// when the file was damaged part way (that is in `findings`); an error when it
// could not be opened at all or `fn` failed.
absl::StatusOr<ShardRead> ReadShard(
    const std::string& path, FileFormat stdin_format,
    const std::function<absl::Status(const v1::Record&,
                                     const v1::SourceLocation&)>& fn);

// The format named by --from/--to ("djr", "jsonl", "json", "pb", "csv"), or
// InvalidArgument.
absl::StatusOr<FileFormat> FormatFromName(const std::string& name);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_INPUTS_H_
