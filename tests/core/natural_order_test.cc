// The natural order of region and unit names (internal): digits by value.
#include "core/natural_order.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

using ::testing::ElementsAre;

TEST(NaturalOrderTest, DigitRunsCompareByValue) {
  std::vector<std::string> names = {"苏木10", "苏木2", "苏木1",
                                    "苏木11", "苏木",  "镇1"};
  std::sort(names.begin(), names.end(), NaturalLess);
  EXPECT_THAT(names,
              ElementsAre("苏木", "苏木1", "苏木2", "苏木10", "苏木11", "镇1"));
}

TEST(NaturalOrderTest, TextComparesByteByByte) {
  EXPECT_LT(NaturalCompare("a", "b"), 0);
  EXPECT_GT(NaturalCompare("b2", "a10"), 0);
  EXPECT_EQ(NaturalCompare("第3组", "第3组"), 0);
  EXPECT_LT(NaturalCompare("第3组", "第3组a"), 0);
  // Plain byte order would put "x10" first.
  EXPECT_GT(NaturalCompare("x10", "x9"), 0);
}

TEST(NaturalOrderTest, LeadingZerosTieBreakSoTheOrderIsTotal) {
  EXPECT_NE(NaturalCompare("a01", "a1"), 0);
  EXPECT_EQ(NaturalCompare("a01", "a1"), -NaturalCompare("a1", "a01"));
  EXPECT_LT(NaturalCompare("a01", "a2"), 0);
  EXPECT_LT(NaturalCompare("a000", "a1"), 0);
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
