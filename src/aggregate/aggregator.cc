// The streaming Aggregator's Add path (aggregator_impl.h): each record,
// parsed, decoded from its bytes or decoded and joined by a pipeline, filed
// into the tables of aggregator_state.h. The hot path does one or two hash
// lookups per record and allocates only when a new id enters a table.
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/base/optimization.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "aggregate/aggregator_impl.h"
#include "aggregate/feed.h"
#include "core/coverage_join.h"
#include "core/facts_kinds.h"
#include "core/host_status.h"
#include "core/member_status.h"
#include "core/record_facts.h"
#include "core/star_target.h"
#include "core/venue_haves.h"
#include "core/wire_check.h"
#include "core/wire_format.h"
#include "dangjian/aggregate.h"
#include "dangjian/policy.h"

namespace dangjian {
namespace internal {
namespace {

// Checks the Record `bytes` strictly, parses its entity's `body` into
// `message`, then calls `add`.
template <typename Message, typename AddFn>
absl::Status Parsed(absl::string_view bytes, absl::string_view body,
                    Message* message, AddFn&& add) {
  if (absl::Status s = CheckRecordStrictly(bytes); !s.ok()) return s;
  if (!message->ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    return NotWellFormedRecord(bytes, "bytes protobuf does not parse");
  }
  add();
  return absl::OkStatus();
}

// Decodes an entity's `body` (of the Record `bytes`) of kind `Kind` (a
// FactsKind) into `facts`; when its decoder says no, checks and parses it
// into `message` and takes the facts from there. Then calls `add`.
template <typename Kind, typename AddFn>
absl::Status Decoded(absl::string_view bytes, absl::string_view body, Kind kind,
                     typename Kind::Message* message,
                     typename Kind::Facts* facts, AddFn&& add) {
  if (kind.Decode(body, facts)) {
    add();
    return absl::OkStatus();
  }
  return Parsed(bytes, body, message, [&] {
    kind.Of(*message, facts);
    add();
  });
}
}  // namespace

namespace aggregation {

absl::Status AggregatorImpl::Add(const v1::Record& record) {
  if (finished_) return FinishedError();
  // A member's message is read through a view, without facts.
  if (record.has_member()) {
    AddMember(MemberMessageView(record.member()));
    return absl::OkStatus();
  }
  if (ForFactsKind(record.entity_case(), [&](auto kind) {
        auto* facts = facts_.Of(kind);
        kind.Of(kind.MessageOf(record), facts);
        AddFacts(*facts, nullptr);
      })) {
    return absl::OkStatus();
  }
  switch (record.entity_case()) {
    case v1::Record::kRegion:
      AddRegion(record.region());
      break;
    case v1::Record::kReserveTalent:
      AddReserve(record.reserve_talent());
      break;
    case v1::Record::kRegionEconomy:
      AddEconomy(record.region_economy());
      break;
    case v1::Record::kStarAssessment:
      AddStar(record.star_assessment());
      break;
    default:  // Header, trailer, empty: nothing to count.
      break;
  }
  return absl::OkStatus();
}

absl::Status AggregatorImpl::AddSerialized(StringArg bytes_arg) {
  const absl::string_view bytes = bytes_arg;
  if (finished_) return FinishedError();
  int field;
  absl::string_view body;
  if (!OneEntity(bytes, &field, &body)) {
    // Not one entity field: protobuf's business (merged or replaced
    // fields), by the strict check the readers apply and its parser.
    if (absl::Status s = ParseRecordStrictly(bytes, &scratch_); !s.ok())
      return s;
    return Add(scratch_);
  }
  // A member, host organization, party organization, funding, venue,
  // activity, grid, cadre assignment or annual result in the plain
  // encoding: the fields aggregation reads straight from the bytes (what
  // the record decoder takes is well formed by the strict check). Otherwise,
  // and for the other kinds, the strict check, then protobuf's parser into a
  // message of the entity's own type, kept from record to record: parsing
  // into one Record would free and allocate its entity whenever the kind
  // changes.
  absl::Status status;
  if (ForFactsKind(field, [&](auto kind) {
        auto* facts = facts_.Of(kind);
        status = Decoded(bytes, body, kind, messages_.Of(kind), facts,
                         [&] { AddFacts(*facts, nullptr); });
      })) {
    return status;
  }
  switch (field) {
    case v1::Record::kRegionFieldNumber:
      return Parsed(bytes, body, &region_, [&] { AddRegion(region_); });
    case v1::Record::kReserveTalentFieldNumber:
      return Parsed(bytes, body, &reserve_, [&] { AddReserve(reserve_); });
    case v1::Record::kRegionEconomyFieldNumber:
      return Parsed(bytes, body, &economy_, [&] { AddEconomy(economy_); });
    case v1::Record::kStarAssessmentFieldNumber:
      return Parsed(bytes, body, &star_, [&] { AddStar(star_); });
    default:  // Header, trailer: nothing to count, once they parse.
      if (absl::Status s = CheckRecordStrictly(bytes); !s.ok()) return s;
      if (!scratch_.ParseFromArray(bytes.data(),
                                   static_cast<int>(bytes.size()))) {
        return NotWellFormedRecord(bytes, "bytes protobuf does not parse");
      }
      return Add(scratch_);
  }
}

template <typename Facts, typename Join>
absl::Status AggregatorImpl::AddJoined(const Facts& facts, const Join& join) {
  if (finished_) return FinishedError();
  AddFacts(facts, &join);
  return absl::OkStatus();
}

absl::Status AggregatorImpl::AddSkippedRecords(StringArg reason_arg,
                                               int64_t count) {
  const absl::string_view reason = reason_arg;
  return AddNamed(reason, count, &skipped_);
}

absl::Status AggregatorImpl::AddFindings(StringArg rule_id_arg, int64_t count) {
  const absl::string_view rule_id = rule_id_arg;
  return AddNamed(rule_id, count, &findings_);
}

absl::Status AggregatorImpl::AddNamed(
    absl::string_view name, int64_t count,
    std::map<std::string, int64_t, std::less<>>* map) {
  if (finished_) return FinishedError();
  if (name.empty()) {
    return absl::InvalidArgumentError("Aggregator: empty data-quality name");
  }
  if (count < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("Aggregator: negative count ", count, " for ", name));
  }
  auto it = map->find(name);
  if (it == map->end()) it = map->emplace(std::string(name), 0).first;
  int64_t& slot = it->second;
  if (__builtin_add_overflow(slot, count, &slot)) {
    slot = INT64_MAX;
  }
  return absl::OkStatus();
}

void AggregatorImpl::AddFacts(const MemberFacts& m, const MemberJoin* j) {
  AddMember(MemberFactsView(m), j);
}

void AggregatorImpl::AddFacts(const HostFacts& h, const HostJoin* j) {
  AddHost(h, j);
}

void AggregatorImpl::AddFacts(const OrgFacts& o, const OrgJoin* j) {
  AddOrg(o, j);
}

void AggregatorImpl::AddFacts(const FundingFacts& f, const FundingJoin* j) {
  AddFunding(f, j);
}

void AggregatorImpl::AddFacts(const VenueFacts& v, const VenueJoin* j) {
  AddVenue(v, j);
}

void AggregatorImpl::AddFacts(const ActivityFacts& a, const ActivityJoin* j) {
  AddActivity(a, j);
}

void AggregatorImpl::AddFacts(const GridFacts& g, const GridJoin* j) {
  AddGrid(g, j);
}

void AggregatorImpl::AddFacts(const CadreFacts& c, const CadreJoin* j) {
  AddCadre(c, j);
}

void AggregatorImpl::AddFacts(const ResultFacts& r, const ResultJoin* j) {
  AddResult(r, j);
}

void AggregatorImpl::AddHost(const HostFacts& h, const HostJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  HostState& s = hosts_.rows[j ? hosts_.Row(j->self) : hosts_.Intern(h.id)];
  if (s.present) return Duplicate("host_organization");
  s.present = true;
  s.industry = arena_.Store(h.industry);
  if (cap_ > 0) s.name = arena_.Store(h.name);
  if (j) {
    s.region = j->region == kNoId ? kNone : regions_.Row(j->region);
    s.grid = j->grid == kNoId ? kNone : grids_.Row(j->grid);
  } else {
    s.region = RegionOf(h.region_id);
    if (!h.grid_id.empty()) {
      // Interning may move rows of other tables only.
      s.grid = grids_.InternRecent(h.grid_id);
    }
  }
  s.closed = HostClosedAtYearEnd(h, year_);
  s.registered_later = h.has_registered_on && h.registered_year > year_;
  s.unit_of_year =
      UnitOfYear(s.closed, h.has_registered_on, h.registered_year, year_);
  // Out-of-range enum values (open enums) are kept as UNSPECIFIED.
  s.kind = static_cast<uint8_t>(v1::HostKind_IsValid(h.kind) ? h.kind : 0);
  s.subtype =
      static_cast<uint8_t>(v1::HostSubtype_IsValid(h.subtype) ? h.subtype : 0);
  s.sector = static_cast<uint8_t>(
      v1::SectorSystem_IsValid(h.sector_system) ? h.sector_system : 0);
  s.trade_union = h.has_trade_union;
  s.womens = h.has_womens_organization;
  s.youth = h.has_youth_league_organization;
  s.contact_card = h.service_contact_card_issued;
  s.owner_member = h.owner_is_party_member;
  s.owner_secretary = h.owner_is_secretary;
  if (h.has_reported_member_counts) {
    s.has_reported = true;
    s.reported[v1::MEMBER_STATUS_FULL] = std::max(0, h.reported[0]);
    s.reported[v1::MEMBER_STATUS_PROBATIONARY] = std::max(0, h.reported[1]);
    s.reported[v1::MEMBER_STATUS_ACTIVIST] = std::max(0, h.reported[2]);
    s.reported[v1::MEMBER_STATUS_APPLICANT] = std::max(0, h.reported[3]);
    s.reported[v1::MEMBER_STATUS_DEVELOPMENT_TARGET] =
        std::max(0, h.reported[4]);
  }
}

template <typename View>
void AggregatorImpl::AddMember(const View& m, const MemberJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  int status;
  MemberJoin own;
  if (j != nullptr) {
    // Joined, counted and its status taken by JoinFacts(), of our year
    // (UseIndex()).
    assert(index_->as_of_year == year_);
    status = MemberStatusFor(*j, *index_, m, year_);
  } else {
    // Joined here, counted once, as JoinFacts() would.
    own.host = hosts_.NumberIfNamed(m.host_organization_id());
    own.org = orgs_.NumberIfNamed(m.party_organization_id());
    status = MemberStatusAtYearEnd(m, year_);
    index_->members_as_of.Count(own.host, own.org, status, m.is_owner());
    j = &own;
  }
  if (status < 0) {
    // Off the roll at the end of the year, or not yet applied: only the
    // year's events count (a member who left in it).
    if (m.has_events()) AddMemberEvents(m, MemberAccOf(*j));
    return;
  }
  MemberAcc* acc = MemberAccOf(*j);
  if (ABSL_PREDICT_FALSE(m.has_events())) AddMemberEvents(m, acc);
  const bool member = status == v1::MEMBER_STATUS_FULL ||
                      status == v1::MEMBER_STATUS_PROBATIONARY;
  if (member && m.monthly_dues_fen() > 0) {
    ++acc->dues_members;
    acc->dues_fen[DuesBucket(m.dues_category())] += m.monthly_dues_fen();
  }
  if (member && m.In(MemberFacts::kProbationary, year_)) {
    ++acc->new_members;
    if (m.is_owner()) ++acc->new_owners;
    if (j->org != kNoId) ++orgs_.rows[orgs_.Row(j->org)].new_members;
  }
  if (!m.has_posts()) return;
  m.ForEachPost([&](int32_t kind, absl::string_view name) {
    switch (kind) {
      case v1::POST_KIND_DEMONSTRATION_POST:
        ++acc->posts[0];
        break;
      case v1::POST_KIND_VANGUARD_POST:
        ++acc->posts[1];
        break;
      case v1::POST_KIND_RESPONSIBILITY_ZONE:
        ++acc->posts[2];
        break;
      case v1::POST_KIND_TECHNICAL_SERVICE_TEAM:
        if (j->host != kNoId) {
          teams_.emplace(hosts_.Row(j->host), std::string(name));
        }
        break;
      default:
        break;
    }
  });
}

MemberAcc* AggregatorImpl::MemberAccOf(const MemberJoin& j) {
  if (j.host != kNoId) return &hosts_.rows[hosts_.Row(j.host)].members;
  if (j.org != kNoId) return &orgs_.rows[orgs_.Row(j.org)].members;
  return &loose_members_;
}

template <typename View>
void AggregatorImpl::AddMemberEvents(const View& m, MemberAcc* acc) {
  m.ForEachEvent([&](bool has_on, int32_t y, int32_t, int32_t, int kind) {
    if (has_on && y == year_ && kind > 0 &&
        kind <= v1::MEMBERSHIP_EVENT_KIND_DIED) {
      ++acc->events[kind];
    }
  });
}

void AggregatorImpl::AddOrg(const OrgFacts& o, const OrgJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  OrgJoin own;
  if (j == nullptr) {
    // Joined here, its units' coverage counted once, as in a pipeline.
    own = JoinFacts(o, index_);
    j = &own;
  } else {
    // Joined and counted by JoinFacts(), of our year (UseIndex()).
    assert(index_->as_of_year == year_);
  }
  const uint32_t idx = orgs_.Row(j->self);
  if (orgs_.rows[idx].present) return Duplicate("party_organization");
  // Its star assessments are records of their own in a CSV ledger (one
  // row each, but for a duplicate's): counted alike in every format.
  records_ += static_cast<int64_t>(o.star_assessments.size());
  const bool exists = ExistsInYear(o, year_);
  uint32_t anchor = kNone;
  if (exists) {
    // The units it lists have rows (its coverage of them is the index's:
    // ShardIndex::unit_org_cover); the first anchors it (its group, its
    // kind).
    for (const uint32_t n : ListedHosts(*index_, *j)) {
      const uint32_t h = hosts_.Row(n);
      if (anchor == kNone) anchor = h;
    }
  }
  const uint32_t region = RegionOf(o.region_id);
  const uint32_t previous =
      o.previous_party_organization_id.empty()
          ? kNone
          : orgs_.Intern(o.previous_party_organization_id);
  OrgState& s = orgs_.rows[idx];
  s.present = true;
  if (cap_ > 0) s.name = arena_.Store(o.name);
  s.exists = exists;
  s.anchor_host = anchor;
  s.region = region;
  s.previous = previous;
  s.formation = o.formation;
  s.level = o.level;
  s.demonstration = o.demonstration_point;
  for (const StarFacts& a : o.star_assessments) {
    if (a.year == year_) {
      s.stars = a.stars;
      break;
    }
  }
  const StarTargetOutcome star = ClassifyStarOf(o, year_);
  s.star_eligible = exists && star.eligible;
  s.star_met = star.met;
}

void AggregatorImpl::AddStar(const v1::StarAssessment& a) {
  ++records_;  // Of the shard's fingerprint.
  if (a.party_organization_id().empty()) {
    ++dangling_["aggregate.star_assessment.no_party_organization"];
    return;
  }
  const uint32_t org = orgs_.Intern(a.party_organization_id());
  if (a.year() == year_) stars_.push_back({org, a.stars()});
}

void AggregatorImpl::AddGrid(const GridFacts& g, const GridJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  const uint32_t idx = j ? grids_.Row(j->self) : grids_.Intern(g.id);
  if (grids_.rows[idx].present) return Duplicate("grid");
  uint32_t org = kNone;
  if (!g.party_organization_id.empty()) {
    org = j ? orgs_.Row(j->org) : orgs_.Intern(g.party_organization_id);
  }
  const uint32_t region = j ? RegionAt(j->region) : RegionOf(g.region_id);
  uint32_t assignment = kNone;
  if (!g.instructor_assignment_id.empty()) {
    assignment = j ? assignments_.Row(j->assignment)
                   : assignments_.Intern(g.instructor_assignment_id);
  }
  GridState& s = grids_.rows[idx];
  s.present = true;
  s.org = org;
  s.region = region;
  s.assignment = assignment;
  s.has_instructor_name = !g.instructor_name.empty();
  if (cap_ > 0) s.instructor_name = arena_.Store(g.instructor_name);
}

void AggregatorImpl::AddRegion(const v1::Region& r) {
  const uint32_t idx = regions_.Intern(r.id());
  if (regions_.rows[idx].present) return Duplicate("region");
  const uint32_t parent = RegionOf(r.parent_id());
  RegionState& s = regions_.rows[idx];
  s.present = true;
  s.name = arena_.Store(r.name());
  s.level = r.level();
  s.parent = parent;
  s.working_committee_units = r.working_committee_member_units_size();
}

void AggregatorImpl::AddEconomy(const v1::RegionEconomy& e) {
  if (e.year() > year_ || e.region_id().empty()) return;
  RegionState& s = regions_.rows[regions_.Intern(e.region_id())];
  int64_t v[6] = {e.market_entities_total(), e.market_entities_non_public(),
                  e.value_added_total_fen(), e.value_added_non_public_fen(),
                  e.tax_revenue_total_fen(), e.tax_revenue_non_public_fen()};
  // A pair with a negative figure or more non-public than total is no
  // share (record.count.negative, region.economy.inconsistent): left out,
  // so that no share shows below 0% or above 100%.
  for (int k = 0; k < 6; k += 2) {
    if (v[k] < 0 || v[k + 1] < 0 || v[k + 1] > v[k]) v[k] = v[k + 1] = 0;
  }
  // The latest year wins; within a year the greatest figures, so that the
  // choice does not depend on the order of the records.
  if (e.year() > s.economy_year ||
      (e.year() == s.economy_year &&
       std::lexicographical_compare(s.economy, s.economy + 6, v, v + 6))) {
    s.economy_year = e.year();
    std::copy(v, v + 6, s.economy);
  }
}

void AggregatorImpl::AddActivity(const ActivityFacts& a,
                                 const ActivityJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  if (!a.has_held_on || a.held_year != year_) return;
  ActivityFact f;
  f.grid = kNone;
  if (!a.party_organization_id.empty()) {
    f.owner = Owner::kOrg;
    f.idx = j ? orgs_.Row(j->org) : orgs_.Intern(a.party_organization_id);
  } else if (!a.grid_id.empty()) {
    f.owner = Owner::kGrid;
    f.idx = j ? grids_.Row(j->grid) : grids_.Intern(a.grid_id);
    f.grid = f.idx;
  } else if (!a.host_organization_id.empty()) {
    f.owner = Owner::kHost;
    f.idx = j ? hosts_.Row(j->host) : hosts_.Intern(a.host_organization_id);
  } else {
    f.owner = Owner::kNone;
    f.idx = kNone;
  }
  const int kind = a.kind;
  f.kind = static_cast<uint8_t>(
      kind >= 0 && kind <= v1::ACTIVITY_KIND_OTHER ? kind : 0);
  const int month = a.held_month;
  f.quarter =
      static_cast<uint8_t>(month >= 1 && month <= 12 ? (month - 1) / 3 + 1 : 0);
  // A negative count or participants is no figure (record.count.negative):
  // counted as 0, never shown below zero.
  f.count = a.count == 0 ? 1 : std::max<int64_t>(a.count, 0);
  f.participants = std::max<int64_t>(a.participants, 0);
  activities_.push_back(f);
}

void AggregatorImpl::AddFunding(const FundingFacts& f, const FundingJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  if (f.year != year_ || f.party_organization_id.empty()) return;
  OrgState& o =
      orgs_.rows[j ? orgs_.Row(j->org) : orgs_.Intern(f.party_organization_id)];
  const int source = f.source;
  o.funding[source >= 0 && source <= 4 ? source : 0] += f.amount_fen;
}

void AggregatorImpl::AddVenue(const VenueFacts& v, const VenueJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  VenueFact f;
  f.org = v.party_organization_id.empty() ? kNone
          : j                             ? orgs_.Row(j->org)
              : orgs_.Intern(v.party_organization_id);
  f.haves = VenueHavesAtYearEnd(v, year_);
  const int own = v.ownership;
  f.ownership = static_cast<uint8_t>(own >= 0 && own <= 4 ? own : 0);
  venues_.push_back(f);
}

void AggregatorImpl::AddCadre(const CadreFacts& c, const CadreJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  const bool in_post = AssignmentInPostInYear(c.has_start_on, c.start_year,
                                              c.has_end_on, c.end_year, year_);
  if (!c.id.empty()) {
    // Whether a grid's instructor is in post; any kind, as the grid says.
    AssignmentState& a =
        assignments_
            .rows[j ? assignments_.Row(j->self) : assignments_.Intern(c.id)];
    a.present = true;
    if (in_post && !a.in_post && cap_ > 0) a.name = arena_.Store(c.name);
    a.in_post = a.in_post || in_post;
  }
  if (!in_post) return;
  const int kind = c.kind;
  if (kind < 1 || kind > 3) return;
  CadreFact f;
  f.kind = static_cast<uint8_t>(kind);
  if (!c.party_organization_id.empty()) {
    f.owner = Owner::kOrg;
    f.idx = j ? orgs_.Row(j->org) : orgs_.Intern(c.party_organization_id);
  } else if (!c.grid_id.empty()) {
    f.owner = Owner::kGrid;
    f.idx = j ? grids_.Row(j->grid) : grids_.Intern(c.grid_id);
  } else {
    f.owner = Owner::kNone;
    f.idx = kNone;
  }
  cadres_.push_back(f);
}

void AggregatorImpl::AddReserve(const v1::ReserveTalent& r) {
  ++records_;  // Of the shard's fingerprint.
  if (r.has_since() && r.since().year() > year_) return;
  CadreFact f;
  f.kind = 0;
  if (!r.host_organization_id().empty()) {
    f.owner = Owner::kHost;
    f.idx = hosts_.Intern(r.host_organization_id());
  } else if (!r.party_organization_id().empty()) {
    f.owner = Owner::kOrg;
    f.idx = orgs_.Intern(r.party_organization_id());
  } else {
    f.owner = Owner::kNone;
    f.idx = kNone;
  }
  cadres_.push_back(f);
}

void AggregatorImpl::AddResult(const ResultFacts& r, const ResultJoin* j) {
  ++records_;  // Of the shard's fingerprint.
  if (r.year != year_) return;
  ResultFact f;
  f.host = kNone;
  if (!r.host_organization_id.empty()) {
    f.host = j ? hosts_.Row(j->host) : hosts_.Intern(r.host_organization_id);
  }
  // Negative results are no figures (record.count.negative): counted as 0.
  for (int k = 0; k < 8; ++k) f.values[k] = std::max<int64_t>(r.values[k], 0);
  results_.push_back(f);
}

}  // namespace aggregation

void UseShardIndex(Aggregator* aggregator, ShardIndex* index) {
  static_cast<aggregation::AggregatorImpl*>(aggregator)->UseIndex(index);
}

absl::StatusOr<v1::PartialReport> FinishForRun(Aggregator* aggregator) {
  return static_cast<aggregation::AggregatorImpl*>(aggregator)
      ->FinishPartial(
          /*with_layout=*/false);
}

template <typename Facts, typename Join>
absl::Status AddFacts(Aggregator* aggregator, const Facts& facts,
                      const Join& join) {
  return static_cast<aggregation::AggregatorImpl*>(aggregator)
      ->AddJoined(facts, join);
}

// The kinds the pipeline decodes into facts.
template absl::Status AddFacts(Aggregator*, const MemberFacts&,
                               const MemberJoin&);
template absl::Status AddFacts(Aggregator*, const HostFacts&, const HostJoin&);
template absl::Status AddFacts(Aggregator*, const OrgFacts&, const OrgJoin&);
template absl::Status AddFacts(Aggregator*, const FundingFacts&,
                               const FundingJoin&);
template absl::Status AddFacts(Aggregator*, const VenueFacts&,
                               const VenueJoin&);
template absl::Status AddFacts(Aggregator*, const ActivityFacts&,
                               const ActivityJoin&);
template absl::Status AddFacts(Aggregator*, const GridFacts&, const GridJoin&);
template absl::Status AddFacts(Aggregator*, const CadreFacts&,
                               const CadreJoin&);
template absl::Status AddFacts(Aggregator*, const ResultFacts&,
                               const ResultJoin&);

}  // namespace internal

