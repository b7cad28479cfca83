// Property tests of merging: over random ledgers split at random into shards
// (each shard holding whole "families" - a unit with its members and party
// organization, a joint branch with its units, a regional branch with its
// grids and units - and a copy of the region tree), fed in random orders and
// merged in random orders, the merged partial equals the whole's; Merge is
// commutative and associative, and the empty partial is its identity.
// Deterministic seeds.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/record.h"
#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

constexpr int kYear = 2014;

using Family = std::vector<v1::Record>;

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Uniform(int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng_);
  }
  bool Coin(int percent = 50) { return Uniform(1, 100) <= percent; }
  std::mt19937& rng() { return rng_; }

  std::vector<v1::Record> Regions() {
    std::vector<v1::Record> out;
    auto region = [&](const std::string& id, v1::RegionLevel level,
                      const std::string& parent) {
      v1::Region* r = out.emplace_back().mutable_region();
      r->set_id(id);
      r->set_name("区域" + id);
      r->set_level(level);
      r->set_parent_id(parent);
      if (level == v1::REGION_LEVEL_COUNTY) {
        r->add_working_committee_member_units("工商局");
        r->add_working_committee_member_units("民政局");
      }
    };
    region("banner", v1::REGION_LEVEL_COUNTY, "");
    for (int t = 0; t < 4; ++t) {
      region("t" + std::to_string(t), v1::REGION_LEVEL_TOWN, "banner");
      region("v" + std::to_string(t), v1::REGION_LEVEL_VILLAGE,
             "t" + std::to_string(t));
    }
    for (int y : {2010, 2012}) {
      v1::RegionEconomy* e = out.emplace_back().mutable_region_economy();
      e->set_region_id("banner");
      e->set_year(y);
      e->set_market_entities_total(1000);
      e->set_market_entities_non_public(Uniform(0, 1000));
      e->set_tax_revenue_total_fen(std::numeric_limits<int64_t>::max() / 2);
      e->set_tax_revenue_non_public_fen(Uniform(0, 1 << 30));
    }
    return out;
  }

  std::string Region() {
    const int t = Uniform(0, 3);
    return (Coin() ? "t" : "v") + std::to_string(t);
  }

  v1::HostOrganization* Host(Family* f, const std::string& id) {
    v1::HostOrganization* h = f->emplace_back().mutable_host_organization();
    h->set_id(id);
    h->set_region_id(Region());
    h->set_kind(Coin() ? v1::HOST_KIND_SOCIAL
                       : v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    h->set_industry(Coin() ? "C30" : "F52");
    h->set_has_trade_union(Coin());
    h->set_has_womens_organization(Coin(30));
    h->set_has_youth_league_organization(Coin(20));
    h->mutable_owner()->set_is_party_member(Coin(30));
    h->mutable_owner()->set_is_secretary(Coin(20));
    if (Coin(10)) h->set_status(v1::HOST_STATUS_CLOSED);
    if (Coin(5)) *h->mutable_registered_on() = D(kYear + 1, 1, 1);
    return h;
  }

  void Members(Family* f, const std::string& host, const std::string& org,
               int n) {
    for (int i = 0; i < n; ++i) {
      v1::Member* m = f->emplace_back().mutable_member();
      m->set_id(host + "-m" + std::to_string(i));
      m->set_host_organization_id(host);
      m->set_party_organization_id(org);
      m->set_status(static_cast<v1::MemberStatus>(Uniform(1, 5)));
      *m->mutable_probationary_on() = D(Uniform(2010, 2015), Uniform(1, 12), 1);
      m->set_is_owner(Coin(15));
      if (Coin(30)) {
        v1::MemberPost* p = m->add_posts();
        p->set_kind(static_cast<v1::PostKind>(Uniform(1, 4)));
        p->set_name("岗" + std::to_string(Uniform(0, 2)));
      }
    }
  }

  void Extras(Family* f, const std::string& org, const std::string& host) {
    for (int i = 0, n = Uniform(0, 3); i < n; ++i) {
      v1::Funding* fu = f->emplace_back().mutable_funding();
      fu->set_id(org + "-f" + std::to_string(i));
      fu->set_party_organization_id(org);
      fu->set_year(Coin(80) ? kYear : kYear - 1);
      fu->set_source(static_cast<v1::FundingSource>(Uniform(0, 4)));
      // Large amounts, so that 128-bit partial sums matter.
      fu->set_amount_fen(Coin(10) ? std::numeric_limits<int64_t>::max() / 8
                                  : Uniform(-1000, 1000000));
    }
    for (int i = 0, n = Uniform(0, 4); i < n; ++i) {
      v1::Activity* a = f->emplace_back().mutable_activity();
      a->set_id(org + "-a" + std::to_string(i));
      a->set_kind(static_cast<v1::ActivityKind>(Uniform(0, 11)));
      a->set_party_organization_id(org);
      *a->mutable_held_on() =
          D(Coin(85) ? kYear : kYear - 1, Uniform(0, 12), 1);
      a->set_count(Uniform(0, 50));
      a->set_participants(Uniform(0, 200));
    }
    if (Coin(40)) {
      v1::Venue* v = f->emplace_back().mutable_venue();
      v->set_id(org + "-venue");
      v->set_party_organization_id(org);
      v->set_ownership(static_cast<v1::VenueOwnership>(Uniform(0, 4)));
      v->set_has_site(Coin(80));
      v->set_has_facilities(Coin(80));
      v->set_has_signage(Coin(80));
      v->set_has_party_flag(Coin(80));
      v->set_has_books_and_newspapers(Coin(80));
      v->set_has_rules_on_wall(Coin(80));
    }
    if (Coin(30)) {
      v1::CadreAssignment* c = f->emplace_back().mutable_cadre_assignment();
      c->set_id(org + "-cadre");
      c->set_kind(static_cast<v1::CadreAssignmentKind>(Uniform(0, 3)));
      c->set_party_organization_id(org);
      *c->mutable_start_on() = D(Uniform(2012, 2015), 1, 1);
    }
    if (!host.empty() && Coin(30)) {
      v1::ReserveTalent* r = f->emplace_back().mutable_reserve_talent();
      r->set_id(host + "-rt");
      r->set_host_organization_id(host);
    }
    if (!host.empty() && Coin(50)) {
      v1::HostAnnualResult* r = f->emplace_back().mutable_host_annual_result();
      r->set_id(host + "-res");
      r->set_host_organization_id(host);
      r->set_year(Coin(80) ? kYear : kYear - 1);
      r->set_jobs_provided(Uniform(0, 100));
      r->set_donations_fen(Uniform(0, 1 << 30));
      r->set_savings_fen(Uniform(0, 1 << 30));
      r->set_innovation_projects(Uniform(0, 3));
    }
  }

  Family Standalone(int n) {
    Family f;
    const std::string host = "s" + std::to_string(n);
    const std::string org = "so" + std::to_string(n);
    v1::HostOrganization* h = Host(&f, host);
    if (Coin(20)) {
      h->mutable_reported_member_counts()->set_full(Uniform(0, 6));
    } else {
      Members(&f, host, org, Uniform(0, 6));
    }
    if (Coin(70)) {
      v1::PartyOrganization* o = f.emplace_back().mutable_party_organization();
      o->set_id(org);
      o->set_formation(v1::FORMATION_MODEL_STANDALONE);
      o->set_level(v1::ORG_LEVEL_BRANCH);
      o->add_host_organization_ids(host);
      o->set_demonstration_point(Coin(20));
      if (Coin(70)) {
        v1::StarAssessment* a = o->add_star_assessments();
        a->set_year(Coin(80) ? kYear : kYear - 1);
        a->set_stars(Uniform(0, 5));
      }
      Extras(&f, org, host);
    }
    return f;
  }

  Family Joint(int n) {
    Family f;
    const std::string org = "jo" + std::to_string(n);
    v1::PartyOrganization* o = f.emplace_back().mutable_party_organization();
    o->set_id(org);
    o->set_formation(Coin(80) ? v1::FORMATION_MODEL_JOINT
                              : v1::FORMATION_MODEL_AFFILIATED);
    std::vector<std::string> hosts;
    for (int i = 0, k = Uniform(1, 3); i < k; ++i) {
      hosts.push_back("j" + std::to_string(n) + "-" + std::to_string(i));
      o->add_host_organization_ids(hosts.back());
    }
    for (const std::string& h : hosts) {
      Host(&f, h);
      Members(&f, h, org, Uniform(0, 3));
    }
    Extras(&f, org, hosts[0]);
    return f;
  }

  Family Regional(int n) {
    Family f;
    const std::string org = "ro" + std::to_string(n);
    v1::PartyOrganization* o = f.emplace_back().mutable_party_organization();
    o->set_id(org);
    o->set_formation(v1::FORMATION_MODEL_REGIONAL);
    o->set_region_id("t" + std::to_string(Uniform(0, 3)));
    for (int g = 0, k = Uniform(1, 3); g < k; ++g) {
      const std::string grid = org + "-g" + std::to_string(g);
      v1::Grid* gr = f.emplace_back().mutable_grid();
      gr->set_id(grid);
      gr->set_party_organization_id(org);
      if (Coin(70)) gr->set_instructor_name("指导员");
      if (Coin(50)) gr->set_region_id(Region());
      for (int h = 0, m = Uniform(0, 5); h < m; ++h) {
        v1::HostOrganization* host = Host(&f, grid + "-h" + std::to_string(h));
        host->set_grid_id(grid);
        if (Coin(50)) host->mutable_reported_member_counts();
      }
    }
    for (int q = 0; q < 6; ++q) {
      v1::Activity* a = f.emplace_back().mutable_activity();
      a->set_id(org + "-meet" + std::to_string(q));
      a->set_kind(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING);
      if (Coin()) {
        a->set_party_organization_id(org);
      } else {
        a->set_grid_id(org + "-g0");
      }
      *a->mutable_held_on() = D(kYear, Uniform(1, 12), 1);
    }
    Extras(&f, org, "");
    return f;
  }

  std::vector<Family> Families(int n) {
    std::vector<Family> out;
    for (int i = 0; i < n; ++i) {
      switch (Uniform(0, 2)) {
        case 0:
          out.push_back(Standalone(i));
          break;
        case 1:
          out.push_back(Joint(i));
          break;
        default:
          out.push_back(Regional(i));
          break;
      }
    }
    return out;
  }

 private:
  std::mt19937 rng_;
};

