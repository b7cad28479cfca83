#include "cli/output.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "dangjian/json_lines.h"
#include "dangjian/record_stream.h"

namespace dangjian {
namespace cli {

namespace {

std::string ErrnoText(int err) { return std::generic_category().message(err); }

// Writes what `produce` hands its writer to `f`, then closes or flushes it.
absl::Status WriteAll(std::FILE* f, const OutputProducer& produce, bool close,
                      const std::string& name) {
  absl::Status produced = produce([&](std::string_view piece) {
    if (std::fwrite(piece.data(), 1, piece.size(), f) == piece.size()) {
      return absl::OkStatus();
    }
    return absl::UnavailableError(
        absl::StrCat(name, ": write failed: ", ErrnoText(errno)));
  });
  const bool done = close ? std::fclose(f) == 0 : std::fflush(f) == 0;
  if (!produced.ok()) return produced;
  if (!done) {
    return absl::UnavailableError(
        absl::StrCat(name, ": write failed: ", ErrnoText(errno)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteOutput(const std::string& path, const std::string& text) {
  return WriteOutputPieces(
      path, [&](absl::FunctionRef<absl::Status(std::string_view)> write) {
        return write(text);
      });
}

absl::Status WriteOutputPieces(const std::string& path,
                               const OutputProducer& produce) {
  if (path.empty() || path == "-") {
    return WriteAll(stdout, produce, false, "standard output");
  }
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or a FIFO: written to, not replaced.
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      return absl::UnavailableError(
          absl::StrCat(path, ": cannot open for writing: ", ErrnoText(errno)));
    }
    return WriteAll(f, produce, true, path);
  }
  if (absl::Status s = MakeParentFolders(path); !s.ok()) return s;
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        path, ": cannot open ", tmp, " for writing: ", ErrnoText(errno)));
  }
  if (absl::Status s = WriteAll(f, produce, true, path); !s.ok()) {
    std::remove(tmp.c_str());
    return s;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = ErrnoText(errno);
    std::remove(tmp.c_str());
    return absl::UnavailableError(
        absl::StrCat(path, ": cannot move ", tmp, " into place: ", why));
  }
  return absl::OkStatus();
}

int MakeFolders(const std::string& dir) {
  struct stat st;
  if (stat(dir.c_str(), &st) == 0) return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
  const size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    if (int e = MakeFolders(dir.substr(0, slash)); e != 0) return e;
  }
  if (mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) return errno;
  return 0;
}

absl::Status MakeParentFolders(const std::string& path) {
  if (path.empty() || path == "-") return absl::OkStatus();
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return absl::OkStatus();
  const std::string dir = path.substr(0, slash);
  if (int e = MakeFolders(dir); e != 0) {
    return absl::UnavailableError(
        absl::StrCat(dir, ": cannot create the folder: ", ErrnoText(e)));
  }
  return absl::OkStatus();
}

absl::Status CheckOutputIsNoInput(const std::string& output,
                                  const std::vector<std::string>& inputs) {
  if (output.empty() || output == "-") return absl::OkStatus();
  struct stat out;
  if (stat(output.c_str(), &out) != 0 || !S_ISREG(out.st_mode)) {
    return absl::OkStatus();
  }
  for (const std::string& input : inputs) {
    struct stat in;
    if (input == "-" || stat(input.c_str(), &in) != 0) continue;
    if (in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the output ", output, " is the input ", input,
          "; writing it would destroy the input: write somewhere else"));
    }
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
    auto w = JsonLinesWriter::ToString(out->buffer());
    if (!w.ok()) return w.status();
    out->set_inner(std::move(*w));
  } else {
    return absl::InvalidArgumentError(
        "standard output (-) takes a streaming format: give --to djr or "
        "--to jsonl (write .pb, .json and .csv to a file)");
  }
  return std::unique_ptr<RecordWriter>(std::move(out));
}

FlagSpec LangFlag() {
  return {"lang", 0, true, "LANG", "labels and messages in zh or en", "zh"};
}

absl::StatusOr<ReportLanguage> LanguageFromArgs(const Args& args) {
  const std::string lang = args.Get("lang");
  if (lang == "zh") return ReportLanguage::kChinese;
  if (lang == "en") return ReportLanguage::kEnglish;
  return absl::InvalidArgumentError("--lang is zh or en");
}

}  // namespace cli
}  // namespace dangjian
