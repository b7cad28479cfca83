// The pipeline: read -> validate -> aggregate over many shards, on several
// threads, merged into one result. What `dangjian report` and `dangjian
// validate` do, for a program that links the library.
//
// Inputs are paths: a file is a shard (one county's record stream, say); "-"
// is standard input, a shard; a folder stands for what it holds (ExpandInputs()
// below). Each shard is read once, record by record. Each record is validated
// (ValidatorOptions' rules) and aggregated (AggregatorOptions' figures); each
// shard's findings and partial report are merged exactly, in any order, so
// the result is the same for any number of threads.
//
// Example (the CLI's `dangjian report --year 2017 --group-by county DIR`):
//   dangjian::PipelineOptions options;
//   options.year = 2017;
//   options.group_by.set_region_level(dangjian::v1::REGION_LEVEL_COUNTY);
//   absl::StatusOr<dangjian::PipelineResult> run =
//       dangjian::RunPipeline({"counties/"}, options);
//   if (!run.ok()) { std::cerr << run.status() << "\n"; return 2; }
//   absl::StatusOr<dangjian::v1::Report> report =
//       dangjian::FinishReport(run->partial);
//   std::cout << dangjian::RenderReportText(*report);
//   return run->findings.error_count() > 0 ? 1 : 0;
//
// Damaged input is never a quiet success: a shard that could not be read to
// its end (a record stream cut short, a corrupt record, a JSON Lines line that
// is not a record) makes RunPipeline() fail with DataLoss naming the shard,
// where reading stopped and what was lost, unless
// PipelineOptions::allow_damaged is set; then the result holds what could be
// read, says which shards are damaged, and its partial report carries them in
// damaged_shards (MergePartialReports() keeps them).
#ifndef DANGJIAN_PIPELINE_H_
#define DANGJIAN_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "dangjian/export.h"
#include "dangjian/policy.h"
#include "dangjian/record_io.h"
#include "dangjian/record_reader.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/policy.pb.h"
#include "dangjian/v1/report.pb.h"
#include "dangjian/v1/validation.pb.h"

namespace dangjian {

// The files of one shard (one county, say), read into one validator and one
// aggregator so that records joining across files (a CSV ledger's members and
// its units) meet.
using ShardFiles = std::vector<std::string>;

// Expands input paths into shards. A file is a shard; "-" (standard input) is
// a shard. A folder stands for what it holds, sorted by name: its CSV ledgers
// together are one shard (a county's ledgers, one per table), each other file
// the library reads (record stream, JSON Lines, dataset) is a shard, and each
// subfolder is expanded the same way, one level down (so a folder of county
// folders gives one shard per county). A FIFO in a folder is a file like
// any other. Files of other extensions and names starting with '.' are
// passed over.
//
// Example:
//   auto shards = dangjian::ExpandInputs({"counties/", "extra.djr"});
//
// Returns the shards in the order of `inputs`; InvalidArgument when there is
// no input, "-" is given twice (standard input is read once), or one file is
// reached twice (named twice, under two names, or through a link to a folder
// already given: it would be counted twice), naming both paths; NotFound when
// an input does not exist, a folder holds nothing the library reads, or a
// folder's file of a format the library reads, or its entry without an
// extension (a subfolder, as far as can be told), cannot be reached (a
// dangling link, a share not mounted), naming it;
// Unavailable when a folder cannot be listed. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<std::vector<ShardFiles>> ExpandInputs(
    const std::vector<std::string>& inputs);

// How far a run has got, for a progress line.
struct PipelineProgress {
  // Records read so far, over every shard.
  int64_t records = 0;
  // Bytes read so far.
  int64_t bytes = 0;
  // The size of every input that is a regular file, added up; 0 when none
  // is (standard input, a pipe).
  int64_t total_bytes = 0;
  // Shards finished, and shards in all.
  int64_t shards_done = 0;
  int64_t shards_total = 0;
};

