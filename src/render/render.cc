// Text and JSON renderings of a final report.
#include "dangjian/render.h"

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"

namespace dangjian {
namespace {

using Figures = v1::ReportFigures;

// One line of the text: a label in each language and how to read it.
struct Row {
  const char* zh;
  const char* en;
  std::function<std::string(const Figures&)> value;
};

struct Section {
  const char* zh;
  const char* en;
  std::vector<Row> rows;
};

std::string Count(int64_t v) { return absl::StrCat(v); }

// Exact yuan from fen: "1234.56".
std::string Yuan(int64_t fen) {
  const bool negative = fen < 0;
  // Work in unsigned to take INT64_MIN's magnitude.
  const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(fen)
                                      : static_cast<uint64_t>(fen);
  return absl::StrFormat("%s%d.%02d", negative ? "-" : "", magnitude / 100,
                         magnitude % 100);
}

std::string Percent(double p) { return absl::StrFormat("%.2f%%", p); }

template <typename F>
Row C(const char* zh, const char* en, F get) {
  return Row{zh, en, [get](const Figures& f) { return Count(get(f)); }};
}

template <typename F>
Row M(const char* zh, const char* en, F get) {
  return Row{zh, en, [get](const Figures& f) { return Yuan(get(f)); }};
}

template <typename F>
Row P(const char* zh, const char* en, F get) {
  return Row{zh, en, [get](const Figures& f) { return Percent(get(f)); }};
}

const std::vector<Section>& Sections() {
  static const auto* const kSections = new std::vector<Section>{
      {"单位",
       "Units",
       {
           C("单位总数", "units",
             [](const Figures& f) { return f.units().total(); }),
           C("已注销单位(不计入)", "closed units (left out)",
             [](const Figures& f) { return f.units().closed(); }),
           C("按党员记录计数的单位", "units counted from member records",
             [](const Figures& f) { return f.units().members_from_records(); }),
           C("按上报人数计数的单位", "units counted from reported counts",
             [](const Figures& f) {
               return f.units().members_from_reported_counts();
             }),
           C("无党员数据的单位", "units with no member data",
             [](const Figures& f) { return f.units().members_not_reported(); }),
           C("党组织覆盖单位", "units covered by a party organization",
             [](const Figures& f) { return f.units().organization_covered(); }),
           P("党组织覆盖率", "organization coverage",
             [](const Figures& f) {
               return f.units().organization_coverage_percent();
             }),
           C("党的工作覆盖单位", "units covered by party work",
             [](const Figures& f) { return f.units().work_covered(); }),
           P("党的工作覆盖率", "work coverage",
             [](const Figures& f) {
               return f.units().work_coverage_percent();
             }),
           C("区域党支部覆盖单位", "units covered by regional 1+N branches",
             [](const Figures& f) { return f.units().covered_by_regional(); }),
           C("工会组织", "trade unions",
             [](const Figures& f) { return f.units().trade_unions(); }),
           C("妇女组织", "women's organizations",
             [](const Figures& f) { return f.units().womens_organizations(); }),
           C("团组织", "youth league organizations",
             [](const Figures& f) {
               return f.units().youth_league_organizations();
             }),
           C("持服务联系卡单位", "units holding a contact card",
             [](const Figures& f) { return f.units().contact_cards_held(); }),
           C("党员业主", "owners who are members",
             [](const Figures& f) { return f.units().owners_party_members(); }),
           C("业主任党组织书记", "owners serving as secretaries",
             [](const Figures& f) { return f.units().owners_secretaries(); }),
       }},
      {"党组织",
       "Party organizations",
       {
           C("单建·非公经济", "standalone, non-public",
             [](const Figures& f) {
               return f.party_organizations().standalone_non_public();
             }),
           C("单建·社会组织", "standalone, social",
             [](const Figures& f) {
               return f.party_organizations().standalone_social();
             }),
           C("联建·非公经济", "joint, non-public",
             [](const Figures& f) {
               return f.party_organizations().joint_non_public();
             }),
           C("联建·社会组织", "joint, social",
             [](const Figures& f) {
               return f.party_organizations().joint_social();
             }),
           C("挂靠·非公经济", "affiliated, non-public",
             [](const Figures& f) {
               return f.party_organizations().affiliated_non_public();
             }),
           C("挂靠·社会组织", "affiliated, social",
             [](const Figures& f) {
               return f.party_organizations().affiliated_social();
             }),
           C("区域党支部(1+N)", "regional 1+N branches",
             [](const Figures& f) {
               return f.party_organizations().regional_branches();
             }),
           C("五星级", "five-star",
             [](const Figures& f) {
               return f.party_organizations().five_star();
             }),
           C("四星级", "four-star",
             [](const Figures& f) {
               return f.party_organizations().four_star();
             }),
           C("三星级", "three-star",
             [](const Figures& f) {
               return f.party_organizations().three_star();
             }),
           C("二星级", "two-star",
             [](const Figures& f) {
               return f.party_organizations().two_star();
             }),
           C("一星级", "one-star",
             [](const Figures& f) {
               return f.party_organizations().one_star();
             }),
           C("未评星", "unrated",
             [](const Figures& f) {
               return f.party_organizations().unrated();
             }),
           C("示范点", "demonstration points",
             [](const Figures& f) {
               return f.party_organizations().demonstration_points();
             }),
           C("从联建中单独组建", "founded out of a joint branch",
             [](const Figures& f) {
               return f.party_organizations().founded_out_of_joint();
             }),
           C("每季度召开恳谈会的区域党支部",
             "regional branches meeting every quarter",
             [](const Figures& f) {
               return f.party_organizations()
                   .regional_branches_meeting_every_quarter();
             }),
           C("四个一经费全部到位", "funded by all four sources",
             [](const Figures& f) {
               return f.party_organizations().funded_by_all_four();
             }),
       }},
      {"网格",
       "Grids",
       {
           C("网格", "grids",
             [](const Figures& f) { return f.grids().total(); }),
           C("配备指导员的网格", "grids with an instructor",
             [](const Figures& f) { return f.grids().with_instructor(); }),
       }},
      {"党员",
       "Members",
       {
           C("正式党员", "full members",
             [](const Figures& f) { return f.members().full(); }),
           C("预备党员", "probationary members",
             [](const Figures& f) { return f.members().probationary(); }),
           C("发展对象", "development targets",
             [](const Figures& f) {
               return f.members().development_targets();
             }),
           C("入党积极分子", "activists",
             [](const Figures& f) { return f.members().activists(); }),
           C("入党申请人", "applicants",
             [](const Figures& f) { return f.members().applicants(); }),
           C("新发展党员", "new members",
             [](const Figures& f) { return f.members().new_members(); }),
           C("其中党员业主", "of whom owners",
             [](const Figures& f) { return f.members().new_members_owners(); }),
           C("联建党组织新发展党员", "new members in joint branches",
             [](const Figures& f) {
               return f.members().new_members_in_joint();
             }),
           C("党员示范岗", "demonstration posts",
             [](const Figures& f) {
               return f.members().demonstration_posts();
             }),
           C("党员先锋岗", "vanguard posts",
             [](const Figures& f) { return f.members().vanguard_posts(); }),
           C("党员责任区", "responsibility zones",
             [](const Figures& f) {
               return f.members().responsibility_zones();
             }),
           C("党员技术服务队", "technical service teams",
             [](const Figures& f) {
               return f.members().technical_service_teams();
             }),
       }},
      {"党务力量",
       "Cadres",
       {
           C("选派挂职干部", "seconded deputy secretaries",
             [](const Figures& f) {
               return f.cadres().seconded_deputy_secretaries();
             }),
           C("驻点党建工作指导员", "stationed instructors",
             [](const Figures& f) {
               return f.cadres().stationed_instructors();
             }),
           C("内部培养", "cultivated internally",
             [](const Figures& f) { return f.cadres().internal(); }),
           C("储备党务工作人才", "reserve party-affairs talent",
             [](const Figures& f) { return f.cadres().reserve_talent(); }),
       }},
      {"活动",
       "Activities",
       {
           C("恳谈会", "heart-to-heart meetings",
             [](const Figures& f) {
               return f.activities().heart_to_heart_meetings();
             }),
           C("走访", "visits",
             [](const Figures& f) { return f.activities().visits(); }),
           C("业主培训班", "owner training classes",
             [](const Figures& f) {
               return f.activities().owner_training_classes();
             }),
           C("业主培训人次", "owner training person-times",
             [](const Figures& f) {
               return f.activities().owner_training_participants();
             }),
           C("宣传册", "brochures",
             [](const Figures& f) { return f.activities().brochures(); }),
           C("服务联系卡", "contact cards",
             [](const Figures& f) { return f.activities().contact_cards(); }),
           C("网络群组", "online groups",
             [](const Figures& f) { return f.activities().online_groups(); }),
           C("发布信息", "online posts",
             [](const Figures& f) { return f.activities().online_posts(); }),
           C("解决实际困难", "problems solved",
             [](const Figures& f) { return f.activities().problems_solved(); }),
           C("三会一课", "three meetings, one lesson",
             [](const Figures& f) {
               return f.activities().three_meetings_one_lesson();
             }),
           C("参加人次", "person-times",
             [](const Figures& f) { return f.activities().participants(); }),
       }},
      {"活动场所",
       "Venues",
       {
           C("场所", "venues",
             [](const Figures& f) { return f.venues().total(); }),
           C("六有达标", "meeting all six haves",
             [](const Figures& f) { return f.venues().all_six_haves(); }),
           C("有场所", "with a site",
             [](const Figures& f) { return f.venues().has_site(); }),
           C("有设施", "with facilities",
             [](const Figures& f) { return f.venues().has_facilities(); }),
           C("有标志", "with signage",
             [](const Figures& f) { return f.venues().has_signage(); }),
           C("有党旗", "with a party flag",
             [](const Figures& f) { return f.venues().has_party_flag(); }),
           C("有书报", "with books and newspapers",
             [](const Figures& f) {
               return f.venues().has_books_and_newspapers();
             }),
           C("有制度", "with rules on the wall",
             [](const Figures& f) { return f.venues().has_rules_on_wall(); }),
           C("自有", "own", [](const Figures& f) { return f.venues().own(); }),
           C("共用", "shared",
             [](const Figures& f) { return f.venues().shared(); }),
       }},
      {"经费(元)",
       "Funding (yuan)",
       {
           M("企业列支", "enterprise allocation",
             [](const Figures& f) {
               return f.funding().enterprise_allocation_fen();
             }),
           M("上级补充", "superior supplement",
             [](const Figures& f) {
               return f.funding().superior_supplement_fen();
             }),
           M("党费返还", "dues returned",
             [](const Figures& f) { return f.funding().dues_returned_fen(); }),
           M("财政补贴", "fiscal subsidy",
             [](const Figures& f) { return f.funding().fiscal_subsidy_fen(); }),
           M("来源不明", "source not recorded",
             [](const Figures& f) { return f.funding().unspecified_fen(); }),
           M("合计", "total",
             [](const Figures& f) { return f.funding().total_fen(); }),
           C("企业列支到位的党组织", "organizations funded by the enterprise",
             [](const Figures& f) {
               return f.party_organizations().funded_by_enterprise();
             }),
           C("上级补充到位的党组织", "organizations funded by the superior",
             [](const Figures& f) {
               return f.party_organizations().funded_by_superior();
             }),
           C("党费返还到位的党组织", "organizations funded by returned dues",
             [](const Figures& f) {
               return f.party_organizations().funded_by_dues_returned();
             }),
           C("财政补贴到位的党组织", "organizations funded by a subsidy",
             [](const Figures& f) {
               return f.party_organizations().funded_by_fiscal_subsidy();
             }),
       }},
      {"作用发挥",
       "Results",
       {
           C("解决就业", "jobs provided",
             [](const Figures& f) { return f.results().jobs_provided(); }),
           M("公益捐款(元)", "donations (yuan)",
             [](const Figures& f) { return f.results().donations_fen(); }),
           C("帮扶贫困户", "poor households helped",
             [](const Figures& f) { return f.results().households_helped(); }),
           C("救助贫困学生", "students aided",
             [](const Figures& f) { return f.results().students_aided(); }),
           C("合理化建议", "suggestions",
             [](const Figures& f) { return f.results().suggestions(); }),
           M("节约开支创收(元)", "savings and revenue (yuan)",
             [](const Figures& f) { return f.results().savings_fen(); }),
           C("攻克技术难题", "technical problems solved",
             [](const Figures& f) {
               return f.results().technical_problems_solved();
             }),
           C("创新项目", "innovation projects",
             [](const Figures& f) {
               return f.results().innovation_projects();
             }),
       }},
      {"区域经济",
       "Regional economy",
       {
           P("非公市场主体占比", "non-public share of market entities",
             [](const Figures& f) {
               return f.economy().market_entities_non_public_percent();
             }),
           P("非公增加值占比", "non-public share of value added",
             [](const Figures& f) {
               return f.economy().value_added_non_public_percent();
             }),
           P("非公税收占比", "non-public share of tax revenue",
             [](const Figures& f) {
               return f.economy().tax_revenue_non_public_percent();
             }),
           C("党工委成员单位", "working committee member units",
             [](const Figures& f) {
               return f.working_committee_member_units();
             }),
       }},
  };
  return *kSections;
}

void RenderTarget(const char* label, const v1::TargetResult& t, bool zh,
                  bool worklists, std::string* out) {
  absl::StrAppend(out, "  ", label, ": ", t.met(), "/", t.eligible(), " = ",
                  Percent(t.rate_percent()));
  if (t.nothing_eligible()) {
    absl::StrAppend(out, zh ? " (无适用对象)" : " (nothing eligible)");
  }
  absl::StrAppend(out, zh ? "; 未达标 " : "; short ", t.shortfall(), "\n");
  if (worklists && t.worklist_size() > 0) {
    absl::StrAppend(out, zh ? "    清单(前" : "    worklist (first ",
                    t.worklist_size(), zh ? "个, 共" : " of ", t.shortfall(),
                    zh ? "个, 上限" : ", cap ", t.worklist_cap(),
                    "): ", absl::StrJoin(t.worklist(), ", "), "\n");
  }
}

void RenderFigures(const Figures& f, const TextRenderOptions& options,
                   std::string* out) {
  const bool zh = options.language == ReportLanguage::kChinese;
  absl::StrAppend(out, zh ? "四个100%\n" : "The four 100% targets\n");
  const v1::TargetFigures& t = f.targets();
  RenderTarget(zh ? "目标1 应建尽建" : "target 1 found where possible",
               t.target_1(), zh, options.include_worklists, out);
  RenderTarget(zh ? "目标2 星级管理" : "target 2 star management", t.target_2(),
               zh, options.include_worklists, out);
  RenderTarget(zh ? "目标3 联建" : "target 3 joint where few", t.target_3(), zh,
               options.include_worklists, out);
  RenderTarget(zh ? "目标4 党的工作覆盖" : "target 4 party work where none",
               t.target_4(), zh, options.include_worklists, out);
  absl::StrAppend(out, zh ? "  全覆盖: " : "  full coverage: ",
                  t.full_coverage() ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
                  "\n");
  for (const Section& s : Sections()) {
    absl::StrAppend(out, zh ? s.zh : s.en, "\n");
    for (const Row& r : s.rows) {
      absl::StrAppend(out, "  ", zh ? r.zh : r.en, ": ", r.value(f), "\n");
    }
  }
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
  if (k.host_kind() != 0) parts.push_back(v1::HostKind_Name(k.host_kind()));
  if (k.host_subtype() != 0) {
    parts.push_back(v1::HostSubtype_Name(k.host_subtype()));
  }
  if (k.sector_system() != 0) {
    parts.push_back(v1::SectorSystem_Name(k.sector_system()));
  }
  if (parts.empty()) return zh ? "未归属" : "unassigned";
  return absl::StrJoin(parts, " / ");
}

}  // namespace

std::string RenderReportText(const v1::Report& report,
                             const TextRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::string out;
  if (zh) {
    absl::StrAppend(&out, report.year(),
                    "年度 非公经济组织和社会组织党建统计报告 (政策 ",
                    report.policy_version(), ")\n");
  } else {
    absl::StrAppend(&out,
                    "Party building in non-public and social organizations, ",
                    report.year(), " (policy ", report.policy_version(), ")\n");
  }
  absl::StrAppend(&out, zh ? "== 合计 ==\n" : "== Total ==\n");
  RenderFigures(report.total(), options, &out);
  const v1::DataQualityFigures& dq = report.data_quality();
  absl::StrAppend(&out, zh ? "数据质量\n" : "Data quality\n");
  absl::StrAppend(&out, zh ? "  跳过的记录: " : "  records skipped: ",
                  dq.skipped_total(), "\n");
  for (const v1::NamedCount& c : dq.skipped_records()) {
    absl::StrAppend(&out, "    ", c.name(), ": ", c.count(), "\n");
  }
  absl::StrAppend(
      &out, zh ? "  校验发现: " : "  findings: ", dq.findings_total(), "\n");
  for (const v1::NamedCount& c : dq.findings()) {
    absl::StrAppend(&out, "    ", c.name(), ": ", c.count(), "\n");
  }
  const v1::GroupBy& g = report.group_by();
  const bool grouped = g.region_level() != v1::REGION_LEVEL_UNSPECIFIED ||
                       g.industry() || g.host_kind() || g.host_subtype() ||
                       g.sector_system();
  if (options.include_groups && grouped) {
    for (const v1::ReportGroup& g : report.groups()) {
      absl::StrAppend(&out, "== ", GroupTitle(g, zh), " ==\n");
      RenderFigures(g.figures(), options, &out);
    }
  }
  return out;
}

absl::StatusOr<std::string> RenderReportJson(const v1::Report& report,
                                             const JsonWriteOptions& options) {
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = options.pretty;
  print.always_print_primitive_fields = options.include_default_values;
  std::string out;
  const auto status =
      google::protobuf::util::MessageToJsonString(report, &out, print);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("RenderReportJson: ", status.ToString()));
  }
  return out;
}

}  // namespace dangjian
