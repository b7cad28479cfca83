// core/transfers.h: the sides of transfers between counties, paired across
// ledgers in any order of merging, and what stays open judged.
#include "core/transfers.h"

#include <algorithm>
#include <string>
#include <vector>

#include "dangjian/v1/member.pb.h"
#include "dangjian/v1/region.pb.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

constexpr int kOut = v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT;
constexpr int kIn = v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN;

// The sides of one county, `region`, as a validator collects them (without
// the run's settings, unsettled).
struct County {
  explicit County(const std::string& region) {
    AddTransferRegion(region, v1::REGION_LEVEL_COUNTY, &ledger);
  }
  // Member `id` (resident ID `national_id`) with one event of `kind` on
  // y-m-d, letter `letter`, the other side in `counterpart`.
  bool Side(const std::string& id, const std::string& national_id, int kind,
            int y, int m, int d, const std::string& letter,
            const std::string& counterpart) {
    MemberFacts f;
    f.id = id;
    f.national_id = national_id;
    MembershipEventFacts& e = f.events.emplace_back();
    e.has_on = true;
    e.year = y;
    e.month = m;
    e.day = d;
    e.kind = kind;
    e.letter_number = letter;
    e.counterpart_region_id = counterpart;
    v1::SourceLocation where;
    where.set_file(id + ".djr");
    where.set_record_index(7);
    return AddTransferSide(f, 0, where, &ledger);
  }
  v1::TransferLedger Settled() {
    v1::TransferLedger l = NewTransferLedger(90, {});
    EXPECT_TRUE(MergeTransferLedgers(ledger, &l).ok());
    return l;
  }
  v1::TransferLedger ledger;
};

constexpr char kId[] = "15042519800505001X";

std::vector<std::string> Rules(const v1::TransferLedger& l, int y, int m,
                               int d) {
  std::vector<std::string> out;
  for (const TransferVerdict& v : JudgeTransfers(l, Ymd{y, m, d})) {
    out.emplace_back(v.rule());
  }
  return out;
}

TEST(TransfersTest, OnlyDatedTransfersWithALetterAreSides) {
  County a("r-a");
  EXPECT_TRUE(a.Side("m1", kId, kOut, 2024, 3, 1, "L1", "r-b"));
  EXPECT_FALSE(a.Side("m3", kId, kOut, 2024, 2, 30, "L3", "r-b"));
  EXPECT_FALSE(a.Side("m4", kId, kOut, 2024, 3, 1, "", "r-b"));
  EXPECT_FALSE(a.Side("m5", kId, v1::MEMBERSHIP_EVENT_KIND_DIED, 2024, 3, 1,
                      "L5", "r-b"));
  ASSERT_EQ(a.ledger.sides_size(), 1);
  // No resident ID whole: the key holds it masked.
  EXPECT_EQ(a.ledger.sides(0).key().substr(0, 3), "L1#");
  EXPECT_EQ(a.ledger.sides(0).key().substr(11), "|150425********001X");
  EXPECT_EQ(a.ledger.sides(0).member_id(), "m1");
  EXPECT_EQ(a.ledger.sides(0).location().file(), "m1.djr");
}

TEST(TransfersTest, CountiesOnly) {
  v1::TransferLedger l = NewTransferLedger(90, {});
  AddTransferRegion("r-province", v1::REGION_LEVEL_PROVINCE, &l);
  AddTransferRegion("r-city", v1::REGION_LEVEL_CITY, &l);
  AddTransferRegion("r-county", v1::REGION_LEVEL_COUNTY, &l);
  AddTransferRegion("r-town", v1::REGION_LEVEL_TOWNSHIP, &l);
  AddTransferRegion("r-village", v1::REGION_LEVEL_VILLAGE, &l);
  AddTransferRegion("r-county", v1::REGION_LEVEL_COUNTY, &l);
  AddTransferRegion("r-other", v1::REGION_LEVEL_COUNTY, &l);
  SettleTransfers(&l);
  EXPECT_EQ(
      std::vector<std::string>(l.region_ids().begin(), l.region_ids().end()),
      (std::vector<std::string>{"r-county", "r-other"}));
}

