// The national generator: deterministic, shaped as promised, self-contained
// shards with consistent references, and faults only when asked for.
#include "dangjian/generate.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dangjian/record.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

// Keeps every shard's records.
class CollectingSink : public RecordSink {
 public:
  struct Shard {
    ShardInfo info;
    std::vector<v1::Record> records;
  };
  absl::Status StartShard(const ShardInfo& shard) override {
    if (open_) return absl::InternalError("StartShard twice");
    open_ = true;
    shards.push_back({shard, {}});
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& record) override {
    if (!open_) return absl::InternalError("Write outside a shard");
    shards.back().records.push_back(record);
    bytes += record.SerializeAsString();
    return absl::OkStatus();
  }
  absl::Status FinishShard() override {
    if (!open_) return absl::InternalError("FinishShard without StartShard");
    open_ = false;
    return absl::OkStatus();
  }
  std::vector<Shard> shards;
  std::string bytes;

 private:
  bool open_ = false;
};

NationalScenarioOptions Small() {
  NationalScenarioOptions o;
  o.host_organizations = 20000;
  o.members = 60000;
  o.units_per_county = 2000;
  return o;
}

TEST(GenerateNationalTest, SameSeedSameBytes) {
  CollectingSink a, b, c;
  ASSERT_THAT(GenerateNational(Small(), &a), IsOk());
  ASSERT_THAT(GenerateNational(Small(), &b), IsOk());
  EXPECT_EQ(a.bytes, b.bytes);
  NationalScenarioOptions other = Small();
  other.seed = 2;
  ASSERT_THAT(GenerateNational(other, &c), IsOk());
  EXPECT_NE(a.bytes, c.bytes);
}

TEST(GenerateNationalTest, CountsAreAsAskedAndShardsAsPlanned) {
  CollectingSink sink;
  ASSERT_THAT(GenerateNational(Small(), &sink), IsOk());
  ASSERT_EQ(sink.shards.size(), 10u);  // 20,000 units / 2,000 per county.
  int64_t hosts = 0, members = 0;
  std::map<v1::FormationModel, int64_t> orgs;
  for (size_t i = 0; i < sink.shards.size(); ++i) {
    EXPECT_EQ(sink.shards[i].info.index, static_cast<int64_t>(i));
    EXPECT_EQ(sink.shards[i].info.count, 10);
    for (const v1::Record& r : sink.shards[i].records) {
      hosts += r.has_host_organization();
      members += r.has_member();
      if (r.has_party_organization())
        ++orgs[r.party_organization().formation()];
    }
  }
  EXPECT_EQ(hosts, 20000);                                 // Exact.
  EXPECT_NEAR(static_cast<double>(members), 60000, 6000);  // About.
  EXPECT_GT(orgs[v1::FORMATION_MODEL_STANDALONE], 0);
  EXPECT_GT(orgs[v1::FORMATION_MODEL_JOINT], 0);
  EXPECT_GT(orgs[v1::FORMATION_MODEL_AFFILIATED], 0);
  EXPECT_GT(orgs[v1::FORMATION_MODEL_REGIONAL], 0);
}

// Every reference in a shard resolves inside the shard, and ids are unique
// there.
TEST(GenerateNationalTest, ShardsAreSelfContained) {
  CollectingSink sink;
  ASSERT_THAT(GenerateNational(Small(), &sink), IsOk());
  for (const auto& shard : sink.shards) {
    std::map<std::string, std::set<std::string>> ids;  // kind -> ids
    for (const v1::Record& r : shard.records) {
      const std::string id(RecordId(r));
      const std::string kind(RecordKindName(r));
      ASSERT_FALSE(id.empty()) << kind;
      if (kind != "region") {  // Ancestor regions repeat in every shard only.
        EXPECT_TRUE(ids[kind].insert(id).second)
            << "duplicate " << kind << " " << id;
      }
      ids[kind].insert(id);
    }
    auto has = [&](const char* kind, const std::string& id) {
      return ids[kind].count(id) > 0;
    };
    EXPECT_TRUE(has("region", shard.info.region_id));
    for (const v1::Record& r : shard.records) {
      if (r.has_host_organization()) {
        const auto& h = r.host_organization();
        EXPECT_TRUE(has("region", h.region_id())) << h.id();
        if (!h.grid_id().empty()) {
          EXPECT_TRUE(has("grid", h.grid_id())) << h.id();
        }
      } else if (r.has_member()) {
        const auto& m = r.member();
        // A member transferred between counties belongs to a regional
        // branch and names no unit.
        EXPECT_TRUE(has("host_organization", m.host_organization_id()) ||
                    (m.host_organization_id().empty() && m.events_size() > 0 &&
                     !m.party_organization_id().empty()))
            << m.id();
        if (!m.party_organization_id().empty()) {
          EXPECT_TRUE(has("party_organization", m.party_organization_id()))
              << m.id();
        }
      } else if (r.has_party_organization()) {
        const auto& o = r.party_organization();
        for (const auto& h : o.host_organization_ids()) {
          EXPECT_TRUE(has("host_organization", h)) << o.id();
        }
        if (!o.venue_id().empty()) {
          EXPECT_TRUE(has("venue", o.venue_id())) << o.id();
        }
        if (!o.parent_id().empty()) {
          EXPECT_TRUE(has("party_organization", o.parent_id())) << o.id();
        }
      } else if (r.has_grid()) {
        EXPECT_TRUE(
            has("party_organization", r.grid().party_organization_id()));
      } else if (r.has_funding()) {
        EXPECT_TRUE(
            has("party_organization", r.funding().party_organization_id()));
      } else if (r.has_region() && !r.region().parent_id().empty()) {
        EXPECT_TRUE(has("region", r.region().parent_id())) << r.region().id();
      }
    }
  }
}