AggregatorOptions Options(const v1::GroupBy& group_by) {
  AggregatorOptions o;
  o.year = kYear;
  o.worklist_cap = 3;  // Small, so that capping is exercised.
  o.group_by = group_by;
  return o;
}

struct Finding {
  std::string rule;
  int64_t count;
};

v1::PartialReport Aggregate(std::vector<v1::Record> records,
                            const std::vector<Finding>& findings,
                            const v1::GroupBy& group_by, std::mt19937* rng) {
  std::shuffle(records.begin(), records.end(), *rng);
  auto agg = *Aggregator::Create(Options(group_by));
  for (const v1::Record& r : records) EXPECT_THAT(agg->Add(r), IsOk());
  for (const Finding& f : findings) {
    EXPECT_THAT(agg->AddFindings(f.rule, f.count), IsOk());
    EXPECT_THAT(agg->AddSkippedRecords("skip." + f.rule, 1), IsOk());
  }
  absl::StatusOr<v1::PartialReport> p = agg->Finish();
  EXPECT_THAT(p, IsOk());
  return p.ok() ? *p : v1::PartialReport();
}

// Merges `parts` in a random order and a random tree shape.
v1::PartialReport MergeRandomly(std::vector<v1::PartialReport> parts,
                                std::mt19937* rng) {
  while (parts.size() > 1) {
    std::shuffle(parts.begin(), parts.end(), *rng);
    absl::StatusOr<v1::PartialReport> m =
        MergePartialReports(parts[parts.size() - 2], parts.back());
    EXPECT_THAT(m, IsOk());
    parts.pop_back();
    parts.back() = m.ok() ? *m : v1::PartialReport();
  }
  return parts.empty() ? v1::PartialReport() : parts[0];
}

