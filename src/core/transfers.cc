#include "core/transfers.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/crc32.h"
#include "core/utf8.h"
#include "dangjian/personal_data.h"
#include "dangjian/v1/member.pb.h"
#include "dangjian/v1/region.pb.h"

namespace dangjian {
namespace internal {
namespace {

int64_t Day(const v1::Date& d) {
  return DayNumber(d.year(), d.month(), d.day());
}

bool Full(const v1::Date& d) {
  return IsValidFullDate(Ymd{d.year(), d.month(), d.day()});
}

// Whether a transfer in on `in` agrees with its transfer out on `out`: not
// before it and, both dates full, within `valid` days of it.
bool Agree(const v1::Date& in, const v1::Date& out, int64_t valid) {
  if (Full(in) && Full(out)) {
    const int64_t days = Day(in) - Day(out);
    return days >= 0 && days <= valid;
  }
  return CompareDates(ToYmd(in), ToYmd(out)) >= 0;
}

// The order of sides in a settled ledger: total, so that any order of
// merging sorts the same sides alike.
auto SortKey(const v1::TransferSide& s) {
  const v1::SourceLocation& l = s.location();
  return std::make_tuple(
      absl::string_view(s.key()), static_cast<int>(s.kind()), s.on().year(),
      s.on().month(), s.on().day(), s.has_paired_out_on(),
      s.paired_out_on().year(), s.paired_out_on().month(),
      s.paired_out_on().day(), absl::string_view(s.member_id()),
      s.event_index(), absl::string_view(s.letter_number()),
      absl::string_view(s.counterpart()),
      absl::string_view(s.counterpart_region_id()), absl::string_view(l.file()),
      absl::string_view(l.sheet()), l.record_index(), l.line(), l.byte_offset(),
      l.column());
}

// A resident ID as both sides of a transfer may have typed it: digits and
// X, spaces and hyphens left out, then masked.
std::string PersonKey(absl::string_view national_id) {
  std::string id;
  for (char c : national_id) {
    if (c == ' ' || c == '-') continue;
    id.push_back(c == 'x' ? 'X' : c);
  }
  return MaskNationalId(id);
}

// Sorts sides by SortKey().
void SortSides(google::protobuf::RepeatedPtrField<v1::TransferSide>* sides) {
  std::sort(sides->pointer_begin(), sides->pointer_end(),
            [](const v1::TransferSide* a, const v1::TransferSide* b) {
              return SortKey(*a) < SortKey(*b);
            });
}

// Rule ids sorted, each once.
std::vector<std::string> SortedRules(std::vector<std::string> rules) {
  std::sort(rules.begin(), rules.end());
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  return rules;
}

bool HasSettings(const v1::TransferLedger& l) {
  return l.letter_valid_days() != 0 || l.rules_off_size() != 0;
}

bool Off(const v1::TransferLedger& l, absl::string_view rule) {
  return std::find(l.rules_off().begin(), l.rules_off().end(), rule) !=
         l.rules_off().end();
}

}  // namespace

bool IsTransferKind(int kind) {
  return kind == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN ||
         kind == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT;
}

bool DatesATransferSide(const Ymd& d) { return d.y != 0 && IsValidDate(d); }

v1::TransferLedger NewTransferLedger(
    int32_t letter_valid_days, const std::vector<std::string>& rules_off) {
  v1::TransferLedger l;
  l.set_letter_valid_days(letter_valid_days);
  for (std::string& r : SortedRules(rules_off)) l.add_rules_off(std::move(r));
  return l;
}

bool AddTransferSide(const MemberFacts& m, int event_index,
                     const v1::SourceLocation& where,
                     v1::TransferLedger* ledger) {
  const MembershipEventFacts& e = m.events[static_cast<size_t>(event_index)];
  // A side is known by its letter and its person: without either it pairs
  // with nothing. A date to the month or the year pairs, but is not judged
  // by days.
  if (!IsTransferKind(e.kind) || !e.has_on ||
      !DatesATransferSide(Ymd{e.year, e.month, e.day}) ||
      e.letter_number.empty() || m.national_id.empty()) {
    return false;
  }
  v1::TransferSide* s = ledger->add_sides();
  // No part whole if it is personal data, both sides masked alike; the
  // letter's checksum tells apart letters its mask would make one.
  const uint32_t letter_crc =
      Crc32(0, e.letter_number.data(), e.letter_number.size());
  s->set_key(ToValidUtf8(absl::StrCat(MaskPersonalData(e.letter_number), "#",
                                      absl::Hex(letter_crc, absl::kZeroPad8),
                                      "|", PersonKey(m.national_id))));
  s->set_kind(static_cast<v1::MembershipEventKind>(e.kind));
  s->mutable_on()->set_year(e.year);
  s->mutable_on()->set_month(e.month);
  s->mutable_on()->set_day(e.day);
  s->set_counterpart_region_id(
      ToValidUtf8(MaskPersonalData(e.counterpart_region_id)));
  s->set_member_id(ToValidUtf8(MaskPersonalData(m.id)));
  s->set_event_index(event_index);
  s->set_letter_number(ToValidUtf8(MaskPersonalData(e.letter_number)));
  s->set_counterpart(ToValidUtf8(MaskPersonalData(e.counterpart)));
  v1::SourceLocation* at = s->mutable_location();
  // Named as a finding names it; a partial report holds it (proto3 strings:
  // a file named in GBK must not make the partial unparseable).
  at->set_file(ToValidUtf8(MaskPersonalData(where.file())));
  at->set_sheet(ToValidUtf8(where.sheet()));
  at->set_line(where.line());
  at->set_record_index(where.record_index());
  at->set_byte_offset(where.byte_offset());
  return true;
}

void AddTransferRegion(absl::string_view region_id, int level,
                       v1::TransferLedger* ledger) {
  // Masked as a side's counterpart is, so that the two compare.
  if (level == v1::REGION_LEVEL_COUNTY && !region_id.empty()) {
    ledger->add_region_ids(ToValidUtf8(MaskPersonalData(region_id)));
  }
}

void SettleTransfers(v1::TransferLedger* ledger) {
  auto* regions = ledger->mutable_region_ids();
  std::sort(regions->begin(), regions->end());
  regions->erase(std::unique(regions->begin(), regions->end()), regions->end());

  auto* sides = ledger->mutable_sides();
  SortSides(sides);
  // Sorted by key, then kind: a key's transfers in (1) come before its
  // transfers out (2), each kind by date.
  std::vector<bool> keep(static_cast<size_t>(sides->size()), true);
  const int64_t valid = ledger->letter_valid_days();
  for (int begin = 0; begin < sides->size();) {
    int end = begin;
    while (end < sides->size() &&
           sides->Get(end).key() == sides->Get(begin).key()) {
      ++end;
    }
    std::vector<int> ins, outs;
    for (int i = begin; i < end; ++i) {
      const v1::TransferSide& s = sides->Get(i);
      if (s.kind() == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT) {
        outs.push_back(i);
      } else if (!s.has_paired_out_on()) {
        ins.push_back(i);
      }
    }
    for (size_t k = 0; k < ins.size() && k < outs.size(); ++k) {
      v1::TransferSide* in = sides->Mutable(ins[k]);
      const v1::TransferSide& out = sides->Get(outs[k]);
      keep[static_cast<size_t>(outs[k])] = false;
      if (Agree(in->on(), out.on(), valid)) {
        keep[static_cast<size_t>(ins[k])] = false;
      } else {
        *in->mutable_paired_out_on() = out.on();
      }
    }
    begin = end;
  }
  int kept = 0;
  for (int i = 0; i < sides->size(); ++i) {
    if (keep[static_cast<size_t>(i)]) sides->SwapElements(kept++, i);
  }
  sides->DeleteSubrange(kept, sides->size() - kept);
  // Marking a transfer in as paired moves it within its key.
  SortSides(sides);
}

absl::Status AddTransferLedger(const v1::TransferLedger& from,
                               v1::TransferLedger* into) {
  auto set = [](const v1::TransferLedger& l) {
    return SortedRules({l.rules_off().begin(), l.rules_off().end()});
  };
  if (HasSettings(from) && HasSettings(*into) &&
      (from.letter_valid_days() != into->letter_valid_days() ||
       set(from) != set(*into))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the transfers were judged under different settings (letter valid "
        "for ",
        from.letter_valid_days(), " and ", into->letter_valid_days(),
        " days, or other rules switched off): merge partial reports of "
        "one policy and one set of rules"));
  }
  if (!HasSettings(*into)) {
    into->set_letter_valid_days(from.letter_valid_days());
    *into->mutable_rules_off() = from.rules_off();
  }
  for (const v1::TransferSide& s : from.sides()) *into->add_sides() = s;
  for (const std::string& r : from.region_ids()) into->add_region_ids(r);
  return absl::OkStatus();
}

absl::Status MergeTransferLedgers(const v1::TransferLedger& from,
                                  v1::TransferLedger* into) {
  if (absl::Status s = AddTransferLedger(from, into); !s.ok()) return s;
  if (from.sides_size() != 0 || from.region_ids_size() != 0) {
    SettleTransfers(into);
  }
  return absl::OkStatus();
}

std::vector<TransferVerdict> JudgeTransfers(const v1::TransferLedger& ledger,
                                            const Ymd& as_of) {
  std::vector<TransferVerdict> out;
  const bool unmatched = !Off(ledger, kTransferUnmatchedRule);
  const bool overdue = !Off(ledger, kTransferOverdueRule);
  const int64_t valid = ledger.letter_valid_days();
  const int64_t today = DayNumber(as_of.y, as_of.m, as_of.d);
  auto in_run = [&](const std::string& region) {
    return !region.empty() &&
           std::binary_search(ledger.region_ids().begin(),
                              ledger.region_ids().end(), region);
  };
  for (int i = 0; i < ledger.sides_size(); ++i) {
    const v1::TransferSide& s = ledger.sides(i);
    const bool full = Full(s.on());
    const int64_t on = full ? Day(s.on()) : 0;
    if (s.has_paired_out_on()) {
      // Days only between two full dates; else the order, at the precision
      // both have.
      const bool both = full && Full(s.paired_out_on());
      const int64_t days = both ? on - Day(s.paired_out_on()) : 0;
      const bool before =
          both ? days < 0
               : CompareDates(ToYmd(s.on()), ToYmd(s.paired_out_on())) < 0;
      if (before && unmatched) {
        out.push_back({TransferVerdict::kInBeforeOut, i, days});
      } else if (!before && days > valid && overdue) {
        out.push_back({TransferVerdict::kReceivedLate, i, days});
      }
    } else if (!in_run(s.counterpart_region_id())) {
      continue;  // The other side's county is not in the run.
    } else if (s.kind() == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN) {
      if (unmatched) {
        out.push_back({TransferVerdict::kNoOut, i, 0});
      }
    } else if (full && today - on > valid && overdue) {
      out.push_back({TransferVerdict::kNotReceived, i, today - on});
    }
  }
  return out;
}

}  // namespace internal
}  // namespace dangjian
