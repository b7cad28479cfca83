// The run-level transfer rules (member.transfer.unmatched, .overdue): the
// verdicts of core/transfers.h as findings.
#include "core/transfers.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/calendar.h"
#include "validate/engine.h"
#include "validate/per_record.h"

namespace dangjian {
namespace internal {

v1::TransferLedger NewTransferLedger(const Config& config) {
  std::vector<std::string> off;
  for (Rule r : {Rule::kTransferUnmatched, Rule::kTransferOverdue}) {
    if (!config.On(r)) off.emplace_back(GetRuleDef(r).id);
  }
  return NewTransferLedger(config.policy.transfer_letter_valid_days(), off);
}

void CheckTransfers(const Config& config, const v1::TransferLedger& ledger,
                    Sink* sink) {
  const int64_t valid = ledger.letter_valid_days();
  for (const TransferVerdict& v : JudgeTransfers(ledger, config.as_of)) {
    const v1::TransferSide& s = ledger.sides(v.side);
    const Ymd on = ToYmd(s.on());
    const Ymd out_on = ToYmd(s.paired_out_on());
    // The other side as an officer knows it: its name, then its county's
    // id.
    const std::string where =
        s.counterpart().empty() ? s.counterpart_region_id()
                                : absl::StrCat(s.counterpart(), "（",
                                               s.counterpart_region_id(), "）");
    auto location = [&s]() -> const v1::SourceLocation& {
      return s.location();
    };
    const std::string field =
        absl::StrCat("events[", s.event_index(), "].letter_number");
    switch (v.kind) {
      case TransferVerdict::kNoOut:
        sink->Add(
            Rule::kTransferUnmatched, "member", s.member_id(), location, field,
            Zh("组织关系转入（", DateText(on), "，介绍信 ", s.letter_number(),
               "）在转出方 ", where, " 无对应的组织关系转出"),
            "transfer in on ", DateText(on), " (letter ", s.letter_number(),
            ") has no transfer out of the person "
            "with that letter in the sending county ",
            where, ", which the run has read");
        break;
      case TransferVerdict::kInBeforeOut:
        sink->Add(
            Rule::kTransferUnmatched, "member", s.member_id(), location, field,
            Zh("组织关系转入（", DateText(on), "，介绍信 ", s.letter_number(),
               "）早于对应的组织关系转出（", DateText(out_on), "）"),
            "transfer in on ", DateText(on), " (letter ", s.letter_number(),
            ") is dated before its transfer out on ", DateText(out_on));
        break;
      case TransferVerdict::kNotReceived:
        sink->Add(
            Rule::kTransferOverdue, "member", s.member_id(), location, field,
            Zh("组织关系转出（", DateText(on), "，介绍信 ", s.letter_number(),
               "）已过 ", v.days, " 天，超过介绍信有效期 ", valid,
               " 天，接收方 ", where, " 仍未登记转入"),
            "transfer out on ", DateText(on), " (letter ", s.letter_number(),
            ") is ", v.days, " days old, past the letter's ", valid,
            " days, and the receiving county ", where, " has no transfer in");
        break;
      case TransferVerdict::kReceivedLate:
        sink->Add(
            Rule::kTransferOverdue, "member", s.member_id(), location, field,
            Zh("组织关系转入（", DateText(on), "，介绍信 ", s.letter_number(),
               "）晚于转出（", DateText(out_on), "）", v.days,
               " 天，超过介绍信有效期 ", valid, " 天"),
            "transfer in on ", DateText(on), " (letter ", s.letter_number(),
            ") came ", v.days, " days after its transfer out on ",
            DateText(out_on), ", past the letter's ", valid, " days");
        break;
    }
  }
}

}  // namespace internal
}  // namespace dangjian
