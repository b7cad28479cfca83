// Every rule of the catalogue, each with a record that fails it and one that
// passes, over the clean county of validate_fixture.h.
#include <algorithm>
#include <fstream>
#include <functional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dangjian/render.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "validate_fixture.h"

namespace dangjian {
namespace {

using ::dangjian::testing::AddFullMember;
using ::dangjian::testing::CleanCounty;
using ::dangjian::testing::CreditWithCheck;
using ::dangjian::testing::IdWithCheck;
using ::dangjian::testing::IsOk;
using ::dangjian::testing::SetDate;

using Mutation = std::function<void(v1::Dataset&)>;

struct Case {
  std::string name;  // test name suffix
  std::string rule;
  std::string kind;
  std::string id;
  std::string field;
  Mutation fail;
  Mutation pass;
};

// Names the case in test output (gtest would print the struct's raw bytes).
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name << " (" << c.rule << ")";
}

v1::Member* M(v1::Dataset& d, const std::string& id) {
  for (v1::Member& m : *d.mutable_members()) {
    if (m.id() == id) return &m;
  }
  return nullptr;
}
v1::HostOrganization* H(v1::Dataset& d, const std::string& id) {
  for (v1::HostOrganization& h : *d.mutable_host_organizations()) {
    if (h.id() == id) return &h;
  }
  return nullptr;
}
v1::PartyOrganization* O(v1::Dataset& d, const std::string& id) {
  for (v1::PartyOrganization& o : *d.mutable_party_organizations()) {
    if (o.id() == id) return &o;
  }
  return nullptr;
}

// Moves p-standalone's nested assessment into a record of its own naming
// `org` (a star ledger's row), and returns it.
v1::StarAssessment* StarRecord(v1::Dataset& d, const std::string& org) {
  v1::StarAssessment* a = d.add_star_assessments();
  *a = O(d, "p-standalone")->star_assessments(0);
  O(d, "p-standalone")->clear_star_assessments();
  a->set_party_organization_id(org);
  return a;
}

// Adds n full members to h-big / p-standalone, with distinct resident IDs.
void AddMembers(v1::Dataset& d, int n) {
  for (int i = 0; i < n; ++i) {
    char seq[16];
    std::snprintf(seq, sizeof(seq), "%03d", 101 + 2 * i);
    AddFullMember(&d, "m-extra-" + std::to_string(i), "h-big", "p-standalone",
                  seq);
  }
}

void AddSeats(v1::PartyOrganization* o, int n) {
  for (int i = 0; i < n; ++i) {
    o->add_committee()->set_name("委员" + std::to_string(i));
  }
}

// A valid resident ID whose check character is X.
std::string IdEndingInX() {
  for (int seq = 1; seq < 1000; seq += 2) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%03d", seq);
    const std::string id = IdWithCheck(std::string("15042519800505") + buf);
    if (id.back() == 'X') return id;
  }
  return "";
}

