// The rule cases (rule_cases.h) of the rules on host organizations, their
// coverage, grids, venues and funding.
#include <cstdio>
#include <string>
#include <vector>

#include "validate/rule_cases.h"
#include "validate_fixture.h"

namespace dangjian {
namespace rule_cases {

using ::dangjian::testing::CreditWithCheck;
using ::dangjian::testing::SetDate;

// The cases of the rules on a unit's kind, codes and reported counts.
void AddHostCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
  // A unit's dated changes of status (h-big was registered 2005-03-01).
  const auto change = [](v1::Dataset& d, int y, int m, v1::HostStatus st) {
    v1::HostStatusChange* c = H(d, "h-big")->add_status_changes();
    if (y != 0) SetDate(c->mutable_on(), y, m, 1);
    c->set_status(st);
  };
  c.push_back({"StatusChangeWithoutDate", "host.status_change.incomplete",
               "host_organization", "h-big", "status_changes[1].on",
               [change](v1::Dataset& d) {
                 change(d, 2010, 5, v1::HOST_STATUS_SUSPENDED);
                 change(d, 0, 0, v1::HOST_STATUS_OPERATING);
               },
               [change](v1::Dataset& d) {
                 change(d, 2010, 5, v1::HOST_STATUS_SUSPENDED);
                 change(d, 2011, 5, v1::HOST_STATUS_OPERATING);
               }});
  c.push_back({"StatusChangeWithoutStatus", "host.status_change.incomplete",
               "host_organization", "h-big", "status_changes[0].status",
               [change](v1::Dataset& d) {
                 change(d, 2010, 5, v1::HOST_STATUS_UNSPECIFIED);
               },
               [change](v1::Dataset& d) {
                 change(d, 2010, 5, v1::HOST_STATUS_SUSPENDED);
               }});
  c.push_back({"StatusChangesOutOfOrder", "host.status_change.order",
               "host_organization", "h-big", "status_changes[1].on",
               [change](v1::Dataset& d) {
                 change(d, 2012, 1, v1::HOST_STATUS_OPERATING);
                 change(d, 2010, 5, v1::HOST_STATUS_SUSPENDED);
               },
               [change](v1::Dataset& d) {
                 change(d, 2010, 5, v1::HOST_STATUS_SUSPENDED);
                 change(d, 2012, 1, v1::HOST_STATUS_OPERATING);
               }});
  c.push_back({"StatusChangeBeforeRegistration",
               "host.status_change.before_registration", "host_organization",
               "h-big", "status_changes[0].on",
               [change](v1::Dataset& d) {
                 change(d, 2004, 12, v1::HOST_STATUS_SUSPENDED);
               },
               [change](v1::Dataset& d) {
                 change(d, 2005, 3, v1::HOST_STATUS_SUSPENDED);
               }});
  c.push_back({"StatusDiffersFromLatestChange", "host.status.history_mismatch",
               "host_organization", "h-big", "status",
               [change](v1::Dataset& d) {
                 change(d, 2010, 5, v1::HOST_STATUS_SUSPENDED);
                 change(d, 2011, 5, v1::HOST_STATUS_OPERATING);
                 H(d, "h-big")->set_status(v1::HOST_STATUS_SUSPENDED);
               },
               [change](v1::Dataset& d) {
                 // Listed out of order: the latest by date is what counts.
                 change(d, 2011, 5, v1::HOST_STATUS_OPERATING);
                 change(d, 2010, 5, v1::HOST_STATUS_SUSPENDED);
                 H(d, "h-big")->set_status(v1::HOST_STATUS_OPERATING);
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
  c.push_back({"ReportedCounts", "host.reported_counts.mismatch",
               "host_organization", "h-big", "reported_member_counts.full",
               [](v1::Dataset& d) {
                 H(d, "h-big")->mutable_reported_member_counts()->set_full(2);
               },
               [](v1::Dataset& d) {
                 H(d, "h-big")->mutable_reported_member_counts()->set_full(3);
               }});
}

// The cases of the rules on grids, venues and funding.
void AddGridVenueFundingCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
  // The six haves of the assessment in force at the end of as_of's year
  // (2024), not the venue's fields.
  const auto assess = [](v1::Dataset& d, int y, bool all) {
    v1::VenueAssessment* a = d.mutable_venues(0)->add_assessments();
    if (y != 0) SetDate(a->mutable_on(), y, 5, 1);
    a->set_has_site(true);
    a->set_has_facilities(true);
    a->set_has_signage(true);
    a->set_has_party_flag(all);
    a->set_has_books_and_newspapers(true);
    a->set_has_rules_on_wall(true);
  };
  c.push_back({"SixHavesOfTheLatestAssessment", "venue.six_haves.incomplete",
               "venue", "v-regional", "has_*",
               [assess](v1::Dataset& d) {
                 assess(d, 2020, true);
                 assess(d, 2023, false);
               },
               [assess](v1::Dataset& d) {
                 assess(d, 2020, false);
                 assess(d, 2023, true);
               }});
  c.push_back({"AssessmentUndated", "venue.assessment.undated", "venue",
               "v-regional", "assessments[1].on",
               [assess](v1::Dataset& d) {
                 assess(d, 2020, true);
                 assess(d, 0, true);
               },
               [assess](v1::Dataset& d) {
                 assess(d, 2020, true);
                 assess(d, 2021, true);
               }});
  c.push_back({"AssessmentsOutOfOrder", "venue.assessment.order", "venue",
               "v-regional", "assessments[1].on",
               [assess](v1::Dataset& d) {
                 assess(d, 2021, true);
                 assess(d, 2020, true);
               },
               [assess](v1::Dataset& d) {
                 assess(d, 2020, true);
                 assess(d, 2021, true);
               }});
  c.push_back({"HavesDifferFromTheLatestAssessment",
               "venue.six_haves.history_mismatch", "venue", "v-regional",
               "has_*",
               [assess](v1::Dataset& d) {
                 assess(d, 2021, true);
                 assess(d, 2020, false);  // Listed last, dated first.
                 d.mutable_venues(0)->set_has_party_flag(false);
               },
               [assess](v1::Dataset& d) {
                 assess(d, 2021, true);
                 assess(d, 2020, false);
               }});
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
}

// The cases of the rules on the coverage targets.
void AddCoverageCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
}

// The cases of the rules on contact cards and owners.
void AddContactCardAndOwnerCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
}

}  // namespace rule_cases
}  // namespace dangjian
