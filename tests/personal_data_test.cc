#include "dangjian/personal_data.h"

#include "gtest/gtest.h"

namespace dangjian {
namespace {

TEST(MaskNationalIdTest, KeepsRegionAndLastFour) {
  EXPECT_EQ(MaskNationalId("11010519491231002X"), "110105********002X");
  EXPECT_EQ(MaskNationalId("110105491231002"), "110105*****1002");
}

TEST(MaskNationalIdTest, OtherLengthsKeepOnlyLastFour) {
  EXPECT_EQ(MaskNationalId("1234567"), "***4567");
  EXPECT_EQ(MaskNationalId("123"), "***");
  EXPECT_EQ(MaskNationalId(""), "");
}

TEST(MaskPhoneTest, KeepsLastFourDigitsAndSeparators) {
  EXPECT_EQ(MaskPhone("13800138000"), "*******8000");
  EXPECT_EQ(MaskPhone("+86 138-0013-8000"), "+** ***-****-8000");
  EXPECT_EQ(MaskPhone("123"), "123");
}

TEST(MaskPersonalDataTest, MasksIdsAndPhonesInText) {
  EXPECT_EQ(MaskPersonalData("member 11010519491231002X at row 7"),
            "member 110105********002X at row 7");
  EXPECT_EQ(MaskPersonalData("phone 13800138000."), "phone *******8000.");
  EXPECT_EQ(MaskPersonalData("old id 110105491231002"),
            "old id 110105*****1002");
}

TEST(MaskPersonalDataTest, LeavesShortNumbersAlone) {
  EXPECT_EQ(MaskPersonalData("line 1234567890, 98 orgs"),
            "line 1234567890, 98 orgs");
  EXPECT_EQ(MaskPersonalData("no digits"), "no digits");
}

}  // namespace
}  // namespace dangjian