std::string Bytes(const v1::PartialReport& p) {
  std::string out;
  EXPECT_TRUE(p.SerializeToString(&out));
  return out;
}

// `p` without its shards' fingerprints, as dangjian 0.2.0 wrote it: merged
// with `p`, it counts the same shard twice without a merge knowing.
v1::PartialReport Unprinted(v1::PartialReport p) {
  p.clear_shards();
  return p;
}

class MergePropertyTest : public ::testing::TestWithParam<int> {};

TEST_P(MergePropertyTest, AnySplitMergedInAnyOrderEqualsTheWhole) {
  const uint32_t seed = static_cast<uint32_t>(GetParam());
  Generator gen(seed);
  const std::vector<v1::Record> regions = gen.Regions();
  const std::vector<Family> families = gen.Families(gen.Uniform(5, 60));
  for (const v1::GroupBy& group_by : [] {
         v1::GroupBy none, township, mixed;
         township.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
         mixed.set_region_level(v1::REGION_LEVEL_COUNTY);
         mixed.set_host_kind(true);
         mixed.set_industry(true);
         return std::vector<v1::GroupBy>{none, township, mixed};
       }()) {
    const int shards = gen.Uniform(1, 6);
    std::vector<std::vector<v1::Record>> shard_records(shards, regions);
    std::vector<v1::Record> all = regions;
    for (const Family& f : families) {
      auto& s = shard_records[gen.Uniform(0, shards - 1)];
      s.insert(s.end(), f.begin(), f.end());
      all.insert(all.end(), f.begin(), f.end());
    }
    std::vector<std::vector<Finding>> shard_findings(shards);
    std::vector<Finding> all_findings;
    for (int i = 0, n = gen.Uniform(0, 5); i < n; ++i) {
      Finding f{"rule." + std::to_string(gen.Uniform(0, 2)),
                gen.Uniform(1, 10)};
      shard_findings[gen.Uniform(0, shards - 1)].push_back(f);
      all_findings.push_back(f);
    }
    const v1::PartialReport whole =
        Aggregate(all, all_findings, group_by, &gen.rng());
    std::vector<v1::PartialReport> parts;
    for (int s = 0; s < shards; ++s) {
      parts.push_back(
          Aggregate(shard_records[s], shard_findings[s], group_by, &gen.rng()));
    }
    // Empty partials anywhere change nothing.
    parts.push_back(v1::PartialReport());
    const v1::PartialReport merged = MergeRandomly(parts, &gen.rng());
    // The figures of the whole; the shards of the parts, each once.
    EXPECT_EQ(Bytes(Unprinted(merged)), Bytes(Unprinted(whole)))
        << "seed " << seed;
    std::vector<uint64_t> prints;
    for (const v1::PartialReport& part : parts) {
      for (const v1::ShardFingerprint& f : part.shards()) {
        prints.push_back(f.value());
      }
    }
    std::sort(prints.begin(), prints.end());
    std::vector<uint64_t> merged_prints;
    for (const v1::ShardFingerprint& f : merged.shards()) {
      merged_prints.push_back(f.value());
    }
    EXPECT_EQ(merged_prints, prints);
    EXPECT_EQ(whole.shards_size(), 1);
    absl::StatusOr<v1::PartialReport> all_at_once =
        MergeAllPartialReports(parts);
    ASSERT_THAT(all_at_once, IsOk());
    EXPECT_EQ(Bytes(*all_at_once), Bytes(merged));
    // And the final reports agree, or fail alike (the random amounts can
    // pass int64 in a total: then both name the same figure and value).
    absl::StatusOr<v1::Report> a = FinishReport(merged);
    absl::StatusOr<v1::Report> b = FinishReport(whole);
    EXPECT_EQ(a.status(), b.status());
    if (a.ok() && b.ok()) {
      EXPECT_EQ(a->SerializeAsString(), b->SerializeAsString());
    }
  }
}

