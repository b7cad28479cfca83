#include "aggregate/figures.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

using FieldPath = std::vector<const FieldDescriptor*>;

// Resolves "a.b.c" in ReportFigures; empty when a step does not exist or the
// leaf is not an int64 (a test holds every name to this).
FieldPath Resolve(absl::string_view path) {
  FieldPath out;
  const Descriptor* d = v1::ReportFigures::descriptor();
  for (absl::string_view step : absl::StrSplit(path, '.')) {
    if (d == nullptr) return {};
    const FieldDescriptor* f = d->FindFieldByName(std::string(step));
    if (f == nullptr || f->is_repeated()) return {};
    out.push_back(f);
    d = f->message_type();
  }
  if (out.empty() || out.back()->cpp_type() != FieldDescriptor::CPPTYPE_INT64) {
    return {};
  }
  return out;
}

const std::vector<FieldPath>& Paths(bool counters) {
  static const auto* const kPaths = [] {
    auto* p = new std::pair<std::vector<FieldPath>, std::vector<FieldPath>>;
    for (const std::string& n : CounterNames()) p->first.push_back(Resolve(n));
    for (const std::string& n : SumNames()) p->second.push_back(Resolve(n));
    return p;
  }();
  return counters ? kPaths->first : kPaths->second;
}

void SetPath(const FieldPath& path, int64_t value, Message* m) {
  if (path.empty()) return;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    m = m->GetReflection()->MutableMessage(m, path[i]);
  }
  m->GetReflection()->SetInt64(m, path.back(), value);
}

