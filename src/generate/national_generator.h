// The national scenario's generator, internal to the generate module:
// national.cc holds its frame (plans, shards, regions, faults, the county's
// economy) and national_county.cc a county's townships, units, members and
// branches.
#ifndef DANGJIAN_SRC_GENERATE_NATIONAL_GENERATOR_H_
#define DANGJIAN_SRC_GENERATE_NATIONAL_GENERATOR_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/id_checks.h"
#include "dangjian/dues.h"
#include "dangjian/generate.h"
#include "dangjian/policy.h"
#include "generate/identifiers.h"
#include "generate/rng.h"
#include "google/protobuf/arena.h"

namespace dangjian {
namespace internal {
namespace national {

inline constexpr int kProvinceCodes[] = {
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41,
    42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};
inline constexpr const char* kProvinceNames[] = {
    "北京市",          "天津市", "河北省",   "山西省", "内蒙古自治区",
    "辽宁省",          "吉林省", "黑龙江省", "上海市", "江苏省",
    "浙江省",          "安徽省", "福建省",   "江西省", "山东省",
    "河南省",          "湖北省", "湖南省",   "广东省", "广西壮族自治区",
    "海南省",          "重庆市", "四川省",   "贵州省", "云南省",
    "西藏自治区",      "陕西省", "甘肃省",   "青海省", "宁夏回族自治区",
    "新疆维吾尔自治区"};
inline constexpr int kProvinces = 31;
inline constexpr int kCountiesPerCity = 8;
inline constexpr int kMaxCities = 99;

inline constexpr const char* kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
    "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
inline constexpr const char* kGiven[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
    "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚"};
inline constexpr const char* kTradeNames[] = {"华兴", "宏达", "鑫源", "永盛",
                                              "金诚", "恒通", "瑞丰", "新元",
                                              "德顺", "广泰"};
struct Industry {
  const char* code;
  const char* trade;
};
inline constexpr Industry kIndustries[] = {
    {"C", "制造"},     {"F", "商贸"},     {"H", "餐饮"}, {"E", "建筑"},
    {"I", "信息技术"}, {"O", "家政服务"}, {"A", "农牧"}, {"K", "物业"},
    {"L", "商务咨询"}, {"G", "物流"}};

template <typename T, size_t N>
constexpr size_t Count(const T (&)[N]) {
  return N;
}

inline google::protobuf::ArenaOptions ArenaOptions() {
  google::protobuf::ArenaOptions o;
  o.start_block_size = 64 << 10;
  o.max_block_size = 1 << 20;
  return o;
}

// Clears a reused message before it is filled again: the record is reused to
// keep its buffers, and a mutable_*() of the same kind returns the old entity.
template <typename T>
T* Fresh(T* message) {
  message->Clear();
  return message;
}

// Appends `n` (>= 0) zero-padded to at least `width` digits. Hand-written: this
// runs several times per record, and snprintf was a tenth of the generator's
// time.
inline void AppendPadded(std::string* s, int64_t n, int width) {
  char buf[24];
  int len = 0;
  uint64_t v = static_cast<uint64_t>(n < 0 ? 0 : n);
  do {
    buf[len++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (len < width && len < static_cast<int>(sizeof(buf))) buf[len++] = '0';
  while (len > 0) s->push_back(buf[--len]);
}

inline void SetDate(v1::Date* d, int year, int month, int day) {
  d->set_year(year);
  d->set_month(month);
  d->set_day(day);
}

// Sets `*d` to a day of `year`, the day drawn, then the month (day 1 to 28,
// month 1 to 12). The draws are sequenced: as arguments of one call they were
// not, and GCC and Clang drew them in opposite orders, so the same seed gave
// other data with each compiler. The order is GCC's (Debian 12's compiler,
// which made the datasets of BENCHMARKS.md), so those stay as they were.
inline void SetDrawnDate(Rng& rng, v1::Date* d, int year) {
  const int day = static_cast<int>(rng.Between(1, 28));
  const int month = static_cast<int>(rng.Between(1, 12));
  SetDate(d, year, month, day);
}

// As SetDrawnDate(), the year drawn last, from `first_year` to `last_year`.
inline void SetDrawnDate(Rng& rng, v1::Date* d, int first_year, int last_year) {
  const int day = static_cast<int>(rng.Between(1, 28));
  const int month = static_cast<int>(rng.Between(1, 12));
  SetDate(d, static_cast<int>(rng.Between(first_year, last_year)), month, day);
}

// What a county shard needs to know of its place in the tree.
struct CountyPlan {
  int province = 0;  // Index into kProvinceCodes.
  int city = 0;      // 1-based within the province.
  int county = 0;    // 1-based within the city.
  int64_t hosts = 0;
};

// The kinds of fault planted with --faults; see docs/generator.md.
enum class Fault {
  kNone,
  kIdExponentForm,      // Excel turned the resident ID into 1.50425E+17.
  kIdTrailingZeros,     // Excel kept 15 significant digits.
  kIdBadCheck,          // Wrong check character.
  kMissingId,           // The record has no id.
  kUnknownRegion,       // A host organization names no existing region.
  kUnknownHost,         // A member names no existing host organization.
  kCreditCodeBadCheck,  // Wrong credit-code check character.
  kStarsOutOfRange,     // Six stars.
  kNegativeFunding,     // A negative amount.
  kFundingBeforeFounding,
  kProbationBeforeApplication,
  kFutureDate,
};

class NationalGenerator {
 public:
  NationalGenerator(const NationalScenarioOptions& o, RecordSink* sink)
      : o_(o), sink_(sink), plans_(PlanCounties()) {
    // Member counts per unit: most units have none; "small" ones 1 or 2, to be
    // joined; "large" ones 3 to 50 (a branch's limit), skewed toward few.
    const double mean = static_cast<double>(o.members) /
                        static_cast<double>(o.host_organizations);
    const double small_mean = 1.5, large_mean = 3 + 47 / 2.5;
    p_small_ = std::min(0.08, mean / small_mean);
    p_large_ =
        std::clamp((mean - p_small_ * small_mean) / large_mean, 0.0, 0.9);
    // Dues by income step, for SetDues(): the policy's brackets computed once.
    const v1::Policy policy = DefaultPolicy();
    for (int i = 0; i < kIncomeSteps; ++i) {
      employed_dues_[i] = *MonthlyDuesFen(EmployedIncome(i),
                                          v1::DUES_CATEGORY_EMPLOYED, policy);
      retired_dues_[i] =
          *MonthlyDuesFen(RetiredIncome(i), v1::DUES_CATEGORY_RETIRED, policy);
    }
    flat_dues_ = policy.flat_monthly_dues_fen();
  }

  int64_t shards() const { return static_cast<int64_t>(plans_.size()); }

  // Generates shard `index` (0 <= index < shards()) into the sink. A shard
  // depends only on the options and its index, never on the shards made
  // before it, so shards may be made in any order, or at once by several
  // generators.
  absl::Status Shard(int64_t index) {
    const size_t i = static_cast<size_t>(index);
    ShardInfo info;
    info.index = index;
    info.count = shards();
    info.region_id = CountyId(plans_[i]);
    info.name = CountyName(plans_[i]);
    // Each county draws its faults from a sequence of its own.
    fault_rng_ = Rng(internal::SplitMix64(
        (o_.seed ^ 0xfa017ULL) * 0x100000001b3ULL + i + 1));
    if (absl::Status s = sink_->StartShard(info); !s.ok()) return s;
    if (absl::Status s = County(plans_[i], i); !s.ok()) return s;
    return sink_->FinishShard();
  }

 private:
  std::vector<CountyPlan> PlanCounties() {
    const int64_t max_counties =
        int64_t{kProvinces} * kMaxCities * kCountiesPerCity;
    const int64_t counties = std::clamp<int64_t>(
        (o_.host_organizations + o_.units_per_county / 2) / o_.units_per_county,
        1, std::min(max_counties, o_.host_organizations));
    Rng rng(internal::SplitMix64(o_.seed));
    std::vector<CountyPlan> plans(static_cast<size_t>(counties));
    std::vector<double> weights(plans.size());
    double total = 0;
    for (double& w : weights) total += (w = 0.6 + 0.8 * rng.Uniform());
    int64_t assigned = 0;
    for (size_t i = 0; i < plans.size(); ++i) {
      CountyPlan& p = plans[i];
      p.province = static_cast<int>(i % kProvinces);
      const int64_t nth_in_province = static_cast<int64_t>(i / kProvinces);
      p.city = static_cast<int>(nth_in_province / kCountiesPerCity) + 1;
      p.county = static_cast<int>(nth_in_province % kCountiesPerCity) + 1;
      p.hosts = std::max<int64_t>(
          1, static_cast<int64_t>(static_cast<double>(o_.host_organizations) *
                                  weights[i] / total));
      if (i + 1 == plans.size()) {
        p.hosts = std::max<int64_t>(1, o_.host_organizations - assigned);
      }
      assigned += p.hosts;
    }
    return plans;
  }

  static std::string Code(const CountyPlan& p) {
    std::string s;
    AppendPadded(&s, kProvinceCodes[p.province], 2);
    AppendPadded(&s, p.city, 2);
    AppendPadded(&s, p.county, 2);
    return s;
  }
  static std::string CountyId(const CountyPlan& p) {
    return absl::StrCat("r", Code(p));
  }
  static std::string CountyName(const CountyPlan& p) {
    return absl::StrCat(kProvinceNames[p.province], "第", p.city, "市第",
                        p.county, "县");
  }

  // Writes rec_, with a planted fault now and then.
  absl::Status Emit() {
    if (o_.fault_rate > 0 && fault_rng_.Chance(o_.fault_rate)) PlantFault();
    ++records_;
    absl::Status s = sink_->Write(*rec_);
    // The record lives on an arena: clearing it drops its sub-messages (dates)
    // without freeing them, so no malloc/free per record; the arena is reset
    // every few thousand records to keep memory constant.
    if (++since_reset_ == kRecordsPerArena) {
      since_reset_ = 0;
      arena_.Reset();
      rec_ = google::protobuf::Arena::CreateMessage<v1::Record>(&arena_);
    }
    return s;
  }

  void PlantFault() {
    switch (rec_->entity_case()) {
      case v1::Record::kMember: {
        v1::Member* m = rec_->mutable_member();
        switch (fault_rng_.Below(5)) {
          case 0:
            m->set_national_id(absl::StrCat(m->national_id().substr(0, 1), ".",
                                            m->national_id().substr(1, 5),
                                            "E+17"));
            break;
          case 1:
            m->set_national_id(
                absl::StrCat(m->national_id().substr(0, 15), "000"));
            break;
          case 2: {
            std::string id = m->national_id();
            id[17] = id[17] == '0' ? '1' : '0';
            m->set_national_id(id);
            break;
          }
          case 3:
            m->set_host_organization_id("h-missing");
            break;
          default:
            if (m->has_applied_on() && m->has_probationary_on()) {
              m->mutable_probationary_on()->set_year(m->applied_on().year() -
                                                     1);
            } else {
              m->clear_id();
            }
            break;
        }
        break;
      }
      case v1::Record::kHostOrganization: {
        v1::HostOrganization* h = rec_->mutable_host_organization();
        const uint64_t k = fault_rng_.Below(3);
        if (k == 0 && h->unified_social_credit_code().size() == 18) {
          std::string c = h->unified_social_credit_code();
          c[17] = c[17] == '0' ? '1' : '0';
          h->set_unified_social_credit_code(c);
        } else if (k == 1) {
          h->set_region_id("r-missing");
        } else {
          h->clear_id();
        }
        break;
      }
      case v1::Record::kPartyOrganization:
        if (rec_->party_organization().star_assessments_size() > 0) {
          rec_->mutable_party_organization()
              ->mutable_star_assessments(0)
              ->set_stars(6);
        } else {
          rec_->mutable_party_organization()->clear_id();
        }
        break;
      case v1::Record::kFunding:
        if (fault_rng_.Chance(0.5)) {
          rec_->mutable_funding()->set_amount_fen(
              -rec_->funding().amount_fen() - 1);
        } else {
          rec_->mutable_funding()->set_year(1990);
        }
        break;
      case v1::Record::kActivity:
        rec_->mutable_activity()->mutable_held_on()->set_year(o_.year + 5);
        break;
      default:
        break;  // Regions, grids and the rest stay clean.
    }
  }

  // Incomes in steps of 100 yuan: employed 2,500 to 15,000 yuan a month,
  // retired 2,000 to 14,500.
  static constexpr int kIncomeSteps = 126;
  static int64_t EmployedIncome(int step) { return (2500 + 100 * step) * 100; }
  static int64_t RetiredIncome(int step) { return (2000 + 100 * step) * 100; }

  // A full or probationary member's dues, from a hash of the member's number
  // and the county's, with no draw of the random stream (so nothing else in
  // the data moves): 90% employed, 7% retired, 3% students at the flat rate;
  // an income; the dues the policy gives; paid through December of the year
  // (95%) or November (4%); 0.9% three or four months behind
  // (member.dues.arrears) and 0.1% six (member.dues.lapsed).
  void SetDues(int64_t member_seq, int64_t county, int year, v1::Member* m) {
    const uint64_t h =
        internal::SplitMix64(static_cast<uint64_t>(member_seq) +
                             (static_cast<uint64_t>(county) << 40));
    const int kind = static_cast<int>(h % 100);
    const int step = static_cast<int>((h >> 8) % kIncomeSteps);
    if (kind < 90) {
      m->set_dues_category(v1::DUES_CATEGORY_EMPLOYED);
      m->set_monthly_income_fen(EmployedIncome(step));
      m->set_monthly_dues_fen(employed_dues_[step]);
    } else if (kind < 97) {
      m->set_dues_category(v1::DUES_CATEGORY_RETIRED);
      m->set_monthly_income_fen(RetiredIncome(step));
      m->set_monthly_dues_fen(retired_dues_[step]);
    } else {
      m->set_dues_category(v1::DUES_CATEGORY_STUDENT);
      m->set_monthly_dues_fen(flat_dues_);
    }
    const int p = static_cast<int>((h >> 24) % 1000);
    const int month = p < 950   ? 12
                      : p < 990 ? 11
                      : p < 996 ? 9
                      : p < 999 ? 8
                                : 6;
    SetDate(m->mutable_dues_paid_through(), year, month, 0);
  }

  std::string PersonName(Rng& rng) {
    std::string s = kSurnames[rng.Below(Count(kSurnames))];
    s += kGiven[rng.Below(Count(kGiven))];
    if (rng.Chance(0.6)) s += kGiven[rng.Below(Count(kGiven))];
    return s;
  }

  // A new committee (docs/generator.md): an organization founded five years
  // or more before `year`, whose current term began in the year before,
  // had a term before it, from three years earlier, of the same seats. No
  // random draw.
  static void PastTerm(int year, v1::PartyOrganization* o) {
    if (o->founded_on().year() > year - 5) return;
    v1::CommitteeTerm* t = o->add_past_terms();
    SetDate(t->mutable_started_on(), year - 4, 7, 1);
    *t->mutable_committee() = o->committee();
  }

  // A valid 18-digit resident ID issued in `county_code`.
  static void ResidentId(const std::string& county_code, int year, int month,
                         int day, int sequence, std::string* out) {
    out->assign(county_code);
    AppendPadded(out, year, 4);
    AppendPadded(out, month, 2);
    AppendPadded(out, day, 2);
    AppendPadded(out, sequence, 3);
    out->push_back(internal::NationalIdCheckChar(*out));
  }

  // A valid unified social credit code: department, type, region, organization
  // code (with its own check character), check character.
  static std::string CreditCode(Rng& rng, char department, char type,
                                const std::string& county_code) {
    static constexpr char kOrgAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    std::string s;
    s.push_back(department);
    s.push_back(type);
    s += county_code;
    std::string org;
    for (int i = 0; i < 8; ++i) org.push_back(kOrgAlphabet[rng.Below(31)]);
    char org_check = internal::OrganizationCodeCheckChar(org);
    // 'X' is not in the credit-code alphabet: draw again until the organization
    // code fits (the national system issues such codes only).
    while (org_check == 'X') {
      org[7] = kOrgAlphabet[rng.Below(10)];
      org_check = internal::OrganizationCodeCheckChar(org);
    }
    s += org;
    s.push_back(org_check);
    s.push_back(internal::CreditCodeCheckChar(s));
    return s;
  }

  absl::Status Region(const std::string& id, const std::string& name,
                      const std::string& code, v1::RegionLevel level,
                      const std::string& parent) {
    v1::Region* r = Fresh(rec_->mutable_region());
    r->set_id(id);
    r->set_name(name);
    r->set_code(code);
    r->set_level(level);
    r->set_parent_id(parent);
    return Emit();
  }

  absl::Status County(const CountyPlan& plan, size_t index);

  // The state of one county while it is generated: its codes, its random
  // stream, its id sequences and buffers, its last standalone organization.
  struct CountyState {
    const CountyPlan& plan;
    int64_t index;
    Rng rng;
    std::string code, county_id, county_name;
    int64_t host_seq = 0, member_seq = 0, org_seq = 0, grid_seq = 0,
            misc_seq = 0;
    std::string id, national_id, phone;  // Reused from record to record.
    std::string last_standalone_org;
    std::vector<std::string> regional_ids;  // Each township's 1+N branch.

    CountyState(const CountyPlan& p, int64_t i, const Rng& r, std::string c,
                std::string id_of_county, std::string name)
        : plan(p),
          index(i),
          rng(r),
          code(std::move(c)),
          county_id(std::move(id_of_county)),
          county_name(std::move(name)) {}

    // The next id of `prefix` in the county ("h150425-000123").
    std::string NextId(char prefix, int64_t* seq) {
      id.assign(1, prefix);
      id += code;
      id.push_back('-');
      AppendPadded(&id, ++*seq, 6);
      return id;
    }
  };
  // A township's state: its ids, its open joint group and grid, its units.
  struct TownState {
    int t = 0;
    std::string town_id, regional_id;
    std::string joint_id;
    std::vector<std::string> joint_hosts;
    int64_t joint_full = 0;  // Full members of the open group's units.
    size_t joint_target = 0;
    bool joint_affiliated = false;
    std::string grid_id;
    int64_t grid_left = 0;
    int64_t township_units = 0;
  };
  // What is drawn for one unit, then read by its record, members and branch.
  struct UnitState {
    std::string host_id;
    bool social = false;
    v1::HostSubtype subtype = v1::HOST_SUBTYPE_UNSPECIFIED;
    int64_t members = 0;
    bool large = false, standalone = false, joined = false, in_grid = false;
    std::string org_id;
    const Industry* industry = nullptr;
    bool owner_member = false;
    std::string first_member_id, host_name;
  };
  absl::Status Township(CountyState* c, int t, int townships);
  absl::Status Transfers(CountyState* c);
  absl::Status Exits(CountyState* c);
  v1::Member* RegionalMember(CountyState* c, Rng& rng, std::string id,
                             int birth_year, int birth_month, int birth_day,
                             size_t j);
  absl::Status TransferRecords(CountyState* c, size_t from, size_t to,
                               bool out);
  absl::Status CloseJoint(CountyState* c, TownState* w);
  absl::Status Unit(CountyState* c, TownState* w);
  absl::Status GridFor(CountyState* c, TownState* w, bool in_grid);
  absl::Status HostRecord(CountyState* c, TownState* w, UnitState* u);
  void StatusHistory(const CountyState& c, bool may_close, int registered,
                     v1::HostOrganization* ho) const;
  absl::Status Members(CountyState* c, TownState* w, const UnitState& u);
  absl::Status StandaloneBranch(CountyState* c, TownState* w,
                                const UnitState& u);
  absl::Status BranchExtras(CountyState* c, const UnitState& u);

  const NationalScenarioOptions o_;
  RecordSink* sink_;
  const std::vector<CountyPlan> plans_;
  Rng fault_rng_{0};
  static constexpr int kRecordsPerArena = 4096;
  google::protobuf::Arena arena_{ArenaOptions()};
  v1::Record* rec_ =
      google::protobuf::Arena::CreateMessage<v1::Record>(&arena_);
  int since_reset_ = 0;
  double p_small_ = 0, p_large_ = 0;
  int64_t employed_dues_[kIncomeSteps] = {}, retired_dues_[kIncomeSteps] = {};
  int64_t flat_dues_ = 0;
  int64_t records_ = 0;
};

}  // namespace national
}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_GENERATE_NATIONAL_GENERATOR_H_
