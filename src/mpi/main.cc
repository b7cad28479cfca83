// dangjian-mpi: `dangjian report` over Open MPI, for a roll-up too big for one
// machine. `mpirun -np N dangjian-mpi report [the flags of dangjian report]
// INPUTS...` writes what `dangjian report` writes on one machine, byte for
// byte, with the same exit status. Run `dangjian-mpi report --help`.
#include <malloc.h>
#include <mpi.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/pipeline_flags.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "dangjian/personal_data.h"
#include "dangjian/pipeline.h"
#include "dangjian/version.h"
#include "mpi/cluster.h"

namespace dangjian {
namespace mpi {
namespace {

constexpr char kName[] = "report";

constexpr char kUsage[] =
    "Usage: mpirun [-np N] dangjian-mpi report --year YEAR [OPTIONS] FILE...\n"
    "\n"
    "The report of 'dangjian report' over the ranks of an MPI job: rank 0\n"
    "hands out the shards (a county's stream or ledgers, as 'dangjian report'\n"
    "reads them), largest first, to each rank as it asks; each rank reads,\n"
    "validates and aggregates them with --threads threads (0: the cores of\n"
    "its machine shared among the ranks there); the partial reports merge up "
    "a\n"
    "tree to rank 0, which writes the output: byte for byte what 'dangjian\n"
    "report' writes, in every format, with --partial too. Every rank reads\n"
    "the inputs by the same paths (a shared file system); standard input is\n"
    "not an input here.\n"
    "\n"
    "Rank 0 prints a progress line every --progress-every seconds and what\n"
    "each rank did at the end (not with --quiet). Exit status, rank 0's and "
    "so\n"
    "mpirun's (the other ranks exit 0): 0 done; 1 the data has ERROR\n"
    "findings; 2 the job failed and nothing was written (the message names "
    "the\n"
    "rank and the shard); 3 written from damaged input (--allow-damaged).\n"
    "mpirun prints a notice of its own whenever the status is not 0.\n"
    "\n"
    "Example:\n"
    "  mpirun -np 4 dangjian-mpi report --year 2017 --group-by province "
    "counties/\n"
    "  mpirun --hostfile hosts --map-by ppr:1:node --bind-to none \\\n"
    "      dangjian-mpi report --year 2017 --partial -o province.partial.pb "
    "/shared/counties/\n"
    "(one rank per machine, with every core of it: docs/distributed.md)\n";

std::vector<cli::FlagSpec> Flags() {
  std::vector<cli::FlagSpec> flags = cli::ReportFlags();
  flags.push_back({"progress-every", 0, true, "SECONDS",
                   "rank 0's progress line, every so many seconds", "10"});
  return flags;
}

std::string Bytes(int64_t n) {
  if (n >= (int64_t{1} << 30))
    return absl::StrFormat("%.1f GiB", n / 1073741824.0);
  return absl::StrFormat("%.1f MiB", n / 1048576.0);
}

// What rank 0 makes of the inputs: the shards, or why there are none.
absl::StatusOr<std::vector<ShardFiles>> PlanShards(
    const cli::Args& args, const absl::Status& options) {
  if (!options.ok()) return options;
  for (const std::string& input : args.positional()) {
    if (input == "-") {
      return absl::InvalidArgumentError(
          "standard input (-) cannot be read by every rank; give files or "
          "folders on a file system every rank reads");
    }
  }
  return cli::ShardsOfArgs(args);
}

void PrintRanks(const ClusterResult& result, double seconds) {
  std::fprintf(
      stderr, "dangjian-mpi report: %s records, %s, in %.2f s (%s records/s)\n",
      cli::Grouped(result.records).c_str(), Bytes(result.bytes).c_str(),
      seconds,
      cli::Grouped(seconds > 0 ? static_cast<int64_t>(result.records / seconds)
                               : 0)
          .c_str());
  for (const RankStats& r : result.ranks) {
    std::fprintf(stderr,
                 "dangjian-mpi report: rank %d: %d thread%s, %s chunk%s, %s "
                 "shards, %s records, busy %.2f s of %.2f s, peak RSS %s\n",
                 r.rank, r.threads, r.threads == 1 ? "" : "s",
                 cli::Grouped(r.chunks).c_str(), r.chunks == 1 ? "" : "s",
                 cli::Grouped(r.shards).c_str(),
                 cli::Grouped(r.records).c_str(), r.busy_seconds, r.seconds,
                 Bytes(r.peak_rss_bytes).c_str());
  }
}

int Run(const std::vector<std::string>& argv, int rank, int ranks) {
  const bool root = rank == 0;
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" ||
      argv[0] == "help") {
    if (root) {
      std::printf("dangjian-mpi %s\n%s\n%s", VersionString(), kUsage,
                  cli::FlagsHelp(Flags()).c_str());
    }
    return argv.empty() ? cli::kExitFailed : cli::kExitOk;
  }
  if (argv[0] == "--version" || argv[0] == "version") {
    if (root) std::printf("dangjian-mpi %s\n", VersionString());
    return cli::kExitOk;
  }
  if (argv[0] != kName) {
    if (root) {
      std::fprintf(stderr,
                   "dangjian-mpi: unknown command '%s'; the command is "
                   "'report' (run 'dangjian-mpi --help')\n",
                   MaskPersonalData(argv[0]).c_str());
    }
    return cli::kExitFailed;
  }
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  for (const std::string& a : rest) {
    if (a == "--help" || a == "-h") {
      if (root) {
        std::printf("%s\n%s", kUsage, cli::FlagsHelp(Flags()).c_str());
      }
      return cli::kExitOk;
    }
  }
  // Every rank parses the same arguments; rank 0 alone says what is wrong.
  absl::StatusOr<cli::Args> args = cli::ParseArgs(Flags(), rest);
  if (!args.ok()) {
    return root ? cli::Fail(kName, std::string(args.status().message()))
                : cli::kExitFailed;
  }
  absl::StatusOr<double> every = args->GetDouble("progress-every");
  absl::StatusOr<PipelineOptions> options = cli::ReportOptionsFromArgs(*args);
  if (options.ok() && (!every.ok() || !(*every >= 0.1))) {
    options =
        absl::InvalidArgumentError("--progress-every is seconds, at least 0.1");
  }
  if (options.ok() && args->positional().empty()) {
    options =
        absl::InvalidArgumentError("give the files (or folders) to report on");
  }
  const absl::Status entered = ShareWorkingDirectory(MPI_COMM_WORLD);
  absl::StatusOr<std::vector<ShardFiles>> shards = BroadcastShards(
      MPI_COMM_WORLD, root ? PlanShards(*args, options.status())
                           : absl::StatusOr<std::vector<ShardFiles>>());
  if (!shards.ok()) {
    return root ? cli::Fail(kName, std::string(shards.status().message()))
                : cli::kExitFailed;
  }
  // A rank whose options differ from rank 0's (a policy file it cannot read)
  // or that cannot enter rank 0's folder says so; then every rank stops.
  const absl::Status here = options.ok() ? entered : options.status();
  int fine = here.ok() ? 1 : 0, all_fine = 0;
  if (MPI_Allreduce(&fine, &all_fine, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD) !=
      MPI_SUCCESS) {
    all_fine = 0;
  }
  if (!all_fine) {
    if (!here.ok()) {
      cli::Fail(kName, absl::StrCat("rank ", rank, ": ", here.message()));
    } else if (root) {
      cli::Fail(kName, "another rank could not start; see its message");
    }
    return cli::kExitFailed;
  }

