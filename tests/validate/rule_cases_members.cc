// The rule cases (rule_cases.h) of the rules on members.
#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

#include "validate/rule_cases.h"
#include "validate_fixture.h"

namespace dangjian {
namespace rule_cases {

using ::dangjian::testing::IdWithCheck;
using ::dangjian::testing::SetDate;

// The cases of the rules on a member's resident ID, status and path to
// membership.
namespace {

// Adds an event of `kind` to `m`, dated y-m-01 (undated when y is 0).
void Event(v1::Member* m, int y, int month, v1::MembershipEventKind kind) {
  v1::MembershipEvent* e = m->add_events();
  if (y != 0) SetDate(e->mutable_on(), y, month, 1);
  e->set_kind(kind);
}

// Adds a transfer of `kind` on y-m-d with letter `letter` to or from the
// county `region` to `m`.
void Transfer(v1::Member* m, int y, int month, int day,
              v1::MembershipEventKind kind, const std::string& region) {
  v1::MembershipEvent* e = m->add_events();
  SetDate(e->mutable_on(), y, month, day);
  e->set_kind(kind);
  e->set_counterpart(kind == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN
                         ? "某县某支部"
                         : "本旗某支部");
  e->set_letter_number("2024-001");
  e->set_counterpart_region_id(region);
}

// The other record of a member transferred within the county: m-1 as it
// stood on its sending branch's roll, transferred out on y-m-d.
void SendingSide(v1::Dataset& d, int y, int month, int day) {
  v1::Member* out = d.add_members();
  *out = *M(d, "m-1");
  out->set_id("m-1-sent");
  out->clear_events();
  Transfer(out, y, month, day, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT,
           "r-county");
}

}  // namespace

void AddMemberCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
  // A member transferred out of p-standalone and back in under a new record:
  // one person on one roll.
  c.push_back(
      {"NidDuplicateTransferred", "member.national_id.duplicate", "member",
       "m-2", "national_id",
       [](v1::Dataset& d) {
         M(d, "m-2")->set_national_id(M(d, "m-1")->national_id());
         Event(M(d, "m-1"), 2020, 3, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
       },
       [](v1::Dataset& d) {
         M(d, "m-2")->set_national_id(M(d, "m-1")->national_id());
         Event(M(d, "m-1"), 2020, 3, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT);
       }});
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
}

// The cases of the rules on dues.
void AddDuesCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  [[maybe_unused]] const Mutation none = [](v1::Dataset&) {};
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
  // A member who died owes no dues.
  c.push_back({"DuesLapsedNotOfTheDead", "member.dues.lapsed", "member", "m-1",
               "dues_paid_through",
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2023, 12, 0);
               },
               [](v1::Dataset& d) {
                 SetDate(M(d, "m-1")->mutable_dues_paid_through(), 2023, 12, 0);
                 Event(M(d, "m-1"), 2024, 1, v1::MEMBERSHIP_EVENT_KIND_DIED);
               }});
}

