// Resident IDs that end in "000": mangled by a spreadsheet, or real.
#include <string>

#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

int CountRule(const std::string& national_id, const std::string& rule) {
  v1::Dataset d;
  v1::Member* m = d.add_members();
  m->set_id("m-1");
  m->set_status(v1::MEMBER_STATUS_FULL);
  m->set_national_id(national_id);
  auto validator = Validator::Create(ValidatorOptions());
  EXPECT_THAT(validator, dangjian::testing::IsOk());
  absl::StatusOr<v1::ValidationReport> report = (*validator)->Validate(d);
  EXPECT_THAT(report, dangjian::testing::IsOk());
  int n = 0;
  for (const v1::Finding& f : report->findings()) n += f.rule_id() == rule;
  return n;
}

constexpr char kMangled[] = "member.national_id.excel_mangled";
constexpr char kChecksum[] = "member.national_id.checksum";

TEST(NationalIdZerosTest, RealIdEndingInZerosIsAccepted) {
  // Sequence code 100 with check character 0: a real, valid ID.
  EXPECT_EQ(CountRule("150425198005091000", kMangled), 0);
  EXPECT_EQ(CountRule("150425198005091000", kChecksum), 0);
}

TEST(NationalIdZerosTest, PaddedIdWithWrongCheckIsMangled) {
  // 15 significant digits kept, the rest zeros: the check character fails.
  EXPECT_EQ(CountRule("150425198005050000", kMangled), 1);
  // Reported as mangled, not also as a checksum error.
  EXPECT_EQ(CountRule("150425198005050000", kChecksum), 0);
}

TEST(NationalIdZerosTest, SequenceZeroIsNeverIssued) {
  // Sequence code 000 even where the check character happens to fit.
  EXPECT_EQ(CountRule("150425198005040000", kMangled), 1);
}

}  // namespace
}  // namespace dangjian
