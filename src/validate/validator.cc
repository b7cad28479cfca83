#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/facts_kinds.h"
#include "core/transfers.h"
#include "core/utf8.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "dangjian/validate.h"
#include "google/protobuf/util/json_util.h"
#include "io/input.h"
#include "io/json_check.h"
#include "validate/engine.h"
#include "validate/feed.h"

namespace dangjian {
namespace internal {
namespace {

// The report's order of findings: by record kind, id, rule, field and
// message, then where, then the rest. A total order over what a finding
// holds, so that a capped list is the first findings of the full one, the
// same whatever the cap and the order of arrival (findings equal in all but
// the sheet of a workbook came out in the heap's order). Sink::Count()
// compares the first four fields alone.
auto SortKey(const v1::Finding& f) {
  const v1::SourceLocation& at = f.location();
  return std::make_tuple(
      absl::string_view(f.record_kind()), absl::string_view(f.record_id()),
      absl::string_view(f.rule_id()), absl::string_view(f.field_path()),
      absl::string_view(f.message()), absl::string_view(at.file()),
      at.record_index(), at.line(), absl::string_view(at.sheet()),
      at.byte_offset(), at.column(), absl::string_view(f.message_zh()),
      static_cast<int>(f.severity()));
}

bool FindingLess(const v1::Finding& a, const v1::Finding& b) {
  return SortKey(a) < SortKey(b);
}

}  // namespace

// RecordKindName() without the descriptor lookup: this runs per record.
absl::string_view KindName(const v1::Record& r) {
  switch (r.entity_case()) {
    case v1::Record::kRegion:
      return "region";
    case v1::Record::kGrid:
      return "grid";
    case v1::Record::kHostOrganization:
      return "host_organization";
    case v1::Record::kPartyOrganization:
      return "party_organization";
    case v1::Record::kVenue:
      return "venue";
    case v1::Record::kFunding:
      return "funding";
    case v1::Record::kMember:
      return "member";
    case v1::Record::kCadreAssignment:
      return "cadre_assignment";
    case v1::Record::kReserveTalent:
      return "reserve_talent";
    case v1::Record::kActivity:
      return "activity";
    case v1::Record::kHostAnnualResult:
      return "host_annual_result";
    case v1::Record::kRegionEconomy:
      return "region_economy";
    case v1::Record::kStarAssessment:
      return "star_assessment";
    default:
      return RecordKindName(r);
  }
}

namespace {

// An amount in fen as yuan with two decimals, then `unit`.
std::string YuanWith(int64_t fen, absl::string_view unit) {
  // Unsigned, so that INT64_MIN has a magnitude too.
  const uint64_t a = fen < 0 ? uint64_t{0} - static_cast<uint64_t>(fen)
                             : static_cast<uint64_t>(fen);
  return absl::StrCat(fen < 0 ? "-" : "", a / 100, ".", (a % 100) / 10, a % 10,
                      unit);
}

}  // namespace

std::string Yuan(int64_t fen) { return YuanWith(fen, " yuan"); }

std::string ZhYuan(int64_t fen) { return YuanWith(fen, " 元"); }

absl::string_view ZhTerm(absl::string_view term) {
  const size_t close = term.rfind(')');
  const size_t open = term.rfind('(');
  if (close == absl::string_view::npos || open == absl::string_view::npos ||
      open > close) {
    return term;
  }
  return term.substr(open + 1, close - open - 1);
}

bool Sink::Count(Rule rule, absl::string_view kind, absl::string_view id,
                 absl::string_view field, std::string* masked_id) {
  ++counts_[static_cast<size_t>(rule)];
  const int64_t cap = config_->max_findings;
  // Sorting after the last finding kept on the leading fields of the order,
  // it is only counted: no message to build or mask, no Finding to make.
  // Most such findings differ from it in their kind already, and their id
  // is not masked to place them (a report keeps one finding, and counts).
  const v1::Finding* last = cap == 0 || static_cast<int64_t>(heap_.size()) < cap
                                ? nullptr
                                : &heap_.front();
  const int by_kind = last == nullptr ? -1 : kind.compare(last->record_kind());
  if (by_kind > 0) return false;
  *masked_id = MaskPersonalData(id);
  if (by_kind < 0) return true;
  return !(std::make_tuple(absl::string_view(last->record_id()),
                           absl::string_view(last->rule_id()),
                           absl::string_view(last->field_path())) <
           std::make_tuple(absl::string_view(*masked_id), GetRuleDef(rule).id,
                           field));
}

void Sink::Keep(Rule rule, absl::string_view kind, std::string masked_id,
                const v1::SourceLocation& location, absl::string_view field,
                absl::string_view message, absl::string_view message_zh) {
  const size_t r = static_cast<size_t>(rule);
  const int64_t cap = config_->max_findings;
  const bool full = cap != 0 && static_cast<int64_t>(heap_.size()) >= cap;
  v1::Finding f;
  f.set_rule_id(std::string(GetRuleDef(rule).id));
  f.set_severity(config_->severity[r]);
  f.set_record_kind(std::string(kind));
  // A ledger may use a resident ID as a record id: masked like a message.
  f.set_record_id(std::move(masked_id));
  *f.mutable_location() = location;
  // A file, or a workbook's sheet, may be named after a person's ID, too.
  if (!f.location().file().empty()) {
    f.mutable_location()->set_file(MaskPersonalData(f.location().file()));
  }
  if (!f.location().sheet().empty()) {
    f.mutable_location()->set_sheet(MaskPersonalData(f.location().sheet()));
  }
  f.set_field_path(std::string(field));
  f.set_message(MaskPersonalData(message));
  f.set_message_zh(MaskPersonalData(message_zh));
  if (!full) {
    heap_.push_back(std::move(f));
    if (cap != 0) std::push_heap(heap_.begin(), heap_.end(), FindingLess);
    return;
  }
  if (!FindingLess(f, heap_.front())) return;
  std::pop_heap(heap_.begin(), heap_.end(), FindingLess);
  heap_.back() = std::move(f);
  std::push_heap(heap_.begin(), heap_.end(), FindingLess);
}

void Sink::Finish(v1::ValidationReport* report) {
  std::sort(heap_.begin(), heap_.end(), FindingLess);
  for (v1::Finding& f : heap_) *report->add_findings() = std::move(f);
  heap_.clear();
  std::vector<size_t> order;
  int64_t total = 0;
  for (size_t i = 0; i < kRuleCount; ++i) {
    if (counts_[i] == 0) continue;
    order.push_back(i);
    total += counts_[i];
    switch (config_->severity[i]) {
      case v1::SEVERITY_ERROR:
        report->set_error_count(report->error_count() + counts_[i]);
        break;
      case v1::SEVERITY_WARNING:
        report->set_warning_count(report->warning_count() + counts_[i]);
        break;
      default:
        report->set_info_count(report->info_count() + counts_[i]);
        break;
    }
  }
  std::sort(order.begin(), order.end(), [](size_t a, size_t b) {
    return absl::string_view(GetRuleDefAt(a).id) <
           absl::string_view(GetRuleDefAt(b).id);
  });
  for (size_t i : order) {
    v1::RuleCount* c = report->add_rule_counts();
    c->set_rule_id(GetRuleDefAt(i).id);
    c->set_severity(config_->severity[i]);
    c->set_count(counts_[i]);
  }
  report->set_findings_omitted(total - report->findings_size());
  counts_.fill(0);
}

}  // namespace internal

std::vector<RuleInfo> RuleCatalogue() {
  std::vector<RuleInfo> out;
  out.reserve(internal::kRuleCount);
  for (size_t i = 0; i < internal::kRuleCount; ++i) {
    const internal::RuleDef& d = internal::GetRuleDefAt(i);
    out.push_back(RuleInfo{d.id, d.severity, d.summary, d.source});
  }
  std::sort(out.begin(), out.end(), [](const RuleInfo& a, const RuleInfo& b) {
    return a.rule_id < b.rule_id;
  });
  return out;
}

struct Validator::Impl {
  internal::Config config;
  // ValidatorOptions::as_of was given: a header's date does not replace it.
  bool as_of_given = false;
  // The date when neither the options nor a header give one (today).
  internal::Ymd default_as_of;
  // Stream state.
  internal::Sink sink{&config};
  internal::Index index;
  int64_t fed = 0;
  // ValidatorFeed::KeepTransfers(): Finish() leaves the transfers to the
  // run, in `transfers`.
  bool keep_transfers = false;
  v1::TransferLedger transfers;
  // Reused by Add() so that a record without a location costs no allocation.
  v1::SourceLocation default_location;