std::vector<Case> Cases() {
  const Mutation none = [](v1::Dataset&) {};
  std::vector<Case> c;
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
      {"SubtypeSector", "host.subtype.sector_system", "host_organization",
       "h-big", "sector_system",
       [](v1::Dataset& d) {
         H(d, "h-big")->set_sector_system(v1::SECTOR_SYSTEM_CIVIL_AFFAIRS);
       },
       [](v1::Dataset& d) {
         H(d, "h-big")
             ->set_sector_system(v1::SECTOR_SYSTEM_INDIVIDUAL_PRIVATE_ECONOMY);
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
      {"NidFormat", "member.national_id.format", "member", "m-1", "national_id",
       [](v1::Dataset& d) {
         M(d, "m-1")->set_national_id("15042519800505001");
       },
       [](v1::Dataset& d) { M(d, "m-1")->set_national_id(IdEndingInX()); }});
  c.push_back({"NidFormatLowercaseX", "member.national_id.format", "member",
               "m-1", "national_id",
               [](v1::Dataset& d) {
                 std::string id = IdEndingInX();
                 id.back() = 'x';
                 M(d, "m-1")->set_national_id(id);
               },
               none});
  c.push_back({"NidChecksum", "member.national_id.checksum", "member", "m-1",
               "national_id",
               [](v1::Dataset& d) {
                 std::string id = M(d, "m-1")->national_id();
                 id.back() = id.back() == '1' ? '2' : '1';
                 M(d, "m-1")->set_national_id(id);
               },
               none});
  c.push_back({"NidBirthDate", "member.national_id.birth_date", "member", "m-1",
               "national_id",
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_national_id(IdWithCheck("15042519801305001"));
               },
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_national_id(IdWithCheck("15042519800229001"));
               }});
  // Day 00 is no date in a resident ID (a record's own date may leave the
  // day unknown; an ID may not).
  c.push_back({"NidBirthDateDayZero", "member.national_id.birth_date", "member",
               "m-1", "national_id",
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_national_id(IdWithCheck("15042519800100001"));
               },
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_national_id(IdWithCheck("15042519800101001"));
               }});
  c.push_back({"NidDuplicate", "member.national_id.duplicate", "member", "m-2",
               "national_id",
               [](v1::Dataset& d) {
                 M(d, "m-2")->set_national_id(M(d, "m-1")->national_id());
               },
               none});
  c.push_back(
      {"NidExcelExponent", "member.national_id.excel_mangled", "member", "m-1",
       "national_id",
       [](v1::Dataset& d) { M(d, "m-1")->set_national_id("1.50425E+17"); },
       none});
  c.push_back({"NidExcelZeros", "member.national_id.excel_mangled", "member",
               "m-1", "national_id",
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_national_id("150425198005050000");
               },
               none});
  c.push_back({"BirthDateMismatch", "member.birth_date.mismatch", "member",
               "m-1", "birth_date",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_birth_date(), 1980, 5, 6);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_birth_date(), 1980, 5, 0);
               }});
  c.push_back(
      {"GenderMismatch", "member.gender.mismatch", "member", "m-1", "gender",
       [](v1::Dataset& d) { M(d, "m-1")->set_gender(v1::GENDER_FEMALE); },
       [](v1::Dataset& d) {
         M(d, "m-1")->set_gender(v1::GENDER_UNSPECIFIED);
       }});
  c.push_back(
      {"CreditFormat", "host.credit_code.format", "host_organization", "h-big",
       "unified_social_credit_code",
       [](v1::Dataset& d) {
         H(d, "h-big")->set_unified_social_credit_code("91150425MA0N1234I");
       },
       [](v1::Dataset& d) {
         H(d, "h-big")->clear_unified_social_credit_code();
       }});
  // 18 characters, one outside the code's alphabet (no I, O, S, V, Z): in
  // the body, or as the check character.
  c.push_back({"CreditFormatLetter", "host.credit_code.format",
               "host_organization", "h-big", "unified_social_credit_code",
               [](v1::Dataset& d) {
                 std::string code = CreditWithCheck("12150425MB1234567");
                 code[9] = 'I';
                 H(d, "h-big")->set_unified_social_credit_code(code);
               },
               [](v1::Dataset& d) {
                 H(d, "h-big")
                     ->set_unified_social_credit_code(
                         CreditWithCheck("12150425MB1234567"));
               }});
  c.push_back(
      {"CreditFormatCheckLetter", "host.credit_code.format",
       "host_organization", "h-big", "unified_social_credit_code",
       [](v1::Dataset& d) {
         H(d, "h-big")->set_unified_social_credit_code("12150425MB1234567Z");
       },
       [](v1::Dataset& d) {
         H(d, "h-big")
             ->set_unified_social_credit_code(
                 CreditWithCheck("12150425MB1234567"));
       }});
  c.push_back({"CreditChecksum", "host.credit_code.checksum",
               "host_organization", "h-big", "unified_social_credit_code",
               [](v1::Dataset& d) {
                 std::string code = H(d, "h-big")->unified_social_credit_code();
                 code.back() = code.back() == '1' ? '2' : '1';
                 H(d, "h-big")->set_unified_social_credit_code(code);
               },
               [](v1::Dataset& d) {
                 H(d, "h-big")
                     ->set_unified_social_credit_code(
                         CreditWithCheck("12150425MB1234567"));
               }});
  c.push_back(
      {"HostKindSubtype", "host.kind.subtype_mismatch", "host_organization",
       "h-small", "subtype",
       [](v1::Dataset& d) {
         H(d, "h-small")->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
       },
       [](v1::Dataset& d) {
         H(d, "h-small")->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
         H(d, "h-small")->set_subtype(v1::HOST_SUBTYPE_FARMER_COOPERATIVE);
       }});
  c.push_back({"StatusMissing", "member.status.missing", "member", "m-4",
               "status",
               [](v1::Dataset& d) {
                 M(d, "m-4")->set_status(v1::MEMBER_STATUS_UNSPECIFIED);
               },
               none});
  c.push_back({"ApplicantAge", "member.applicant.min_age", "member", "m-1",
               "applied_on",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_applied_on(), 1998, 5, 4);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_applied_on(), 1998, 5, 5);
               }});
  c.push_back({"PipelineOrder", "member.pipeline.order", "member", "m-1",
               "full_on",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_full_on(), 2011, 8, 1);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_full_on(), 2012, 9, 0);
               }});
  c.push_back({"StatusDates", "member.status.dates", "member", "m-5", "full_on",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-5")->mutable_full_on(), 2024, 2, 1);
               },
               [](v1::Dataset& d) {
                 M(d, "m-5")->set_status(v1::MEMBER_STATUS_FULL);
                 SetDate(M(d, "m-5")->mutable_probationary_on(), 2023, 1, 15);
                 SetDate(M(d, "m-5")->mutable_full_on(), 2024, 1, 15);
               }});
  c.push_back(
      {"ActivistPeriod", "member.activist.min_period", "member", "m-1",
       "development_target_on",
       [](v1::Dataset& d) {
         SetDate(M(d, "m-1")->mutable_development_target_on(), 2011, 5, 31);
       },
       [](v1::Dataset& d) {
         SetDate(M(d, "m-1")->mutable_development_target_on(), 2011, 6, 1);
       }});
  c.push_back({"ProbationTooShort", "member.probation.length", "member", "m-1",
               "full_on",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_full_on(), 2012, 8, 31);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_full_on(), 2013, 9, 1);
               }});
  c.push_back({"ProbationTooLong", "member.probation.length", "member", "m-1",
               "full_on",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_full_on(), 2013, 9, 2);
               },
               none});
  c.push_back(
      {"ProbationOverdue", "member.probation.overdue", "member", "m-5",
       "probationary_on",
       [](v1::Dataset& d) {
         SetDate(M(d, "m-5")->mutable_development_target_on(), 2021, 7, 1);
         SetDate(M(d, "m-5")->mutable_probationary_on(), 2022, 6, 29);
       },
       [](v1::Dataset& d) {
         SetDate(M(d, "m-5")->mutable_development_target_on(), 2021, 7, 1);
         SetDate(M(d, "m-5")->mutable_probationary_on(), 2022, 6, 30);
       }});
  c.push_back({"NotBranch", "member.party_org.not_branch", "member", "m-4",
               "party_organization_id",
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_level(v1::ORG_LEVEL_GENERAL_BRANCH);
               },
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_level(v1::ORG_LEVEL_UNSPECIFIED);
               }});
  c.push_back({"ReportedCounts", "host.reported_counts.mismatch",
               "host_organization", "h-big", "reported_member_counts.full",
               [](v1::Dataset& d) {
                 H(d, "h-big")->mutable_reported_member_counts()->set_full(2);
               },
               [](v1::Dataset& d) {
                 H(d, "h-big")->mutable_reported_member_counts()->set_full(3);
               }});
  c.push_back({"StandaloneMin", "party_org.standalone.min_full_members",
               "party_organization", "p-standalone", "host_organization_ids",
               [](v1::Dataset& d) {
                 M(d, "m-3")->set_status(v1::MEMBER_STATUS_PROBATIONARY);
                 SetDate(M(d, "m-3")->mutable_probationary_on(), 2024, 1, 1);
                 SetDate(M(d, "m-3")->mutable_development_target_on(), 2023, 1,
                         1);
                 M(d, "m-3")->clear_full_on();
               },
               none});
  c.push_back({"StandaloneMinReported", "party_org.standalone.min_full_members",
               "party_organization", "p-standalone", "host_organization_ids",
               [](v1::Dataset& d) {
                 for (v1::Member& m : *d.mutable_members()) {
                   if (m.party_organization_id() == "p-standalone") {
                     m.clear_party_organization_id();
                     m.clear_host_organization_id();
                   }
                 }
                 H(d, "h-big")->mutable_reported_member_counts()->set_full(2);
               },
               [](v1::Dataset& d) {
                 for (v1::Member& m : *d.mutable_members()) {
                   if (m.party_organization_id() == "p-standalone") {
                     m.clear_party_organization_id();
                     m.clear_host_organization_id();
                   }
                 }
                 H(d, "h-big")->mutable_reported_member_counts()->set_full(3);
               }});
  c.push_back({"StandaloneUnits", "party_org.standalone.unit_count",
               "party_organization", "p-standalone", "host_organization_ids",
               [](v1::Dataset& d) {
                 O(d, "p-standalone")->add_host_organization_ids("h-none");
               },
               none});
  c.push_back({"BranchMax", "party_org.branch.max_members",
               "party_organization", "p-standalone", "level",
               [](v1::Dataset& d) {
                 AddMembers(d, 48);
                 AddSeats(O(d, "p-standalone"), 5);
               },
               [](v1::Dataset& d) {
                 AddMembers(d, 47);
                 AddSeats(O(d, "p-standalone"), 5);
               }});
  c.push_back({"CommitteeRequired", "party_org.branch.committee_required",
               "party_organization", "p-standalone", "committee",
               [](v1::Dataset& d) { AddMembers(d, 4); },
               [](v1::Dataset& d) {
                 AddMembers(d, 4);
                 AddSeats(O(d, "p-standalone"), 2);  // committee.size's.
               }});
  c.push_back({"CommitteeSize", "party_org.committee.size",
               "party_organization", "p-standalone", "committee",
               [](v1::Dataset& d) { AddSeats(O(d, "p-standalone"), 8); },
               [](v1::Dataset& d) { AddSeats(O(d, "p-standalone"), 7); }});
  c.push_back({"CommitteeOfACommittee", "party_org.committee.size",
               "party_organization", "p-standalone", "committee",
               [](v1::Dataset& d) { AddSeats(O(d, "p-standalone"), 8); },
               [](v1::Dataset& d) {
                 // A party committee (党委) elects more: not a branch's rule.
                 O(d, "p-standalone")->set_level(v1::ORG_LEVEL_COMMITTEE);
                 AddSeats(O(d, "p-standalone"), 8);
               }});
  c.push_back({"CommitteeAboveUsual", "party_org.committee.above_usual",
               "party_organization", "p-standalone", "committee",
               [](v1::Dataset& d) { AddSeats(O(d, "p-standalone"), 6); },
               [](v1::Dataset& d) { AddSeats(O(d, "p-standalone"), 5); }});
  // p-standalone has 3 members.
  c.push_back({"LevelSizeGeneralBranch", "party_org.level.size",
               "party_organization", "p-standalone", "level",
               [](v1::Dataset& d) {
                 O(d, "p-standalone")->set_level(v1::ORG_LEVEL_GENERAL_BRANCH);
                 AddMembers(d, 47);
               },
               [](v1::Dataset& d) {
                 O(d, "p-standalone")->set_level(v1::ORG_LEVEL_GENERAL_BRANCH);
                 AddMembers(d, 48);
               }});
  // A committee counts the members of its branches.
  const auto committee_over = [](v1::Dataset& d, int extra) {
    v1::PartyOrganization* k = d.add_party_organizations();
    k->set_id("p-committee");
    k->set_level(v1::ORG_LEVEL_COMMITTEE);
    k->set_region_id("r-town");
    O(d, "p-standalone")->set_parent_id("p-committee");
    AddMembers(d, extra);
  };
  c.push_back({"LevelSizeCommittee", "party_org.level.size",
               "party_organization", "p-committee", "level",
               [committee_over](v1::Dataset& d) { committee_over(d, 96); },
               [committee_over](v1::Dataset& d) { committee_over(d, 97); }});
  // as_of is 2024-06-30; a branch's term is 3 years.
  c.push_back(
      {"TermOverdue", "party_org.term.overdue", "party_organization",
       "p-standalone", "term_started_on",
       [](v1::Dataset& d) {
         SetDate(O(d, "p-standalone")->mutable_term_started_on(), 2021, 6, 1);
       },
       [](v1::Dataset& d) {
         SetDate(O(d, "p-standalone")->mutable_term_started_on(), 2021, 7, 1);
       }});
  c.push_back(
      {"TermOverdueCommittee", "party_org.term.overdue", "party_organization",
       "p-standalone", "term_started_on",
       [](v1::Dataset& d) {
         SetDate(O(d, "p-standalone")->mutable_term_started_on(), 2019, 6, 1);
         O(d, "p-standalone")->set_level(v1::ORG_LEVEL_COMMITTEE);
       },
       [](v1::Dataset& d) {
         // A committee serves 5 years.
         SetDate(O(d, "p-standalone")->mutable_term_started_on(), 2021, 6, 1);
         O(d, "p-standalone")->set_level(v1::ORG_LEVEL_COMMITTEE);
       }});
  c.push_back(
      {"TermDue", "party_org.term.due", "party_organization", "p-standalone",
       "term_started_on",
       [](v1::Dataset& d) {
         SetDate(O(d, "p-standalone")->mutable_term_started_on(), 2021, 12, 1);
       },
       [](v1::Dataset& d) {
         SetDate(O(d, "p-standalone")->mutable_term_started_on(), 2022, 1, 31);
       }});
  c.push_back(
      {"DemonstrationStars", "party_org.demonstration.stars",
       "party_organization", "p-standalone", "demonstration_point",
       [](v1::Dataset& d) {
         O(d, "p-standalone")->set_demonstration_point(true);
         O(d, "p-standalone")->mutable_star_assessments(0)->set_stars(3);
       },
       [](v1::Dataset& d) {
         O(d, "p-standalone")->set_demonstration_point(true);
       }});
  c.push_back(
      {"DemonstrationUnrated", "party_org.demonstration.stars",
       "party_organization", "p-standalone", "demonstration_point",
       [](v1::Dataset& d) {
         O(d, "p-standalone")->set_demonstration_point(true);
         O(d, "p-standalone")->clear_star_assessments();
       },
       [](v1::Dataset& d) { O(d, "p-standalone")->clear_star_assessments(); }});
  c.push_back({"JointTooMany", "party_org.joint.unit_count",
               "party_organization", "p-joint", "host_organization_ids",
               [](v1::Dataset& d) {
                 for (int i = 0; i < 4; ++i) {
                   O(d, "p-joint")
                       ->add_host_organization_ids("h-x" + std::to_string(i));
                 }
               },
               [](v1::Dataset& d) {
                 for (int i = 0; i < 3; ++i) {
                   O(d, "p-joint")
                       ->add_host_organization_ids("h-x" + std::to_string(i));
                 }
               }});
  c.push_back({"JointTooFew", "party_org.joint.unit_count",
               "party_organization", "p-joint", "host_organization_ids",
               [](v1::Dataset& d) {
                 O(d, "p-joint")->mutable_host_organization_ids()->RemoveLast();
               },
               none});
  c.push_back({"Affiliated", "party_org.affiliated.attached_to_missing",
               "party_organization", "p-joint", "parent_id",
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_formation(v1::FORMATION_MODEL_AFFILIATED);
               },
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_formation(v1::FORMATION_MODEL_AFFILIATED);
                 O(d, "p-joint")->set_parent_id("p-regional");
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
      {"StarsRange", "party_org.stars.range", "party_organization",
       "p-standalone", "star_assessments[0].stars",
       [](v1::Dataset& d) {
         O(d, "p-standalone")->mutable_star_assessments(0)->set_stars(6);
       },
       none});
  c.push_back(
      {"StarsCriteria", "party_org.stars.criteria", "party_organization",
       "p-standalone", "star_assessments[0].stars",
       [](v1::Dataset& d) {
         O(d, "p-standalone")->mutable_star_assessments(0)->set_stars(4);
       },
       [](v1::Dataset& d) {
         v1::StarAssessment* a =
             O(d, "p-standalone")->mutable_star_assessments(0);
         a->set_stars(1);
         a->set_organization_building_good(false);
         a->set_guarantee_mechanism_good(false);
         a->set_activities_good(false);
         a->set_role_played_well(false);
         a->set_distinctive_results_good(false);
       }});
  c.push_back({"StarsNotStandalone", "party_org.stars.not_standalone",
               "party_organization", "p-joint", "star_assessments",
               [](v1::Dataset& d) {
                 *O(d, "p-joint")->add_star_assessments() =
                     O(d, "p-standalone")->star_assessments(0);
               },
               none});
  // The same rules on star assessments that are records of their own.
  c.push_back(
      {"StarsRangeRecord", "party_org.stars.range", "star_assessment",
       "p-standalone", "stars",
       [](v1::Dataset& d) { StarRecord(d, "p-standalone")->set_stars(0); },
       [](v1::Dataset& d) { StarRecord(d, "p-standalone"); }});
  c.push_back({"StarsCriteriaRecord", "party_org.stars.criteria",
               "star_assessment", "p-standalone", "stars",
               [](v1::Dataset& d) {
                 StarRecord(d, "p-standalone")->set_activities_good(false);
               },
               [](v1::Dataset& d) {
                 v1::StarAssessment* a = StarRecord(d, "p-standalone");
                 a->set_activities_good(false);
                 a->set_stars(4);
               }});
  c.push_back(
      {"DateFutureStarRecord", "date.future", "star_assessment", "p-standalone",
       "year",
       [](v1::Dataset& d) { StarRecord(d, "p-standalone")->set_year(2025); },
       [](v1::Dataset& d) { StarRecord(d, "p-standalone"); }});
  c.push_back({"StarsNotStandaloneRecord", "party_org.stars.not_standalone",
               "star_assessment", "p-joint", "party_organization_id",
               [](v1::Dataset& d) {
                 v1::StarAssessment joint = *StarRecord(d, "p-standalone");
                 joint.set_party_organization_id("p-joint");
                 *d.add_star_assessments() = joint;
               },
               [](v1::Dataset& d) { StarRecord(d, "p-standalone"); }});
  c.push_back({"StarsOrgMissing", "party_org.stars.organization_missing",
               "star_assessment", "", "party_organization_id",
               [](v1::Dataset& d) { StarRecord(d, ""); },
               [](v1::Dataset& d) { StarRecord(d, "p-standalone"); }});
  c.push_back({"RefPartyOrgStarRecord", "reference.party_organization.unknown",
               "star_assessment", "p-gone", "party_organization_id",
               [](v1::Dataset& d) { StarRecord(d, "p-gone"); },
               [](v1::Dataset& d) { StarRecord(d, "p-standalone"); }});
  c.push_back(
      {"GridInstructor", "grid.instructor.missing", "grid", "g-1",
       "instructor_name",
       [](v1::Dataset& d) { d.mutable_grids(0)->clear_instructor_name(); },
       [](v1::Dataset& d) {
         d.mutable_grids(0)->clear_instructor_name();
         d.mutable_grids(0)->set_instructor_assignment_id("c-1");
         d.mutable_cadre_assignments(0)->clear_end_on();
       }});
  // An instructor by assignment counts while the assignment is in post in
  // as_of's year (c-1 ended in 2022); one not on file counts, as the grid
  // says.
  c.push_back({"GridInstructorAssignmentEnded", "grid.instructor.missing",
               "grid", "g-1", "instructor_assignment_id",
               [](v1::Dataset& d) {
                 d.mutable_grids(0)->clear_instructor_name();
                 d.mutable_grids(0)->set_instructor_assignment_id("c-1");
               },
               [](v1::Dataset& d) {
                 d.mutable_grids(0)->clear_instructor_name();
                 d.mutable_grids(0)->set_instructor_assignment_id(
                     "c-not-on-file");
               }});
  c.push_back({"RegionalVenue", "party_org.regional.venue_missing",
               "party_organization", "p-regional", "venue_id",
               [](v1::Dataset& d) {
                 O(d, "p-regional")->clear_venue_id();
                 d.mutable_venues(0)->set_party_organization_id("p-standalone");
               },
               [](v1::Dataset& d) { O(d, "p-regional")->clear_venue_id(); }});
  c.push_back({"HeartToHeart", "party_org.regional.heart_to_heart",
               "party_organization", "p-regional", "activities",
               [](v1::Dataset& d) { d.mutable_activities()->RemoveLast(); },
               [](v1::Dataset& d) {
                 SetDate(d.mutable_activities(3)->mutable_held_on(), 2024, 3,
                         31);
               }});
  c.push_back({"ContactCard", "host.contact_card.missing", "host_organization",
               "h-none", "service_contact_card_issued",
               [](v1::Dataset& d) {
                 H(d, "h-none")->set_service_contact_card_issued(false);
               },
               [](v1::Dataset& d) {
                 H(d, "h-none")->set_service_contact_card_issued(false);
                 v1::Activity* a = d.add_activities();
                 a->set_id("a-card");
                 a->set_kind(v1::ACTIVITY_KIND_CONTACT_CARD_DISTRIBUTION);
                 a->set_grid_id("g-1");
                 a->set_host_organization_id("h-none");
                 SetDate(a->mutable_held_on(), 2024, 3, 1);
               }});
  c.push_back(
      {"SixHaves", "venue.six_haves.incomplete", "venue", "v-regional", "has_*",
       [](v1::Dataset& d) { d.mutable_venues(0)->set_has_party_flag(false); },
       none});
  c.push_back({"VenueSize", "venue.size.invalid", "venue", "v-regional",
               "capacity",
               [](v1::Dataset& d) { d.mutable_venues(0)->set_capacity(-1); },
               [](v1::Dataset& d) { d.mutable_venues(0)->set_capacity(0); }});
  c.push_back({"VenueLatitude", "venue.size.invalid", "venue", "v-regional",
               "latitude",
               [](v1::Dataset& d) { d.mutable_venues(0)->set_latitude(91); },
               [](v1::Dataset& d) { d.mutable_venues(0)->set_latitude(90); }});
  c.push_back({"FundingAbsurd", "funding.amount.absurd", "funding", "f-1",
               "amount_fen",
               [](v1::Dataset& d) {
                 d.mutable_funding(0)->set_amount_fen(10000000001);
               },
               [](v1::Dataset& d) {
                 d.mutable_funding(0)->set_amount_fen(10000000000);
               }});
  c.push_back({"FundingNegative", "funding.total.negative",
               "party_organization", "p-standalone", "funding",
               [](v1::Dataset& d) {
                 v1::Funding copy = d.funding(0);
                 copy.set_id("f-2");
                 copy.set_amount_fen(-10000001);
                 *d.add_funding() = copy;
               },
               [](v1::Dataset& d) {
                 v1::Funding copy = d.funding(0);
                 copy.set_id("f-2");
                 copy.set_amount_fen(-10000000);
                 *d.add_funding() = copy;
               }});
  // Totals are per organization, year and source: a negative amount of
  // another source or year is a total of its own.
  c.push_back({"FundingNegativeOtherSource", "funding.total.negative",
               "party_organization", "p-standalone", "funding",
               [](v1::Dataset& d) {
                 v1::Funding copy = d.funding(0);
                 copy.set_id("f-2");
                 copy.set_source(copy.source() ==
                                         v1::FUNDING_SOURCE_DUES_RETURNED
                                     ? v1::FUNDING_SOURCE_SUPERIOR_SUPPLEMENT
                                     : v1::FUNDING_SOURCE_DUES_RETURNED);
                 copy.set_amount_fen(-1);
                 *d.add_funding() = copy;
               },
               [](v1::Dataset& d) {
                 v1::Funding copy = d.funding(0);
                 copy.set_id("f-2");
                 copy.set_amount_fen(-1);
                 *d.add_funding() = copy;
               }});
  c.push_back({"FundingNegativeOtherYear", "funding.total.negative",
               "party_organization", "p-standalone", "funding",
               [](v1::Dataset& d) {
                 v1::Funding copy = d.funding(0);
                 copy.set_id("f-2");
                 copy.set_year(copy.year() - 1);
                 copy.set_amount_fen(-1);
                 *d.add_funding() = copy;
               },
               [](v1::Dataset& d) {
                 v1::Funding copy = d.funding(0);
                 copy.set_id("f-2");
                 copy.set_amount_fen(-1);
                 *d.add_funding() = copy;
               }});
  c.push_back({"FundingBeforeFounding", "funding.year.before_founding",
               "funding", "f-1", "year",
               [](v1::Dataset& d) { d.mutable_funding(0)->set_year(2014); },
               [](v1::Dataset& d) { d.mutable_funding(0)->set_year(2015); }});
  c.push_back({"FundingYearFuture", "date.future", "funding", "f-1", "year",
               [](v1::Dataset& d) { d.mutable_funding(0)->set_year(2025); },
               [](v1::Dataset& d) { d.mutable_funding(0)->set_year(2024); }});
  c.push_back({"DuesMismatch", "member.dues.mismatch", "member", "m-1",
               "monthly_dues_fen",
               [](v1::Dataset& d) { M(d, "m-1")->set_monthly_dues_fen(4001); },
               [](v1::Dataset& d) {
                 // 3,000 yuan is still the 0.5% bracket (bounds are inclusive).
                 M(d, "m-1")->set_monthly_income_fen(300000);
                 M(d, "m-1")->set_monthly_dues_fen(1500);
               }});
  c.push_back({"DuesMismatchRetired", "member.dues.mismatch", "member", "m-1",
               "monthly_dues_fen",
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_dues_category(v1::DUES_CATEGORY_RETIRED);
               },
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_dues_category(v1::DUES_CATEGORY_RETIRED);
                 M(d, "m-1")->set_monthly_dues_fen(2000);  // 0.5% of 4,000
               }});
  c.push_back({"DuesInvalid", "member.dues.invalid", "member", "m-1",
               "monthly_income_fen",
               [](v1::Dataset& d) { M(d, "m-1")->set_monthly_income_fen(-1); },
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_monthly_income_fen(0);
                 M(d, "m-1")->set_monthly_dues_fen(0);
               }});
  // as_of is 2024-06-30, the end of its month: June's dues are owed too.
  c.push_back({"DuesArrears", "member.dues.arrears", "member", "m-1",
               "dues_paid_through",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, 3, 0);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, 4, 0);
               }});
  c.push_back({"DuesArrearsNotOfAnApplicant", "member.dues.arrears", "member",
               "m-1", "dues_paid_through",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, 1, 0);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, 1, 0);
                 M(d, "m-1")->set_status(v1::MEMBER_STATUS_ACTIVIST);
                 M(d, "m-1")->clear_probationary_on();
                 M(d, "m-1")->clear_full_on();
               }});
  c.push_back({"DuesLapsed", "member.dues.lapsed", "member", "m-1",
               "dues_paid_through",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2023, 12, 0);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, 1, 0);
               }});
  c.push_back({"DuesArrearsYearAloneIsDecember", "member.dues.arrears",
               "member", "m-1", "dues_paid_through",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, 3, 0);
               },
               [](v1::Dataset& d) {
                 // Read as January it would be 5 months behind.
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, 0, 0);
               }});
  c.push_back({"DuesLapsedNotBeforeAdmission", "member.dues.lapsed", "member",
               "m-1", "dues_paid_through",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2023, 12, 0);
               },
               [](v1::Dataset& d) {
                 // Admitted in May 2024: May and June are owed, no more.
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2023, 12, 0);
                 M(d, "m-1")->set_status(v1::MEMBER_STATUS_PROBATIONARY);
                 M(d, "m-1")->clear_full_on();
                 SetDate(M(d, "m-1")->mutable_probationary_on(), 2024, 5, 10);
               }});
  c.push_back({"DuesLapsedYearAlone", "member.dues.lapsed", "member", "m-1",
               "dues_paid_through",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2023, 0, 0);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, 7, 0);
               }});
  c.push_back({"CoverageFound", "coverage.found_where_condition_exists",
               "host_organization", "h-big", "id",
               [](v1::Dataset& d) {
                 O(d, "p-standalone")->set_formation(v1::FORMATION_MODEL_JOINT);
               },
               none});
  c.push_back(
      {"CoverageStar", "coverage.star_management", "party_organization",
       "p-standalone", "star_assessments",
       [](v1::Dataset& d) {
         O(d, "p-standalone")->mutable_star_assessments(0)->set_year(2023);
       },
       none});
  // A star ledger's row for the year meets target 2 as a nested one does.
  c.push_back(
      {"CoverageStarRecord", "coverage.star_management", "party_organization",
       "p-standalone", "star_assessments",
       [](v1::Dataset& d) { StarRecord(d, "p-standalone")->set_year(2023); },
       [](v1::Dataset& d) { StarRecord(d, "p-standalone"); }});
  c.push_back({"CoverageJoint", "coverage.joint_where_members_are_few",
               "host_organization", "h-small", "id",
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_host_organization_ids(0, "h-none");
               },
               none});
  c.push_back(
      {"CoveragePartyWork", "coverage.party_work_where_no_members",
       "host_organization", "h-none", "grid_id",
       [](v1::Dataset& d) { d.mutable_grids(0)->clear_instructor_name(); },
       none});
  // The coverage join of docs/report.md, as the aggregator has it: an
  // assignment in post in as_of's year, organizations existing in that year,
  // units of that year (not closed, not registered after it).
  c.push_back({"CoveragePartyWorkAssignmentEnded",
               "coverage.party_work_where_no_members", "host_organization",
               "h-none", "grid_id",
               [](v1::Dataset& d) {
                 d.mutable_grids(0)->clear_instructor_name();
                 d.mutable_grids(0)->set_instructor_assignment_id("c-1");
               },
               [](v1::Dataset& d) {
                 d.mutable_grids(0)->clear_instructor_name();
                 d.mutable_grids(0)->set_instructor_assignment_id("c-1");
                 SetDate(d.mutable_cadre_assignments(0)->mutable_end_on(), 2024,
                         1, 1);
               }});
  c.push_back(
      {"CoveragePartyWorkBranchDissolved",
       "coverage.party_work_where_no_members", "host_organization", "h-none",
       "grid_id",
       [](v1::Dataset& d) {
         SetDate(O(d, "p-regional")->mutable_dissolved_on(), 2023, 12, 31);
       },
       [](v1::Dataset& d) {
         SetDate(O(d, "p-regional")->mutable_dissolved_on(), 2024, 1, 10);
       }});
  c.push_back(
      {"CoveragePartyWorkClosedUnit", "coverage.party_work_where_no_members",
       "host_organization", "h-none", "grid_id",
       [](v1::Dataset& d) { d.mutable_grids(0)->clear_instructor_name(); },
       [](v1::Dataset& d) {
         d.mutable_grids(0)->clear_instructor_name();
         H(d, "h-none")->set_status(v1::HOST_STATUS_CLOSED);
       }});
  c.push_back(
      {"CoveragePartyWorkRegisteredLater",
       "coverage.party_work_where_no_members", "host_organization", "h-none",
       "grid_id",
       [](v1::Dataset& d) { d.mutable_grids(0)->clear_instructor_name(); },
       [](v1::Dataset& d) {
         d.mutable_grids(0)->clear_instructor_name();
         SetDate(H(d, "h-none")->mutable_registered_on(), 2025, 1, 2);
       }});
  c.push_back({"CoverageJointClosedUnit",
               "coverage.joint_where_members_are_few", "host_organization",
               "h-small", "id",
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_host_organization_ids(0, "h-none");
               },
               [](v1::Dataset& d) {
                 O(d, "p-joint")->set_host_organization_ids(0, "h-none");
                 H(d, "h-small")->set_status(v1::HOST_STATUS_CLOSED);
               }});
  c.push_back(
      {"CoverageFoundDissolvedBeforeTheYear",
       "coverage.found_where_condition_exists", "host_organization", "h-big",
       "id",
       [](v1::Dataset& d) {
         SetDate(O(d, "p-standalone")->mutable_dissolved_on(), 2023, 12, 31);
       },
       [](v1::Dataset& d) {
         SetDate(O(d, "p-standalone")->mutable_dissolved_on(), 2024, 3, 1);
       }});
  c.push_back(
      {"CoverageStarFoundedAfterTheYear", "coverage.star_management",
       "party_organization", "p-standalone", "star_assessments",
       [](v1::Dataset& d) {
         O(d, "p-standalone")->mutable_star_assessments(0)->set_year(2023);
       },
       [](v1::Dataset& d) {
         O(d, "p-standalone")->mutable_star_assessments(0)->set_year(2023);
         SetDate(O(d, "p-standalone")->mutable_founded_on(), 2025, 1, 1);
       }});
  // A card activity that names no unit covers none, not even a unit without
  // an id (the figures count it for no unit either).
  c.push_back({"ContactCardUnnamedUnit", "host.contact_card.missing",
               "host_organization", "", "service_contact_card_issued",
               [](v1::Dataset& d) {
                 H(d, "h-none")->set_service_contact_card_issued(false);
                 H(d, "h-none")->clear_id();
                 v1::Activity* a = d.add_activities();
                 a->set_id("a-card");
                 a->set_kind(v1::ACTIVITY_KIND_CONTACT_CARD_DISTRIBUTION);
                 a->set_grid_id("g-1");
                 SetDate(a->mutable_held_on(), 2024, 3, 1);
               },
               [](v1::Dataset& d) {
                 H(d, "h-none")->set_service_contact_card_issued(true);
                 H(d, "h-none")->clear_id();
               }});
  c.push_back({"ContactCardClosedUnit", "host.contact_card.missing",
               "host_organization", "h-none", "service_contact_card_issued",
               [](v1::Dataset& d) {
                 H(d, "h-none")->set_service_contact_card_issued(false);
               },
               [](v1::Dataset& d) {
                 H(d, "h-none")->set_service_contact_card_issued(false);
                 H(d, "h-none")->set_status(v1::HOST_STATUS_CLOSED);
               }});
  // p-standalone has 3 full members; 4 more make the 7 that need a
  // committee of 3 to 5.
  c.push_back({"CommitteeTooSmall", "party_org.committee.size",
               "party_organization", "p-standalone", "committee",
               [](v1::Dataset& d) {
                 AddMembers(d, 4);
                 AddSeats(O(d, "p-standalone"), 2);
               },
               [](v1::Dataset& d) {
                 AddMembers(d, 4);
                 AddSeats(O(d, "p-standalone"), 3);
               }});
  c.push_back({"SecretaryAndDeputyOfASmallBranch", "party_org.committee.size",
               "party_organization", "p-standalone", "committee",
               [](v1::Dataset& d) {
                 AddMembers(d, 4);
                 AddSeats(O(d, "p-standalone"), 2);
               },
               [](v1::Dataset& d) {
                 // 6 full members: a secretary and a deputy, no committee.
                 AddMembers(d, 3);
                 AddSeats(O(d, "p-standalone"), 2);
               }});
  // Each organization once on a loop of parent ids.
  const auto loop_over = [](v1::Dataset& d, int extra) {
    v1::PartyOrganization* k = d.add_party_organizations();
    k->set_id("p-committee");
    k->set_level(v1::ORG_LEVEL_COMMITTEE);
    k->set_region_id("r-town");
    k->set_parent_id("p-standalone");
    O(d, "p-standalone")->set_parent_id("p-committee");
    AddMembers(d, extra);
  };
  c.push_back({"LevelSizeCommitteeOnALoop", "party_org.level.size",
               "party_organization", "p-committee", "level",
               [loop_over](v1::Dataset& d) { loop_over(d, 96); },
               [loop_over](v1::Dataset& d) { loop_over(d, 97); }});
  // A dissolved branch's members are no longer under the committee.
  const auto two_branches = [](v1::Dataset& d, bool dissolved) {
    v1::PartyOrganization* k = d.add_party_organizations();
    k->set_id("p-committee");
    k->set_level(v1::ORG_LEVEL_COMMITTEE);
    k->set_region_id("r-town");
    O(d, "p-standalone")->set_parent_id("p-committee");
    O(d, "p-joint")->set_parent_id("p-committee");
    AddMembers(d, 97);
    if (dissolved) {
      SetDate(O(d, "p-standalone")->mutable_dissolved_on(), 2023, 12, 31);
    }
  };
  c.push_back({"LevelSizeWithoutDissolvedBranches", "party_org.level.size",
               "party_organization", "p-committee", "level",
               [two_branches](v1::Dataset& d) { two_branches(d, true); },
               [two_branches](v1::Dataset& d) { two_branches(d, false); }});
  c.push_back({"DemonstrationRatedInTheStarLedger",
               "party_org.demonstration.stars", "party_organization",
               "p-standalone", "demonstration_point",
               [](v1::Dataset& d) {
                 O(d, "p-standalone")->set_demonstration_point(true);
                 StarRecord(d, "p-standalone")->set_stars(3);
               },
               [](v1::Dataset& d) {
                 O(d, "p-standalone")->set_demonstration_point(true);
                 StarRecord(d, "p-standalone");  // Five stars.
               }});
  c.push_back(
      {"TermDueAtAMonthEnd", "party_org.term.due", "party_organization",
       "p-standalone", "term_started_on",
       [](v1::Dataset& d) {
         // Ends 2024-12-31: six months after 2024-06-30 (as_of).
         SetDate(O(d, "p-standalone")->mutable_term_started_on(), 2021, 12, 31);
       },
       [](v1::Dataset& d) {
         SetDate(O(d, "p-standalone")->mutable_term_started_on(), 2022, 1, 1);
       }});
  // h-big's members m-1 .. m-3 are full; its owner is on no record yet.
  c.push_back({"OwnerNotMarkedOnMembers", "host.owner.member_mismatch",
               "host_organization", "h-big", "owner.is_party_member",
               [](v1::Dataset& d) {
                 H(d, "h-big")->mutable_owner()->set_is_party_member(true);
               },
               [](v1::Dataset& d) {
                 H(d, "h-big")->mutable_owner()->set_is_party_member(true);
                 M(d, "m-1")->set_is_owner(true);
               }});
  c.push_back({"OwnerMemberNotOnTheUnit", "host.owner.member_mismatch",
               "host_organization", "h-big", "owner.is_party_member",
               [](v1::Dataset& d) { M(d, "m-1")->set_is_owner(true); },
               [](v1::Dataset& d) {
                 M(d, "m-1")->set_is_owner(true);
                 H(d, "h-big")->mutable_owner()->set_is_party_member(true);
               }});
  // An owner who is a member of another unit, named by owner.member_id.
  c.push_back({"OwnerIsAMemberElsewhere", "host.owner.member_mismatch",
               "host_organization", "h-none", "owner.is_party_member",
               [](v1::Dataset& d) {
                 H(d, "h-none")->mutable_owner()->set_member_id("m-1");
               },
               [](v1::Dataset& d) {
                 H(d, "h-none")->mutable_owner()->set_member_id("m-1");
                 H(d, "h-none")->mutable_owner()->set_is_party_member(true);
               }});
  return c;
}