  const bool quiet = args->Has("quiet");
  ClusterOptions cluster;
  cluster.pipeline = *options;
  cluster.progress_seconds = *every;
  if (root && !quiet) {
    int64_t total = 0;
    for (const ShardFiles& s : *shards) total += ShardBytes(s);
    std::fprintf(stderr, "dangjian-mpi report: %s shards, %s, over %d rank%s\n",
                 cli::Grouped(static_cast<int64_t>(shards->size())).c_str(),
                 Bytes(total).c_str(), ranks, ranks == 1 ? "" : "s");
    cluster.progress = [](const ClusterProgress& p) {
      std::fprintf(
          stderr,
          "dangjian-mpi report: %s of %s shards done, %s records, %d%% of "
          "the bytes, %.0f s\n",
          cli::Grouped(p.shards_done).c_str(),
          cli::Grouped(p.shards_total).c_str(), cli::Grouped(p.records).c_str(),
          p.total_bytes > 0 ? static_cast<int>(100 * p.bytes / p.total_bytes)
                            : 0,
          p.seconds);
    };
  }
  const double start = MPI_Wtime();
  absl::StatusOr<ClusterResult> result =
      RunPipelineOnCluster(MPI_COMM_WORLD, *shards, cluster);
  if (!result.ok()) {
    return root ? cli::Fail(kName, std::string(result.status().message()))
                : cli::kExitFailed;
  }
  int status =
      cli::ReportExitStatus(result->damaged_shards, result->error_findings);
  if (root) {
    for (const v1::DamagedShard& d : result->partial.damaged_shards()) {
      std::fprintf(stderr,
                   "dangjian-mpi report: damaged input, only what was read is "
                   "counted: %s: %s\n",
                   MaskPersonalData(d.file()).c_str(),
                   MaskPersonalData(d.reason()).c_str());
    }
    if (!quiet) PrintRanks(*result, MPI_Wtime() - start);
    if (int rc = cli::EmitReport(kName, *args, result->partial);
        rc != cli::kExitOk) {
      status = rc;
    }
  }
  return status;
}

}  // namespace
}  // namespace mpi
}  // namespace dangjian

int main(int argc, char** argv) {
  // As dangjian's main(): keep freed memory for the next shard.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  int provided = 0;
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided) !=
      MPI_SUCCESS) {
    std::fprintf(stderr, "dangjian-mpi: MPI could not start\n");
    return dangjian::cli::kExitFailed;
  }
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (provided < MPI_THREAD_SERIALIZED) {
    if (rank == 0) {
      std::fprintf(stderr,
                   "dangjian-mpi: this MPI library gives no thread support "
                   "(MPI_THREAD_SERIALIZED), which rank 0's dispatcher "
                   "needs\n");
    }
    MPI_Finalize();
    return dangjian::cli::kExitFailed;
  }
  // Failed MPI calls come back as error codes: the program then says which
  // rank could not talk and ends the job (MPI_Abort) itself.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  dangjian::cli::SetProgramName("dangjian-mpi");
  dangjian::mpi::NameRankOnFatalSignals();
  const int status = dangjian::mpi::Run(
      std::vector<std::string>(argv + 1, argv + argc), rank, ranks);
  MPI_Finalize();
  // mpirun ends the whole job as soon as one process exits non-zero, and
  // passes on the status of the first to do so: the job's status is rank
  // 0's, given once its output is written; the other ranks exit 0.
  return rank == 0 ? status : dangjian::cli::kExitOk;
}