  // The date a dataset's or stream header's provenance declares, when the
  // options gave none and it is a full calendar date.
  bool DeclaredAsOf(const v1::Provenance& p, internal::Ymd* as_of) const {
    if (as_of_given || !p.has_as_of()) return false;
    const internal::Ymd d = internal::ToYmd(p.as_of());
    if (!internal::IsValidFullDate(d)) return false;
    *as_of = d;
    return true;
  }

  // Checks `record` and adds it to the index: a copy of it, unless `kept`
  // says it lives on the index's arena until the next Finish().
  static void Feed(const internal::Config& config, const v1::Record& record,
                   const v1::SourceLocation& location, internal::Sink* to,
                   internal::Index* into, bool kept = false) {
    if (record.has_header() || record.has_trailer()) return;
    into->year = config.as_of.y;
    // The kinds read as facts take one route, whether parsed or decoded.
    if (internal::ForFactsKind(record.entity_case(), [&](auto kind) {
          FeedFacts(config, kind, kind.MessageOf(record), location, to, into);
        })) {
      return;
    }
    const internal::RecordRef ref{&record, &location};
    internal::CheckRecord(config, record, ref, to);
    if (config.cross_record) into->Add(record, location, kept);
  }

  // A parsed record of a kind read as facts: its facts, fed, its ids joined
  // in the index's shard index.
  template <typename Kind>
  static void FeedFacts(const internal::Config& config, Kind kind,
                        const typename Kind::Message& message,
                        const v1::SourceLocation& location, internal::Sink* to,
                        internal::Index* into) {
    typename Kind::Facts facts;
    kind.Of(message, &facts);
    if (!config.cross_record) {
      internal::CheckFacts(config, facts, location, to);
      return;
    }
    Fed(config, facts, internal::JoinFacts(facts, &into->ids()), location, to,
        into);
  }