TEST_P(MergePropertyTest, CommutativeAssociativeWithIdentity) {
  const uint32_t seed = static_cast<uint32_t>(GetParam());
  Generator gen(seed + 1000);
  const std::vector<v1::Record> regions = gen.Regions();
  v1::GroupBy township;
  township.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  std::vector<v1::PartialReport> p;
  for (int i = 0; i < 3; ++i) {
    std::vector<v1::Record> records = regions;
    for (const Family& f : gen.Families(gen.Uniform(0, 15))) {
      records.insert(records.end(), f.begin(), f.end());
    }
    p.push_back(Aggregate(records, {{"r", i + 1}}, township, &gen.rng()));
  }
  auto merge = [](const v1::PartialReport& a, const v1::PartialReport& b) {
    absl::StatusOr<v1::PartialReport> m = MergePartialReports(a, b);
    EXPECT_THAT(m, IsOk());
    return m.ok() ? *m : v1::PartialReport();
  };
  EXPECT_EQ(Bytes(merge(p[0], p[1])), Bytes(merge(p[1], p[0])));
  EXPECT_EQ(Bytes(merge(merge(p[0], p[1]), p[2])),
            Bytes(merge(p[0], merge(p[1], p[2]))));
  const v1::PartialReport empty;
  EXPECT_EQ(Bytes(merge(p[0], empty)), Bytes(p[0]));
  EXPECT_EQ(Bytes(merge(empty, p[0])), Bytes(p[0]));
  EXPECT_EQ(Bytes(merge(empty, empty)), Bytes(empty));
  // Regrouping commutes with merging.
  v1::GroupBy banner;
  banner.set_region_level(v1::REGION_LEVEL_COUNTY);
  EXPECT_EQ(Bytes(*RegroupPartialReport(merge(p[0], p[1]), banner)),
            Bytes(merge(*RegroupPartialReport(p[0], banner),
                        *RegroupPartialReport(p[1], banner))));
  // A non-trivial partial is not the identity: the checks above can fail.
  EXPECT_NE(Bytes(merge(p[0], Unprinted(p[0]))), Bytes(p[0]));
  // A partial of records merged with itself counts its shard twice.
  if (p[0].shards_size() > 0) {
    EXPECT_EQ(MergePartialReports(p[0], p[0]).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, MergePropertyTest, ::testing::Range(1, 26));

// A fuzzer finding (partial_merge_fuzzer): two copies of a region that
// differed only in fields this version does not know were kept in the order
// the partials came, so merging was not commutative. Unknown fields are
// dropped.
TEST(MergeTest, UnknownFieldsDoNotBreakCommutativity) {
  v1::Record region;
  region.mutable_region()->set_id("r1");
  region.mutable_region()->set_level(v1::REGION_LEVEL_COUNTY);
  v1::GroupBy by;
  by.set_region_level(v1::REGION_LEVEL_COUNTY);
  std::mt19937 rng(1);
  v1::PartialReport a = Aggregate({region}, {}, by, &rng);
  v1::PartialReport b = a;
  ASSERT_GT(b.regions_size(), 0);
  b.mutable_regions(0)
      ->GetReflection()
      ->MutableUnknownFields(b.mutable_regions(0))
      ->AddVarint(14, 7);
  auto ab = MergePartialReports(a, b);
  auto ba = MergePartialReports(b, a);
  ASSERT_THAT(ab, IsOk());
  ASSERT_THAT(ba, IsOk());
  EXPECT_EQ(Bytes(*ab), Bytes(*ba));
  EXPECT_EQ(ab->regions(0)
                .GetReflection()
                ->GetUnknownFields(ab->regions(0))
                .field_count(),
            0);
  // Without the unknown field the two copies merge as before.
  auto aa = MergePartialReports(a, a);
  ASSERT_THAT(aa, IsOk());
  EXPECT_EQ(Bytes(*aa), Bytes(*ab));
}

// Copies of one region that differ (counties' partials that name their city
// as different ledgers do): the merge keeps one, the same in any order of
// the partials, with the regions around it kept once each.
TEST(MergeTest, DifferingCopiesOfARegionKeepOneInAnyOrder) {
  v1::GroupBy by;
  by.set_region_level(v1::REGION_LEVEL_COUNTY);
  std::mt19937 rng(7);
  auto partial = [&](const std::string& county, const std::string& city_name) {
    std::vector<v1::Record> records(3);
    // A province whose id is longer than the 16 bytes the sort compares
    // first, named as the city is.
    v1::Region* province = records[2].mutable_region();
    province->set_id("the-province-of-the-north-0001");
    province->set_level(v1::REGION_LEVEL_PROVINCE);
    province->set_name(city_name);
    v1::Region* city = records[0].mutable_region();
    city->set_id("1101");
    city->set_level(v1::REGION_LEVEL_CITY);
    city->set_name(city_name);
    v1::Region* c = records[1].mutable_region();
    c->set_id(county);
    c->set_level(v1::REGION_LEVEL_COUNTY);
    c->set_parent_id("1101");
    return Aggregate(records, {}, by, &rng);
  };
  std::vector<v1::PartialReport> parts = {
      partial("110101", "北京市辖区"), partial("110102", "北京市"),
      partial("110103", "北京市市辖区"), partial("110100", "北京市辖区")};
  absl::StatusOr<v1::PartialReport> merged = MergeAllPartialReports(parts);
  ASSERT_THAT(merged, IsOk());
  std::vector<std::string> ids;
  for (const v1::RegionNode& n : merged->regions()) ids.push_back(n.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"1101", "110100", "110101", "110102",
                                           "110103",
                                           "the-province-of-the-north-0001"}));
  // The copies differ: had a copy been kept by its place, some order below
  // would give other bytes.
  auto name_of = [](const v1::PartialReport& p, const std::string& id) {
    for (const v1::RegionNode& n : p.regions()) {
      if (n.id() == id) return n.name();
    }
    return std::string("(none)");
  };
  ASSERT_NE(name_of(parts[0], "1101"), name_of(parts[1], "1101"));
  ASSERT_NE(name_of(parts[0], "the-province-of-the-north-0001"),
            name_of(parts[1], "the-province-of-the-north-0001"));
  for (int round = 0; round < 8; ++round) {
    std::shuffle(parts.begin(), parts.end(), rng);
    absl::StatusOr<v1::PartialReport> again = MergeAllPartialReports(parts);
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(Bytes(*again), Bytes(*merged));
    absl::StatusOr<v1::PartialReport> pairwise =
        MergePartialReports(*MergePartialReports(parts[0], parts[1]),
                            *MergePartialReports(parts[2], parts[3]));
    ASSERT_THAT(pairwise, IsOk());
    EXPECT_EQ(Bytes(*pairwise), Bytes(*merged));
  }
}

