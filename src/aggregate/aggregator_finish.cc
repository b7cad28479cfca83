// The streaming Aggregator's Finish path (aggregator_impl.h): joins the
// tables the Add path filled (grids to their instructors, organizations to
// their units and star assessments), sums every row into its group and
// writes the partial report.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "aggregate/aggregator_impl.h"
#include "aggregate/figures.h"
#include "core/coverage_join.h"
#include "dangjian/coverage.h"
#include "dangjian/personal_data.h"

namespace dangjian {
namespace internal {
namespace aggregation {

uint32_t AggregatorImpl::TierAncestor(uint32_t region) {
  if (region == kNone || region_tier_ == 0) return kNone;
  RegionState& start = regions_.rows[region];
  if (start.tier_resolved) return start.tier_ancestor;
  uint32_t r = region;
  uint32_t found = kNone;
  for (int steps = 0; r != kNone && steps < 64; ++steps) {
    const RegionState& s = regions_.rows[r];
    if (RegionTier(s.level) == region_tier_) {
      found = r;
      break;
    }
    r = s.parent;
  }
  start.tier_resolved = true;
  start.tier_ancestor = found;
  return found;
}

uint32_t AggregatorImpl::GroupFor(uint32_t region, const HostState* host) {
  v1::GroupKey key;
  const uint32_t anc = TierAncestor(region);
  // Ids and labels leave the shard masked (docs/privacy.md): a resident ID
  // or phone number typed into them never reaches a report or partial.
  if (anc != kNone) key.set_region_id(MaskPersonalData(regions_.rows[anc].id));
  if (host != nullptr && host->present) {
    if (group_by_.industry())
      key.set_industry(MaskPersonalData(host->industry));
    if (group_by_.host_kind()) {
      key.set_host_kind(static_cast<v1::HostKind>(host->kind));
    }
    if (group_by_.host_subtype()) {
      key.set_host_subtype(static_cast<v1::HostSubtype>(host->subtype));
    }
    if (group_by_.sector_system()) {
      key.set_sector_system(static_cast<v1::SectorSystem>(host->sector));
    }
  }
  std::string encoded = EncodeGroupKey(key);
  auto [it, inserted] = group_index_.try_emplace(
      std::move(encoded), static_cast<uint32_t>(groups_.size()));
  if (inserted) {
    groups_.push_back(std::make_unique<GroupAcc>());
    candidates_.emplace_back();
    keys_.push_back(std::move(key));
  }
  return it->second;
}

uint32_t AggregatorImpl::RegionGroup(uint32_t region) {
  const uint32_t anc = TierAncestor(region);
  if (anc == kNone) {
    if (no_region_group_ == kNone) no_region_group_ = GroupFor(kNone, nullptr);
    return no_region_group_;
  }
  if (region_group_.size() < regions_.rows.size()) {
    region_group_.resize(regions_.rows.size(), kNone);
  }
  if (region_group_[anc] == kNone) {
    region_group_[anc] = GroupFor(anc, nullptr);
  }
  return region_group_[anc];
}

uint32_t AggregatorImpl::HostGroup(uint32_t h) {
  if (h == kNone) return RegionGroup(kNone);
  HostState& s = hosts_.rows[h];
  if (s.group == kNone) {
    s.group = (host_dims_ && s.present) ? GroupFor(s.region, &s)
                                        : RegionGroup(s.region);
  }
  return s.group;
}

uint32_t AggregatorImpl::OrgGroup(uint32_t o) {
  if (o == kNone) return RegionGroup(kNone);
  OrgState& s = orgs_.rows[o];
  if (s.group == kNone) {
    if (s.anchor_host != kNone && hosts_.rows[s.anchor_host].present) {
      s.group = HostGroup(s.anchor_host);
    } else {
      s.group = RegionGroup(s.region);
    }
  }
  return s.group;
}

uint32_t AggregatorImpl::GridGroup(uint32_t g) {
  if (g == kNone) return RegionGroup(kNone);
  GridState& s = grids_.rows[g];
  if (s.group == kNone) {
    s.group = s.region != kNone ? GroupFor(s.region, nullptr) : OrgGroup(s.org);
  }
  return s.group;
}

uint32_t AggregatorImpl::OwnerGroup(Owner owner, uint32_t idx) {
  switch (owner) {
    case Owner::kHost:
      return HostGroup(idx);
    case Owner::kOrg:
      return OrgGroup(idx);
    case Owner::kGrid:
      return GridGroup(idx);
    default:
      return RegionGroup(kNone);
  }
}

bool AggregatorImpl::RegionalOrg(uint32_t o) const {
  if (o == kNone) return false;
  const OrgState& s = orgs_.rows[o];
  return s.present && s.exists && s.formation == v1::FORMATION_MODEL_REGIONAL;
}

bool AggregatorImpl::Fingerprint(uint64_t* value) const {
  uint64_t sum = 0;
  size_t ids = 0;
  auto add = [&](const auto& table, uint64_t kind) {
    ids += table.rows.size();
    for (size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      sum += IdHash(kind * 2 + row.present, row.id);
    }
  };
  add(hosts_, 1);
  add(orgs_, 2);
  add(grids_, 3);
  add(assignments_, 4);
  *value = Mix64(sum ^ Mix64(static_cast<uint64_t>(records_)));
  return ids > 0;
}
void AggregatorImpl::BuildWorklist(std::vector<Candidate>* candidates,
                                   bool orgs, std::vector<WorkItem>* out) {
  std::vector<Candidate>& list = *candidates;
  std::sort(list.begin(), list.end(),
            [](const Candidate& a, const Candidate& b) { return a.id < b.id; });
  list.erase(std::unique(list.begin(), list.end(),
                         [](const Candidate& a, const Candidate& b) {
                           return a.id == b.id;
                         }),
             list.end());
  if (list.size() > static_cast<size_t>(cap_)) {
    list.erase(list.begin() + cap_, list.end());
  }
  out->clear();
  out->reserve(list.size());
  // Unit ids and names leave the shard masked: an individual business keyed
  // by its owner's resident ID is listed as 110105********002X.
  for (const Candidate& c : list) {
    WorkItem& item = out->emplace_back();
    item.id = MaskPersonalData(c.id);
    item.full_members = c.full_members;
    item.probationary_members = c.probationary_members;
    item.reason = c.reason;
    uint32_t region = kNone;
    if (orgs) {
      const OrgState& o = orgs_.rows[c.row];
      item.name = MaskPersonalData(o.name);
      region = o.region;
    } else {
      const HostState& h = hosts_.rows[c.row];
      item.name = MaskPersonalData(h.name);
      region = h.region;
      if (h.grid != kNone) {
        const GridState& grid = grids_.rows[h.grid];
        item.grid_id = MaskPersonalData(grid.id);
        item.instructor_name = MaskPersonalData(grid.instructor_name);
      }
    }
    if (region != kNone) {
      item.region_id = MaskPersonalData(regions_.rows[region].id);
    }
  }
  list = {};
}

int64_t AggregatorImpl::FinishHosts() {
  int64_t unknown = 0;
  for (uint32_t i = 0; i < hosts_.rows.size(); ++i) {
    HostState& h = hosts_.rows[i];
    GroupAcc& g = *groups_[HostGroup(i)];
    int64_t* c = g.counters;
    const MemberTally& members =
        index_->members_as_of.unit(hosts_.number_of[i]);
    AddMembers(h.members, members, &g);
    unknown += !h.present;
    if (!h.present) continue;
    if (!h.unit_of_year) {
      // Closed units are counted as such; units registered later not at all.
      c[kUnitsClosed] += h.closed && !h.registered_later;
      continue;
    }
    ++c[kUnitsTotal];
    HostCoverageFacts facts;
    switch (SetUnitMembers(
        members.records, members.by_status[v1::MEMBER_STATUS_FULL],
        members.by_status[v1::MEMBER_STATUS_PROBATIONARY], h.has_reported,
        h.reported[v1::MEMBER_STATUS_FULL],
        h.reported[v1::MEMBER_STATUS_PROBATIONARY], &facts)) {
      case UnitMembersFrom::kRecords:
        ++c[kUnitsFromRecords];
        break;
      case UnitMembersFrom::kReported: {
        ++c[kUnitsFromReported];
        MemberTally reported;
        for (int k = 0; k < 6; ++k) {
          reported.by_status[k] = static_cast<uint32_t>(h.reported[k]);
        }
        AddMembers(MemberAcc(), reported, &g);
        break;
      }
      case UnitMembersFrom::kNone:
        ++c[kUnitsNotReported];
        break;
    }
    bool in_regional_grid = false, grid_has_instructor = false;
    const GridState* grid = h.grid != kNone ? &grids_.rows[h.grid] : nullptr;
    if (grid != nullptr) {
      in_regional_grid = grid->present && RegionalOrg(grid->org);
      grid_has_instructor = grid->has_instructor;
    }
    SetOrganizationCoverage(index_->unit_org_cover.unit(hosts_.number_of[i]),
                            in_regional_grid, grid_has_instructor, &facts);
    const HostCoverage cov = ClassifyHost(facts, policy_);
    const int t = static_cast<int>(cov.target);
    const Counter eligible = t == 1   ? kT1Eligible
                             : t == 3 ? kT3Eligible
                                      : kT4Eligible;
    ++c[eligible];
    if (cov.met) {
      ++c[eligible + 1];
    } else if (cap_ > 0) {
      const v1::ShortfallReason reason =
          t == 1             ? (cov.organization_covered
                                    ? v1::SHORTFALL_REASON_NOT_STANDALONE
                                    : v1::SHORTFALL_REASON_NO_ORGANIZATION)
          : t == 3           ? v1::SHORTFALL_REASON_NOT_JOINED
          : in_regional_grid ? v1::SHORTFALL_REASON_GRID_WITHOUT_INSTRUCTOR
                             : v1::SHORTFALL_REASON_NOT_IN_REGIONAL_GRID;
      candidates_[HostGroup(i)][t - 1].push_back(
          {h.id, i, reason, facts.full_members,
           facts.all_members - facts.full_members});
    }
    c[kUnitsOrgCovered] += cov.organization_covered;
    c[kUnitsWorkCovered] += cov.work_covered;
    c[kUnitsTradeUnions] += h.trade_union;
    c[kUnitsWomens] += h.womens;
    c[kUnitsYouth] += h.youth;
    c[kUnitsContactCards] += h.contact_card;
    c[kUnitsRegional] += facts.in_regional;
    c[kUnitsOwnerMembers] += h.owner_member;
    c[kUnitsOwnerSecretaries] += h.owner_secretary;
  }
  return unknown;
}

int64_t AggregatorImpl::FinishOrgs() {
  int64_t unknown = 0;
  for (uint32_t i = 0; i < orgs_.rows.size(); ++i) {
    OrgState& o = orgs_.rows[i];
    GroupAcc& g = *groups_[OrgGroup(i)];
    int64_t* c = g.counters;
    const uint32_t number = orgs_.number_of[i];
    // Its members who name no unit: those of a unit are the unit's.
    AddMembers(o.members, index_->members_as_of.org_without_unit(number), &g);
    unknown += !o.present;
    for (int s = 0; s < 5; ++s) g.sums[kFundUnspecified + s] += o.funding[s];
    const bool joint = JointOrAffiliated(o.formation);
    if (o.present && joint) c[kMembersNewInJoint] += o.new_members;
    if (!o.present || !o.exists) continue;
    int kind = 0;
    if (o.anchor_host != kNone && hosts_.rows[o.anchor_host].present) {
      kind = hosts_.rows[o.anchor_host].kind;
    }
    const int kind_offset = kind == v1::HOST_KIND_NON_PUBLIC_ECONOMIC ? 0
                            : kind == v1::HOST_KIND_SOCIAL            ? 1
                                                                      : 2;
    switch (o.formation) {
      case v1::FORMATION_MODEL_STANDALONE:
        ++c[kOrgStandaloneNonPublic + kind_offset];
        break;
      case v1::FORMATION_MODEL_JOINT:
        ++c[kOrgJointNonPublic + kind_offset];
        break;
      case v1::FORMATION_MODEL_AFFILIATED:
        ++c[kOrgAffiliatedNonPublic + kind_offset];
        break;
      case v1::FORMATION_MODEL_REGIONAL:
        ++c[kOrgRegional];
        c[kOrgQuarterlyMeetings] += o.quarter_mask == 0xF;
        break;
      default:
        ++c[kOrgFormationUnspecified];
        break;
    }
    c[kOrgCommittees] += o.level == v1::ORG_LEVEL_COMMITTEE;
    c[kOrgGeneralBranches] += o.level == v1::ORG_LEVEL_GENERAL_BRANCH;
    c[kOrgBranches] += o.level == v1::ORG_LEVEL_BRANCH;
    if (o.star_eligible) {
      ++c[kT2Eligible];
      if (o.star_met) {
        ++c[kT2Met];
      } else if (cap_ > 0) {
        // All its members, with a unit or without.
        const MemberTally& members = index_->members_as_of.org(number);
        candidates_[OrgGroup(i)][1].push_back(
            {o.id, i, v1::SHORTFALL_REASON_NO_STAR_ASSESSMENT,
             members.by_status[v1::MEMBER_STATUS_FULL],
             members.by_status[v1::MEMBER_STATUS_PROBATIONARY]});
      }
      if (o.star_met && o.stars >= 1 && o.stars <= 5) {
        ++c[kOrgOneStar - (o.stars - 1)];
      } else {
        ++c[kOrgUnrated];
      }
    }
    c[kOrgDemonstrationPoints] += o.demonstration;
    if (!joint && o.previous != kNone) {
      const OrgState& p = orgs_.rows[o.previous];
      c[kOrgFoundedOutOfJoint] += p.present && JointOrAffiliated(p.formation);
    }
    int funded = 0;
    for (int s = 1; s <= 4; ++s) {
      if (o.funding[s] > 0) {
        ++c[kOrgFundedEnterprise + s - 1];
        ++funded;
      }
    }
    c[kOrgFundedAllFour] += funded == 4;
  }
  return unknown;
}

void AggregatorImpl::FinishFacts() {
  for (uint32_t i = 0; i < grids_.rows.size(); ++i) {
    const GridState& s = grids_.rows[i];
    if (!s.present) continue;
    int64_t* c = groups_[GridGroup(i)]->counters;
    ++c[kGridsTotal];
    c[kGridsWithInstructor] += s.has_instructor;
  }
  for (const VenueFact& v : venues_) {
    int64_t* c = groups_[OrgGroup(v.org)]->counters;
    ++c[kVenuesTotal];
    c[kVenuesSixHaves] += v.haves == 0x3F;
    for (int b = 0; b < 6; ++b) c[kVenuesSite + b] += (v.haves >> b) & 1;
    c[kVenuesOwn] += v.ownership == v1::VENUE_OWNERSHIP_OWN;
    c[kVenuesShared] += v.ownership >= v1::VENUE_OWNERSHIP_SHARED_TOWNSHIP;
  }
  for (const CadreFact& f : cadres_) {
    int64_t* c = groups_[OwnerGroup(f.owner, f.idx)]->counters;
    switch (f.kind) {
      case v1::CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY:
        ++c[kCadresSeconded];
        break;
      case v1::CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR:
        ++c[kCadresInstructors];
        break;
      case v1::CADRE_ASSIGNMENT_KIND_INTERNAL:
        ++c[kCadresInternal];
        break;
      default:  // Reserve talent.
        ++c[kCadresReserve];
        break;
    }
  }
  for (const ResultFact& r : results_) {
    absl::int128* s = groups_[HostGroup(r.host)]->sums;
    for (int k = 0; k < 8; ++k) s[kResJobs + k] += r.values[k];
  }
  for (const auto& t : teams_) {
    ++groups_[HostGroup(t.first)]->counters[kMembersTechnicalTeams];
  }
  for (const ActivityFact& a : activities_) {
    absl::int128* s = groups_[OwnerGroup(a.owner, a.idx)]->sums;
    s[kActUnspecified + a.kind] += a.count;
    s[kActParticipants] += a.participants;
    if (a.kind == v1::ACTIVITY_KIND_OWNER_TRAINING_CLASS) {
      s[kActOwnerTrainingParticipants] += a.participants;
    }
  }
  // Members of neither a unit nor an organization: counted, or off the roll
  // with events of the year.
  const MemberTally& counted = index_->members_as_of.loose();
  bool loose = false;
  for (uint32_t n : counted.by_status) loose |= n != 0;
  for (uint32_t n : loose_members_.events) loose |= n != 0;
  if (loose) {
    AddMembers(loose_members_, counted, groups_[RegionGroup(kNone)].get());
  }
}

void AggregatorImpl::CountUnknown(int64_t hosts, int64_t orgs) {
  int64_t grids = 0, regions = 0;
  grids_.rows.ForEach([&](const GridState& s) { grids += !s.present; });
  regions_.rows.ForEach([&](const RegionState& s) { regions += !s.present; });
  if (hosts) dangling_["aggregate.unknown_host_organization"] += hosts;
  if (orgs) dangling_["aggregate.unknown_party_organization"] += orgs;
  if (grids) dangling_["aggregate.unknown_grid"] += grids;
  if (regions) dangling_["aggregate.unknown_region"] += regions;
}

absl::StatusOr<v1::PartialReport> AggregatorImpl::FinishPartial(
    bool with_layout) {
  if (finished_) return FinishedError();
  finished_ = true;
  // Quarterly meetings first: orgs read their masks.
  for (const ActivityFact& a : activities_) {
    if (a.kind != v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING || a.quarter == 0) {
      continue;
    }
    uint32_t org = kNone;
    if (a.owner == Owner::kOrg) {
      org = a.idx;
    } else if (a.owner == Owner::kGrid) {
      org = grids_.rows[a.idx].org;
    }
    if (org != kNone) {
      orgs_.rows[org].quarter_mask |=
          static_cast<uint8_t>(1u << (a.quarter - 1));
    }
  }
  // Star assessment records of the year: an organization met target 2 when
  // it has one, nested or of its own; a nested one's stars come first.
  for (const auto& [org, stars] : stars_) {
    OrgState& o = orgs_.rows[org];
    if (o.star_met) continue;
    o.star_met = true;
    o.stars = stars;
  }
  // Grids' instructors, now that every cadre assignment is in.
  for (uint32_t i = 0; i < grids_.rows.size(); ++i) {
    GridState& g = grids_.rows[i];
    const AssignmentState* s =
        g.assignment != kNone ? &assignments_.rows[g.assignment] : nullptr;
    g.has_instructor = GridHasInstructor(
        g.has_instructor_name,
        InstructorAssignmentOf(s != nullptr, s != nullptr && s->present,
                               s != nullptr && s->in_post));
    // The worklists name the grid's instructor: as the grid says, else as
    // the assignment in post does.
    if (!g.has_instructor) {
      g.instructor_name = {};
    } else if (g.instructor_name.empty() && s != nullptr && s->in_post) {
      g.instructor_name = s->name;
    }
  }
  const int64_t unknown_hosts = FinishHosts();
  const int64_t unknown_orgs = FinishOrgs();
  FinishFacts();
  CountUnknown(unknown_hosts, unknown_orgs);

  v1::PartialReport out;
  out.set_state_version(kStateVersion);
  out.set_year(year_);
  out.set_policy_version(MaskPersonalData(policy_.version()));
  out.set_min_full_members_to_found(policy_.min_full_members_to_found());
  *out.mutable_group_by() = group_by_;
  out.set_worklist_cap(cap_);
  if (with_layout) AddLayoutNames(&out);

  std::vector<std::pair<std::string, uint32_t>> order(group_index_.begin(),
                                                      group_index_.end());
  std::sort(order.begin(), order.end());
  for (const auto& [encoded, idx] : order) {
    GroupAcc& g = *groups_[idx];
    for (int t = 0; t < 4; ++t) {
      BuildWorklist(&candidates_[idx][t], t == 1, &g.worklists[t]);
    }
    v1::PartialGroup* pg = out.add_groups();
    *pg->mutable_key() = keys_[idx];
    GroupToProto(g, pg);
  }

  std::vector<const RegionState*> regions;
  regions_.rows.ForEach([&](const RegionState& r) {
    if (r.present) regions.push_back(&r);
  });
  std::sort(
      regions.begin(), regions.end(),
      [](const RegionState* a, const RegionState* b) { return a->id < b->id; });
  for (const RegionState* r : regions) {
    v1::RegionNode* n = out.add_regions();
    n->set_id(MaskPersonalData(r->id));
    n->set_name(MaskPersonalData(r->name));
    n->set_level(static_cast<v1::RegionLevel>(r->level));
    if (r->parent != kNone) {
      n->set_parent_id(MaskPersonalData(regions_.rows[r->parent].id));
    }
    n->set_working_committee_member_units(r->working_committee_units);
    n->set_economy_year(r->economy_year);
    n->set_market_entities_total(r->economy[0]);
    n->set_market_entities_non_public(r->economy[1]);
    n->set_value_added_total_fen(r->economy[2]);
    n->set_value_added_non_public_fen(r->economy[3]);
    n->set_tax_revenue_total_fen(r->economy[4]);
    n->set_tax_revenue_non_public_fen(r->economy[5]);
  }
  // Economy figures of a region not on file are dropped; CountUnknown()
  // counted the region under aggregate.unknown_region.

  auto emit = [](const std::map<std::string, int64_t, std::less<>>& m,
                 google::protobuf::RepeatedPtrField<v1::NamedCount>* out) {
    for (const auto& [name, count] : m) {
      v1::NamedCount* nc = out->Add();
      nc->set_name(name);
      nc->set_count(count);
    }
  };
  emit(skipped_, out.mutable_skipped_records());
  std::map<std::string, int64_t, std::less<>> findings = findings_;
  for (const auto& [name, count] : dangling_) findings[name] += count;
  emit(findings, out.mutable_findings());
  if (uint64_t value; Fingerprint(&value)) {
    v1::ShardFingerprint* print = out.add_shards();
    print->set_value(value);
    print->set_records(records_);
  }
  return out;
}

}  // namespace aggregation
}  // namespace internal
}  // namespace dangjian
