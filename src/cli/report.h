// The parts of `dangjian report` that `dangjian-mpi report` shares: its
// flags, the options they give, the output and the exit status (internal to
// the programs).
#ifndef DANGJIAN_SRC_CLI_REPORT_H_
#define DANGJIAN_SRC_CLI_REPORT_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/flags.h"
#include "dangjian/pipeline.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {
namespace cli {

// Every flag of `dangjian report`: --year, --group-by, --worklist-cap,
// --no-validate, the pipeline's (PipelineFlags()) and the output's (--format,
// --lang, --output, --partial).
std::vector<FlagSpec> ReportFlags();

// The pipeline options those flags give (the report year, as-of date, policy,
// grouping, worklist cap, validation, threads, damaged input).
// InvalidArgument naming the flag when one is bad or --year is missing.
absl::StatusOr<PipelineOptions> ReportOptionsFromArgs(const Args& args);

// Writes `partial` as the report in --format and --lang, or as the partial
// state with --partial, to --output (a file is replaced whole or not at all).
// Returns kExitOk, or kExitFailed after printing why (Fail()).
int EmitReport(const char* command, const Args& args,
               const v1::PartialReport& partial);

// The exit status of a report written from a run with `damaged_shards`
// shards read in part and `error_findings` ERROR findings: kExitDamaged,
// kExitFindings or kExitOk, in that order.
int ReportExitStatus(int64_t damaged_shards, int64_t error_findings);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_REPORT_H_