TEST(MergeTest, TheDataDateIsTheLatestInAnyOrder) {
  v1::Record region;
  region.mutable_region()->set_id("r1");
  region.mutable_region()->set_level(v1::REGION_LEVEL_COUNTY);
  v1::GroupBy by;
  by.set_region_level(v1::REGION_LEVEL_COUNTY);
  std::mt19937 rng(1);
  v1::PartialReport a = Aggregate({region}, {}, by, &rng);
  v1::PartialReport b = a, c = a;
  a.mutable_as_of()->set_year(2014);
  a.mutable_as_of()->set_month(6);
  a.mutable_as_of()->set_day(30);
  b.mutable_as_of()->set_year(2014);
  b.mutable_as_of()->set_month(12);
  b.mutable_as_of()->set_day(31);
  // c has none (a partial of 0.2.0).
  auto abc = MergeAllPartialReports({a, b, c});
  auto cba = MergeAllPartialReports({c, b, a});
  ASSERT_THAT(abc, IsOk());
  ASSERT_THAT(cba, IsOk());
  EXPECT_EQ(Bytes(*abc), Bytes(*cba));
  EXPECT_EQ(abc->as_of().month(), 12);
  EXPECT_EQ(abc->as_of().day(), 31);
  auto ac = MergePartialReports(a, c);
  ASSERT_THAT(ac, IsOk());
  EXPECT_EQ(ac->as_of().month(), 6);
  auto cc = MergePartialReports(c, c);
  ASSERT_THAT(cc, IsOk());
  EXPECT_FALSE(cc->has_as_of());
  // Regrouped and finished, the date stays.
  auto regrouped = RegroupPartialReport(*abc, v1::GroupBy());
  ASSERT_THAT(regrouped, IsOk());
  EXPECT_EQ(regrouped->as_of().day(), 31);
  auto report = FinishReport(*regrouped);
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->info().data_date().year(), 2014);
  EXPECT_EQ(report->info().data_date().day(), 31);
  auto undated = FinishReport(*cc);
  ASSERT_THAT(undated, IsOk());
  EXPECT_FALSE(undated->info().has_data_date());
  // A date that is no calendar date is refused, naming it.
  v1::PartialReport bad = a;
  bad.mutable_as_of()->set_month(14);
  EXPECT_THAT(MergePartialReports(bad, b).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("2014-14-30 is not a calendar date")));
  EXPECT_THAT(FinishReport(bad).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a calendar date")));
}

