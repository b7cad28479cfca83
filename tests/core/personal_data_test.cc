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
  EXPECT_EQ(MaskPhone("１３８－００１３－８０００x"), "***－****－８０００x");
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

// Every spelling people and spreadsheets use: groups joined by spaces or
// hyphens, full-width digits, country codes, fixed lines, IDs in Chinese
// text and IDs with a digit too many or too few.
TEST(MaskPersonalDataTest, MasksEveryShapeOfAnIdOrPhone) {
  const std::pair<const char*, const char*> cases[] = {
      {"110105 19491231 002X", "110105 ******** 002X"},
      {"110105-19491231-002X", "110105-********-002X"},
      {"110105 194912310023", "110105 ********0023"},
      {"110105 491231 002", "110105 *****1 002"},
      {"138-0013-8000", "***-****-8000"},
      {"138 0013 8000", "*** **** 8000"},
      {"138-00138000", "***-****8000"},
      {"1380013-8000", "*******-8000"},
      {"+86 138 0013 8000", "+** *** **** 8000"},
      {"0086 138 0013 8000", "**** *** **** 8000"},
      {"8613800138000", "*********8000"},
      {"(+86)13800138000", "(+86)*******8000"},
      {"电话１３８００１３８０００。", "电话*******８０００。"},
      {"身份证110105194912310023号", "身份证110105********0023号"},
      {"tel 010-12345678", "tel ***-****5678"},
      {"0476 1234567", "**** ***4567"},
      {"04761234567", "*******4567"},
      {"1101051949123100234", "110105*********0234"},
      {"1101051949123100", "110105******3100"},
      {"13800138000 13900139000", "*******8000 *******9000"},
      // Full-width joiners and check character, and an area-code-shaped
      // group before a mobile number (found by review).
      {"１３８－００１３－８０００", "***－****－８０００"},
      {"１１０１０５　１９４９１２３１　００２Ｘ",
       "１１０１０５　********　００２Ｘ"},
      {"110105 19491231 002Ｘ", "110105 ******** 002Ｘ"},
      {"021 138 0013 8000", "021 *** **** 8000"},
      {"0571 1380013 8000", "0571 ******* 8000"},
      {"010 1234 5678", "*** **** 5678"},
      {"0476 123 4567", "**** *** 4567"},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(MaskPersonalData(in), want) << in;
  }
}

// Numbers that are nobody's personal data are shown whole (the masker
// masked every run of 11 digits or more: "--year is 1 to 9999, got
// *******9999", "****************1614" for an out-of-range figure).
TEST(MaskPersonalDataTest, KeepsNumbersThatAreNotPersonalWhole) {
  for (const char* text :
       {"--year is 1 to 9999, got 99999999999", "9223372036854775807",
        "sum 18446744073709551614 is out of range", "h110101-000064",
        "h130101-00064", "2017-12-31 2018-01-01", "12345678901",
        "1,234,567,890,123 fen", "ids 110101 110102 110105",
        "20140814201512310000"}) {
    EXPECT_EQ(MaskPersonalData(text), text);
  }
}

TEST(MaskPersonalDataTest, LeavesShortNumbersAlone) {
  EXPECT_EQ(MaskPersonalData("line 1234567890, 98 orgs"),
            "line 1234567890, 98 orgs");
  EXPECT_EQ(MaskPersonalData("no digits"), "no digits");
}

}  // namespace
}  // namespace dangjian