TEST(TransfersTest, TheTwoSidesPairInAnyOrderOfMerging) {
  County a("r-a"), b("r-b"), c("r-c");
  // a sends one member to b; b one to c (received late); c one to a (not
  // received); a receives one from b that b never sent.
  a.Side("a1", kId, kOut, 2024, 1, 10, "A-1", "r-b");
  b.Side("b1", kId, kIn, 2024, 1, 20, "A-1", "r-a");
  b.Side("b2", "150425198001010011", kOut, 2024, 1, 10, "B-1", "r-c");
  c.Side("c1", "150425198001010011", kIn, 2024, 6, 1, "B-1", "r-b");
  c.Side("c2", "150425198002020022", kOut, 2024, 2, 1, "C-1", "r-a");
  a.Side("a2", "150425198003030033", kIn, 2024, 3, 1, "B-9", "r-b");
  const std::vector<v1::TransferLedger> parts = {a.Settled(), b.Settled(),
                                                 c.Settled()};
  std::vector<int> order = {0, 1, 2};
  std::string first;
  do {
    // ((x + y) + z)
    v1::TransferLedger left = NewTransferLedger(90, {});
    for (int i : order) ASSERT_TRUE(MergeTransferLedgers(parts[i], &left).ok());
    // (x + (y + z))
    v1::TransferLedger right = parts[order[1]];
    ASSERT_TRUE(MergeTransferLedgers(parts[order[2]], &right).ok());
    v1::TransferLedger all = parts[order[0]];
    ASSERT_TRUE(MergeTransferLedgers(right, &all).ok());
    EXPECT_EQ(left.SerializeAsString(), all.SerializeAsString());
    if (first.empty()) first = left.SerializeAsString();
    EXPECT_EQ(left.SerializeAsString(), first);
  } while (std::next_permutation(order.begin(), order.end()));

  v1::TransferLedger all;
  ASSERT_TRUE(all.ParseFromString(first));
  // The timely pair left; the late in, the open out and the lone in stay.
  ASSERT_EQ(all.sides_size(), 3);
  const std::vector<TransferVerdict> v = JudgeTransfers(all, Ymd{2024, 6, 30});
  ASSERT_EQ(v.size(), 3u);
  std::vector<std::string> seen;
  for (const TransferVerdict& t : v) {
    const v1::TransferSide& s = all.sides(t.side);
    seen.push_back(s.member_id() + " " + std::string(t.rule()) + " " +
                   std::to_string(t.days));
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "a2 member.transfer.unmatched 0",
                      "c1 member.transfer.overdue 143",  // Jan 10 to Jun 1.
                      "c2 member.transfer.overdue 150",  // Feb 1 to Jun 30.
                  }));
}

TEST(TransfersTest, NothingIsJudgedAgainstACountyTheRunHasNotRead) {
  County a("r-a");
  a.Side("a1", kId, kOut, 2020, 1, 10, "A-1", "r-b");
  a.Side("a2", kId, kIn, 2020, 1, 10, "B-1", "r-b");
  a.Side("a3", kId, kIn, 2020, 1, 10, "X-1", "");
  EXPECT_TRUE(Rules(a.Settled(), 2024, 6, 30).empty());
  // Once b is read, it holds neither side: both are judged.
  County b("r-b");
  v1::TransferLedger both = a.Settled();
  ASSERT_TRUE(MergeTransferLedgers(b.Settled(), &both).ok());
  EXPECT_EQ(Rules(both, 2024, 6, 30),
            (std::vector<std::string>{"member.transfer.overdue",
                                      "member.transfer.unmatched"}));
}

TEST(TransfersTest, AnOutIsInTransitForTheLettersDays) {
  County a("r-a");
  a.Side("a1", kId, kOut, 2024, 4, 1, "A-1", "r-a");
  const v1::TransferLedger l = a.Settled();
  EXPECT_TRUE(Rules(l, 2024, 6, 30).empty());  // 90 days.
  EXPECT_EQ(Rules(l, 2024, 7, 1),
            (std::vector<std::string>{"member.transfer.overdue"}));
}

