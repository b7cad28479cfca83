// Keshiketeng Banner, 2014: the article's banner, start to finish with the
// public API. Generates the keshiketeng-2014 scenario (a ledger shaped like the
// banner's in the People's Daily Online article of 2014-08-14), validates and
// aggregates it by township in one pass over the records, rolls the townships
// up into the banner, prints every figure beside the article's, and writes the
// HTML report (charts per township) to a file, saying where.
//
//   keshiketeng_report [HTML_PATH] [--text] [--en]
//     HTML_PATH  where to write the HTML report (default:
//                keshiketeng_report.html in the current folder)
//     --text     print the whole text report after the table
//     --en       English labels in the text and HTML reports
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_format.h"
#include "dangjian/dangjian.h"

namespace {

// Columns a UTF-8 text takes on a terminal: Chinese characters take two.
int Width(const std::string& s) {
  int w = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) w += c >= 0xE0 ? 2 : 1;
  }
  return w;
}

void Line(const std::string& what, const std::string& ours,
          const std::string& article) {
  std::cout << what << std::string(std::max(1, 60 - Width(what)), ' ')
            << std::string(std::max(0, 28 - Width(ours)), ' ') << ours << "   "
            << article << "\n";
}

// 7000 -> "7,000".
std::string N(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return v < 0 ? "-" + out : out;
}

std::string Yuan(int64_t fen) { return N(fen / 100) + " yuan"; }

// Feeds every generated record to the validator and the aggregator: one pass,
// nothing kept.
class ValidateAndAggregate : public dangjian::RecordSink {
 public:
  ValidateAndAggregate(dangjian::Validator* validator,
                       dangjian::Aggregator* aggregator)
      : validator_(validator), aggregator_(aggregator) {}
  absl::Status StartShard(const dangjian::ShardInfo&) override {
    return absl::OkStatus();
  }
  absl::Status Write(const dangjian::v1::Record& record) override {
    ++records_;
    if (absl::Status s = validator_->Add(record); !s.ok()) return s;
    return aggregator_->Add(record);
  }
  absl::Status FinishShard() override { return absl::OkStatus(); }
  int64_t records() const { return records_; }

 private:
  dangjian::Validator* validator_;
  dangjian::Aggregator* aggregator_;
  int64_t records_ = 0;
};

// Prints the banner's figures beside the article's, a line each.
void PrintBesideTheArticle(const dangjian::v1::ReportFigures& t) {
  const auto& p = t.party_organizations();
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
  // The article's full organization coverage counts the units of the 23
  // regional branches' grids (党的组织覆盖), not only those a branch lists.
  Line("organization coverage 党组织覆盖率: units covered",
       absl::StrFormat("%.1f%%", t.units().organization_coverage_percent()) +
           " (" + N(t.units().organization_covered()) + " / " +
           N(t.units().total()) + ")",
       "full (~7,000)");
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

  Line("funding from all four sources (四个一)", Yuan(t.funding().total_fen()),
       "(not in the article)");
  Line("venues meeting all six haves (六有)",
       N(t.venues().all_six_haves()) + " / " + N(t.venues().total()),
       "(not in the article)");
}

int Failed(const absl::Status& status) {
  std::cerr << "keshiketeng_report: " << status << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  bool text = false;
  bool english = false;
  std::string html_path = "keshiketeng_report.html";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--text") == 0) {
      text = true;
    } else if (std::strcmp(argv[i], "--en") == 0) {
      english = true;
    } else {
      html_path = argv[i];
    }
  }

  dangjian::ValidatorOptions check;
  check.as_of.set_year(dangjian::kKeshiketeng2014Year);
  check.as_of.set_month(12);
  check.as_of.set_day(31);
  absl::StatusOr<std::unique_ptr<dangjian::Validator>> validator =
      dangjian::Validator::Create(check);
  if (!validator.ok()) return Failed(validator.status());
  // Each township's figures, as a township would report them...
  dangjian::AggregatorOptions options;
  options.year = dangjian::kKeshiketeng2014Year;
  options.group_by.set_region_level(dangjian::v1::REGION_LEVEL_TOWNSHIP);
  absl::StatusOr<std::unique_ptr<dangjian::Aggregator>> aggregator =
      dangjian::Aggregator::Create(options);
  if (!aggregator.ok()) return Failed(aggregator.status());
  ValidateAndAggregate sink(validator->get(), aggregator->get());
  if (absl::Status s = dangjian::GenerateKeshiketeng2014(&sink); !s.ok()) {
    return Failed(s);
  }
  absl::StatusOr<dangjian::v1::ValidationReport> findings =
      (*validator)->Finish();
  if (!findings.ok()) return Failed(findings.status());
  for (const dangjian::v1::RuleCount& c : findings->rule_counts()) {
    if (absl::Status s = (*aggregator)->AddFindings(c.rule_id(), c.count());
        !s.ok()) {
      return Failed(s);
    }
  }
  absl::StatusOr<dangjian::v1::PartialReport> townships =
      (*aggregator)->Finish();
  if (!townships.ok()) return Failed(townships.status());
  absl::StatusOr<dangjian::v1::Report> by_township =
      dangjian::FinishReport(*townships);
  if (!by_township.ok()) return Failed(by_township.status());
  // ...rolled up into the banner's.
  dangjian::v1::GroupBy banner;
  banner.set_region_level(dangjian::v1::REGION_LEVEL_COUNTY);
  absl::StatusOr<dangjian::v1::PartialReport> rolled =
      dangjian::RegroupPartialReport(*townships, banner);
  if (!rolled.ok()) return Failed(rolled.status());
  absl::StatusOr<dangjian::v1::Report> report = dangjian::FinishReport(*rolled);
  if (!report.ok()) return Failed(report.status());
  const dangjian::v1::ReportFigures& t = report->total();

  std::cout << "克什克腾旗 Keshiketeng Banner, " << report->year()
            << ": the report beside the article (人民网 2014-08-14)\n"
            << N(sink.records())
            << " records generated and validated: " << findings->error_count()
            << " errors, " << findings->warning_count() << " warnings, "
            << findings->info_count() << " notes\n\n";
  PrintBesideTheArticle(t);

  const auto language = english ? dangjian::ReportLanguage::kEnglish
                                : dangjian::ReportLanguage::kChinese;
  if (text) {
    dangjian::TextRenderOptions render;
    render.language = language;
    std::cout << "\n" << dangjian::RenderReportText(*report, render);
  }
  // The HTML report charts each township.
  dangjian::HtmlRenderOptions html;
  html.language = language;
  html.title = english
                   ? "Keshiketeng Banner 2014: party building in "
                     "non-public and social organizations"
                   : "克什克腾旗 2014年度 非公经济组织和社会组织党建统计报告";
  std::ofstream out(html_path, std::ios::binary);
  out << dangjian::RenderReportHtml(*by_township, html);
  out.close();
  if (!out) {
    std::cerr << "keshiketeng_report: cannot write " << html_path << "\n";
    return 1;
  }
  char* real = realpath(html_path.c_str(), nullptr);
  std::cout << "\nHTML report (charts per township): "
            << (real != nullptr ? real : html_path.c_str())
            << "\nOpen it in a browser; it needs no network.\n";
  std::free(real);
  return 0;
}
