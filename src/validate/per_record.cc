// Per-record rules: each looks at one record only, allocates nothing unless it
// reports a finding, and runs on the streaming hot path.
#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/base/attributes.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/id_checks.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "validate/dues.h"
#include "validate/engine.h"

namespace dangjian {
namespace internal {
namespace {

std::string DateText(const Ymd& d) {
  if (d.m == 0) return absl::StrCat(d.y);
  if (d.d == 0) return absl::StrCat(d.y, "-", d.m);
  return absl::StrCat(d.y, "-", d.m, "-", d.d);
}

// A field path built only when a finding needs it: head[index]tail, or head
// alone when index < 0.
struct Field {
  Field(const char* h) : head(h) {}  // NOLINT: implicit by design
  Field(const char* h, int i, const char* t) : head(h), index(i), tail(t) {}
  std::string str() const {
    if (index < 0) return head;
    return absl::StrCat(head, "[", index, "]", tail);
  }
  const char* head;
  int index = -1;
  const char* tail = "";
};

// A member's pipeline dates, in MemberFacts' order: the field, the date's
// name and what the person became.
struct StageText {
  const char* field;
  const char* date_term;
  const char* term;
};
constexpr StageText kStages[5] = {
    {"applied_on", "application date (递交入党申请书日期)",
     "applied (入党申请)"},
    {"activist_on", "activist date (确定为入党积极分子日期)",
     "named an activist (入党积极分子)"},
    {"development_target_on", "development target date (确定为发展对象日期)",
     "named a development target (发展对象)"},
    {"probationary_on", "probationary date (接收为预备党员日期)",
     "admitted as probationary member (预备党员)"},
    {"full_on", "full-member date (转为正式党员日期)",
     "made a full member (正式党员)"},
};

class Ctx {
 public:
  Ctx(const Config& c, const RecordRef& ref, Sink* sink)
      : c_(c), ref_(ref), sink_(sink) {}
  const Config& config() const { return c_; }
  bool On(Rule r) const { return c_.On(r); }
  // Reports a finding on the record, its message the concatenation of
  // `parts` (made only when the sink keeps it). Out of line and cold: the
  // checks stay small enough for the instruction cache on the path without
  // findings.
  template <typename... Parts>
  ABSL_ATTRIBUTE_NOINLINE ABSL_ATTRIBUTE_COLD void Emit(
      Rule r, absl::string_view field, const Parts&... parts) const {
    const v1::SourceLocation& at = *ref_.location;
    auto location = [&at]() -> const v1::SourceLocation& { return at; };
    if (ref_.record != nullptr) {
      sink_->Add(r, KindName(*ref_.record), RecordId(*ref_.record), location,
                 field, parts...);
    } else {
      sink_->Add(r, ref_.kind, ref_.id, location, field, parts...);
    }
  }

  // Checks an optional date; returns it when present and valid, else a Ymd
  // with y == 0.
  Ymd Date(bool present, const v1::Date& date, const Field& field,
           absl::string_view term) const {
    return Date(present, present ? ToYmd(date) : Ymd{}, field, term);
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE Ymd Date(bool present, const Ymd& d,
                                        const Field& field,
                                        absl::string_view term) const {
    if (!present) return Ymd{};
    if (IsPlainDate(d)) return d;
    return CheckedDate(d, field, term);
  }
  // Date() for a member's pipeline date `i` (MemberFacts::kApplied ...), its
  // field and term from kStages: nothing is made for them unless the date
  // has a problem.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Ymd StageDate(bool present, const Ymd& d,
                                             int i) const {
    if (!present) return Ymd{};
    if (IsPlainDate(d)) return d;
    return CheckedStageDate(d, i);
  }

 private:
  // The common case, inline: a full date on every calendar (day 1 to 28)
  // not after as_of.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool IsPlainDate(const Ymd& d) const {
    // Unsigned: any int32 field, INT32_MIN included, subtracts without
    // overflow.
    return static_cast<uint32_t>(d.y) - 1u < 9999u &&
           static_cast<uint32_t>(d.m) - 1u < 12u &&
           static_cast<uint32_t>(d.d) - 1u < 28u &&
           d.y * 512 + d.m * 32 + d.d <= as_of_first_day_;
  }
  ABSL_ATTRIBUTE_NOINLINE Ymd CheckedStageDate(const Ymd& d, int i) const {
    return CheckedDate(d, kStages[i].field, kStages[i].date_term);
  }
  Ymd CheckedDate(const Ymd& d, const Field& field,
                  absl::string_view term) const {
    if (!IsValidDate(d)) {
      if (On(Rule::kDateInvalid)) {
        Emit(Rule::kDateInvalid, field.str(),
             Zh(ZhTerm(term), " ", d.y, "-", d.m, "-", d.d, " 不是有效日期"),
             term, " ", d.y, "-", d.m, "-", d.d,
             " is not a calendar date (日期无效)");
      }
      return Ymd{};
    }
    if (IsAfter(d, c_.as_of)) {
      if (On(Rule::kDateFuture)) {
        Emit(Rule::kDateFuture, field.str(),
             Zh(ZhTerm(term), " ", DateText(d), " 晚于校验基准日 ",
                DateText(c_.as_of)),
             term, " ", DateText(d), " is after ", DateText(c_.as_of),
             " (日期在未来)");
      }
    }
    return d;
  }

