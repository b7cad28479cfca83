// Text and JSON renderings of a report.
#include "dangjian/render.h"

#include <limits>
#include <string>

#include "dangjian/generate.h"
#include "dangjian/aggregate.h"
#include "dangjian/v1/report.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;

v1::Report Keshiketeng(bool by_township) {
  AggregatorOptions options;
  options.year = kKeshiketeng2014Year;
  options.worklist_cap = 2;
  if (by_township) options.group_by.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  v1::Dataset d = BuildKeshiketeng2014();
  // Two units without their branch, so that a worklist shows.
  d.mutable_party_organizations()->DeleteSubrange(23, 2);
  absl::StatusOr<v1::Report> r = AggregateDataset(d, options);
  EXPECT_THAT(r, IsOk());
  return r.ok() ? *r : v1::Report();
}

TEST(RenderTextTest, ChineseLabels) {
  const std::string text = RenderReportText(Keshiketeng(false));
  EXPECT_THAT(text, HasSubstr("2014年度"));
  EXPECT_THAT(text, HasSubstr("目标1 应建尽建: 114/116 = 98.28%; 未达标 2"));
  EXPECT_THAT(text, HasSubstr("清单(前2个, 共2个, 上限2): h-0, h-1"));
  EXPECT_THAT(text, HasSubstr("目标3 联建: 184/184 = 100.00%"));
  EXPECT_THAT(text, HasSubstr("全覆盖: 否"));
  EXPECT_THAT(text, HasSubstr("单建·非公经济: 96"));
  EXPECT_THAT(text, HasSubstr("工会组织: 259"));
  // 红山水泥's branch is gone but its money is still counted, and the dangling
  // references show under data quality.
  EXPECT_THAT(text, HasSubstr("企业列支: 100000.00"));
  EXPECT_THAT(text, HasSubstr("aggregate.unknown_party_organization: 2"));
  // Not grouped: the one group is the total, not repeated.
  EXPECT_THAT(text, Not(HasSubstr("未归属")));
  EXPECT_THAT(text, HasSubstr("非公市场主体占比: 96.69%"));
  EXPECT_THAT(text, Not(HasSubstr("Total")));
}

TEST(RenderTextTest, EnglishLabelsGroupsAndNoWorklists) {
  TextRenderOptions o;
  o.language = ReportLanguage::kEnglish;
  o.include_worklists = false;
  const std::string text = RenderReportText(Keshiketeng(true), o);
  EXPECT_THAT(text, HasSubstr("== Total =="));
  EXPECT_THAT(text, HasSubstr("target 4 party work where none: 6700/6700"));
  EXPECT_THAT(text, HasSubstr("== 经棚镇 (town-0) =="));
  EXPECT_THAT(text, HasSubstr("== unassigned =="));  // The banner's figures.
  EXPECT_THAT(text, Not(HasSubstr("worklist")));
  o.include_groups = false;
  EXPECT_THAT(RenderReportText(Keshiketeng(true), o), Not(HasSubstr("经棚镇")));
}

TEST(RenderTextTest, NothingEligibleAndMoneyAtTheEdges) {
  v1::Report r;
  r.mutable_total()
      ->mutable_targets()
      ->mutable_target_2()
      ->set_nothing_eligible(true);
  r.mutable_total()->mutable_funding()->set_total_fen(
      std::numeric_limits<int64_t>::min());
  r.mutable_total()->mutable_funding()->set_dues_returned_fen(-5);
  r.mutable_total()->mutable_funding()->set_fiscal_subsidy_fen(123456);
  const std::string text = RenderReportText(r);
  EXPECT_THAT(text, HasSubstr("(无适用对象)"));
  EXPECT_THAT(text, HasSubstr("合计: -92233720368547758.08"));
  EXPECT_THAT(text, HasSubstr("党费返还: -0.05"));
  EXPECT_THAT(text, HasSubstr("财政补贴: 1234.56"));
  EXPECT_THAT(text, HasSubstr("== 合计 =="));
}

TEST(RenderJsonTest, RoundTripsThroughProtobufJson) {
  const v1::Report report = Keshiketeng(true);
  JsonWriteOptions o;
  o.pretty = true;
  absl::StatusOr<std::string> json = RenderReportJson(report, o);
  ASSERT_THAT(json, IsOk());
  EXPECT_THAT(*json, HasSubstr("\"standaloneNonPublic\": \"96\""));
  v1::Report back;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*json, &back).ok());
  EXPECT_EQ(back.SerializeAsString(), report.SerializeAsString());
  // Default values only on request.
  EXPECT_THAT(*RenderReportJson(v1::Report()), Not(HasSubstr("year")));
  o.include_default_values = true;
  EXPECT_THAT(*RenderReportJson(v1::Report(), o), HasSubstr("\"year\": 0"));
}

}  // namespace
}  // namespace dangjian
