// Every rule of the catalogue, each with a record that fails it and one that
// passes, over the clean county of validate_fixture.h.
#include <algorithm>
#include <fstream>
#include <functional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dangjian/render.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "validate/rule_cases.h"
#include "validate_fixture.h"

namespace dangjian {
namespace {

using ::dangjian::testing::AddFullMember;
using ::dangjian::testing::CleanCounty;
using ::dangjian::testing::CreditWithCheck;
using ::dangjian::testing::IdWithCheck;
using ::dangjian::testing::IsOk;
using ::dangjian::testing::SetDate;

using ::dangjian::rule_cases::Case;
using ::dangjian::rule_cases::Cases;
using ::dangjian::rule_cases::M;

v1::ValidationReport RunValidator(const v1::Dataset& d) {
  ValidatorOptions options;
  options.as_of = testing::FixtureAsOf();
  // A standard that scores points, for party_org.stars.score's cases.
  v1::StarStandard* standard = options.policy.add_star_standards();
  standard->set_version("fixture-100");
  for (int min : {0, 60, 70, 80, 90}) standard->add_min_scores(min);
  auto v = Validator::Create(options);
  EXPECT_THAT(v, IsOk());
  absl::StatusOr<v1::ValidationReport> r = (*v)->Validate(d);
  EXPECT_THAT(r, IsOk());
  return *r;
}

std::string Describe(const v1::ValidationReport& r) {
  std::string out;
  for (const v1::Finding& f : r.findings()) {
    out += f.rule_id() + " " + f.record_kind() + "/" + f.record_id() + " " +
           f.field_path() + ": " + f.message() + "\n";
  }
  return out;
}

// A month is owed once it has ended: on 2024-06-15, dues paid through March
// owe April and May (2: none), paid through February three (arrears).
TEST(ValidateRulesTest, DuesOwedForMonthsEnded) {
  ValidatorOptions options;
  options.as_of.set_year(2024);
  options.as_of.set_month(6);
  options.as_of.set_day(15);
  auto v = Validator::Create(options);
  ASSERT_THAT(v, IsOk());
  auto arrears = [&](int paid_month) {
    v1::Dataset d = CleanCounty();
    SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, paid_month, 0);
    absl::StatusOr<v1::ValidationReport> r = (*v)->Validate(d);
    EXPECT_THAT(r, IsOk());
    int n = 0;
    for (const v1::Finding& f : r->findings()) {
      n += f.rule_id() == "member.dues.arrears" && f.record_id() == "m-1";
    }
    return n;
  };
  EXPECT_EQ(arrears(3), 0);
  EXPECT_EQ(arrears(2), 1);
}

TEST(ValidateRulesTest, CleanCountyHasNoFindings) {
  const v1::ValidationReport r = RunValidator(CleanCounty());
  EXPECT_EQ(r.findings_size(), 0) << Describe(r);
  EXPECT_EQ(r.records_checked(), 2 + 1 + 4 + 3 + 1 + 1 + 5 + 1 + 1 + 4 + 1 + 1);
}

class RuleCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(RuleCaseTest, FailingRecordIsFoundWhereItIs) {
  const Case& c = GetParam();
  v1::Dataset d = CleanCounty();
  c.fail(d);
  const v1::ValidationReport r = RunValidator(d);
  bool found = false;
  for (const v1::Finding& f : r.findings()) {
    if (f.rule_id() == c.rule && f.record_kind() == c.kind &&
        f.record_id() == c.id && f.field_path() == c.field) {
      found = true;
      EXPECT_FALSE(f.message().empty());
      EXPECT_NE(f.severity(), v1::SEVERITY_UNSPECIFIED);
    }
  }
  EXPECT_TRUE(found) << "expected " << c.rule << " on " << c.kind << "/" << c.id
                     << " " << c.field << "; got:\n"
                     << Describe(r);
}

TEST_P(RuleCaseTest, PassingRecordIsNotReported) {
  const Case& c = GetParam();
  v1::Dataset d = CleanCounty();
  c.pass(d);
  const v1::ValidationReport r = RunValidator(d);
  for (const v1::Finding& f : r.findings()) {
    EXPECT_NE(f.rule_id(), c.rule) << Describe(r);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, RuleCaseTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.name;
                         });

TEST(ValidateRulesTest, EveryRuleHasAFailingCase) {
  std::set<std::string> covered;
  for (const Case& c : Cases()) covered.insert(c.rule);
  covered.insert("record.empty");  // a stream-only rule: validator_test
  for (const RuleInfo& r : RuleCatalogue()) {
    EXPECT_EQ(covered.count(r.rule_id), 1u) << r.rule_id << " has no case";
  }
}

TEST(ValidateRulesTest, CatalogueHasAtLeastThirtyDocumentedRules) {
  const std::vector<RuleInfo> rules = RuleCatalogue();
  EXPECT_GE(rules.size(), 30u);
  std::ifstream in(std::string(DANGJIAN_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(in) << "docs/rules.md missing";
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  std::set<std::string> ids;
  for (const RuleInfo& r : rules) {
    EXPECT_TRUE(ids.insert(r.rule_id).second) << "duplicate " << r.rule_id;
    EXPECT_NE(doc.find("`" + r.rule_id + "`"), std::string::npos)
        << r.rule_id << " is not in docs/rules.md";
    // Its row names it with the title the renderers show.
    const std::string title = RuleTitle(r.rule_id, ReportLanguage::kChinese);
    EXPECT_NE(doc.find("| `" + r.rule_id + "` | " + title + " |"),
              std::string::npos)
        << r.rule_id << "'s row in docs/rules.md does not name it " << title;
    EXPECT_FALSE(r.summary.empty());
    EXPECT_FALSE(r.source.empty());
    EXPECT_NE(r.default_severity, v1::SEVERITY_UNSPECIFIED);
  }
  EXPECT_TRUE(std::is_sorted(rules.begin(), rules.end(),
                             [](const RuleInfo& a, const RuleInfo& b) {
                               return a.rule_id < b.rule_id;
                             }));
}

}  // namespace
}  // namespace dangjian