// The shape the issue asks for: standalone organizations where members are
// many, joint groups of 2-5 units, grids of a regional branch.
TEST(GenerateNationalTest, OrganizationsFollowTheModels) {
  CollectingSink sink;
  ASSERT_THAT(GenerateNational(Small(), &sink), IsOk());
  for (const auto& shard : sink.shards) {
    std::map<std::string, int> members_of;
    for (const v1::Record& r : shard.records) {
      if (r.has_member() &&
          (r.member().status() == v1::MEMBER_STATUS_FULL ||
           r.member().status() == v1::MEMBER_STATUS_PROBATIONARY)) {
        ++members_of[r.member().host_organization_id()];
      }
    }
    for (const v1::Record& r : shard.records) {
      if (!r.has_party_organization()) continue;
      const auto& o = r.party_organization();
      switch (o.formation()) {
        case v1::FORMATION_MODEL_STANDALONE:
          ASSERT_EQ(o.host_organization_ids_size(), 1);
          EXPECT_GE(members_of[o.host_organization_ids(0)], 3) << o.id();
          break;
        case v1::FORMATION_MODEL_JOINT:
        case v1::FORMATION_MODEL_AFFILIATED:
          EXPECT_GE(o.host_organization_ids_size(), 1);
          EXPECT_LE(o.host_organization_ids_size(), 5);
          break;
        case v1::FORMATION_MODEL_REGIONAL:
          EXPECT_EQ(o.host_organization_ids_size(), 0);
          break;
        default:
          ADD_FAILURE() << "unrecorded formation " << o.id();
      }
    }
  }
}

int ResidentIdChecksumErrors(const CollectingSink& sink) {
  static constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
  int bad = 0;
  for (const auto& shard : sink.shards) {
    for (const v1::Record& r : shard.records) {
      if (!r.has_member()) continue;
      const std::string& id = r.member().national_id();
      if (id.size() != 18) {
        ++bad;
        continue;
      }
      int sum = 0;
      for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
      bad += "10X98765432"[sum % 11] != id[17];
    }
  }
  return bad;
}

TEST(GenerateNationalTest, CleanUnlessFaultsAreAsked) {
  CollectingSink clean;
  ASSERT_THAT(GenerateNational(Small(), &clean), IsOk());
  EXPECT_EQ(ResidentIdChecksumErrors(clean), 0);
  NationalScenarioOptions faulty = Small();
  faulty.fault_rate = 0.05;
  CollectingSink dirty;
  ASSERT_THAT(GenerateNational(faulty, &dirty), IsOk());
  EXPECT_GT(ResidentIdChecksumErrors(dirty), 100);
}