// The aggregator writes each worklist sorted, and merging reads it as such
// without sorting it again; a partial from elsewhere (a hand-edited JSON
// partial) may list its ids in any order, and must merge and finish the same.
TEST(MergeTest, WorklistsOutOfOrderMergeAndFinishAsSorted) {
  std::vector<v1::Record> records;
  for (int i = 0; i < 5; ++i) {
    v1::Record r;
    v1::HostOrganization* h = r.mutable_host_organization();
    h->set_id(absl::StrCat("h-", i));
    h->mutable_reported_member_counts()->set_full(4);
    records.push_back(r);
  }
  std::mt19937 rng(2);
  const v1::PartialReport sorted = Aggregate(records, {}, v1::GroupBy(), &rng);
  v1::PartialReport reversed = sorted;
  int reversed_lists = 0;
  for (v1::PartialGroup& g : *reversed.mutable_groups()) {
    for (v1::Worklist& w : *g.mutable_worklists()) {
      if (w.ids_size() < 2) continue;
      std::reverse(w.mutable_ids()->begin(), w.mutable_ids()->end());
      ++reversed_lists;
    }
  }
  ASSERT_GT(reversed_lists, 0);
  auto merged_sorted = MergePartialReports(sorted, Unprinted(sorted));
  auto merged_reversed = MergePartialReports(reversed, Unprinted(reversed));
  ASSERT_THAT(merged_sorted, IsOk());
  ASSERT_THAT(merged_reversed, IsOk());
  EXPECT_EQ(Bytes(*merged_reversed), Bytes(*merged_sorted));
  auto finished_sorted = FinishReport(sorted);
  auto finished_reversed = FinishReport(reversed);
  ASSERT_THAT(finished_sorted, IsOk());
  ASSERT_THAT(finished_reversed, IsOk());
  EXPECT_EQ(finished_reversed->SerializeAsString(),
            finished_sorted->SerializeAsString());
  // The cap (3) keeps the smallest ids, whatever the order they came in.
  ASSERT_GT(finished_sorted->total().targets().target_1().worklist_size(), 0);
  EXPECT_EQ(finished_sorted->total().targets().target_1().worklist(0), "h-0");
}

// Merged regions come out by id, in byte order, whatever order the partials
// and their regions came in; ids longer than 16 bytes that share their first
// 16 are ordered by the rest.
TEST(MergeTest, RegionsComeOutInIdOrder) {
  const std::vector<std::string> ids = {"province-of-the-north-0002",
                                        "province-of-the-north-0010",
                                        "province-of-the-north-0001",
                                        "province-of-the-north",
                                        "province-of-the-north-0001-a",
                                        "b",
                                        "a",
                                        "province-of-the-nort"};
  std::vector<v1::PartialReport> parts;
  std::mt19937 rng(3);
  v1::GroupBy by;
  by.set_region_level(v1::REGION_LEVEL_COUNTY);
  for (const std::string& id : ids) {
    v1::Record r;
    r.mutable_region()->set_id(id);
    r.mutable_region()->set_level(v1::REGION_LEVEL_COUNTY);
    parts.push_back(Aggregate({r}, {}, by, &rng));
  }
  auto merged = MergeAllPartialReports(parts);
  ASSERT_THAT(merged, IsOk());
  std::vector<std::string> got;
  for (const v1::RegionNode& n : merged->regions()) got.push_back(n.id());
  std::vector<std::string> want = ids;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  // In reverse, the same bytes.
  std::reverse(parts.begin(), parts.end());
  auto reversed = MergeAllPartialReports(parts);
  ASSERT_THAT(reversed, IsOk());
  EXPECT_EQ(Bytes(*reversed), Bytes(*merged));
}

// Partials of several regions each (apart, interleaved, sharing their
// province and city, one listing its regions out of order, one with none):
// the regions come out once each, in id order, the same bytes in any order
// of the partials.
TEST(MergeTest, RegionsOfManyPartialsComeOutInIdOrder) {
  std::mt19937 rng(5);
  v1::GroupBy by;
  by.set_region_level(v1::REGION_LEVEL_COUNTY);
  // A partial holding regions `ids` (the first a county, the rest its towns).
  auto partial = [&](const std::vector<std::string>& ids) {
    std::vector<v1::Record> records;
    for (size_t i = 0; i < ids.size(); ++i) {
      v1::Region* r = records.emplace_back().mutable_region();
      r->set_id(ids[i]);
      r->set_level(i == 0 ? v1::REGION_LEVEL_COUNTY : v1::REGION_LEVEL_TOWN);
      if (i != 0) r->set_parent_id(ids[0]);
    }
    return Aggregate(records, {}, by, &rng);
  };
  auto ids_of = [](const v1::PartialReport& p) {
    std::vector<std::string> ids;
    for (const v1::RegionNode& n : p.regions()) ids.push_back(n.id());
    return ids;
  };
  struct Case {
    const char* name;
    std::vector<std::vector<std::string>> partials;
    bool shuffle_one;  // List one partial's regions in reverse.
  };
  const std::vector<Case> cases = {
      // Each partial's ids apart from the others' (c1's towns sort before
      // c10: '-' before '0'), the partials out of id order.
      {"partials apart",
       {{"c10", "c10-t0", "c10-t1"},
        {"c2", "c2-t0"},
        {"c1", "c1-t0", "c1-t1", "c1-t9"},
        {"c100", "c100-t0"},
        {"c0", "c0-t5"}},
       false},
      // Each partial's ids fall between another's.
      {"partials interleave",
       {{"c", "d-t"}, {"a", "b-t"}, {"b", "c-t"}},
       false},
      {"a partial out of order",
       {{"c10", "c10-t0", "c10-t1"}, {"c2", "c2-t0", "c2-t1"}},
       true},
      // Each county's partial holds its province and city too: kept once.
      {"shared regions",
       {{"11", "1101", "110102", "110102001"},
        {"11", "1101", "110101", "110101001", "110101002"},
        {"11", "1102", "110201"},
        {}},
       false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<v1::PartialReport> parts;
    std::vector<std::string> want;
    for (const std::vector<std::string>& ids : c.partials) {
      parts.push_back(partial(ids));
      want.insert(want.end(), ids.begin(), ids.end());
    }
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    if (c.shuffle_one) {
      auto* regions = parts[0].mutable_regions();
      std::reverse(regions->pointer_begin(), regions->pointer_end());
      ASSERT_NE(ids_of(parts[0]).front(), c.partials[0].front());
    }
    absl::StatusOr<v1::PartialReport> merged = MergeAllPartialReports(parts);
    ASSERT_THAT(merged, IsOk());
    EXPECT_EQ(ids_of(*merged), want);
    for (int round = 0; round < 4; ++round) {
      std::shuffle(parts.begin(), parts.end(), rng);
      absl::StatusOr<v1::PartialReport> again = MergeAllPartialReports(parts);
      ASSERT_THAT(again, IsOk());
      EXPECT_EQ(Bytes(*again), Bytes(*merged));
    }
  }
}

}  // namespace
}  // namespace dangjian

