// The rule cases (rule_cases.h) of the rules on records of any kind: ids,
// dates, references and regions.
#include <cstdio>
#include <string>
#include <vector>

#include "validate/rule_cases.h"
#include "validate_fixture.h"

namespace dangjian {
namespace rule_cases {

using ::dangjian::testing::IdWithCheck;
using ::dangjian::testing::SetDate;

// The cases of the rules on ids, references and dates.
void AddReferenceAndDateCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
  c.push_back(
      {"IdMissing", "record.id.missing", "host_annual_result", "", "id",
       [](v1::Dataset& d) { d.mutable_host_annual_results(0)->clear_id(); },
       [](v1::Dataset& d) {
         d.mutable_host_annual_results(0)->set_id("y-2");
       }});
  c.push_back({"IdDuplicate", "record.id.duplicate", "member", "m-4", "id",
               [](v1::Dataset& d) {
                 v1::Member copy = *M(d, "m-4");
                 copy.set_national_id(IdWithCheck("15042519800505011"));
                 *d.add_members() = copy;
               },
               [](v1::Dataset& d) {
                 v1::Member copy = *M(d, "m-4");
                 copy.set_id("m-6");
                 copy.set_national_id(IdWithCheck("15042519800505011"));
                 *d.add_members() = copy;
               }});
  c.push_back(
      {"RefRegion", "reference.region.unknown", "host_organization", "h-big",
       "region_id",
       [](v1::Dataset& d) { H(d, "h-big")->set_region_id("r-nowhere"); },
       [](v1::Dataset& d) { H(d, "h-big")->clear_region_id(); }});
  c.push_back({"RefGrid", "reference.grid.unknown", "host_organization",
               "h-none", "grid_id",
               [](v1::Dataset& d) { H(d, "h-none")->set_grid_id("g-9"); },
               none});
  c.push_back({"RefHost", "reference.host_organization.unknown",
               "party_organization", "p-joint", "host_organization_ids[1]",
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_host_organization_ids(1, "h-gone");
               },
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_host_organization_ids(1, "h-none");
               }});
  c.push_back(
      {"RefPartyOrg", "reference.party_organization.unknown", "member", "m-4",
       "party_organization_id",
       [](v1::Dataset& d) { M(d, "m-4")->set_party_organization_id("p-gone"); },
       [](v1::Dataset& d) { M(d, "m-4")->clear_party_organization_id(); }});
  c.push_back({"RefMember", "reference.member.unknown", "party_organization",
               "p-standalone", "secretary_member_id",
               [](v1::Dataset& d) {
                 O(d, "p-standalone")->set_secretary_member_id("m-99");
               },
               [](v1::Dataset& d) {
                 O(d, "p-standalone")->set_secretary_member_id("m-2");
               }});
  c.push_back({"RefVenue", "reference.venue.unknown", "party_organization",
               "p-regional", "venue_id",
               [](v1::Dataset& d) { O(d, "p-regional")->set_venue_id("v-9"); },
               none});
  c.push_back({"DateInvalid", "date.invalid", "member", "m-1", "full_on",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_full_on(), 2012, 2, 30);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_full_on(), 2012, 2, 29);
               }});
  c.push_back({"DateInvalidMonth", "date.invalid", "host_organization", "h-big",
               "registered_on",
               [](v1::Dataset& d) {
                 SetDate(H(d, "h-big")->mutable_registered_on(), 2005, 13, 0);
               },
               [](v1::Dataset& d) {
                 SetDate(H(d, "h-big")->mutable_registered_on(), 2005, 12, 0);
               }});
  c.push_back(
      {"DateFuture", "date.future", "funding", "f-1", "received_on",
       [](v1::Dataset& d) {
         SetDate(d.mutable_funding(0)->mutable_received_on(), 2024, 7, 1);
       },
       [](v1::Dataset& d) {
         SetDate(d.mutable_funding(0)->mutable_received_on(), 2024, 6, 30);
       }});
  c.push_back(
      {"DatesOrder", "record.dates.order", "cadre_assignment", "c-1", "end_on",
       [](v1::Dataset& d) {
         SetDate(d.mutable_cadre_assignments(0)->mutable_end_on(), 2019, 12,
                 31);
       },
       [](v1::Dataset& d) {
         SetDate(d.mutable_cadre_assignments(0)->mutable_end_on(), 2020, 1, 1);
       }});
}