// Histories: units closed and suspended, committees with a past term,
// members who stopped, left or died, and members transferred between
// neighbouring counties, each transfer recorded on both sides with the same
// person and letter, so that the counties' transfers balance.
TEST(GenerateNationalTest, HistoriesAndTransfersThatBalance) {
  CollectingSink sink;
  ASSERT_THAT(GenerateNational(Small(), &sink), IsOk());
  ASSERT_GE(sink.shards.size(), 3u);
  // letter number -> (national ID, shard) of each side.
  std::map<std::string, std::pair<std::string, size_t>> outs, ins;
  int64_t closed = 0, suspended = 0, past_terms = 0;
  std::map<v1::MembershipEventKind, int64_t> exits;
  for (size_t s = 0; s < sink.shards.size(); ++s) {
    for (const v1::Record& r : sink.shards[s].records) {
      if (r.has_host_organization()) {
        const auto& h = r.host_organization();
        if (h.status_changes_size() == 0) continue;
        const auto& last = h.status_changes(h.status_changes_size() - 1);
        EXPECT_EQ(last.status(), h.status()) << h.id();
        (h.status() == v1::HOST_STATUS_CLOSED ? closed : suspended) += 1;
      }
      if (r.has_party_organization()) {
        const auto& o = r.party_organization();
        for (const v1::CommitteeTerm& t : o.past_terms()) {
          ++past_terms;
          // Three years before the current term, the same seats.
          EXPECT_EQ(t.started_on().year() + 3, o.term_started_on().year());
          EXPECT_EQ(t.committee_size(), o.committee_size());
        }
      }
      if (!r.has_member()) continue;
      for (const v1::MembershipEvent& e : r.member().events()) {
        if (e.kind() != v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT &&
            e.kind() != v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN) {
          ++exits[e.kind()];
          EXPECT_EQ(r.member().national_id().substr(12, 2), "30");
          continue;
        }
        auto& side =
            e.kind() == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT ? outs : ins;
        EXPECT_TRUE(side.emplace(e.letter_number(),
                                 std::make_pair(r.member().national_id(), s))
                        .second)
            << e.letter_number();
      }
    }
  }
  EXPECT_GT(closed, 100);
  EXPECT_GT(suspended, 100);
  EXPECT_GT(past_terms, 100);
  // In a county of h units: 1 + h / 500 stopped (every other one restored),
  // 1 + h / 1000 left and 1 + h / 500 died.
  int64_t stopped = 0, restored = 0, left = 0;
  for (const auto& shard : sink.shards) {
    int64_t h = 0;
    for (const v1::Record& r : shard.records) h += r.has_host_organization();
    stopped += 1 + h / 500;
    restored += (1 + h / 500) / 2;
    left += 1 + h / 1000;
  }
  EXPECT_EQ(exits[v1::MEMBERSHIP_EVENT_KIND_STOPPED], stopped);
  EXPECT_EQ(exits[v1::MEMBERSHIP_EVENT_KIND_RESTORED], restored);
  EXPECT_EQ(exits[v1::MEMBERSHIP_EVENT_KIND_LEFT], left);
  EXPECT_EQ(exits[v1::MEMBERSHIP_EVENT_KIND_DIED], stopped);
  EXPECT_GT(restored, 10);
  ASSERT_GT(outs.size(), sink.shards.size());
  ASSERT_EQ(outs.size(), ins.size());
  for (const auto& [letter, out] : outs) {
    const auto in = ins.find(letter);
    ASSERT_NE(in, ins.end()) << letter;
    EXPECT_EQ(in->second.first, out.first) << letter;  // One person.
    EXPECT_EQ(in->second.second, (out.second + 1) % sink.shards.size())
        << letter;  // The next county.
  }
}

TEST(GenerateNationalTest, CreditCodesCarryValidCheckCharacters) {
  // GB 32100-2015 worked example: 91350100M000100Y43.
  static const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  auto valid = [&](const std::string& code) {
    if (code.size() != 18) return false;
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
      const size_t v = kAlphabet.find(code[i]);
      if (v == std::string::npos) return false;
      sum += static_cast<int>(v) * kWeights[i];
    }
    return kAlphabet[(31 - sum % 31) % 31] == code[17];
  };
  ASSERT_TRUE(valid("91350100M000100Y43"));
  ASSERT_FALSE(valid("91350100M000100Y44"));
  CollectingSink sink;
  ASSERT_THAT(GenerateNational(Small(), &sink), IsOk());
  int codes = 0;
  for (const auto& shard : sink.shards) {
    for (const v1::Record& r : shard.records) {
      if (!r.has_host_organization()) continue;
      const std::string& c = r.host_organization().unified_social_credit_code();
      if (c.empty()) continue;
      ++codes;
      EXPECT_TRUE(valid(c)) << c;
    }
  }
  EXPECT_GT(codes, 10000);
}

class FailingSink : public CollectingSink {
 public:
  absl::Status Write(const v1::Record& record) override {
    if (++writes_ == 100) return absl::DataLossError("disk full");
    return CollectingSink::Write(record);
  }

 private:
  int writes_ = 0;
};

TEST(GenerateNationalTest, SinkErrorStopsTheRun) {
  FailingSink sink;
  EXPECT_THAT(GenerateNational(Small(), &sink),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("disk full")));
  EXPECT_EQ(sink.shards.size(), 1u);
}

