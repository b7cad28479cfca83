// Buffered input over a file or a buffer in memory, and output to a file
// renamed into place or to a string (internal).
#ifndef DANGJIAN_SRC_IO_INPUT_H_
#define DANGJIAN_SRC_IO_INPUT_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace dangjian {
namespace internal {

// A window onto the input that grows on demand: constant memory for a file
// (one buffer, grown only to the largest single request), no copy for a buffer.
class Input {
 public:
  // Opens `path`; NotFound or Unavailable naming it.
  static absl::StatusOr<std::unique_ptr<Input>> OpenFile(
      absl::string_view path);
  // REQUIRES: `data` outlives the Input.
  static std::unique_ptr<Input> FromBuffer(absl::string_view data,
                                           absl::string_view name);

  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;
  ~Input();

  // Makes at least `n` bytes available from the current position, or all that
  // remain before the end. Returns the count available. A read error sets
  // status() and ends the input.
  size_t Ensure(size_t n) {
    if (end_ - begin_ >= n || eof_) return end_ - begin_;
    return Refill(n);
  }
  // The bytes available from the current position.
  const char* data() const { return data_ + begin_; }
  size_t available() const { return end_ - begin_; }
  // Consumes `n` available bytes.
  void Skip(size_t n) {
    begin_ += n;
    offset_ += static_cast<int64_t>(n);
  }
  // Absolute offset of the current position.
  int64_t offset() const { return offset_; }
  // Total size of the input in bytes, or -1 when unknown.
  int64_t size() const { return size_; }
  // True when Ensure(n) may move the bytes already consumed (and so the
  // pointers into them) to read more.
  bool WouldMove(size_t n) const { return end_ - begin_ < n && !eof_; }
  // True when nothing remains.
  bool AtEnd() { return Ensure(1) == 0; }
  // Reads everything that remains, once, whatever the input is (a file, a
  // pipe, a FIFO, a growing file: read to its end as it is then), and returns
  // a view of it, valid until the Input changes. ResourceExhausted naming the
  // input and `what` (e.g. "a policy") when more than `max_bytes` remain,
  // without reading much past the limit (so /dev/zero ends); DataLoss on a
  // read error.
  absl::StatusOr<absl::string_view> ReadAll(int64_t max_bytes,
                                            absl::string_view what);
  const std::string& name() const { return name_; }
  const absl::Status& status() const { return status_; }

 private:
  Input() = default;
  // Ensure() when the bytes at hand are too few: reads more.
  size_t Refill(size_t n);

  std::string name_;
  std::FILE* file_ = nullptr;
  // Owned bytes for a file, not zeroed: each Ensure() fills what it reads.
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  const char* data_ = nullptr;  // buffer_.get() or the caller's buffer.
  size_t begin_ = 0;
  size_t end_ = 0;
  int64_t offset_ = 0;
  int64_t size_ = -1;
  bool eof_ = false;
  absl::Status status_;
};

// Output to "<path>.tmp", renamed to `path` by Finish(); or to a string.
class Output {
 public:
  static absl::StatusOr<std::unique_ptr<Output>> CreateFile(
      absl::string_view path);
  // REQUIRES: out != nullptr and outlives the Output.
  static std::unique_ptr<Output> ToString(std::string* out);

  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  // Removes the temporary file unless Finish() succeeded.
  ~Output();

  absl::Status Append(absl::string_view bytes);
  // Flushes and renames into place.
  absl::Status Finish();
  const std::string& path() const { return path_; }

 private:
  Output() = default;

  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
  std::string* string_ = nullptr;
  bool finished_ = false;
  absl::Status status_;
};

// "NotFound"/"Unavailable" status for a failed open of `path`, from errno.
absl::Status OpenError(absl::string_view path, int err);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_INPUT_H_