// The cases of the rules on enum values, counts and the region tree.
void AddEnumCountAndRegionCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
  c.push_back(
      {"RegionCycle", "region.tree.cycle", "region", "r-county", "parent_id",
       [](v1::Dataset& d) { d.mutable_regions(0)->set_parent_id("r-town"); },
       [](v1::Dataset& d) {
         v1::Region* v = d.add_regions();
         v->set_id("r-village");
         v->set_level(v1::REGION_LEVEL_VILLAGE);
         v->set_parent_id("r-town");
       }});
  c.push_back({"EnumUnknown", "record.enum.unknown", "member", "m-1", "status",
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_status(static_cast<v1::MemberStatus>(6));
               },
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_status(v1::MEMBER_STATUS_PROBATIONARY);
               }});
  c.push_back({"EnumUnknownSector", "record.enum.unknown", "host_organization",
               "h-none", "sector_system",
               [](v1::Dataset& d) {
                 H(d, "h-none")
                     ->set_sector_system(static_cast<v1::SectorSystem>(99999));
               },
               none});
  c.push_back({"CountNegative", "record.count.negative", "host_annual_result",
               "y-neg", "jobs_provided",
               [](v1::Dataset& d) {
                 d.mutable_host_annual_results(0)->set_id("y-neg");
                 d.mutable_host_annual_results(0)->set_jobs_provided(-5);
               },
               [](v1::Dataset& d) {
                 d.mutable_host_annual_results(0)->set_jobs_provided(5);
               }});
  c.push_back({"CountNegativeActivity", "record.count.negative", "activity",
               "a-neg", "count",
               [](v1::Dataset& d) {
                 d.mutable_activities(0)->set_id("a-neg");
                 d.mutable_activities(0)->set_count(-7);
               },
               [](v1::Dataset& d) { d.mutable_activities(0)->set_count(7); }});
  c.push_back({"EconomyInconsistent", "region.economy.inconsistent",
               "region_economy", "e-1", "market_entities_non_public",
               [](v1::Dataset& d) {
                 v1::RegionEconomy* e = d.add_region_economies();
                 e->set_id("e-1");
                 e->set_region_id("r-county");
                 e->set_year(2023);
                 e->set_market_entities_total(100);
                 e->set_market_entities_non_public(140);
               },
               [](v1::Dataset& d) {
                 v1::RegionEconomy* e = d.add_region_economies();
                 e->set_id("e-1");
                 e->set_region_id("r-county");
                 e->set_year(2023);
                 e->set_market_entities_total(100);
                 e->set_market_entities_non_public(40);
               }});
  c.push_back(
      {"RegionalBranchNone", "region.regional_branch.count", "region", "r-town",
       "level",
       [](v1::Dataset& d) { O(d, "p-regional")->set_region_id("r-county"); },
       none});
  c.push_back({"RegionalBranchTwo", "region.regional_branch.count", "region",
               "r-town", "level",
               [](v1::Dataset& d) {
                 v1::PartyOrganization copy = *O(d, "p-regional");
                 copy.set_id("p-regional-2");
                 *d.add_party_organizations() = copy;
               },
               [](v1::Dataset& d) {
                 v1::PartyOrganization copy = *O(d, "p-regional");
                 copy.set_id("p-regional-2");
                 SetDate(copy.mutable_dissolved_on(), 2024, 1, 1);
                 *d.add_party_organizations() = copy;
               }});
  c.push_back(
      {"DateFutureStarRecord", "date.future", "star_assessment", "p-standalone",
       "year",
       [](v1::Dataset& d) { StarRecord(d, "p-standalone")->set_year(2025); },
       [](v1::Dataset& d) { StarRecord(d, "p-standalone"); }});
  c.push_back({"RefPartyOrgStarRecord", "reference.party_organization.unknown",
               "star_assessment", "p-gone", "party_organization_id",
               [](v1::Dataset& d) { StarRecord(d, "p-gone"); },
               [](v1::Dataset& d) { StarRecord(d, "p-standalone"); }});
  c.push_back({"FundingYearFuture", "date.future", "funding", "f-1", "year",
               [](v1::Dataset& d) { d.mutable_funding(0)->set_year(2025); },
               [](v1::Dataset& d) { d.mutable_funding(0)->set_year(2024); }});
}

}  // namespace rule_cases
}  // namespace dangjian