v1::ValidationReport RunValidator(const v1::Dataset& d) {
  ValidatorOptions options;
  options.as_of = testing::FixtureAsOf();
  auto v = Validator::Create(options);
  EXPECT_THAT(v, IsOk());
  absl::StatusOr<v1::ValidationReport> r = (*v)->Validate(d);
  EXPECT_THAT(r, IsOk());
  return *r;
}

std::string Describe(const v1::ValidationReport& r) {
  std::string out;
  for (const v1::Finding& f : r.findings()) {
    out += f.rule_id() + " " + f.record_kind() + "/" + f.record_id() + " " +
           f.field_path() + ": " + f.message() + "\n";
  }
  return out;
}

// A month is owed once it has ended: on 2024-06-15, dues paid through March
// owe April and May (2: none), paid through February three (arrears).
TEST(ValidateRulesTest, DuesOwedForMonthsEnded) {
  ValidatorOptions options;
  options.as_of.set_year(2024);
  options.as_of.set_month(6);
  options.as_of.set_day(15);
  auto v = Validator::Create(options);
  ASSERT_THAT(v, IsOk());
  auto arrears = [&](int paid_month) {
    v1::Dataset d = CleanCounty();
    SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2024, paid_month, 0);
    absl::StatusOr<v1::ValidationReport> r = (*v)->Validate(d);
    EXPECT_THAT(r, IsOk());
    int n = 0;
    for (const v1::Finding& f : r->findings()) {
      n += f.rule_id() == "member.dues.arrears" && f.record_id() == "m-1";
    }
    return n;
  };
  EXPECT_EQ(arrears(3), 0);
  EXPECT_EQ(arrears(2), 1);
}

