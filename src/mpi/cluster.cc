#include "mpi/cluster.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <numeric>
#include <system_error>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "dangjian/aggregate.h"
#include "dangjian/personal_data.h"
#include "mpi/messages.h"

namespace dangjian {
namespace mpi {
namespace {

constexpr int kTagDispatch = 101;  // To rank 0: a request or a progress note.
constexpr int kTagWork = 102;      // From rank 0: a chunk, or the end.
constexpr int kTagTree = 103;      // A rank's result, up the tree.

// What a rank tells the dispatcher.
enum Kind : int64_t { kAsk = 0, kFailed = 1, kProgress = 2 };
// What the dispatcher answers a request with.
enum Code : int32_t { kChunk = 0, kDone = 1, kStop = 2 };

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

// The most a serialized protobuf message may hold.
constexpr size_t kMaxPartialBytes = 0x7fffffff;

// A subtree's result, on its way up the tree.
struct Summary {
  // The first failure in the subtree: status code and message; OK if none.
  absl::Status failure;
  // Whether `run.partial` holds the subtree's partial.
  bool has_partial = false;
  // The subtree's partial, counts and ranks.
  ClusterResult run;
};

std::string Encode(const Summary& s) {
  Packer p;
  p.Int(static_cast<int64_t>(s.failure.code()));
  p.Str(std::string(s.failure.message()));
  p.Int(s.run.error_findings);
  p.Int(s.run.damaged_shards);
  p.Int(s.run.records);
  p.Int(s.run.bytes);
  p.Int(static_cast<int64_t>(s.run.ranks.size()));
  for (const RankStats& r : s.run.ranks) {
    p.Int(r.rank);
    p.Int(r.threads);
    p.Int(r.chunks);
    p.Int(r.shards);
    p.Int(r.records);
    p.Int(r.bytes);
    p.Double(r.busy_seconds);
    p.Double(r.seconds);
    p.Int(r.peak_rss_bytes);
  }
  p.Int(s.has_partial);
  if (s.has_partial) p.Str(s.run.partial.SerializeAsString());
  return std::move(p.bytes());
}

absl::StatusOr<Summary> Decode(const std::string& bytes, int from) {
  Summary s;
  Unpacker u(bytes);
  int64_t code = 0, n = 0, has_partial = 0;
  std::string message, partial;
  bool ok = u.Int(&code) && u.Str(&message) && u.Int(&s.run.error_findings) &&
            u.Int(&s.run.damaged_shards) && u.Int(&s.run.records) &&
            u.Int(&s.run.bytes) && u.Int(&n) && n >= 0 &&
            n <= (int64_t{1} << 24);
  for (int64_t i = 0; ok && i < n; ++i) {
    RankStats& r = s.run.ranks.emplace_back();
    int64_t rank = 0, threads = 0;
    ok = u.Int(&rank) && u.Int(&threads) && u.Int(&r.chunks) &&
         u.Int(&r.shards) && u.Int(&r.records) && u.Int(&r.bytes) &&
         u.Double(&r.busy_seconds) && u.Double(&r.seconds) &&
         u.Int(&r.peak_rss_bytes);
    r.rank = static_cast<int>(rank);
    r.threads = static_cast<int>(threads);
  }
  ok = ok && u.Int(&has_partial);
  if (ok && has_partial) {
    ok = u.Str(&partial) && s.run.partial.ParseFromString(partial);
    s.has_partial = true;
  }
  if (!ok) {
    return absl::InternalError(
        absl::StrCat("the result sent by rank ", from, " is malformed"));
  }
  if (code != 0) {
    s.failure = absl::Status(static_cast<absl::StatusCode>(code), message);
  }
  return s;
}

// Adds a child's result to `into` (rank `rank`'s): the first failure stays,
// partials merge.
void Absorb(int rank, Summary child, Summary* into) {
  if (into->failure.ok() && !child.failure.ok()) into->failure = child.failure;
  into->run.error_findings += child.run.error_findings;
  into->run.damaged_shards += child.run.damaged_shards;
  into->run.records += child.run.records;
  into->run.bytes += child.run.bytes;
  for (RankStats& r : child.run.ranks) into->run.ranks.push_back(r);
  if (!into->failure.ok() || !child.has_partial) return;
  if (!into->has_partial) {
    into->run.partial = std::move(child.run.partial);
    into->has_partial = true;
    return;
  }
  absl::StatusOr<v1::PartialReport> merged =
      MergePartialReports(into->run.partial, child.run.partial);
  if (!merged.ok()) {
    into->failure = absl::Status(
        merged.status().code(),
        absl::StrCat("rank ", rank, ", merging the partial reports of ranks: ",
                     merged.status().message()));
    return;
  }
  into->run.partial = *std::move(merged);
}

int64_t PeakRssBytes() {
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;
}

// What a rank was doing, written by the signal handler of a rank that dies.
char crash_note[4096];
std::atomic<size_t> crash_note_size{0};

void SetCrashNote(const std::string& note) {
  crash_note_size = 0;
  const size_t n = std::min(note.size(), sizeof(crash_note));
  std::memcpy(crash_note, note.data(), n);
  crash_note_size = n;
}

constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
constexpr size_t kFatalCount = sizeof(kFatalSignals) / sizeof(int);
struct sigaction previous_actions[kFatalCount];

extern "C" void OnFatalSignal(int sig) {
  // Only async-signal-safe calls: write(), sigaction() and raise().
  const size_t n = crash_note_size;
  char tail[32] = " (signal ";
  size_t t = std::strlen(tail);
  char digits[12];
  size_t d = 0;
  for (int v = sig; v > 0 && d < sizeof(digits); v /= 10) {
    digits[d++] = static_cast<char>('0' + v % 10);
  }
  while (d > 0 && t < sizeof(tail) - 3) tail[t++] = digits[--d];
  tail[t++] = ')';
  tail[t++] = '\n';
  if (n > 0) {
    ssize_t ignored = write(STDERR_FILENO, crash_note, n);
    ignored = write(STDERR_FILENO, tail, t);
    (void)ignored;
  }
  // Then what was there before (Open MPI's backtrace, or the default).
  for (size_t i = 0; i < kFatalCount; ++i) {
    if (kFatalSignals[i] == sig) sigaction(sig, &previous_actions[i], nullptr);
  }
  raise(sig);
}

// Ends the whole job for a fault of the ranks' own talk (not of the data):
// a message that does not parse, a failed MPI call. No rank would otherwise
// know to stop waiting.
[[noreturn]] void AbortJob(MPI_Comm comm, const absl::Status& why) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::fprintf(stderr, "dangjian-mpi: rank %d: %s; ending the job\n", rank,
               MaskPersonalData(why.message()).c_str());
  std::fflush(stderr);
  MPI_Abort(comm, 2);
  std::abort();
}

}  // namespace

void NameRankOnFatalSignals() {
  struct sigaction action;
  std::memset(&action, 0, sizeof(action));
  action.sa_handler = OnFatalSignal;
  sigemptyset(&action.sa_mask);
  for (size_t i = 0; i < kFatalCount; ++i) {
    sigaction(kFatalSignals[i], &action, &previous_actions[i]);
  }
}

namespace {

// One request's answer.
struct Chunk {
  Code code = kDone;
  std::vector<int32_t> shards;  // Indices into the shard list.
};

// Rank 0's handing out of the shards, largest first.
class Dispatcher {
 public:
  Dispatcher(MPI_Comm comm, int ranks, const std::vector<ShardFiles>& shards,
             int64_t threads_in_job, const ClusterOptions& options)
      : comm_(comm),
        ranks_(ranks),
        threads_in_job_(std::max<int64_t>(1, threads_in_job)),
        options_(options),
        records_(static_cast<size_t>(ranks), 0),
        bytes_(static_cast<size_t>(ranks), 0) {
    sizes_.resize(shards.size());
    for (size_t i = 0; i < shards.size(); ++i) {
      sizes_[i] = ShardBytes(shards[i]);
      total_bytes_ += sizes_[i];
    }
    left_bytes_ = total_bytes_;
    order_.resize(shards.size());
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(), [&](int32_t a, int32_t b) {
      return sizes_[a] > sizes_[b];
    });
  }