Aggregator::~Aggregator() = default;

absl::Status Aggregator::AddSerialized(StringArg bytes_arg) {
  const absl::string_view bytes = bytes_arg;
  v1::Record record;
  if (absl::Status s = internal::ParseRecordStrictly(bytes, &record); !s.ok()) {
    return s;
  }
  return Add(record);
}

absl::StatusOr<std::unique_ptr<Aggregator>> Aggregator::Create(
    const AggregatorOptions& options) {
  if (options.year < 1 || options.year > 9999) {
    return absl::InvalidArgumentError(absl::StrCat(
        "AggregatorOptions.year must be 1 to 9999, got ", options.year));
  }
  if (options.worklist_cap < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("AggregatorOptions.worklist_cap must be 0 or more, got ",
                     options.worklist_cap));
  }
  if (!v1::RegionLevel_IsValid(options.group_by.region_level())) {
    return absl::InvalidArgumentError(
        absl::StrCat("AggregatorOptions.group_by.region_level: unknown level ",
                     options.group_by.region_level()));
  }
  AggregatorOptions filled = options;
  FillPolicyDefaults(&filled.policy);
  if (absl::Status s = CheckPolicy(filled.policy); !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("AggregatorOptions.policy: ", s.message()));
  }
  return std::unique_ptr<Aggregator>(
      new internal::aggregation::AggregatorImpl(filled));
}

}  // namespace dangjian
