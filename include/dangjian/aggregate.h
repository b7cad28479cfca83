// Aggregation: the "four 100%" coverage and indicator report (四个100% 统计).
//
// Every level - township, banner, league/city, province, centre - reports the
// level below, summed. An Aggregator turns one shard (a county's records, say)
// into a v1::PartialReport, the exact mergeable state; partials merge
// associatively and commutatively up the region tree; FinishReport() turns any
// partial into the final v1::Report, deriving every rate from its numerator and
// denominator at the end. docs/report.md defines each figure.
//
// Example:
//   dangjian::AggregatorOptions options;
//   options.year = 2014;
//   options.group_by.set_region_level(dangjian::v1::REGION_LEVEL_TOWNSHIP);
//   auto aggregator = dangjian::Aggregator::Create(options);
//   if (!aggregator.ok()) return aggregator.status();
//   for (const dangjian::v1::Record& r : records) (void)(*aggregator)->Add(r);
//   absl::StatusOr<dangjian::v1::PartialReport> county =
//       (*aggregator)->Finish();
//   // ... merge with other counties' partials, then:
//   absl::StatusOr<dangjian::v1::Report> report =
//       dangjian::FinishReport(*county);
#ifndef DANGJIAN_AGGREGATE_H_
#define DANGJIAN_AGGREGATE_H_

#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "dangjian/export.h"
#include "dangjian/policy.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/policy.pb.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {

// Options of an Aggregator.
struct AggregatorOptions {
  // The report year (统计年度): star assessments, funding, activities, annual
  // results and new members are those of this year; organizations and units
  // are those existing at its end. Must be 1 to 9999.
  // Default: 0 (unset; Create() fails).
  int32_t year = 0;
  // The thresholds the targets are judged by; fields left at 0 take the
  // default's value (FillPolicyDefaults()). A stream header's policy is not
  // read: pass it here.
  // Default: DefaultPolicy().
  v1::Policy policy = DefaultPolicy();
  // The most units (organizations for target 2) each group's worklist of
  // each target keeps, the smallest ids, each with its name, region, grid,
  // instructor, member counts and reason (v1::WorklistEntry); 0 keeps none
  // (counts only); kWorklistCapAll keeps all. The default is a preview: a
  // kept unit costs about 1.5 KB from partial to rendered report, so a
  // national report by county keeping 100 would hold 121,000 of them
  // (BENCHMARKS.md, "Worklists"). Must be 0 or more.
  // Default: 10.
  int32_t worklist_cap = 10;
  // The dimensions to group by.
  // Default: none (one group: the whole shard).
  v1::GroupBy group_by;
};

// Streams the records of one shard into a partial report.
//
// A shard must hold every record of its host organizations: the units
// themselves, their members, the party organizations that cover them (with
// all the units each covers), grids, venues, funding, cadres, activities and
// annual results, and the region records above them. Records may come in any
// order; references are joined in Finish().
//
// Example:
//   dangjian::AggregatorOptions options;
//   options.year = 2014;
//   absl::StatusOr<std::unique_ptr<dangjian::Aggregator>> agg =
//       dangjian::Aggregator::Create(options);
//   dangjian::ForEachRecord(dataset, [&](const dangjian::v1::Record& r) {
//     (void)(*agg)->Add(r);
//   });
//   (*agg)->AddFindings("member.national_id.checksum", 3);
//   absl::StatusOr<dangjian::v1::PartialReport> partial = (*agg)->Finish();
//
// AggregatorOptions::worklist_cap that keeps every unit that falls short.
inline constexpr int32_t kWorklistCapAll = 2147483647;

// Not thread-safe: use one Aggregator per thread (per shard) and merge their
// partials. Non-copyable.
class DANGJIAN_EXPORT Aggregator {
 public:
  // Returns a new aggregator, or InvalidArgument when the year is outside 1 to
  // 9999, the worklist cap is negative, the policy (after
  // FillPolicyDefaults()) fails CheckPolicy(), or the group-by region level is
  // not a RegionLevel value.
  static absl::StatusOr<std::unique_ptr<Aggregator>> Create(
      const AggregatorOptions& options);

  virtual ~Aggregator();
  Aggregator(const Aggregator&) = delete;
  Aggregator& operator=(const Aggregator&) = delete;

  // Adds one record. Headers, trailers and empty records are ignored. Never
  // fails on the record's content: invalid data is counted as it stands; ids
  // referenced but never added are counted under data quality as
  // "aggregate.unknown_host_organization" (party_organization, grid, region),
  // and a second record of an id is ignored and counted as
  // "aggregate.<kind>.duplicate_id". Returns FailedPrecondition after
  // Finish(). Copies what it keeps: `record` may be reused at once.
  virtual absl::Status Add(const v1::Record& record) = 0;

  // Adds `count` records skipped by a reader for `reason` (e.g.
  // "io.bad_frame"), shown under data quality. Returns InvalidArgument for a
  // negative count or an empty reason, FailedPrecondition after Finish().
  virtual absl::Status AddSkippedRecords(StringArg reason, int64_t count) = 0;

  // Adds `count` validation findings of rule `rule_id`, shown under data
  // quality. Fails as AddSkippedRecords() does.
  virtual absl::Status AddFindings(StringArg rule_id, int64_t count) = 0;

