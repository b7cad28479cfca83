// What the pipeline feeds a validator besides the public Add() calls: a
// record decoded once, into facts, for the validator and the aggregator
// (internal).
#ifndef DANGJIAN_SRC_VALIDATE_FEED_H_
#define DANGJIAN_SRC_VALIDATE_FEED_H_

#include "core/record_facts.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/validate.h"

namespace dangjian {

// Declared a friend by Validator: what the pipeline adds to its public calls.
class ValidatorFeed {
 public:
  // Checks a member as Validator::Add() checks a parsed record holding it,
  // found at `location`.
  static void AddMember(Validator* validator,
                        const internal::MemberFacts& member,
                        const v1::SourceLocation& location);
  // The same for a host organization.
  static void AddHost(Validator* validator, const internal::HostFacts& host,
                      const v1::SourceLocation& location);
  // The same for funding.
  static void AddFunding(Validator* validator,
                         const internal::FundingFacts& funding,
                         const v1::SourceLocation& location);
  // The same for a venue.
  static void AddVenue(Validator* validator, const internal::VenueFacts& venue,
                       const v1::SourceLocation& location);
  // The same for an activity.
  static void AddActivity(Validator* validator,
                          const internal::ActivityFacts& activity,
                          const v1::SourceLocation& location);
};

}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_FEED_H_
