// The national scenario: a country-shaped synthetic dataset, streamed county by
// county in constant memory.
#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "dangjian/generate.h"
#include "generate/national_generator.h"

namespace dangjian {

RecordSink::~RecordSink() = default;

namespace internal {
namespace national {

// Returns `expr`'s status when it is not OK (the generator's methods below).
#define DJ_RETURN_IF_ERROR(expr)            \
  if (absl::Status st = (expr); !st.ok()) { \
    return st;                              \
  }

// One county: its ancestor regions, its economy and its townships
// (Township()).
absl::Status NationalGenerator::County(const CountyPlan& plan, size_t index) {
  Rng rng(internal::SplitMix64(o_.seed * 0x100000001b3ULL + index + 1));
  const std::string code = Code(plan);
  const std::string province_code =
      absl::StrCat(kProvinceCodes[plan.province], "0000");
  std::string city_code;
  AppendPadded(&city_code, kProvinceCodes[plan.province], 2);
  AppendPadded(&city_code, plan.city, 2);
  city_code += "00";
  const std::string county_id = CountyId(plan);
  const std::string county_name = CountyName(plan);
  const int year = o_.year;

  absl::Status s;
  DJ_RETURN_IF_ERROR(Region(absl::StrCat("r", province_code),
                            kProvinceNames[plan.province], province_code,
                            v1::REGION_LEVEL_PROVINCE, ""));
  DJ_RETURN_IF_ERROR(Region(
      absl::StrCat("r", city_code),
      absl::StrCat(kProvinceNames[plan.province], "第", plan.city, "市"),
      city_code, v1::REGION_LEVEL_CITY, absl::StrCat("r", province_code)));
  DJ_RETURN_IF_ERROR(Region(county_id, county_name, code,
                            v1::REGION_LEVEL_COUNTY,
                            absl::StrCat("r", city_code)));

  // Regional economy of the county.
  {
    v1::RegionEconomy* e = Fresh(rec_->mutable_region_economy());
    e->set_id(absl::StrCat("e", code, "-", year));
    e->set_region_id(county_id);
    e->set_year(year);
    const int64_t entities = plan.hosts * rng.Between(3, 6);
    e->set_market_entities_total(entities);
    e->set_market_entities_non_public(entities * rng.Between(930, 985) / 1000);
    const int64_t value_added =
        plan.hosts * rng.Between(2'000'000, 5'000'000) * 100;
    e->set_value_added_total_fen(value_added);
    e->set_value_added_non_public_fen(value_added * rng.Between(550, 750) /
                                      1000);
    const int64_t tax = value_added / 10;
    e->set_tax_revenue_total_fen(tax);
    e->set_tax_revenue_non_public_fen(tax * rng.Between(350, 550) / 1000);
    DJ_RETURN_IF_ERROR(Emit());
  }

  CountyState c(plan, static_cast<int64_t>(index), rng, code, county_id,
                county_name);
  const int townships = static_cast<int>(c.rng.Between(4, 15));
  for (int t = 1; t <= townships; ++t) {
    DJ_RETURN_IF_ERROR(Township(&c, t, townships));
  }
  DJ_RETURN_IF_ERROR(Transfers(&c));
  DJ_RETURN_IF_ERROR(Exits(&c));
  return s;
}

// A full member of ten years' standing (applied twelve years before the
// report year) of the `j`-th township's regional branch (round the county),
// with no unit, born on the given date and holding c->national_id: the
// transfers' and the exits' people. Its events are the caller's.
v1::Member* NationalGenerator::RegionalMember(CountyState* c, Rng& rng,
                                              std::string id, int birth_year,
                                              int birth_month, int birth_day,
                                              size_t j) {
  const int year = o_.year;
  v1::Member* m = Fresh(rec_->mutable_member());
  m->set_id(std::move(id));
  m->set_name(PersonName(rng));
  m->set_status(v1::MEMBER_STATUS_FULL);
  SetDate(m->mutable_applied_on(), year - 12, 3, 1);
  SetDate(m->mutable_activist_on(), year - 12, 6, 1);
  SetDate(m->mutable_development_target_on(), year - 11, 9, 1);
  SetDate(m->mutable_probationary_on(), year - 11, 11, 1);
  SetDate(m->mutable_full_on(), year - 10, 11, 1);
  SetDate(m->mutable_birth_date(), birth_year, birth_month, birth_day);
  m->set_national_id(c->national_id);
  m->set_gender(c->national_id[16] % 2 ? v1::GENDER_MALE : v1::GENDER_FEMALE);
  m->set_party_organization_id(c->regional_ids[j % c->regional_ids.size()]);
  return m;
}

// Members transferred between neighbouring counties in the report year
// (docs/generator.md): each county sends 1 member per 400 units (and one
// more) to the next county of the plan, the last to the first. A transfer
// is two records of one person, one off the sending county's roll
// (TRANSFER_OUT) and one on the receiving county's (TRANSFER_IN), ten days
// later, with the same letter and each naming the other's county: so a
// roll-up of every county counts as many in as out, and pairs each transfer
// (member.transfer.unmatched). Only with two counties or more. No draw of the
// county's random sequence: the rest of the data does not move.
absl::Status NationalGenerator::Transfers(CountyState* c) {
  const size_t n = plans_.size();
  if (n < 2) return absl::OkStatus();
  const size_t i = static_cast<size_t>(c->index);
  DJ_RETURN_IF_ERROR(TransferRecords(c, i, (i + 1) % n, true));
  DJ_RETURN_IF_ERROR(TransferRecords(c, (i + n - 1) % n, i, false));
  return absl::OkStatus();
}

// The records in county `c` of the transfers from county `from` to county
// `to` (indexes into the plan): the sending side's when `out`, else the
// receiving side's.
absl::Status NationalGenerator::TransferRecords(CountyState* c, size_t from,
                                                size_t to, bool out) {
  const int year = o_.year;
  const CountyPlan& sender = plans_[from];
  const std::string from_code = Code(sender);
  const std::string to_code = Code(plans_[to]);
  // Months with a 29th.
  static constexpr int kMonths[11] = {1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  // At most 220 birth dates times 98 sequence numbers: one resident ID each.
  const int64_t count = std::min<int64_t>(1 + sender.hosts / 400, 220 * 98);
  for (int64_t j = 0; j < count; ++j) {
    // The person, the same on both sides: born on a 29th, which no other
    // member of a county is (their days are 1 to 28), on one of 220 dates,
    // with a sequence number from 501 to 598 (never a multiple of 100), so
    // the resident ID issued in the sending county is no one else's.
    Rng rng(SplitMix64((o_.seed * 0x100000001b3ULL + from + 1) ^
                       (0xa0761d6478bd642fULL * static_cast<uint64_t>(j + 1))));
    const int birth_year = year - 40 - static_cast<int>(j % 20);
    const int birth_month = kMonths[j / 20 % 11];
    ResidentId(from_code, birth_year, birth_month, 29,
               501 + static_cast<int>(j / 220), &c->national_id);
    v1::Member* m = RegionalMember(
        c, rng,
        out ? absl::StrCat("m", from_code, "-to-", to_code, "-", j + 1)
            : absl::StrCat("m", to_code, "-from-", from_code, "-", j + 1),
        birth_year, birth_month, 29, static_cast<size_t>(j));
    v1::MembershipEvent* e = m->add_events();
    const int month = 1 + static_cast<int>(j % 12);
    SetDate(e->mutable_on(), year, month, out ? 10 : 20);
    e->set_kind(out ? v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT
                    : v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
    e->set_counterpart(CountyName(plans_[out ? to : from]));
    e->set_letter_number(absl::StrCat(year, "-", from_code, "-", j + 1));
    e->set_counterpart_region_id(CountyId(plans_[out ? to : from]));
    DJ_RETURN_IF_ERROR(Emit());
  }
  return absl::OkStatus();
}

// Members who left the roll in the report year (docs/generator.md): each
// county has 1 member per 500 units (and one more) whose membership stopped
// (停止党籍), every other one of them restored (恢复党籍) six months later,
// 1 per 1,000 (and one more) who left the party (出党) and 1 per 500 (and
// one more) who died (去世). Each is a full member of a township's regional
// branch with the event; only the restored are on the roll at the end of the
// year. No draw of the county's random sequence: the rest of the data does
// not move.
absl::Status NationalGenerator::Exits(CountyState* c) {
  const int year = o_.year;
  const std::string code = Code(c->plan);
  struct Exit {
    v1::MembershipEventKind kind;
    int64_t units_per;
  };
  static constexpr Exit kExits[3] = {{v1::MEMBERSHIP_EVENT_KIND_STOPPED, 500},
                                     {v1::MEMBERSHIP_EVENT_KIND_LEFT, 1000},
                                     {v1::MEMBERSHIP_EVENT_KIND_DIED, 500}};
  // Months with a 30th.
  static constexpr int kMonths[11] = {1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  int64_t j = 0;  // The person, across the kinds.
  for (const Exit& exit : kExits) {
    // At most 440 birth dates times 98 sequence numbers, over the kinds.
    const int64_t count =
        std::min<int64_t>(1 + c->plan.hosts / exit.units_per, 440 * 98 / 3);
    for (int64_t i = 0; i < count; ++i, ++j) {
      // Born on a 30th, which no other member of a county is (transfers on
      // a 29th, the rest 1 to 28), with a sequence number from 601 to 698.
      Rng rng(
          SplitMix64((o_.seed * 0x9e3779b97f4a7c15ULL + c->plan.hosts +
                      static_cast<uint64_t>(c->index) + 1) ^
                     (0xe7037ed1a0b428dbULL * static_cast<uint64_t>(j + 1))));
      const int birth_year = year - 32 - static_cast<int>(j % 40);
      const int birth_month = kMonths[j / 40 % 11];
      ResidentId(code, birth_year, birth_month, 30,
                 601 + static_cast<int>(j / 440), &c->national_id);
      v1::Member* m =
          RegionalMember(c, rng, absl::StrCat("m", code, "-exit-", j + 1),
                         birth_year, birth_month, 30, static_cast<size_t>(j));
      const int month = 1 + static_cast<int>(j % 6);
      v1::MembershipEvent* e = m->add_events();
      SetDate(e->mutable_on(), year, month, 15);
      e->set_kind(exit.kind);
      if (exit.kind == v1::MEMBERSHIP_EVENT_KIND_STOPPED && i % 2 == 1) {
        v1::MembershipEvent* back = m->add_events();
        SetDate(back->mutable_on(), year, month + 6, 15);
        back->set_kind(v1::MEMBERSHIP_EVENT_KIND_RESTORED);
      }
      DJ_RETURN_IF_ERROR(Emit());
    }
  }
  return absl::OkStatus();
}

#undef DJ_RETURN_IF_ERROR

}  // namespace national
}  // namespace internal

namespace {

using internal::national::NationalGenerator;

absl::Status CheckOptions(const NationalScenarioOptions& options) {
  if (options.host_organizations < 1) {
    return absl::InvalidArgumentError(absl::StrCat("host_organizations is ",
                                                   options.host_organizations,
                                                   "; give 1 or more"));
  }
  if (options.members < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("members is ", options.members, "; give 0 or more"));
  }
  if (options.units_per_county < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "units_per_county is ", options.units_per_county, "; give 1 or more"));
  }
  if (!(options.fault_rate >= 0.0 && options.fault_rate <= 1.0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "fault_rate is ", options.fault_rate, "; give a share from 0 to 1"));
  }
  if (options.year < 1950 || options.year > 9000) {
    return absl::InvalidArgumentError(absl::StrCat(
        "year is ", options.year, "; give a year from 1950 to 9000"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status GenerateNational(const NationalScenarioOptions& options,
                              RecordSink* sink) {
  if (sink == nullptr) return absl::InvalidArgumentError("sink is null");
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  NationalGenerator generator(options, sink);
  for (int64_t i = 0; i < generator.shards(); ++i) {
    if (absl::Status s = generator.Shard(i); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> NationalShardCount(
    const NationalScenarioOptions& options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  return NationalGenerator(options, nullptr).shards();
}

absl::Status GenerateNationalShard(const NationalScenarioOptions& options,
                                   int64_t index, RecordSink* sink) {
  if (sink == nullptr) return absl::InvalidArgumentError("sink is null");
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  NationalGenerator generator(options, sink);
  if (index < 0 || index >= generator.shards()) {
    return absl::OutOfRangeError(absl::StrCat(
        "shard ", index, " does not exist; these options make ",
        generator.shards(), " shards, 0 to ", generator.shards() - 1));
  }
  return generator.Shard(index);
}

}  // namespace dangjian
