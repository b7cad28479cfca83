// The shard's join (src/core/shard_index.h): ids numbered per kind in order of
// first sight, and the numbers JoinFacts() gives a record's ids.
#include "core/shard_index.h"

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

TEST(IdTableTest, NumbersIdsInOrderOfFirstSight) {
  StringArena arena;
  IdTable table;
  EXPECT_EQ(table.Find("h-1"), IdTable::kNone);
  std::string id = "h-1";
  EXPECT_EQ(table.Intern(id, &arena), 0u);
  EXPECT_EQ(table.Intern("h-2", &arena), 1u);
  EXPECT_EQ(table.InternRecent("h-3", &arena), 2u);
  // The same id again, through either route, keeps its number.
  EXPECT_EQ(table.Intern("h-1", &arena), 0u);
  EXPECT_EQ(table.InternRecent("h-2", &arena), 1u);
  EXPECT_EQ(table.InternRecent("h-2", &arena), 1u);
  EXPECT_EQ(table.Intern("h-3", &arena), 2u);
  EXPECT_EQ(table.Find("h-2"), 1u);
  EXPECT_EQ(table.Find("h-4"), IdTable::kNone);
  EXPECT_EQ(table.size(), 3u);
  // The table keeps its own copy of the text.
  id[2] = 'x';
  EXPECT_EQ(table.id(0), "h-1");
  // The empty id is an id like any other.
  EXPECT_EQ(table.Intern("", &arena), 3u);
  EXPECT_EQ(table.Find(""), 3u);

  table.Clear();
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.Find("h-1"), IdTable::kNone);
  // No memo survives Clear().
  EXPECT_EQ(table.InternRecent("h-2", &arena), 0u);
  EXPECT_EQ(table.Intern("h-1", &arena), 1u);
}

TEST(IdTableTest, ManyIdsKeepTheirNumbers) {
  StringArena arena;
  IdTable table;
  for (int i = 0; i < 20000; ++i) {
    ASSERT_EQ(table.Intern("m-" + std::to_string(i), &arena),
              static_cast<uint32_t>(i));
  }
  for (int i = 0; i < 20000; i += 7) {
    ASSERT_EQ(table.Find("m-" + std::to_string(i)), static_cast<uint32_t>(i));
    ASSERT_EQ(table.id(i), "m-" + std::to_string(i));
  }
}

// Ids numbered in sequence under one prefix go through the table's dense
// array; every other spelling of the same number is another id, and an id far
// from the rest moves the array's ids to the index without renumbering any.
TEST(IdTableTest, DenseIdsAndOtherSpellingsAreEachTheirOwnId) {
  StringArena arena;
  IdTable table;
  EXPECT_EQ(table.Intern("h110101-000001", &arena), 0u);  // Padded to 6.
  EXPECT_EQ(table.Intern("h110101-000002", &arena), 1u);
  EXPECT_EQ(table.Intern("h110101-1", &arena), 2u);        // Not padded.
  EXPECT_EQ(table.Intern("h110101-0000001", &arena), 3u);  // Wider.
  EXPECT_EQ(table.Intern("h110102-000001", &arena), 4u);   // Other prefix.
  EXPECT_EQ(table.Intern("h110101-00000a", &arena), 5u);   // Not a number.
  EXPECT_EQ(table.Intern("", &arena), 6u);
  EXPECT_EQ(table.Intern("h110101-000001", &arena), 0u);
  EXPECT_EQ(table.Find("h110101-000002"), 1u);
  EXPECT_EQ(table.Find("h110101-1"), 2u);
  EXPECT_EQ(table.Find("h110101-0000001"), 3u);
  EXPECT_EQ(table.Find("h110101-000003"), IdTable::kNone);
  EXPECT_EQ(table.Find("h110101-999999"), IdTable::kNone);
  // A number far past the others: the table leaves the array, every id
  // keeps its number.
  EXPECT_EQ(table.Intern("h110101-900000", &arena), 7u);
  EXPECT_EQ(table.Intern("h110101-000003", &arena), 8u);
  for (const auto& [id, n] :
       std::vector<std::pair<std::string, uint32_t>>{{"h110101-000001", 0},
                                                     {"h110101-000002", 1},
                                                     {"h110101-1", 2},
                                                     {"h110101-900000", 7},
                                                     {"h110101-000003", 8}}) {
    EXPECT_EQ(table.Find(id), n) << id;
    EXPECT_EQ(table.Intern(id, &arena), n) << id;
    EXPECT_EQ(table.id(n), id);
  }
  // Clear() forgets the prefix: the next shard may number another way.
  table.Clear();
  EXPECT_EQ(table.Intern("m-7", &arena), 0u);
  EXPECT_EQ(table.Intern("m-07", &arena), 1u);
  EXPECT_EQ(table.Intern("m-8", &arena), 2u);
  EXPECT_EQ(table.Find("h110101-000001"), IdTable::kNone);
  EXPECT_EQ(table.Find("m-07"), 1u);
  EXPECT_EQ(table.Find("m-8"), 2u);
  // Numbers met in descending order, below the first one's block.
  table.Clear();
  for (uint32_t i = 0; i < 50; ++i) {
    ASSERT_EQ(table.Intern("m-" + std::to_string(9000 - 150 * i), &arena), i);
  }
  for (uint32_t i = 0; i < 50; ++i) {
    ASSERT_EQ(table.Find("m-" + std::to_string(9000 - 150 * i)), i);
  }
  EXPECT_EQ(table.Find("m-8999"), IdTable::kNone);
  EXPECT_EQ(table.Find("m-1"), IdTable::kNone);
}

