// The pipeline over Open MPI (internal to dangjian-mpi): the shards of a run
// handed out to the ranks of a communicator, each rank running the public
// pipeline (RunPipelineOnShards()) on what it is given with threads of its
// own, and the ranks' partial reports merged up a binomial tree to rank 0.
//
// Work sharing: rank 0 sorts the shards by size, largest first, and a
// dispatcher thread of its own hands them out on request: a rank that is
// done with its chunk asks for the next. A chunk holds at least one shard per
// thread of the asking rank and, beyond that, shards up to a share of the
// bytes left (remaining / (2 x threads in the job)), so chunks shrink as the
// run goes and the last, smallest shards even out the ranks' ends. Rank 0
// works too.
//
// Merging: each rank merges its chunks' partials; then, in ceil(log2(N))
// rounds, rank r receives the serialized result of rank r + 2^k and merges it,
// or sends its own to rank r - 2^k. MergePartialReports() is associative and
// commutative, so the report equals the one of a single machine's run byte for
// byte, for any number of ranks and any order the chunks finish in.
//
// Faults: a rank whose chunk fails (a shard that cannot be read whole, a
// merge that refuses a shard counted twice) reports it to rank 0, which stops
// handing out work; every rank then returns the same failed status, naming
// the rank and the shard. A rank that dies (a signal) names itself and its
// chunk on standard error before it goes, and mpirun ends the job.
//
// Waiting ranks do not spin: every wait is a test and a short sleep, so that
// ranks that outnumber the cores (mpirun --oversubscribe) leave them to the
// ranks still working.
#ifndef DANGJIAN_SRC_MPI_CLUSTER_H_
#define DANGJIAN_SRC_MPI_CLUSTER_H_

#include <mpi.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "dangjian/pipeline.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {
namespace mpi {

// How far a run has got, as rank 0 sees it.
struct ClusterProgress {
  // Shards whose chunk is done, and shards in all.
  int64_t shards_done = 0;
  int64_t shards_total = 0;
  // Records and bytes read so far over every rank (each rank's figure as it
  // last reported it, about once a second).
  int64_t records = 0;
  int64_t bytes = 0;
  // The size of every input that is a regular file, added up.
  int64_t total_bytes = 0;
  // Seconds since the run started.
  double seconds = 0;
};

// What one rank did.
struct RankStats {
  int rank = 0;
  // The threads its pipeline ran on.
  int threads = 0;
  int64_t chunks = 0;
  int64_t shards = 0;
  int64_t records = 0;
  int64_t bytes = 0;
  // Seconds in the pipeline (reading, validating, aggregating, merging its
  // chunks), and seconds from the start of the run to its result.
  double busy_seconds = 0;
  double seconds = 0;
  // Its peak resident set size (getrusage), in bytes.
  int64_t peak_rss_bytes = 0;
};

struct ClusterOptions {
  // The options of every rank's pipeline. `threads` is per rank; 0 means the
  // cores of the rank's machine shared among the ranks on it.
  // Default: PipelineOptions().
  PipelineOptions pipeline;
  // Called on rank 0, from its dispatcher thread, every `progress_seconds`.
  // `pipeline.progress` is not used.
  // Default: none.
  std::function<void(const ClusterProgress&)> progress;
  // Default: 10.
  double progress_seconds = 10;
};

// The run's result, whole on rank 0 (other ranks get the counts only).
struct ClusterResult {
  // The merged partial report of every shard (rank 0 only).
  v1::PartialReport partial;
  // ERROR findings over every shard (0 without validation).
  int64_t error_findings = 0;
  // Shards read in part (only with pipeline.allow_damaged).
  int64_t damaged_shards = 0;
  int64_t records = 0;
  int64_t bytes = 0;
  // One entry per rank, by rank (rank 0 only).
  std::vector<RankStats> ranks;
};

// Makes a rank that dies of a fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
// SIGABRT) say on standard error, before it goes, which rank it is and the
// chunk it was on (RunPipelineOnCluster() keeps that note). Call once, early
// in main().
void NameRankOnFatalSignals();

// The bytes of a shard's files that are regular files (a FIFO counts 0): the
// size the shards are handed out by, and rank 0's total.
int64_t ShardBytes(const ShardFiles& shard);

// Makes every rank's working directory rank 0's, so that relative paths mean
// the same files everywhere (mpirun may start a remote rank in $HOME).
// Collective (a broadcast). Returns this rank's outcome: Unavailable when it
// cannot enter the folder; the caller makes the ranks agree.
absl::Status ShareWorkingDirectory(MPI_Comm comm);

// Hands rank 0's shard list (or its failure to make one) to every rank of
// `comm`. Collective: every rank calls it; `shards` is read on rank 0 only.
// Returns the list on every rank, or rank 0's error on every rank (ends the
// job when the ranks cannot talk, as below).
absl::StatusOr<std::vector<ShardFiles>> BroadcastShards(
    MPI_Comm comm, const absl::StatusOr<std::vector<ShardFiles>>& shards);

// Runs the pipeline over `shards` (the same list on every rank) on every rank
// of `comm`, as the file comment says. Collective. REQUIRES: MPI initialized
// with at least MPI_THREAD_SERIALIZED.
//
// Returns the result (the merged partial on rank 0); on every rank the same
// error when the run failed: InvalidArgument for bad options, DataLoss or
// NotFound or Unavailable for a shard that could not be read (the message
// names the rank and the shard), InvalidArgument for partials that do not
// merge (a shard counted twice), ResourceExhausted for a partial over 2 GiB.
// When the ranks themselves cannot talk (an MPI call fails, a message does
// not parse), the rank says so on standard error and ends the job
// (MPI_Abort, status 2): no rank would otherwise know to stop waiting.
absl::StatusOr<ClusterResult> RunPipelineOnCluster(
    MPI_Comm comm, const std::vector<ShardFiles>& shards,
    const ClusterOptions& options);

}  // namespace mpi
}  // namespace dangjian

#endif  // DANGJIAN_SRC_MPI_CLUSTER_H_