// The cases of the rules on a member's membership events (m-1 was admitted
// on 2011-09-01).
void AddEventCases(std::vector<Case>* out) {
  std::vector<Case>& c = *out;
  using K = v1::MembershipEventKind;
  auto events = [](std::vector<std::tuple<int, int, K>> list) {
    return [list](v1::Dataset& d) {
      for (const auto& [y, m, kind] : list) Event(M(d, "m-1"), y, m, kind);
    };
  };
  c.push_back({"EventWithoutDate", "member.event.incomplete", "member", "m-1",
               "events[0].on",
               events({{0, 0, v1::MEMBERSHIP_EVENT_KIND_STOPPED}}),
               events({{2015, 3, v1::MEMBERSHIP_EVENT_KIND_STOPPED},
                       {2016, 3, v1::MEMBERSHIP_EVENT_KIND_RESTORED}})});
  c.push_back({"EventWithoutKind", "member.event.incomplete", "member", "m-1",
               "events[0].kind",
               events({{2015, 3, v1::MEMBERSHIP_EVENT_KIND_UNSPECIFIED}}),
               events({{2015, 3, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN}})});
  c.push_back({"EventsOutOfOrder", "member.event.order", "member", "m-1",
               "events[1].on",
               events({{2020, 1, v1::MEMBERSHIP_EVENT_KIND_STOPPED},
                       {2019, 1, v1::MEMBERSHIP_EVENT_KIND_RESTORED}}),
               events({{2019, 1, v1::MEMBERSHIP_EVENT_KIND_STOPPED},
                       {2020, 1, v1::MEMBERSHIP_EVENT_KIND_RESTORED}})});
  c.push_back({"EventBeforeAdmission", "member.event.before_admission",
               "member", "m-1", "events[0].on",
               events({{2011, 8, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN}}),
               events({{2011, 9, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN}})});
  c.push_back({"TransferredOutTwice", "member.event.sequence", "member", "m-1",
               "events[1].kind",
               events({{2015, 1, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT},
                       {2016, 1, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT}}),
               events({{2015, 1, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT},
                       {2016, 1, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN}})});
  c.push_back({"EventAfterDeath", "member.event.sequence", "member", "m-1",
               "events[1].kind",
               events({{2015, 1, v1::MEMBERSHIP_EVENT_KIND_DIED},
                       {2016, 1, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT}}),
               events({{2015, 1, v1::MEMBERSHIP_EVENT_KIND_STOPPED},
                       {2016, 1, v1::MEMBERSHIP_EVENT_KIND_LEFT}})});
  c.push_back({"RestoredWithoutStop", "member.event.sequence", "member", "m-1",
               "events[0].kind",
               events({{2015, 1, v1::MEMBERSHIP_EVENT_KIND_RESTORED}}),
               // A first transfer in: the member came from elsewhere.
               events({{2015, 1, v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN}})});
  // The run-level transfer rules (as of 2024-06-30, letters valid 90 days),
  // between two branches of the county the fixture holds (r-county): m-1
  // received, and the record of the branch that sent the member.
  using v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN;
  using v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT;
  c.push_back({"TransferInWithoutOut", "member.transfer.unmatched", "member",
               "m-1", "events[0].letter_number",
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2024, 3, 1,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_IN, "r-county");
               },
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2024, 3, 1,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_IN, "r-county");
                 SendingSide(d, 2024, 2, 20);
               }});
  c.push_back({"TransferInBeforeOut", "member.transfer.unmatched", "member",
               "m-1", "events[0].letter_number",
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2024, 3, 1,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_IN, "r-county");
                 SendingSide(d, 2024, 3, 2);
               },
               [](v1::Dataset& d) {
                 // The same day is not before.
                 Transfer(M(d, "m-1"), 2024, 3, 1,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_IN, "r-county");
                 SendingSide(d, 2024, 3, 1);
               }});
  c.push_back({"TransferOutNotReceived", "member.transfer.overdue", "member",
               "m-1", "events[0].letter_number",
               // 2024-03-31 to 2024-06-30 is 91 days; 2024-04-01, 90.
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2024, 3, 31,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_OUT, "r-county");
               },
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2024, 4, 1,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_OUT, "r-county");
               }});
  c.push_back({"TransferOutToACountyNotRead", "member.transfer.overdue",
               "member", "m-1", "events[0].letter_number",
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2023, 1, 1,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_OUT, "r-county");
               },
               // The receiving county's ledger is not in the run: nothing to
               // judge it by.
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2023, 1, 1,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_OUT, "r-elsewhere");
               }});
  c.push_back({"TransferReceivedLate", "member.transfer.overdue", "member",
               "m-1", "events[0].letter_number",
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2024, 4, 30,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_IN, "r-county");
                 SendingSide(d, 2024, 1, 30);  // 91 days before.
               },
               [](v1::Dataset& d) {
                 Transfer(M(d, "m-1"), 2024, 4, 29,
                          MEMBERSHIP_EVENT_KIND_TRANSFER_IN, "r-county");
                 SendingSide(d, 2024, 1, 30);  // 90 days before.
               }});
}

}  // namespace rule_cases
}  // namespace dangjian
