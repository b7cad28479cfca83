// The rule cases (rule_cases.h) of the rules on party organizations.
#include <cstdio>
#include <string>
#include <vector>

#include "validate/rule_cases.h"
#include "validate_fixture.h"

namespace dangjian {
namespace rule_cases {

using ::dangjian::testing::SetDate;

// The cases of the rules on an organization's size, level, committee and term.
void AddOrgSizeCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
}

// The cases of the rules on formations, star assessments and regional branches.
void AddOrgFormationAndStarCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
}

// The cases of the rules on more of size, level, demonstration points and
// terms.
void AddOrgMoreSizeCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
}

// The cases of the rules on a committee's past terms (past_terms), and of
// the term and seat rules reading the term in force on as_of (2024-06-30).
void AddOrgTermHistoryCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  struct Ymd {
    int y = 0, m = 0, d = 0;
  };
  // A current term begun on `current` (y 0: none) after past terms begun
  // on `starts` (y 0: undated), each with `seats` seats.
  const auto terms = [](v1::Dataset& d, std::vector<Ymd> starts, Ymd current,
                        int seats) {
    v1::PartyOrganization* o = O(d, "p-standalone");
    if (current.y != 0) {
      SetDate(o->mutable_term_started_on(), current.y, current.m, current.d);
    }
    for (const Ymd& s : starts) {
      v1::CommitteeTerm* t = o->add_past_terms();
      if (s.y != 0) SetDate(t->mutable_started_on(), s.y, s.m, s.d);
      for (int i = 0; i < seats; ++i) {
        t->add_committee()->set_name("委员" + std::to_string(i));
      }
    }
  };
  c.push_back({"PastTermUndated", "party_org.past_term.undated",
               "party_organization", "p-standalone", "past_terms[1].started_on",
               [terms](v1::Dataset& d) {
                 terms(d, {{2018, 6, 1}, {}}, {2021, 7, 1}, 0);
               },
               [terms](v1::Dataset& d) {
                 terms(d, {{2015, 6, 1}, {2018, 6, 1}}, {2021, 7, 1}, 0);
               }});
  c.push_back({"PastTermsWithoutCurrentStart", "party_org.past_term.undated",
               "party_organization", "p-standalone", "term_started_on",
               [terms](v1::Dataset& d) {
                 terms(d, {{2018, 6, 1}}, {}, 0);
               },
               [terms](v1::Dataset& d) {
                 terms(d, {{2018, 6, 1}}, {2021, 7, 1}, 0);
               }});
  c.push_back({"PastTermsOutOfOrder", "party_org.past_term.order",
               "party_organization", "p-standalone", "past_terms[1].started_on",
               [terms](v1::Dataset& d) {
                 terms(d, {{2018, 6, 1}, {2015, 6, 1}}, {2021, 7, 1}, 0);
               },
               [terms](v1::Dataset& d) {
                 terms(d, {{2015, 6, 1}, {2018, 6, 1}}, {2021, 7, 1}, 0);
               }});
  c.push_back({"PastTermAfterTheCurrent", "party_org.past_term.order",
               "party_organization", "p-standalone", "term_started_on",
               [terms](v1::Dataset& d) {
                 terms(d, {{2021, 7, 1}}, {2021, 7, 1}, 0);
               },
               [terms](v1::Dataset& d) {
                 terms(d, {{2018, 7, 1}}, {2021, 7, 1}, 0);
               }});
  // The current term began after as_of: the past one in force then ended
  // on 2024-05-01, before as_of.
  c.push_back({"TermOverdueInAPastTerm", "party_org.term.overdue",
               "party_organization", "p-standalone", "past_terms[1].started_on",
               [terms](v1::Dataset& d) {
                 terms(d, {{2018, 5, 1}, {2021, 5, 1}}, {2024, 9, 1}, 0);
               },
               [terms](v1::Dataset& d) {
                 // In force on as_of: the current one, begun 2024-06-01.
                 terms(d, {{2018, 5, 1}, {2021, 5, 1}}, {2024, 6, 1}, 0);
               }});
  c.push_back({"TermDueInAPastTerm", "party_org.term.due", "party_organization",
               "p-standalone", "past_terms[0].started_on",
               [terms](v1::Dataset& d) {
                 terms(d, {{2021, 9, 1}}, {2024, 9, 1}, 0);
               },
               [terms](v1::Dataset& d) {
                 // The current term, begun by as_of, is in force (the past
                 // one would be due).
                 terms(d, {{2021, 9, 1}}, {2024, 6, 1}, 0);
               }});
  c.push_back({"CommitteeSizeInAPastTerm", "party_org.committee.size",
               "party_organization", "p-standalone", "past_terms[0].committee",
               [terms](v1::Dataset& d) {
                 terms(d, {{2021, 9, 1}}, {2024, 9, 1}, 8);
                 AddSeats(O(d, "p-standalone"), 5);
               },
               [terms](v1::Dataset& d) {
                 terms(d, {{2021, 9, 1}}, {2024, 9, 1}, 5);
                 AddSeats(O(d, "p-standalone"), 8);  // Not yet in force.
               }});
  // p-standalone has 3 full members; 4 more need a committee.
  c.push_back({"CommitteeTooSmallInAPastTerm", "party_org.committee.size",
               "party_organization", "p-standalone", "past_terms[0].committee",
               [terms](v1::Dataset& d) {
                 AddMembers(d, 4);
                 terms(d, {{2021, 9, 1}}, {2024, 9, 1}, 2);
                 AddSeats(O(d, "p-standalone"), 3);
               },
               [terms](v1::Dataset& d) {
                 AddMembers(d, 4);
                 // A past term whose seats are not on file is not judged,
                 // nor the current term's too few, not yet in force.
                 terms(d, {{2021, 9, 1}}, {2024, 9, 1}, 0);
                 AddSeats(O(d, "p-standalone"), 2);
               }});
}