double Percent(int64_t part, int64_t whole) {
  if (whole == 0) return 0.0;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

bool FitsInt64(absl::int128 v) {
  return v >= absl::int128(std::numeric_limits<int64_t>::min()) &&
         v <= absl::int128(std::numeric_limits<int64_t>::max());
}

std::string Int128ToString(absl::int128 v) {
  // absl 20220623 formats int128 through ostream only; do it by hand.
  if (v == 0) return "0";
  const bool negative = v < 0;
  absl::uint128 u =
      negative ? absl::uint128(0) - absl::uint128(v) : absl::uint128(v);
  std::string digits;
  while (u != 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  if (negative) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// Writes the fields of `item` but its id into `e`: moved from the item, which
// the caller passes moved (FillTarget) or copied (GroupToProto).
void SetEntry(WorkItem item, v1::WorklistEntry* e) {
  if (!item.name.empty()) e->set_name(std::move(item.name));
  if (!item.region_id.empty()) e->set_region_id(std::move(item.region_id));
  if (!item.grid_id.empty()) e->set_grid_id(std::move(item.grid_id));
  if (!item.instructor_name.empty()) {
    e->set_instructor_name(std::move(item.instructor_name));
  }
  e->set_full_members(item.full_members);
  e->set_probationary_members(item.probationary_members);
  e->set_reason(static_cast<v1::ShortfallReason>(item.reason));
}

void FillTarget(int64_t eligible, int64_t met, std::vector<WorkItem>* worklist,
                int32_t cap, v1::TargetResult* t) {
  t->set_eligible(eligible);
  t->set_met(met);
  t->set_nothing_eligible(eligible == 0);
  t->set_rate_percent(eligible == 0 ? 100.0 : Percent(met, eligible));
  t->set_shortfall(eligible - met);
  t->set_worklist_cap(cap);
  t->clear_worklist();
  t->clear_worklist_entries();
  t->mutable_worklist()->Reserve(static_cast<int>(worklist->size()));
  // Ids alone when some came from a partial of dangjian 0.2.0.
  const bool entries = AllHaveEntries(*worklist);
  if (entries) {
    t->mutable_worklist_entries()->Reserve(static_cast<int>(worklist->size()));
  }
  for (WorkItem& item : *worklist) {
    t->add_worklist(item.id);
    if (!entries) continue;
    v1::WorklistEntry* e = t->add_worklist_entries();
    e->set_id(std::move(item.id));
    SetEntry(std::move(item), e);
  }
  worklist->clear();
}

}  // namespace

const std::vector<std::string>& CounterNames() {
#define DANGJIAN_NAME_ENTRY(name, path) path,
  static const auto* const kNames =
      new std::vector<std::string>{DANGJIAN_COUNTERS(DANGJIAN_NAME_ENTRY)};
  return *kNames;
}

const std::vector<std::string>& SumNames() {
  static const auto* const kNames =
      new std::vector<std::string>{DANGJIAN_SUMS(DANGJIAN_NAME_ENTRY)};
  return *kNames;
#undef DANGJIAN_NAME_ENTRY
}

void AddLayoutNames(v1::PartialReport* partial) {
  for (const std::string& n : CounterNames()) partial->add_counter_names(n);
  for (const std::string& n : SumNames()) partial->add_sum_names(n);
}

bool GroupAcc::Add(const GroupAcc& other, int32_t cap) {
  for (int i = 0; i < kNumCounters; ++i) {
    if (__builtin_add_overflow(counters[i], other.counters[i], &counters[i])) {
      return false;
    }
  }
  for (int i = 0; i < kNumSums; ++i) sums[i] += other.sums[i];
  for (int t = 0; t < 4; ++t)
    MergeWorklist(&worklists[t], other.worklists[t], cap);
  return true;
}

void GroupAcc::Clear() {
  std::fill(std::begin(counters), std::end(counters), 0);
  std::fill(std::begin(sums), std::end(sums), 0);
  for (std::vector<WorkItem>& w : worklists) w.clear();
}

void GroupToProto(const GroupAcc& acc, v1::PartialGroup* g) {
  g->mutable_counters()->Add(acc.counters, acc.counters + kNumCounters);
  g->mutable_sums_high()->Reserve(kNumSums);
  g->mutable_sums_low()->Reserve(kNumSums);
  for (int i = 0; i < kNumSums; ++i) {
    g->add_sums_high(absl::Int128High64(acc.sums[i]));
    g->add_sums_low(absl::Int128Low64(acc.sums[i]));
  }
  for (int t = 0; t < 4; ++t) {
    v1::Worklist* w = g->add_worklists();
    w->set_target(t + 1);
    const bool entries = AllHaveEntries(acc.worklists[t]);
    w->mutable_ids()->Reserve(static_cast<int>(acc.worklists[t].size()));
    if (entries) {
      w->mutable_entries()->Reserve(static_cast<int>(acc.worklists[t].size()));
    }
    for (const WorkItem& item : acc.worklists[t]) {
      w->add_ids(item.id);
      if (!entries) continue;
      SetEntry(item, w->add_entries());  // A partial's entry: no id.
    }
  }
}

int RegionTier(int level) {
  switch (level) {
    case v1::REGION_LEVEL_NATION:
      return 1;
    case v1::REGION_LEVEL_PROVINCE:
      return 2;
    case v1::REGION_LEVEL_CITY:
      return 3;
    case v1::REGION_LEVEL_COUNTY:
      return 4;
    case v1::REGION_LEVEL_SUMU:
    case v1::REGION_LEVEL_TOWNSHIP:
    case v1::REGION_LEVEL_TOWN:
    case v1::REGION_LEVEL_SUB_DISTRICT:
    case v1::REGION_LEVEL_DEVELOPMENT_ZONE:
    case v1::REGION_LEVEL_INDUSTRIAL_PARK:
      return 5;
    case v1::REGION_LEVEL_COMMUNITY:
    case v1::REGION_LEVEL_VILLAGE:
      return 6;
    default:
      return 0;
  }
}

std::string EncodeGroupKey(const v1::GroupKey& key) {
  // region \0 industry \0 then the three enums as fixed-width hex, so that
  // byte order is the order of the key's fields.
  std::string out;
  out.reserve(key.region_id().size() + key.industry().size() + 2 + 24);
  out.append(key.region_id());
  out.push_back('\0');
  out.append(key.industry());
  out.push_back('\0');
  for (uint32_t v : {static_cast<uint32_t>(key.host_kind()),
                     static_cast<uint32_t>(key.host_subtype()),
                     static_cast<uint32_t>(key.sector_system())}) {
    for (int shift = 28; shift >= 0; shift -= 4) {
      out.push_back("0123456789abcdef"[(v >> shift) & 0xF]);
    }
  }
  return out;
}

absl::Status FillFigures(GroupAcc* acc_ptr, int32_t cap,
                         absl::string_view where, v1::ReportFigures* f) {
  GroupAcc& acc = *acc_ptr;
  const std::vector<FieldPath>& counter_paths = Paths(true);
  for (int i = 0; i < kNumCounters; ++i) {
    SetPath(counter_paths[i], acc.counters[i], f);
  }
  const std::vector<FieldPath>& sum_paths = Paths(false);
  for (int i = 0; i < kNumSums; ++i) {
    if (!FitsInt64(acc.sums[i])) {
      return absl::OutOfRangeError(
          absl::StrCat("report figure ", SumNames()[i], " of ", where, " is ",
                       Int128ToString(acc.sums[i]),
                       ", outside the int64 range of a report field "
                       "(-9223372036854775808 to 9223372036854775807)"));
    }
    SetPath(sum_paths[i], static_cast<int64_t>(acc.sums[i]), f);
  }
  const absl::int128 funding_total =
      acc.sums[kFundUnspecified] + acc.sums[kFundEnterprise] +
      acc.sums[kFundSuperior] + acc.sums[kFundDues] + acc.sums[kFundFiscal];
  if (!FitsInt64(funding_total)) {
    return absl::OutOfRangeError(
        absl::StrCat("report figure funding.total_fen of ", where, " is ",
                     Int128ToString(funding_total),
                     ", outside the int64 range of a report field "
                     "(-9223372036854775808 to 9223372036854775807)"));
  }
  f->mutable_funding()->set_total_fen(static_cast<int64_t>(funding_total));
  const absl::int128 dues_total =
      acc.sums[kDuesEmployed] + acc.sums[kDuesRetired] +
      acc.sums[kDuesFlatRate] + acc.sums[kDuesUncategorized];
  if (!FitsInt64(dues_total)) {
    return absl::OutOfRangeError(
        absl::StrCat("report figure dues.total_fen of ", where, " is ",
                     Int128ToString(dues_total),
                     ", outside the int64 range of a report field "
                     "(-9223372036854775808 to 9223372036854775807)"));
  }
  f->mutable_dues()->set_total_fen(static_cast<int64_t>(dues_total));

  const int64_t* c = acc.counters;
  v1::TargetFigures* t = f->mutable_targets();
  FillTarget(c[kT1Eligible], c[kT1Met], &acc.worklists[0], cap,
             t->mutable_target_1());
  FillTarget(c[kT2Eligible], c[kT2Met], &acc.worklists[1], cap,
             t->mutable_target_2());
  FillTarget(c[kT3Eligible], c[kT3Met], &acc.worklists[2], cap,
             t->mutable_target_3());
  FillTarget(c[kT4Eligible], c[kT4Met], &acc.worklists[3], cap,
             t->mutable_target_4());
  t->set_full_coverage(
      c[kT1Eligible] == c[kT1Met] && c[kT2Eligible] == c[kT2Met] &&
      c[kT3Eligible] == c[kT3Met] && c[kT4Eligible] == c[kT4Met]);
  v1::UnitFigures* u = f->mutable_units();
  u->set_organization_coverage_percent(
      Percent(c[kUnitsOrgCovered], c[kUnitsTotal]));
  u->set_work_coverage_percent(Percent(c[kUnitsWorkCovered], c[kUnitsTotal]));
  v1::EconomyFigures* e = f->mutable_economy();
  e->set_market_entities_non_public_percent(
      Percent(e->market_entities_non_public(), e->market_entities_total()));
  e->set_value_added_non_public_percent(
      Percent(e->value_added_non_public_fen(), e->value_added_total_fen()));
  e->set_tax_revenue_non_public_percent(
      Percent(e->tax_revenue_non_public_fen(), e->tax_revenue_total_fen()));
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace dangjian
