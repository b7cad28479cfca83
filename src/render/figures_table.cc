// The figures of a report as the renderers show them: sections of labelled
// rows, each with a stable key, and the formatting of numbers.
#include "render/figures_table.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/enum_labels.h"
#include "core/natural_order.h"
#include "dangjian/render.h"

namespace dangjian {
namespace internal {
namespace {

using Figures = v1::ReportFigures;

template <typename F>
FigureRow C(const char* key, const char* zh, const char* en, F get) {
  return FigureRow{key,
                   zh,
                   en,
                   FigureUnit::kCount,
                   [get](const Figures& f) { return int64_t{get(f)}; },
                   nullptr};
}

template <typename F>
FigureRow M(const char* key, const char* zh, const char* en, F get) {
  return FigureRow{key,
                   zh,
                   en,
                   FigureUnit::kYuan,
                   [get](const Figures& f) { return int64_t{get(f)}; },
                   nullptr};
}

template <typename F>
FigureRow P(const char* key, const char* zh, const char* en, F get) {
  return FigureRow{key,     zh,
                   en,      FigureUnit::kPercent,
                   nullptr, [get](const Figures& f) { return double{get(f)}; }};
}

FigureSection UnitsSection() {
  return {
      "units",
      "单位",
      "Units",
      {
          C("units.total", "单位总数", "units",
            [](const Figures& f) { return f.units().total(); }),
          C("units.closed", "已注销单位(不计入)", "closed units (left out)",
            [](const Figures& f) { return f.units().closed(); }),
          C("units.members_from_records", "按党员记录计数的单位",
            "units counted from member records",
            [](const Figures& f) { return f.units().members_from_records(); }),
          C("units.members_from_reported_counts", "按上报人数计数的单位",
            "units counted from reported counts",
            [](const Figures& f) {
              return f.units().members_from_reported_counts();
            }),
          C("units.members_not_reported", "无党员数据的单位",
            "units with no member data",
            [](const Figures& f) { return f.units().members_not_reported(); }),
          C("units.organization_covered", "党组织覆盖单位",
            "units covered by a party organization",
            [](const Figures& f) { return f.units().organization_covered(); }),
          P("units.organization_coverage_percent", "党组织覆盖率",
            "organization coverage",
            [](const Figures& f) {
              return f.units().organization_coverage_percent();
            }),
          C("units.work_covered", "党的工作覆盖单位",
            "units covered by party work",
            [](const Figures& f) { return f.units().work_covered(); }),
          P("units.work_coverage_percent", "党的工作覆盖率", "work coverage",
            [](const Figures& f) { return f.units().work_coverage_percent(); }),
          C("units.covered_by_regional", "区域党支部覆盖单位",
            "units covered by regional 1+N branches",
            [](const Figures& f) { return f.units().covered_by_regional(); }),
          C("units.trade_unions", "工会组织", "trade unions",
            [](const Figures& f) { return f.units().trade_unions(); }),
          C("units.womens_organizations", "妇女组织", "women's organizations",
            [](const Figures& f) { return f.units().womens_organizations(); }),
          C("units.youth_league_organizations", "团组织",
            "youth league organizations",
            [](const Figures& f) {
              return f.units().youth_league_organizations();
            }),
          C("units.contact_cards_held", "持服务联系卡单位",
            "units holding a contact card",
            [](const Figures& f) { return f.units().contact_cards_held(); }),
          C("units.owners_party_members", "业主是党员的单位",
            "units whose owner is a member",
            [](const Figures& f) { return f.units().owners_party_members(); }),
          C("units.owners_secretaries", "业主任党组织书记",
            "owners serving as secretaries",
            [](const Figures& f) { return f.units().owners_secretaries(); }),
      }};
}

FigureSection PartyOrganizationsSection() {
  return {
      "party_organizations",
      "党组织",
      "Party organizations",
      {
          C("party_organizations.standalone_non_public", "单建·非公经济",
            "standalone, non-public",
            [](const Figures& f) {
              return f.party_organizations().standalone_non_public();
            }),
          C("party_organizations.standalone_social", "单建·社会组织",
            "standalone, social",
            [](const Figures& f) {
              return f.party_organizations().standalone_social();
            }),
          C("party_organizations.joint_non_public", "联建·非公经济",
            "joint, non-public",
            [](const Figures& f) {
              return f.party_organizations().joint_non_public();
            }),
          C("party_organizations.joint_social", "联建·社会组织",
            "joint, social",
            [](const Figures& f) {
              return f.party_organizations().joint_social();
            }),
          C("party_organizations.affiliated_non_public", "挂靠·非公经济",
            "affiliated, non-public",
            [](const Figures& f) {
              return f.party_organizations().affiliated_non_public();
            }),
          C("party_organizations.affiliated_social", "挂靠·社会组织",
            "affiliated, social",
            [](const Figures& f) {
              return f.party_organizations().affiliated_social();
            }),
          C("party_organizations.standalone_other", "单建·单位类别未填写",
            "standalone, kind not recorded",
            [](const Figures& f) {
              return f.party_organizations().standalone_other();
            }),
          C("party_organizations.joint_other", "联建·单位类别未填写",
            "joint, kind not recorded",
            [](const Figures& f) {
              return f.party_organizations().joint_other();
            }),
          C("party_organizations.affiliated_other", "挂靠·单位类别未填写",
            "affiliated, kind not recorded",
            [](const Figures& f) {
              return f.party_organizations().affiliated_other();
            }),
          C("party_organizations.regional_branches", "区域党支部(1+N)",
            "regional 1+N branches",
            [](const Figures& f) {
              return f.party_organizations().regional_branches();
            }),
          C("party_organizations.formation_unspecified", "组建方式未填写",
            "formation not recorded",
            [](const Figures& f) {
              return f.party_organizations().formation_unspecified();
            }),
          C("party_organizations.committees", "党委", "party committees",
            [](const Figures& f) {
              return f.party_organizations().committees();
            }),
          C("party_organizations.general_branches", "党总支",
            "general branches",
            [](const Figures& f) {
              return f.party_organizations().general_branches();
            }),
          C("party_organizations.branches", "党支部", "branches",
            [](const Figures& f) {
              return f.party_organizations().branches();
            }),
          C("party_organizations.five_star", "五星级", "five-star",
            [](const Figures& f) {
              return f.party_organizations().five_star();
            }),
          C("party_organizations.four_star", "四星级", "four-star",
            [](const Figures& f) {
              return f.party_organizations().four_star();
            }),
          C("party_organizations.three_star", "三星级", "three-star",
            [](const Figures& f) {
              return f.party_organizations().three_star();
            }),
          C("party_organizations.two_star", "二星级", "two-star",
            [](const Figures& f) {
              return f.party_organizations().two_star();
            }),
          C("party_organizations.one_star", "一星级", "one-star",
            [](const Figures& f) {
              return f.party_organizations().one_star();
            }),
          C("party_organizations.unrated", "未评星", "unrated",
            [](const Figures& f) { return f.party_organizations().unrated(); }),
          C("party_organizations.demonstration_points", "示范点",
            "demonstration points",
            [](const Figures& f) {
              return f.party_organizations().demonstration_points();
            }),
          C("party_organizations.founded_out_of_joint", "从联建中单独组建",
            "founded out of a joint branch",
            [](const Figures& f) {
              return f.party_organizations().founded_out_of_joint();
            }),
          C("party_organizations.regional_branches_meeting_every_quarter",
            "每季度召开恳谈会的区域党支部",
            "regional branches meeting every quarter",
            [](const Figures& f) {
              return f.party_organizations()
                  .regional_branches_meeting_every_quarter();
            }),
          C("party_organizations.funded_by_all_four", "四个一经费全部到位",
            "funded by all four sources",
            [](const Figures& f) {
              return f.party_organizations().funded_by_all_four();
            }),
      }};
}

FigureSection GridsSection() {
  return {"grids",
          "网格",
          "Grids",
          {
              C("grids.total", "网格", "grids",
                [](const Figures& f) { return f.grids().total(); }),
              C("grids.with_instructor", "配备指导员的网格",
                "grids with an instructor",
                [](const Figures& f) { return f.grids().with_instructor(); }),
          }};
}

FigureSection MembersSection() {
  return {
      "members",
      "党员",
      "Members",
      {
          C("members.full", "正式党员", "full members",
            [](const Figures& f) { return f.members().full(); }),
          C("members.probationary", "预备党员", "probationary members",
            [](const Figures& f) { return f.members().probationary(); }),
          C("members.development_targets", "发展对象", "development targets",
            [](const Figures& f) { return f.members().development_targets(); }),
          C("members.activists", "入党积极分子", "activists",
            [](const Figures& f) { return f.members().activists(); }),
          C("members.applicants", "入党申请人", "applicants",
            [](const Figures& f) { return f.members().applicants(); }),
          C("members.status_unspecified", "发展阶段未填写",
            "status not recorded",
            [](const Figures& f) { return f.members().status_unspecified(); }),
          C("members.owner_members", "党员业主(据党员记录)",
            "members who own their unit (member records)",
            [](const Figures& f) { return f.members().owner_members(); }),
          C("members.new_members", "新发展党员", "new members",
            [](const Figures& f) { return f.members().new_members(); }),
          C("members.new_members_owners", "其中党员业主", "of whom owners",
            [](const Figures& f) { return f.members().new_members_owners(); }),
          C("members.new_members_in_joint", "联建党组织新发展党员",
            "new members in joint branches",
            [](const Figures& f) {
              return f.members().new_members_in_joint();
            }),
          C("members.demonstration_posts", "党员示范岗", "demonstration posts",
            [](const Figures& f) { return f.members().demonstration_posts(); }),
          C("members.vanguard_posts", "党员先锋岗", "vanguard posts",
            [](const Figures& f) { return f.members().vanguard_posts(); }),
          C("members.responsibility_zones", "党员责任区",
            "responsibility zones",
            [](const Figures& f) {
              return f.members().responsibility_zones();
            }),
          C("members.technical_service_teams", "党员技术服务队",
            "technical service teams",
            [](const Figures& f) {
              return f.members().technical_service_teams();
            }),
          C("members.transferred_in", "本年转入组织关系",
            "relationships transferred in",
            [](const Figures& f) { return f.members().transferred_in(); }),
          C("members.transferred_out", "本年转出组织关系",
            "relationships transferred out",
            [](const Figures& f) { return f.members().transferred_out(); }),
          C("members.membership_stopped", "本年停止党籍", "membership stopped",
            [](const Figures& f) { return f.members().membership_stopped(); }),
          C("members.membership_restored", "本年恢复党籍",
            "membership restored",
            [](const Figures& f) { return f.members().membership_restored(); }),
          C("members.left_the_party", "本年出党", "left the party",
            [](const Figures& f) { return f.members().left_the_party(); }),
          C("members.died", "本年去世", "died",
            [](const Figures& f) { return f.members().died(); }),
      }};
}

FigureSection CadresSection() {
  return {"cadres",
          "党务力量",
          "Cadres",
          {
              C("cadres.seconded_deputy_secretaries", "选派挂职干部",
                "seconded deputy secretaries",
                [](const Figures& f) {
                  return f.cadres().seconded_deputy_secretaries();
                }),
              C("cadres.stationed_instructors", "驻点党建工作指导员",
                "stationed instructors",
                [](const Figures& f) {
                  return f.cadres().stationed_instructors();
                }),
              C("cadres.internal", "内部培养", "cultivated internally",
                [](const Figures& f) { return f.cadres().internal(); }),
              C("cadres.reserve_talent", "储备党务工作人才",
                "reserve party-affairs talent",
                [](const Figures& f) { return f.cadres().reserve_talent(); }),
          }};
}

FigureSection ActivitiesSection() {
  return {
      "activities",
      "活动",
      "Activities",
      {
          C("activities.heart_to_heart_meetings", "恳谈会",
            "heart-to-heart meetings",
            [](const Figures& f) {
              return f.activities().heart_to_heart_meetings();
            }),
          C("activities.visits", "走访", "visits",
            [](const Figures& f) { return f.activities().visits(); }),
          C("activities.owner_training_classes", "业主培训班",
            "owner training classes",
            [](const Figures& f) {
              return f.activities().owner_training_classes();
            }),
          C("activities.owner_training_participants", "业主培训人次",
            "owner training person-times",
            [](const Figures& f) {
              return f.activities().owner_training_participants();
            }),
          C("activities.brochures", "宣传册", "brochures",
            [](const Figures& f) { return f.activities().brochures(); }),
          C("activities.contact_cards", "服务联系卡", "contact cards",
            [](const Figures& f) { return f.activities().contact_cards(); }),
          C("activities.online_groups", "网络群组", "online groups",
            [](const Figures& f) { return f.activities().online_groups(); }),
          C("activities.online_posts", "发布信息", "online posts",
            [](const Figures& f) { return f.activities().online_posts(); }),
          C("activities.problems_solved", "解决实际困难", "problems solved",
            [](const Figures& f) { return f.activities().problems_solved(); }),
          C("activities.three_meetings_one_lesson", "三会一课",
            "three meetings, one lesson",
            [](const Figures& f) {
              return f.activities().three_meetings_one_lesson();
            }),
          C("activities.participants", "参加人次", "person-times",
            [](const Figures& f) { return f.activities().participants(); }),
          C("activities.technical_services", "技术服务", "technical services",
            [](const Figures& f) {
              return f.activities().technical_services();
            }),
          C("activities.other", "其他活动", "other activities",
            [](const Figures& f) { return f.activities().other(); }),
          C("activities.unspecified", "类别未填写的活动",
            "activities of no recorded kind",
            [](const Figures& f) { return f.activities().unspecified(); }),
      }};
}

FigureSection VenuesSection() {
  return {
      "venues",
      "活动场所",
      "Venues",
      {
          C("venues.total", "场所", "venues",
            [](const Figures& f) { return f.venues().total(); }),
          C("venues.all_six_haves", "六有达标", "meeting all six haves",
            [](const Figures& f) { return f.venues().all_six_haves(); }),
          C("venues.has_site", "有场所", "with a site",
            [](const Figures& f) { return f.venues().has_site(); }),
          C("venues.has_facilities", "有设施", "with facilities",
            [](const Figures& f) { return f.venues().has_facilities(); }),
          C("venues.has_signage", "有标志", "with signage",
            [](const Figures& f) { return f.venues().has_signage(); }),
          C("venues.has_party_flag", "有党旗", "with a party flag",
            [](const Figures& f) { return f.venues().has_party_flag(); }),
          C("venues.has_books_and_newspapers", "有书报",
            "with books and newspapers",
            [](const Figures& f) {
              return f.venues().has_books_and_newspapers();
            }),
          C("venues.has_rules_on_wall", "有制度", "with rules on the wall",
            [](const Figures& f) { return f.venues().has_rules_on_wall(); }),
          C("venues.own", "自有", "own",
            [](const Figures& f) { return f.venues().own(); }),
          C("venues.shared", "共用", "shared",
            [](const Figures& f) { return f.venues().shared(); }),
      }};
}

FigureSection FundingSection() {
  return {
      "funding",
      "经费(元)",
      "Funding (yuan)",
      {
          M("funding.enterprise_allocation_fen", "企业列支",
            "enterprise allocation",
            [](const Figures& f) {
              return f.funding().enterprise_allocation_fen();
            }),
          M("funding.superior_supplement_fen", "上级补充",
            "superior supplement",
            [](const Figures& f) {
              return f.funding().superior_supplement_fen();
            }),
          M("funding.dues_returned_fen", "党费返还", "dues returned",
            [](const Figures& f) { return f.funding().dues_returned_fen(); }),
          M("funding.fiscal_subsidy_fen", "财政补贴", "fiscal subsidy",
            [](const Figures& f) { return f.funding().fiscal_subsidy_fen(); }),
          M("funding.unspecified_fen", "来源不明", "source not recorded",
            [](const Figures& f) { return f.funding().unspecified_fen(); }),
          M("funding.total_fen", "合计", "total",
            [](const Figures& f) { return f.funding().total_fen(); }),
          C("party_organizations.funded_by_enterprise", "企业列支到位的党组织",
            "organizations funded by the enterprise",
            [](const Figures& f) {
              return f.party_organizations().funded_by_enterprise();
            }),
          C("party_organizations.funded_by_superior", "上级补充到位的党组织",
            "organizations funded by the superior",
            [](const Figures& f) {
              return f.party_organizations().funded_by_superior();
            }),
          C("party_organizations.funded_by_dues_returned",
            "党费返还到位的党组织", "organizations funded by returned dues",
            [](const Figures& f) {
              return f.party_organizations().funded_by_dues_returned();
            }),
          C("party_organizations.funded_by_fiscal_subsidy",
            "财政补贴到位的党组织", "organizations funded by a subsidy",
            [](const Figures& f) {
              return f.party_organizations().funded_by_fiscal_subsidy();
            }),
      }};
}

FigureSection DuesSection() {
  return {"dues",
          "党费(元/月)",
          "Party dues (yuan a month)",
          {
              C("dues.members_paying", "录有党费的党员",
                "members with dues recorded",
                [](const Figures& f) { return f.dues().members_paying(); }),
              M("dues.total_fen", "月缴党费合计", "monthly dues, total",
                [](const Figures& f) { return f.dues().total_fen(); }),
              M("dues.employed_fen", "在职党员", "employed members",
                [](const Figures& f) { return f.dues().employed_fen(); }),
              M("dues.retired_fen", "离退休党员", "retired members",
                [](const Figures& f) { return f.dues().retired_fen(); }),
              M("dues.flat_rate_fen", "学生、失业、低保党员",
                "students, unemployed, on subsistence",
                [](const Figures& f) { return f.dues().flat_rate_fen(); }),
              M("dues.uncategorized_fen", "类别未填写", "category not recorded",
                [](const Figures& f) { return f.dues().uncategorized_fen(); }),
          }};
}

FigureSection ResultsSection() {
  return {
      "results",
      "作用发挥",
      "Results",
      {
          C("results.jobs_provided", "解决就业", "jobs provided",
            [](const Figures& f) { return f.results().jobs_provided(); }),
          M("results.donations_fen", "公益捐款(元)", "donations (yuan)",
            [](const Figures& f) { return f.results().donations_fen(); }),
          C("results.households_helped", "帮扶贫困户", "poor households helped",
            [](const Figures& f) { return f.results().households_helped(); }),
          C("results.students_aided", "救助贫困学生", "students aided",
            [](const Figures& f) { return f.results().students_aided(); }),
          C("results.suggestions", "合理化建议", "suggestions",
            [](const Figures& f) { return f.results().suggestions(); }),
          M("results.savings_fen", "节约开支创收(元)",
            "savings and revenue (yuan)",
            [](const Figures& f) { return f.results().savings_fen(); }),
          C("results.technical_problems_solved", "攻克技术难题",
            "technical problems solved",
            [](const Figures& f) {
              return f.results().technical_problems_solved();
            }),
          C("results.innovation_projects", "创新项目", "innovation projects",
            [](const Figures& f) { return f.results().innovation_projects(); }),
      }};
}

FigureSection EconomySection() {
  return {
      "economy",
      "区域经济",
      "Regional economy",
      {
          C("economy.market_entities_total", "市场主体总数", "market entities",
            [](const Figures& f) {
              return f.economy().market_entities_total();
            }),
          C("economy.market_entities_non_public", "非公市场主体",
            "non-public market entities",
            [](const Figures& f) {
              return f.economy().market_entities_non_public();
            }),
          M("economy.value_added_total_fen", "地区生产总值(元)",
            "gross regional product (yuan)",
            [](const Figures& f) {
              return f.economy().value_added_total_fen();
            }),
          M("economy.value_added_non_public_fen", "非公经济增加值(元)",
            "non-public value added (yuan)",
            [](const Figures& f) {
              return f.economy().value_added_non_public_fen();
            }),
          M("economy.tax_revenue_total_fen", "地方财政总收入(元)",
            "local fiscal revenue (yuan)",
            [](const Figures& f) {
              return f.economy().tax_revenue_total_fen();
            }),
          M("economy.tax_revenue_non_public_fen", "非公经济税收(元)",
            "non-public tax revenue (yuan)",
            [](const Figures& f) {
              return f.economy().tax_revenue_non_public_fen();
            }),
          P("economy.market_entities_non_public_percent", "非公市场主体占比",
            "non-public share of market entities",
            [](const Figures& f) {
              return f.economy().market_entities_non_public_percent();
            }),
          P("economy.value_added_non_public_percent", "非公增加值占比",
            "non-public share of value added",
            [](const Figures& f) {
              return f.economy().value_added_non_public_percent();
            }),
          P("economy.tax_revenue_non_public_percent", "非公税收占比",
            "non-public share of tax revenue",
            [](const Figures& f) {
              return f.economy().tax_revenue_non_public_percent();
            }),
          C("working_committee_member_units", "党工委成员单位",
            "working committee member units",
            [](const Figures& f) {
              return f.working_committee_member_units();
            }),
      }};
}

}  // namespace

const std::vector<FigureSection>& FigureSections() {
  static const auto* const kSections = new std::vector<FigureSection>{
      UnitsSection(),  PartyOrganizationsSection(),
      GridsSection(),  MembersSection(),
      CadresSection(), ActivitiesSection(),
      VenuesSection(), FundingSection(),
      DuesSection(),   ResultsSection(),
      EconomySection()};
  return *kSections;
}

std::string FormatCount(int64_t n) {
  // Work in unsigned to take INT64_MIN's magnitude.
  const uint64_t magnitude =
      n < 0 ? uint64_t{0} - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  const std::string digits = absl::StrCat(magnitude);
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatYuan(int64_t fen, bool grouped) {
  const bool negative = fen < 0;
  const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(fen)
                                      : static_cast<uint64_t>(fen);
  const uint64_t yuan = magnitude / 100;
  std::string whole;
  if (grouped) {
    // FormatCount() of a uint64 above INT64_MAX cannot happen: |INT64_MIN| /
    // 100 fits.
    whole = FormatCount(static_cast<int64_t>(yuan));
  } else {
    whole = absl::StrCat(yuan);
  }
  return absl::StrFormat("%s%s.%02d", negative ? "-" : "", whole,
                         magnitude % 100);
}

std::string FormatPercent(double p) {
  if (!std::isfinite(p)) return "-";
  std::string s = absl::StrFormat("%.1f", p);
  // A rate short of the whole never reads as 100.0%, nor a rate above none
  // as 0.0%: a worklist is waiting behind it.
  if (p < 100 && s == "100.0") s = "99.9";
  if (p > 0 && s == "0.0") s = "0.1";
  return s + "%";
}

std::string FormatFigure(const FigureRow& row, const v1::ReportFigures& f) {
  switch (row.unit) {
    case FigureUnit::kCount:
      return FormatCount(row.count(f));
    case FigureUnit::kYuan:
      return FormatYuan(row.count(f), /*grouped=*/true);
    case FigureUnit::kPercent:
      return FormatPercent(row.percent(f));
  }
  return "";
}

std::string RawFigure(const FigureRow& row, const v1::ReportFigures& f) {
  switch (row.unit) {
    case FigureUnit::kCount:
      return absl::StrCat(row.count(f));
    case FigureUnit::kYuan:
      return FormatYuan(row.count(f), /*grouped=*/false);
    case FigureUnit::kPercent:
      return absl::StrFormat("%.2f", row.percent(f));
  }
  return "";
}

int DisplayWidth(absl::string_view utf8) {
  int width = 0;
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) {
      len = 4;
      cp = 0x10000;
    } else if (c >= 0xE0) {
      len = 3;
      if (i + 2 < utf8.size()) {
        cp = ((c & 0x0Fu) << 12) |
             ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
      }
    } else if (c >= 0xC0) {
      len = 2;
      cp = 0x80;
    }
    i += len;
    // East Asian wide: CJK, Hangul, fullwidth forms and the planes above.
    const bool wide =
        (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x10000;
    width += wide ? 2 : 1;
  }
  return width;
}

std::string AlignedTable(const std::vector<std::vector<std::string>>& rows,
                         int indent) {
  std::vector<int> widths;
  for (const auto& row : rows) {
    if (row.size() < 2) continue;  // A heading.
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    if (row.size() < 2) {
      absl::StrAppend(&out, row.empty() ? "" : row[0], "\n");
      continue;
    }
    std::string line(static_cast<size_t>(indent), ' ');
    for (size_t c = 0; c < row.size(); ++c) {
      const int pad = widths[c] - DisplayWidth(row[c]);
      if (c == 0) {
        absl::StrAppend(&line, row[c], std::string(pad, ' '));
      } else {
        absl::StrAppend(&line, "  ", std::string(pad, ' '), row[c]);
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

bool IsGrouped(const v1::Report& report) {
  const v1::GroupBy& g = report.group_by();
  return g.region_level() != v1::REGION_LEVEL_UNSPECIFIED || g.industry() ||
         g.host_kind() || g.host_subtype() || g.sector_system();
}

std::vector<const v1::ReportGroup*> GroupsInReadingOrder(
    const v1::Report& report, bool zh) {
  std::vector<std::pair<std::string, const v1::ReportGroup*>> titled;
  titled.reserve(static_cast<size_t>(report.groups_size()));
  for (const v1::ReportGroup& g : report.groups()) {
    titled.emplace_back(GroupTitle(g, zh), &g);
  }
  std::stable_sort(titled.begin(), titled.end(),
                   [](const auto& a, const auto& b) {
                     return NaturalLess(a.first, b.first);
                   });
  std::vector<const v1::ReportGroup*> out;
  out.reserve(titled.size());
  for (const auto& t : titled) out.push_back(t.second);
  return out;
}

std::string FormatDate(const v1::Date& d, bool zh) {
  if (zh) return absl::StrFormat("%d年%d月%d日", d.year(), d.month(), d.day());
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::string NamedCountLabel(absl::string_view name, bool zh) {
  const std::string title =
      RuleTitle(name, zh ? ReportLanguage::kChinese : ReportLanguage::kEnglish);
  if (title == name) return std::string(name);
  return absl::StrCat(title, " (", name, ")");
}

std::string GroupTitle(const v1::ReportGroup& g, bool zh) {
  std::vector<std::string> parts;
  const v1::GroupKey& k = g.key();
  if (!k.region_id().empty()) {
    parts.push_back(
        g.region_name().empty()
            ? k.region_id()
            : absl::StrCat(g.region_name(), " (", k.region_id(), ")"));
  }
  if (!k.industry().empty()) parts.push_back(k.industry());
  if (k.host_kind() != 0) {
    parts.push_back(
        EnumNumberLabel(v1::HostKind_descriptor(), k.host_kind(), zh));
  }
  if (k.host_subtype() != 0) {
    parts.push_back(
        EnumNumberLabel(v1::HostSubtype_descriptor(), k.host_subtype(), zh));
  }
  if (k.sector_system() != 0) {
    parts.push_back(
        EnumNumberLabel(v1::SectorSystem_descriptor(), k.sector_system(), zh));
  }
  if (parts.empty()) return zh ? "未归属" : "unassigned";
  return absl::StrJoin(parts, " / ");
}

std::string GroupShortTitle(const v1::ReportGroup& g, bool zh) {
  if (!g.key().region_id().empty() && !g.region_name().empty() &&
      g.key().industry().empty() && g.key().host_kind() == 0 &&
      g.key().host_subtype() == 0 && g.key().sector_system() == 0) {
    return g.region_name();
  }
  return GroupTitle(g, zh);
}

const std::vector<TargetLabel>& TargetLabels() {
  static const auto* const kLabels = new std::vector<TargetLabel>{
      {"目标1 应建尽建", "target 1 found where possible", "应建尽建",
       "found where possible"},
      {"目标2 星级管理", "target 2 star management", "星级管理",
       "star management"},
      {"目标3 联建", "target 3 joint where few", "联建", "joint where few"},
      {"目标4 党的工作覆盖", "target 4 party work where none", "党的工作覆盖",
       "party work where none"},
  };
  return *kLabels;
}

const v1::TargetResult& Target(const v1::TargetFigures& t, int i) {
  switch (i) {
    case 0:
      return t.target_1();
    case 1:
      return t.target_2();
    case 2:
      return t.target_3();
    default:
      return t.target_4();
  }
}

}  // namespace internal
}  // namespace dangjian