  // A record's facts, their ids numbered by `join`, to the per-record rules
  // and the index.
  static void Fed(const internal::Config& c, const internal::MemberFacts& m,
                  const internal::MemberJoin& join, const v1::SourceLocation& l,
                  internal::Sink* to, internal::Index* into) {
    const uint64_t key = internal::CheckFacts(c, m, l, to);
    if (c.cross_record) into->Add(m, join, l, key);
  }
  template <typename Facts, typename Join>
  static void Fed(const internal::Config& c, const Facts& facts,
                  const Join& join, const v1::SourceLocation& l,
                  internal::Sink* to, internal::Index* into) {
    internal::CheckFacts(c, facts, l, to);
    if (c.cross_record) into->Add(facts, join, l);
  }

  // What ValidatorFeed adds: facts decoded and joined once, to the stream.
  template <typename Facts, typename Join>
  void AddFacts(const Facts& facts, const Join& join,
                const v1::SourceLocation& location) {
    index.year = config.as_of.y;
    Fed(config, facts, join, location, &sink, &index);
    ++fed;
  }

  // The findings of a stream or dataset; its transfers judged among
  // themselves, or, when `transfers_out` is set, settled into it for the
  // run to judge (ValidatorFeed::KeepTransfers()).
  static v1::ValidationReport Report(
      const internal::Config& config, int64_t records, internal::Sink* from,
      internal::Index* index_to_check,
      v1::TransferLedger* transfers_out = nullptr) {
    if (config.cross_record) {
      internal::CheckIndex(config, *index_to_check, from);
      v1::TransferLedger ledger = internal::NewTransferLedger(config);
      // The index's ledger has no settings: the merge cannot refuse it.
      (void)internal::MergeTransferLedgers(index_to_check->transfers, &ledger);
      if (transfers_out != nullptr) {
        *transfers_out = std::move(ledger);
      } else {
        internal::CheckTransfers(config, ledger, from);
      }
    }
    v1::ValidationReport report;
    report.set_policy_version(config.policy.version());
    report.mutable_as_of()->set_year(config.as_of.y);
    report.mutable_as_of()->set_month(config.as_of.m);
    report.mutable_as_of()->set_day(config.as_of.d);
    report.set_records_checked(records);
    from->Finish(&report);
    index_to_check->Clear();
    return report;
  }
};

Validator::Validator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Validator::~Validator() = default;

absl::StatusOr<std::unique_ptr<Validator>> Validator::Create(
    const ValidatorOptions& options) {
  absl::Status s = CheckPolicy(options.policy);
  if (!s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("ValidatorOptions.policy is inconsistent: ", s.message()));
  }
  if (options.max_findings < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("ValidatorOptions.max_findings is ", options.max_findings,
                     "; give 0 (no cap) or a positive cap"));
  }
  if (options.max_plausible_funding_fen <= 0) {
    return absl::InvalidArgumentError(
        "ValidatorOptions.max_plausible_funding_fen must be positive");
  }
  auto impl = std::make_unique<Impl>();
  internal::Config& c = impl->config;
  c.SetPolicy(options.policy);
  if (options.as_of.year() == 0 && options.as_of.month() == 0 &&
      options.as_of.day() == 0) {
    c.as_of = internal::TodayUtc();
    impl->default_as_of = c.as_of;
  } else {
    impl->as_of_given = true;
    c.as_of = internal::ToYmd(options.as_of);
    if (!internal::IsValidFullDate(c.as_of)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "ValidatorOptions.as_of (", c.as_of.y, "-", c.as_of.m, "-", c.as_of.d,
          ") is not a full calendar date; give year, month and day, or leave "
          "it unset for today"));
    }
  }
  for (size_t i = 0; i < internal::kRuleCount; ++i) {
    c.enabled[i] = true;
    c.severity[i] = internal::GetRuleDefAt(i).severity;
  }
  for (const v1::RuleOverride& o : options.rule_overrides) {
    size_t found = internal::kRuleCount;
    for (size_t i = 0; i < internal::kRuleCount; ++i) {
      if (o.rule_id() == internal::GetRuleDefAt(i).id) found = i;
    }
    if (found == internal::kRuleCount) {
      return absl::InvalidArgumentError(absl::StrCat(
          "ValidatorOptions.rule_overrides: unknown rule id \"", o.rule_id(),
          "\"; see RuleCatalogue() or docs/rules.md for the rule ids"));
    }
    if (!v1::Severity_IsValid(o.severity())) {
      return absl::InvalidArgumentError(
          absl::StrCat("ValidatorOptions.rule_overrides: rule \"", o.rule_id(),
                       "\" has an unknown severity ", o.severity()));
    }
    c.enabled[found] = !o.disabled();
    if (o.severity() != v1::SEVERITY_UNSPECIFIED) {
      c.severity[found] = o.severity();
    }
  }
  c.max_findings = options.max_findings;
  c.cross_record = options.cross_record_checks;
  c.max_plausible_funding_fen = options.max_plausible_funding_fen;
  return std::unique_ptr<Validator>(new Validator(std::move(impl)));
}

