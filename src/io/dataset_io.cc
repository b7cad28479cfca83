#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/json_writer.h"
#include "core/utf8.h"
#include "core/wire_check.h"
#include "dangjian/io.h"
#include "dangjian/json_lines.h"
#include "dangjian/personal_data.h"
#include "google/protobuf/util/json_util.h"
#include "io/dataset_files.h"
#include "io/input.h"
#include "io/json_check.h"

namespace dangjian {
namespace {

std::string ErrnoText() { return std::generic_category().message(errno); }

// proto3 readers refuse strings that are not UTF-8, so such a dataset must not
// be written: it could never be read back.
absl::Status CheckUtf8(const v1::Dataset& dataset, absl::string_view what) {
  const std::string field = internal::FirstInvalidUtf8Field(dataset);
  if (field.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      what, ": field ", field,
      " is not valid UTF-8; convert the text to UTF-8 before storing it"));
}

// Parses binary `bytes` into `message`, checked strictly first: protobuf
// keeps a known field sent with the wrong wire type as an unknown field (its
// value lost without a word) and never says where bytes are bad. DataLoss
// "<what>: <the problem>" when they are not one.
absl::Status ParseBinary(absl::string_view bytes, absl::string_view what,
                         google::protobuf::Message* message) {
  int64_t bad_at = 0;
  std::string problem;
  if (!internal::CheckWireFormat(bytes, message->GetDescriptor(), &bad_at,
                                 &problem)) {
    return absl::DataLossError(MaskPersonalData(
        absl::StrCat(what, ": ", problem, " at byte offset ", bad_at)));
  }
  if (!message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat(
        what, ": the file is truncated, damaged or of another format"));
  }
  return absl::OkStatus();
}

// Parses JSON text into `message`, checked first (duplicate keys, numbers out
// of range, bad UTF-8: what protobuf's parser lets through). InvalidArgument
// "<what>: <the problem>" when it is not one, masked, control characters of
// protobuf's quote escaped.
absl::Status ParseJson(absl::string_view json,
                       const google::protobuf::util::JsonParseOptions& options,
                       absl::string_view what,
                       google::protobuf::Message* message) {
  int64_t offset = 0;
  std::string problem;
  if (!internal::CheckJsonText(json, &offset, &problem)) {
    return absl::InvalidArgumentError(MaskPersonalData(
        absl::StrCat(what, ": at byte offset ", offset, ": ", problem)));
  }
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message,
      options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(MaskPersonalData(absl::StrCat(
        what, ": ", internal::EscapeControls(status.message().as_string()))));
  }
  return absl::OkStatus();
}

}  // namespace

