// A clean county ledger for the validator's tests: every rule passes on it, so
// a test changes one thing and expects exactly the rule it breaks.
#ifndef DANGJIAN_TESTS_VALIDATE_FIXTURE_H_
#define DANGJIAN_TESTS_VALIDATE_FIXTURE_H_

#include <string>

#include "dangjian/v1/dataset.pb.h"

namespace dangjian {
namespace testing {

// The 18-character resident ID with the right GB 11643 check character.
inline std::string IdWithCheck(const std::string& first17) {
  static const int kW[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                             3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kW[i];
  return first17 + "10X98765432"[sum % 11];
}

// The 18-character unified social credit code with the right GB 32100 check.
inline std::string CreditWithCheck(const std::string& first17) {
  static const std::string kA = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kW[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                             29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    sum += static_cast<int>(kA.find(first17[i])) * kW[i];
  }
  int c = 31 - sum % 31;
  if (c == 31) c = 0;
  return first17 + kA[c];
}

inline void SetDate(v1::Date* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

// The validator's as_of date for the fixture: 2024-06-30.
inline v1::Date FixtureAsOf() {
  v1::Date d;
  SetDate(&d, 2024, 6, 30);
  return d;
}

inline v1::Member* AddFullMember(v1::Dataset* d, const std::string& id,
                                 const std::string& host,
                                 const std::string& org,
                                 const std::string& sequence) {
  v1::Member* m = d->add_members();
  m->set_id(id);
  m->set_name("党员" + id);
  m->set_status(v1::MEMBER_STATUS_FULL);
  SetDate(m->mutable_applied_on(), 2010, 1, 1);
  SetDate(m->mutable_activist_on(), 2010, 6, 1);
  SetDate(m->mutable_development_target_on(), 2011, 7, 1);
  SetDate(m->mutable_probationary_on(), 2011, 9, 1);
  SetDate(m->mutable_full_on(), 2012, 9, 1);
  SetDate(m->mutable_birth_date(), 1980, 5, 5);
  m->set_gender(v1::GENDER_MALE);  // sequence is odd
  m->set_national_id(IdWithCheck("15042519800505" + sequence));
  m->set_phone("13800138000");
  m->set_host_organization_id(host);
  m->set_party_organization_id(org);
  m->set_dues_category(v1::DUES_CATEGORY_EMPLOYED);
  m->set_monthly_income_fen(400000);  // 4,000 yuan: 1%
  m->set_monthly_dues_fen(4000);
  return m;
}

// The clean county. Records (ForEachRecord order):
//   regions r-county (COUNTY), r-town (TOWNSHIP);
//   grid g-1 of p-regional, with an instructor;
//   hosts h-big (3 full members, standalone p-standalone), h-small (1 full
//   member) and h-small2 (1 probationary member) in joint p-joint, h-none (no
//   members, in grid g-1, contact card issued);
//   party organizations p-standalone, p-joint, p-regional;
//   venues v-regional; funding f-1; members m-1..m-5; cadre c-1; reserve t-1;
//   activities a-q1..a-q4 (a heart-to-heart meeting each quarter);
//   host annual result y-1; region economy e-1.
inline v1::Dataset CleanCounty() {
  v1::Dataset d;
  v1::Region* county = d.add_regions();
  county->set_id("r-county");
  county->set_name("克什克腾旗");
  county->set_level(v1::REGION_LEVEL_COUNTY);
  v1::Region* town = d.add_regions();
  town->set_id("r-town");
  town->set_name("经棚镇");
  town->set_level(v1::REGION_LEVEL_TOWNSHIP);
  town->set_parent_id("r-county");

  v1::Grid* g = d.add_grids();
  g->set_id("g-1");
  g->set_party_organization_id("p-regional");
  g->set_region_id("r-town");
  g->set_instructor_name("王指导");
  g->set_instructor_phone("13900139000");

  v1::HostOrganization* big = d.add_host_organizations();
  big->set_id("h-big");
  big->set_name("红山水泥有限公司");
  big->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  big->set_subtype(v1::HOST_SUBTYPE_PRIVATE_ENTERPRISE);
  big->set_unified_social_credit_code(CreditWithCheck("91150425MA0N12345"));
  big->set_region_id("r-town");
  SetDate(big->mutable_registered_on(), 2005, 3, 1);
  v1::HostOrganization* small = d.add_host_organizations();
  small->set_id("h-small");
  small->set_kind(v1::HOST_KIND_SOCIAL);
  small->set_subtype(v1::HOST_SUBTYPE_SOCIAL_GROUP);
  small->set_region_id("r-town");
  v1::HostOrganization* small2 = d.add_host_organizations();
  small2->set_id("h-small2");
  small2->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  small2->set_region_id("r-town");
  v1::HostOrganization* none = d.add_host_organizations();
  none->set_id("h-none");
  none->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  none->set_subtype(v1::HOST_SUBTYPE_INDIVIDUAL_BUSINESS);
  none->set_region_id("r-town");
  none->set_grid_id("g-1");
  none->set_service_contact_card_issued(true);

  v1::PartyOrganization* s = d.add_party_organizations();
  s->set_id("p-standalone");
  s->set_level(v1::ORG_LEVEL_BRANCH);
  s->set_formation(v1::FORMATION_MODEL_STANDALONE);
  s->add_host_organization_ids("h-big");
  s->set_region_id("r-town");
  SetDate(s->mutable_founded_on(), 2015, 7, 1);
  s->set_secretary_member_id("m-1");
  v1::StarAssessment* a = s->add_star_assessments();
  a->set_year(2024);
  a->set_stars(5);
  a->set_organization_building_good(true);
  a->set_guarantee_mechanism_good(true);
  a->set_activities_good(true);
  a->set_role_played_well(true);
  a->set_distinctive_results_good(true);
  SetDate(a->mutable_assessed_on(), 2024, 3, 1);
  v1::PartyOrganization* j = d.add_party_organizations();
  j->set_id("p-joint");
  j->set_level(v1::ORG_LEVEL_BRANCH);
  j->set_formation(v1::FORMATION_MODEL_JOINT);
  j->add_host_organization_ids("h-small");
  j->add_host_organization_ids("h-small2");
  j->set_region_id("r-town");
  SetDate(j->mutable_founded_on(), 2016, 1, 1);
  v1::PartyOrganization* r = d.add_party_organizations();
  r->set_id("p-regional");
  r->set_level(v1::ORG_LEVEL_BRANCH);
  r->set_formation(v1::FORMATION_MODEL_REGIONAL);
  r->set_region_id("r-town");
  r->set_venue_id("v-regional");
  SetDate(r->mutable_founded_on(), 2014, 1, 1);

  v1::Venue* v = d.add_venues();
  v->set_id("v-regional");
  v->set_party_organization_id("p-regional");
  v->set_ownership(v1::VENUE_OWNERSHIP_OWN);
  v->set_area_square_metres(120);
  v->set_capacity(60);
  v->set_has_site(true);
  v->set_has_facilities(true);
  v->set_has_signage(true);
  v->set_has_party_flag(true);
  v->set_has_books_and_newspapers(true);
  v->set_has_rules_on_wall(true);
  v->set_latitude(43.26);
  v->set_longitude(117.54);

  v1::Funding* f = d.add_funding();
  f->set_id("f-1");
  f->set_party_organization_id("p-standalone");
  f->set_year(2023);
  f->set_source(v1::FUNDING_SOURCE_ENTERPRISE_ALLOCATION);
  f->set_amount_fen(10000000);  // 红山水泥's 100,000 yuan
  SetDate(f->mutable_received_on(), 2023, 2, 1);

  AddFullMember(&d, "m-1", "h-big", "p-standalone", "001");
  AddFullMember(&d, "m-2", "h-big", "p-standalone", "003");
  AddFullMember(&d, "m-3", "h-big", "p-standalone", "005");
  AddFullMember(&d, "m-4", "h-small", "p-joint", "007");
  v1::Member* p = AddFullMember(&d, "m-5", "h-small2", "p-joint", "009");
  p->set_status(v1::MEMBER_STATUS_PROBATIONARY);
  SetDate(p->mutable_development_target_on(), 2022, 7, 1);
  SetDate(p->mutable_probationary_on(), 2024, 1, 15);
  p->clear_full_on();

  v1::CadreAssignment* c = d.add_cadre_assignments();
  c->set_id("c-1");
  c->set_kind(v1::CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY);
  c->set_party_organization_id("p-standalone");
  SetDate(c->mutable_start_on(), 2020, 1, 1);
  SetDate(c->mutable_end_on(), 2022, 1, 1);

  v1::ReserveTalent* t = d.add_reserve_talent();
  t->set_id("t-1");
  t->set_member_id("m-2");
  t->set_host_organization_id("h-big");
  t->set_party_organization_id("p-standalone");
  SetDate(t->mutable_since(), 2021, 5, 1);

  const int quarters[4][2] = {{2023, 5}, {2023, 8}, {2023, 11}, {2024, 2}};
  for (int i = 0; i < 4; ++i) {
    v1::Activity* act = d.add_activities();
    act->set_id("a-q" + std::to_string(i + 1));
    act->set_kind(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING);
    act->set_party_organization_id("p-regional");
    act->set_host_organization_id("h-none");
    SetDate(act->mutable_held_on(), quarters[i][0], quarters[i][1], 10);
  }

  v1::HostAnnualResult* y = d.add_host_annual_results();
  y->set_id("y-1");
  y->set_host_organization_id("h-big");
  y->set_year(2023);
  y->set_jobs_provided(300);

  v1::RegionEconomy* e = d.add_region_economies();
  e->set_id("e-1");
  e->set_region_id("r-county");
  e->set_year(2012);
  return d;
}

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_VALIDATE_FIXTURE_H_