TEST(TransfersTest, RulesSwitchedOffAreNotJudged) {
  v1::TransferLedger l = NewTransferLedger(90, {"member.transfer.overdue"});
  AddTransferRegion("r-a", v1::REGION_LEVEL_COUNTY, &l);
  County a("r-a");
  a.Side("a1", kId, kOut, 2020, 1, 10, "A-1", "r-a");
  a.Side("a2", kId, kIn, 2020, 1, 10, "B-1", "r-a");
  ASSERT_TRUE(MergeTransferLedgers(a.ledger, &l).ok());
  EXPECT_EQ(Rules(l, 2024, 6, 30),
            (std::vector<std::string>{"member.transfer.unmatched"}));
}

TEST(TransfersTest, LedgersOfDifferentSettingsDoNotMerge) {
  v1::TransferLedger a = NewTransferLedger(90, {});
  v1::TransferLedger b = NewTransferLedger(30, {});
  EXPECT_FALSE(MergeTransferLedgers(a, &b).ok());
  v1::TransferLedger c = NewTransferLedger(90, {"member.transfer.overdue"});
  EXPECT_FALSE(MergeTransferLedgers(a, &c).ok());
  // An empty ledger takes the settings of the first it meets.
  v1::TransferLedger empty;
  ASSERT_TRUE(MergeTransferLedgers(c, &empty).ok());
  EXPECT_EQ(empty.letter_valid_days(), 90);
  EXPECT_EQ(empty.rules_off_size(), 1);
}

TEST(TransfersTest, ASideNeedsALetterAndAResidentId) {
  County a("r-a");
  EXPECT_FALSE(a.Side("m1", "", kOut, 2024, 3, 1, "L1", "r-b"));
  EXPECT_FALSE(a.Side("m2", kId, kOut, 0, 0, 0, "L2", "r-b"));
  // Dated to the month or the year: a side, judged by order only.
  EXPECT_TRUE(a.Side("m3", kId, kOut, 2024, 3, 0, "L3", "r-b"));
  EXPECT_TRUE(a.Side("m4", kId, kOut, 2024, 0, 0, "L4", "r-b"));
  County b("r-b");
  b.Side("b3", kId, kIn, 2024, 9, 20, "L3", "r-a");   // After March: agrees.
  b.Side("b4", kId, kIn, 2023, 12, 31, "L4", "r-a");  // Before 2024.
  v1::TransferLedger l = a.Settled();
  ASSERT_TRUE(MergeTransferLedgers(b.Settled(), &l).ok());
  // m4 not received in time is not judged by days; b4 before its out is.
  std::vector<std::string> seen;
  for (const TransferVerdict& v : JudgeTransfers(l, Ymd{2025, 6, 30})) {
    seen.push_back(l.sides(v.side).member_id() + " " + std::string(v.rule()));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"b4 member.transfer.unmatched"}));
}

TEST(TransfersTest, OnePersonTypedTwoWaysIsOnePerson) {
  County a("r-a"), b("r-b");
  a.Side("a1", "150425 19800505 001x", kOut, 2024, 3, 1, "L1", "r-b");
  b.Side("b1", kId, kIn, 2024, 3, 5, "L1", "r-a");
  v1::TransferLedger l = a.Settled();
  ASSERT_TRUE(MergeTransferLedgers(b.Settled(), &l).ok());
  EXPECT_EQ(l.sides_size(), 0);
}

TEST(TransfersTest, LettersThatLookLikeIdsStayApart) {
  // Masked alike (150425*****0012), told apart by their checksums.
  County a("r-a"), b("r-b");
  a.Side("a1", kId, kOut, 2024, 3, 1, "150425202400012", "r-b");
  b.Side("b1", kId, kIn, 2024, 3, 5, "150425202300012", "r-a");
  v1::TransferLedger l = a.Settled();
  ASSERT_TRUE(MergeTransferLedgers(b.Settled(), &l).ok());
  ASSERT_EQ(l.sides_size(), 2);
  for (const v1::TransferSide& s : l.sides()) {
    EXPECT_EQ(s.key().find("202400012"), std::string::npos) << s.key();
    EXPECT_EQ(s.key().find("202300012"), std::string::npos) << s.key();
  }
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
