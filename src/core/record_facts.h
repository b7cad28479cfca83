// The fields of a member, host organization, party organization, funding,
// venue, activity, grid, cadre assignment or annual result that aggregation
// and the rules read, taken either from a parsed message or straight from its
// wire bytes (internal). A record is decoded once, here, for the validator
// and the aggregator alike.
//
// These are 99.7 records in 100 of a generated national dataset (members and
// host organizations alone are 86). Checking each record's wire format, then
// parsing it into a message, costs a malloc for every submessage and long
// string and two passes over fields aggregation never reads (names, ID
// numbers, phones, notes); decoding the few it reads from the bytes, in place,
// is several times faster. The decoder takes only the plain encoding every
// writer produces - each field of the type once or more with its own wire
// type, nothing unknown - and says no to anything else, for which the caller
// parses with protobuf instead. On what it takes, it gives what protobuf's
// parser gives: the last value of a repeated scalar field, merged
// submessages, int32 truncation of varints, and refusal of strings that are
// not UTF-8 (a test and a fuzz target compare the two on every record).
#ifndef DANGJIAN_SRC_CORE_RECORD_FACTS_H_
#define DANGJIAN_SRC_CORE_RECORD_FACTS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/member_status.h"
#include "dangjian/v1/activity.pb.h"
#include "dangjian/v1/cadre.pb.h"
#include "dangjian/v1/funding.pb.h"
#include "dangjian/v1/host.pb.h"
#include "dangjian/v1/member.pb.h"
#include "dangjian/v1/party_organization.pb.h"
#include "dangjian/v1/region.pb.h"
#include "dangjian/v1/venue.pb.h"

namespace dangjian {
namespace internal {

// One v1::MembershipEvent of a member: its date and kind (the counterpart
// and the letter are not read).
struct MembershipEventFacts {
  bool has_on = false;
  int32_t year = 0, month = 0, day = 0;  // Of `on`.
  int32_t kind = 0;
  // A transfer's other side, its letter and the other side's county (the
  // run-level transfer rules, core/transfers.h).
  absl::string_view counterpart = "";
  absl::string_view letter_number = "";
  absl::string_view counterpart_region_id = "";
};

// The bit of a v1::MemberRole in MemberFacts::roles (1 << role), of
// roles the schema does not define bit 0, and of MEMBER_ROLE_UNSPECIFIED
// (not recorded) none.
inline uint8_t MemberRoleBit(int32_t role) {
  return role >= 1 && role <= 4 ? static_cast<uint8_t>(1u << role)
                                : static_cast<uint8_t>(role != 0);
}
// The roles of MemberFacts::roles the schema defines.
constexpr uint8_t kKnownMemberRoles = 0x1e;

// What the rules and the figures read of a v1::Member: every field but the
// name and the phone. Views point
// into the message or bytes it came from; an absent string is "" (never a null
// pointer, as a message's empty string is not).
struct MemberFacts {
  // The pipeline dates, in MemberStatus order (core/member_status.h's
  // MemberStep).
  enum Step {
    kApplied = kStepApplied,
    kActivist = kStepActivist,
    kDevelopmentTarget = kStepDevelopmentTarget,
    kProbationary = kStepProbationary,
    kFull = kStepFull,
  };
  absl::string_view id = "";
  absl::string_view host_organization_id = "";
  absl::string_view party_organization_id = "";
  absl::string_view national_id = "";
  int32_t status = 0;
  bool is_owner = false;
  bool has_date[5] = {};      // By Step: the date is present.
  int32_t date_year[5] = {};  // By Step: its year, month and day.
  int32_t date_month[5] = {};
  int32_t date_day[5] = {};
  bool has_birth_date = false;
  int32_t birth_year = 0, birth_month = 0, birth_day = 0;
  int32_t gender = 0;
  int32_t dues_category = 0;
  int64_t monthly_income_fen = 0;
  int64_t monthly_dues_fen = 0;
  bool has_dues_paid_through = false;  // 党费交至: a year and month.
  int32_t dues_paid_year = 0, dues_paid_month = 0;
  uint8_t roles = 0;  // The roles (党内职务), MemberRoleBit() of each.
  std::vector<std::pair<int32_t, absl::string_view>> posts;  // Kind, name.
  std::vector<MembershipEventFacts> events;  // In the record's order.

