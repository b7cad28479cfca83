// What the pipeline feeds a validator besides the public Add() calls: a
// record decoded once, into facts, and joined once, into the shard's index,
// for the validator and the aggregator (internal).
#ifndef DANGJIAN_SRC_VALIDATE_FEED_H_
#define DANGJIAN_SRC_VALIDATE_FEED_H_

#include "core/record_facts.h"
#include "core/shard_index.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/validate.h"

namespace dangjian {

// Declared a friend by Validator: what the pipeline adds to its public calls.
class ValidatorFeed {
 public:
  // Makes `validator` number the ids of the records fed until its next
  // Finish() in `index` (which must outlive that Finish()), shared with an
  // aggregator, instead of an index of its own. Only before the first
  // record after Create() or Finish().
  static void UseShardIndex(Validator* validator, internal::ShardIndex* index);
  // For an entity in Record field `field` that the validator keeps whole
  // until its next Finish(), a record on its own arena: parsed there and
  // given to AddKept(), it is kept without a copy. Null for any other field
  // (and when cross-record checks are off: nothing is kept).
  static v1::Record* NewRecord(Validator* validator, int field);
  // Validator::Add(`record`, `location`) for a record NewRecord() made that
  // holds an entity (not a stream's header or trailer).
  static void AddKept(Validator* validator, const v1::Record& record,
                      const v1::SourceLocation& location);
  // Checks a member, its ids numbered by JoinFacts() in that index, as
  // Validator::Add() checks a parsed record holding it, found at `location`.
  static void Add(Validator* validator, const internal::MemberFacts& member,
                  const internal::MemberJoin& join,
                  const v1::SourceLocation& location);
  // The same for a host organization, a party organization, funding, a
  // venue, an activity, a grid, a cadre assignment and a unit's annual
  // result.
  static void Add(Validator* validator, const internal::HostFacts& host,
                  const internal::HostJoin& join,
                  const v1::SourceLocation& location);
  static void Add(Validator* validator, const internal::OrgFacts& org,
                  const internal::OrgJoin& join,
                  const v1::SourceLocation& location);
  static void Add(Validator* validator, const internal::FundingFacts& funding,
                  const internal::FundingJoin& join,
                  const v1::SourceLocation& location);
  static void Add(Validator* validator, const internal::VenueFacts& venue,
                  const internal::VenueJoin& join,
                  const v1::SourceLocation& location);
  static void Add(Validator* validator, const internal::ActivityFacts& activity,
                  const internal::ActivityJoin& join,
                  const v1::SourceLocation& location);
  static void Add(Validator* validator, const internal::GridFacts& grid,
                  const internal::GridJoin& join,
                  const v1::SourceLocation& location);
  static void Add(Validator* validator, const internal::CadreFacts& cadre,
                  const internal::CadreJoin& join,
                  const v1::SourceLocation& location);
  static void Add(Validator* validator, const internal::ResultFacts& result,
                  const internal::ResultJoin& join,
                  const v1::SourceLocation& location);
};

}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_FEED_H_
