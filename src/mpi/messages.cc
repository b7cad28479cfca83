// The messages of dangjian-mpi's ranks (messages.h).
#include "mpi/messages.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"

namespace dangjian {
namespace mpi {
namespace {

// Bytes of any length go as their length and then pieces of at most 1 GiB
// (an MPI count is an int).
constexpr int64_t kPiece = int64_t{1} << 30;

}  // namespace

void Nap(int* round) {
  const int shift = std::min(*round, 6);
  if (*round < 6) ++*round;
  std::this_thread::sleep_for(std::chrono::microseconds(20 << shift));
}

absl::Status MpiFailed(int rc, const char* what) {
  char text[MPI_MAX_ERROR_STRING] = {0};
  int len = 0;
  MPI_Error_string(rc, text, &len);
  return absl::InternalError(
      absl::StrCat("MPI ", what, " failed: ", std::string(text, len)));
}

absl::Status Wait(MPI_Request* request, const char* what) {
  int done = 0, round = 0;
  for (;;) {
    if (int rc = MPI_Test(request, &done, MPI_STATUS_IGNORE);
        rc != MPI_SUCCESS) {
      return MpiFailed(rc, what);
    }
    if (done) return absl::OkStatus();
    Nap(&round);
  }
}

absl::Status Probe(int source, int tag, MPI_Comm comm, MPI_Status* status) {
  int found = 0, round = 0;
  for (;;) {
    if (int rc = MPI_Iprobe(source, tag, comm, &found, status);
        rc != MPI_SUCCESS) {
      return MpiFailed(rc, "probe");
    }
    if (found) return absl::OkStatus();
    Nap(&round);
  }
}

absl::Status ReceiveProbed(const MPI_Status& status, MPI_Comm comm,
                           std::string* bytes) {
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  bytes->resize(static_cast<size_t>(count));
  if (int rc = MPI_Recv(bytes->data(), count, MPI_BYTE, status.MPI_SOURCE,
                        status.MPI_TAG, comm, MPI_STATUS_IGNORE);
      rc != MPI_SUCCESS) {
    return MpiFailed(rc, "receive");
  }
  return absl::OkStatus();
}

absl::Status SendBytes(const std::string& bytes, int dest, int tag,
                       MPI_Comm comm) {
  int64_t size = static_cast<int64_t>(bytes.size());
  MPI_Request request;
  if (int rc = MPI_Isend(&size, 1, MPI_INT64_T, dest, tag, comm, &request);
      rc != MPI_SUCCESS) {
    return MpiFailed(rc, "send");
  }
  if (absl::Status s = Wait(&request, "send"); !s.ok()) return s;
  for (int64_t at = 0; at < size; at += kPiece) {
    const int n = static_cast<int>(std::min(kPiece, size - at));
    if (int rc = MPI_Isend(bytes.data() + at, n, MPI_BYTE, dest, tag, comm,
                           &request);
        rc != MPI_SUCCESS) {
      return MpiFailed(rc, "send");
    }
    if (absl::Status s = Wait(&request, "send"); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ReceiveBytes(int source, int tag, MPI_Comm comm,
                          std::string* bytes) {
  MPI_Status status;
  if (absl::Status s = Probe(source, tag, comm, &status); !s.ok()) return s;
  int64_t size = 0;
  if (int rc =
          MPI_Recv(&size, 1, MPI_INT64_T, source, tag, comm, MPI_STATUS_IGNORE);
      rc != MPI_SUCCESS) {
    return MpiFailed(rc, "receive");
  }
  bytes->resize(static_cast<size_t>(size));
  for (int64_t at = 0; at < size; at += kPiece) {
    const int n = static_cast<int>(std::min(kPiece, size - at));
    MPI_Request request;
    if (int rc = MPI_Irecv(bytes->data() + at, n, MPI_BYTE, source, tag, comm,
                           &request);
        rc != MPI_SUCCESS) {
      return MpiFailed(rc, "receive");
    }
    if (absl::Status s = Wait(&request, "receive"); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status BroadcastBytes(MPI_Comm comm, std::string* bytes) {
  int64_t size = static_cast<int64_t>(bytes->size());
  MPI_Request request;
  if (int rc = MPI_Ibcast(&size, 1, MPI_INT64_T, 0, comm, &request);
      rc != MPI_SUCCESS) {
    return MpiFailed(rc, "broadcast");
  }
  if (absl::Status s = Wait(&request, "broadcast"); !s.ok()) return s;
  bytes->resize(static_cast<size_t>(size));
  for (int64_t at = 0; at < size; at += kPiece) {
    const int n = static_cast<int>(std::min(kPiece, size - at));
    if (int rc = MPI_Ibcast(bytes->data() + at, n, MPI_BYTE, 0, comm, &request);
        rc != MPI_SUCCESS) {
      return MpiFailed(rc, "broadcast");
    }
    if (absl::Status s = Wait(&request, "broadcast"); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace mpi
}  // namespace dangjian
