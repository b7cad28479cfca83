// Cross-record rules: duplicates, references, counts, 1+N and coverage, over
// the index of one shard.
#include "validate/cross_record.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/span.h"
#include "core/calendar.h"
#include "core/coverage_join.h"
#include "core/id_index.h"
#include "core/member_status.h"
#include "core/star_target.h"
#include "dangjian/coverage.h"
#include "dangjian/personal_data.h"
#include "validate/engine.h"

namespace dangjian {
namespace internal {
namespace cross_record {

void Checker::MissingRef(Rule rule, absl::string_view target,
                         absl::string_view kind, absl::string_view id,
                         const Loc& loc, absl::string_view field,
                         absl::string_view value) const {
  if (c_.On(rule)) {
    Emit(rule, kind, id, loc, field,
         Zh("所指", ZhTerm(target), "“", value, "”在数据中不存在"), field,
         " names ", target, " \"", value,
         "\", which is not in the data (引用不存在)");
  }
}

void Checker::References() {
  constexpr Rule R = Rule::kRefRegion, G = Rule::kRefGrid, H = Rule::kRefHost,
                 P = Rule::kRefPartyOrg, M = Rule::kRefMember,
                 V = Rule::kRefVenue;
  const char* region = kRegionTarget;
  const char* grid = kGridTarget;
  const char* host = kHostTarget;
  const char* org = kOrgTarget;
  const char* member = kMemberTarget;
  for (const auto& [e, loc] : x_.regions) {
    Ref(R, regions_, region, "region", e.id(), loc, "parent_id", e.parent_id());
  }
  for (size_t i = 0; i < x_.grids.size(); ++i) {
    const auto& [e, loc] = x_.grids[i];
    const GridJoin& j = x_.grid_joins[i];
    RefAt(P, orgs_, j.org, org, "grid", e.id, loc, "party_organization_id",
          e.party_organization_id);
    RefAt(R, regions_, j.region, region, "grid", e.id, loc, "region_id",
          e.region_id);
  }
  for (size_t i = 0; i < x_.hosts.size(); ++i) {
    const auto& [e, loc] = x_.hosts[i];
    const HostJoin& j = x_.host_joins[i];
    RefAt(R, regions_, j.region, region, "host_organization", e.id, loc,
          "region_id", e.region_id);
    RefAt(G, grids_, j.grid, grid, "host_organization", e.id, loc, "grid_id",
          e.grid_id);
    RefAt(M, members_, j.owner_member, member, "host_organization", e.id, loc,
          "owner.member_id", e.owner_member_id);
  }
  org_seats_begin_.assign(x_.orgs.size() + 1, 0);
  org_seat_members_.clear();
  for (size_t o = 0; o < x_.orgs.size(); ++o) {
    const auto& [e, loc] = x_.orgs[o];
    const char* k = "party_organization";
    const absl::Span<const uint32_t> listed =
        ListedHosts(x_.ids(), x_.org_joins[o]);
    // The field paths are made only for a missing reference.
    for (size_t i = 0; i < e.host_organization_ids.size(); ++i) {
      const absl::string_view h = e.host_organization_ids[i];
      if (h.empty() || hosts_.At(listed[i]) != nullptr) continue;
      Ref(H, hosts_, host, k, e.id, loc,
          absl::StrCat("host_organization_ids[", i, "]"), h);
    }
    Ref(R, regions_, region, k, e.id, loc, "region_id", e.region_id);
    Ref(P, orgs_, org, k, e.id, loc, "parent_id", e.parent_id);
    Ref(P, orgs_, org, k, e.id, loc, "previous_party_organization_id",
        e.previous_party_organization_id);
    // The members its secretary and its seats name, looked up once: their
    // positions (kNowhere: none, or not on file) for CommitteeRoles().
    org_seats_begin_[o] = org_seat_members_.size();
    const auto position = [this](absl::string_view m) {
      const size_t* at = m.empty() ? nullptr : members_.Find(m);
      org_seat_members_.push_back(at != nullptr ? *at : kNowhere);
      return at != nullptr || m.empty();
    };
    if (!position(e.secretary_member_id)) {
      Ref(M, members_, member, k, e.id, loc, "secretary_member_id",
          e.secretary_member_id);
    }
    for (size_t i = 0; i < e.committee_member_ids.size(); ++i) {
      const absl::string_view m = e.committee_member_ids[i];
      if (position(m)) continue;
      Ref(M, members_, member, k, e.id, loc,
          absl::StrCat("committee[", i, "].member_id"), m);
    }
    Ref(V, venues_, "venue (活动场所)", k, e.id, loc, "venue_id", e.venue_id);
  }
  org_seats_begin_[x_.orgs.size()] = org_seat_members_.size();
  for (size_t i = 0; i < x_.venues.size(); ++i) {
    const auto& [e, loc] = x_.venues[i];
    const VenueJoin& j = x_.venue_joins[i];
    RefAt(P, orgs_, j.org, org, "venue", e.id, loc, "party_organization_id",
          e.party_organization_id);
    RefAt(P, orgs_, j.shared_with_org, org, "venue", e.id, loc,
          "shared_with_party_organization_id",
          e.shared_with_party_organization_id);
  }
  for (size_t i = 0; i < x_.funding.size(); ++i) {
    const auto& [e, loc] = x_.funding[i];
    RefAt(P, orgs_, x_.funding_joins[i].org, org, "funding", e.id, loc,
          "party_organization_id", e.party_organization_id);
  }
  // A member's references: in Members(), which counts by them.
  for (size_t i = 0; i < x_.cadres.size(); ++i) {
    const auto& [e, loc] = x_.cadres[i];
    const CadreJoin& j = x_.cadre_joins[i];
    RefAt(P, orgs_, j.org, org, "cadre_assignment", e.id, loc,
          "party_organization_id", e.party_organization_id);
    RefAt(G, grids_, j.grid, grid, "cadre_assignment", e.id, loc, "grid_id",
          e.grid_id);
  }
  for (const auto& [e, loc] : x_.reserve) {
    Ref(M, members_, member, "reserve_talent", e.id(), loc, "member_id",
        e.member_id());
    Ref(H, hosts_, host, "reserve_talent", e.id(), loc, "host_organization_id",
        e.host_organization_id());
    Ref(P, orgs_, org, "reserve_talent", e.id(), loc, "party_organization_id",
        e.party_organization_id());
  }
  for (const ActivityEntry& e : x_.activities) {
    RefAt(P, orgs_, e.join.org, org, "activity", e.id, e.loc,
          "party_organization_id", e.org_id);
    RefAt(G, grids_, e.join.grid, grid, "activity", e.id, e.loc, "grid_id",
          e.grid_id);
    RefAt(H, hosts_, e.join.host, host, "activity", e.id, e.loc,
          "host_organization_id", e.host_id);
  }
  for (size_t i = 0; i < x_.annual_results.size(); ++i) {
    const auto& [e, loc] = x_.annual_results[i];
    RefAt(H, hosts_, x_.result_joins[i].host, host, "host_annual_result", e.id,
          loc, "host_organization_id", e.host_organization_id);
  }
  for (const auto& [e, loc] : x_.economies) {
    Ref(R, regions_, region, "region_economy", e.id(), loc, "region_id",
        e.region_id());
  }
  for (const auto& [e, loc] : x_.stars) {
    Ref(P, orgs_, org, "star_assessment", e.party_organization_id(), loc,
        "party_organization_id", e.party_organization_id());
  }
}

void Checker::RegionCycles() {
  if (!c_.On(Rule::kRegionCycle)) return;
  const size_t n = x_.regions.size();
  // 0 unvisited, 1 on the current path, 2 done.
  std::vector<char> state(n, 0);
  std::vector<char> on_cycle(n, 0);
  std::vector<size_t> path;
  for (size_t start = 0; start < n; ++start) {
    if (state[start] != 0) continue;
    path.clear();
    size_t at = start;
    while (true) {
      if (state[at] == 1) {
        // A cycle: the path from `at` onward.
        auto from = std::find(path.begin(), path.end(), at);
        for (auto it = from; it != path.end(); ++it) on_cycle[*it] = 1;
        break;
      }
      if (state[at] == 2) break;
      state[at] = 1;
      path.push_back(at);
      const size_t* parent = regions_.Find(x_.regions[at].value.parent_id());
      if (x_.regions[at].value.parent_id().empty() || parent == nullptr) break;
      at = *parent;
    }
    for (size_t p : path) state[p] = 2;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!on_cycle[i]) continue;
    const v1::Region& r = x_.regions[i].value;
    Emit(Rule::kRegionCycle, "region", r.id(), x_.regions[i].loc, "parent_id",
         Zh("行政区域“", r.id(), "”经上级区域“", r.parent_id(),
            "”回到自身（区域层级循环）"),
         "region (行政区域) \"", r.id(),
         "\" is its own ancestor through parent_id \"", r.parent_id(),
         "\" (区域层级循环)");
  }
}

void Checker::Members() {
  std::vector<std::pair<uint64_t, size_t>> ids;
  ids.reserve(x_.members.size());
  // By organization position: a party committee or general branch, which
  // members do not attach to (read here, not through each member's
  // organization record).
  std::vector<char> not_branch;
  if (c_.On(Rule::kNotBranch)) {
    not_branch.resize(x_.orgs.size());
    for (size_t i = 0; i < x_.orgs.size(); ++i) {
      const int level = x_.orgs[i].value.level;
      not_branch[i] = level == v1::ORG_LEVEL_COMMITTEE ||
                      level == v1::ORG_LEVEL_GENERAL_BRANCH;
    }
  }
  for (size_t i = 0; i < x_.members.size(); ++i) {
    const MemberEntry& m = x_.members[i];
    // Its host and organization (reported when missing, as References()
    // reports the other kinds'); the ids read only then.
    const size_t* host_found = hosts_.At(m.join.host);
    const size_t* org_found = orgs_.At(m.join.org);
    if (ABSL_PREDICT_FALSE((host_found == nullptr && m.join.host != kNoId) ||
                           (org_found == nullptr && m.join.org != kNoId))) {
      const absl::string_view id = MemberId(m);
      RefAt(Rule::kRefHost, hosts_, m.join.host, kHostTarget, "member", id,
            m.loc, "host_organization_id", IdAt(x_.ids().hosts, m.join.host));
      RefAt(Rule::kRefPartyOrg, orgs_, m.join.org, kOrgTarget, "member", id,
            m.loc, "party_organization_id", IdAt(x_.ids().orgs, m.join.org));
    }
    // (Its counts by status are the index's: Index::members_as_of().)
    if (org_found != nullptr && !not_branch.empty() && not_branch[*org_found]) {
      const OrgFacts& o = x_.orgs[*org_found].value;
      Emit(Rule::kNotBranch, "member", MemberId(m), m.loc,
           "party_organization_id",
           Zh("所在党组织“", o.id, "”是",
              o.level == v1::ORG_LEVEL_COMMITTEE ? "党委" : "党总支",
              "；党员应编入党支部"),
           "attached to \"", o.id, "\", a ",
           o.level == v1::ORG_LEVEL_COMMITTEE ? "party committee (党委)"
                                              : "general branch (党总支)",
           "; members attach only to branches (党支部)");
    }
    // A record off the roll is a person who moved on (a transfer's other
    // side may be on another roll): no duplicate.
    if (m.national_id_key != 0 && !m.off_roll) {
      ids.emplace_back(m.national_id_key, i);
    }
  }
  if (!c_.On(Rule::kNidDuplicate)) return;
  // The IDs on more than one record: counted by hashing, then only their
  // records sorted (by ID, then record).
  KeyCounts seen(ids.size());
  bool repeated = false;
  for (const auto& [key, i] : ids) repeated |= seen.Add(key) > 1;
  if (!repeated) return;
  ids.erase(std::remove_if(ids.begin(), ids.end(),
                           [&](const std::pair<uint64_t, size_t>& e) {
                             return seen.Count(e.first) < 2;
                           }),
            ids.end());
  std::sort(ids.begin(), ids.end());
  for (size_t i = 0; i < ids.size();) {
    size_t j = i;
    while (j < ids.size() && ids[j].first == ids[i].first) ++j;
    if (j - i > 1) {
      std::vector<absl::string_view> who;
      for (size_t k = i; k < j; ++k)
        who.push_back(MemberId(x_.members[ids[k].second]));
      std::sort(who.begin(), who.end());
      const std::string masked =
          MaskNationalId(NationalIdFromKey(ids[i].first));
      for (size_t k = i; k < j; ++k) {
        const MemberEntry& m = x_.members[ids[k].second];
        Emit(Rule::kNidDuplicate, "member", MemberId(m), m.loc, "national_id",
             Zh("公民身份号码 ", masked, " 出现在", j - i, "条党员记录中：",
                absl::StrJoin(who, "、")),
             "resident ID (公民身份号码) ", masked, " is on ", j - i,
             " member records: ", absl::StrJoin(who, ", "));
      }
    }
    i = j;
  }
}

void Checker::Regions() {
  if (!c_.On(Rule::kRegionalBranchCount)) return;
  IdMap<int64_t> regional;
  for (const auto& [o, loc] : x_.orgs) {
    if (o.formation == v1::FORMATION_MODEL_REGIONAL && !Dissolved(o)) {
      ++regional.TryEmplace(o.region_id, 0);
    }
  }
  for (const auto& [r, loc] : x_.regions) {
    switch (r.level()) {
      case v1::REGION_LEVEL_SUMU:
      case v1::REGION_LEVEL_TOWNSHIP:
      case v1::REGION_LEVEL_TOWN:
      case v1::REGION_LEVEL_SUB_DISTRICT:
      case v1::REGION_LEVEL_DEVELOPMENT_ZONE:
        break;
      default:
        continue;
    }
    if (r.id().empty()) continue;
    const int64_t* it = regional.Find(r.id());
    const int64_t n = it == nullptr ? 0 : *it;
    if (n == 1) continue;
    Emit(Rule::kRegionalBranchCount, "region", r.id(), loc, "level",
         Zh("该",
            r.level() == v1::REGION_LEVEL_UNSPECIFIED ? std::string("区域")
                                                      : ZhEnum(r.level()),
            "有", n, "个区域（1+N）党支部；应有且只有1个"),
         v1::RegionLevel_Name(r.level()), " region has ", n,
         " regional (1+N) branches (区域党支部); it should have "
         "exactly one");
  }
}

void Checker::Funding() {
  // Amounts by organization (its number), year and source: sorted, then
  // summed run by run.
  struct Amount {
    uint32_t org;
    int32_t year;
    int32_t source;
    int64_t fen;
  };
  std::vector<Amount> amounts;
  amounts.reserve(x_.funding.size());
  for (size_t i = 0; i < x_.funding.size(); ++i) {
    const auto& [f, loc] = x_.funding[i];
    const uint32_t org_number = x_.funding_joins[i].org;
    const size_t* org = orgs_.At(org_number);
    if (org == nullptr) continue;
    amounts.push_back({org_number, f.year, f.source, f.amount_fen});
    const OrgFacts& o = x_.orgs[*org].value;
    if (o.has_founded_on && IsValidDate(FoundedOn(o)) && f.year > 0 &&
        f.year < o.founded_year && c_.On(Rule::kFundingBeforeFounding)) {
      Emit(Rule::kFundingBeforeFounding, "funding", f.id, loc, "year",
           Zh(f.year, "年度的经费早于党组织“", o.id, "”成立（", o.founded_year,
              "年）"),
           "funding (经费) for ", f.year, ", before \"", o.id,
           "\" was founded (成立) in ", o.founded_year);
    }
  }
  if (!c_.On(Rule::kFundingNegative)) return;
  auto key = [](const Amount& a) {
    return std::make_tuple(a.org, a.year, a.source);
  };
  std::sort(amounts.begin(), amounts.end(),
            [&](const Amount& a, const Amount& b) { return key(a) < key(b); });
  for (size_t i = 0; i < amounts.size();) {
    absl::int128 total = 0;
    size_t j = i;
    for (; j < amounts.size() && key(amounts[j]) == key(amounts[i]); ++j) {
      total += amounts[j].fen;
    }
    const Amount& a = amounts[i];
    i = j;
    if (total >= 0) continue;
    const Stored<OrgFacts>& o = x_.orgs[*orgs_.At(a.org)];
    Emit(Rule::kFundingNegative, "party_organization", o.value.id, o.loc,
         "funding",
         Zh(a.year, "年度来源为“",
            ZhEnum(static_cast<v1::FundingSource>(a.source)), "”的经费合计 ",
            ZhYuan(static_cast<int64_t>(total)), "，小于0"),
         "funding (经费) for ", a.year, " from ",
         v1::FundingSource_Name(static_cast<v1::FundingSource>(a.source)),
         " adds up to ", static_cast<int64_t>(total), " fen, below zero");
  }
}

void Checker::Assignments() {
  assignments_.assign(x_.ids().assignments.size(), kNoAssignment);
  for (size_t i = 0; i < x_.cadres.size(); ++i) {
    const CadreFacts& a = x_.cadres[i].value;
    const uint32_t n = x_.cadre_joins[i].self;
    if (n == kNoId) continue;  // No id.
    const bool in_post = AssignmentInPostInYear(
        a.has_start_on, a.start_year, a.has_end_on, a.end_year, c_.as_of.y);
    int8_t& slot = assignments_[n];
    slot = slot == kInPost || in_post ? kInPost : kOutOfPost;
  }
}

void Checker::Grids() {
  // A grid with neither a name nor an assignment is the per-record rule's;
  // here, a grid whose only instructor is an assignment out of post.
  if (!c_.On(Rule::kGridInstructor)) return;
  for (size_t i = 0; i < x_.grids.size(); ++i) {
    const auto& [g, loc] = x_.grids[i];
    if (GridHasInstructor(!g.instructor_name.empty(), AssignmentOf(i)) ||
        g.instructor_assignment_id.empty()) {
      continue;
    }
    Emit(Rule::kGridInstructor, "grid", g.id, loc, "instructor_assignment_id",
         Zh("网格的指导员选派“", g.instructor_assignment_id, "”在", c_.as_of.y,
            "年度不在岗"),
         "the grid's (网格) instructor assignment (指导员选派) \"",
         g.instructor_assignment_id, "\" is not in post in ", c_.as_of.y);
  }
}

void Checker::Run() {
  auto id = [](const auto& s) { return IdOf(s.value); };
  auto entry_id = [](const auto& e) { return absl::string_view(e.id); };
  const ShardIndex& ids = x_.ids();
  Duplicates(
      x_.regions, "region", id, [&](size_t i) { return x_.region_self[i]; },
      ids.regions, &regions_);
  Duplicates(
      x_.grids, "grid", id, [&](size_t i) { return x_.grid_joins[i].self; },
      ids.grids, &grids_);
  Duplicates(
      x_.hosts, "host_organization", id,
      [&](size_t i) { return x_.host_joins[i].self; }, ids.hosts, &hosts_);
  Duplicates(
      x_.orgs, "party_organization", id,
      [&](size_t i) { return x_.org_joins[i].self; }, ids.orgs, &orgs_);
  Duplicates(x_.venues, "venue", id, &venues_);
  Duplicates(
      x_.members, "member",
      [this](const MemberEntry& e) { return MemberId(e); },
      [&](size_t i) { return x_.members[i].join.self; }, ids.members,
      &members_);
  Duplicates(x_.funding, "funding", id, &ignored_);
  Duplicates(x_.cadres, "cadre_assignment", id, &ignored_);
  Duplicates(x_.reserve, "reserve_talent", id, &ignored_);
  Duplicates(x_.activities, "activity", entry_id, &ignored_);
  Duplicates(x_.annual_results, "host_annual_result", id, &ignored_);
  Duplicates(x_.economies, "region_economy", id, &ignored_);
  first_unnamed_host_ = FirstUnnamed(x_.hosts);
  first_unnamed_org_ = FirstUnnamed(x_.orgs);
  References();
  RegionCycles();
  Members();
  PartyOrganizations();
  Regions();
  Funding();
  Assignments();
  CommitteeRoles();
  Grids();
  Hosts();
}

}  // namespace cross_record

void CheckIndex(const Config& config, const Index& index, Sink* sink) {
  cross_record::Checker(config, index, sink).Run();
}

}  // namespace internal
}  // namespace dangjian