  // Joins the records and returns the shard's partial report. Returns
  // FailedPrecondition when called twice. Money beyond int64 is not an error
  // here (sums are 128-bit); FinishReport() checks the range.
  virtual absl::StatusOr<v1::PartialReport> Finish() = 0;

  // Adds one record given as the bytes of a serialized v1::Record (as
  // RecordStreamReader::NextSerialized() delivers them), exactly as Add()
  // would add the parsed record. A member, host organization, party
  // organization, funding, venue, activity, grid, cadre assignment or annual
  // result record in the plain encoding every writer produces is not parsed:
  // the few fields aggregation reads are decoded in place, several times
  // faster than parsing, and that decoding checks the bytes as strictly as a
  // reader does; anything else is checked by the readers' strict wire-format
  // check (docs/limits.md) and parsed. Returns InvalidArgument, adding nothing,
  // when the bytes are not a well-formed v1::Record by that check (a known
  // field with the wrong wire type, a bad varint, text that is not UTF-8,
  // ...); FailedPrecondition after Finish(). `bytes` may be reused at once.
  //
  // Example (the reader may leave the wire check to the aggregator):
  //   dangjian::RecordStreamReaderOptions options;
  //   options.check_serialized = false;
  //   auto reader = dangjian::RecordStreamReader::Open(path, options);
  //   absl::string_view bytes;
  //   while ((*reader)->NextSerialized(&bytes)) {
  //     if (auto s = (*aggregator)->AddSerialized(bytes); !s.ok()) return s;
  //   }
  virtual absl::Status AddSerialized(StringArg bytes);
  // (Declared after Finish() so that the virtual table of 0.1 keeps its
  // layout.)

 protected:
  Aggregator() = default;
};

// Merges two partial reports: the result is the partial of the union of their
// data. Associative and commutative; an empty (default) PartialReport is the
// identity. Worklists keep the smallest ids up to the cap. Fields of the
// partials this version does not know (unknown fields) are dropped.
// Returns InvalidArgument when both are non-empty and differ in year, policy
// version or minimum, grouping, worklist cap or counter layout, or when one
// is malformed (counter or sum count not matching its names), or when their
// transfers were judged under different settings (letter days, rules
// switched off). The transfers the partials carry (a validated run's,
// PipelineResult::partial) pair off across them: a member transferred from
// one county to another is open in each county's partial and paired in
// their merge. Thread-safe.
//
// Example:
//   absl::StatusOr<dangjian::v1::PartialReport> both =
//       dangjian::MergePartialReports(county_a, county_b);
DANGJIAN_EXPORT absl::StatusOr<v1::PartialReport> MergePartialReports(
    const v1::PartialReport& a, const v1::PartialReport& b);

// Merges any number of partial reports at once: one pass over their groups
// and one sort of their region lists, rather than a fold of pairwise merges
// that copies the growing result each time; the result equals such a fold.
// Fails as MergePartialReports() does. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<v1::PartialReport> MergeAllPartialReports(
    absl::Span<const v1::PartialReport> partials);

// Regroups a partial report by coarser dimensions: a township-level partial
// rolls up into banner-level groups through the region tree the partial
// carries (a group whose region has no ancestor at the new tier goes to the
// unassigned group, region ""). Returns InvalidArgument when `group_by` asks
// for a dimension the partial is not grouped by, or a finer region tier.
// Thread-safe.
//
// Example:
//   v1::GroupBy banner;
//   banner.set_region_level(dangjian::v1::REGION_LEVEL_COUNTY);
//   auto banners = dangjian::RegroupPartialReport(townships, banner);
DANGJIAN_EXPORT absl::StatusOr<v1::PartialReport> RegroupPartialReport(
    const v1::PartialReport& partial, const v1::GroupBy& group_by);

// Turns a partial report into the final report: the total and each group,
// rates as percentages of exact numerators and denominators (100% when nothing
// is eligible, marked so), worklists with their cap and full count. Its
// data quality findings are the partial's, and those of the run-level
// transfer rules (member.transfer.*) on the transfers it carries, as of its
// as_of (else December 31 of its year): the counts RunPipeline() gives over
// the same shards.
// Returns OutOfRange, naming the figure and group, when a sum falls outside
// int64 (e.g. funding totals beyond 9,223,372,036,854,775,807 fen), and
// InvalidArgument for a malformed or empty partial. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<v1::Report> FinishReport(
    const v1::PartialReport& partial);

// Aggregates a whole dataset as one shard and finishes the report: the
// dataset's own policy is used when it has one and `options.policy` otherwise.
// Fails as Aggregator::Create() and FinishReport() do. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<v1::Report> AggregateDataset(
    const v1::Dataset& dataset, const AggregatorOptions& options);

// Sets two years' reports side by side with the change of every count and
// amount of their totals (later minus earlier). Returns InvalidArgument when
// `earlier.year()` is not before `later.year()`, and OutOfRange when a
// difference falls outside int64. Thread-safe.
//
// Example:
//   auto change = dangjian::CompareReports(report_2013, report_2014);
//   // change->change().members().new_members(): new members, 2014 vs 2013
DANGJIAN_EXPORT absl::StatusOr<v1::ReportComparison> CompareReports(
    const v1::Report& earlier, const v1::Report& later);

}  // namespace dangjian

#endif  // DANGJIAN_AGGREGATE_H_