  // Rank 0's own requests, from its main thread.
  Chunk TakeLocal(int threads, int64_t shards_done) {
    std::lock_guard<std::mutex> lock(mu_);
    shards_done_ += shards_done;
    return TakeLocked(threads);
  }
  void FailLocal(absl::Status failure) {
    std::lock_guard<std::mutex> lock(mu_);
    if (failure_.ok()) failure_ = std::move(failure);
    stopped_ = true;
  }
  void ProgressLocal(int64_t records, int64_t bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    records_[0] = records;
    bytes_[0] = bytes;
  }
  void LocalDone(int64_t shards_done) {
    std::lock_guard<std::mutex> lock(mu_);
    shards_done_ += shards_done;
    local_done_ = true;
  }
  absl::Status failure() {
    std::lock_guard<std::mutex> lock(mu_);
    return failure_;
  }

  // The dispatcher thread: answers every other rank until each has had its
  // last answer and rank 0 is done too, and calls the progress callback.
  absl::Status Serve() {
    const auto start = std::chrono::steady_clock::now();
    double next_progress = options_.progress_seconds;
    int open = ranks_ - 1, round = 0;
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (open == 0 && local_done_) break;
      }
      int found = 0;
      MPI_Status status;
      if (int rc =
              MPI_Iprobe(MPI_ANY_SOURCE, kTagDispatch, comm_, &found, &status);
          rc != MPI_SUCCESS) {
        return MpiFailed(rc, "probe");
      }
      if (found) {
        round = 0;
        std::string message;
        if (absl::Status s = ReceiveProbed(status, comm_, &message); !s.ok())
          return s;
        absl::StatusOr<bool> last = Answer(status.MPI_SOURCE, message);
        if (!last.ok()) return last.status();
        open -= *last;
      }
      if (options_.progress && Seconds(start) >= next_progress) {
        next_progress = Seconds(start) + options_.progress_seconds;
        ClusterProgress p;
        {
          std::lock_guard<std::mutex> lock(mu_);
          p.shards_done = shards_done_;
          p.shards_total = static_cast<int64_t>(sizes_.size());
          for (int64_t r : records_) p.records += r;
          for (int64_t b : bytes_) p.bytes += b;
        }
        p.total_bytes = total_bytes_;
        p.seconds = Seconds(start);
        options_.progress(p);
      }
      if (found) continue;
      Nap(&round);
    }
    return absl::OkStatus();
  }

 private:
  // Answers one message from rank `from`; true when it was that rank's last.
  absl::StatusOr<bool> Answer(int from, const std::string& message) {
    Unpacker u(message);
    int64_t kind = 0, threads = 0, shards_done = 0, records = 0, bytes = 0;
    std::string text;
    if (!u.Int(&kind) || !u.Int(&threads) || !u.Int(&shards_done) ||
        !u.Int(&records) || !u.Int(&bytes) || !u.Str(&text)) {
      return absl::InternalError(
          absl::StrCat("rank ", from, " sent a malformed request"));
    }
    Chunk chunk;
    {
      std::lock_guard<std::mutex> lock(mu_);
      records_[static_cast<size_t>(from)] = records;
      bytes_[static_cast<size_t>(from)] = bytes;
      if (kind == kProgress) return false;
      shards_done_ += shards_done;
      if (kind == kFailed) {
        int64_t code = 0;
        std::string why;
        Unpacker f(text);
        if (!f.Int(&code) || !f.Str(&why) || code == 0) {
          code = static_cast<int64_t>(absl::StatusCode::kInternal);
          why = absl::StrCat("rank ", from, " failed");
        }
        if (failure_.ok()) {
          failure_ = absl::Status(static_cast<absl::StatusCode>(code), why);
        }
        stopped_ = true;
        chunk.code = kStop;
      } else {
        chunk = TakeLocked(static_cast<int>(threads));
      }
    }
    std::vector<int32_t> answer;
    answer.reserve(chunk.shards.size() + 1);
    answer.push_back(chunk.code);
    answer.insert(answer.end(), chunk.shards.begin(), chunk.shards.end());
    if (int rc = MPI_Send(answer.data(), static_cast<int>(answer.size()),
                          MPI_INT32_T, from, kTagWork, comm_);
        rc != MPI_SUCCESS) {
      return MpiFailed(rc, "send");
    }
    return chunk.code != kChunk;
  }

  // At least one shard per thread of the asking rank, then shards up to a
  // share of the bytes left (guided self-scheduling by bytes).
  Chunk TakeLocked(int threads) {
    Chunk chunk;
    if (stopped_) {
      chunk.code = failure_.ok() ? kDone : kStop;
      return chunk;
    }
    const int64_t share = left_bytes_ / (2 * threads_in_job_);
    int64_t taken = 0;
    while (next_ < order_.size()) {
      const int32_t i = order_[next_];
      const bool wanted =
          static_cast<int>(chunk.shards.size()) < std::max(1, threads) ||
          taken + sizes_[static_cast<size_t>(i)] <= share;
      if (!wanted) break;
      chunk.shards.push_back(i);
      taken += sizes_[static_cast<size_t>(i)];
      ++next_;
    }
    left_bytes_ -= taken;
    chunk.code = chunk.shards.empty() ? kDone : kChunk;
    return chunk;
  }

  MPI_Comm comm_;
  int ranks_;
  int64_t threads_in_job_;
  const ClusterOptions& options_;
  std::vector<int64_t> sizes_;
  std::vector<int32_t> order_;
  int64_t total_bytes_ = 0;

  std::mutex mu_;
  size_t next_ = 0;
  int64_t left_bytes_ = 0;
  int64_t shards_done_ = 0;
  bool stopped_ = false;
  bool local_done_ = false;
  absl::Status failure_;
  std::vector<int64_t> records_, bytes_;  // The latest of each rank.
};

