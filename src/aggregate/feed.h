// What the pipeline feeds an aggregator besides the public Add() calls: a
// record decoded once, into facts, and joined once, into the shard's index,
// for the validator and the aggregator (internal).
#ifndef DANGJIAN_SRC_AGGREGATE_FEED_H_
#define DANGJIAN_SRC_AGGREGATE_FEED_H_

#include "absl/status/status.h"
#include "core/record_facts.h"
#include "core/shard_index.h"
#include "dangjian/aggregate.h"

namespace dangjian {
namespace internal {

// Makes `aggregator` (from Aggregator::Create(), nothing added yet) look its
// ids up in `index`, which must outlive its Finish(), instead of an index of
// its own.
void UseShardIndex(Aggregator* aggregator, ShardIndex* index);

// Counts a member, with the numbers JoinFacts() gave its ids in the
// aggregator's index, as Add() counts a parsed record holding it. Returns
// FailedPrecondition after Finish(), else OK.
absl::Status AddFacts(Aggregator* aggregator, const MemberFacts& member,
                      const MemberJoin& join);
// The same for a host organization, a party organization, funding, a venue,
// an activity, a grid, a cadre assignment and a unit's annual result.
absl::Status AddFacts(Aggregator* aggregator, const HostFacts& host,
                      const HostJoin& join);
absl::Status AddFacts(Aggregator* aggregator, const OrgFacts& org,
                      const OrgJoin& join);
absl::Status AddFacts(Aggregator* aggregator, const FundingFacts& funding,
                      const FundingJoin& join);
absl::Status AddFacts(Aggregator* aggregator, const VenueFacts& venue,
                      const VenueJoin& join);
absl::Status AddFacts(Aggregator* aggregator, const ActivityFacts& activity,
                      const ActivityJoin& join);
absl::Status AddFacts(Aggregator* aggregator, const GridFacts& grid,
                      const GridJoin& join);
absl::Status AddFacts(Aggregator* aggregator, const CadreFacts& cadre,
                      const CadreJoin& join);
absl::Status AddFacts(Aggregator* aggregator, const ResultFacts& result,
                      const ResultJoin& join);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_AGGREGATE_FEED_H_
