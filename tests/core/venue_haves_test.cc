// core/venue_haves.h: a venue's six haves at the end of a year, by its
// dated assessments (core/dated.h orders them, as it orders a unit's
// changes of status: tests/core/host_status_test.cc).
#include "core/venue_haves.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

void Assess(VenueFacts* v, int32_t y, int32_t m, uint8_t haves) {
  VenueAssessmentFacts& a = v->assessments.emplace_back();
  a.has_on = y != 0;
  a.year = y;
  a.month = m;
  a.haves = haves;
}

TEST(VenueHavesTest, WithoutAssessmentsTheFieldsHoldEveryYear) {
  VenueFacts v;
  v.haves = 0x3F;
  EXPECT_EQ(VenueHavesAtYearEnd(v, 1990), 0x3F);
  EXPECT_EQ(VenueHavesAtYearEnd(v, 2030), 0x3F);
}

TEST(VenueHavesTest, TheLatestAssessmentByTheYear) {
  VenueFacts v;
  v.haves = 0x3F;  // Today's: not read once there are assessments.
  Assess(&v, 2016, 5, 0x03);
  Assess(&v, 2019, 5, 0x3F);
  EXPECT_EQ(VenueHavesAtYearEnd(v, 2015), 0);  // Not yet assessed.
  EXPECT_EQ(VenueHavesAtYearEnd(v, 2016), 0x03);
  EXPECT_EQ(VenueHavesAtYearEnd(v, 2018), 0x03);
  EXPECT_EQ(VenueHavesAtYearEnd(v, 2019), 0x3F);
  // Out of order, the date decides; an undated one never counts.
  Assess(&v, 2017, 1, 0x07);
  Assess(&v, 0, 0, 0x00);
  EXPECT_EQ(VenueHavesAtYearEnd(v, 2018), 0x07);
  EXPECT_EQ(LatestDated(v.assessments), 1);
  // Two in one year: the later month.
  Assess(&v, 2019, 11, 0x0F);
  EXPECT_EQ(VenueHavesAtYearEnd(v, 2019), 0x0F);
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