// Against a plain map, over random mixes of dense, padded, unpadded, far and
// other ids, with Clear() between rounds: each id one number, in order of
// first sight, through Intern(), InternRecent() and Find() alike.
TEST(IdTableTest, NumbersAgreeWithAMapOverRandomIds) {
  std::mt19937 rng(20261207);
  StringArena arena;
  IdTable table;
  for (int round = 0; round < 40; ++round) {
    table.Clear();
    arena.Clear();
    std::map<std::string, uint32_t> model;
    const std::vector<std::string> prefixes = {"m110101-", "h-", "x", "9"};
    const int style = round % 4;
    // Odd rounds draw from few numbers: each is met in both spellings.
    const uint32_t numbers = round % 2 == 1 ? 300 : 4000;
    for (int i = 0; i < 3000; ++i) {
      const int pick = static_cast<int>(rng() % 100);
      uint32_t n = static_cast<uint32_t>(rng() % numbers);
      // Far numbers, which end the dense array: late in most rounds.
      if (pick < 3 && (i > 2500 || round % 5 == 4)) {
        n = static_cast<uint32_t>(rng() % 2000000000u);
      }
      const std::string& prefix =
          prefixes[pick < 85 ? 0 : static_cast<size_t>(rng() % 4)];
      std::string id;
      if (style == 1 || (style == 3 && rng() % 2 == 0)) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%06u", n);
        id = prefix + buf;
      } else {
        id = prefix + std::to_string(n);
      }
      if (pick == 99) id = "";
      if (pick == 98) id += "z";
      const auto it =
          model.emplace(id, static_cast<uint32_t>(model.size())).first;
      const uint32_t got = pick % 3 == 0 ? table.InternRecent(id, &arena)
                                         : table.Intern(id, &arena);
      ASSERT_EQ(got, it->second) << "round " << round << " id " << id;
    }
    ASSERT_EQ(table.size(), model.size());
    for (const auto& [id, n] : model) {
      ASSERT_EQ(table.Find(id), n) << id;
      ASSERT_EQ(table.id(n), id);
    }
    for (const std::string absent : {"m110101-4001", "h-004001", "never"}) {
      ASSERT_EQ(model.count(absent), 0u);
      ASSERT_EQ(table.Find(absent), IdTable::kNone) << absent;
    }
  }
}