  // Back to the defaults above, the vector keeping its capacity: field by
  // field, for `*this = MemberFacts{}` builds a temporary whose small
  // stores, read back wider, stall (no store-to-load forwarding).
  void Reset() {
    id = host_organization_id = party_organization_id = national_id = "";
    status = 0;
    is_owner = false;
    for (int i = 0; i < 5; ++i) {
      has_date[i] = false;
      date_year[i] = date_month[i] = date_day[i] = 0;
    }
    has_birth_date = false;
    birth_year = birth_month = birth_day = 0;
    gender = dues_category = 0;
    monthly_income_fen = monthly_dues_fen = 0;
    has_dues_paid_through = false;
    dues_paid_year = dues_paid_month = 0;
    roles = 0;
    posts.clear();
    events.clear();
  }
};

// A member's facts seen through the interface MemberStatusAtYearEnd() and the
// aggregator read (status(), After(), In() ...), as a parsed message is seen
// through MemberMessageDates.
class MemberFactsView {
 public:
  explicit MemberFactsView(const MemberFacts& m) : m_(m) {}
  absl::string_view host_organization_id() const {
    return m_.host_organization_id;
  }
  absl::string_view party_organization_id() const {
    return m_.party_organization_id;
  }
  int status() const { return m_.status; }
  bool is_owner() const { return m_.is_owner; }
  // Whether the date of `step` (a MemberFacts::Step) is present and in a
  // year after `year`; and whether it is present and in `year`.
  bool After(int step, int32_t year) const {
    return m_.has_date[step] && m_.date_year[step] > year;
  }
  bool In(int step, int32_t year) const {
    return m_.has_date[step] && m_.date_year[step] == year;
  }
  int dues_category() const { return m_.dues_category; }
  int64_t monthly_dues_fen() const { return m_.monthly_dues_fen; }
  bool has_posts() const { return !m_.posts.empty(); }
  template <typename F>
  void ForEachPost(F&& f) const {
    for (const auto& [kind, name] : m_.posts) f(kind, name);
  }
  bool has_events() const { return !m_.events.empty(); }
  template <typename F>
  void ForEachEvent(F&& f) const {
    for (const MembershipEventFacts& e : m_.events) {
      f(e.has_on, e.year, e.month, e.day, static_cast<int>(e.kind));
    }
  }

 private:
  const MemberFacts& m_;
};

// One v1::HostStatusChange of a host organization.
struct HostStatusChangeFacts {
  bool has_on = false;
  int32_t year = 0, month = 0, day = 0;  // Of `on`.
  int32_t status = 0;
};

// What the rules and the figures read of a v1::HostOrganization.
struct HostFacts {
  absl::string_view id = "";
  absl::string_view name = "";
  absl::string_view industry = "";
  absl::string_view region_id = "";
  absl::string_view grid_id = "";
  absl::string_view unified_social_credit_code = "";
  absl::string_view owner_member_id = "";
  int32_t kind = 0;
  int32_t subtype = 0;
  int32_t sector_system = 0;
  int32_t status = 0;
  int32_t employees = 0;
  bool has_trade_union = false;
  bool has_womens_organization = false;
  bool has_youth_league_organization = false;
  bool service_contact_card_issued = false;
  bool owner_is_party_member = false;
  bool owner_is_secretary = false;
  bool has_registered_on = false;
  int32_t registered_year = 0, registered_month = 0, registered_day = 0;
  bool has_reported_member_counts = false;
  // full, probationary, activists, applicants, development_targets.
  int32_t reported[5] = {};
  // In the record's order. The only member that owns memory: the
  // validator's index keeps copies whose destructor never runs
  // (Index::Add(HostFacts) frees this first); keep it so.
  std::vector<HostStatusChangeFacts> status_changes;