std::string DispatchMessage(Kind kind, int threads, int64_t shards_done,
                            int64_t records, int64_t bytes,
                            const absl::Status& failure) {
  Packer p;
  p.Int(kind);
  p.Int(threads);
  p.Int(shards_done);
  p.Int(records);
  p.Int(bytes);
  Packer f;
  if (!failure.ok()) {
    f.Int(static_cast<int64_t>(failure.code()));
    f.Str(std::string(failure.message()));
  }
  p.Str(f.bytes());
  return std::move(p.bytes());
}

// A rank other than 0 asks for its next chunk (or says it failed).
absl::StatusOr<Chunk> Ask(MPI_Comm comm, const std::string& message) {
  if (int rc = MPI_Send(message.data(), static_cast<int>(message.size()),
                        MPI_BYTE, 0, kTagDispatch, comm);
      rc != MPI_SUCCESS) {
    return MpiFailed(rc, "send");
  }
  MPI_Status status;
  if (absl::Status s = Probe(0, kTagWork, comm, &status); !s.ok()) return s;
  int count = 0;
  MPI_Get_count(&status, MPI_INT32_T, &count);
  std::vector<int32_t> answer(static_cast<size_t>(std::max(count, 1)));
  if (int rc = MPI_Recv(answer.data(), count, MPI_INT32_T, 0, kTagWork, comm,
                        MPI_STATUS_IGNORE);
      rc != MPI_SUCCESS) {
    return MpiFailed(rc, "receive");
  }
  if (count < 1) return absl::InternalError("rank 0 sent an empty answer");
  Chunk chunk;
  chunk.code = static_cast<Code>(answer[0]);
  chunk.shards.assign(answer.begin() + 1, answer.begin() + count);
  return chunk;
}

