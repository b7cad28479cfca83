// Keshiketeng Banner, 2014: builds a ledger shaped like the banner's (see
// keshiketeng_dataset.h), streams it through an Aggregator by township, rolls
// the townships up into the banner, and prints the report's figures beside the
// article's. With --text it prints the whole rendered report after the table.
//
//   keshiketeng [--text] [--en]
#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>

#include "absl/strings/str_format.h"
#include "dangjian/aggregate.h"
#include "dangjian/record.h"
#include "dangjian/render.h"
#include "keshiketeng_dataset.h"

namespace {

void Line(const char* what, const std::string& ours, const char* article) {
  std::cout << absl::StrFormat("%-58s %18s   %s\n", what, ours, article);
}

std::string N(int64_t v) { return std::to_string(v); }

std::string Yuan(int64_t fen) {
  return absl::StrFormat("%d.%02d yuan", fen / 100, fen % 100);
}

}  // namespace

int main(int argc, char** argv) {
  bool text = false;
  bool english = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--text") == 0) text = true;
    if (std::strcmp(argv[i], "--en") == 0) english = true;
  }
  const dangjian::v1::Dataset ledger =
      dangjian::examples::BuildKeshiketeng2014();

  // Each township's figures, as a township would report them...
  dangjian::AggregatorOptions options;
  options.year = dangjian::examples::kKeshiketengYear;
  options.policy = ledger.policy();
  options.group_by.set_region_level(dangjian::v1::REGION_LEVEL_TOWNSHIP);
  absl::StatusOr<std::unique_ptr<dangjian::Aggregator>> aggregator =
      dangjian::Aggregator::Create(options);
  if (!aggregator.ok()) {
    std::cerr << aggregator.status() << "\n";
    return 1;
  }
  dangjian::ForEachRecord(ledger, [&](const dangjian::v1::Record& r) {
    (void)(*aggregator)->Add(r);
  });
  absl::StatusOr<dangjian::v1::PartialReport> townships =
      (*aggregator)->Finish();
  if (!townships.ok()) {
    std::cerr << townships.status() << "\n";
    return 1;
  }
  // ...rolled up into the banner's.
  dangjian::v1::GroupBy banner;
  banner.set_region_level(dangjian::v1::REGION_LEVEL_COUNTY);
  absl::StatusOr<dangjian::v1::PartialReport> rolled =
      dangjian::RegroupPartialReport(*townships, banner);
  if (!rolled.ok()) {
    std::cerr << rolled.status() << "\n";
    return 1;
  }
  absl::StatusOr<dangjian::v1::Report> report = dangjian::FinishReport(*rolled);
  if (!report.ok()) {
    std::cerr << report.status() << "\n";
    return 1;
  }
  const dangjian::v1::ReportFigures& t = report->total();
  const auto& p = t.party_organizations();

  std::cout << "克什克腾旗 Keshiketeng Banner, " << report->year()
            << ": the report beside the article (人民网 2014-08-14)\n\n";
  Line("figure", "report", "article");
  Line("standalone party orgs 单建: non-public / social",
       N(p.standalone_non_public()) + " / " + N(p.standalone_social()),
       "98 / 18");
  Line("joint party orgs 联建: non-public / social",
       N(p.joint_non_public()) + " / " + N(p.joint_social()), "29 / 63");
  Line("1+N: regional branches / grids / units covered",
       N(p.regional_branches()) + " / " + N(t.grids().total()) + " / " +
           N(t.units().covered_by_regional()),
       "23 / 126 / ~7,000");
  Line("trade unions / women's / youth league",
       N(t.units().trade_unions()) + " / " +
           N(t.units().womens_organizations()) + " / " +
           N(t.units().youth_league_organizations()),
       "259 / 69 / 28");
  Line("working committee member units 党工委成员单位",
       N(t.working_committee_member_units()), "22");
  Line("five-star / four-star; demonstration points",
       N(p.five_star()) + " / " + N(p.four_star()) + "; " +
           N(p.demonstration_points()),
       "12 / 15; 30");
  Line("joint branches: new members; units that left for their own",
       N(t.members().new_members_in_joint()) + "; " +
           N(p.founded_out_of_joint()),
       "42; 7");
  Line("heart-to-heart meetings; visits",
       N(t.activities().heart_to_heart_meetings()) + "; " +
           N(t.activities().visits()),
       "60+; ~7,000");
  Line("brochures; contact cards; online groups",
       N(t.activities().brochures()) + "; " +
           N(t.activities().contact_cards()) + "; " +
           N(t.activities().online_groups()),
       "32,000+; 13,000+; 18");
  Line("online posts; problems solved",
       N(t.activities().online_posts()) + "; " +
           N(t.activities().problems_solved()),
       "6,000+; 238");
  Line("new members (of whom owners)",
       N(t.members().new_members()) + " (" +
           N(t.members().new_members_owners()) + ")",
       "261 (45)");
  Line("owner secretaries; cadres seconded; reserve talent",
       N(t.units().owners_secretaries()) + "; " +
           N(t.cadres().seconded_deputy_secretaries()) + "; " +
           N(t.cadres().reserve_talent()),
       "85; 60; 163");
  Line("owner training classes; person-times",
       N(t.activities().owner_training_classes()) + "; " +
           N(t.activities().owner_training_participants()),
       "4; 220");
  Line("demonstration + vanguard posts; responsibility zones",
       N(t.members().demonstration_posts() + t.members().vanguard_posts()) +
           "; " + N(t.members().responsibility_zones()),
       "42; 135");
  Line("technical service teams; problems solved; innovation",
       N(t.members().technical_service_teams()) + "; " +
           N(t.results().technical_problems_solved()) + "; " +
           N(t.results().innovation_projects()),
       "32; 26; 41");
  Line("suggestions; savings and revenue",
       N(t.results().suggestions()) + "; " + Yuan(t.results().savings_fen()),
       "260+; ~10 million yuan");
  Line(
      "jobs; donations",
      N(t.results().jobs_provided()) + "; " + Yuan(t.results().donations_fen()),
      "10,000+; ~10 million yuan");
  Line("poor households helped; students aided",
       N(t.results().households_helped()) + "; " +
           N(t.results().students_aided()),
       "600+; 100+");
  Line("non-public share: market entities / value added / tax",
       absl::StrFormat("%.2f%% / %.2f%% / %.2f%%",
                       t.economy().market_entities_non_public_percent(),
                       t.economy().value_added_non_public_percent(),
                       t.economy().tax_revenue_non_public_percent()),
       "96.69% / 70% / 43.26%");
  Line("红山水泥 funding, enterprise allocation",
       Yuan(t.funding().enterprise_allocation_fen()), "100,000 yuan");
  const auto& tg = t.targets();
  Line("four 100%: targets 1 / 2 / 3 / 4 (met/eligible)",
       N(tg.target_1().met()) + "/" + N(tg.target_1().eligible()) + " " +
           N(tg.target_2().met()) + "/" + N(tg.target_2().eligible()) + " " +
           N(tg.target_3().met()) + "/" + N(tg.target_3().eligible()) + " " +
           N(tg.target_4().met()) + "/" + N(tg.target_4().eligible()),
       "all 100%");
  Line("full coverage 全覆盖", tg.full_coverage() ? "yes" : "no", "yes");

  if (text) {
    dangjian::TextRenderOptions render;
    render.language = english ? dangjian::ReportLanguage::kEnglish
                              : dangjian::ReportLanguage::kChinese;
    std::cout << "\n" << dangjian::RenderReportText(*report, render);
  }
  return 0;
}
