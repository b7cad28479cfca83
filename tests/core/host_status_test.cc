// core/host_status.h: which change of a unit's status is in force at the end
// of a year, and what that makes of the unit in that year.
#include "core/host_status.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

void Change(HostFacts* h, int32_t y, int32_t m, int32_t d, int32_t status) {
  HostStatusChangeFacts& c = h->status_changes.emplace_back();
  c.has_on = y != 0;
  c.year = y;
  c.month = m;
  c.day = d;
  c.status = status;
}

TEST(HostStatusTest, WithoutChangesTheStatusHoldsEveryYear) {
  HostFacts h;
  h.status = v1::HOST_STATUS_CLOSED;
  EXPECT_EQ(HostChangeInForce(h, 2017), -1);
  EXPECT_EQ(HostStatusAtYearEnd(h, 1990), v1::HOST_STATUS_CLOSED);
  EXPECT_TRUE(HostClosedAtYearEnd(h, 2030));
  h.status = v1::HOST_STATUS_SUSPENDED;
  EXPECT_FALSE(HostClosedAtYearEnd(h, 2017));
}

TEST(HostStatusTest, ClosedAndReopened) {
  HostFacts h;
  h.status = v1::HOST_STATUS_OPERATING;  // Today's: not read.
  Change(&h, 2019, 6, 30, v1::HOST_STATUS_CLOSED);
  Change(&h, 2021, 3, 1, v1::HOST_STATUS_OPERATING);
  // Before the first change, operating.
  EXPECT_EQ(HostChangeInForce(h, 2018), -1);
  EXPECT_EQ(HostStatusAtYearEnd(h, 2018), v1::HOST_STATUS_OPERATING);
  EXPECT_TRUE(HostUnitOfYear(h, 2018));
  // Closed at the end of 2019 and 2020, whatever `status` says today.
  EXPECT_EQ(HostChangeInForce(h, 2019), 0);
  EXPECT_TRUE(HostClosedAtYearEnd(h, 2019));
  EXPECT_FALSE(HostUnitOfYear(h, 2019));
  EXPECT_FALSE(HostUnitOfYear(h, 2020));
  EXPECT_EQ(HostChangeInForce(h, 2021), 1);
  EXPECT_TRUE(HostUnitOfYear(h, 2021));
  EXPECT_EQ(HostLatestChange(h), 1);
  // Today's status is not read: a unit closed on file yet reopened by its
  // latest change is a unit.
  h.status = v1::HOST_STATUS_CLOSED;
  EXPECT_TRUE(HostUnitOfYear(h, 2022));
}

TEST(HostStatusTest, TheLatestDateWinsWhateverTheOrder) {
  HostFacts h;
  Change(&h, 2018, 9, 1, v1::HOST_STATUS_CLOSED);
  Change(&h, 2018, 2, 1, v1::HOST_STATUS_SUSPENDED);  // Listed out of order.
  EXPECT_EQ(HostChangeInForce(h, 2018), 0);
  EXPECT_EQ(HostStatusAtYearEnd(h, 2018), v1::HOST_STATUS_CLOSED);
  // Two on one date: the later listed.
  Change(&h, 2018, 9, 1, v1::HOST_STATUS_OPERATING);
  EXPECT_EQ(HostChangeInForce(h, 2018), 2);
  // A date known to the year only comes before the dated days of the year.
  HostFacts y;
  Change(&y, 2018, 5, 1, v1::HOST_STATUS_CLOSED);
  Change(&y, 2018, 0, 0, v1::HOST_STATUS_SUSPENDED);
  EXPECT_EQ(HostChangeInForce(y, 2018), 0);
  // ... and a month alone before the days of that month.
  Change(&y, 2018, 5, 0, v1::HOST_STATUS_OPERATING);
  EXPECT_EQ(HostChangeInForce(y, 2018), 0);
  Change(&y, 2018, 6, 0, v1::HOST_STATUS_OPERATING);
  EXPECT_EQ(HostChangeInForce(y, 2018), 3);
}

TEST(HostStatusTest, ChangesWithoutADateAreNeverInForce) {
  HostFacts h;
  h.status = v1::HOST_STATUS_CLOSED;
  Change(&h, 0, 0, 0, v1::HOST_STATUS_CLOSED);
  EXPECT_EQ(HostChangeInForce(h, 2017), -1);
  EXPECT_EQ(HostLatestChange(h), -1);
  // Changes are on file: operating, not today's CLOSED.
  EXPECT_EQ(HostStatusAtYearEnd(h, 2017), v1::HOST_STATUS_OPERATING);
  // A date whose year is 0 is no date either.
  h.status_changes[0].has_on = true;
  EXPECT_EQ(HostChangeInForce(h, 2017), -1);
}

TEST(HostStatusTest, ChangesWithoutAStatusAreNeverInForce) {
  HostFacts h;
  Change(&h, 2017, 1, 1, v1::HOST_STATUS_CLOSED);
  Change(&h, 2018, 1, 1, v1::HOST_STATUS_UNSPECIFIED);
  EXPECT_EQ(HostChangeInForce(h, 2018), 0);
  EXPECT_TRUE(HostClosedAtYearEnd(h, 2018));
  EXPECT_EQ(HostLatestChange(h), 0);
}

TEST(HostStatusTest, UnitOfYearNeedsRegistrationByTheYear) {
  HostFacts h;
  h.has_registered_on = true;
  h.registered_year = 2016;
  EXPECT_FALSE(HostUnitOfYear(h, 2015));
  EXPECT_TRUE(HostUnitOfYear(h, 2016));
  Change(&h, 2017, 1, 1, v1::HOST_STATUS_SUSPENDED);
  EXPECT_TRUE(HostUnitOfYear(h, 2017));  // Suspended units still count.
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
