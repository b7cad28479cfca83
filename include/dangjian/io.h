// A whole v1::Dataset in memory as protobuf's canonical JSON mapping, and
// its options; reading a partial report file.
//
// A Dataset holds a ledger in one message and suits small exchanges (a
// township, a county). Files of every format, a Dataset's among them, are
// read and written by dangjian/record_io.h: ReadDataset(), WriteDataset(),
// OpenRecordReader(), CreateRecordWriter(). Errors name the file and say what
// is wrong; personal data in them is masked.
#ifndef DANGJIAN_IO_H_
#define DANGJIAN_IO_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/export.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {

// Options for reading a binary Dataset with the deprecated ReadDatasetFile().
// Deprecated since 0.3, with it: OpenOptions::max_dataset_bytes caps a
// Dataset read by ReadDataset().
struct [[deprecated(
    "use dangjian::OpenOptions::max_dataset_bytes")]] BinaryReadOptions {
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

// Deprecated since 0.3 (removed in a later minor release): WriteDataset()
// (dangjian/record_io.h) writes a Dataset as .pb, .json, .djr or .jsonl,
// binary protobuf for ".pb". Writes `dataset` to `path` as binary protobuf, as
// WriteDataset() does; fails as it does.
[[deprecated(
    "use dangjian::WriteDataset() (dangjian/record_io.h)")]] DANGJIAN_EXPORT
    absl::Status
    WriteDatasetFile(const v1::Dataset& dataset, StringArg path);

// Deprecated since 0.3 (removed in a later minor release): ReadDataset()
// (dangjian/record_io.h) reads a Dataset from every format, binary protobuf
// for ".pb" (OpenOptions::max_dataset_bytes for options.max_bytes). Reads a
// binary Dataset from `path`, as ReadDataset() does; fails as it does.
[[deprecated(
    "use dangjian::ReadDataset() (dangjian/record_io.h)")]] DANGJIAN_EXPORT
    absl::StatusOr<v1::Dataset>
    ReadDatasetFile(StringArg path, const BinaryReadOptions& options = {});

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
    StringArg json, const JsonReadOptions& options = {});

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
    StringArg path);

}  // namespace dangjian

#endif  // DANGJIAN_IO_H_