namespace internal {

absl::Status WriteBinaryDatasetFile(const v1::Dataset& dataset,
                                    absl::string_view path) {
  const std::string final_path(path);
  if (absl::Status s = CheckUtf8(dataset, final_path); !s.ok()) return s;
  if (dataset.ByteSizeLong() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        final_path,
        ": the dataset is empty (no provenance, no records): its file would "
        "be 0 bytes, which ReadDataset() refuses as a failed export; set "
        "its provenance"));
  }
  const std::string tmp_path = final_path + ".tmp";
  {
    std::ofstream out(tmp_path, std::ios::binary | std::ios::trunc);
    if (!out) {
      return absl::UnavailableError(
          absl::StrCat(tmp_path, ": cannot open for writing: ", ErrnoText()));
    }
    if (!dataset.SerializeToOstream(&out)) {
      std::remove(tmp_path.c_str());
      return absl::InternalError(absl::StrCat(
          tmp_path, ": cannot serialize the dataset (is it over 2 GiB?)"));
    }
    out.flush();
    if (!out) {
      const std::string why = ErrnoText();
      std::remove(tmp_path.c_str());
      return absl::UnavailableError(
          absl::StrCat(tmp_path, ": write failed: ", why));
    }
  }
  if (std::rename(tmp_path.c_str(), final_path.c_str()) != 0) {
    const std::string why = ErrnoText();
    std::remove(tmp_path.c_str());
    return absl::UnavailableError(absl::StrCat(final_path, ": cannot move ",
                                               tmp_path, " into place: ", why));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Dataset> ReadBinaryDatasetFile(absl::string_view path,
                                                  int64_t max_bytes) {
  const std::string p(path);
  auto in = internal::Input::OpenFile(p);
  if (!in.ok()) return in.status();
  absl::StatusOr<absl::string_view> read = (*in)->ReadAll(
      max_bytes,
      "a binary Dataset (OpenOptions::max_dataset_bytes, or the deprecated "
      "BinaryReadOptions::max_bytes); use a record stream for large data");
  if (!read.ok()) return read.status();
  const absl::string_view bytes = *read;
  const size_t size = bytes.size();
  // Zero bytes parse as an empty Dataset; an empty file is a failed export.
  if (bytes.empty()) {
    return absl::DataLossError(absl::StrCat(
        p,
        ": is empty (0 bytes), not a dangjian.v1.Dataset; a Dataset with "
        "no records is written with its provenance"));
  }
  v1::Dataset dataset;
  if (absl::Status s = ParseBinary(
          bytes,
          absl::StrCat(p,
                       ": not a valid dangjian.v1.Dataset in binary "
                       "protobuf (",
                       size, " bytes)"),
          &dataset);
      !s.ok()) {
    return s;
  }
  return dataset;
}

absl::Status WriteJsonDatasetFile(const v1::Dataset& dataset,
                                  absl::string_view path,
                                  const JsonWriteOptions& options) {
  absl::StatusOr<std::string> json = DatasetToJson(dataset, options);
  if (!json.ok()) {
    return absl::Status(json.status().code(),
                        absl::StrCat(path, ": ", json.status().message()));
  }
  json->push_back('\n');
  auto out = Output::CreateFile(path);
  if (!out.ok()) return out.status();
  if (absl::Status s = (*out)->Append(*json); !s.ok()) return s;
  return (*out)->Finish();
}

absl::StatusOr<v1::Dataset> ReadJsonDatasetFile(absl::string_view path,
                                                const JsonReadOptions& options,
                                                int64_t max_bytes) {
  auto in = Input::OpenFile(path);
  if (!in.ok()) return in.status();
  absl::StatusOr<absl::string_view> read =
      (*in)->ReadAll(max_bytes, "a JSON Dataset");
  if (!read.ok()) return read.status();
  absl::string_view text = *read;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  absl::StatusOr<v1::Dataset> d = DatasetFromJson(text, options);
  if (!d.ok()) {
    return absl::Status(d.status().code(),
                        absl::StrCat(path, ": ", d.status().message()));
  }
  return d;
}

}  // namespace internal

absl::StatusOr<std::string> DatasetToJson(const v1::Dataset& dataset,
                                          const JsonWriteOptions& options) {
  if (absl::Status s = CheckUtf8(dataset, "cannot write the dataset as JSON");
      !s.ok()) {
    return s;
  }
  std::string out;
  // protobuf's bytes, written directly (core/json_writer.h).
  if (internal::WriteJsonLikeProtobuf(dataset, options.pretty,
                                      options.include_default_values, &out)) {
    return out;
  }
  out.clear();
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = options.pretty;
  print.always_print_primitive_fields = options.include_default_values;
  print.preserve_proto_field_names = false;
  auto status =
      google::protobuf::util::MessageToJsonString(dataset, &out, print);
  if (!status.ok()) {
    return absl::InvalidArgumentError(MaskPersonalData(
        absl::StrCat("cannot write the dataset as JSON: ",
                     internal::EscapeControls(status.message().as_string()))));
  }
  return out;
}

