// What the pipeline feeds an aggregator besides the public Add() calls: a
// record decoded once, into facts, and joined once, into the shard's index,
// for the validator and the aggregator; and how it takes the partials back
// and merges them, in a layout agreed once per run (internal).
#ifndef DANGJIAN_SRC_AGGREGATE_FEED_H_
#define DANGJIAN_SRC_AGGREGATE_FEED_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/record_facts.h"
#include "core/shard_index.h"
#include "dangjian/aggregate.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {
namespace internal {

// Makes `aggregator` (from Aggregator::Create(), nothing added yet) look its
// ids up in `index`, which must outlive its Finish(), instead of an index of
// its own, and sets the index's as_of_year to its report year: the index
// must be empty. From then on, JoinFacts() into `index` counts each member
// it joins (ShardIndex::members_as_of) and each party organization's units
// (ShardIndex::unit_org_cover): every member and organization must reach
// the index through one join, AddFacts() with JoinFacts()' numbers, or the
// aggregator's own Add(), never both (a member would be counted twice).
void UseShardIndex(Aggregator* aggregator, ShardIndex* index);

// Counts a record decoded into facts (a member, host or party organization,
// funding, venue, activity, grid, cadre assignment or annual result: the
// kinds of core/record_facts.h), with the numbers JoinFacts() gave its ids in
// the aggregator's index (after UseShardIndex()), as Add() counts a parsed
// record holding it; a member, and a party organization's coverage of its
// units, are counted by the join, not here. Returns
// FailedPrecondition after Finish(), else OK. Instantiated in aggregator.cc
// for those kinds, each with its own Join.
template <typename Facts, typename Join>
absl::Status AddFacts(Aggregator* aggregator, const Facts& facts,
                      const Join& join);

// The layout of a run's partials, agreed once per run: a shard's partial
// leaves the aggregator without the names of its counters and sums (125
// strings, two allocations each, for each of 3,000 counties), and the run's
// merges take it as in this library's layout. What they return names them,
// as every partial that leaves the run does.
//
// Aggregator::Finish() without the counter and sum names: the partial holds
// the same otherwise. Only for MergeRunPartials() in this process; never
// written out or passed to the public merges (which refuse it).
// `aggregator` must come from Aggregator::Create().
absl::StatusOr<v1::PartialReport> FinishForRun(Aggregator* aggregator);

// MergeAllPartialReports() of a run's partials, each from FinishForRun() or
// an earlier MergeRunPartials() of the run: one that names no counters and
// no sums is taken as in this library's layout (one that names them is
// checked as there; the result names them), and a group whose key no other
// partial has is moved into the result, not copied (its worklist entries
// are most of a county-grouped partial), when it is as the merge would
// write it (its worklists in order of id: the aggregator orders ids before
// masking them). What is left of `partials` is for destruction only,
// whatever is returned.
absl::StatusOr<v1::PartialReport> MergeRunPartials(
    absl::Span<v1::PartialReport> partials);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_AGGREGATE_FEED_H_
