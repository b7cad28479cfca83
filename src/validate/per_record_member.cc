// The per-record rules of a member: the resident ID, stages and dates,
// dues.
#include "core/member_status.h"
#include "core/record_facts.h"
#include "validate/per_record.h"

namespace dangjian {
namespace internal {
namespace {

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
// The state of a member's relationship the events go through
// (member.event.sequence).
enum class Roll { kOn, kOut, kStopped, kGone };

// What is wrong with an event of `kind` in state `*state` ("" for nothing),
// the state moved on either way.
const char* NextRoll(int kind, Roll* state) {
  const Roll from = *state;
  if (from == Roll::kGone) return "after leaving the party or death";
  switch (kind) {
    case v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN:
      *state = Roll::kOn;
      return from == Roll::kOut
                 ? ""
                 : "a transfer in of a member not transferred out";
    case v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT:
      *state = Roll::kOut;
      return from == Roll::kOn ? "" : "a transfer out of a member not on it";
    case v1::MEMBERSHIP_EVENT_KIND_STOPPED:
      *state = Roll::kStopped;
      return from == Roll::kOn ? "" : "a stop of a member not on the roll";
    case v1::MEMBERSHIP_EVENT_KIND_RESTORED:
      *state = Roll::kOn;
      return from == Roll::kStopped ? "" : "a restoration without a stop";
    case v1::MEMBERSHIP_EVENT_KIND_LEFT:
    case v1::MEMBERSHIP_EVENT_KIND_DIED:
      *state = Roll::kGone;
      return from != Roll::kOut ? "" : "of a member transferred out";
    default:
      return "";
  }
}

constexpr HistoryText kEventText = {"events",
                                    "membership event",
                                    "组织关系变动",
                                    "条",
                                    "membership event date (变动日期)",
                                    ".kind",
                                    "kind (变动类别)"};

// The rules of a member's membership events (core/member_status.h reads
// them for a report year).
ABSL_ATTRIBUTE_NOINLINE void CheckEvents(const Ctx& ctx, const MemberFacts& m,
                                         const Ymd& admitted) {
  Ymd previous;  // The last valid date before this event, y == 0 if none.
  Roll roll = Roll::kOn;
  bool first = true;
  for (size_t i = 0; i < m.events.size(); ++i) {
    const MembershipEventFacts& e = m.events[i];
    const int n = static_cast<int>(i);
    const auto kind = static_cast<v1::MembershipEventKind>(e.kind);
    if (!DANGJIAN_KNOWN(MembershipEventKind, e.kind)) {
      UnknownEnum(ctx, Field("events", n, ".kind").str().c_str(),
                  "event kind (变动类别)", e.kind);
    }
    const bool no_date = !e.has_on || e.year == 0;
    if ((no_date || e.kind == 0) && ctx.On(Rule::kEventIncomplete)) {
      HistoryEntryIncomplete(ctx, kEventText, n, no_date,
                             Rule::kEventIncomplete);
    }
    if (no_date || e.kind == 0) continue;
    if (first) {
      // A member whose first event is a transfer in came from elsewhere.
      if (e.kind == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN) roll = Roll::kOut;
      first = false;
    }
    const char* wrong = NextRoll(e.kind, &roll);
    if (*wrong != '\0' && ctx.On(Rule::kEventSequence)) {
      ctx.Emit(Rule::kEventSequence, Field("events", n, ".kind").str(),
               Zh("第 ", n + 1, " 条组织关系变动（", ZhEnum(kind),
                  "）与之前的变动矛盾"),
               "membership event ", n + 1, " (",
               v1::MembershipEventKind_Name(kind), ") is ", wrong);
    }
    const Ymd on =
        HistoryEntryDate(ctx, kEventText, n, true, Ymd{e.year, e.month, e.day},
                         Rule::kEventOrder, &previous);
    if (on.y == 0) continue;
    if (admitted.y != 0 && IsAfter(admitted, on) &&
        ctx.On(Rule::kEventBeforeAdmission)) {
      ctx.Emit(
          Rule::kEventBeforeAdmission, Field("events", n, ".on").str(),
          Zh("第 ", n + 1, " 条组织关系变动（", DateText(on),
             "）早于接收为预备党员日期 ", DateText(admitted)),
          "membership event ", n + 1, " (", DateText(on),
          ") is before admission as a probationary member (接收为预备党员) "
          "on ",
          DateText(admitted));
    }
  }
}

}  // namespace

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
  // A member off the roll at the end of as_of's year (transferred out, left,
  // died) owes no conversion and no dues here.
  bool on_roll = true;
  if (ABSL_PREDICT_FALSE(!m.events.empty())) {
    CheckEvents(ctx, m, probationary);
    on_roll = OnRollAtYearEnd(MemberFactsView(m), c.as_of.y);
  }
  if (m.status == v1::MEMBER_STATUS_PROBATIONARY && probationary.y != 0 &&
      on_roll && !m.has_date[4] && ctx.On(Rule::kProbationOverdue) &&
      CompareDates(c.as_of, c.probation_late.Add(probationary)) > 0) {
    ctx.Emit(Rule::kProbationOverdue, "probationary_on",
             Zh("至 ", DateText(c.as_of), " 仍为预备党员，距 ",
                DateText(probationary), " 接收为预备党员已超过", probation + 12,
                "个月；请录入转正或处理决定"),
             "still a probationary member (预备党员) on ", DateText(c.as_of),
             ", more than ", probation + 12, " months after admission on ",
             DateText(probationary), "; record the conversion or the decision");
  }
  if (on_roll) CheckDues(ctx, m);
  return national_id_key;
}

}  // namespace internal
}  // namespace dangjian
