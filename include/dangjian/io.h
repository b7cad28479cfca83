// Reading and writing a whole v1::Dataset: binary protobuf and protobuf's
// canonical JSON mapping; reading a partial report file.
//
// A Dataset holds a ledger in one message and suits small exchanges (a
// township, a county). Errors name the file and say what is wrong; personal
// data in them is masked.
#ifndef DANGJIAN_IO_H_
#define DANGJIAN_IO_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangjian/export.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {

// Options for reading a binary Dataset.
struct BinaryReadOptions {
  // Files larger than this are refused before reading, with ResourceExhausted.
  // Default: 1 GiB. protobuf cannot parse a message of 2 GiB or more in any
  // case.
  int64_t max_bytes = int64_t{1} << 30;
};

// Options for reading JSON.
struct JsonReadOptions {
  // Accept and drop fields the schema does not know. A misspelt field name is
  // then lost without a word, so the default refuses them. Default: false.
  bool ignore_unknown_fields = false;
};

// Options for writing JSON.
struct JsonWriteOptions {
  // Indent the output for people to read.
  // Default: false (one line).
  bool pretty = false;
  // Write fields left at their default (0, "", false) too.
  // Default: false (protobuf's canonical mapping omits them).
  bool include_default_values = false;
};

// Writes `dataset` to `path` as binary protobuf. The file is written beside its
// final name and renamed into place, so a reader never sees half a file.
//
// Example:
//   absl::Status s = dangjian::WriteDatasetFile(dataset, "county.pb");
//
// Returns OK; InvalidArgument naming the field when a string is not valid UTF-8
// (proto3 could not read the file back), or when the dataset is empty (no
// provenance, no records: 0 bytes, which ReadDatasetFile() refuses);
// Unavailable naming the path when the file cannot be written. Thread-safe for
// different paths.
DANGJIAN_EXPORT absl::Status WriteDatasetFile(const v1::Dataset& dataset,
                                              absl::string_view path);

// Reads a binary Dataset from `path`.
//
// Example:
//   absl::StatusOr<dangjian::v1::Dataset> d =
//       dangjian::ReadDatasetFile("county.pb");
//   if (!d.ok()) {
//     std::cerr << d.status() << "\n";
//     return 2;
//   }
//
// The file is read once, to its end: a pipe, a FIFO or standard input
// ("/dev/stdin") is read as a regular file is.
//
// Returns the dataset; NotFound when the file does not exist; ResourceExhausted
// when it is larger than options.max_bytes (checked while reading, so an
// endless input such as /dev/zero ends); DataLoss when its bytes are not a
// dangjian.v1.Dataset, or when it is empty (0 bytes: a failed export, not an
// empty Dataset, which WriteDatasetFile() writes with its provenance).
// Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<v1::Dataset> ReadDatasetFile(
    absl::string_view path, const BinaryReadOptions& options = {});

// Returns `dataset` in protobuf's canonical JSON mapping (field names in
// lowerCamelCase, enums by name, int64 as strings). Fails with InvalidArgument
// naming the field when a string is not valid UTF-8. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<std::string> DatasetToJson(
    const v1::Dataset& dataset, const JsonWriteOptions& options = {});

// Parses a Dataset from JSON in protobuf's JSON mapping (both lowerCamelCase
// and the original snake_case field names are accepted).
//
// Returns the dataset, or InvalidArgument with protobuf's description of the
// first error (personal data masked), including unknown fields unless
// options.ignore_unknown_fields. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<v1::Dataset> DatasetFromJson(
    absl::string_view json, const JsonReadOptions& options = {});

// Reads a partial report (v1::PartialReport, as `dangjian report --partial`
// writes it) from `path`: binary protobuf when the name ends in ".pb",
// protobuf's JSON mapping otherwise; "-" or "/dev/stdin" is standard input.
// The file is read once, to its end, at most 1 GiB.
//
// Example:
//   absl::StatusOr<dangjian::v1::PartialReport> county =
//       dangjian::ReadPartialReportFile("county.partial.json");
//   if (!county.ok()) return county.status();
//
// Only the encoding is checked here; MergePartialReports(),
// MergeAllPartialReports() and FinishReport() check what the partial says
// (its layout, counts and shards). Returns the partial report; NotFound when
// the file does not exist; ResourceExhausted above 1 GiB; DataLoss when a
// ".pb" file is not a PartialReport in binary protobuf; InvalidArgument when
// another is not one in JSON (binary data, unknown or repeated keys), or
// when the file holds an empty partial report (0 bytes or `{}`: the merge's
// identity in the library, but as a file the sign of a failed export). Errors
// name the file; personal data in them is masked. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<v1::PartialReport> ReadPartialReportFile(
    absl::string_view path);

}  // namespace dangjian

#endif  // DANGJIAN_IO_H_
