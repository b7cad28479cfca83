// The transfers of organizational relationship (组织关系转接) across the
// shards of a run (internal): each member record's dated transfer out or in
// with a letter number is one side in a ledger (v1::TransferLedger); ledgers
// merge exactly, pairing the two sides of a transfer wherever they were
// read; what stays open, or paired but disagreeing, is judged once the run
// has read everything (member.transfer.unmatched, member.transfer.overdue).
// The validator collects the sides of a shard; the pipeline merges the
// shards' ledgers and judges them; a partial report carries its ledger so
// that `merge` and the cluster run judge the whole region tree the same way.
#ifndef DANGJIAN_SRC_CORE_TRANSFERS_H_
#define DANGJIAN_SRC_CORE_TRANSFERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/calendar.h"
#include "core/record_facts.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {
namespace internal {

// The ids of the run-level transfer rules (src/validate/rules.cc lists them
// with their texts).
inline constexpr absl::string_view kTransferUnmatchedRule =
    "member.transfer.unmatched";
inline constexpr absl::string_view kTransferOverdueRule =
    "member.transfer.overdue";

// A ledger for a run under `letter_valid_days` (Policy) with the rules named
// in `rules_off` switched off: empty, its settings set.
v1::TransferLedger NewTransferLedger(int32_t letter_valid_days,
                                     const std::vector<std::string>& rules_off);

// Whether a membership event of kind `kind` is a transfer (in or out), and
// whether `d` dates a side: at least its year, a valid date. What
// AddTransferSide() takes, and what a partial report's ledger must hold.
bool IsTransferKind(int kind);
bool DatesATransferSide(const Ymd& d);

// Adds to `ledger` the side of event `event_index` of member `m`, read at
// `where` (file, line, record index), when the event is a transfer in or
// out dated at least to the year, with a letter number, of a member with a
// resident ID: its key is the letter number (masked, with its checksum) and
// the member's masked resident ID (spaces and hyphens left out), so that no
// resident ID enters the ledger whole. Returns whether it added one. The
// ledger is unsorted until SettleTransfers().
bool AddTransferSide(const MemberFacts& m, int event_index,
                     const v1::SourceLocation& where,
                     v1::TransferLedger* ledger);

// Adds the id of a Region record of level `level` to the regions the ledger
// has read, when the level is COUNTY (masked, as a side's counterpart
// region is).
void AddTransferRegion(absl::string_view region_id, int level,
                       v1::TransferLedger* ledger);

// Sorts the ledger's sides (by key, kind, date, member id, location) and its
// regions (without repeats), and pairs the sides of each key: its i-th
// unpaired transfer out, in that order, with its i-th unpaired transfer in.
// A pair that agrees (the transfer in on or after the out and, both dated
// to the day, within the letter's days) leaves the ledger; one that does not
// keeps its transfer in, marked with the out's date (paired_out_on), for the
// finding. Pairing is exact for any order of merging when a key has at most one
// side of each kind, as an honest ledger has; a letter recorded twice for one
// person and one kind is paired in the order the merges meet its sides.
void SettleTransfers(v1::TransferLedger* ledger);

// Adds `from`'s sides and regions to `into`, unsettled (to settle once
// after many). InvalidArgument when both have settings (letter days, rules
// off) and they differ; an empty `into` takes `from`'s.
absl::Status AddTransferLedger(const v1::TransferLedger& from,
                               v1::TransferLedger* into);

// AddTransferLedger(), then SettleTransfers(into).
absl::Status MergeTransferLedgers(const v1::TransferLedger& from,
                                  v1::TransferLedger* into);

// What is wrong with one side of a settled ledger.
struct TransferVerdict {
  enum Kind {
    // A transfer in whose transfer out, in a county the run has read, is
    // not there (kNoOut), or is dated after it (kInBeforeOut).
    kNoOut,
    kInBeforeOut,
    // A transfer out to a county the run has read, not received there
    // within the letter's days (kNotReceived); a transfer in received more
    // than the letter's days after its out (kReceivedLate).
    kNotReceived,
    kReceivedLate,
  };
  Kind kind;
  // The side, an index into the ledger's sides.
  int side = 0;
  // kNotReceived: days from the transfer out to `as_of`; kReceivedLate and
  // kInBeforeOut: days from the out to the in (negative for kInBeforeOut).
  int64_t days = 0;

  // The rule: kTransferUnmatchedRule for kNoOut and kInBeforeOut, else
  // kTransferOverdueRule.
  absl::string_view rule() const {
    return kind == kNoOut || kind == kInBeforeOut ? kTransferUnmatchedRule
                                                  : kTransferOverdueRule;
  }
};

// The verdicts on a settled ledger as of `as_of` (a full calendar date), in
// the order of its sides, of the rules not switched off in it.
std::vector<TransferVerdict> JudgeTransfers(const v1::TransferLedger& ledger,
                                            const Ymd& as_of);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_TRANSFERS_H_
