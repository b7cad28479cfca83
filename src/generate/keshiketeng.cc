// The keshiketeng-2014 scenario: a ledger shaped like Keshiketeng Banner
// (克什克腾旗) in mid-2014, built from the figures of the People's Daily Online
// article of 2014-08-14 (DOMAIN.md). The people are invented; no resident IDs.
#include <cstdint>
#include <string>
#include <utility>

#include "dangjian/generate.h"
#include "dangjian/policy.h"
#include "dangjian/record.h"

namespace dangjian {
namespace {

constexpr int kYear = kKeshiketeng2014Year;

v1::Date Day(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

// The banner's figures (the article's): 23 townships, 126 grids, 7,000 units.
constexpr int kTowns = 23;
constexpr int kGrids = 126;
constexpr int kHosts = 7000;
constexpr int kStandalone = 116;
constexpr int kStandaloneNonPublic = 98;
constexpr int kJointUnits = 184;
constexpr int kJointNonPublicOrgs = 29;

// Builds the dataset section by section, in the order of its lists.
class Builder {
 public:
  v1::Dataset Build() {
    BannerAndEconomy();
    TownshipsAndGrids();
    Units();
    Branches();
    NewMembersAndPosts();
    Cadres();
    Activities();
    FundingResultsAndVenues();
    return std::move(d_);
  }

 private:
  // The banner (旗), its 22 working committee member units and its economy of
  // 2012.
  void BannerAndEconomy() {
    *d_.mutable_policy() = DefaultPolicy();
    d_.mutable_provenance()->set_reporting_unit("克什克腾旗委组织部");
    d_.mutable_provenance()->set_region_id("ksk");

    v1::Region* banner = d_.add_regions();
    banner->set_id("ksk");
    banner->set_name("克什克腾旗");
    banner->set_code("150425");
    banner->set_level(v1::REGION_LEVEL_COUNTY);
    for (int i = 0; i < 22; ++i) {
      banner->add_working_committee_member_units("成员单位" +
                                                 std::to_string(i));
    }
    v1::RegionEconomy* econ = d_.add_region_economies();
    econ->set_id("ksk-2012");
    econ->set_region_id("ksk");
    econ->set_year(2012);
    econ->set_market_entities_total(10000);
    econ->set_market_entities_non_public(9669);  // 96.69%
    econ->set_value_added_total_fen(10000000000);
    econ->set_value_added_non_public_fen(7000000000);  // 70%
    econ->set_tax_revenue_total_fen(1000000000);
    econ->set_tax_revenue_non_public_fen(432600000);  // 43.26%
  }

  // The 23 townships (苏木乡镇), each with its regional branch (区域党支部) and
  // its heart-to-heart meetings, and the 126 grids with their instructors.
  void TownshipsAndGrids() {
    for (int t = 0; t < kTowns; ++t) {
      const std::string ts = std::to_string(t);
      v1::Region* town = d_.add_regions();
      town->set_id("town-" + ts);
      town->set_name(t == 0 ? "经棚镇" : "苏木" + ts);
      town->set_level(t == 0 ? v1::REGION_LEVEL_TOWN : v1::REGION_LEVEL_SUMU);
      town->set_parent_id("ksk");
      v1::PartyOrganization* rb = d_.add_party_organizations();
      rb->set_id("rb-" + ts);
      rb->set_name(town->name() + "区域党支部");
      rb->set_level(v1::ORG_LEVEL_BRANCH);
      rb->set_formation(v1::FORMATION_MODEL_REGIONAL);
      rb->set_region_id(town->id());
      // The article's 30 demonstration points: the 27 organizations of four
      // and five stars, and three regional branches.
      rb->set_demonstration_point(t < 3);
      // Heart-to-heart meetings: 15 branches one a quarter (60), 3 a fifth.
      if (t < 15) {
        for (int q = 0; q < 4; ++q) {
          v1::Activity* a = d_.add_activities();
          a->set_id("meet-" + ts + "-" + std::to_string(q));
          a->set_kind(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING);
          a->set_party_organization_id(rb->id());
          *a->mutable_held_on() = Day(kYear, 3 * q + 2, 10);
          a->set_participants(20);
        }
      } else if (t < 18) {
        v1::Activity* a = d_.add_activities();
        a->set_id("meet-" + ts + "-x");
        a->set_kind(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING);
        a->set_party_organization_id(rb->id());
        *a->mutable_held_on() = Day(kYear, 5, 20);
      }
    }
    for (int g = 0; g < kGrids; ++g) {
      const std::string gs = std::to_string(g);
      v1::Grid* grid = d_.add_grids();
      grid->set_id("grid-" + gs);
      grid->set_name("网格" + gs);
      grid->set_party_organization_id("rb-" + std::to_string(g % kTowns));
      grid->set_region_id("town-" + std::to_string(g % kTowns));
      grid->set_basis(g % 3 == 0 ? v1::GRID_BASIS_INDUSTRY
                                 : v1::GRID_BASIS_GEOGRAPHY);
      grid->set_instructor_name("指导员" + gs);
      grid->set_instructor_unit("旗工商局");
      grid->set_instructor_assignment_id("inst-" + gs);
      v1::CadreAssignment* c = d_.add_cadre_assignments();
      c->set_id("inst-" + gs);
      c->set_kind(v1::CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR);
      c->set_name(grid->instructor_name());
      c->set_grid_id(grid->id());
      *c->mutable_start_on() = Day(2013, 3, 1);
    }
  }

  // The 7,000 units.
  void Units() {
    // Host organizations: 0-115 standalone, 116-299 joint, 300-6999 none.
    for (int i = 0; i < kHosts; ++i) {
      const std::string is = std::to_string(i);
      v1::HostOrganization* h = d_.add_host_organizations();
      h->set_id("h-" + is);
      h->set_name(i == 0 ? "克什克腾红山水泥有限公司" : "单位" + is);
      const int grid = i % kGrids;
      h->set_grid_id("grid-" + std::to_string(grid));
      h->set_region_id("town-" + std::to_string(grid % kTowns));
      h->set_status(v1::HOST_STATUS_OPERATING);
      bool social;
      if (i < kStandalone) {
        social = i >= kStandaloneNonPublic;
      } else if (i < kStandalone + kJointUnits) {
        social = (i - kStandalone) / 2 >= kJointNonPublicOrgs;
      } else {
        social = i % 10 == 0;
      }
      h->set_kind(social ? v1::HOST_KIND_SOCIAL
                         : v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
      h->set_subtype(social ? v1::HOST_SUBTYPE_SOCIAL_GROUP
                            : (i % 2 ? v1::HOST_SUBTYPE_INDIVIDUAL_BUSINESS
                                     : v1::HOST_SUBTYPE_PRIVATE_ENTERPRISE));
      h->set_sector_system(social
                               ? v1::SECTOR_SYSTEM_CIVIL_AFFAIRS
                               : v1::SECTOR_SYSTEM_INDIVIDUAL_PRIVATE_ECONOMY);
      h->set_industry(i % 4 == 0 ? "C30" : "F52");
      h->set_has_trade_union(i < 259);
      h->set_has_womens_organization(i < 69);
      h->set_has_youth_league_organization(i < 28);
      h->set_service_contact_card_issued(true);
      h->mutable_owner()->set_name("业主" + is);
      if (i < 85) {  // Owners who are members and serve as secretaries.
        h->mutable_owner()->set_is_party_member(true);
        h->mutable_owner()->set_is_secretary(true);
      }
      if (i >= kStandalone + kJointUnits) {
        h->mutable_reported_member_counts();  // Present: "no members".
      }
    }
  }

  // The 116 standalone branches with their stars and members, and the 92 joint
  // branches of two units each.
  void Branches() {
    // Standalone branches.
    for (int i = 0; i < kStandalone; ++i) {
      const std::string is = std::to_string(i);
      const std::string host = "h-" + is;
      v1::PartyOrganization* o = d_.add_party_organizations();
      o->set_id("sa-" + is);
      o->set_name("单位" + is + "党支部");
      o->set_level(v1::ORG_LEVEL_BRANCH);
      o->set_formation(v1::FORMATION_MODEL_STANDALONE);
      o->add_host_organization_ids(host);
      o->set_region_id(d_.host_organizations(i).region_id());
      *o->mutable_founded_on() = Day(2010, 7, 1);
      o->set_demonstration_point(i < 27);
      if (i >= 100 && i < 107) {  // Moved out of a joint branch.
        o->set_previous_party_organization_id("jb-" + std::to_string(i - 100));
        *o->mutable_founded_on() = Day(2013, 7, 1);
      }
      v1::StarAssessment* a = o->add_star_assessments();
      a->set_year(kYear);
      a->set_stars(i < 12 ? 5 : i < 27 ? 4 : i < 87 ? 3 : 2);
      // The five criteria (五好) met, one per star.
      a->set_organization_building_good(a->stars() >= 1);
      a->set_guarantee_mechanism_good(a->stars() >= 2);
      a->set_activities_good(a->stars() >= 3);
      a->set_role_played_well(a->stars() >= 4);
      a->set_distinctive_results_good(a->stars() >= 5);
      a->set_standard_version("keshiketeng-2013");
      for (int k = 0; k < 3; ++k) {
        v1::Member* m = AddMember(host, o->id(), v1::MEMBER_STATUS_FULL);
        if (k == 0 && i < 85) {
          m->set_is_owner(true);
          m->add_roles(v1::MEMBER_ROLE_SECRETARY);
        }
      }
    }
    // Joint branches: two units each.
    for (int j = 0; j < kJointUnits / 2; ++j) {
      const std::string js = std::to_string(j);
      v1::PartyOrganization* o = d_.add_party_organizations();
      o->set_id("jb-" + js);
      o->set_name("联合党支部" + js);
      o->set_level(v1::ORG_LEVEL_BRANCH);
      o->set_formation(v1::FORMATION_MODEL_JOINT);
      const int first = kStandalone + 2 * j;
      for (int k = 0; k < 2; ++k) {
        const std::string host = "h-" + std::to_string(first + k);
        o->add_host_organization_ids(host);
        AddMember(host, o->id(), v1::MEMBER_STATUS_FULL);
      }
      o->set_region_id(d_.host_organizations(first).region_id());
    }
  }

  // The year's 261 new members and the members' posts.
  void NewMembersAndPosts() {
    // 261 new members in 2014: 219 in standalone units, 42 in joint ones; 45
    // owners among them.
    for (int n = 0; n < 261; ++n) {
      std::string host, org;
      if (n < 219) {
        host = "h-" + std::to_string(n % kStandalone);
        org = "sa-" + std::to_string(n % kStandalone);
      } else {
        const int u = kStandalone + (n - 219) % kJointUnits;
        host = "h-" + std::to_string(u);
        org = "jb-" + std::to_string((u - kStandalone) / 2);
      }
      v1::Member* m = AddMember(host, org, v1::MEMBER_STATUS_PROBATIONARY);
      *m->mutable_activist_on() = Day(2012, 5, 1);
      *m->mutable_probationary_on() = Day(kYear, 7, 1);
      // 45 owners: of 31 standalone units and 14 joint ones whose owners were
      // not yet members (the 85 secretaries' units are h-0 .. h-84).
      const bool owner = (n >= 85 && n < kStandalone) || (n >= 219 && n < 233);
      m->set_is_owner(owner);
      if (owner) {
        const int unit =
            n < kStandalone ? n : kStandalone + (n - 219) % kJointUnits;
        d_.mutable_host_organizations(unit)
            ->mutable_owner()
            ->set_is_party_member(true);
      }
      if (n < 42) {  // 30 demonstration and 12 vanguard posts.
        v1::MemberPost* p = m->add_posts();
        p->set_kind(n < 30 ? v1::POST_KIND_DEMONSTRATION_POST
                           : v1::POST_KIND_VANGUARD_POST);
        p->set_name("岗位" + std::to_string(n));
      }
    }
    // 135 responsibility zones and 32 technical service teams over the full
    // members of standalone units (two members per team).
    for (int k = 0; k < 135; ++k) {
      v1::MemberPost* p = d_.mutable_members(k)->add_posts();
      p->set_kind(v1::POST_KIND_RESPONSIBILITY_ZONE);
      p->set_name("责任区" + std::to_string(k));
    }
    for (int k = 0; k < 64; ++k) {
      // Members 3i..3i+2 belong to host i: teams "技术服务队" of hosts 0-31.
      const int host = k / 2;
      v1::MemberPost* p = d_.mutable_members(3 * host + k % 2)->add_posts();
      p->set_kind(v1::POST_KIND_TECHNICAL_SERVICE_TEAM);
      p->set_name("技术服务队");
    }
  }

  // Cadres and reserve talent.
  void Cadres() {
    // Cadres: 60 seconded deputy secretaries; 163 reserve talents.
    for (int k = 0; k < 60; ++k) {
      v1::CadreAssignment* c = d_.add_cadre_assignments();
      c->set_id("sec-" + std::to_string(k));
      c->set_kind(v1::CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY);
      c->set_name("挂职干部" + std::to_string(k));
      c->set_from_unit("旗直单位");
      c->set_party_organization_id("sa-" + std::to_string(k % kStandalone));
      *c->mutable_start_on() = Day(2014, 1, 1);
    }
    for (int k = 0; k < 163; ++k) {
      v1::ReserveTalent* r = d_.add_reserve_talent();
      r->set_id("rt-" + std::to_string(k));
      r->set_name("储备人才" + std::to_string(k));
      r->set_host_organization_id("h-" + std::to_string(k % 300));
      *r->mutable_since() = Day(2013, 9, 1);
    }
  }

  // Activities of the year.
  void Activities() {
    // Activities of 2014 beyond the meetings.
    auto activity = [&](const std::string& id, v1::ActivityKind kind,
                        const std::string& org, int64_t count,
                        int64_t participants) {
      v1::Activity* a = d_.add_activities();
      a->set_id(id);
      a->set_kind(kind);
      a->set_party_organization_id(org);
      *a->mutable_held_on() = Day(kYear, 6, 1);
      a->set_count(count);
      a->set_participants(participants);
    };
    for (int t = 0; t < kTowns; ++t) {
      const std::string rb = "rb-" + std::to_string(t);
      // 6,980 visits; 32,200 brochures; 13,110 contact cards; 6,095 posts.
      activity("visit-" + rb, v1::ACTIVITY_KIND_VISIT, rb, t < 22 ? 303 : 314,
               0);
      activity("broch-" + rb, v1::ACTIVITY_KIND_BROCHURE_DISTRIBUTION, rb, 1400,
               0);
      activity("card-" + rb, v1::ACTIVITY_KIND_CONTACT_CARD_DISTRIBUTION, rb,
               570, 0);
      activity("post-" + rb, v1::ACTIVITY_KIND_ONLINE_POST, rb, 265, 0);
      activity("prob-" + rb, v1::ACTIVITY_KIND_PROBLEM_SOLVED, rb,
               t < 8 ? 11 : 10, 0);
    }
    for (int k = 0; k < 18; ++k) {
      activity("qq-" + std::to_string(k), v1::ACTIVITY_KIND_ONLINE_GROUP,
               "rb-" + std::to_string(k), 1, 0);
    }
    for (int k = 0; k < 4; ++k) {
      activity("train-" + std::to_string(k),
               v1::ACTIVITY_KIND_OWNER_TRAINING_CLASS, "rb-0", 1, 55);
    }
  }

  // Funding (the four ones), annual results and venues (six haves).
  void FundingResultsAndVenues() {
    // Funding: 红山水泥's 100,000 yuan a year, and returned dues elsewhere.
    v1::Funding* f = d_.add_funding();
    f->set_id("fund-hongshan");
    f->set_party_organization_id("sa-0");
    f->set_year(kYear);
    f->set_source(v1::FUNDING_SOURCE_ENTERPRISE_ALLOCATION);
    f->set_amount_fen(10000000);
    f->set_note("每年拿出10万元作为党建活动经费");

    // Annual results of 2014, spread over the standalone units.
    int64_t remaining[8] = {10200, 980000000, 610, 105, 265, 990000000, 26, 41};
    for (int i = 0; i < kStandalone; ++i) {
      v1::HostAnnualResult* r = d_.add_host_annual_results();
      r->set_id("res-" + std::to_string(i));
      r->set_host_organization_id("h-" + std::to_string(i));
      r->set_year(kYear);
      int64_t v[8];
      for (int k = 0; k < 8; ++k) {
        v[k] = i + 1 == kStandalone ? remaining[k]
                                    : remaining[k] / (kStandalone - i);
        remaining[k] -= v[k];
      }
      r->set_jobs_provided(v[0]);
      r->set_donations_fen(v[1]);
      r->set_households_helped(v[2]);
      r->set_students_aided(v[3]);
      r->set_suggestions(v[4]);
      r->set_savings_fen(v[5]);
      r->set_technical_problems_solved(v[6]);
      r->set_innovation_projects(v[7]);
    }
    // Venues (六有): every regional branch has one, shared with its township
    // (场所共用); the first 100 standalone branches have their own, of which 80
    // meet all six haves and 20 lack books and newspapers or rules on the wall.
    for (int t = 0; t < kTowns; ++t) {
      const std::string ts = std::to_string(t);
      v1::Venue* v = d_.add_venues();
      v->set_id("venue-rb-" + ts);
      v->set_name(d_.regions(t + 1).name() + "党群服务中心");
      v->set_party_organization_id("rb-" + ts);
      v->set_ownership(v1::VENUE_OWNERSHIP_SHARED_TOWNSHIP);
      v->set_area_square_metres(120);
      v->set_capacity(60);
      v->set_has_site(true);
      v->set_has_facilities(true);
      v->set_has_signage(true);
      v->set_has_party_flag(true);
      v->set_has_books_and_newspapers(true);
      v->set_has_rules_on_wall(true);
    }
    for (int i = 0; i < 100; ++i) {
      const std::string is = std::to_string(i);
      v1::Venue* v = d_.add_venues();
      v->set_id("venue-sa-" + is);
      v->set_name("单位" + is + "党员活动室");
      v->set_party_organization_id("sa-" + is);
      v->set_ownership(v1::VENUE_OWNERSHIP_OWN);
      v->set_area_square_metres(40);
      v->set_capacity(20);
      v->set_has_site(true);
      v->set_has_facilities(true);
      v->set_has_signage(true);
      v->set_has_party_flag(true);
      v->set_has_books_and_newspapers(i < 90);
      v->set_has_rules_on_wall(i < 80 || i >= 90);
    }

    // The other three of the "four ones" (四个一): the superior's supplement
    // and a fiscal subsidy for each regional branch, returned dues for each
    // standalone branch.
    for (int t = 0; t < kTowns; ++t) {
      const std::string rb = "rb-" + std::to_string(t);
      v1::Funding* s = d_.add_funding();
      s->set_id("fund-sup-" + rb);
      s->set_party_organization_id(rb);
      s->set_year(kYear);
      s->set_source(v1::FUNDING_SOURCE_SUPERIOR_SUPPLEMENT);
      s->set_amount_fen(2000000);  // 20,000 yuan.
      v1::Funding* g = d_.add_funding();
      g->set_id("fund-fis-" + rb);
      g->set_party_organization_id(rb);
      g->set_year(kYear);
      g->set_source(v1::FUNDING_SOURCE_FISCAL_SUBSIDY);
      g->set_amount_fen(3000000);  // 30,000 yuan.
    }
    for (int i = 0; i < kStandalone; ++i) {
      v1::Funding* r = d_.add_funding();
      r->set_id("fund-dues-sa-" + std::to_string(i));
      r->set_party_organization_id("sa-" + std::to_string(i));
      r->set_year(kYear);
      r->set_source(v1::FUNDING_SOURCE_DUES_RETURNED);
      r->set_amount_fen(150000);  // 1,500 yuan.
    }
  }

  // A member of `host` in `org`, admitted 2008-06-01 (full from 2009-06-01).
  v1::Member* AddMember(const std::string& host, const std::string& org,
                        v1::MemberStatus status) {
    v1::Member* m = d_.add_members();
    m->set_id("m-" + std::to_string(member_seq_++));
    m->set_name("党员" + m->id());
    m->set_status(status);
    m->set_host_organization_id(host);
    m->set_party_organization_id(org);
    *m->mutable_probationary_on() = Day(2008, 6, 1);
    if (status == v1::MEMBER_STATUS_FULL) {
      *m->mutable_full_on() = Day(2009, 6, 1);
    }
    return m;
  }

  v1::Dataset d_;
  int member_seq_ = 0;
};

}  // namespace

v1::Dataset BuildKeshiketeng2014() { return Builder().Build(); }

absl::Status GenerateKeshiketeng2014(RecordSink* sink) {
  if (sink == nullptr) {
    return absl::InvalidArgumentError("GenerateKeshiketeng2014: sink is null");
  }
  const v1::Dataset d = BuildKeshiketeng2014();
  ShardInfo shard;
  shard.index = 0;
  shard.count = 1;
  shard.region_id = d.regions(0).id();
  shard.name = d.regions(0).name();
  if (absl::Status s = sink->StartShard(shard); !s.ok()) return s;
  absl::Status status;
  ForEachRecord(d, [&](const v1::Record& r) {
    if (status.ok()) status = sink->Write(r);
  });
  if (!status.ok()) return status;
  return sink->FinishShard();
}

}  // namespace dangjian