absl::StatusOr<v1::Dataset> DatasetFromJson(StringArg json_arg,
                                            const JsonReadOptions& options) {
  const absl::string_view json = json_arg;
  google::protobuf::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = options.ignore_unknown_fields;
  v1::Dataset dataset;
  if (absl::Status s = ParseJson(
          json, parse, "not a valid dangjian.v1.Dataset in JSON", &dataset);
      !s.ok()) {
    return s;
  }
  // protobuf's lenient parser can leave the contents of an ignored key in
  // the message's unknown fields (a fuzzer found `"": [{"id": "r1"}]` kept as
  // field 7 of a venue): ignored means gone.
  if (options.ignore_unknown_fields) dataset.DiscardUnknownFields();
  return dataset;
}

absl::StatusOr<v1::PartialReport> ReadPartialReportFile(StringArg path_arg) {
  const absl::string_view path = path_arg;
  const std::string p(path == "-" ? "/dev/stdin" : path);
  const std::string name = MaskPersonalData(path);
  // The file's name may hold personal data (a unit keyed by its owner's
  // resident ID).
  auto masked = [](const absl::Status& st) {
    return absl::Status(st.code(), MaskPersonalData(st.message()));
  };
  auto in = internal::Input::OpenFile(p);
  if (!in.ok()) return masked(in.status());
  absl::StatusOr<absl::string_view> read =
      (*in)->ReadAll(int64_t{1} << 30, "a partial report");
  if (!read.ok()) return masked(read.status());
  const absl::string_view bytes = *read;
  const std::string empty = absl::StrCat(
      name,
      ": an empty partial report: not one that 'dangjian report --partial' "
      "writes (it holds the year, policy and layout at least)");
  v1::PartialReport partial;
  const bool binary = absl::EndsWith(path, ".pb");
  if (binary ? bytes.empty() : absl::StripAsciiWhitespace(bytes).empty()) {
    return absl::InvalidArgumentError(empty);
  }
  if (binary) {
    if (absl::Status s = ParseBinary(
            bytes,
            absl::StrCat(
                name, ": not a dangjian.v1.PartialReport in binary protobuf"),
            &partial);
        !s.ok()) {
      return s;
    }
  } else {
    // protobuf's JSON errors quote the bytes around the error: binary data
    // (a record stream, a .pb partial under another name) would reach the
    // terminal raw.
    const bool text = internal::IsValidUtf8(bytes) &&
                      std::none_of(bytes.begin(), bytes.end(), [](char c) {
                        return static_cast<unsigned char>(c) < 0x20 &&
                               c != '\t' && c != '\r' && c != '\n';
                      });
    if (!text) {
      return absl::InvalidArgumentError(absl::StrCat(
          name,
          ": not a dangjian.v1.PartialReport in JSON: not UTF-8 text without "
          "control characters (binary data? a binary partial report's name "
          "ends in .pb; a record stream is reported with 'dangjian report', "
          "not merged)"));
    }
    if (absl::Status s = ParseJson(
            bytes, google::protobuf::util::JsonParseOptions(),
            absl::StrCat(name, ": not a dangjian.v1.PartialReport in JSON"),
            &partial);
        !s.ok()) {
      return s;
    }
  }
  if (partial.ByteSizeLong() == 0) return absl::InvalidArgumentError(empty);
  return partial;
}

// The file functions of 0.2, deprecated for ReadDataset() and WriteDataset().
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

absl::Status WriteDatasetFile(const v1::Dataset& dataset, StringArg path) {
  return internal::WriteBinaryDatasetFile(dataset, path);
}

absl::StatusOr<v1::Dataset> ReadDatasetFile(StringArg path,
                                            const BinaryReadOptions& options) {
  return internal::ReadBinaryDatasetFile(path, options.max_bytes);
}

absl::Status WriteDatasetJsonFile(const v1::Dataset& dataset, StringArg path,
                                  const JsonWriteOptions& options) {
  return internal::WriteJsonDatasetFile(dataset, path, options);
}

absl::StatusOr<v1::Dataset> ReadDatasetJsonFile(StringArg path,
                                                const JsonReadOptions& options,
                                                int64_t max_bytes) {
  return internal::ReadJsonDatasetFile(path, options, max_bytes);
}
#pragma GCC diagnostic pop

}  // namespace dangjian
