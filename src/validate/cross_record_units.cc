// Cross-record rules of party organizations (sizes, levels, 1+N, the
// heart-to-heart talks) and of units (owners, coverage).
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
#include "dangjian/coverage.h"
#include "dangjian/personal_data.h"
#include "validate/cross_record.h"
#include "validate/engine.h"
#include "validate/per_record.h"

namespace dangjian {
namespace internal {
namespace cross_record {

void Checker::MembersUnder(std::vector<int64_t>* under,
                           std::vector<char>* informed) {
  under->assign(x_.orgs.size(), 0);
  informed->assign(x_.orgs.size(), 0);
  std::vector<size_t> path;
  for (size_t i = 0; i < x_.orgs.size(); ++i) {
    const OrgFacts& o = x_.orgs[i].value;
    if (Dissolved(o)) continue;
    if (OrgMembers(i).records == 0 && o.host_organization_ids.empty()) {
      continue;  // Nothing of its own: a committee over its branches.
    }
    int64_t full = 0, all = 0;
    MembersOf(i, &full, &all);
    // Up the parent chain, each organization once (a loop of parent ids
    // stops where it closes).
    path.clear();
    for (size_t at = i;;) {
      if (std::find(path.begin(), path.end(), at) != path.end()) break;
      path.push_back(at);
      (*informed)[at] = 1;
      if ((*under)[at] >= 0) {
        (*under)[at] = all < 0 ? -1 : (*under)[at] + all;
      }
      const absl::string_view parent = x_.orgs[at].value.parent_id;
      const size_t* up = parent.empty() ? nullptr : orgs_.Find(parent);
      if (up == nullptr) break;
      at = *up;
    }
  }
}

void Checker::PartyOrganizations() {
  const v1::Policy& p = c_.policy;
  // Venues naming an organization.
  IdSet has_venue;
  for (const auto& v : x_.venues) {
    if (!v.value.party_organization_id.empty()) {
      has_venue.TryEmplace(v.value.party_organization_id, 1);
    }
  }
  // Organizations with a star assessment record of their own for the year;
  // and such records naming an organization that is not standalone.
  IdSet rated;
  for (const auto& [a, loc] : x_.stars) {
    if (a.year() == c_.as_of.y && !a.party_organization_id().empty()) {
      rated.TryEmplace(a.party_organization_id(), 1);
    }
    const size_t* it = orgs_.Find(a.party_organization_id());
    if (it == nullptr || !c_.On(Rule::kStarsNotStandalone)) continue;
    const OrgFacts& o = x_.orgs[*it].value;
    if (o.formation == v1::FORMATION_MODEL_STANDALONE) continue;
    Emit(Rule::kStarsNotStandalone, "star_assessment", o.id, loc,
         "party_organization_id",
         Zh("组建方式为“", ZhEnum(static_cast<v1::FormationModel>(o.formation)),
            "”的党组织有星级评定；只有单建党组织参加评定"),
         "a star rating (星级) of a ",
         v1::FormationModel_Name(static_cast<v1::FormationModel>(o.formation)),
         " party organization; only standalone (单建) "
         "organizations are rated");
  }
  // Each organization's latest star rating up to as_of's year from the star
  // ledger's records (a record of its own), as year * 8 + stars.
  IdMap<int64_t> ledger_stars;
  if (c_.On(Rule::kDemonstrationStars)) {
    for (const auto& [a, loc] : x_.stars) {
      if (a.year() <= 0 || a.year() > c_.as_of.y ||
          a.party_organization_id().empty()) {
        continue;
      }
      int64_t& v = ledger_stars.TryEmplace(a.party_organization_id(), 0);
      if (a.year() > v / 8) {
        v = int64_t{a.year()} * 8 + std::clamp(a.stars(), 0, 7);
      }
    }
  }
  // Members under each organization, its own and its organizations' (by
  // parent_id; organizations dissolved by as_of left out), for
  // party_org.level.size: `under`, unknown (-1) when an organization under
  // it has units without member data; judged when some member data is
  // under it (`informed`).
  std::vector<int64_t> under;
  std::vector<char> informed;
  if (c_.On(Rule::kLevelSize)) MembersUnder(&under, &informed);
  for (size_t i = 0; i < x_.orgs.size(); ++i) {
    const OrgFacts& o = x_.orgs[i].value;
    const Loc& loc = x_.orgs[i].loc;
    const char* k = "party_organization";
    // Target 2 for organizations existing in the year (ClassifyStarTarget()),
    // judged on the first record of an id, as the aggregator does.
    if (c_.On(Rule::kCoverageStar) &&
        FirstOfId(x_.orgs, orgs_, x_.org_joins[i].self, first_unnamed_org_,
                  i)) {
      const StarTargetOutcome star = ClassifyStarOf(o, c_.as_of.y);
      if (star.eligible && !star.met && !rated.Contains(o.id)) {
        Emit(Rule::kCoverageStar, k, o.id, loc, "star_assessments",
             Zh("目标2（星级管理）：", c_.as_of.y, "年度未开展星级评定"),
             "target 2 (星级管理): no star assessment (星级评定) for ",
             c_.as_of.y);
      }
    }
    if (Dissolved(o)) continue;
    int64_t full = -1, all = -1;
    MembersOf(i, &full, &all);
    if (o.formation == v1::FORMATION_MODEL_STANDALONE && full >= 0 &&
        full < p.min_full_members_to_found() && c_.On(Rule::kStandaloneMin)) {
      Emit(Rule::kStandaloneMin, k, o.id, loc, "host_organization_ids",
           Zh("单建党组织只有", full, "名正式党员；单独建立需",
              p.min_full_members_to_found(), "名以上（可改为联合党支部）"),
           "a standalone (单建) party organization with ", full,
           " full members (正式党员); founding one needs ",
           p.min_full_members_to_found(),
           " (join a joint branch 联合党支部 instead)");
    }
    if (o.level == v1::ORG_LEVEL_BRANCH && all > p.branch_max_members() &&
        c_.On(Rule::kBranchMax)) {
      Emit(Rule::kBranchMax, k, o.id, loc, "level",
           Zh("党支部有", all, "名党员；党支部党员一般不超过",
              p.branch_max_members(), "名，超过的可成立党总支"),
           "a branch (党支部) with ", all, " members; a branch has at most ",
           p.branch_max_members(),
           " (form a general branch 党总支 above that)");
    }
    if (!informed.empty() && informed[i] && under[i] >= 0) {
      LevelSize(o, loc, under[i]);
    }
    if (o.demonstration_point &&
        o.formation == v1::FORMATION_MODEL_STANDALONE &&
        c_.On(Rule::kDemonstrationStars)) {
      Demonstration(o, loc, ledger_stars.Find(o.id));
    }
    // The seats of the term in force on as_of; a past term listing none is
    // not judged.
    const TermInForce term = CommitteeTermInForce(o, TermStart(o), c_.as_of);
    const int64_t seats = term.seats;
    if (o.level == v1::ORG_LEVEL_BRANCH &&
        full >= p.branch_committee_threshold() && seats > 0 &&
        seats < p.branch_committee_min_size() && c_.On(Rule::kCommitteeSize)) {
      // Below the threshold a branch has a secretary (and a deputy), no
      // committee: its seats are no committee to judge.
      Emit(Rule::kCommitteeSize, k, o.id, loc, term.SeatsField(),
           Zh("党支部有", full, "名正式党员，支部委员会只有", seats,
              "名委员；应为", p.branch_committee_min_size(), "至",
              p.branch_committee_max_size(), "名"),
           "a branch with ", full,
           " full members has a branch committee "
           "(支委会) of ",
           seats, " seats; a branch committee has ",
           p.branch_committee_min_size(), " to ",
           p.branch_committee_max_size());
    }
    if (o.level == v1::ORG_LEVEL_BRANCH &&
        full >= p.branch_committee_threshold() && seats == 0 &&
        c_.On(Rule::kCommitteeRequired)) {
      // A committee of the wrong size is party_org.committee.size's.
      Emit(Rule::kCommitteeRequired, k, o.id, loc, term.SeatsField(),
           Zh("党支部有", full, "名正式党员，未设立支部委员会（应为",
              p.branch_committee_min_size(), "至",
              p.branch_committee_max_size(), "人）"),
           "a branch with ", full,
           " full members has no branch committee (支委会) of ",
           p.branch_committee_min_size(), " to ",
           p.branch_committee_max_size());
    }
    if (o.formation == v1::FORMATION_MODEL_REGIONAL) {
      if (o.venue_id.empty() && !has_venue.Contains(o.id) &&
          c_.On(Rule::kRegionalVenue)) {
        Emit(Rule::kRegionalVenue, k, o.id, loc, "venue_id",
             Zh("区域（1+N）党支部没有活动场所"),
             "a regional (1+N) branch (区域党支部) has no activity venue "
             "(活动场所)");
      }
      if (c_.On(Rule::kHeartToHeart)) HeartToHeart(i);
    }
  }
}

void Checker::Demonstration(const OrgFacts& o, const Loc& loc,
                            const int64_t* ledger) {
  // The latest rating up to as_of's year: nested, or a ledger's record.
  int32_t year = 0, stars = 0;
  for (const StarFacts& a : o.star_assessments) {
    if (a.year > 0 && a.year <= c_.as_of.y && a.year > year) {
      year = a.year;
      stars = a.stars;
    }
  }
  if (ledger != nullptr && *ledger / 8 > year) {
    year = static_cast<int32_t>(*ledger / 8);
    stars = static_cast<int32_t>(*ledger % 8);
  }
  const int min = c_.policy.demonstration_min_stars();
  const char* k = "party_organization";
  if (year == 0) {
    Emit(Rule::kDemonstrationStars, k, o.id, loc, "demonstration_point",
         Zh("示范点未参加星级评定；示范点应为", min, "星级以上"),
         "a demonstration point (示范点) without a star rating (星级); "
         "demonstration points have ",
         min, " stars or more");
  } else if (stars < min) {
    Emit(Rule::kDemonstrationStars, k, o.id, loc, "demonstration_point",
         Zh("示范点", year, "年度评为", stars, "星级；示范点应为", min,
            "星级以上"),
         "a demonstration point (示范点) rated ", stars, " stars in ", year,
         "; demonstration points have ", min, " stars or more");
  }
}

void Checker::MembersOf(size_t i, int64_t* full, int64_t* all) const {
  const MemberTally& counts = OrgMembers(i);
  *full = *all = -1;
  if (counts.records > 0) {
    *full = counts.by_status[v1::MEMBER_STATUS_FULL];
    *all = *full + counts.by_status[v1::MEMBER_STATUS_PROBATIONARY];
    return;
  }
  if (x_.orgs[i].value.host_organization_ids.empty()) return;
  int64_t f = 0, a = 0;
  for (const uint32_t h : ListedHosts(x_.ids(), x_.org_joins[i])) {
    const size_t* it = hosts_.At(h);
    if (it == nullptr || !x_.hosts[*it].value.has_reported_member_counts) {
      return;
    }
    const int32_t* reported = x_.hosts[*it].value.reported;
    f += reported[0];
    a += reported[0] + reported[1];
  }
  *full = f;
  *all = a;
}

void Checker::LevelSize(const OrgFacts& o, const Loc& loc, int64_t members) {
  const v1::Policy& p = c_.policy;
  const char* k = "party_organization";
  if (o.level == v1::ORG_LEVEL_COMMITTEE &&
      members < p.committee_min_members()) {
    Emit(Rule::kLevelSize, k, o.id, loc, "level",
         Zh("党委所属党员共", members, "名；党员", p.committee_min_members(),
            "名以上的一般设立党委（人数不足的须经上级党组织批准），"
            "否则可改设党总支或党支部"),
         "a party committee (党委) with ", members,
         " members under it; a committee is usually for ",
         p.committee_min_members(),
         " or more (fewer need the higher organization's approval; else a "
         "general branch or branch)");
  } else if (o.level == v1::ORG_LEVEL_GENERAL_BRANCH &&
             members <= p.general_branch_min_members()) {
    Emit(Rule::kLevelSize, k, o.id, loc, "level",
         Zh("党总支所属党员共", members, "名；党员超过",
            p.general_branch_min_members(),
            "名的一般设立党总支（人数不足的须经上级党组织批准），否则可改设党支"
            "部"),
         "a general branch (党总支) with ", members,
         " members under it; a general branch is usually for more than ",
         p.general_branch_min_members(),
         " (fewer need the higher organization's approval; else a branch)");
  }
}

void Checker::HeartToHeart(size_t index) {
  const OrgFacts& o = x_.orgs[index].value;
  const int32_t per_year =
      c_.policy.regional_heart_to_heart_meetings_per_year();
  const int32_t period = per_year >= 12 ? 1 : 12 / per_year;
  const int32_t periods = 12 / period;
  // Month indexes (year * 12 + month - 1) of the organization's meetings.
  std::vector<int64_t> held;
  for (const ActivityEntry& a : x_.activities) {
    if (a.kind == v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING &&
        a.org_id == o.id && a.held_on.y != 0 && a.held_on.m != 0) {
      held.push_back(int64_t{a.held_on.y} * 12 + a.held_on.m - 1);
    }
  }
  Ymd founded;
  if (o.has_founded_on && IsValidDate(FoundedOn(o))) {
    founded = FoundedOn(o);
  }
  // The period containing as_of has not ended: start with the one before.
  const int64_t now = int64_t{c_.as_of.y} * 12 + c_.as_of.m - 1;
  int64_t start = (now / 12) * 12 + ((now % 12) / period) * period;
  for (int32_t k = 0; k < periods; ++k) {
    start -= period;
    const Ymd first{static_cast<int32_t>(start / 12),
                    static_cast<int32_t>(start % 12) + 1, 1};
    if (founded.y != 0 && CompareDates(founded, first) > 0) continue;
    bool found = false;
    for (int64_t h : held) found = found || (h >= start && h < start + period);
    if (found) continue;
    const int64_t last = start + period - 1;
    Emit(Rule::kHeartToHeart, "party_organization", o.id, x_.orgs[index].loc,
         "activities",
         Zh(first.y, "年", first.m, "月至", last / 12, "年", last % 12 + 1,
            "月未召开恳谈会"),
         "no heart-to-heart meeting (恳谈会) from ", first.y, "-", first.m,
         " to ", last / 12, "-", last % 12 + 1);
  }
}

void Checker::HostOwner(size_t i, const MemberTally& counts) {
  const HostFacts& h = x_.hosts[i].value;
  const Loc& loc = x_.hosts[i].loc;
  const char* k = "host_organization";
  // The owner on the unit's record against the member records: the
  // unit's members marked is_owner, or the member its owner names
  // (owner.member_id: an owner may belong to another branch). Judged when
  // the unit has member records or names its owner's.
  const size_t* owner_record = h.owner_member_id.empty()
                                   ? nullptr
                                   : members_.At(x_.host_joins[i].owner_member);
  bool members_say_owner = counts.owners > 0;
  if (owner_record != nullptr) {
    const int status = x_.members[*owner_record].join.status;
    members_say_owner = members_say_owner || status == v1::MEMBER_STATUS_FULL ||
                        status == v1::MEMBER_STATUS_PROBATIONARY;
  }
  if ((counts.records > 0 || owner_record != nullptr) &&
      c_.On(Rule::kOwnerMismatch) &&
      h.owner_is_party_member != members_say_owner) {
    if (h.owner_is_party_member) {
      Emit(Rule::kOwnerMismatch, k, h.id, loc, "owner.is_party_member",
           Zh("单位记录业主是党员，但本单位党员记录中没有业主（是否业主未填"
              "）"),
           "the unit's owner (业主) is recorded as a party member, but no "
           "member record of the unit is marked as its owner (is_owner)");
    } else {
      Emit(Rule::kOwnerMismatch, k, h.id, loc, "owner.is_party_member",
           Zh("本单位有", counts.owners,
              "名党员记录标为业主，但单位记录业主不是党员"),
           counts.owners,
           " member record(s) of the unit are marked as its "
           "owner (is_owner), but the unit's owner (业主) is not recorded "
           "as a party member");
    }
  }
}

void Checker::HostReportedCounts(size_t i, const MemberTally& counts) {
  const HostFacts& h = x_.hosts[i].value;
  const Loc& loc = x_.hosts[i].loc;
  const char* k = "host_organization";
  // Reported counts against member records.
  if (h.has_reported_member_counts && counts.records > 0 &&
      c_.On(Rule::kReportedCounts)) {
    // full, probationary, activists, applicants, development targets.
    const int32_t* rc = h.reported;
    const struct {
      int64_t reported;
      v1::MemberStatus status;
      const char* field;
      const char* term;
    } pairs[] = {
        {rc[0], v1::MEMBER_STATUS_FULL, "reported_member_counts.full",
         "full members (正式党员)"},
        {rc[1], v1::MEMBER_STATUS_PROBATIONARY,
         "reported_member_counts.probationary",
         "probationary members (预备党员)"},
        {rc[4], v1::MEMBER_STATUS_DEVELOPMENT_TARGET,
         "reported_member_counts.development_targets",
         "development targets (发展对象)"},
        {rc[2], v1::MEMBER_STATUS_ACTIVIST, "reported_member_counts.activists",
         "activists (入党积极分子)"},
        {rc[3], v1::MEMBER_STATUS_APPLICANT,
         "reported_member_counts.applicants", "applicants (入党申请人)"},
    };
    for (const auto& pr : pairs) {
      const int64_t actual = counts.by_status[pr.status];
      if (pr.reported == actual) continue;
      Emit(Rule::kReportedCounts, k, h.id, loc, pr.field,
           Zh("单位报告", ZhTerm(pr.term), pr.reported, "名，但党员记录为",
              actual, "名"),
           "reports ", pr.reported, " ", pr.term, " but ", actual,
           " member records say so");
    }
  }
}

void Checker::HostCoverageFinding(size_t i, const HostCoverageFacts& facts,
                                  const HostCoverage& cov) {
  const HostFacts& h = x_.hosts[i].value;
  const Loc& loc = x_.hosts[i].loc;
  const char* k = "host_organization";
  switch (cov.target) {
    case CoverageTarget::kFoundWhereConditionExists:
      if (c_.On(Rule::kCoverageFound)) {
        Emit(Rule::kCoverageFound, k, h.id, loc, "id",
             Zh("目标1（应建尽建）：有", facts.full_members,
                "名正式党员，未单独建立党组织"),
             "target 1 (应建尽建): ", facts.full_members,
             " full members (正式党员) and no standalone (单建) "
             "party organization");
      }
      break;
    case CoverageTarget::kJointWhereMembersAreFew:
      if (c_.On(Rule::kCoverageJoint)) {
        Emit(Rule::kCoverageJoint, k, h.id, loc, "id",
             Zh("目标3（联建）：有", facts.all_members,
                "名党员，未纳入联建或挂靠党组织"),
             "target 3 (联建): ", facts.all_members,
             " members (党员) and in no joint (联建) or "
             "affiliated (挂靠) party organization");
      }
      break;
    case CoverageTarget::kPartyWorkWhereNoMembers:
      if (c_.On(Rule::kCoveragePartyWork)) {
        Emit(Rule::kCoveragePartyWork, k, h.id, loc, "grid_id",
             Zh("目标4（党的工作覆盖）：无党员，未纳入配备指导员的区域（1+"
                "N）网格"),
             "target 4 (党的工作覆盖): no members (党员) and in no regional "
             "(1+N) grid (网格) with an instructor (指导员)");
      }
      break;
    default:
      break;
  }
}

void Checker::Hosts() {
  // By number in the shard index: the units a contact card activity names.
  std::vector<char> cards(x_.ids().hosts.size(), 0);
  for (const ActivityEntry& a : x_.activities) {
    if (a.kind == v1::ACTIVITY_KIND_CONTACT_CARD_DISTRIBUTION &&
        a.join.host != kNoId) {
      cards[a.join.host] = 1;
    }
  }
  // By grid position, worked out for the first unit in the grid.
  std::vector<GridCover> grid_covers(x_.grids.size());
  const v1::Policy& p = c_.policy;
  for (size_t i = 0; i < x_.hosts.size(); ++i) {
    const HostFacts& h = x_.hosts[i].value;
    const Loc& loc = x_.hosts[i].loc;
    const char* k = "host_organization";
    const MemberTally& counts = HostMembers(i);
    HostOwner(i, counts);
    HostReportedCounts(i, counts);
    // Coverage: units of as_of's year only, each judged on the first record
    // of its id, as the aggregator counts them (docs/report.md).
    const HostJoin& join = x_.host_joins[i];
    if (!FirstOfId(x_.hosts, hosts_, join.self, first_unnamed_host_, i) ||
        !HostUnitOfYear(h, c_.as_of.y)) {
      continue;
    }
    HostCoverageFacts facts;
    SetUnitMembers(counts.records, counts.by_status[v1::MEMBER_STATUS_FULL],
                   counts.by_status[v1::MEMBER_STATUS_PROBATIONARY],
                   h.has_reported_member_counts, h.reported[0], h.reported[1],
                   &facts);
    GridCover grid_cover;
    if (const size_t* g = grids_.At(join.grid);
        !h.grid_id.empty() && g != nullptr) {
      grid_cover = GridCoverAt(*g, &grid_covers);
    }
    SetOrganizationCoverage(x_.unit_org_cover().unit(join.self),
                            grid_cover.in_regional_grid,
                            grid_cover.has_instructor, &facts);
    if (facts.in_regional && !h.service_contact_card_issued &&
        !cards[join.self] && c_.On(Rule::kContactCard)) {
      Emit(Rule::kContactCard, k, h.id, loc, "service_contact_card_issued",
           Zh("由区域（1+N）党支部覆盖，但未发放服务联系卡"),
           "covered by a regional (1+N) branch but holds no service contact "
           "card (服务联系卡)");
    }
    const HostCoverage cov = ClassifyHost(facts, p);
    if (cov.met) continue;
    HostCoverageFinding(i, facts, cov);
  }
}

namespace {

// A committee role (CommitteeRole 1 to 3), which MemberRole numbers alike.
constexpr const char* kRoleZh[4] = {"", "书记", "副书记", "委员"};
constexpr const char* kRoleEn[4] = {"", "secretary (书记)",
                                    "deputy secretary (副书记)",
                                    "committee member (委员)"};
// What an organization's committee names (CommitteeRoles()).
constexpr char kSeatsNameMembers = 1, kNamesSecretary = 2;

}  // namespace

void Checker::CommitteeRoles() {
  // Without roles on file a seat or a member has nothing to disagree with.
  const bool roles =
      c_.On(Rule::kCommitteeRoles) && !x_.members_with_roles.empty();
  const bool seconded = c_.On(Rule::kCommitteeSeconded) && !x_.cadres.empty();
  if (!roles && !seconded) return;
  // By organization number: a deputy secretary seconded to it in post in
  // as_of's year.
  std::vector<char> has_seconded;
  if (seconded) {
    has_seconded.assign(x_.ids().orgs.size(), 0);
    for (size_t i = 0; i < x_.cadres.size(); ++i) {
      const CadreFacts& a = x_.cadres[i].value;
      const uint32_t org = x_.cadre_joins[i].org;
      if (org != kNoId &&
          a.kind == v1::CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY &&
          AssignmentInPostInYear(a.has_start_on, a.start_year, a.has_end_on,
                                 a.end_year, c_.as_of.y)) {
        has_seconded[org] = 1;
      }
    }
  }
  // By member position: the roles the seats of its organization give it;
  // by organization position: what its committee names.
  std::vector<uint8_t> seated(roles ? x_.members.size() : 0, 0);
  std::vector<char> names(roles ? x_.orgs.size() : 0, 0);
  const char* k = "party_organization";
  for (size_t i = 0; i < x_.orgs.size(); ++i) {
    const OrgFacts& o = x_.orgs[i].value;
    const Loc& loc = x_.orgs[i].loc;
    // Roles and secondment are today's: the current committee only.
    if ((!roles && o.seconded_seats == 0) || Dissolved(o) ||
        CommitteeTermInForce(o, TermStart(o), c_.as_of).past >= 0) {
      continue;
    }
    const uint32_t self = x_.org_joins[i].self;
    if (seconded && o.seconded_seats > 0 && self != kNoId &&
        !has_seconded[self]) {
      Emit(Rule::kCommitteeSeconded, k, o.id, loc, "committee",
           Zh("班子中有", o.seconded_seats, "名挂职委员，但", c_.as_of.y,
              "年度没有向该党组织选派挂职副书记的记录"),
           o.seconded_seats,
           " committee seat(s) held by seconded cadres (挂职), but no cadre "
           "assignment seconds a deputy secretary (选派挂职副书记) to the "
           "organization in ",
           c_.as_of.y);
    }
    if (!roles) continue;
    // The secretary_member_id as a secretary's seat, then the seats.
    const size_t* at = &org_seat_members_[org_seats_begin_[i]];
    const size_t seats = o.committee_member_ids.size();
    for (size_t s = 0; s <= seats; ++s) {
      const bool secretary = s == 0;
      const absl::string_view id =
          secretary ? o.secretary_member_id : o.committee_member_ids[s - 1];
      const int32_t role =
          secretary ? v1::COMMITTEE_ROLE_SECRETARY : o.committee_roles[s - 1];
      if (id.empty()) continue;
      names[i] |= secretary ? kNamesSecretary : kSeatsNameMembers;
      const size_t member = at[s];
      if (member == kNowhere) continue;
      // A seat of any organization gives its member the role (a committee's
      // secretary is often a member of a branch under it); a seat without
      // a role of the schema, a committee member's.
      const bool known = role >= 1 && role <= 3;
      const uint8_t bit = MemberRoleBit(known ? role : 3);
      seated[member] |= bit;
      const uint8_t held = x_.members[member].roles & kKnownMemberRoles;
      // The secretary named twice, by secretary_member_id and a seat, is
      // judged once.
      if (!known || held == 0 || (held & bit) != 0 ||
          (!secretary && role == v1::COMMITTEE_ROLE_SECRETARY &&
           member == at[0])) {
        continue;
      }
      Emit(Rule::kCommitteeRoles, k, o.id, loc,
           secretary ? std::string("secretary_member_id")
                     : absl::StrCat("committee[", s - 1, "].role"),
           Zh(secretary ? "书记" : "班子成员", "“", id, "”任", kRoleZh[role],
              "，但其党员信息的党内职务中没有", kRoleZh[role]),
           secretary ? "the secretary" : "a committee seat", " names member \"",
           id, "\" as ", kRoleEn[role],
           ", a role the member's record (roles, 党内职务) does not hold");
    }
  }
  if (roles) RolesOfSeats(seated, names);
}

void Checker::RolesOfSeats(const std::vector<uint8_t>& seated,
                           const std::vector<char>& names) {
  for (const size_t j : x_.members_with_roles) {
    const MemberEntry& m = x_.members[j];
    const uint8_t want =
        m.roles & (MemberRoleBit(1) | MemberRoleBit(2) | MemberRoleBit(3));
    if (want == 0 || m.off_roll || m.join.status < 0) continue;
    const size_t* first = members_.At(m.join.self);
    const size_t* org = orgs_.At(m.join.org);
    if (first == nullptr || *first != j || org == nullptr) continue;
    for (int role = 1; role <= 3; ++role) {
      const uint8_t bit = MemberRoleBit(role);
      // A secretary is judged against secretary_member_id too; a deputy
      // or a committee member against seats that name members.
      const bool judged = (names[*org] & kSeatsNameMembers) != 0 ||
                          (role == 1 && (names[*org] & kNamesSecretary) != 0);
      // A secretary's or a deputy's seat is a committee member's too.
      const uint8_t held =
          role == 3
              ? static_cast<uint8_t>(MemberRoleBit(1) | MemberRoleBit(2) | bit)
              : bit;
      if ((want & bit) == 0 || !judged || (seated[j] & held) != 0) continue;
      const absl::string_view org_id = x_.orgs[*org].value.id;
      Emit(Rule::kCommitteeRoles, "member", MemberId(m), m.loc, "roles",
           Zh("党内职务为", kRoleZh[role], "，但所在党组织“", org_id,
              "”等党组织的班子中均没有该党员任", kRoleZh[role]),
           "the member's roles (党内职务) hold ", kRoleEn[role],
           ", but neither the committee of its organization \"", org_id,
           "\" nor any other on file seats the member so");
    }
  }
}

}  // namespace cross_record
}  // namespace internal
}  // namespace dangjian