TEST(JoinFactsTest, EachKindsIdsInTheirTables) {
  ShardIndex index;
  MemberFacts member;
  member.id = "m-1";
  member.host_organization_id = "h-1";
  member.party_organization_id = "";
  const MemberJoin m = JoinFacts(member, &index);
  EXPECT_EQ(m.self, index.members.Find("m-1"));
  EXPECT_EQ(m.host, index.hosts.Find("h-1"));
  EXPECT_EQ(m.org, kNoId);  // Empty: not numbered.

  HostFacts host;
  host.id = "h-1";
  host.region_id = "r-1";
  host.grid_id = "";
  host.owner_member_id = "m-1";
  const HostJoin h = JoinFacts(host, &index);
  EXPECT_EQ(h.self, m.host);  // The unit its member named.
  EXPECT_EQ(h.region, index.regions.Find("r-1"));
  EXPECT_EQ(h.grid, kNoId);
  EXPECT_EQ(h.owner_member, m.self);
  // A unit's own id is numbered even when empty (the figures count it).
  host.id = "";
  const HostJoin unnamed = JoinFacts(host, &index);
  EXPECT_EQ(unnamed.self, index.hosts.Find(""));

  FundingFacts funding;
  funding.party_organization_id = "p-1";
  const FundingJoin f = JoinFacts(funding, &index);
  EXPECT_EQ(f.org, index.orgs.Find("p-1"));
  VenueFacts venue;
  venue.party_organization_id = "p-2";
  venue.shared_with_party_organization_id = "p-1";
  const VenueJoin v = JoinFacts(venue, &index);
  EXPECT_EQ(v.org, index.orgs.Find("p-2"));
  EXPECT_EQ(v.shared_with_org, index.orgs.Find("p-1"));
  ActivityFacts activity;
  activity.grid_id = "g-1";
  activity.host_organization_id = "h-1";
  const ActivityJoin a = JoinFacts(activity, &index);
  EXPECT_EQ(a.org, kNoId);
  EXPECT_EQ(a.grid, index.grids.Find("g-1"));
  EXPECT_EQ(a.host, m.host);

  index.Clear();
  EXPECT_EQ(index.hosts.size(), 0u);
  EXPECT_EQ(index.members.Find("m-1"), kNoId);
}

TEST(JoinFactsTest, GridsAssignmentsAndResultsJoinTheirReferences) {
  ShardIndex index;
  GridFacts grid;
  grid.id = "g-1";
  grid.party_organization_id = "p-1";
  grid.region_id = "r-1";
  grid.instructor_assignment_id = "a-1";
  const GridJoin g = JoinFacts(grid, &index);
  EXPECT_EQ(g.self, index.grids.Find("g-1"));
  EXPECT_EQ(g.org, index.orgs.Find("p-1"));
  EXPECT_EQ(g.region, index.regions.Find("r-1"));
  EXPECT_EQ(g.assignment, index.assignments.Find("a-1"));
  // A grid's own id is numbered even when empty; its references are not.
  const GridJoin unnamed = JoinFacts(GridFacts(), &index);
  EXPECT_EQ(unnamed.self, index.grids.Find(""));
  EXPECT_EQ(unnamed.org, kNoId);
  EXPECT_EQ(unnamed.region, kNoId);
  EXPECT_EQ(unnamed.assignment, kNoId);

  CadreFacts cadre;
  cadre.id = "a-1";
  cadre.grid_id = "g-1";
  const CadreJoin c = JoinFacts(cadre, &index);
  EXPECT_EQ(c.self, g.assignment);  // The assignment its grid named.
  EXPECT_EQ(c.org, kNoId);
  EXPECT_EQ(c.grid, g.self);
  EXPECT_EQ(JoinFacts(CadreFacts(), &index).self, kNoId);

  ResultFacts result;
  result.host_organization_id = "h-1";
  const ResultJoin r = JoinFacts(result, &index);
  EXPECT_EQ(r.host, index.hosts.Find("h-1"));
  EXPECT_EQ(JoinFacts(ResultFacts(), &index).host, kNoId);
}

TEST(JoinFactsTest, AnOrganizationsUnitsAreNumberedInOrder) {
  ShardIndex index;
  HostFacts host;
  host.id = "h-2";
  const HostJoin h = JoinFacts(host, &index);
  OrgFacts first;
  first.id = "p-1";
  first.host_organization_ids = {"h-1", "h-2", "", "h-1"};
  OrgFacts second;
  second.id = "p-2";
  second.host_organization_ids = {"h-3"};
  const OrgJoin a = JoinFacts(first, &index);
  const OrgJoin b = JoinFacts(second, &index);
  EXPECT_EQ(a.self, index.orgs.Find("p-1"));
  const absl::Span<const uint32_t> listed = ListedHosts(index, a);
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(listed[0], index.hosts.Find("h-1"));
  EXPECT_EQ(listed[1], h.self);  // The unit's own record's number.
  EXPECT_EQ(listed[2], index.hosts.Find(""));  // Even the empty id.
  EXPECT_EQ(listed[3], listed[0]);
  // Each organization's run stays its own as others are joined.
  ASSERT_EQ(ListedHosts(index, b).size(), 1u);
  EXPECT_EQ(ListedHosts(index, b)[0], index.hosts.Find("h-3"));
  EXPECT_NE(ListedHosts(index, b)[0], listed[0]);
  OrgFacts none;
  EXPECT_TRUE(ListedHosts(index, JoinFacts(none, &index)).empty());
  index.Clear();
  EXPECT_TRUE(index.listed_hosts.empty());
}

