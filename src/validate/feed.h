// What the pipeline feeds a validator besides the public Add() calls: a
// record decoded once, into facts, and joined once, into the shard's index,
// for the validator and the aggregator (internal).
#ifndef DANGJIAN_SRC_VALIDATE_FEED_H_
#define DANGJIAN_SRC_VALIDATE_FEED_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "core/record_facts.h"
#include "core/shard_index.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"
#include "dangjian/v1/validation.pb.h"
#include "dangjian/validate.h"

namespace dangjian {

// Declared a friend by Validator: what the pipeline adds to its public calls.
class ValidatorFeed {
 public:
  // Makes `validator` number the ids of the records fed until its next
  // Finish() in `index` (which must outlive that Finish()), shared with an
  // aggregator, instead of an index of its own. Only before the first
  // record after Create() or Finish(), and after the aggregator's
  // UseShardIndex(). The validator reads the index's member counts and
  // units' coverage by party organizations when the index counts them as
  // of its own year, else counts its own: each member and organization
  // must then reach the index through one join (aggregate/feed.h).
  static void UseShardIndex(Validator* validator, internal::ShardIndex* index);
  // Makes room in `validator` for `members` member, `hosts` host
  // organization and `orgs` party organization records before its next
  // Finish(), as the pipeline does for a county: growing the room record by
  // record copied the entries a dozen times.
  static void Reserve(Validator* validator, size_t members, size_t hosts,
                      size_t orgs);
  // Makes `validator`'s Finish() calls leave the run-level transfer rules
  // (core/transfers.h) to the run: each Finish() settles the stream's
  // transfers into a ledger TakeTransfers() then gives, instead of judging
  // them among themselves.
  static void KeepTransfers(Validator* validator);
  static v1::TransferLedger TakeTransfers(Validator* validator);
  // The findings of the run-level transfer rules on `ledger` (the run's,
  // merged and settled) as of `as_of` (a full calendar date), under
  // `options`' rule switches and severities: findings listed up to
  // options.max_findings, counts exact. InvalidArgument for options
  // Validator::Create() refuses.
  static absl::StatusOr<v1::ValidationReport> JudgeTransfers(
      const ValidatorOptions& options, const v1::TransferLedger& ledger,
      const v1::Date& as_of);
  // For an entity in Record field `field` that the validator keeps whole
  // until its next Finish(), a record on its own arena: parsed there and
  // given to AddKept(), it is kept without a copy. Null for any other field
  // (and when cross-record checks are off: nothing is kept).
  static v1::Record* NewRecord(Validator* validator, int field);
  // Validator::Add(`record`, `location`) for a record NewRecord() made that
  // holds an entity (not a stream's header or trailer).
  static void AddKept(Validator* validator, const v1::Record& record,
                      const v1::SourceLocation& location);
  // Checks a record decoded into facts (a member, host or party
  // organization, funding, venue, activity, grid, cadre assignment or annual
  // result: the kinds of core/record_facts.h), its ids numbered by
  // JoinFacts() in that index, as Validator::Add() checks a parsed record
  // holding it, found at `location`. Instantiated in validator.cc for those
  // kinds, each with its own Join.
  template <typename Facts, typename Join>
  static void Add(Validator* validator, const Facts& facts, const Join& join,
                  const v1::SourceLocation& location);
};

}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_FEED_H_