// The cores this rank may run on (its affinity: all of them, or the core or
// socket mpirun bound it to, or a container's share), shared with the ranks
// on its machine whose affinity overlaps it. A collective: every rank calls
// it.
int ThreadsPerRank(MPI_Comm comm, int32_t asked) {
  cpu_set_t mine;
  CPU_ZERO(&mine);
  if (sched_getaffinity(0, sizeof(mine), &mine) != 0) {
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    for (int c = 0; c < std::max(1, cores) && c < CPU_SETSIZE; ++c) {
      CPU_SET(c, &mine);
    }
  }
  MPI_Comm local;
  int sharing = 1;
  if (MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL,
                          &local) == MPI_SUCCESS) {
    int on_machine = 1;
    MPI_Comm_size(local, &on_machine);
    std::vector<cpu_set_t> all(static_cast<size_t>(on_machine));
    if (MPI_Allgather(&mine, sizeof(mine), MPI_BYTE, all.data(), sizeof(mine),
                      MPI_BYTE, local) == MPI_SUCCESS) {
      sharing = 0;
      for (cpu_set_t& other : all) {
        cpu_set_t both;
        CPU_AND(&both, &mine, &other);
        sharing += CPU_COUNT(&both) > 0;
      }
    }
    MPI_Comm_free(&local);
  }
  if (asked > 0) return asked;
  return std::clamp(CPU_COUNT(&mine) / std::max(1, sharing), 1, 256);
}

}  // namespace

int64_t ShardBytes(const ShardFiles& shard) {
  int64_t bytes = 0;
  for (const std::string& f : shard) {
    struct stat st;
    if (stat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode)) bytes += st.st_size;
  }
  return bytes;
}

