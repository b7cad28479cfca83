// A whole Dataset as one file, binary protobuf (.pb) or protobuf's JSON
// mapping (.json): the one home of both, behind ReadDataset(),
// WriteDataset() and the dataset writer of CreateRecordWriter().
#ifndef DANGJIAN_SRC_IO_DATASET_FILES_H_
#define DANGJIAN_SRC_IO_DATASET_FILES_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangjian/io.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {
namespace internal {

// Writes `dataset` as binary protobuf by way of "<path>.tmp". Returns OK;
// InvalidArgument naming the field (a string not UTF-8) or when the dataset
// is empty (its file would be 0 bytes, which ReadBinaryDatasetFile()
// refuses); Unavailable when the file cannot be written.
absl::Status WriteBinaryDatasetFile(const v1::Dataset& dataset,
                                    absl::string_view path);

// Reads a binary Dataset, at most `max_bytes`. Returns it; NotFound;
// ResourceExhausted above `max_bytes`; DataLoss when the bytes are not a
// Dataset or there are none.
absl::StatusOr<v1::Dataset> ReadBinaryDatasetFile(absl::string_view path,
                                                  int64_t max_bytes);

// Writes `dataset` in protobuf's JSON mapping (DatasetToJson()) by way of
// "<path>.tmp". Returns OK, InvalidArgument (a string not UTF-8, naming the
// field) or Unavailable.
absl::Status WriteJsonDatasetFile(const v1::Dataset& dataset,
                                  absl::string_view path,
                                  const JsonWriteOptions& options);

// Reads a JSON Dataset (DatasetFromJson(); a UTF-8 byte order mark is
// skipped), at most `max_bytes`. Returns it, NotFound, ResourceExhausted, or
// InvalidArgument naming the file.
absl::StatusOr<v1::Dataset> ReadJsonDatasetFile(absl::string_view path,
                                                const JsonReadOptions& options,
                                                int64_t max_bytes);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_DATASET_FILES_H_