  // As MemberFacts::Reset().
  void Reset() {
    id = name = industry = region_id = grid_id = "";
    unified_social_credit_code = owner_member_id = "";
    kind = subtype = sector_system = status = employees = 0;
    has_trade_union = has_womens_organization = false;
    has_youth_league_organization = service_contact_card_issued = false;
    owner_is_party_member = owner_is_secretary = false;
    has_registered_on = false;
    registered_year = registered_month = registered_day = 0;
    has_reported_member_counts = false;
    for (int32_t& r : reported) r = 0;
    status_changes.clear();
  }
};

// What the rules and the figures read of a v1::StarAssessment: all but
// (nested in its organization) the organization's id.
struct StarFacts {
  absl::string_view party_organization_id = "";
  absl::string_view standard_version = "";
  int32_t score = 0;
  int32_t year = 0;
  int32_t stars = 0;
  // How many of the five criteria (五好) are met.
  int32_t criteria_met = 0;
  bool has_assessed_on = false;
  int32_t assessed_year = 0, assessed_month = 0, assessed_day = 0;
};

// What the rules read of a v1::CommitteeTerm: its start (named as a dated
// history's entries are, for LatestDatedBy()) and how many seats it lists.
struct CommitteeTermFacts {
  bool has_on = false;
  int32_t year = 0, month = 0, day = 0;  // Of `started_on`.
  int32_t seats = 0;
};

// What the rules, the figures and the worklists read of a
// v1::PartyOrganization: all but the secretary's name, the committee's names,
// and the past terms' seats but their number.
struct OrgFacts {
  absl::string_view id = "";
  absl::string_view name = "";
  absl::string_view region_id = "";
  absl::string_view parent_id = "";
  absl::string_view secretary_member_id = "";
  absl::string_view venue_id = "";
  absl::string_view previous_party_organization_id = "";
  int32_t level = 0;
  int32_t formation = 0;
  bool demonstration_point = false;
  bool has_founded_on = false;
  int32_t founded_year = 0, founded_month = 0, founded_day = 0;
  bool has_dissolved_on = false;
  int32_t dissolved_year = 0, dissolved_month = 0, dissolved_day = 0;
  bool has_term_started_on = false;
  int32_t term_started_year = 0, term_started_month = 0, term_started_day = 0;
  std::vector<absl::string_view> host_organization_ids;
  // Each committee seat's member_id, in order ("" when it names none), and
  // its role (CommitteeRole); how many seats are held by seconded cadres.
  std::vector<absl::string_view> committee_member_ids;
  std::vector<int32_t> committee_roles;
  int32_t seconded_seats = 0;
  std::vector<StarFacts> star_assessments;
  // The committee's earlier terms (past_terms), in order.
  std::vector<CommitteeTermFacts> past_terms;

  // As MemberFacts::Reset().
  void Reset() {
    id = name = region_id = parent_id = secretary_member_id = venue_id = "";
    previous_party_organization_id = "";
    level = formation = 0;
    demonstration_point = has_founded_on = false;
    founded_year = founded_month = founded_day = 0;
    has_dissolved_on = false;
    dissolved_year = dissolved_month = dissolved_day = 0;
    has_term_started_on = false;
    term_started_year = term_started_month = term_started_day = 0;
    host_organization_ids.clear();
    committee_member_ids.clear();
    committee_roles.clear();
    seconded_seats = 0;
    star_assessments.clear();
    past_terms.clear();
  }
};

// What the rules and the figures read of a v1::Funding: all but the note.
struct FundingFacts {
  absl::string_view id = "";
  absl::string_view party_organization_id = "";
  int32_t year = 0;
  int32_t source = 0;
  int64_t amount_fen = 0;
  bool has_received_on = false;
  int32_t received_year = 0, received_month = 0, received_day = 0;

  // As MemberFacts::Reset().
  void Reset() {
    id = party_organization_id = "";
    year = source = 0;
    amount_fen = 0;
    has_received_on = false;
    received_year = received_month = received_day = 0;
  }
};

// What the rules and the figures read of a v1::Venue: all but the name and
// the address.
// One v1::VenueAssessment of a venue.
struct VenueAssessmentFacts {
  bool has_on = false;
  int32_t year = 0, month = 0, day = 0;  // Of `on`.
  uint8_t haves = 0;                     // As VenueFacts::haves.
};

struct VenueFacts {
  absl::string_view id = "";
  absl::string_view party_organization_id = "";
  absl::string_view shared_with_party_organization_id = "";
  int32_t ownership = 0;
  int32_t area_square_metres = 0;
  int32_t capacity = 0;
  // The six haves, bit i set when the i-th is true, in field order: site,
  // facilities, signage, party flag, books and newspapers, rules on the wall.
  uint8_t haves = 0;
  // proto3 `optional`: present when on the wire, whatever the value.
  bool has_latitude = false;
  bool has_longitude = false;
  double latitude = 0;
  double longitude = 0;
  std::vector<VenueAssessmentFacts> assessments;  // In the record's order.

  // As MemberFacts::Reset().
  void Reset() {
    id = party_organization_id = shared_with_party_organization_id = "";
    ownership = area_square_metres = capacity = 0;
    haves = 0;
    has_latitude = has_longitude = false;
    latitude = longitude = 0;
    assessments.clear();
  }
};

// What the rules and the figures read of a v1::Activity: all but the title.
struct ActivityFacts {
  absl::string_view id = "";
  absl::string_view party_organization_id = "";
  absl::string_view grid_id = "";
  absl::string_view host_organization_id = "";
  int32_t kind = 0;
  bool has_held_on = false;
  int32_t held_year = 0;
  int32_t held_month = 0;
  int32_t held_day = 0;
  int64_t count = 0;
  int64_t participants = 0;