TEST(JoinFactsTest, AMembersYearEndStatusIsTakenForTheIndexsYear) {
  ShardIndex index;
  MemberFacts member;
  member.id = "m-1";
  member.status = v1::MEMBER_STATUS_FULL;
  member.has_date[MemberFacts::kFull] = true;
  member.date_year[MemberFacts::kFull] = 2017;
  member.date_month[MemberFacts::kFull] = 3;
  member.date_day[MemberFacts::kFull] = 1;
  member.has_date[MemberFacts::kProbationary] = true;
  member.date_year[MemberFacts::kProbationary] = 2016;
  member.date_month[MemberFacts::kProbationary] = 3;
  member.date_day[MemberFacts::kProbationary] = 1;
  // No year: not taken, each engine takes its own.
  EXPECT_EQ(JoinFacts(member, &index).status, -1);
  // Full by the end of 2017, probationary at the end of 2016: what
  // MemberStatusAtYearEnd() says for the year.
  index.as_of_year = 2017;
  EXPECT_EQ(JoinFacts(member, &index).status, v1::MEMBER_STATUS_FULL);
  index.as_of_year = 2016;
  EXPECT_EQ(JoinFacts(member, &index).status, v1::MEMBER_STATUS_PROBATIONARY);
  EXPECT_EQ(JoinFacts(member, &index).status,
            MemberStatusAtYearEnd(MemberFactsView(member), 2016));
  // Not yet applied by the end of 2015.
  member.has_date[MemberFacts::kApplied] = true;
  member.date_year[MemberFacts::kApplied] = 2016;
  index.as_of_year = 2015;
  EXPECT_EQ(JoinFacts(member, &index).status, -1);
}

// The join counts each member as of the index's year, once: under its unit,
// under its organization, and once more under the organization when it
// names no unit or as loose when it names neither; a member not yet in the
// pipeline (status -1) nowhere. Without a year it counts none.
TEST(JoinFactsTest, MembersAreCountedAsOfTheIndexsYear) {
  ShardIndex index;
  auto join = [&](const char* id, int status, const char* host, const char* org,
                  bool owner = false) {
    MemberFacts m;
    m.id = id;
    m.status = status;
    m.host_organization_id = host;
    m.party_organization_id = org;
    m.is_owner = owner;
    return JoinFacts(m, &index);
  };
  join("m-0", v1::MEMBER_STATUS_FULL, "h-1", "o-1");  // No year: not counted.
  EXPECT_EQ(index.members_as_of.unit(0).records, 0u);
  index.as_of_year = 2017;
  const MemberJoin a = join("m-1", v1::MEMBER_STATUS_FULL, "h-1", "o-1", true);
  join("m-2", v1::MEMBER_STATUS_PROBATIONARY, "h-1", "");
  const MemberJoin c = join("m-3", v1::MEMBER_STATUS_ACTIVIST, "", "o-1");
  join("m-4", v1::MEMBER_STATUS_FULL, "", "");
  // Applied after 2017: not yet in the pipeline.
  MemberFacts later;
  later.id = "m-5";
  later.status = v1::MEMBER_STATUS_APPLICANT;
  later.host_organization_id = "h-1";
  later.has_date[MemberFacts::kApplied] = true;
  later.date_year[MemberFacts::kApplied] = 2018;
  EXPECT_EQ(JoinFacts(later, &index).status, -1);

  const MemberTallies& t = index.members_as_of;
  const MemberTally& unit = t.unit(a.host);
  EXPECT_EQ(unit.records, 2u);
  EXPECT_EQ(unit.by_status[v1::MEMBER_STATUS_FULL], 1u);
  EXPECT_EQ(unit.by_status[v1::MEMBER_STATUS_PROBATIONARY], 1u);
  EXPECT_EQ(unit.owners, 1u);
  const MemberTally& org = t.org(a.org);
  EXPECT_EQ(org.records, 2u);
  EXPECT_EQ(org.by_status[v1::MEMBER_STATUS_FULL], 1u);
  EXPECT_EQ(org.by_status[v1::MEMBER_STATUS_ACTIVIST], 1u);
  const MemberTally& alone = t.org_without_unit(c.org);
  EXPECT_EQ(alone.records, 1u);
  EXPECT_EQ(alone.by_status[v1::MEMBER_STATUS_ACTIVIST], 1u);
  EXPECT_EQ(t.loose().records, 1u);
  EXPECT_EQ(t.loose().by_status[v1::MEMBER_STATUS_FULL], 1u);
  // A number nothing was counted under reads as no members.
  EXPECT_EQ(t.unit(12345).records, 0u);
  index.Clear();
  EXPECT_EQ(index.members_as_of.unit(a.host).records, 0u);
  EXPECT_EQ(index.members_as_of.loose().records, 0u);
}

