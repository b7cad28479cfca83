#include "cli/output.h"

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "dangjian/json_lines.h"
#include "dangjian/record_stream.h"

namespace dangjian {
namespace cli {

absl::Status WriteOutput(const std::string& path, const std::string& text) {
  const bool to_stdout = path.empty() || path == "-";
  std::FILE* f = to_stdout ? stdout : std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        path,
        ": cannot open for writing: ", std::generic_category().message(errno)));
  }
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const bool closed = to_stdout ? std::fflush(f) == 0 : std::fclose(f) == 0;
  if (!ok || !closed) {
    return absl::UnavailableError(absl::StrCat(
        to_stdout ? "standard output" : path,
        ": write failed: ", std::generic_category().message(errno)));
  }
  return absl::OkStatus();
}

namespace {

class StdoutRecordWriter : public RecordWriter {
 public:
  // Set inner() before use: it writes into buffer().
  std::string* buffer() { return &buffer_; }
  void set_inner(std::unique_ptr<RecordWriter> inner) {
    inner_ = std::move(inner);
  }

  absl::Status Write(const v1::Record& record) override {
    if (absl::Status s = inner_->Write(record); !s.ok()) return s;
    return buffer_.size() >= (1 << 20) ? Drain() : absl::OkStatus();
  }

  absl::Status Close() override {
    if (absl::Status s = inner_->Close(); !s.ok()) return s;
    if (absl::Status s = Drain(); !s.ok()) return s;
    if (std::fflush(stdout) != 0) return WriteError();
    return absl::OkStatus();
  }

 private:
  absl::Status Drain() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(),
                                        stdout) != buffer_.size()) {
      return WriteError();
    }
    buffer_.clear();
    return absl::OkStatus();
  }
  static absl::Status WriteError() {
    return absl::UnavailableError(
        absl::StrCat("standard output: write failed: ",
                     std::generic_category().message(errno)));
  }

  std::string buffer_;
  std::unique_ptr<RecordWriter> inner_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RecordWriter>> CreateStdoutRecordWriter(
    FileFormat format, const CreateOptions& options) {
  auto out = std::make_unique<StdoutRecordWriter>();
  if (format == FileFormat::kRecordStream) {
    auto w = RecordStreamWriter::ToString(out->buffer(), options.record_stream);
    if (!w.ok()) return w.status();
    out->set_inner(std::move(*w));
  } else if (format == FileFormat::kJsonLines) {
    out->set_inner(JsonLinesWriter::ToString(out->buffer()));
  } else {
    return absl::InvalidArgumentError(
        "standard output (-) takes a streaming format: give --to djr or "
        "--to jsonl (write .pb, .json and .csv to a file)");
  }
  return std::unique_ptr<RecordWriter>(std::move(out));
}

}  // namespace cli
}  // namespace dangjian