absl::StatusOr<v1::ValidationReport> Validator::Validate(
    const v1::Dataset& dataset) const {
  internal::Config config = impl_->config;
  impl_->DeclaredAsOf(dataset.provenance(), &config.as_of);
  internal::Sink sink(&config);
  internal::Index index;
  v1::SourceLocation location;
  int64_t n = 0;
  ForEachRecord(dataset, [&](const v1::Record& r) {
    location.set_record_index(n++);
    Impl::Feed(config, r, location, &sink, &index);
  });
  return Impl::Report(config, n, &sink, &index);
}

absl::Status Validator::Add(const v1::Record& record,
                            const v1::SourceLocation* location) {
  if (record.has_header()) {
    // The stream's own date, for this stream: Finish() goes back to the
    // default.
    impl_->DeclaredAsOf(record.header().provenance(), &impl_->config.as_of);
    return absl::OkStatus();
  }
  if (location != nullptr) {
    Impl::Feed(impl_->config, record, *location, &impl_->sink, &impl_->index);
  } else {
    impl_->default_location.set_record_index(impl_->fed);
    Impl::Feed(impl_->config, record, impl_->default_location, &impl_->sink,
               &impl_->index);
  }
  if (!record.has_trailer()) ++impl_->fed;
  return absl::OkStatus();
}

absl::StatusOr<v1::ValidationReport> Validator::Finish() {
  v1::ValidationReport report =
      Impl::Report(impl_->config, impl_->fed, &impl_->sink, &impl_->index,
                   impl_->keep_transfers ? &impl_->transfers : nullptr);
  impl_->fed = 0;
  if (!impl_->as_of_given) impl_->config.as_of = impl_->default_as_of;
  return report;
}

void ValidatorFeed::UseShardIndex(Validator* validator,
                                  internal::ShardIndex* index) {
  validator->impl_->index.UseShardIndex(index);
}

void ValidatorFeed::KeepTransfers(Validator* validator) {
  validator->impl_->keep_transfers = true;
}

v1::TransferLedger ValidatorFeed::TakeTransfers(Validator* validator) {
  return std::move(validator->impl_->transfers);
}

absl::StatusOr<v1::ValidationReport> ValidatorFeed::JudgeTransfers(
    const ValidatorOptions& options, const v1::TransferLedger& ledger,
    const v1::Date& as_of) {
  ValidatorOptions o = options;
  o.as_of = as_of;
  absl::StatusOr<std::unique_ptr<Validator>> v = Validator::Create(o);
  if (!v.ok()) return v.status();
  Validator::Impl& impl = *(*v)->impl_;
  internal::CheckTransfers(impl.config, ledger, &impl.sink);
  v1::ValidationReport report;
  report.set_policy_version(impl.config.policy.version());
  *report.mutable_as_of() = as_of;
  impl.sink.Finish(&report);
  return report;
}