TEST(GenerateNationalTest, BadOptionsAreRefused) {
  CollectingSink sink;
  NationalScenarioOptions o = Small();
  o.host_organizations = 0;
  EXPECT_THAT(GenerateNational(o, &sink),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("host_organizations")));
  o = Small();
  o.fault_rate = 1.5;
  EXPECT_THAT(
      GenerateNational(o, &sink),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("fault_rate")));
  o = Small();
  o.members = -1;
  EXPECT_THAT(
      GenerateNational(o, &sink),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("members")));
  EXPECT_THAT(GenerateNational(Small(), nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sink")));
  EXPECT_TRUE(sink.shards.empty());
}

// Serializes each shard's records on its own, to compare shards made apart.
std::vector<std::string> ShardBytes(const CollectingSink& sink) {
  std::vector<std::string> out;
  for (const auto& shard : sink.shards) {
    std::string bytes;
    for (const v1::Record& r : shard.records) bytes += r.SerializeAsString();
    out.push_back(bytes);
  }
  return out;
}

TEST(GenerateNationalShardTest, ShardsMadeApartEqualTheWholeRun) {
  for (double fault_rate : {0.0, 0.05}) {
    NationalScenarioOptions o = Small();
    o.fault_rate = fault_rate;
    CollectingSink whole;
    ASSERT_THAT(GenerateNational(o, &whole), IsOk());
    absl::StatusOr<int64_t> n = NationalShardCount(o);
    ASSERT_THAT(n.status(), IsOk());
    ASSERT_EQ(*n, static_cast<int64_t>(whole.shards.size()));
    const std::vector<std::string> expected = ShardBytes(whole);
    // In reverse order, each shard into a sink of its own: the same bytes
    // and the same shard descriptions, faults included.
    for (int64_t i = *n - 1; i >= 0; --i) {
      CollectingSink one;
      ASSERT_THAT(GenerateNationalShard(o, i, &one), IsOk());
      ASSERT_EQ(one.shards.size(), 1u);
      const ShardInfo& info = one.shards[0].info;
      const ShardInfo& want = whole.shards[static_cast<size_t>(i)].info;
      EXPECT_EQ(info.index, i);
      EXPECT_EQ(info.count, *n);
      EXPECT_EQ(info.region_id, want.region_id);
      EXPECT_EQ(info.name, want.name);
      EXPECT_EQ(ShardBytes(one)[0], expected[static_cast<size_t>(i)])
          << "shard " << i << ", fault rate " << fault_rate;
    }
  }
}

TEST(GenerateNationalShardTest, FaultsDifferBetweenCounties) {
  // Each county draws its faults from its own sequence, not a copy of one.
  NationalScenarioOptions o = Small();
  o.fault_rate = 0.05;
  CollectingSink sink;
  ASSERT_THAT(GenerateNational(o, &sink), IsOk());
  std::set<std::vector<size_t>> patterns;
  for (const auto& shard : sink.shards) {
    CollectingSink clean;
    NationalScenarioOptions c = Small();
    ASSERT_THAT(GenerateNationalShard(c, shard.info.index, &clean), IsOk());
    ASSERT_EQ(clean.shards[0].records.size(), shard.records.size());
    std::vector<size_t> faulted;
    for (size_t i = 0; i < shard.records.size(); ++i) {
      if (shard.records[i].SerializeAsString() !=
          clean.shards[0].records[i].SerializeAsString()) {
        faulted.push_back(i);
      }
    }
    // The first few faulted positions: the same for every county if they all
    // drew from copies of one sequence.
    ASSERT_GE(faulted.size(), 5u);
    faulted.resize(5);
    patterns.insert(faulted);
  }
  EXPECT_EQ(patterns.size(), sink.shards.size());
}

TEST(GenerateNationalShardTest, BadArgumentsAreRefused) {
  CollectingSink sink;
  EXPECT_THAT(GenerateNationalShard(Small(), 10, &sink),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("these options make 10 shards, 0 to 9")));
  EXPECT_THAT(GenerateNationalShard(Small(), -1, &sink),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("shard -1")));
  EXPECT_THAT(GenerateNationalShard(Small(), 0, nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sink")));
  NationalScenarioOptions o = Small();
  o.units_per_county = 0;
  EXPECT_THAT(GenerateNationalShard(o, 0, &sink),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("units_per_county")));
  EXPECT_THAT(NationalShardCount(o).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("units_per_county")));
  EXPECT_TRUE(sink.shards.empty());
  // One county per unit at most.
  o = Small();
  o.host_organizations = 3;
  o.units_per_county = 1;
  absl::StatusOr<int64_t> n = NationalShardCount(o);
  ASSERT_THAT(n.status(), IsOk());
  EXPECT_EQ(*n, 3);
}

}  // namespace
}  // namespace dangjian