  const Config& c_;
  const RecordRef& ref_;
  Sink* sink_;
  const int32_t as_of_first_day_ = PackFirstDay(c_.as_of);
};

// Whether `v` is a value of the enum `E` (its generated _IsValid): a range
// check, and the generated function only for an enum with gaps in its range.
template <typename E>
bool KnownEnum(int v, int min, int max, bool (*is_valid)(int)) {
  static const bool contiguous = [&] {
    for (int k = min; k <= max; ++k) {
      if (!is_valid(k)) return false;
    }
    return true;
  }();
  return v >= min && v <= max && (contiguous || is_valid(v));
}

#define DANGJIAN_KNOWN(Enum, v) \
  KnownEnum<v1::Enum>((v), v1::Enum##_MIN, v1::Enum##_MAX, v1::Enum##_IsValid)

// record.enum.unknown for field `field` (`term` for people) holding `v`.
void UnknownEnum(const Ctx& ctx, const char* field, const char* term, int v) {
  if (!ctx.On(Rule::kEnumUnknown)) return;
  ctx.Emit(Rule::kEnumUnknown, field,
           Zh(ZhTerm(term), "为", v,
              "，不是数据规范（dangjian.v1）定义的代码；按未填写统计"),
           term, " is ", v,
           ", a number the schema (dangjian.v1) does not define; counted as "
           "not given");
}

// record.count.negative for field `field` holding `v` < 0.
void NegativeCount(const Ctx& ctx, const char* field, const char* term,
                   int64_t v) {
  if (!ctx.On(Rule::kCountNegative)) return;
  ctx.Emit(Rule::kCountNegative, field,
           Zh(ZhTerm(term), "为", v, "，小于0；按0统计"), term, " is ", v,
           ", below zero; counted as 0");
}

// Checks the member's resident ID; returns NationalIdKeyOf() it.
uint64_t CheckNationalId(const Ctx& ctx, const MemberFacts& m, Ymd* id_birth) {
  const absl::string_view id = m.national_id;
  if (id.empty()) return 0;
  switch (NationalIdShape(id)) {
    case NationalIdProblem::kExcelMangled:
      if (ctx.On(Rule::kNidExcel)) {
        ctx.Emit(Rule::kNidExcel, "national_id",
                 Zh("公民身份号码 ", MaskNationalId(id),
                    " 被电子表格改写（科学计数法，或第15位后变成0）；请按文本重"
                    "新录入"),
                 "resident ID (公民身份号码) ", MaskNationalId(id),
                 " was mangled by a spreadsheet (exponent form or "
                 "digits after the 15th turned to zeros); "
                 "re-enter it as text");
      }
      return 0;
    case NationalIdProblem::kFifteenDigit:
      if (ctx.On(Rule::kNidFormat)) {
        ctx.Emit(Rule::kNidFormat, "national_id",
                 Zh("公民身份号码 ", MaskNationalId(id),
                    " 是15位的第一代号码；请录入18位号码"),
                 "resident ID (公民身份号码) ", MaskNationalId(id),
                 " is a first-generation 15-digit number; record "
                 "the 18-character number");
      }
      return 0;
    case NationalIdProblem::kLowercaseX:
      if (ctx.On(Rule::kNidFormat)) {
        ctx.Emit(Rule::kNidFormat, "national_id",
                 Zh("公民身份号码 ", MaskNationalId(id),
                    " 末位是小写x；校验码应为大写X"),
                 "resident ID (公民身份号码) ", MaskNationalId(id),
                 " ends in a lowercase x; the check character is "
                 "a capital X");
      }
      return 0;
    case NationalIdProblem::kFormat:
      if (ctx.On(Rule::kNidFormat)) {
        ctx.Emit(
            Rule::kNidFormat, "national_id",
            Zh("公民身份号码 ", MaskNationalId(id),
               " 不是17位数字加1位校验码（0-9或X）（共", id.size(), "个字符）"),
            "resident ID (公民身份号码) ", MaskNationalId(id),
            " is not 17 digits and a check character 0-9 or "
            "X (",
            id.size(), " characters)");
      }
      return 0;
    case NationalIdProblem::kNone:
      break;
  }
  const Ymd birth = NationalIdBirthDate(id);
  // A resident ID holds a whole date: month and day 00 are no date, though
  // a record's own date may leave them unknown.
  if (!IsValidDate(birth) || birth.m == 0 || birth.d == 0 || birth.y < 1900 ||
      IsAfter(birth, ctx.config().as_of)) {
    if (ctx.On(Rule::kNidBirthDate)) {
      ctx.Emit(Rule::kNidBirthDate, "national_id",
               Zh("公民身份号码 ", MaskNationalId(id),
                  " 第7-14位不是真实的出生日期"),
               "resident ID (公民身份号码) ", MaskNationalId(id),
               " does not hold a real birth date (出生日期) in "
               "positions 7-14");
    }
  } else {
    *id_birth = birth;
  }
  uint64_t key = 0;
  const char check = NationalIdCheckCharAndKey(id, &key);
  if (check != id[17] && ctx.On(Rule::kNidChecksum)) {
    ctx.Emit(
        Rule::kNidChecksum, "national_id",
        Zh("公民身份号码 ", MaskNationalId(id), " 校验码错误，可能有数字录错"),
        "resident ID (公民身份号码) ", MaskNationalId(id),
        " has a wrong check character (校验码); a mistyped "
        "digit is likely");
  }
  if (m.gender != v1::GENDER_UNSPECIFIED && ctx.On(Rule::kGenderMismatch)) {
    const bool male = (id[16] - '0') % 2 == 1;
    if (male != (m.gender == v1::GENDER_MALE)) {
      ctx.Emit(Rule::kGenderMismatch, "gender",
               Zh("性别为", m.gender == v1::GENDER_MALE ? "男" : "女",
                  "，但公民身份号码显示为", male ? "男" : "女"),
               "gender (性别) is ",
               m.gender == v1::GENDER_MALE ? "male" : "female",
               " but the resident ID (公民身份号码) says ",
               male ? "male" : "female");
    }
  }
  return key;
}

void CheckId(const Ctx& ctx, absl::string_view id) {
  if (id.empty() && ctx.On(Rule::kIdMissing)) {
    ctx.Emit(Rule::kIdMissing, "id", Zh("记录没有标识（记录标识为空）"),
             "the record has no id (记录标识)");
  }
}

// Dues paid through a month (党费交至; a year alone is its December): the
// months after it, and from the member's admission (probationary_on) on,
// that have ended by as_of are unpaid. Arrears from the policy's 3 months;
// from its 6 the lapse of the Party Constitution's art. 9.
void CheckDuesPaidThrough(const Ctx& ctx, const MemberFacts& m) {
  const Config& c = ctx.config();
  const v1::Policy& p = c.policy;
  const Ymd paid{m.dues_paid_year,
                 m.dues_paid_month == 0 ? 12 : m.dues_paid_month, 0};
  if (!IsValidDate(paid)) {
    if (ctx.On(Rule::kDateInvalid)) {
      ctx.Emit(Rule::kDateInvalid, "dues_paid_through",
               Zh("党费交至 ", paid.y, "-", m.dues_paid_month, " 不是有效月份"),
               "dues paid through (党费交至) ", paid.y, "-", m.dues_paid_month,
               " is not a calendar month (日期无效)");
    }
    return;
  }
  const int64_t as_of_month = int64_t{c.as_of.y} * 12 + c.as_of.m - 1;
  int64_t paid_month = int64_t{paid.y} * 12 + paid.m - 1;
  const int admitted = MemberFacts::kProbationary;
  if (m.has_date[admitted] && m.date_month[admitted] >= 1 &&
      m.date_month[admitted] <= 12) {
    // Nothing was owed before the month of admission.
    paid_month = std::max(paid_month, int64_t{m.date_year[admitted]} * 12 +
                                          m.date_month[admitted] - 2);
  }
  const bool month_ended =
      c.as_of.d == 0 || c.as_of.d >= DaysInMonth(c.as_of.y, c.as_of.m);
  const int64_t unpaid = as_of_month - paid_month - (month_ended ? 0 : 1);
  const Ymd month{paid.y, paid.m, 0};
  if (unpaid >= p.dues_lapse_months()) {
    if (ctx.On(Rule::kDuesLapsed)) {
      ctx.Emit(Rule::kDuesLapsed, "dues_paid_through",
               Zh("党费交至 ", DateText(month), "，至 ", DateText(c.as_of),
                  " 已连续", unpaid,
                  "个月未交纳；党章第九条：无正当理由连续六个月不交纳党费，"
                  "被认为是自行脱党，请支部核实处理"),
               "dues (党费) are paid through ", DateText(month), ": ", unpaid,
               " months unpaid by ", DateText(c.as_of),
               "; a member who without good reason pays no dues for six "
               "months in a row is held to have left the party (Party "
               "Constitution art. 9): the branch is to look into it");
    }
  } else if (unpaid >= p.dues_arrears_months()) {
    if (ctx.On(Rule::kDuesArrears)) {
      ctx.Emit(Rule::kDuesArrears, "dues_paid_through",
               Zh("党费交至 ", DateText(month), "，至 ", DateText(c.as_of),
                  " 已", unpaid, "个月未交纳（欠缴党费）"),
               "dues (党费) are paid through ", DateText(month), ": ", unpaid,
               " months unpaid by ", DateText(c.as_of), " (欠缴党费)");
    }
  }
}

// A member's dues (党费): the figures valid, the amount the policy's brackets
// give, and months unpaid (CheckDuesPaidThrough()).
void CheckDues(const Ctx& ctx, const MemberFacts& m) {
  const v1::Policy& p = ctx.config().policy;
  const int64_t income = m.monthly_income_fen;
  const int64_t dues = m.monthly_dues_fen;
  const auto category = static_cast<v1::DuesCategory>(m.dues_category);
  if (ctx.On(Rule::kDuesInvalid)) {
    if (income < 0) {
      ctx.Emit(Rule::kDuesInvalid, "monthly_income_fen",
               Zh("月收入为负数：", ZhYuan(income)),
               "monthly income (月收入) is negative: ", Yuan(income));
    }
    if (dues < 0) {
      ctx.Emit(Rule::kDuesInvalid, "monthly_dues_fen",
               Zh("月缴党费为负数：", ZhYuan(dues)),
               "monthly dues (月缴党费) are negative: ", Yuan(dues));
    }
    if (dues > 0 && category == v1::DUES_CATEGORY_UNSPECIFIED) {
      ctx.Emit(Rule::kDuesInvalid, "dues_category",
               Zh("录有党费但未填写党费类别"),
               "monthly dues (党费) are recorded without a dues category "
               "(党费类别)");
    }
  }
  if (dues > 0 && income >= 0 && ctx.On(Rule::kDuesMismatch)) {
    const int64_t expected = ComputeMonthlyDuesFen(income, category, p);
    if (expected >= 0 && expected != dues) {
      ctx.Emit(Rule::kDuesMismatch, "monthly_dues_fen",
               Zh("月缴党费 ", ZhYuan(dues), "；按党费标准，党费类别“",
                  ZhEnum(category), "”、月收入 ", ZhYuan(income), " 应缴 ",
                  ZhYuan(expected)),
               "monthly dues (月缴党费) are ", Yuan(dues),
               "; the policy's brackets give ", Yuan(expected), " for ",
               v1::DuesCategory_Name(category), " with a monthly income of ",
               Yuan(income));
    }
  }
  if (m.has_dues_paid_through && (m.status == v1::MEMBER_STATUS_FULL ||
                                  m.status == v1::MEMBER_STATUS_PROBATIONARY)) {
    CheckDuesPaidThrough(ctx, m);
  }
}

// Returns NationalIdKeyOf() the member's national_id.
uint64_t CheckMember(const Ctx& ctx, const MemberFacts& m) {
  const Config& c = ctx.config();
  const v1::Policy& p = c.policy;
  if (ABSL_PREDICT_FALSE(!DANGJIAN_KNOWN(MemberStatus, m.status))) {
    UnknownEnum(ctx, "status", "status (发展阶段)", m.status);
  }
  if (ABSL_PREDICT_FALSE(!DANGJIAN_KNOWN(Gender, m.gender))) {
    UnknownEnum(ctx, "gender", "gender (性别)", m.gender);
  }
  if (ABSL_PREDICT_FALSE(!DANGJIAN_KNOWN(DuesCategory, m.dues_category))) {
    UnknownEnum(ctx, "dues_category", "dues category (党费类别)",
                m.dues_category);
  }
  if (m.status == v1::MEMBER_STATUS_UNSPECIFIED &&
      ctx.On(Rule::kStatusMissing)) {
    ctx.Emit(Rule::kStatusMissing, "status", Zh("未填写发展阶段"),
             "the member's status (发展阶段) is not recorded");
  }
  auto date = [&m](int i) {
    return Ymd{m.date_year[i], m.date_month[i], m.date_day[i]};
  };
  Ymd dates[5];
  for (int i = 0; i < 5; ++i) {
    dates[i] = ctx.StageDate(m.has_date[i], date(i), i);
  }
  const Ymd birth_field =
      ctx.Date(m.has_birth_date, Ymd{m.birth_year, m.birth_month, m.birth_day},
               "birth_date", "birth date (出生日期)");
  Ymd id_birth;
  const uint64_t national_id_key = CheckNationalId(ctx, m, &id_birth);
  if (birth_field.y != 0 && id_birth.y != 0 &&
      CompareDates(birth_field, id_birth) != 0 &&
      ctx.On(Rule::kBirthDateMismatch)) {
    ctx.Emit(Rule::kBirthDateMismatch, "birth_date",
             Zh("出生日期 ", DateText(birth_field), " 与公民身份号码中的 ",
                DateText(id_birth), " 不一致"),
             "birth date (出生日期) ", DateText(birth_field),
             " differs from the resident ID's ", DateText(id_birth));
  }
  const Ymd birth = birth_field.y != 0 ? birth_field : id_birth;

  const Ymd& applied = dates[0];
  if (birth.y != 0 && applied.y != 0 && ctx.On(Rule::kApplicantAge)) {
    const Ymd adult = c.applicant_age.Add(birth);
    if (CompareDates(applied, adult) < 0) {
      ctx.Emit(
          Rule::kApplicantAge, "applied_on",
          Zh(DateText(applied), " 递交入党申请书，未满", p.min_applicant_age(),
             "周岁（出生日期 ", DateText(birth), "）"),
          "applied to join (递交入党申请书) on ", DateText(applied),
          ", before turning ", p.min_applicant_age(), " (born ",
          DateText(birth), ")");
    }
  }
  if (ctx.On(Rule::kPipelineOrder)) {
    int previous = -1;
    for (int i = 0; i < 5; ++i) {
      if (dates[i].y == 0) continue;
      if (previous >= 0 && CompareDates(dates[i], dates[previous]) < 0) {
        ctx.Emit(Rule::kPipelineOrder, kStages[i].field,
                 Zh(ZhTerm(kStages[i].date_term), " ", DateText(dates[i]),
                    " 早于", ZhTerm(kStages[previous].date_term), " ",
                    DateText(dates[previous])),
                 kStages[i].term, " on ", DateText(dates[i]), ", before being ",
                 kStages[previous].term, " on ", DateText(dates[previous]));
      }
      previous = i;
    }
  }
  const int status = m.status;
  if (status >= v1::MEMBER_STATUS_APPLICANT &&
      status <= v1::MEMBER_STATUS_FULL && ctx.On(Rule::kStatusDates)) {
    for (int i = status; i < 5; ++i) {
      if (!m.has_date[i]) continue;
      ctx.Emit(Rule::kStatusDates, kStages[i].field,
               Zh("发展阶段为", ZhEnum(static_cast<v1::MemberStatus>(status)),
                  "，但记录填有", ZhTerm(kStages[i].date_term)),
               "status (发展阶段) is ",
               v1::MemberStatus_Name(static_cast<v1::MemberStatus>(status)),
               " but the record says the person was ", kStages[i].term);
    }
  }
  const Ymd& activist = dates[1];
  const Ymd& target = dates[2];
  if (activist.y != 0 && target.y != 0 && ctx.On(Rule::kActivistPeriod) &&
      CompareDates(target, c.activist_period.Add(activist)) < 0) {
    ctx.Emit(Rule::kActivistPeriod, "development_target_on",
             Zh(DateText(target), " 确定为发展对象，距 ", DateText(activist),
                " 确定为入党积极分子不足", p.activist_min_months(), "个月"),
             "named a development target (发展对象) on ", DateText(target),
             ", less than ", p.activist_min_months(),
             " months after becoming an activist (入党积极分子) "
             "on ",
             DateText(activist));
  }
  const Ymd& probationary = dates[3];
  const Ymd& full = dates[4];
  const int64_t probation = p.probation_months();
  if (probationary.y != 0 && full.y != 0 && ctx.On(Rule::kProbationLength)) {
    const bool too_short =
        CompareDates(full, c.probation.Add(probationary)) < 0;
    const bool too_long =
        CompareDates(full, c.probation_late.Add(probationary)) > 0;
    if (too_short || too_long) {
      ctx.Emit(Rule::kProbationLength, "full_on",
               Zh(DateText(full), " 转为正式党员，距 ", DateText(probationary),
                  " 预备期开始", too_short ? "不足" : "超过",
                  too_short ? probation : probation + 12, "个月"),
               "made a full member (转为正式党员) on ", DateText(full), ", ",
               too_short ? "less than " : "more than ",
               too_short ? probation : probation + 12,
               " months after probation (预备期) began on ",
               DateText(probationary));
    }
  }
  if (m.status == v1::MEMBER_STATUS_PROBATIONARY && probationary.y != 0 &&
      !m.has_date[4] && ctx.On(Rule::kProbationOverdue) &&
      CompareDates(c.as_of, c.probation_late.Add(probationary)) > 0) {
    ctx.Emit(Rule::kProbationOverdue, "probationary_on",
             Zh("至 ", DateText(c.as_of), " 仍为预备党员，距 ",
                DateText(probationary), " 接收为预备党员已超过", probation + 12,
                "个月；请录入转正或处理决定"),
             "still a probationary member (预备党员) on ", DateText(c.as_of),
             ", more than ", probation + 12, " months after admission on ",
             DateText(probationary), "; record the conversion or the decision");
  }
  CheckDues(ctx, m);
  return national_id_key;
}

bool SubtypeIsSocial(v1::HostSubtype s) {
  return s >= v1::HOST_SUBTYPE_SOCIAL_GROUP;
}

void CheckHost(const Ctx& ctx, const HostFacts& h) {
  ctx.Date(h.has_registered_on,
           Ymd{h.registered_year, h.registered_month, h.registered_day},
           "registered_on", "registration date (成立日期)");
  if (!DANGJIAN_KNOWN(HostKind, h.kind)) {
    UnknownEnum(ctx, "kind", "kind (组织类别)", h.kind);
  }
  if (!DANGJIAN_KNOWN(HostSubtype, h.subtype)) {
    UnknownEnum(ctx, "subtype", "subtype (组织类型)", h.subtype);
  }
  if (!DANGJIAN_KNOWN(SectorSystem, h.sector_system)) {
    UnknownEnum(ctx, "sector_system", "sector system (行业系统)",
                h.sector_system);
  }
  if (!DANGJIAN_KNOWN(HostStatus, h.status)) {
    UnknownEnum(ctx, "status", "status (经营状态)", h.status);
  }
  static constexpr const char* kReported[5] = {
      "reported_member_counts.full", "reported_member_counts.probationary",
      "reported_member_counts.activists", "reported_member_counts.applicants",
      "reported_member_counts.development_targets"};
  for (int i = 0; i < 5; ++i) {
    if (h.reported[i] < 0) {
      NegativeCount(ctx, kReported[i], "a reported member count (党员人数)",
                    h.reported[i]);
    }
  }
  if (h.employees < 0) {
    NegativeCount(ctx, "employees", "employees (从业人员数)", h.employees);
  }
  const absl::string_view code = h.unified_social_credit_code;
  if (!code.empty()) {
    switch (CheckCreditCode(code)) {
      case CreditCodeProblem::kFormat:
        if (ctx.On(Rule::kCreditFormat)) {
          ctx.Emit(Rule::kCreditFormat, "unified_social_credit_code",
                   Zh("统一社会信用代码“", code,
                      "”不是18位（0-9及除I、O、S、V、Z外的大写字母）"),
                   "unified social credit code (统一社会信用代码) "
                   "\"",
                   code,
                   "\" is not 18 characters of 0-9 and A-Y "
                   "without I, O, S, V, Z");
        }
        break;
      case CreditCodeProblem::kChecksum:
        if (ctx.On(Rule::kCreditChecksum)) {
          ctx.Emit(Rule::kCreditChecksum, "unified_social_credit_code",
                   Zh("统一社会信用代码 ", code, " 校验码错误；应为 ",
                      std::string(1, CreditCodeCheckChar(code))),
                   "unified social credit code (统一社会信用代码) ", code,
                   " has a wrong check character (校验码); "
                   "expected ",
                   std::string(1, CreditCodeCheckChar(code)));
        }
        break;
      case CreditCodeProblem::kNone:
        break;
    }
  }
  const auto kind = static_cast<v1::HostKind>(h.kind);
  const auto subtype = static_cast<v1::HostSubtype>(h.subtype);
  if (kind != v1::HOST_KIND_UNSPECIFIED &&
      subtype != v1::HOST_SUBTYPE_UNSPECIFIED &&
      ctx.On(Rule::kHostKindSubtype)) {
    const bool social = SubtypeIsSocial(subtype);
    if (social != (kind == v1::HOST_KIND_SOCIAL)) {
      ctx.Emit(Rule::kHostKindSubtype, "subtype",
               Zh("组织类型“", ZhEnum(subtype), "”属于",
                  social ? "社会组织" : "非公有制经济组织", "，但组织类别为“",
                  ZhEnum(kind), "”"),
               "subtype (组织类型) ", v1::HostSubtype_Name(subtype), " is a ",
               social ? "social organization (社会组织)"
                      : "non-public economic organization "
                        "(非公经济组织)",
               " but the kind is ", v1::HostKind_Name(kind));
    }
  }
  const auto sector = static_cast<v1::SectorSystem>(h.sector_system);
  if (subtype != v1::HOST_SUBTYPE_UNSPECIFIED &&
      sector != v1::SECTOR_SYSTEM_UNSPECIFIED &&
      DANGJIAN_KNOWN(HostSubtype, h.subtype) &&
      ctx.On(Rule::kHostSubtypeSector)) {
    // Civil affairs registers social organizations only. (A social group
    // may be under 工商 or 经信 as its supervising department: an industry
    // association, the 个体私营企业协会.)
    if (!SubtypeIsSocial(subtype) &&
        sector == v1::SECTOR_SYSTEM_CIVIL_AFFAIRS) {
      ctx.Emit(
          Rule::kHostSubtypeSector, "sector_system",
          Zh("组织类型“", ZhEnum(subtype),
             "”是非公有制经济组织，不归民政系统管理；民政部门只登记社会组织"),
          "subtype (组织类型) ", v1::HostSubtype_Name(subtype),
          " is a non-public economic organization, not under civil "
          "affairs (民政), which registers social organizations only");
    }
  }
}

// One star assessment: nested in its organization's star_assessments[index],
// or a record of its own (index < 0, fields named without a prefix).
void CheckStar(const Ctx& ctx, const StarFacts& a, int index) {
  const Config& c = ctx.config();
  // field(".year"): "star_assessments[2].year" nested, "year" in a record.
  auto field = [index](const char* tail) {
    return index < 0 ? Field(tail + 1) : Field("star_assessments", index, tail);
  };
  ctx.Date(a.has_assessed_on,
           Ymd{a.assessed_year, a.assessed_month, a.assessed_day},
           field(".assessed_on"), "assessment date (评定日期)");
  if (a.year > c.as_of.y && ctx.On(Rule::kDateFuture)) {
    ctx.Emit(Rule::kDateFuture, field(".year").str(),
             Zh("评定年度 ", a.year, " 晚于 ", c.as_of.y, " 年"),
             "assessment year (评定年度) ", a.year, " is after ", c.as_of.y);
  }
  if (a.stars < 1 || a.stars > 5) {
    if (ctx.On(Rule::kStarsRange)) {
      ctx.Emit(Rule::kStarsRange, field(".stars").str(),
               Zh("星级 ", a.stars, " 不在1-5之间"), "star rating (星级) of ",
               a.stars, " is outside 1-5");
    }
    return;
  }
  const int met = a.criteria_met;
  const int expected = met < 1 ? 1 : met;
  if (a.stars != expected && ctx.On(Rule::kStarsCriteria)) {
    ctx.Emit(Rule::kStarsCriteria, field(".stars").str(),
             Zh("评为", a.stars, "星，但“五好”达到", met, "项（应评", expected,
                "星）"),
             a.stars, " stars (星级) but ", met,
             " of the five criteria (五好) are met");
  }
}

// A branch's committee (支委会): at most 7 seats (the policy's), usually 5.
// Too few seats, or none, depend on the branch's full members: the
// cross-record checks judge them.
void CheckCommittee(const Ctx& ctx, const OrgFacts& o) {
  const v1::Policy& p = ctx.config().policy;
  const int64_t seats = static_cast<int64_t>(o.committee_member_ids.size());
  if (o.level != v1::ORG_LEVEL_BRANCH || seats == 0) return;
  if (seats > p.branch_committee_hard_max_size() &&
      ctx.On(Rule::kCommitteeSize)) {
    ctx.Emit(
        Rule::kCommitteeSize, "committee",
        Zh("支部委员会有", seats, "名委员；一般为",
           p.branch_committee_min_size(), "至", p.branch_committee_max_size(),
           "名，最多", p.branch_committee_hard_max_size(), "名"),
        "the branch committee (支委会) has ", seats,
        " seats; a branch committee has ", p.branch_committee_min_size(),
        " to ", p.branch_committee_max_size(), ", at most ",
        p.branch_committee_hard_max_size());
  } else if (seats > p.branch_committee_max_size() &&
             ctx.On(Rule::kCommitteeAboveUsual)) {
    ctx.Emit(Rule::kCommitteeAboveUsual, "committee",
             Zh("支部委员会有", seats, "名委员，一般为",
                p.branch_committee_min_size(), "至",
                p.branch_committee_max_size(), "名"),
             "the branch committee (支委会) has ", seats,
             " seats; a branch committee usually has ",
             p.branch_committee_min_size(), " to ",
             p.branch_committee_max_size());
  }
}

// `d` less `months`, the day kept where the month has it, else its last
// (2014-12-31 less 6 months: 2014-06-30).
Ymd MonthsBefore(const Ymd& d, int months) {
  const int64_t m = int64_t{d.y} * 12 + (d.m - 1) - months;
  Ymd out{static_cast<int32_t>(m / 12), static_cast<int32_t>(m % 12) + 1, d.d};
  if (out.y >= 1 && out.d > DaysInMonth(out.y, out.m)) {
    out.d = DaysInMonth(out.y, out.m);
  }
  return out;
}

// The term (任期) from `started` (term_started_on; not judged without it):
// the election (换届) overdue after the term, due within the notice before.
void CheckTerm(const Ctx& ctx, const OrgFacts& o, const Ymd& started) {
  if (started.y == 0) return;
  const Config& c = ctx.config();
  const bool committee = o.level == v1::ORG_LEVEL_COMMITTEE;
  const int years = committee ? c.policy.committee_term_years()
                              : c.policy.branch_term_years();
  const Ymd ends = (committee ? c.committee_term : c.branch_term).Add(started);
  if (CompareDates(c.as_of, ends) > 0) {
    if (ctx.On(Rule::kTermOverdue)) {
      ctx.Emit(Rule::kTermOverdue, "term_started_on",
               Zh("本届任期自 ", DateText(started), " 起", years, "年，已于 ",
                  DateText(ends), " 届满，逾期未换届"),
               "the term (任期) of ", years, " years from ", DateText(started),
               " ended on ", DateText(ends),
               "; the election (换届) is overdue");
    }
  } else if (CompareDates(c.as_of,
                          MonthsBefore(ends.m == 0 ? Ymd{ends.y, 12, 31} : ends,
                                       c.policy.term_notice_months())) >= 0 &&
             ctx.On(Rule::kTermDue)) {
    // (A term started in a year alone ends in a year alone: its last day.)
    ctx.Emit(Rule::kTermDue, "term_started_on",
             Zh("本届任期将于 ", DateText(ends), " 届满，应准备换届"),
             "the term (任期) ends on ", DateText(ends),
             "; the election (换届) is due");
  }
}

void CheckPartyOrganization(const Ctx& ctx, const OrgFacts& o) {
  const Config& c = ctx.config();
  if (!DANGJIAN_KNOWN(OrgLevel, o.level)) {
    UnknownEnum(ctx, "level", "level (组织层级)", o.level);
  }
  if (!DANGJIAN_KNOWN(FormationModel, o.formation)) {
    UnknownEnum(ctx, "formation", "formation (组建方式)", o.formation);
  }
  const Ymd founded = ctx.Date(
      o.has_founded_on, Ymd{o.founded_year, o.founded_month, o.founded_day},
      "founded_on", "founding date (成立日期)");
  const Ymd term_started = ctx.Date(
      o.has_term_started_on,
      Ymd{o.term_started_year, o.term_started_month, o.term_started_day},
      "term_started_on", "term start (本届任期开始)");
  const Ymd dissolved =
      ctx.Date(o.has_dissolved_on,
               Ymd{o.dissolved_year, o.dissolved_month, o.dissolved_day},
               "dissolved_on", "dissolution date (撤销日期)");
  if (founded.y != 0 && dissolved.y != 0 &&
      CompareDates(dissolved, founded) < 0 && ctx.On(Rule::kDatesOrder)) {
    ctx.Emit(Rule::kDatesOrder, "dissolved_on",
             Zh("撤销日期 ", DateText(dissolved), " 早于成立日期 ",
                DateText(founded)),
             "dissolved (撤销) on ", DateText(dissolved),
             ", before it was founded (成立) on ", DateText(founded));
  }
  const int64_t units = static_cast<int64_t>(o.host_organization_ids.size());
  switch (o.formation) {
    case v1::FORMATION_MODEL_STANDALONE:
      if (units != 1 && ctx.On(Rule::kStandaloneUnits)) {
        ctx.Emit(Rule::kStandaloneUnits, "host_organization_ids",
                 Zh("单建党组织覆盖", units, "个单位；应只覆盖1个"),
                 "a standalone (单建) party organization covers ", units,
                 " host organizations; it covers one");
      }
      break;
    case v1::FORMATION_MODEL_JOINT:
      if ((units < 2 || units > c.policy.joint_branch_max_units()) &&
          ctx.On(Rule::kJointUnits)) {
        ctx.Emit(Rule::kJointUnits, "host_organization_ids",
                 Zh("联建党组织覆盖", units, "个单位；应为2至",
                    c.policy.joint_branch_max_units(), "个"),
                 "a joint (联建) party organization covers ", units,
                 " host organizations; it should cover 2 "
                 "to ",
                 c.policy.joint_branch_max_units());
      }
      break;
    case v1::FORMATION_MODEL_AFFILIATED:
      if (o.parent_id.empty() && ctx.On(Rule::kAffiliated)) {
        ctx.Emit(Rule::kAffiliated, "parent_id",
                 Zh("挂靠党组织未填写所挂靠的党组织"),
                 "an affiliated (挂靠) party organization does not name the "
                 "party organization it is attached to");
      }
      break;
    default:
      break;
  }
  CheckCommittee(ctx, o);
  if (dissolved.y == 0 || CompareDates(dissolved, c.as_of) > 0) {
    CheckTerm(ctx, o, term_started);
  }
  if (!o.star_assessments.empty() &&
      o.formation != v1::FORMATION_MODEL_STANDALONE &&
      ctx.On(Rule::kStarsNotStandalone)) {
    ctx.Emit(
        Rule::kStarsNotStandalone, "star_assessments",
        Zh("组建方式为“", ZhEnum(static_cast<v1::FormationModel>(o.formation)),
           "”的党组织有星级评定；只有单建党组织参加评定"),
        "a ",
        v1::FormationModel_Name(static_cast<v1::FormationModel>(o.formation)),
        " party organization carries a star rating (星级); "
        "only standalone (单建) organizations are rated");
  }
  for (size_t i = 0; i < o.star_assessments.size(); ++i) {
    CheckStar(ctx, o.star_assessments[i], static_cast<int>(i));
  }
}

void CheckVenue(const Ctx& ctx, const VenueFacts& v) {
  if (!DANGJIAN_KNOWN(VenueOwnership, v.ownership)) {
    UnknownEnum(ctx, "ownership", "ownership (场所权属)", v.ownership);
  }
  if (ctx.On(Rule::kSixHaves)) {
    // In VenueFacts::haves' bit order.
    static constexpr const char* kHaves[6] = {"site (有场所)",
                                              "facilities (有设施)",
                                              "signage (有标志)",
                                              "party flag (有党旗)",
                                              "books and newspapers (有书报)",
                                              "rules on the wall (有制度)"};
    std::vector<const char*> missing;
    for (int i = 0; i < 6; ++i) {
      if ((v.haves >> i & 1) == 0) missing.push_back(kHaves[i]);
    }
    if (!missing.empty()) {
      ctx.Emit(Rule::kSixHaves, "has_*",
               Zh("活动场所“六有”缺", missing.size(), "项：",
                  absl::StrJoin(missing, "、",
                                [](std::string* out, const char* h) {
                                  absl::StrAppend(out, ZhTerm(h));
                                })),
               "the venue lacks ", missing.size(),
               " of the six haves (六有): ", absl::StrJoin(missing, ", "));
    }
  }
  if (!ctx.On(Rule::kVenueSize)) return;
  if (v.area_square_metres < 0) {
    ctx.Emit(Rule::kVenueSize, "area_square_metres",
             Zh("面积为负数：", v.area_square_metres, " 平方米"),
             "floor area (面积) is negative: ", v.area_square_metres, " m²");
  }
  if (v.capacity < 0) {
    ctx.Emit(Rule::kVenueSize, "capacity", Zh("容纳人数为负数：", v.capacity),
             "capacity (容纳人数) is negative: ", v.capacity);
  }
  if (v.has_latitude && !(v.latitude >= -90 && v.latitude <= 90)) {
    ctx.Emit(Rule::kVenueSize, "latitude",
             Zh("纬度 ", v.latitude, " 不在-90至90之间"), "latitude (纬度) ",
             v.latitude, " is outside -90..90");
  }
  if (v.has_longitude && !(v.longitude >= -180 && v.longitude <= 180)) {
    ctx.Emit(Rule::kVenueSize, "longitude",
             Zh("经度 ", v.longitude, " 不在-180至180之间"),
             "longitude (经度) ", v.longitude, " is outside -180..180");
  }
}

void CheckFunding(const Ctx& ctx, const FundingFacts& f) {
  const Config& c = ctx.config();
  if (!DANGJIAN_KNOWN(FundingSource, f.source)) {
    UnknownEnum(ctx, "source", "source (经费来源)", f.source);
  }
  ctx.Date(f.has_received_on,
           Ymd{f.received_year, f.received_month, f.received_day},
           "received_on", "date received (到位日期)");
  if (f.year <= 0 || f.year > 9999) {
    if (ctx.On(Rule::kDateInvalid)) {
      ctx.Emit(Rule::kDateInvalid, "year",
               Zh("经费年度 ", f.year, " 不是有效年份"), "budget year (年度) ",
               f.year, " is not a year");
    }
  } else if (f.year > c.as_of.y && ctx.On(Rule::kDateFuture)) {
    ctx.Emit(Rule::kDateFuture, "year",
             Zh("经费年度 ", f.year, " 晚于 ", c.as_of.y, " 年"),
             "budget year (年度) ", f.year, " is after ", c.as_of.y);
  }
  const int64_t a = f.amount_fen;
  if ((a > c.max_plausible_funding_fen || a < -c.max_plausible_funding_fen) &&
      ctx.On(Rule::kFundingAbsurd)) {
    ctx.Emit(Rule::kFundingAbsurd, "amount_fen",
             Zh("经费金额 ", ZhYuan(a), " 超过合理上限 ",
                ZhYuan(c.max_plausible_funding_fen),
                "；请检查单位（应为分，不是元）"),
             "funding amount (经费金额) ", Yuan(a),
             " is beyond the plausible maximum of ",
             Yuan(c.max_plausible_funding_fen),
             "; check the unit (fen, not yuan)");
  }
}

void CheckCadre(const Ctx& ctx, const CadreFacts& a) {
  if (!DANGJIAN_KNOWN(CadreAssignmentKind, a.kind)) {
    UnknownEnum(ctx, "kind", "kind (选派类型)", a.kind);
  }
  const Ymd start =
      ctx.Date(a.has_start_on, Ymd{a.start_year, a.start_month, a.start_day},
               "start_on", "assignment start (开始日期)");
  const Ymd end =
      ctx.Date(a.has_end_on, Ymd{a.end_year, a.end_month, a.end_day}, "end_on",
               "assignment end (结束日期)");
  if (start.y != 0 && end.y != 0 && CompareDates(end, start) < 0 &&
      ctx.On(Rule::kDatesOrder)) {
    ctx.Emit(Rule::kDatesOrder, "end_on",
             Zh("挂职/驻点结束日期 ", DateText(end), " 早于开始日期 ",
                DateText(start)),
             "the assignment (挂职/驻点) ends on ", DateText(end),
             ", before it starts on ", DateText(start));
  }
}

void CheckGrid(const Ctx& ctx, const GridFacts& g) {
  if (g.instructor_name.empty() && g.instructor_assignment_id.empty() &&
      ctx.On(Rule::kGridInstructor)) {
    ctx.Emit(Rule::kGridInstructor, "instructor_name",
             Zh("网格未配备党建工作指导员"),
             "the grid (网格) has no party-building instructor "
             "(党建工作指导员)");
  }
}

void CheckActivity(const Ctx& ctx, const ActivityFacts& a) {
  ctx.Date(a.has_held_on, Ymd{a.held_year, a.held_month, a.held_day}, "held_on",
           "activity date (活动日期)");
  if (!DANGJIAN_KNOWN(ActivityKind, a.kind)) {
    UnknownEnum(ctx, "kind", "kind (活动类型)", a.kind);
  }
  if (a.count < 0) NegativeCount(ctx, "count", "count (次数)", a.count);
  if (a.participants < 0) {
    NegativeCount(ctx, "participants", "participants (参加人数)",
                  a.participants);
  }
}

}  // namespace

void CheckRecord(const Config& config, const v1::Record& record,
                 const RecordRef& ref, Sink* sink) {
  const Ctx ctx(config, ref, sink);
  if (record.entity_case() == v1::Record::ENTITY_NOT_SET) {
    if (ctx.On(Rule::kRecordEmpty)) {
      ctx.Emit(Rule::kRecordEmpty, "entity", Zh("空记录：没有任何内容"),
               "the record carries no entity (空记录)");
    }
    return;
  }
  if (record.entity_case() == v1::Record::kStarAssessment) {
    // No id of its own: its organization's id keys it.
    if (record.star_assessment().party_organization_id().empty() &&
        ctx.On(Rule::kStarsOrgMissing)) {
      ctx.Emit(Rule::kStarsOrgMissing, "party_organization_id",
               Zh("星级评定未填写所属党组织（党组织标识）"),
               "the star assessment (星级评定) does not name its party "
               "organization (党组织标识)");
    }
  } else {
    CheckId(ctx, RecordId(record));
  }
  switch (record.entity_case()) {
    case v1::Record::kReserveTalent:
      ctx.Date(record.reserve_talent().has_since(),
               record.reserve_talent().since(), "since",
               "date entered in the reserve (入库日期)");
      break;
    case v1::Record::kStarAssessment: {
      StarFacts star;
      StarFactsOf(record.star_assessment(), &star);
      CheckStar(ctx, star, -1);
    } break;
    case v1::Record::kRegionEconomy: {
      const v1::RegionEconomy& e = record.region_economy();
      const int64_t v[6] = {
          e.market_entities_total(), e.market_entities_non_public(),
          e.value_added_total_fen(), e.value_added_non_public_fen(),
          e.tax_revenue_total_fen(), e.tax_revenue_non_public_fen()};
      static constexpr const char* kFields[6] = {
          "market_entities_total", "market_entities_non_public",
          "value_added_total_fen", "value_added_non_public_fen",
          "tax_revenue_total_fen", "tax_revenue_non_public_fen"};
      static constexpr const char* kTerms[6] = {
          "market entities (市场主体总数)",
          "non-public market entities (非公有制市场主体数)",
          "value added (增加值)",
          "non-public value added (非公经济增加值)",
          "tax revenue (税收)",
          "non-public tax revenue (非公经济税收)"};
      for (int i = 0; i < 6; ++i) {
        if (v[i] < 0) NegativeCount(ctx, kFields[i], kTerms[i], v[i]);
      }
      // In Chinese a count, or an amount in 元 (the figures are in fen).
      auto ZhAmount = [&v](int i) {
        return i < 2 ? absl::StrCat(v[i]) : ZhYuan(v[i]);
      };
      for (int i = 0; i < 6; i += 2) {
        if (v[i] >= 0 && v[i + 1] >= 0 && v[i + 1] > v[i] &&
            ctx.On(Rule::kEconomyInconsistent)) {
          ctx.Emit(Rule::kEconomyInconsistent, kFields[i + 1],
                   Zh(ZhTerm(kTerms[i + 1]), "（", ZhAmount(i + 1), "）大于",
                      ZhTerm(kTerms[i]), "（", ZhAmount(i),
                      "）；这一对数据不计入统计"),
                   kFields[i + 1], " (", v[i + 1], ") is more than ",
                   kFields[i], " (", v[i],
                   "); the pair is left out of the figures");
        }
      }
    } break;
    default:
      break;
  }
}

namespace {

// The per-record rules `check` of a record of `kind` decoded into `facts`,
// found at `location`: its id first.
template <typename Facts, typename Check>
auto CheckDecoded(const Config& config, absl::string_view kind,
                  const Facts& facts, const v1::SourceLocation& location,
                  Sink* sink, Check check) {
  const RecordRef ref{nullptr, &location, kind, facts.id};
  const Ctx ctx(config, ref, sink);
  CheckId(ctx, facts.id);
  return check(ctx, facts);
}

}  // namespace

uint64_t CheckFacts(const Config& config, const MemberFacts& member,
                    const v1::SourceLocation& location, Sink* sink) {
  return CheckDecoded(config, "member", member, location, sink, CheckMember);
}

void CheckFacts(const Config& config, const OrgFacts& org,
                const v1::SourceLocation& location, Sink* sink) {
  CheckDecoded(config, "party_organization", org, location, sink,
               CheckPartyOrganization);
}

void CheckFacts(const Config& config, const HostFacts& host,
                const v1::SourceLocation& location, Sink* sink) {
  CheckDecoded(config, "host_organization", host, location, sink, CheckHost);
}

void CheckFacts(const Config& config, const FundingFacts& funding,
                const v1::SourceLocation& location, Sink* sink) {
  CheckDecoded(config, "funding", funding, location, sink, CheckFunding);
}

void CheckFacts(const Config& config, const VenueFacts& venue,
                const v1::SourceLocation& location, Sink* sink) {
  CheckDecoded(config, "venue", venue, location, sink, CheckVenue);
}

void CheckFacts(const Config& config, const ActivityFacts& activity,
                const v1::SourceLocation& location, Sink* sink) {
  CheckDecoded(config, "activity", activity, location, sink, CheckActivity);
}

void CheckFacts(const Config& config, const GridFacts& grid,
                const v1::SourceLocation& location, Sink* sink) {
  CheckDecoded(config, "grid", grid, location, sink, CheckGrid);
}

void CheckFacts(const Config& config, const CadreFacts& cadre,
                const v1::SourceLocation& location, Sink* sink) {
  CheckDecoded(config, "cadre_assignment", cadre, location, sink, CheckCadre);
}

void CheckFacts(const Config& config, const ResultFacts& result,
                const v1::SourceLocation& location, Sink* sink) {
  CheckDecoded(config, "host_annual_result", result, location, sink,
               [](const Ctx& ctx, const ResultFacts& r) {
                 static constexpr const char* kFields[8] = {
                     "jobs_provided",
                     "donations_fen",
                     "households_helped",
                     "students_aided",
                     "suggestions",
                     "savings_fen",
                     "technical_problems_solved",
                     "innovation_projects"};
                 for (int i = 0; i < 8; ++i) {
                   if (r.values[i] < 0) {
                     NegativeCount(ctx, kFields[i], "an annual result (成效)",
                                   r.values[i]);
                   }
                 }
               });
}

}  // namespace internal
}  // namespace dangjian