void ValidatorFeed::Reserve(Validator* validator, size_t members, size_t hosts,
                            size_t orgs) {
  internal::Index& index = validator->impl_->index;
  index.members.reserve(members);
  index.hosts.reserve(hosts);
  index.host_joins.reserve(hosts);
  index.orgs.reserve(orgs);
  index.org_joins.reserve(orgs);
}

v1::Record* ValidatorFeed::NewRecord(Validator* validator, int field) {
  Validator::Impl& impl = *validator->impl_;
  if (!impl.config.cross_record || !internal::Index::KeepsWhole(field)) {
    return nullptr;
  }
  return google::protobuf::Arena::CreateMessage<v1::Record>(&impl.index.arena);
}

void ValidatorFeed::AddKept(Validator* validator, const v1::Record& record,
                            const v1::SourceLocation& location) {
  Validator::Impl& impl = *validator->impl_;
  Validator::Impl::Feed(impl.config, record, location, &impl.sink, &impl.index,
                        /*kept=*/true);
  ++impl.fed;
}

template <typename Facts, typename Join>
void ValidatorFeed::Add(Validator* validator, const Facts& facts,
                        const Join& join, const v1::SourceLocation& location) {
  validator->impl_->AddFacts(facts, join, location);
}

// The kinds the pipeline decodes into facts.
template void ValidatorFeed::Add(Validator*, const internal::MemberFacts&,
                                 const internal::MemberJoin&,
                                 const v1::SourceLocation&);
template void ValidatorFeed::Add(Validator*, const internal::HostFacts&,
                                 const internal::HostJoin&,
                                 const v1::SourceLocation&);
template void ValidatorFeed::Add(Validator*, const internal::OrgFacts&,
                                 const internal::OrgJoin&,
                                 const v1::SourceLocation&);
template void ValidatorFeed::Add(Validator*, const internal::FundingFacts&,
                                 const internal::FundingJoin&,
                                 const v1::SourceLocation&);
template void ValidatorFeed::Add(Validator*, const internal::VenueFacts&,
                                 const internal::VenueJoin&,
                                 const v1::SourceLocation&);
template void ValidatorFeed::Add(Validator*, const internal::ActivityFacts&,
                                 const internal::ActivityJoin&,
                                 const v1::SourceLocation&);
template void ValidatorFeed::Add(Validator*, const internal::GridFacts&,
                                 const internal::GridJoin&,
                                 const v1::SourceLocation&);
template void ValidatorFeed::Add(Validator*, const internal::CadreFacts&,
                                 const internal::CadreJoin&,
                                 const v1::SourceLocation&);
template void ValidatorFeed::Add(Validator*, const internal::ResultFacts&,
                                 const internal::ResultJoin&,
                                 const v1::SourceLocation&);

absl::StatusOr<v1::Policy> PolicyFromJson(StringArg json_arg) {
  const absl::string_view json = json_arg;
  v1::Policy policy;
  int64_t offset = 0;
  std::string what;
  if (!internal::CheckJsonText(json, &offset, &what)) {
    return absl::InvalidArgumentError(MaskPersonalData(
        absl::StrCat("policy JSON: at byte offset ", offset, ": ", what)));
  }
  google::protobuf::util::JsonParseOptions options;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &policy,
      options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(MaskPersonalData(
        absl::StrCat("policy JSON: ",
                     internal::EscapeControls(status.message().ToString()))));
  }
  FillPolicyDefaults(&policy);
  absl::Status s = CheckPolicy(policy);
  if (!s.ok()) return s;
  return policy;
}

absl::StatusOr<v1::Policy> LoadPolicyJsonFile(StringArg path_arg) {
  const absl::string_view path = path_arg;
  // A policy is a few kilobytes; the limit keeps /dev/zero or a ledger given
  // by mistake from filling memory.
  constexpr int64_t kMaxPolicyBytes = int64_t{4} << 20;
  auto in = internal::Input::OpenFile(path);
  if (!in.ok()) {
    return absl::Status(in.status().code(), absl::StrCat(in.status().message(),
                                                         " (the policy file)"));
  }
  absl::StatusOr<absl::string_view> text =
      (*in)->ReadAll(kMaxPolicyBytes, "a policy file (4 MiB)");
  if (!text.ok()) return text.status();
  absl::StatusOr<v1::Policy> p = PolicyFromJson(*text);
  if (!p.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", p.status().message()));
  }
  return p;
}

}  // namespace dangjian
