// core/member_status.h: a member's status at the end of a year, by the
// pipeline's dates and the record's membership events, read the same from
// decoded facts and from a parsed message.
#include "core/member_status.h"

#include <cstdint>

#include "core/record_facts.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

using K = v1::MembershipEventKind;

v1::Member FullMember() {
  v1::Member m;
  m.set_status(v1::MEMBER_STATUS_FULL);
  m.mutable_applied_on()->set_year(2008);
  m.mutable_activist_on()->set_year(2008);
  m.mutable_development_target_on()->set_year(2009);
  m.mutable_probationary_on()->set_year(2010);
  m.mutable_full_on()->set_year(2011);
  return m;
}

void Event(v1::Member* m, int32_t y, int32_t month, K kind) {
  v1::MembershipEvent* e = m->add_events();
  if (y != 0) {
    e->mutable_on()->set_year(y);
    e->mutable_on()->set_month(month);
  }
  e->set_kind(kind);
}

// The status at the end of `year` through both views; they must agree.
int StatusAt(const v1::Member& m, int32_t year) {
  MemberFacts facts;
  MemberFactsOf(m, &facts);
  const int from_facts = MemberStatusAtYearEnd(MemberFactsView(facts), year);
  const int from_message = MemberStatusAtYearEnd(MemberMessageDates(m), year);
  EXPECT_EQ(from_facts, from_message) << "year " << year;
  return from_facts;
}

TEST(MemberStatusTest, ThePipelineTakesThePersonBackByYear) {
  const v1::Member m = FullMember();
  EXPECT_EQ(StatusAt(m, 2012), v1::MEMBER_STATUS_FULL);
  EXPECT_EQ(StatusAt(m, 2010), v1::MEMBER_STATUS_PROBATIONARY);
  EXPECT_EQ(StatusAt(m, 2009), v1::MEMBER_STATUS_DEVELOPMENT_TARGET);
  EXPECT_EQ(StatusAt(m, 2008), v1::MEMBER_STATUS_ACTIVIST);
  EXPECT_EQ(StatusAt(m, 2007), -1);
}

TEST(MemberStatusTest, WithoutEventsTheMemberIsOnTheRoll) {
  const v1::Member m = FullMember();
  EXPECT_TRUE(OnRollAtYearEnd(MemberMessageDates(m), 2017));
}

TEST(MemberStatusTest, TransferredOutThenBack) {
  v1::Member m = FullMember();
  Event(&m, 2015, 4, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT);
  Event(&m, 2018, 9, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
  EXPECT_EQ(StatusAt(m, 2014), v1::MEMBER_STATUS_FULL);
  EXPECT_EQ(StatusAt(m, 2015), -1);  // Out at the end of 2015 ...
  EXPECT_EQ(StatusAt(m, 2017), -1);
  EXPECT_EQ(StatusAt(m, 2018), v1::MEMBER_STATUS_FULL);  // ... back in 2018.
}

TEST(MemberStatusTest, AMemberWhoCameByTransferIsNotHereBefore) {
  v1::Member m = FullMember();
  Event(&m, 2016, 3, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
  EXPECT_EQ(StatusAt(m, 2015), -1);
  EXPECT_EQ(StatusAt(m, 2016), v1::MEMBER_STATUS_FULL);
  // A first event that is not a transfer in: here before it.
  v1::Member s = FullMember();
  Event(&s, 2016, 3, v1::MEMBERSHIP_EVENT_KIND_STOPPED);
  EXPECT_EQ(StatusAt(s, 2015), v1::MEMBER_STATUS_FULL);
  EXPECT_EQ(StatusAt(s, 2016), -1);
}

TEST(MemberStatusTest, EveryKindOnOrOff) {
  for (const auto& [kind, on] :
       {std::pair<K, bool>{v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT, false},
        {v1::MEMBERSHIP_EVENT_KIND_STOPPED, false},
        {v1::MEMBERSHIP_EVENT_KIND_LEFT, false},
        {v1::MEMBERSHIP_EVENT_KIND_DIED, false},
        {v1::MEMBERSHIP_EVENT_KIND_RESTORED, true},
        {static_cast<K>(99), true}}) {  // Unknown: taken as no change.
    v1::Member m = FullMember();
    Event(&m, 2014, 1, v1::MEMBERSHIP_EVENT_KIND_STOPPED);
    Event(&m, 2016, 1, kind);
    EXPECT_EQ(OnRollAtYearEnd(MemberMessageDates(m), 2016), on) << kind;
    EXPECT_EQ(EventTakesAway(kind), !on) << kind;
  }
}

TEST(MemberStatusTest, TheLatestDateDecidesWhateverTheOrder) {
  v1::Member m = FullMember();
  Event(&m, 2016, 9, v1::MEMBERSHIP_EVENT_KIND_DIED);
  Event(&m, 2016, 2, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);  // Listed late.
  EXPECT_EQ(StatusAt(m, 2016), -1);
  // The transfer in is the earliest event: not here in 2015.
  EXPECT_EQ(StatusAt(m, 2015), -1);
  // Of two on one date, the later listed.
  v1::Member t = FullMember();
  Event(&t, 2016, 5, v1::MEMBERSHIP_EVENT_KIND_STOPPED);
  Event(&t, 2016, 5, v1::MEMBERSHIP_EVENT_KIND_RESTORED);
  EXPECT_EQ(StatusAt(t, 2016), v1::MEMBER_STATUS_FULL);
}

TEST(MemberStatusTest, IncompleteEventsAreNeverInForce) {
  v1::Member m = FullMember();
  Event(&m, 0, 0, v1::MEMBERSHIP_EVENT_KIND_DIED);            // No date.
  Event(&m, 2015, 1, v1::MEMBERSHIP_EVENT_KIND_UNSPECIFIED);  // No kind.
  EXPECT_EQ(StatusAt(m, 2017), v1::MEMBER_STATUS_FULL);
  // An undated transfer in does not make the earliest event a transfer in.
  v1::Member t = FullMember();
  Event(&t, 0, 0, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
  EXPECT_EQ(StatusAt(t, 2017), v1::MEMBER_STATUS_FULL);
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