namespace dangjian {
namespace {

// A real partial to tamper with: the Keshiketeng data's, by township.
v1::PartialReport KeshiketengPartial() {
  AggregatorOptions o;
  o.year = kKeshiketeng2014Year;
  o.group_by.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  auto agg = *Aggregator::Create(o);
  ForEachRecord(BuildKeshiketeng2014(),
                [&](const v1::Record& r) { EXPECT_THAT(agg->Add(r), IsOk()); });
  absl::StatusOr<v1::PartialReport> p = agg->Finish();
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : v1::PartialReport();
}

int CounterIndex(const v1::PartialReport& p, absl::string_view name) {
  for (int i = 0; i < p.counter_names_size(); ++i) {
    if (p.counter_names(i) == name) return i;
  }
  ADD_FAILURE() << "no counter " << name;
  return 0;
}

// A count near INT64_MAX wrapped to "单位总数 −9,223,372,036,854,772,422"; the
// merge of real counts never leaves int64, so such a sum is refused.
TEST(MergeInvariantsTest, ACountThatWouldWrapIsOutOfRange) {
  v1::PartialReport a = KeshiketengPartial();
  v1::PartialReport b = Unprinted(a);
  const int units = CounterIndex(b, "units.total");
  b.mutable_groups(0)->set_counters(units,
                                    std::numeric_limits<int64_t>::max() - 5);
  absl::StatusOr<v1::PartialReport> m = MergePartialReports(a, b);
  EXPECT_EQ(m.status().code(), absl::StatusCode::kOutOfRange) << m.status();
  EXPECT_THAT(std::string(m.status().message()),
              ::testing::HasSubstr("units.total"));
  // The same for a count of findings.
  b.mutable_groups(0)->set_counters(units, a.groups(0).counters(units));
  v1::NamedCount* fa = a.add_findings();
  fa->set_name("member.status.missing");
  fa->set_count(std::numeric_limits<int64_t>::max());
  v1::NamedCount* fb = b.add_findings();
  fb->set_name("member.status.missing");
  fb->set_count(1);
  m = MergePartialReports(a, b);
  EXPECT_EQ(m.status().code(), absl::StatusCode::kOutOfRange) << m.status();
  // Within range: merged.
  fa->set_count(1);
  EXPECT_THAT(MergePartialReports(a, b), IsOk());
  // Two groups within range whose total is not: the whole report's count
  // (合计) is OutOfRange, not "单位总数 -8,446,744,073,709,551,616".
  v1::PartialReport big = KeshiketengPartial();
  ASSERT_GE(big.groups_size(), 2);
  big.mutable_groups(0)->set_counters(units,
                                      int64_t{5'000'000'000'000'000'000});
  big.mutable_groups(1)->set_counters(units,
                                      int64_t{5'000'000'000'000'000'000});
  EXPECT_EQ(FinishReport(big).status().code(), absl::StatusCode::kOutOfRange);
}

// A negative eligible count gave "−1564.9%"; more met than eligible, or two
// groups of one key (counted twice), are no partial an aggregation writes.
TEST(MergeInvariantsTest, InconsistentPartialsAreRefused) {
  const v1::PartialReport good = KeshiketengPartial();
  ASSERT_GE(good.groups_size(), 2);
  EXPECT_THAT(MergePartialReports(good, Unprinted(good)), IsOk());
  EXPECT_THAT(FinishReport(good), IsOk());
  const int eligible = CounterIndex(good, "targets.target_1.eligible");
  const int met = CounterIndex(good, "targets.target_1.met");
  v1::PartialReport negative = good;
  negative.mutable_groups(0)->set_counters(eligible, -5);
  v1::PartialReport over = good;
  over.mutable_groups(0)->set_counters(met,
                                       over.groups(0).counters(eligible) + 1);
  v1::PartialReport twice = good;
  *twice.add_groups() = good.groups(0);
  for (v1::PartialReport* bad : {&negative, &over, &twice}) {
    bad->clear_shards();
    absl::StatusOr<v1::PartialReport> m = MergePartialReports(good, *bad);
    EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument)
        << m.status();
    EXPECT_EQ(FinishReport(*bad).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
}

// The transfers a validated run carries: merged partials pair them,
// FinishReport() counts what is left, malformed ledgers are refused, and a
// regrouped partial keeps them.
TEST(MergeInvariantsTest, TransfersArePairedCountedAndChecked) {
  v1::PartialReport good = KeshiketengPartial();
  good.clear_shards();
  auto side = [](v1::TransferLedger* l, int kind, int month, int day,
                 const std::string& member) {
    v1::TransferSide* s = l->add_sides();
    s->set_key("L-1#00000000|150425********001X");
    s->set_kind(static_cast<v1::MembershipEventKind>(kind));
    s->mutable_on()->set_year(2014);
    s->mutable_on()->set_month(month);
    s->mutable_on()->set_day(day);
    s->set_counterpart_region_id(kind == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN
                                     ? "r-sender"
                                     : "r-receiver");
    s->set_member_id(member);
  };
  v1::PartialReport sender = good;
  *sender.mutable_transfers() = v1::TransferLedger();
  sender.mutable_transfers()->set_letter_valid_days(90);
  sender.mutable_transfers()->add_region_ids("r-sender");
  side(sender.mutable_transfers(), v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT, 3, 1,
       "m-out");
  v1::PartialReport receiver = good;
  *receiver.mutable_transfers() = v1::TransferLedger();
  receiver.mutable_transfers()->set_letter_valid_days(90);
  receiver.mutable_transfers()->add_region_ids("r-receiver");
  side(receiver.mutable_transfers(), v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN, 3,
       10, "m-in");
  auto transfer_findings = [](const v1::PartialReport& p) {
    absl::StatusOr<v1::Report> r = FinishReport(p);
    EXPECT_THAT(r, IsOk());
    int64_t n = 0;
    for (const v1::NamedCount& c : r->data_quality().findings()) {
      if (c.name().rfind("member.transfer.", 0) == 0) n += c.count();
    }
    return n;
  };
  // Alone, neither county has read the other: nothing to judge.
  EXPECT_EQ(transfer_findings(sender), 0);
  EXPECT_EQ(transfer_findings(receiver), 0);
  // Merged, the two sides pair and leave the ledger.
  absl::StatusOr<v1::PartialReport> both =
      MergePartialReports(sender, receiver);
  ASSERT_THAT(both, IsOk());
  EXPECT_EQ(both->transfers().sides_size(), 0);
  EXPECT_EQ(both->transfers().region_ids_size(), 2);
  EXPECT_EQ(transfer_findings(*both), 0);
  // Received 150 days after the out: overdue, counted once, in both orders.
  receiver.mutable_transfers()->mutable_sides(0)->mutable_on()->set_month(7);
  receiver.mutable_transfers()->mutable_sides(0)->mutable_on()->set_day(29);
  absl::StatusOr<v1::PartialReport> late =
      MergePartialReports(sender, receiver);
  absl::StatusOr<v1::PartialReport> late2 =
      MergePartialReports(receiver, sender);
  ASSERT_THAT(late, IsOk());
  ASSERT_THAT(late2, IsOk());
  EXPECT_EQ(late->SerializeAsString(), late2->SerializeAsString());
  ASSERT_EQ(late->transfers().sides_size(), 1);
  EXPECT_TRUE(late->transfers().sides(0).has_paired_out_on());
  EXPECT_EQ(transfer_findings(*late), 1);
  // A regrouped partial keeps them.
  v1::GroupBy none;
  absl::StatusOr<v1::PartialReport> regrouped =
      RegroupPartialReport(*late, none);
  ASSERT_THAT(regrouped, IsOk());
  EXPECT_EQ(transfer_findings(*regrouped), 1);
  // Different settings do not merge.
  v1::PartialReport strict = receiver;
  strict.mutable_transfers()->set_letter_valid_days(30);
  EXPECT_EQ(MergePartialReports(sender, strict).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Malformed ledgers are refused, not judged.
  v1::PartialReport no_days = sender;
  no_days.mutable_transfers()->set_letter_valid_days(0);
  v1::PartialReport bad_date = sender;
  bad_date.mutable_transfers()->mutable_sides(0)->mutable_on()->set_month(13);
  v1::PartialReport bad_kind = sender;
  bad_kind.mutable_transfers()->mutable_sides(0)->set_kind(
      v1::MEMBERSHIP_EVENT_KIND_DIED);
  for (const v1::PartialReport* bad : {&no_days, &bad_date, &bad_kind}) {
    EXPECT_EQ(FinishReport(*bad).status().code(),
              absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(MergePartialReports(receiver, *bad).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace dangjian
