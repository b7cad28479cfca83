// The flags `report` and `validate` share, turned into PipelineOptions, and
// the run itself with its progress line (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_PIPELINE_FLAGS_H_
#define DANGJIAN_SRC_CLI_PIPELINE_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/flags.h"
#include "dangjian/pipeline.h"

namespace dangjian {
namespace cli {

// --policy, --as-of, --from, --threads, --allow-damaged, --quiet.
std::vector<FlagSpec> PipelineFlags();

// PipelineOptions from those flags (the caller sets year, validate,
// aggregate and the rest). InvalidArgument naming the flag when one is bad.
absl::StatusOr<PipelineOptions> PipelineOptionsFromArgs(const Args& args);

// Sets options->year from --year when given: InvalidArgument unless it is
// 1 to 9999.
absl::Status ApplyYearFlag(const Args& args, PipelineOptions* options);

// Parses YYYY-MM-DD given to flag `flag` (its shape: RunPipeline() refuses a
// date that is not on the calendar).
absl::StatusOr<v1::Date> ParseDateFlag(const std::string& flag,
                                       const std::string& text);

// The shards of the positional arguments (ExpandInputs()); InvalidArgument
// when --output is one of their files (CheckOutputIsNoInput()).
absl::StatusOr<std::vector<ShardFiles>> ShardsOfArgs(const Args& args);

// Runs the pipeline over the positional arguments with a progress line on
// standard error (unless --quiet), and names each damaged shard there.
absl::StatusOr<PipelineResult> RunWithProgress(const char* command,
                                               const Args& args,
                                               const PipelineOptions& options);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_PIPELINE_FLAGS_H_
