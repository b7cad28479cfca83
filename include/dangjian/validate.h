// Validation: checks a ledger against the party regulations and data integrity,
// and reports every problem found, located and explained, in one pass.
//
// A Validator runs the rule catalogue (docs/rules.md; RuleCatalogue() at run
// time) over a whole v1::Dataset, or over v1::Records fed one at a time and a
// final Finish(). Invalid data is not a failed call: the status is OK and the
// v1::ValidationReport lists findings. A non-OK status means the call could not
// run (an inconsistent policy, an unknown rule id in the options).
//
// Memory: per-record rules keep nothing. Cross-record rules (duplicates,
// references, counts, coverage) keep a compact index of the records fed since
// the last Finish(): memory is proportional to the shard being checked (a
// county's ledger), never to the nation. Feed a national run shard by shard,
// calling Finish() after each; references that cross shards are then reported
// as unknown, so shard by the unit that owns the references (a county).
// The transfer rules (member.transfer.unmatched, .overdue) pair a member's
// transfer out in one county with the transfer in of another: a Validator
// judges the transfers of the records fed since the last Finish() among
// themselves; RunPipeline() (dangjian/pipeline.h) judges them across every
// shard of a run, and FinishReport() across every partial report merged.
#ifndef DANGJIAN_VALIDATE_H_
#define DANGJIAN_VALIDATE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/export.h"
#include "dangjian/policy.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/policy.pb.h"
#include "dangjian/v1/validation.pb.h"

namespace dangjian {

class ValidatorFeed;  // The library's own pipeline's access (not an API).

// One rule of the catalogue, as documented in docs/rules.md.
struct RuleInfo {
  // The stable dotted id, e.g. "member.national_id.checksum".
  std::string rule_id;
  // The severity the rule reports at unless overridden.
  v1::Severity default_severity = v1::SEVERITY_ERROR;
  // What the rule checks, in one English sentence.
  std::string summary;
  // Where the rule comes from: "regulation: ...", "standard: GB 11643-1999",
  // "article: ..." or "integrity".
  std::string source;
};

// Returns every rule of the catalogue, sorted by rule id. Thread-safe.
//
// Example:
//   for (const dangjian::RuleInfo& r : dangjian::RuleCatalogue())
//     std::cout << r.rule_id << "\n";
DANGJIAN_EXPORT std::vector<RuleInfo> RuleCatalogue();

// Options of a Validator. Add fields at the end.
struct ValidatorOptions {
  // The thresholds the data is judged by. The validator uses this policy, not
  // one carried by a dataset or stream header: pass that one here to use it.
  // Default: DefaultPolicy().
  v1::Policy policy = DefaultPolicy();
  // Per-rule switches: disable a rule or change its severity. Each rule_id must
  // be in RuleCatalogue(); a later override of the same rule wins.
  // Default: none (every rule on, at its default severity).
  std::vector<v1::RuleOverride> rule_overrides;
  // The date "in the future" is judged against, and the date that ends the
  // quarters checked for heart-to-heart meetings, overdue probation and the
  // star-rating year; members are counted by their status at the end of its
  // year. A Date with year 0 means the data's own date: the as_of of the
  // dataset's provenance (Validate()), or of a stream header record fed to
  // Add() before the stream's records (until Finish()); else today (UTC).
  // Default: the data's own date, else today.
  v1::Date as_of;
  // At most this many findings are kept in a report; the rest are counted
  // (rule_counts, *_count and findings_omitted stay exact) but not listed.
  // Those kept are the first by the report's sort order (record kind, record
  // id, rule, field, message, then where: file, record, line, sheet, byte,
  // column), whatever the order the records came in: a capped list is the
  // first findings of the uncapped one. 0 means no cap.
  // Default: 100000.
  int64_t max_findings = 100000;
  // Run the cross-record rules (duplicates, references, counts, 1+N, coverage).
  // Off, the validator keeps no index and only per-record rules run.
  // Default: true.
  bool cross_record_checks = true;
  // A single funding amount above this many fen is reported as absurd
  // (funding.amount.absurd).
  // Default: 10,000,000,000 fen (100 million yuan).
  int64_t max_plausible_funding_fen = int64_t{10000000000};
};

// Checks ledgers against the rule catalogue.
//
// Example (batch):
//   dangjian::ValidatorOptions options;
//   options.policy = *dangjian::LoadPolicyJsonFile("province.json");
//   auto validator = dangjian::Validator::Create(options);
//   if (!validator.ok()) { std::cerr << validator.status(); return 2; }
//   absl::StatusOr<dangjian::v1::ValidationReport> report =
//       (*validator)->Validate(dataset);
//   for (const auto& f : report->findings()) std::cout << f.message() << "\n";
//
// Example (streaming, one county at a time):
//   for (const dangjian::v1::Record& r : county_records) {
//     (*validator)->Add(r);  // or Add(r, &location) to locate findings
//   }
//   absl::StatusOr<dangjian::v1::ValidationReport> report =
//       (*validator)->Finish();
//
// The findings of Finish() equal those of Validate() over the same records in
// any order, except for `location`, which is what the caller passed to Add()
// (batch: the record's index in ForEachRecord() order). When two records share
// an id, cross-record rules that look the id up use the first one fed.
//
// Thread-safety: Validate() is const and thread-safe. Add() and Finish() change
// the stream state: one thread at a time, and not concurrently with each other.
class DANGJIAN_EXPORT Validator {
 public:
  // Returns a validator; InvalidArgument when options.policy fails
  // CheckPolicy() (call FillPolicyDefaults() on a partial policy), when a
  // rule override names a rule not in RuleCatalogue(), when options.as_of is
  // not a valid calendar date, or when max_findings is negative.
  static absl::StatusOr<std::unique_ptr<Validator>> Create(
      const ValidatorOptions& options);

  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // Validates a whole dataset (its policy field is ignored: see
  // ValidatorOptions::policy). Locations carry the record's index in
  // ForEachRecord() order. Returns OK with the report whatever the data; does
  // not touch the stream state.
  absl::StatusOr<v1::ValidationReport> Validate(
      const v1::Dataset& dataset) const;