// The join counts each party organization existing in the index's year
// once, at the first record of its id (the empty id too), under every unit
// it lists, by its formation; one founded after the year or dissolved
// before it, a later record of its id, or any without a year, nowhere.
TEST(JoinFactsTest, UnitsCoverageIsCountedAsOfTheIndexsYear) {
  ShardIndex index;
  auto join = [&](const char* id, int formation,
                  std::vector<absl::string_view> hosts, int32_t founded = 0,
                  int32_t dissolved = 0) {
    OrgFacts o;
    o.id = id;
    o.formation = formation;
    o.host_organization_ids = std::move(hosts);
    o.has_founded_on = founded != 0;
    o.founded_year = founded;
    o.has_dissolved_on = dissolved != 0;
    o.dissolved_year = dissolved;
    return JoinFacts(o, &index);
  };
  auto unit = [&](const char* id) -> const UnitOrgCover& {
    return index.unit_org_cover.unit(index.hosts.Find(id));
  };
  // No year: not counted.
  join("o-0", v1::FORMATION_MODEL_STANDALONE, {"h-0"});
  EXPECT_FALSE(unit("h-0").standalone);
  index.as_of_year = 2017;
  join("o-1", v1::FORMATION_MODEL_STANDALONE, {"h-1"}, 2010);
  join("o-2", v1::FORMATION_MODEL_JOINT, {"h-1", "h-2", "h-2"});
  join("o-3", v1::FORMATION_MODEL_REGIONAL, {"h-3"}, 2017, 2017);
  // Founded after the year; dissolved before it; neither covers.
  join("o-4", v1::FORMATION_MODEL_STANDALONE, {"h-4"}, 2018);
  join("o-5", v1::FORMATION_MODEL_AFFILIATED, {"h-5"}, 2010, 2016);
  // A later record of o-1's id covers nothing; nor of o-4's, which existed
  // not; nor of the empty id's.
  join("o-1", v1::FORMATION_MODEL_REGIONAL, {"h-6"});
  join("o-4", v1::FORMATION_MODEL_STANDALONE, {"h-7"});
  join("", v1::FORMATION_MODEL_REGIONAL, {"h-8"});
  join("", v1::FORMATION_MODEL_STANDALONE, {"h-8"});

  EXPECT_TRUE(unit("h-1").standalone);
  EXPECT_TRUE(unit("h-1").joint_or_affiliated);
  EXPECT_FALSE(unit("h-1").regional);
  EXPECT_TRUE(unit("h-2").joint_or_affiliated);
  EXPECT_FALSE(unit("h-2").standalone);
  EXPECT_TRUE(unit("h-3").regional);
  for (const char* id : {"h-4", "h-5", "h-6", "h-7"}) {
    SCOPED_TRACE(id);
    EXPECT_FALSE(unit(id).standalone);
    EXPECT_FALSE(unit(id).joint_or_affiliated);
    EXPECT_FALSE(unit(id).regional);
  }
  EXPECT_TRUE(unit("h-8").regional);
  EXPECT_FALSE(unit("h-8").standalone);
  // A number nothing was counted under reads as not covered.
  EXPECT_FALSE(index.unit_org_cover.unit(12345).standalone);
  index.Clear();
  EXPECT_FALSE(index.unit_org_cover.unit(0).standalone);
  EXPECT_FALSE(index.unit_org_cover.unit(1).standalone);
  // After Clear(), an id's first record counts again.
  join("o-1", v1::FORMATION_MODEL_REGIONAL, {"h-1"});
  EXPECT_TRUE(unit("h-1").regional);
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