// The cases of the rules on members' roles and seconded seats: p-standalone
// has m-1 as its secretary (secretary_member_id) and members m-1 to m-3;
// cadre c-1 was seconded to it from 2020 to 2022.
void AddCommitteeRoleCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  const auto seat = [](v1::Dataset& d, const char* member,
                       v1::CommitteeRole role) {
    v1::CommitteeSeat* s = O(d, "p-standalone")->add_committee();
    s->set_member_id(member);
    s->set_role(role);
    return s;
  };
  c.push_back({"RolesOfASeat", "party_org.committee.roles",
               "party_organization", "p-standalone", "committee[0].role",
               [seat](v1::Dataset& d) {
                 seat(d, "m-2", v1::COMMITTEE_ROLE_DEPUTY_SECRETARY);
                 M(d, "m-2")->add_roles(v1::MEMBER_ROLE_COMMITTEE_MEMBER);
               },
               [seat](v1::Dataset& d) {
                 seat(d, "m-2", v1::COMMITTEE_ROLE_DEPUTY_SECRETARY);
                 M(d, "m-2")->add_roles(v1::MEMBER_ROLE_COMMITTEE_MEMBER);
                 M(d, "m-2")->add_roles(v1::MEMBER_ROLE_DEPUTY_SECRETARY);
               }});
  c.push_back({"RolesOfTheSecretary", "party_org.committee.roles",
               "party_organization", "p-standalone", "secretary_member_id",
               [](v1::Dataset& d) {
                 M(d, "m-1")->add_roles(v1::MEMBER_ROLE_PARTY_AFFAIRS_WORKER);
               },
               [](v1::Dataset& d) {
                 M(d, "m-1")->add_roles(v1::MEMBER_ROLE_SECRETARY);
               }});
  c.push_back({"RoleHeldInNoSeat", "party_org.committee.roles", "member", "m-3",
               "roles",
               [seat](v1::Dataset& d) {
                 seat(d, "m-1", v1::COMMITTEE_ROLE_SECRETARY);
                 seat(d, "m-2", v1::COMMITTEE_ROLE_MEMBER);
                 M(d, "m-3")->add_roles(v1::MEMBER_ROLE_DEPUTY_SECRETARY);
               },
               [seat](v1::Dataset& d) {
                 seat(d, "m-1", v1::COMMITTEE_ROLE_SECRETARY);
                 seat(d, "m-2", v1::COMMITTEE_ROLE_MEMBER);
                 seat(d, "m-3", v1::COMMITTEE_ROLE_DEPUTY_SECRETARY);
                 M(d, "m-3")->add_roles(v1::MEMBER_ROLE_DEPUTY_SECRETARY);
               }});
  c.push_back({"SecretaryRoleOfAnother", "party_org.committee.roles", "member",
               "m-2", "roles",
               [](v1::Dataset& d) {
                 // The organization names m-1 as its secretary.
                 M(d, "m-2")->add_roles(v1::MEMBER_ROLE_SECRETARY);
               },
               [](v1::Dataset& d) {
                 // Its committee not on file by member: not judged.
                 O(d, "p-standalone")->clear_secretary_member_id();
                 M(d, "m-2")->add_roles(v1::MEMBER_ROLE_SECRETARY);
               }});
  // validate_rules_test's policy scores "fixture-100": 1 star from 0, 2
  // from 60, 3 from 70, 4 from 80, 5 from 90; p-standalone has 5 stars.
  const auto scored = [](v1::Dataset& d, const char* standard, int score) {
    v1::StarAssessment* a = O(d, "p-standalone")->mutable_star_assessments(0);
    a->set_standard_version(standard);
    a->set_score(score);
  };
  c.push_back({"StarsAndScore", "party_org.stars.score", "party_organization",
               "p-standalone", "star_assessments[0].score",
               [scored](v1::Dataset& d) { scored(d, "fixture-100", 89); },
               [scored](v1::Dataset& d) { scored(d, "fixture-100", 90); }});
  c.push_back(
      {"StarsAndScoreOfAnotherStandard", "party_org.stars.score",
       "party_organization", "p-standalone", "star_assessments[0].score",
       [scored](v1::Dataset& d) {
         O(d, "p-standalone")->mutable_star_assessments(0)->set_stars(1);
         scored(d, "fixture-100", 60);
       },
       [scored](v1::Dataset& d) {
         // A standard the policy does not name is not judged.
         scored(d, "keshiketeng-2013", 10);
       }});
  c.push_back({"CommitteeRoleInNoSeat", "party_org.committee.roles", "member",
               "m-3", "roles",
               [seat](v1::Dataset& d) {
                 seat(d, "m-1", v1::COMMITTEE_ROLE_SECRETARY);
                 seat(d, "m-2", v1::COMMITTEE_ROLE_MEMBER);
                 M(d, "m-3")->add_roles(v1::MEMBER_ROLE_COMMITTEE_MEMBER);
               },
               [seat](v1::Dataset& d) {
                 seat(d, "m-1", v1::COMMITTEE_ROLE_SECRETARY);
                 seat(d, "m-2", v1::COMMITTEE_ROLE_MEMBER);
                 // A seat without a role is a committee member's.
                 seat(d, "m-3", v1::COMMITTEE_ROLE_UNSPECIFIED);
                 M(d, "m-3")->add_roles(v1::MEMBER_ROLE_COMMITTEE_MEMBER);
                 M(d, "m-2")->add_roles(v1::MEMBER_ROLE_UNSPECIFIED);
               }});
  c.push_back({"SecretaryOfNoCommittee", "party_org.committee.roles", "member",
               "m-2", "roles",
               [](v1::Dataset& d) {
                 M(d, "m-2")->add_roles(v1::MEMBER_ROLE_SECRETARY);
               },
               [](v1::Dataset& d) {
                 // The secretary of a committee (党委) above its branch.
                 v1::PartyOrganization* k = d.add_party_organizations();
                 k->set_id("p-committee");
                 k->set_name("某镇非公企业党委");
                 k->set_level(v1::ORG_LEVEL_COMMITTEE);
                 k->set_secretary_member_id("m-2");
                 O(d, "p-standalone")->set_parent_id("p-committee");
                 M(d, "m-2")->add_roles(v1::MEMBER_ROLE_SECRETARY);
               }});
  c.push_back({"SecondedSeatWithoutAssignment", "party_org.committee.seconded",
               "party_organization", "p-standalone", "committee",
               [seat](v1::Dataset& d) {
                 seat(d, "m-2", v1::COMMITTEE_ROLE_DEPUTY_SECRETARY)
                     ->set_seconded(true);
               },
               [seat](v1::Dataset& d) {
                 seat(d, "m-2", v1::COMMITTEE_ROLE_DEPUTY_SECRETARY)
                     ->set_seconded(true);
                 d.mutable_cadre_assignments(0)->clear_end_on();
               }});
}

}  // namespace rule_cases
}  // namespace dangjian
