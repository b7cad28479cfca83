// Reading the CLI's input files (internal to the CLI): what `convert` and
// `generate` need beyond the pipeline (dangjian/pipeline.h).
#ifndef DANGJIAN_SRC_CLI_INPUTS_H_
#define DANGJIAN_SRC_CLI_INPUTS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/record_io.h"
#include "dangjian/v1/validation.pb.h"

namespace dangjian {
namespace cli {

// What reading one file produced besides its records.
struct ShardRead {
  int64_t records = 0;
  int64_t bytes = 0;
  // Problems of the file itself as findings (dangjian::ReaderFindings()).
  std::vector<v1::Finding> findings;
};

// Opens `path` for reading records (standard input for "-", in
// `stdin_format`); a CSV ledger as `csv_table` (kAuto: from its name, else
// its headers).
absl::StatusOr<std::unique_ptr<RecordReader>> OpenInput(
    const std::string& path, FileFormat stdin_format,
    CsvTable csv_table = CsvTable::kAuto);

// Reads every record of `reader` (opened from `path`) and calls `fn` with each
// and its location; `fn` must not keep a reference to a record. Then adds the
// reader's own findings (dangjian::ReaderFindings()) to `read`. Returns OK
// even when the file was damaged part way (that is in `read->findings`); the
// error of `fn` when it fails.
absl::Status ReadRecords(RecordReader* reader, const std::string& path,
                         const std::function<absl::Status(
                             const v1::Record&, const v1::SourceLocation&)>& fn,
                         ShardRead* read);

// The format named by --from/--to ("djr", "jsonl", "json", "pb", "csv",
// "xlsx"), or InvalidArgument.
absl::StatusOr<FileFormat> FormatFromName(const std::string& name);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_INPUTS_H_
