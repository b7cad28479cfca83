// The messages of dangjian-mpi's ranks (src/mpi/): bytes of any length sent,
// received and broadcast over MPI without spinning (a waiting rank naps, so
// that it leaves the core to the ranks still working), and the packing of
// the numbers and strings they carry. Every function returns OK, or
// Internal with MPI's own words for what failed.
#ifndef DANGJIAN_SRC_MPI_MESSAGES_H_
#define DANGJIAN_SRC_MPI_MESSAGES_H_

#include <mpi.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/status.h"

namespace dangjian {
namespace mpi {

// A short sleep, longer the longer the wait has lasted (20 us to 1.3 ms):
// `*round` counts the naps of one wait, from 0.
void Nap(int* round);

// Internal: "MPI <what> failed: " and MPI's text for the error code `rc`.
absl::Status MpiFailed(int rc, const char* what);

// Waits for `request` to complete without spinning.
absl::Status Wait(MPI_Request* request, const char* what);

// Waits for a message from `source` with `tag` without spinning; its
// envelope goes to `status`.
absl::Status Probe(int source, int tag, MPI_Comm comm, MPI_Status* status);

// Receives the message `status` announced, whole, as bytes.
absl::Status ReceiveProbed(const MPI_Status& status, MPI_Comm comm,
                           std::string* bytes);

// Bytes of any length, as their length and then pieces of at most 1 GiB
// (an MPI count is an int), to `dest` with `tag`; messages between two
// ranks with one tag arrive in order, so ReceiveBytes() takes them whole.
absl::Status SendBytes(const std::string& bytes, int dest, int tag,
                       MPI_Comm comm);
absl::Status ReceiveBytes(int source, int tag, MPI_Comm comm,
                          std::string* bytes);

// Rank 0's bytes to every rank (a collective: every rank calls it).
absl::Status BroadcastBytes(MPI_Comm comm, std::string* bytes);

// A little-endian packing of integers, doubles and strings.
class Packer {
 public:
  void Int(int64_t v) { out_.append(reinterpret_cast<const char*>(&v), 8); }
  void Double(double v) { out_.append(reinterpret_cast<const char*>(&v), 8); }
  void Str(const std::string& s) {
    Int(static_cast<int64_t>(s.size()));
    out_ += s;
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class Unpacker {
 public:
  explicit Unpacker(const std::string& in) : in_(in) {}
  bool Int(int64_t* v) { return Take(v, 8); }
  bool Double(double* v) { return Take(v, 8); }
  bool Str(std::string* s) {
    int64_t n = 0;
    if (!Int(&n) || n < 0 || static_cast<uint64_t>(n) > in_.size() - at_) {
      return false;
    }
    s->assign(in_, at_, static_cast<size_t>(n));
    at_ += static_cast<size_t>(n);
    return true;
  }

 private:
  bool Take(void* v, size_t n) {
    if (in_.size() - at_ < n) return false;
    std::memcpy(v, in_.data() + at_, n);
    at_ += n;
    return true;
  }
  const std::string& in_;
  size_t at_ = 0;
};

}  // namespace mpi
}  // namespace dangjian

#endif  // DANGJIAN_SRC_MPI_MESSAGES_H_
