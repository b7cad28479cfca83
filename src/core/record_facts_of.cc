// The facts of a record from its parsed message (record_facts.h): the
// path of records that are not read from bytes (JSON, CSV, workbooks).
#include "core/record_facts.h"

namespace dangjian {
namespace internal {

void MemberFactsOf(const v1::Member& m, MemberFacts* out) {
  out->id = m.id();
  out->host_organization_id = m.host_organization_id();
  out->party_organization_id = m.party_organization_id();
  out->national_id = m.national_id();
  out->status = m.status();
  out->is_owner = m.is_owner();
  // Absent dates read as 0-0-0 without touching the default instance.
  const bool has[5] = {m.has_applied_on(), m.has_activist_on(),
                       m.has_development_target_on(), m.has_probationary_on(),
                       m.has_full_on()};
  const v1::Date* dates[5] = {&m.applied_on(), &m.activist_on(),
                              &m.development_target_on(), &m.probationary_on(),
                              &m.full_on()};
  for (int i = 0; i < 5; ++i) {
    out->has_date[i] = has[i];
    out->date_year[i] = has[i] ? dates[i]->year() : 0;
    out->date_month[i] = has[i] ? dates[i]->month() : 0;
    out->date_day[i] = has[i] ? dates[i]->day() : 0;
  }
  out->has_birth_date = m.has_birth_date();
  out->birth_year = out->has_birth_date ? m.birth_date().year() : 0;
  out->birth_month = out->has_birth_date ? m.birth_date().month() : 0;
  out->birth_day = out->has_birth_date ? m.birth_date().day() : 0;
  out->gender = m.gender();
  out->dues_category = m.dues_category();
  out->monthly_income_fen = m.monthly_income_fen();
  out->monthly_dues_fen = m.monthly_dues_fen();
  out->has_dues_paid_through = m.has_dues_paid_through();
  out->dues_paid_year = m.dues_paid_through().year();
  out->dues_paid_month = m.dues_paid_through().month();
  out->roles = 0;
  for (int role : m.roles()) out->roles |= MemberRoleBit(role);
  out->posts.clear();
  for (const v1::MemberPost& p : m.posts()) {
    out->posts.emplace_back(p.kind(), p.name());
  }
  out->events.clear();
  for (const v1::MembershipEvent& e : m.events()) {
    MembershipEventFacts& f = out->events.emplace_back();
    f.has_on = e.has_on();
    f.year = e.on().year();
    f.month = e.on().month();
    f.day = e.on().day();
    f.kind = e.kind();
    f.counterpart = e.counterpart();
    f.letter_number = e.letter_number();
    f.counterpart_region_id = e.counterpart_region_id();
  }
}

void HostFactsOf(const v1::HostOrganization& h, HostFacts* out) {
  out->id = h.id();
  out->name = h.name();
  out->industry = h.industry();
  out->region_id = h.region_id();
  out->grid_id = h.grid_id();
  out->kind = h.kind();
  out->subtype = h.subtype();
  out->sector_system = h.sector_system();
  out->status = h.status();
  out->employees = h.employees();
  out->has_trade_union = h.has_trade_union();
  out->has_womens_organization = h.has_womens_organization();
  out->has_youth_league_organization = h.has_youth_league_organization();
  out->service_contact_card_issued = h.service_contact_card_issued();
  out->unified_social_credit_code = h.unified_social_credit_code();
  out->owner_member_id = h.owner().member_id();
  out->owner_is_party_member = h.owner().is_party_member();
  out->owner_is_secretary = h.owner().is_secretary();
  out->has_registered_on = h.has_registered_on();
  out->registered_year = h.registered_on().year();
  out->registered_month = h.registered_on().month();
  out->registered_day = h.registered_on().day();
  out->has_reported_member_counts = h.has_reported_member_counts();
  const v1::ReportedMemberCounts& r = h.reported_member_counts();
  out->reported[0] = r.full();
  out->reported[1] = r.probationary();
  out->reported[2] = r.activists();
  out->reported[3] = r.applicants();
  out->reported[4] = r.development_targets();
  out->status_changes.clear();
  for (const v1::HostStatusChange& c : h.status_changes()) {
    HostStatusChangeFacts& f = out->status_changes.emplace_back();
    f.has_on = c.has_on();
    f.year = c.on().year();
    f.month = c.on().month();
    f.day = c.on().day();
    f.status = c.status();
  }
}

void StarFactsOf(const v1::StarAssessment& a, StarFacts* out) {
  out->party_organization_id = a.party_organization_id();
  out->standard_version = a.standard_version();
  out->score = a.score();
  out->year = a.year();
  out->stars = a.stars();
  out->criteria_met = a.organization_building_good() +
                      a.guarantee_mechanism_good() + a.activities_good() +
                      a.role_played_well() + a.distinctive_results_good();
  out->has_assessed_on = a.has_assessed_on();
  out->assessed_year = a.assessed_on().year();
  out->assessed_month = a.assessed_on().month();
  out->assessed_day = a.assessed_on().day();
}

void OrgFactsOf(const v1::PartyOrganization& o, OrgFacts* out) {
  out->id = o.id();
  out->name = o.name();
  out->region_id = o.region_id();
  out->parent_id = o.parent_id();
  out->secretary_member_id = o.secretary_member_id();
  out->venue_id = o.venue_id();
  out->previous_party_organization_id = o.previous_party_organization_id();
  out->level = o.level();
  out->formation = o.formation();
  out->demonstration_point = o.demonstration_point();
  out->has_founded_on = o.has_founded_on();
  out->founded_year = o.founded_on().year();
  out->founded_month = o.founded_on().month();
  out->founded_day = o.founded_on().day();
  out->has_dissolved_on = o.has_dissolved_on();
  out->dissolved_year = o.dissolved_on().year();
  out->dissolved_month = o.dissolved_on().month();
  out->dissolved_day = o.dissolved_on().day();
  out->has_term_started_on = o.has_term_started_on();
  out->term_started_year = o.term_started_on().year();
  out->term_started_month = o.term_started_on().month();
  out->term_started_day = o.term_started_on().day();
  out->host_organization_ids.assign(o.host_organization_ids().begin(),
                                    o.host_organization_ids().end());
  out->committee_member_ids.clear();
  out->committee_roles.clear();
  out->seconded_seats = 0;
  for (const v1::CommitteeSeat& seat : o.committee()) {
    out->committee_member_ids.push_back(seat.member_id());
    out->committee_roles.push_back(seat.role());
    out->seconded_seats += seat.seconded();
  }
  out->past_terms.resize(o.past_terms_size());
  for (int i = 0; i < o.past_terms_size(); ++i) {
    const v1::CommitteeTerm& t = o.past_terms(i);
    CommitteeTermFacts& f = out->past_terms[i];
    f.has_on = t.has_started_on();
    f.year = t.started_on().year();
    f.month = t.started_on().month();
    f.day = t.started_on().day();
    f.seats = t.committee_size();
  }
  out->star_assessments.resize(o.star_assessments_size());
  for (int i = 0; i < o.star_assessments_size(); ++i) {
    StarFactsOf(o.star_assessments(i), &out->star_assessments[i]);
  }
}

void FundingFactsOf(const v1::Funding& f, FundingFacts* out) {
  out->id = f.id();
  out->party_organization_id = f.party_organization_id();
  out->year = f.year();
  out->source = f.source();
  out->amount_fen = f.amount_fen();
  out->has_received_on = f.has_received_on();
  out->received_year = out->has_received_on ? f.received_on().year() : 0;
  out->received_month = out->has_received_on ? f.received_on().month() : 0;
  out->received_day = out->has_received_on ? f.received_on().day() : 0;
}

void VenueFactsOf(const v1::Venue& v, VenueFacts* out) {
  out->id = v.id();
  out->party_organization_id = v.party_organization_id();
  out->shared_with_party_organization_id =
      v.shared_with_party_organization_id();
  out->ownership = v.ownership();
  out->area_square_metres = v.area_square_metres();
  out->capacity = v.capacity();
  out->has_latitude = v.has_latitude();
  out->latitude = v.latitude();
  out->has_longitude = v.has_longitude();
  out->longitude = v.longitude();
  out->haves = static_cast<uint8_t>(
      (v.has_site() ? 1 : 0) | (v.has_facilities() ? 2 : 0) |
      (v.has_signage() ? 4 : 0) | (v.has_party_flag() ? 8 : 0) |
      (v.has_books_and_newspapers() ? 16 : 0) |
      (v.has_rules_on_wall() ? 32 : 0));
  out->assessments.clear();
  for (const v1::VenueAssessment& a : v.assessments()) {
    VenueAssessmentFacts& f = out->assessments.emplace_back();
    f.has_on = a.has_on();
    f.year = a.on().year();
    f.month = a.on().month();
    f.day = a.on().day();
    f.haves = static_cast<uint8_t>(
        (a.has_site() ? 1 : 0) | (a.has_facilities() ? 2 : 0) |
        (a.has_signage() ? 4 : 0) | (a.has_party_flag() ? 8 : 0) |
        (a.has_books_and_newspapers() ? 16 : 0) |
        (a.has_rules_on_wall() ? 32 : 0));
  }
}

void ActivityFactsOf(const v1::Activity& a, ActivityFacts* out) {
  out->id = a.id();
  out->party_organization_id = a.party_organization_id();
  out->grid_id = a.grid_id();
  out->host_organization_id = a.host_organization_id();
  out->kind = a.kind();
  out->has_held_on = a.has_held_on();
  out->held_year = out->has_held_on ? a.held_on().year() : 0;
  out->held_month = out->has_held_on ? a.held_on().month() : 0;
  out->held_day = out->has_held_on ? a.held_on().day() : 0;
  out->count = a.count();
  out->participants = a.participants();
}

void GridFactsOf(const v1::Grid& g, GridFacts* out) {
  out->id = g.id();
  out->party_organization_id = g.party_organization_id();
  out->region_id = g.region_id();
  out->instructor_name = g.instructor_name();
  out->instructor_assignment_id = g.instructor_assignment_id();
}

void CadreFactsOf(const v1::CadreAssignment& c, CadreFacts* out) {
  out->id = c.id();
  out->name = c.name();
  out->party_organization_id = c.party_organization_id();
  out->grid_id = c.grid_id();
  out->kind = c.kind();
  out->has_start_on = c.has_start_on();
  out->start_year = out->has_start_on ? c.start_on().year() : 0;
  out->start_month = out->has_start_on ? c.start_on().month() : 0;
  out->start_day = out->has_start_on ? c.start_on().day() : 0;
  out->has_end_on = c.has_end_on();
  out->end_year = out->has_end_on ? c.end_on().year() : 0;
  out->end_month = out->has_end_on ? c.end_on().month() : 0;
  out->end_day = out->has_end_on ? c.end_on().day() : 0;
}

void ResultFactsOf(const v1::HostAnnualResult& r, ResultFacts* out) {
  out->id = r.id();
  out->host_organization_id = r.host_organization_id();
  out->year = r.year();
  out->values[0] = r.jobs_provided();
  out->values[1] = r.donations_fen();
  out->values[2] = r.households_helped();
  out->values[3] = r.students_aided();
  out->values[4] = r.suggestions();
  out->values[5] = r.savings_fen();
  out->values[6] = r.technical_problems_solved();
  out->values[7] = r.innovation_projects();
}

}  // namespace internal
}  // namespace dangjian