TEST(ValidateRulesTest, CleanCountyHasNoFindings) {
  const v1::ValidationReport r = RunValidator(CleanCounty());
  EXPECT_EQ(r.findings_size(), 0) << Describe(r);
  EXPECT_EQ(r.records_checked(), 2 + 1 + 4 + 3 + 1 + 1 + 5 + 1 + 1 + 4 + 1 + 1);
}

class RuleCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(RuleCaseTest, FailingRecordIsFoundWhereItIs) {
  const Case& c = GetParam();
  v1::Dataset d = CleanCounty();
  c.fail(d);
  const v1::ValidationReport r = RunValidator(d);
  bool found = false;
  for (const v1::Finding& f : r.findings()) {
    if (f.rule_id() == c.rule && f.record_kind() == c.kind &&
        f.record_id() == c.id && f.field_path() == c.field) {
      found = true;
      EXPECT_FALSE(f.message().empty());
      EXPECT_NE(f.severity(), v1::SEVERITY_UNSPECIFIED);
    }
  }
  EXPECT_TRUE(found) << "expected " << c.rule << " on " << c.kind << "/" << c.id
                     << " " << c.field << "; got:\n"
                     << Describe(r);
}

TEST_P(RuleCaseTest, PassingRecordIsNotReported) {
  const Case& c = GetParam();
  v1::Dataset d = CleanCounty();
  c.pass(d);
  const v1::ValidationReport r = RunValidator(d);
  for (const v1::Finding& f : r.findings()) {
    EXPECT_NE(f.rule_id(), c.rule) << Describe(r);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, RuleCaseTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.name;
                         });