absl::Status ShareWorkingDirectory(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::string dir;
  if (rank == 0) {
    char buffer[PATH_MAX];
    if (getcwd(buffer, sizeof(buffer)) != nullptr) dir = buffer;
  }
  if (absl::Status s = BroadcastBytes(comm, &dir); !s.ok()) AbortJob(comm, s);
  if (dir.empty()) {
    return absl::UnavailableError("rank 0 cannot name its working directory");
  }
  if (rank != 0 && chdir(dir.c_str()) != 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot enter ", dir,
        " (rank 0's working directory, where relative paths start): ",
        std::generic_category().message(errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ShardFiles>> BroadcastShards(
    MPI_Comm comm, const absl::StatusOr<std::vector<ShardFiles>>& shards) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::string bytes;
  if (rank == 0) {
    Packer p;
    p.Int(static_cast<int64_t>(shards.status().code()));
    p.Str(std::string(shards.status().message()));
    if (shards.ok()) {
      p.Int(static_cast<int64_t>(shards->size()));
      for (const ShardFiles& s : *shards) {
        p.Int(static_cast<int64_t>(s.size()));
        for (const std::string& f : s) p.Str(f);
      }
    }
    bytes = std::move(p.bytes());
  }
  if (absl::Status s = BroadcastBytes(comm, &bytes); !s.ok()) {
    AbortJob(comm, s);
  }
  Unpacker u(bytes);
  int64_t code = 0, n = 0;
  std::string message;
  if (!u.Int(&code) || !u.Str(&message)) {
    AbortJob(comm,
             absl::InternalError("the shard list from rank 0 is malformed"));
  }
  if (code != 0) {
    return absl::Status(static_cast<absl::StatusCode>(code), message);
  }
  std::vector<ShardFiles> out;
  bool ok = u.Int(&n) && n >= 0;
  for (int64_t i = 0; ok && i < n; ++i) {
    int64_t files = 0;
    ok = u.Int(&files) && files > 0;
    ShardFiles& shard = out.emplace_back();
    for (int64_t j = 0; ok && j < files; ++j) {
      ok = u.Str(&shard.emplace_back());
    }
  }
  if (!ok)
    return absl::InternalError("the shard list from rank 0 is malformed");
  return out;
}

namespace {

// The threads of every rank, summed over the job (each rank gives its own).
int64_t JobThreads(MPI_Comm comm, int threads) {
  int64_t mine_threads = threads, job_threads = 0;
  if (int rc = MPI_Allreduce(&mine_threads, &job_threads, 1, MPI_INT64_T,
                             MPI_SUM, comm);
      rc != MPI_SUCCESS) {
    AbortJob(comm, MpiFailed(rc, "allreduce"));
  }
  return job_threads;
}

// The shards of `chunk`, checked against the list; the crash note names
// them, for a rank that dies on them.
std::vector<ShardFiles> ChunkShards(MPI_Comm comm, int rank, const Chunk& chunk,
                                    const std::vector<ShardFiles>& shards) {
  std::vector<ShardFiles> work;
  work.reserve(chunk.shards.size());
  std::string note =
      absl::StrCat("dangjian-mpi: rank ", rank, " died while on shards:");
  for (int32_t i : chunk.shards) {
    if (i < 0 || static_cast<size_t>(i) >= shards.size()) {
      AbortJob(comm, absl::InternalError("rank 0 sent a shard out of range"));
    }
    work.push_back(shards[static_cast<size_t>(i)]);
    if (note.size() < 2048) {
      absl::StrAppend(&note, " ", MaskPersonalData(work.back().front()));
    }
  }
  SetCrashNote(note);
  return work;
}

// Up the binomial tree of ranks, each rank's summary (a failure
// included) merged into `*mine`; on rank 0, the whole job's.
void ReduceUpTheTree(MPI_Comm comm, int rank, int ranks, Summary* mine_out) {
  Summary& mine = *mine_out;
  // Up the binomial tree: rank r takes the results of r + 1, r + 2, r + 4,
  // ... while r has that bit clear, then hands its own (a failure included)
  // to r - 2^k. Every rank but 0 sends exactly once.
  for (int step = 1; step < ranks; step <<= 1) {
    if (rank & step) {
      if (mine.has_partial &&
          mine.run.partial.ByteSizeLong() > kMaxPartialBytes) {
        mine.failure = absl::ResourceExhaustedError(absl::StrCat(
            "rank ", rank, ": the partial report of its ranks is ",
            mine.run.partial.ByteSizeLong(),
            " bytes, over the 2 GiB a protobuf message can hold; group by a "
            "coarser tier or lower --worklist-cap"));
        mine.run.partial.Clear();
        mine.has_partial = false;
      }
      if (absl::Status s = SendBytes(Encode(mine), rank - step, kTagTree, comm);
          !s.ok()) {
        AbortJob(comm, s);
      }
      break;
    }
    if (rank + step >= ranks) continue;
    std::string bytes;
    if (absl::Status s = ReceiveBytes(rank + step, kTagTree, comm, &bytes);
        !s.ok()) {
      AbortJob(comm, s);
    }
    absl::StatusOr<Summary> child = Decode(bytes, rank + step);
    if (!child.ok()) AbortJob(comm, child.status());
    Absorb(rank, *std::move(child), &mine);
  }
}

// Rank 0 tells every rank how the run ended (the dispatcher's failure
// first, then the tree's); every rank returns it, rank 0 with the partial
// report and the ranks' statistics.
absl::StatusOr<ClusterResult> EndOfRun(MPI_Comm comm, int rank,
                                       Dispatcher* dispatcher,
                                       Summary* mine_out) {
  Summary& mine = *mine_out;
  // Rank 0 tells every rank how the run ended.
  Packer end;
  if (rank == 0) {
    absl::Status failure = dispatcher->failure();
    if (failure.ok()) failure = mine.failure;
    end.Int(static_cast<int64_t>(failure.code()));
    end.Str(std::string(failure.message()));
    end.Int(mine.run.error_findings);
    end.Int(mine.run.damaged_shards);
    end.Int(mine.run.records);
    end.Int(mine.run.bytes);
  }
  if (absl::Status s = BroadcastBytes(comm, &end.bytes()); !s.ok()) {
    AbortJob(comm, s);
  }
  Unpacker u(end.bytes());
  int64_t code = 0;
  std::string message;
  ClusterResult result;
  if (!u.Int(&code) || !u.Str(&message) || !u.Int(&result.error_findings) ||
      !u.Int(&result.damaged_shards) || !u.Int(&result.records) ||
      !u.Int(&result.bytes)) {
    AbortJob(comm, absl::InternalError(
                       "the end of the run from rank 0 is malformed"));
  }
  if (code != 0) {
    return absl::Status(static_cast<absl::StatusCode>(code), message);
  }
  if (rank == 0) {
    result.partial = std::move(mine.run.partial);
    result.ranks = std::move(mine.run.ranks);
    std::sort(
        result.ranks.begin(), result.ranks.end(),
        [](const RankStats& a, const RankStats& b) { return a.rank < b.rank; });
  }
  return result;
}

}  // namespace

absl::StatusOr<ClusterResult> RunPipelineOnCluster(
    MPI_Comm comm, const std::vector<ShardFiles>& shards,
    const ClusterOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  const int threads = ThreadsPerRank(comm, options.pipeline.threads);
  const int64_t job_threads = JobThreads(comm, threads);

  // Rank 0 hands out the shards from a thread of its own while it works.
  std::unique_ptr<Dispatcher> dispatcher;
  std::thread serving;
  if (rank == 0) {
    dispatcher =
        std::make_unique<Dispatcher>(comm, ranks, shards, job_threads, options);
    serving = std::thread([&] {
      if (absl::Status s = dispatcher->Serve(); !s.ok()) AbortJob(comm, s);
    });
  }

  Summary mine;
  RankStats stats;  // Into mine.run.ranks once the rank is done.
  stats.rank = rank;
  stats.threads = threads;
  // The chunks' partials, merged 16 at a time as they come: a county's
  // partial is mostly worklists, and keeping them all costs memory.
  std::vector<v1::PartialReport> partials;
  auto merge_partials = [&] {
    if (partials.size() < 2 || !mine.failure.ok()) return;
    const auto began = std::chrono::steady_clock::now();
    absl::StatusOr<v1::PartialReport> merged = MergeAllPartialReports(partials);
    stats.busy_seconds += Seconds(began);
    partials.clear();
    if (merged.ok()) {
      partials.push_back(*std::move(merged));
    } else {
      mine.failure = absl::Status(
          merged.status().code(),
          absl::StrCat("rank ", rank, ": ", merged.status().message()));
    }
  };
  PipelineOptions pipeline = options.pipeline;
  pipeline.threads = threads;
  std::mutex progress_mu;
  auto last_note = std::chrono::steady_clock::now();
  pipeline.progress = [&](const PipelineProgress& p) {
    // Never two calls at once (the pipeline's promise); rank 0's main thread
    // makes no MPI call meanwhile, another rank's is in the pipeline.
    std::lock_guard<std::mutex> lock(progress_mu);
    if (Seconds(last_note) < 1.0) return;
    last_note = std::chrono::steady_clock::now();
    const int64_t records = stats.records + p.records;
    const int64_t bytes = stats.bytes + p.bytes;
    if (rank == 0) {
      dispatcher->ProgressLocal(records, bytes);
    } else {
      const std::string note = DispatchMessage(kProgress, threads, 0, records,
                                               bytes, absl::OkStatus());
      if (int rc = MPI_Send(note.data(), static_cast<int>(note.size()),
                            MPI_BYTE, 0, kTagDispatch, comm);
          rc != MPI_SUCCESS) {
        AbortJob(comm, MpiFailed(rc, "send"));
      }
    }
  };

  // Tells rank 0 this rank failed (mine.failure): it hands out no more work.
  auto report_failure = [&] {
    if (rank == 0) {
      dispatcher->FailLocal(mine.failure);
      return;
    }
    absl::StatusOr<Chunk> ended =
        Ask(comm, DispatchMessage(kFailed, threads, 0, stats.records,
                                  stats.bytes, mine.failure));
    if (!ended.ok()) AbortJob(comm, ended.status());
  };

  int64_t done_in_last_chunk = 0;
  for (;;) {
    Chunk chunk;
    if (rank == 0) {
      dispatcher->ProgressLocal(stats.records, stats.bytes);
      chunk = dispatcher->TakeLocal(threads, done_in_last_chunk);
    } else {
      absl::StatusOr<Chunk> asked = Ask(
          comm, DispatchMessage(kAsk, threads, done_in_last_chunk,
                                stats.records, stats.bytes, absl::OkStatus()));
      if (!asked.ok()) AbortJob(comm, asked.status());
      chunk = *std::move(asked);
    }
    done_in_last_chunk = 0;
    if (chunk.code != kChunk) break;
    const std::vector<ShardFiles> work = ChunkShards(comm, rank, chunk, shards);
    const auto began = std::chrono::steady_clock::now();
    absl::StatusOr<PipelineResult> run = RunPipelineOnShards(work, pipeline);
    stats.busy_seconds += Seconds(began);
    if (!run.ok()) {
      // The pipeline's message names the shard (numbered within the chunk).
      mine.failure = absl::Status(
          run.status().code(),
          absl::StrCat("rank ", rank,
                       work.size() > 1 ? absl::StrCat(", in a chunk of ",
                                                      work.size(), " shards")
                                       : "",
                       ": ", run.status().message()));
      report_failure();
      break;
    }
    ++stats.chunks;
    stats.shards += static_cast<int64_t>(work.size());
    stats.records += run->records;
    stats.bytes += run->bytes;
    done_in_last_chunk = static_cast<int64_t>(work.size());
    mine.run.error_findings += run->findings.error_count();
    mine.run.damaged_shards += run->damaged_shards;
    if (options.pipeline.aggregate) {
      partials.push_back(std::move(run->partial));
      if (partials.size() == 16) merge_partials();
    }
    if (!mine.failure.ok()) {  // The merge refused (a shard counted twice).
      report_failure();
      break;
    }
  }
  SetCrashNote(absl::StrCat("dangjian-mpi: rank ", rank,
                            " died while merging partial reports"));
  if (rank == 0) {
    dispatcher->LocalDone(done_in_last_chunk);
    serving.join();
  }
  merge_partials();
  if (mine.failure.ok() && !partials.empty()) {
    mine.run.partial = std::move(partials.front());
    mine.has_partial = true;
  }
  partials.clear();
  mine.run.records = stats.records;
  mine.run.bytes = stats.bytes;
  stats.seconds = Seconds(start);
  stats.peak_rss_bytes = PeakRssBytes();
  mine.run.ranks.push_back(stats);

  ReduceUpTheTree(comm, rank, ranks, &mine);
  SetCrashNote("");

  return EndOfRun(comm, rank, dispatcher.get(), &mine);
}

}  // namespace mpi
}  // namespace dangjian
