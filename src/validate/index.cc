// The validator's index of one shard (validate/engine.h): what each record
// adds for the cross-record rules to read.
#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/span.h"
#include "core/calendar.h"
#include "core/coverage_join.h"
#include "core/host_status.h"
#include "core/id_index.h"
#include "core/member_status.h"
#include "core/star_target.h"
#include "core/transfers.h"
#include "dangjian/coverage.h"
#include "dangjian/personal_data.h"
#include "validate/engine.h"

namespace dangjian {
namespace internal {

int32_t Index::FileIndex(const std::string& file) {
  auto it = file_ids.find(file);
  if (it == file_ids.end()) {
    it = file_ids.emplace(file, static_cast<int32_t>(files.size())).first;
    files.push_back(file);
  }
  return it->second;
}

int32_t Index::FileIndex(const std::string& file, const std::string& sheet) {
  std::string key;
  key.reserve(file.size() + 1 + sheet.size());
  key.append(file).push_back('\0');
  key.append(sheet);
  return FileIndex(key);
}

namespace {

google::protobuf::ArenaOptions IndexArenaOptions() {
  google::protobuf::ArenaOptions o;
  o.start_block_size = 64 << 10;
  o.max_block_size = 1 << 20;
  return o;
}

// A copy of `m` on `arena`.
template <typename T>
const T& Copy(const T& m, google::protobuf::Arena* arena) {
  T* copy = google::protobuf::Arena::CreateMessage<T>(arena);
  copy->CopyFrom(m);
  return *copy;
}

}  // namespace

Index::Index() : arena(IndexArenaOptions()) {}

void Index::Clear() {
  // The entries refer to the arena: drop them first.
  files.clear();
  file_ids.clear();
  regions.clear();
  grids.clear();
  hosts.clear();
  orgs.clear();
  venues.clear();
  funding.clear();
  members.clear();
  members_with_roles.clear();
  cadres.clear();
  reserve.clear();
  activities.clear();
  annual_results.clear();
  economies.clear();
  stars.clear();
  transfers.Clear();
  region_self.clear();
  grid_joins.clear();
  cadre_joins.clear();
  result_joins.clear();
  org_joins.clear();
  host_joins.clear();
  venue_joins.clear();
  funding_joins.clear();
  arena.Reset();
  strings.Clear();
  own.Clear();
  own_members_as_of.Clear();
  own_unit_org_cover.Clear();
  shared = nullptr;
}

bool Index::KeepsWhole(int field) {
  // The cases of Add() below.
  switch (field) {
    case v1::Record::kRegion:
    case v1::Record::kReserveTalent:
    case v1::Record::kRegionEconomy:
    case v1::Record::kStarAssessment:
      return true;
    default:
      return false;
  }
}

void Index::Add(const v1::Record& r, const v1::SourceLocation& location,
                bool on_arena) {
  const Loc loc = Intern(location);
  auto Copy = [this, on_arena](const auto& m) -> decltype(m) {
    return on_arena ? m : internal::Copy(m, &arena);
  };
  ShardIndex& x = ids();
  auto self = [&x](IdTable* table, const std::string& id) {
    return InternIfNamed(table, id, &x.strings);
  };
  switch (r.entity_case()) {
    case v1::Record::kRegion:
      regions.push_back({Copy(r.region()), loc});
      region_self.push_back(self(&x.regions, r.region().id()));
      AddTransferRegion(r.region().id(), r.region().level(), &transfers);
      break;
    case v1::Record::kReserveTalent:
      reserve.push_back({Copy(r.reserve_talent()), loc});
      break;
    case v1::Record::kRegionEconomy:
      economies.push_back({Copy(r.region_economy()), loc});
      break;
    case v1::Record::kStarAssessment:
      stars.push_back({Copy(r.star_assessment()), loc});
      break;
    default:
      break;
  }
}

void Index::Add(const HostFacts& h, const HostJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  // On the arena with no destructor to register and run (a unit is the
  // most common record after a member): the changes, the one member of
  // HostFacts that owns memory, are copied with the rest and freed at once,
  // so the copy the index keeps owns none. The status the cross-record rules
  // read is the year's; the changes it came from are not kept.
  static_assert(alignof(HostFacts) <= 8, "the arena aligns to 8 bytes");
  HostFacts* kept = new (google::protobuf::Arena::CreateArray<char>(
      &arena, sizeof(HostFacts))) HostFacts(h);
  std::vector<HostStatusChangeFacts>().swap(kept->status_changes);
  kept->status = HostStatusAtYearEnd(h, year);
  // The ids the rules look up, as the shard index keeps them; the other
  // strings are not read.
  kept->id = x.hosts.id(join.self);
  kept->region_id = IdAt(x.regions, join.region);
  kept->grid_id = IdAt(x.grids, join.grid);
  kept->owner_member_id = IdAt(x.members, join.owner_member);
  kept->industry = kept->unified_social_credit_code = "";
  hosts.push_back({*kept, Intern(location)});
  host_joins.push_back(join);
}

void Index::Add(const OrgFacts& o, const OrgJoin& join,
                const v1::SourceLocation& location) {
  OrgFacts* kept = google::protobuf::Arena::Create<OrgFacts>(&arena, o);
  // Every string the rules read, kept: the id as the shard index has it.
  kept->id = ids().orgs.id(join.self);
  kept->region_id = Keep(o.region_id);
  kept->parent_id = Keep(o.parent_id);
  kept->secretary_member_id = Keep(o.secretary_member_id);
  kept->venue_id = Keep(o.venue_id);
  kept->previous_party_organization_id = Keep(o.previous_party_organization_id);
  // The units as the shard index keeps them.
  const absl::Span<const uint32_t> listed = ListedHosts(ids(), join);
  for (size_t i = 0; i < listed.size(); ++i) {
    kept->host_organization_ids[i] = ids().hosts.id(listed[i]);
  }
  for (absl::string_view& m : kept->committee_member_ids) m = Keep(m);
  for (StarFacts& a : kept->star_assessments) {
    a.party_organization_id = a.standard_version = "";  // Not kept.
  }
  if (!CountedInJoin()) {
    own_unit_org_cover.Count(join.self, o.formation, ExistsInYear(o, year),
                             listed);
  }
  orgs.push_back({*kept, Intern(location)});
  org_joins.push_back(join);
}

void Index::Add(const FundingFacts& f, const FundingJoin& join,
                const v1::SourceLocation& location) {
  FundingFacts* kept = google::protobuf::Arena::Create<FundingFacts>(&arena, f);
  kept->id = Keep(f.id);
  kept->party_organization_id = IdAt(ids().orgs, join.org);
  funding.push_back({*kept, Intern(location)});
  funding_joins.push_back(join);
}

void Index::Add(const VenueFacts& v, const VenueJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  VenueFacts* kept = google::protobuf::Arena::Create<VenueFacts>(&arena, v);
  kept->id = Keep(v.id);
  kept->party_organization_id = IdAt(x.orgs, join.org);
  kept->shared_with_party_organization_id = IdAt(x.orgs, join.shared_with_org);
  venues.push_back({*kept, Intern(location)});
  venue_joins.push_back(join);
}

void Index::Add(const ActivityFacts& a, const ActivityJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  ActivityEntry& e = activities.emplace_back();
  e.id = Keep(a.id);
  e.kind = static_cast<v1::ActivityKind>(a.kind);
  e.org_id = IdAt(x.orgs, join.org);
  e.grid_id = IdAt(x.grids, join.grid);
  e.host_id = IdAt(x.hosts, join.host);
  e.join = join;
  const Ymd held{a.held_year, a.held_month, a.held_day};
  if (a.has_held_on && IsValidDate(held)) e.held_on = held;
  e.loc = Intern(location);
}

void Index::Add(const GridFacts& g, const GridJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  GridFacts* kept = google::protobuf::Arena::Create<GridFacts>(&arena, g);
  // The ids as the shard index keeps them; the instructor's name, kept.
  kept->id = x.grids.id(join.self);
  kept->party_organization_id = IdAt(x.orgs, join.org);
  kept->region_id = IdAt(x.regions, join.region);
  kept->instructor_assignment_id = IdAt(x.assignments, join.assignment);
  kept->instructor_name = Keep(g.instructor_name);
  grids.push_back({*kept, Intern(location)});
  grid_joins.push_back(join);
}

void Index::Add(const CadreFacts& c, const CadreJoin& join,
                const v1::SourceLocation& location) {
  const ShardIndex& x = ids();
  CadreFacts* kept = google::protobuf::Arena::Create<CadreFacts>(&arena, c);
  kept->id = IdAt(x.assignments, join.self);
  kept->party_organization_id = IdAt(x.orgs, join.org);
  kept->grid_id = IdAt(x.grids, join.grid);
  cadres.push_back({*kept, Intern(location)});
  cadre_joins.push_back(join);
}

void Index::Add(const ResultFacts& r, const ResultJoin& join,
                const v1::SourceLocation& location) {
  ResultFacts* kept = google::protobuf::Arena::Create<ResultFacts>(&arena, r);
  kept->id = Keep(r.id);
  kept->host_organization_id = IdAt(ids().hosts, join.host);
  annual_results.push_back({*kept, Intern(location)});
  result_joins.push_back(join);
}

void Index::Add(const MemberFacts& m, const MemberJoin& join,
                const v1::SourceLocation& location, uint64_t national_id_key) {
  MemberEntry& e = members.emplace_back();
  e.join = join;
  // The validator's year's status, whichever took it.
  e.join.status = static_cast<int8_t>(
      MemberStatusFor(join, ids(), MemberFactsView(m), year));
  if (!CountedInJoin()) {
    own_members_as_of.Count(join.host, join.org, e.join.status, m.is_owner);
  }
  e.off_roll = !m.events.empty() && !OnRollAtYearEnd(MemberFactsView(m), year);
  e.national_id_key = national_id_key;
  e.is_owner = m.is_owner;
  e.roles = m.roles;
  if ((m.roles & kKnownMemberRoles) != 0) {
    members_with_roles.push_back(members.size() - 1);
  }
  e.loc = Intern(location);
  for (size_t i = 0; i < m.events.size(); ++i) {
    AddTransferSide(m, static_cast<int>(i), location, &transfers);
  }
}

}  // namespace internal
}  // namespace dangjian