// Options of RunPipeline(). Add fields at the end.
struct PipelineOptions {
  // The report year (AggregatorOptions::year). Required (1 to 9999) when
  // `aggregate` is on; else optional, and then it only sets the as-of date
  // (below).
  // Default: 0 (unset).
  int32_t year = 0;
  // The date rules judge "overdue", "in the future" and the star-rating year
  // against (ValidatorOptions::as_of). When unset (year 0), each shard's own
  // date is used: the as_of of its first file's header (a record stream's
  // header, a JSON Lines header line, a dataset's provenance) when it falls
  // in `year` or nothing is aggregated (so that rules and figures are of one
  // year), else December 31 of `year` when a year is given, else today (UTC).
  // A header date that is not a calendar date fails the run, naming the file.
  // Default: unset.
  v1::Date as_of;
  // The thresholds, for the rules and the figures alike.
  // Default: DefaultPolicy().
  v1::Policy policy = DefaultPolicy();
  // Run the validator over every record.
  // Default: true.
  bool validate = true;
  // Aggregate every record into the partial report.
  // Default: true.
  bool aggregate = true;
  // Per-rule switches (ValidatorOptions::rule_overrides).
  // Default: none.
  std::vector<v1::RuleOverride> rule_overrides;
  // At most this many findings are listed in PipelineResult::findings, the
  // first in shard order and, within a shard, in the validator's order; all
  // are counted. 0 means no cap.
  // Default: 100000.
  int64_t max_findings = 100000;
  // AggregatorOptions::worklist_cap.
  // Default: 10.
  int32_t worklist_cap = 10;
  // AggregatorOptions::group_by.
  // Default: none (one group).
  v1::GroupBy group_by;
  // The format of standard input ("-"), which has no extension to go by.
  // Default: FileFormat::kJsonLines.
  FileFormat stdin_format = FileFormat::kJsonLines;
  // Shards read at once, one thread each; 0 means one per core. At most 256.
  // Default: 0.
  int32_t threads = 0;
  // Keep going past damaged shards: report what could be read and mark the
  // shards damaged, rather than fail the run.
  // Default: false.
  bool allow_damaged = false;
  // Called with the run's progress every few thousand records and after each
  // shard, from the worker threads but never two calls at once.
  // Default: none.
  std::function<void(const PipelineProgress&)> progress;
};

// What happened to one shard.
struct ShardOutcome {
  // The shard's files, as ExpandInputs() gave them.
  ShardFiles files;
  // Records read and handed on.
  int64_t records = 0;
  // Bytes read.
  int64_t bytes = 0;
  // Rows or records a reader refused and skipped (a CSV row that could not be
  // imported), each also a finding.
  int64_t records_skipped = 0;
  // Reading stopped before the end of a file.
  bool damaged = false;
  // When damaged: which file, where reading stopped and why, and how many
  // bytes were not read (personal data masked).
  std::string damage;
  // The date the shard was validated as of.
  v1::Date as_of;
};

// The result of a run.
struct PipelineResult {
  // The merged partial report of every shard (empty when `aggregate` is off):
  // pass it to FinishReport(), or write it for a merge at the level above.
  // When validating, it carries the run's transfers not yet paired, so that
  // FinishReport() and merges above judge them as the run does.
  v1::PartialReport partial;
  // The findings of every shard (empty when `validate` is off), including the
  // readers' own (io.csv.row_skipped, io.csv.cell, io.csv.subtotal_row,
  // io.read), listed up to
  // max_findings; counts are exact. Its as_of is the first shard's. After
  // every shard's own, the run-level transfer rules' (member.transfer.*):
  // each transfer out or in paired with its other side in any shard of the
  // run, and judged as of the run's date (PipelineOptions::as_of, else the
  // latest a shard stands at, else December 31 of `year`, else today).
  v1::ValidationReport findings;
  // One outcome per shard, in the order of ExpandInputs().
  std::vector<ShardOutcome> shards;
  // Records and bytes read in all.
  int64_t records = 0;
  int64_t bytes = 0;
  // Shards that could not be read whole (only with allow_damaged).
  int64_t damaged_shards = 0;
};

// The problems a reader met in its input, as findings, once it has stopped
// (Next() returned false): each CSV row it refused ("io.csv.row_skipped",
// ERROR), cell it could not use ("io.csv.cell", WARNING) and subtotal row it
// passed over ("io.csv.subtotal_row", INFO), located by file, line and
// column header; and, when reading stopped before the end,
// "io.read" (ERROR) saying where and why. `file` names the input in the
// findings (the reader's own name for it may be "/dev/stdin"). Personal data
// is masked. Returns no findings for a reader that read its input whole.
// Thread-safe for distinct readers.
//
// Example:
//   while (reader->Next(&record)) Use(record);
//   for (const auto& f : dangjian::ReaderFindings(*reader, path))
//     std::cerr << f.message() << "\n";
DANGJIAN_EXPORT std::vector<v1::Finding> ReaderFindings(
    const RecordReader& reader, StringArg file);

// Expands `inputs` (ExpandInputs()), then reads, validates and aggregates
// each shard on options.threads threads, and merges the results.
//
// Returns the result; InvalidArgument for bad options (a year outside 1 to
// 9999 when aggregating, an inconsistent policy, an unknown rule id, an
// invalid as_of, threads outside 0 to 256); NotFound or Unavailable when an
// input cannot be found or opened; DataLoss naming the shard when one could
// not be read whole and allow_damaged is off. Thread-safe: runs may go on at
// once in different threads.
DANGJIAN_EXPORT absl::StatusOr<PipelineResult> RunPipeline(
    const std::vector<std::string>& inputs, const PipelineOptions& options);

// As above, over shards already expanded (or made by hand: any files that
// belong together).
DANGJIAN_EXPORT absl::StatusOr<PipelineResult> RunPipelineOnShards(
    const std::vector<ShardFiles>& shards, const PipelineOptions& options);

}  // namespace dangjian

#endif  // DANGJIAN_PIPELINE_H_
