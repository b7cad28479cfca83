#include "io/input.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"

namespace dangjian {
namespace internal {
namespace {

constexpr size_t kChunk = size_t{1} << 20;

std::string ErrnoText(int err) { return std::generic_category().message(err); }

}  // namespace

absl::Status OpenError(absl::string_view path, int err) {
  if (err == ENOENT) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file"));
  }
  return absl::UnavailableError(
      absl::StrCat(path, ": cannot open: ", ErrnoText(err)));
}

absl::StatusOr<std::unique_ptr<Input>> Input::OpenFile(absl::string_view path) {
  std::unique_ptr<Input> in(new Input());
  in->name_ = std::string(path);
  in->file_ = std::fopen(in->name_.c_str(), "rb");
  if (in->file_ == nullptr) return OpenError(path, errno);
  struct stat st;
  if (fstat(fileno(in->file_), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": is a directory, not a file"));
    }
    if (S_ISREG(st.st_mode)) in->size_ = st.st_size;
  }
  // new char[] leaves the bytes as they are: zeroing a megabyte per file
  // cost more than reading many a county's file.
  in->buffer_.reset(new char[kChunk]);
  in->capacity_ = kChunk;
  in->data_ = in->buffer_.get();
  return in;
}

std::unique_ptr<Input> Input::FromBuffer(absl::string_view data,
                                         absl::string_view name) {
  std::unique_ptr<Input> in(new Input());
  in->name_ = std::string(name);
  in->data_ = data.data();
  in->end_ = data.size();
  in->size_ = static_cast<int64_t>(data.size());
  in->eof_ = true;
  return in;
}

Input::~Input() {
  if (file_ != nullptr) std::fclose(file_);
}

size_t Input::Refill(size_t n) {
  // Move what is left to the front, grow when one request needs more.
  const size_t left = end_ - begin_;
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, left);
    begin_ = 0;
    end_ = left;
  }
  if (capacity_ < n) {
    const size_t grown = std::max(n, capacity_ * 2);
    std::unique_ptr<char[]> bigger(new char[grown]);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  }
  data_ = buffer_.get();
  while (end_ < n && !eof_) {
    const size_t got =
        std::fread(buffer_.get() + end_, 1, capacity_ - end_, file_);
    end_ += got;
    if (got == 0) {
      eof_ = true;
      if (std::ferror(file_)) {
        status_ = absl::DataLossError(
            absl::StrCat(name_, ": read error at byte offset ",
                         offset_ + end_ - begin_, ": ", ErrnoText(errno)));
      }
    }
  }
  return end_ - begin_;
}

absl::StatusOr<absl::string_view> Input::ReadAll(int64_t max_bytes,
                                                 absl::string_view what) {
  const size_t cap = max_bytes < 0 ? 0 : static_cast<size_t>(max_bytes);
  // A file's size is a hint (it may grow); a pipe's is unknown. One byte past
  // the cap tells "too large" from "exactly at the cap".
  size_t want = size_ >= 0 ? static_cast<size_t>(size_) + 1 : kChunk;
  for (;;) {
    want = std::min(want, cap + 1);
    const size_t n = Ensure(want);
    if (!status_.ok()) return status_;
    if (n > cap) {
      return absl::ResourceExhaustedError(absl::StrCat(
          name_, ": more than ", max_bytes, " bytes, the limit for ", what));
    }
    if (n < want) return absl::string_view(data(), n);
    want = n * 2;
  }
}

absl::StatusOr<std::unique_ptr<Output>> Output::CreateFile(
    absl::string_view path) {
  std::unique_ptr<Output> out(new Output());
  out->path_ = std::string(path);
  out->tmp_path_ = out->path_ + ".tmp";
  out->file_ = std::fopen(out->tmp_path_.c_str(), "wb");
  if (out->file_ == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        out->tmp_path_, ": cannot open for writing: ", ErrnoText(errno)));
  }
  return out;
}

std::unique_ptr<Output> Output::ToString(std::string* s) {
  std::unique_ptr<Output> out(new Output());
  out->path_ = "<string>";
  out->string_ = s;
  s->clear();
  return out;
}

Output::~Output() {
  if (file_ != nullptr) {
    std::fclose(file_);
    if (!finished_) std::remove(tmp_path_.c_str());
  }
}

absl::Status Output::Append(absl::string_view bytes) {
  if (!status_.ok()) return status_;
  if (finished_) {
    return absl::FailedPreconditionError(
        absl::StrCat(path_, ": already closed"));
  }
  if (string_ != nullptr) {
    string_->append(bytes.data(), bytes.size());
    return absl::OkStatus();
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    status_ = absl::UnavailableError(
        absl::StrCat(tmp_path_, ": write failed: ", ErrnoText(errno)));
  }
  return status_;
}

absl::Status Output::Finish() {
  if (!status_.ok()) return status_;
  if (finished_) {
    return absl::FailedPreconditionError(
        absl::StrCat(path_, ": already closed"));
  }
  finished_ = true;
  if (string_ != nullptr) return absl::OkStatus();
  const bool flushed = std::fflush(file_) == 0;
  const int err = errno;
  std::fclose(file_);
  file_ = nullptr;
  if (!flushed) {
    std::remove(tmp_path_.c_str());
    return status_ = absl::UnavailableError(
               absl::StrCat(tmp_path_, ": write failed: ", ErrnoText(err)));
  }
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    const int rerr = errno;
    std::remove(tmp_path_.c_str());
    return status_ = absl::UnavailableError(
               absl::StrCat(path_, ": cannot move ", tmp_path_,
                            " into place: ", ErrnoText(rerr)));
  }
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace dangjian
