// What the pipeline feeds an aggregator besides the public Add() calls: a
// record decoded once, into facts, for the validator and the aggregator
// (internal).
#ifndef DANGJIAN_SRC_AGGREGATE_FEED_H_
#define DANGJIAN_SRC_AGGREGATE_FEED_H_

#include "absl/status/status.h"
#include "core/record_facts.h"
#include "dangjian/aggregate.h"

namespace dangjian {
namespace internal {

// Counts a member as Add() counts a parsed record holding it. `aggregator`
// must come from Aggregator::Create(). Returns FailedPrecondition after
// Finish(), else OK.
absl::Status AddMemberFacts(Aggregator* aggregator, const MemberFacts& member);
// The same for a host organization.
absl::Status AddHostFacts(Aggregator* aggregator, const HostFacts& host);
// The same for funding.
absl::Status AddFundingFacts(Aggregator* aggregator,
                             const FundingFacts& funding);
// The same for a venue.
absl::Status AddVenueFacts(Aggregator* aggregator, const VenueFacts& venue);
// The same for an activity.
absl::Status AddActivityFacts(Aggregator* aggregator,
                              const ActivityFacts& activity);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_AGGREGATE_FEED_H_