TEST(ValidateRulesTest, EveryRuleHasAFailingCase) {
  std::set<std::string> covered;
  for (const Case& c : Cases()) covered.insert(c.rule);
  covered.insert("record.empty");  // a stream-only rule: validator_test
  for (const RuleInfo& r : RuleCatalogue()) {
    EXPECT_EQ(covered.count(r.rule_id), 1u) << r.rule_id << " has no case";
  }
}

TEST(ValidateRulesTest, CatalogueHasAtLeastThirtyDocumentedRules) {
  const std::vector<RuleInfo> rules = RuleCatalogue();
  EXPECT_GE(rules.size(), 30u);
  std::ifstream in(std::string(DANGJIAN_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(in) << "docs/rules.md missing";
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  std::set<std::string> ids;
  for (const RuleInfo& r : rules) {
    EXPECT_TRUE(ids.insert(r.rule_id).second) << "duplicate " << r.rule_id;
    EXPECT_NE(doc.find("`" + r.rule_id + "`"), std::string::npos)
        << r.rule_id << " is not in docs/rules.md";
    // Its row names it with the title the renderers show.
    const std::string title = RuleTitle(r.rule_id, ReportLanguage::kChinese);
    EXPECT_NE(doc.find("| `" + r.rule_id + "` | " + title + " |"),
              std::string::npos)
        << r.rule_id << "'s row in docs/rules.md does not name it " << title;
    EXPECT_FALSE(r.summary.empty());
    EXPECT_FALSE(r.source.empty());
    EXPECT_NE(r.default_severity, v1::SEVERITY_UNSPECIFIED);
  }
  EXPECT_TRUE(std::is_sorted(rules.begin(), rules.end(),
                             [](const RuleInfo& a, const RuleInfo& b) {
                               return a.rule_id < b.rule_id;
                             }));
}

}  // namespace
}  // namespace dangjian
