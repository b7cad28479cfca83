// Reading one file of a shard for the pipeline: opening it, and turning what
// the reader reports (CSV rows refused, a stream cut short) into findings.
#ifndef DANGJIAN_SRC_PIPELINE_SHARD_READ_H_
#define DANGJIAN_SRC_PIPELINE_SHARD_READ_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/record_io.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/validation.pb.h"

namespace dangjian {
namespace internal {

// What reading one file produced besides its records.
struct FileRead {
  int64_t records = 0;
  int64_t bytes = 0;
  // Problems of the file itself as findings: CSV rows skipped or cells
  // refused ("io.csv.row_skipped", "io.csv.cell"), subtotal rows passed
  // over ("io.csv.subtotal_row", a note), and a damaged stream ("io.read").
  std::vector<v1::Finding> findings;
  // Records lost to those problems, by reason, for the report's data quality.
  std::vector<std::pair<std::string, int64_t>> skipped;
  // Reading stopped before the end ("io.read"): the finding's message, and
  // the byte offset where it stopped (for readers other than record streams,
  // the start of the last record read).
  std::optional<std::string> stopped;
  int64_t stopped_at = 0;
};

// Opens `path` (standard input for "-", in `stdin_format`). A record
// stream's reader leaves the wire check of each record's bytes to the
// consumer of NextSerialized(), which checks as it decodes.
absl::StatusOr<std::unique_ptr<RecordReader>> OpenShardFile(
    const std::string& path, FileFormat stdin_format);

// The as-of date `reader`'s file declares (a record stream's header, a JSON
// Lines header line, a Dataset's provenance), or nullopt.
std::optional<v1::Date> HeaderAsOf(const RecordReader& reader);

// The "io.read" finding for bytes a consumer refused with `s` at `where`.
void RefusedBytes(const std::string& path, const v1::SourceLocation& where,
                  const absl::Status& s, FileRead* read);

// The findings of the reader itself (CSV cells and rows, a damaged stream),
// once it has stopped.
void ReaderFindings(const RecordReader& reader, const std::string& path,
                    FileRead* read);

// The size of `path` when it is a regular file, else 0.
int64_t RegularFileSize(const std::string& path);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_PIPELINE_SHARD_READ_H_