  // Feeds one record of the stream. `location`, when given, is copied into
  // the record's findings; otherwise the location's record_index is the
  // number of records fed before this one since the last Finish(). Trailer
  // records are skipped; a header record is not checked, but its
  // provenance's as_of becomes the stream's date when options.as_of was
  // unset (feed it first). Returns OK (findings wait for Finish()).
  absl::Status Add(const v1::Record& record,
                   const v1::SourceLocation* location = nullptr);

  // Runs the cross-record rules over the records fed since the last Finish(),
  // returns the report of the whole stream, and resets the stream for the
  // next shard. Returns OK with the report.
  absl::StatusOr<v1::ValidationReport> Finish();

 private:
  friend class ValidatorFeed;
  struct Impl;
  explicit Validator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Parses a policy from protobuf's JSON mapping (lowerCamelCase or snake_case
// field names), fills unset fields from DefaultPolicy() (FillPolicyDefaults)
// and checks it (CheckPolicy).
//
// Example:
//   absl::StatusOr<dangjian::v1::Policy> p = dangjian::PolicyFromJson(
//       R"({"jointBranchMaxUnits": 6})");
//
// Returns the policy, or InvalidArgument with what is wrong: a JSON error or
// the first inconsistent field. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<v1::Policy> PolicyFromJson(StringArg json);

// Reads a file once (a pipe or FIFO as well) and parses it with
// PolicyFromJson(). Returns the policy; NotFound when the file does not exist
// (Unavailable when it cannot be opened); ResourceExhausted naming the file
// when it is larger than 4 MiB (an endless input such as /dev/zero ends
// there); InvalidArgument naming the file when it is not a valid policy.
// Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<v1::Policy> LoadPolicyJsonFile(StringArg path);

}  // namespace dangjian

#endif  // DANGJIAN_VALIDATE_H_
