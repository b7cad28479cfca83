// Per-record rules: each looks at one record only, allocates nothing unless it
// reports a finding, and runs on the streaming hot path.
#include "validate/per_record.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/dated.h"
#include "core/host_status.h"
#include "core/id_checks.h"
#include "core/venue_haves.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "validate/dues.h"
#include "validate/engine.h"

namespace dangjian {
namespace internal {
namespace {

bool SubtypeIsSocial(v1::HostSubtype s) {
  return s >= v1::HOST_SUBTYPE_SOCIAL_GROUP;
}

}  // namespace

Ymd HistoryEntryDate(const Ctx& ctx, const HistoryText& text, int n,
                     bool present, const Ymd& date, Rule order, Ymd* previous) {
  // Named only when a finding is made.
  const Field field(text.field, n, text.on);
  const Ymd on = ctx.Date(present, date, field, text.date_term);
  if (on.y == 0) return on;
  // In the order the reports read a history (DateKey()): 2019 comes before
  // 2019-01-01.
  if (previous->y != 0 &&
      DateKey(on.y, on.m, on.d) <
          DateKey(previous->y, previous->m, previous->d) &&
      ctx.On(order)) {
    ctx.Emit(order, field.str(),
             Zh("第 ", n + 1, " ", text.zh_measure, text.zh, "（", DateText(on),
                "）早于前一", text.zh_measure, "（", DateText(*previous),
                "）；应按日期先后排列"),
             text.en, " ", n + 1, " (", DateText(on),
             ") is dated before the one before it (", DateText(*previous),
             "); list them oldest first");
  }
  *previous = on;
  return on;
}

void HistoryEntryIncomplete(const Ctx& ctx, const HistoryText& text, int n,
                            bool no_date, Rule rule) {
  const absl::string_view missing =
      ZhTerm(no_date ? text.date_term : text.part_term);
  ctx.Emit(rule, Field(text.field, n, no_date ? text.on : text.part).str(),
           Zh("第 ", n + 1, " ", text.zh_measure, text.zh, "缺少", missing,
              "，无法计入任何年度"),
           text.en, " ", n + 1, " has no ",
           no_date ? absl::StrCat("date (", missing, ")")
                   : std::string(text.part_term),
           ": no report year can take it");
}

TermInForce CommitteeTermInForce(const OrgFacts& o, const Ymd& current,
                                 const Ymd& as_of) {
  TermInForce t;
  t.started = current;
  t.seats = static_cast<int64_t>(o.committee_member_ids.size());
  if (o.past_terms.empty() || current.y == 0 || !IsAfter(current, as_of)) {
    return t;
  }
  // Of the past terms begun by as_of, the latest (core/dated.h's order).
  const int best = LatestDatedBy(
      o.past_terms, as_of.y, [&as_of](const CommitteeTermFacts& p) {
        const Ymd on{p.year, p.month, p.day};
        return IsValidDate(on) && !IsAfter(on, as_of);
      });
  if (best < 0) return t;
  const CommitteeTermFacts& p = o.past_terms[best];
  t.started = Ymd{p.year, p.month, p.day};
  t.seats = p.seats == 0 ? -1 : p.seats;
  t.past = best;
  return t;
}

std::string TermInForce::SeatsField() const {
  return past < 0 ? std::string("committee")
                  : Field("past_terms", past, ".committee").str();
}

std::string TermInForce::StartField() const {
  return past < 0 ? std::string("term_started_on")
                  : Field("past_terms", past, ".started_on").str();
}

namespace {

constexpr HistoryText kStatusChangeText = {"status_changes",
                                           "status change",
                                           "经营状态变更",
                                           "条",
                                           "status change date (变更日期)",
                                           ".status",
                                           "status (变更后状态)"};
constexpr HistoryText kAssessmentText = {"assessments", "six-haves assessment",
                                         "“六有”评估", "次",
                                         "assessment date (评估日期)"};

// The rules of a unit's dated changes of status (core/host_status.h reads
// them for a report year).
ABSL_ATTRIBUTE_NOINLINE void CheckStatusChanges(const Ctx& ctx,
                                                const HostFacts& h) {
  const Ymd registered =
      h.has_registered_on
          ? Ymd{h.registered_year, h.registered_month, h.registered_day}
          : Ymd{};
  Ymd previous;  // The last valid date before this change, y == 0 if none.
  for (size_t i = 0; i < h.status_changes.size(); ++i) {
    const HostStatusChangeFacts& c = h.status_changes[i];
    const int n = static_cast<int>(i);
    if (!DANGJIAN_KNOWN(HostStatus, c.status)) {
      UnknownEnum(ctx, Field("status_changes", n, ".status").str().c_str(),
                  "changed status (变更后状态)", c.status);
    }
    if ((!c.has_on || c.year == 0 || c.status == v1::HOST_STATUS_UNSPECIFIED) &&
        ctx.On(Rule::kHostChangeIncomplete)) {
      HistoryEntryIncomplete(ctx, kStatusChangeText, n,
                             !c.has_on || c.year == 0,
                             Rule::kHostChangeIncomplete);
    }
    const Ymd on = HistoryEntryDate(
        ctx, kStatusChangeText, n, c.has_on && c.year != 0,
        Ymd{c.year, c.month, c.day}, Rule::kHostChangeOrder, &previous);
    if (on.y == 0) continue;
    if (registered.y != 0 && IsAfter(registered, on) &&
        ctx.On(Rule::kHostChangeBeforeRegistration)) {
      ctx.Emit(Rule::kHostChangeBeforeRegistration,
               Field("status_changes", n, ".on").str(),
               Zh("第 ", n + 1, " 条经营状态变更（", DateText(on),
                  "）早于成立日期 ", DateText(registered)),
               "status change ", n + 1, " (", DateText(on),
               ") is before the registration date (成立日期) ",
               DateText(registered));
    }
  }
  const int latest = HostLatestChange(h);
  if (latest >= 0 && h.status != v1::HOST_STATUS_UNSPECIFIED &&
      h.status != h.status_changes[latest].status &&
      ctx.On(Rule::kHostStatusHistory)) {
    const int to = h.status_changes[latest].status;
    const auto zh = [](int s) {
      return ZhEnum(static_cast<v1::HostStatus>(s));
    };
    const auto en = [](int s) {
      return DANGJIAN_KNOWN(HostStatus, s)
                 ? v1::HostStatus_Name(static_cast<v1::HostStatus>(s))
                 : absl::StrCat(s);
    };
    ctx.Emit(Rule::kHostStatusHistory, "status",
             Zh("经营状态为“", zh(h.status), "”，但最近一次变更（第 ",
                latest + 1, " 条）为“", zh(to), "”；报表按变更记录计"),
             "status (经营状态) is ", en(h.status),
             " but the latest status change (", latest + 1, ") is to ", en(to),
             "; the reports read the changes");
  }
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
  if (ABSL_PREDICT_FALSE(!h.status_changes.empty())) {
    CheckStatusChanges(ctx, h);
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

// An assessment's score against the policy's standard of its version (not
// judged under one the policy does not name).
ABSL_ATTRIBUTE_NOINLINE void CheckStarScore(const Ctx& ctx, const StarFacts& a,
                                            const std::string& field) {
  for (const v1::StarStandard& st : ctx.config().policy.star_standards()) {
    if (st.version() != a.standard_version) continue;
    int reached = 0;  // The stars whose lowest score the score reaches.
    for (int k = 0; k < st.min_scores_size(); ++k) {
      if (a.score >= st.min_scores(k)) reached = k + 1;
    }
    if (reached == a.stars) return;
    ctx.Emit(Rule::kStarsScore, field,
             Zh("评为", a.stars, "星，但按评定标准“", st.version(), "”得分 ",
                a.score,
                reached == 0
                    ? absl::StrCat("不足1星（最低 ", st.min_scores(0), " 分）")
                    : absl::StrCat("应评", reached, "星")),
             a.stars, " stars (星级) but a score (得分) of ", a.score,
             " under standard \"", st.version(), "\" gives ", reached);
    return;
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
  if (a.score != 0 && !c.policy.star_standards().empty() &&
      ctx.On(Rule::kStarsScore)) {
    CheckStarScore(ctx, a, field(".score").str());
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
// The seats are those of the term in force (a past term's when as_of falls
// in it, not judged when it lists none).
void CheckCommittee(const Ctx& ctx, const OrgFacts& o, const TermInForce& t) {
  const v1::Policy& p = ctx.config().policy;
  const int64_t seats = t.seats;
  if (o.level != v1::ORG_LEVEL_BRANCH || seats <= 0) return;
  if (seats > p.branch_committee_hard_max_size() &&
      ctx.On(Rule::kCommitteeSize)) {
    ctx.Emit(
        Rule::kCommitteeSize, t.SeatsField(),
        Zh("支部委员会有", seats, "名委员；一般为",
           p.branch_committee_min_size(), "至", p.branch_committee_max_size(),
           "名，最多", p.branch_committee_hard_max_size(), "名"),
        "the branch committee (支委会) has ", seats,
        " seats; a branch committee has ", p.branch_committee_min_size(),
        " to ", p.branch_committee_max_size(), ", at most ",
        p.branch_committee_hard_max_size());
  } else if (seats > p.branch_committee_max_size() &&
             ctx.On(Rule::kCommitteeAboveUsual)) {
    ctx.Emit(Rule::kCommitteeAboveUsual, t.SeatsField(),
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

// The term (任期) in force (not judged when it has no start): the election
// (换届) overdue after the term, due within the notice before.
void CheckTerm(const Ctx& ctx, const OrgFacts& o, const TermInForce& t) {
  const Ymd& started = t.started;
  if (started.y == 0) return;
  const Config& c = ctx.config();
  const bool committee = o.level == v1::ORG_LEVEL_COMMITTEE;
  const int years = committee ? c.policy.committee_term_years()
                              : c.policy.branch_term_years();
  const Ymd ends = (committee ? c.committee_term : c.branch_term).Add(started);
  // The current term, or the past one in force on as_of: named only when
  // a finding is made.
  const auto zh_term = [&t] {
    return t.past < 0
               ? std::string("本届任期")
               : absl::StrCat("第 ", t.past + 1, " 条历届委员会记录的任期");
  };
  const auto en_term = [&t, &c] {
    return t.past < 0
               ? std::string("the term (任期)")
               : absl::StrCat("the term (任期) of past term ", t.past + 1,
                              ", in force on ", DateText(c.as_of), ",");
  };
  if (CompareDates(c.as_of, ends) > 0) {
    if (ctx.On(Rule::kTermOverdue)) {
      ctx.Emit(Rule::kTermOverdue, t.StartField(),
               Zh(zh_term(), "自 ", DateText(started), " 起", years,
                  "年，已于 ", DateText(ends), " 届满，逾期未换届"),
               en_term(), " of ", years, " years from ", DateText(started),
               " ended on ", DateText(ends),
               "; the election (换届) is overdue");
    }
  } else if (CompareDates(c.as_of,
                          MonthsBefore(ends.m == 0 ? Ymd{ends.y, 12, 31} : ends,
                                       c.policy.term_notice_months())) >= 0 &&
             ctx.On(Rule::kTermDue)) {
    // (A term started in a year alone ends in a year alone: its last day.)
    ctx.Emit(Rule::kTermDue, t.StartField(),
             Zh(zh_term(), "将于 ", DateText(ends), " 届满，应准备换届"),
             en_term(), " ends on ", DateText(ends),
             "; the election (换届) is due");
  }
}

constexpr HistoryText kPastTermText = {"past_terms",
                                       "past committee term",
                                       "历届委员会记录",
                                       "条",
                                       "term start (任期开始)",
                                       nullptr,
                                       nullptr,
                                       ".started_on"};

// The rules of a committee's past terms: each dated, oldest first, all
// before the current term (`current`, y == 0 when absent or invalid).
ABSL_ATTRIBUTE_NOINLINE void CheckPastTerms(const Ctx& ctx, const OrgFacts& o,
                                            const Ymd& current) {
  Ymd previous;  // The last valid start before this one, y == 0 if none.
  for (size_t i = 0; i < o.past_terms.size(); ++i) {
    const CommitteeTermFacts& t = o.past_terms[i];
    const int n = static_cast<int>(i);
    if ((!t.has_on || t.year == 0) && ctx.On(Rule::kPastTermUndated)) {
      HistoryEntryIncomplete(ctx, kPastTermText, n, true,
                             Rule::kPastTermUndated);
    }
    HistoryEntryDate(ctx, kPastTermText, n, t.has_on && t.year != 0,
                     Ymd{t.year, t.month, t.day}, Rule::kPastTermOrder,
                     &previous);
  }
  if (!o.has_term_started_on) {
    if (ctx.On(Rule::kPastTermUndated)) {
      ctx.Emit(Rule::kPastTermUndated, "term_started_on",
               Zh("已登记历届委员会，但缺少本届任期开始日期，无法判断各届任期"),
               "past terms (past_terms) are listed but the current term has "
               "no start (term_started_on): no date can tell which term is "
               "in force");
    }
  } else if (current.y != 0 && previous.y != 0 &&
             DateKey(previous.y, previous.m, previous.d) >=
                 DateKey(current.y, current.m, current.d) &&
             ctx.On(Rule::kPastTermOrder)) {
    ctx.Emit(Rule::kPastTermOrder, "term_started_on",
             Zh("本届任期开始（", DateText(current),
                "）不晚于最后一条历届委员会记录（", DateText(previous),
                "）；历届委员会应早于本届"),
             "the current term began (term_started_on ", DateText(current),
             ") no later than the last past term (", DateText(previous),
             "); past terms come before the current one");
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
  if (ABSL_PREDICT_FALSE(!o.past_terms.empty())) {
    CheckPastTerms(ctx, o, term_started);
  }
  const TermInForce term = CommitteeTermInForce(o, term_started, c.as_of);
  CheckCommittee(ctx, o, term);
  if (dissolved.y == 0 || CompareDates(dissolved, c.as_of) > 0) {
    CheckTerm(ctx, o, term);
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

// The rules of a venue's dated assessments (core/venue_haves.h reads them
// for a report year).
ABSL_ATTRIBUTE_NOINLINE void CheckAssessments(const Ctx& ctx,
                                              const VenueFacts& v) {
  Ymd previous;  // The last valid date before this one, y == 0 if none.
  for (size_t i = 0; i < v.assessments.size(); ++i) {
    const VenueAssessmentFacts& a = v.assessments[i];
    const int n = static_cast<int>(i);
    if ((!a.has_on || a.year == 0) && ctx.On(Rule::kAssessmentUndated)) {
      HistoryEntryIncomplete(ctx, kAssessmentText, n, true,
                             Rule::kAssessmentUndated);
    }
    HistoryEntryDate(ctx, kAssessmentText, n, a.has_on && a.year != 0,
                     Ymd{a.year, a.month, a.day}, Rule::kAssessmentOrder,
                     &previous);
  }
  const int latest = LatestDated(v.assessments);
  if (latest >= 0 && v.assessments[latest].haves != v.haves &&
      ctx.On(Rule::kHavesHistory)) {
    ctx.Emit(Rule::kHavesHistory, "has_*",
             Zh("场所的“六有”与最近一次评估（第 ", latest + 1,
                " 次）不符；报表按评估记录计"),
             "the venue's six haves (has_*) differ from its latest "
             "assessment (",
             latest + 1, "); the reports read the assessments");
  }
}

void CheckVenue(const Ctx& ctx, const VenueFacts& v) {
  if (!DANGJIAN_KNOWN(VenueOwnership, v.ownership)) {
    UnknownEnum(ctx, "ownership", "ownership (场所权属)", v.ownership);
  }
  if (ABSL_PREDICT_FALSE(!v.assessments.empty())) CheckAssessments(ctx, v);
  // The six haves of as_of's year, as the report counts them.
  const uint8_t haves = VenueHavesAtYearEnd(v, ctx.config().as_of.y);
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
      if ((haves >> i & 1) == 0) missing.push_back(kHaves[i]);
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