  // As MemberFacts::Reset().
  void Reset() {
    id = party_organization_id = grid_id = host_organization_id = "";
    kind = 0;
    has_held_on = false;
    held_year = held_month = held_day = 0;
    count = participants = 0;
  }
};

// What the rules and the figures read of a v1::Grid: all but its name,
// basis, industry and the instructor's unit and phone.
struct GridFacts {
  absl::string_view id = "";
  absl::string_view party_organization_id = "";
  absl::string_view region_id = "";
  absl::string_view instructor_name = "";
  absl::string_view instructor_assignment_id = "";

  // As MemberFacts::Reset().
  void Reset() {
    id = party_organization_id = region_id = instructor_name =
        instructor_assignment_id = "";
  }
};

// What the rules, the figures and the worklists read of a
// v1::CadreAssignment: all but the person's unit.
struct CadreFacts {
  absl::string_view id = "";
  absl::string_view name = "";
  absl::string_view party_organization_id = "";
  absl::string_view grid_id = "";
  int32_t kind = 0;
  bool has_start_on = false;
  int32_t start_year = 0, start_month = 0, start_day = 0;
  bool has_end_on = false;
  int32_t end_year = 0, end_month = 0, end_day = 0;

  // As MemberFacts::Reset().
  void Reset() {
    id = name = party_organization_id = grid_id = "";
    kind = 0;
    has_start_on = false;
    start_year = start_month = start_day = 0;
    has_end_on = false;
    end_year = end_month = end_day = 0;
  }
};

// What the rules and the figures read of a v1::HostAnnualResult.
struct ResultFacts {
  absl::string_view id = "";
  absl::string_view host_organization_id = "";
  int32_t year = 0;
  // Fields 4 to 11 in order: jobs provided, donations (fen), households
  // helped, students aided, suggestions, savings (fen), technical problems
  // solved, innovation projects.
  int64_t values[8] = {};

  // As MemberFacts::Reset().
  void Reset() {
    id = host_organization_id = "";
    year = 0;
    for (int64_t& v : values) v = 0;
  }
};

// True when `bytes`, a Record, are one length-delimited field of its entity
// (fields 1-15: a one-byte tag) and nothing else: its number and its body. A
// second field would be merged with or replace the first: protobuf's
// business, for which this says false.
bool OneEntity(absl::string_view bytes, int* field, absl::string_view* body);

// Fill `out` (cleared first; its vectors keep their capacity) from a message.
void MemberFactsOf(const v1::Member& m, MemberFacts* out);
void HostFactsOf(const v1::HostOrganization& h, HostFacts* out);
void OrgFactsOf(const v1::PartyOrganization& o, OrgFacts* out);
void StarFactsOf(const v1::StarAssessment& a, StarFacts* out);
void FundingFactsOf(const v1::Funding& f, FundingFacts* out);
void VenueFactsOf(const v1::Venue& v, VenueFacts* out);
void ActivityFactsOf(const v1::Activity& a, ActivityFacts* out);
void GridFactsOf(const v1::Grid& g, GridFacts* out);
void CadreFactsOf(const v1::CadreAssignment& c, CadreFacts* out);
void ResultFactsOf(const v1::HostAnnualResult& r, ResultFacts* out);

// Fill `out` from the bytes of a message of the type (not a Record) when
// they are in the plain encoding described above; return false, `out`
// unspecified (its vectors still usable), when they are not (the caller then
// checks and parses).
bool DecodeMemberFacts(absl::string_view bytes, MemberFacts* out);
bool DecodeHostFacts(absl::string_view bytes, HostFacts* out);
bool DecodeOrgFacts(absl::string_view bytes, OrgFacts* out);
bool DecodeFundingFacts(absl::string_view bytes, FundingFacts* out);
bool DecodeVenueFacts(absl::string_view bytes, VenueFacts* out);
bool DecodeActivityFacts(absl::string_view bytes, ActivityFacts* out);
bool DecodeGridFacts(absl::string_view bytes, GridFacts* out);
bool DecodeCadreFacts(absl::string_view bytes, CadreFacts* out);
bool DecodeResultFacts(absl::string_view bytes, ResultFacts* out);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_RECORD_FACTS_H_
