// A county of the national scenario: its townships, units, members and
// branches (NationalGenerator's methods; national_generator.h).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "generate/national_generator.h"

namespace dangjian {
namespace internal {
namespace national {

// Returns `expr`'s status when it is not OK (the generator's methods below).
#define DJ_RETURN_IF_ERROR(expr)            \
  if (absl::Status st = (expr); !st.ok()) { \
    return st;                              \
  }

// Township `t` of `townships`: its region, its units one by one (Unit()),
// the last joint group (CloseJoint()) and its regional 1+N branch.
absl::Status NationalGenerator::Township(CountyState* c, int t, int townships) {
  Rng& rng = c->rng;
  const std::string& code = c->code;
  const std::string& county_id = c->county_id;
  const std::string& county_name = c->county_name;
  const int year = o_.year;
  const CountyPlan& plan = c->plan;
  int64_t& org_seq = c->org_seq;
  int64_t& misc_seq = c->misc_seq;
  auto next_id = [c](char prefix, int64_t* seq) {
    return c->NextId(prefix, seq);
  };
  std::string town_code = code;
  AppendPadded(&town_code, t, 3);
  const std::string town_id = absl::StrCat("r", town_code);
  const v1::RegionLevel level = t == 1  ? v1::REGION_LEVEL_SUB_DISTRICT
                                : t % 3 ? v1::REGION_LEVEL_TOWN
                                        : v1::REGION_LEVEL_TOWNSHIP;
  DJ_RETURN_IF_ERROR(Region(town_id, absl::StrCat(county_name, "第", t, "镇"),
                            town_code, level, county_id));

  const int64_t first = plan.hosts * (t - 1) / townships;
  const int64_t last = plan.hosts * t / townships;
  const std::string regional_id = next_id('p', &org_seq);
  c->regional_ids.push_back(regional_id);

  TownState w;
  w.t = t;
  w.town_id = town_id;
  w.regional_id = regional_id;
  for (int64_t h = first; h < last; ++h) {
    DJ_RETURN_IF_ERROR(Unit(c, &w));
  }
  DJ_RETURN_IF_ERROR(CloseJoint(c, &w));

  // The township's regional 1+N branch, its venue and its meetings.
  {
    v1::PartyOrganization* o = Fresh(rec_->mutable_party_organization());
    o->set_id(regional_id);
    o->set_name(absl::StrCat(county_name, "第", t, "镇区域党支部"));
    o->set_level(v1::ORG_LEVEL_BRANCH);
    o->set_formation(v1::FORMATION_MODEL_REGIONAL);
    o->set_region_id(town_id);
    SetDate(o->mutable_founded_on(), 2012, 7, 1);
    o->set_venue_id(absl::StrCat("v", regional_id.substr(1)));
    DJ_RETURN_IF_ERROR(Emit());
    v1::Venue* v = Fresh(rec_->mutable_venue());
    v->set_id(absl::StrCat("v", regional_id.substr(1)));
    v->set_name(absl::StrCat("第", t, "镇党群服务中心"));
    v->set_party_organization_id(regional_id);
    v->set_ownership(v1::VENUE_OWNERSHIP_SHARED_TOWNSHIP);
    v->set_has_site(true);
    v->set_has_facilities(true);
    v->set_has_signage(true);
    v->set_has_party_flag(true);
    v->set_has_books_and_newspapers(true);
    v->set_has_rules_on_wall(true);
    DJ_RETURN_IF_ERROR(Emit());
    for (int q = 0; q < 4; ++q) {
      if (!rng.Chance(0.9)) continue;
      v1::Activity* a = Fresh(rec_->mutable_activity());
      a->set_id(next_id('a', &misc_seq));
      a->set_kind(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING);
      a->set_party_organization_id(regional_id);
      SetDate(a->mutable_held_on(), year, q * 3 + 2, 10);
      a->set_count(1);
      a->set_participants(rng.Between(10, 60));
      DJ_RETURN_IF_ERROR(Emit());
    }
    v1::Activity* a = Fresh(rec_->mutable_activity());
    a->set_id(next_id('a', &misc_seq));
    a->set_kind(v1::ACTIVITY_KIND_VISIT);
    a->set_party_organization_id(regional_id);
    SetDate(a->mutable_held_on(), year, 6, 30);
    a->set_count(w.township_units);
    DJ_RETURN_IF_ERROR(Emit());
  }
  return absl::OkStatus();
}

// Writes the township's open joint group, if any, as a joint branch (or an
// affiliated one) and empties it.
absl::Status NationalGenerator::CloseJoint(CountyState* c, TownState* w) {
  Rng& rng = c->rng;
  const std::string& county_name = c->county_name;
  const int year = o_.year;
  std::string& last_standalone_org = c->last_standalone_org;
  const int t = w->t;
  const std::string& town_id = w->town_id;
  std::string& joint_id = w->joint_id;
  std::vector<std::string>& joint_hosts = w->joint_hosts;
  int64_t& joint_full = w->joint_full;
  bool& joint_affiliated = w->joint_affiliated;
  if (joint_hosts.empty()) return absl::OkStatus();
  // A joint branch needs two units: a lone unit left at the township's end
  // is attached to a neighbouring organization instead, where there is one.
  if (joint_hosts.size() == 1 && !last_standalone_org.empty()) {
    joint_affiliated = true;
  }
  v1::PartyOrganization* o = Fresh(rec_->mutable_party_organization());
  o->set_id(joint_id);
  o->set_name(absl::StrCat(county_name, "第", t, "镇",
                           joint_affiliated ? "挂靠" : "联合", "党支部"));
  o->set_level(v1::ORG_LEVEL_BRANCH);
  o->set_formation(joint_affiliated ? v1::FORMATION_MODEL_AFFILIATED
                                    : v1::FORMATION_MODEL_JOINT);
  for (const std::string& h : joint_hosts) o->add_host_organization_ids(h);
  o->set_region_id(town_id);
  if (joint_affiliated) o->set_parent_id(last_standalone_org);
  SetDrawnDate(rng, o->mutable_founded_on(), 2008, year - 1);
  if (joint_full >= 7) {  // Seven full members elect a committee.
    for (int k = 0; k < 3; ++k) {
      v1::CommitteeSeat* seat = o->add_committee();
      seat->set_name(PersonName(rng));
      seat->set_role(k == 0 ? v1::COMMITTEE_ROLE_SECRETARY
                            : v1::COMMITTEE_ROLE_MEMBER);
    }
    SetDate(o->mutable_term_started_on(), year - 1, 7, 1);
    PastTerm(year, o);
  }
  joint_hosts.clear();
  joint_full = 0;
  return Emit();
}

// One unit of the township: its kind, size and organization drawn, then its
// grid, its record, its members and, for a standalone branch, the branch
// and what comes with it.
absl::Status NationalGenerator::Unit(CountyState* c, TownState* w) {
  Rng& rng = c->rng;
  int64_t& host_seq = c->host_seq;
  int64_t& org_seq = c->org_seq;
  std::string& last_standalone_org = c->last_standalone_org;
  auto next_id = [c](char prefix, int64_t* seq) {
    return c->NextId(prefix, seq);
  };
  std::string& joint_id = w->joint_id;
  std::vector<std::string>& joint_hosts = w->joint_hosts;
  size_t& joint_target = w->joint_target;
  bool& joint_affiliated = w->joint_affiliated;
  int64_t& township_units = w->township_units;
  UnitState unit;
  ++township_units;
  unit.host_id = next_id('h', &host_seq);
  // Kind and size.
  unit.social = rng.Chance(0.12);
  const bool social = unit.social;
  v1::HostSubtype& subtype = unit.subtype;
  if (social) {
    const double u = rng.Uniform();
    subtype = u < 0.5    ? v1::HOST_SUBTYPE_SOCIAL_GROUP
              : u < 0.95 ? v1::HOST_SUBTYPE_PRIVATE_NON_ENTERPRISE
                         : v1::HOST_SUBTYPE_FOUNDATION;
  } else {
    const double u = rng.Uniform();
    subtype = u < 0.55   ? v1::HOST_SUBTYPE_INDIVIDUAL_BUSINESS
              : u < 0.93 ? v1::HOST_SUBTYPE_PRIVATE_ENTERPRISE
              : u < 0.96 ? v1::HOST_SUBTYPE_ABOVE_SIZE_INDUSTRIAL
                         : v1::HOST_SUBTYPE_FARMER_COOPERATIVE;
  }
  const double u = rng.Uniform();
  int64_t& members = unit.members;
  if (u < p_large_) {
    members = 3 + static_cast<int64_t>(47 * std::pow(rng.Uniform(), 1.5));
  } else if (u < p_large_ + p_small_) {
    members = rng.Chance(0.5) ? 1 : 2;
  }
  unit.large = members >= 3;
  const bool large = unit.large;
  unit.standalone = large && rng.Chance(0.78);
  unit.joined = !large && members > 0 && rng.Chance(0.75);
  unit.in_grid = !unit.standalone && !unit.joined && rng.Chance(0.9);

  std::string& org_id = unit.org_id;
  if (unit.standalone) {
    org_id = next_id('p', &org_seq);
    last_standalone_org = org_id;
  } else if (unit.joined) {
    if (joint_hosts.empty()) {
      joint_id = next_id('p', &org_seq);
      joint_target = static_cast<size_t>(rng.Between(2, 5));
      joint_affiliated = !last_standalone_org.empty() && rng.Chance(0.1);
    }
    org_id = joint_id;
    joint_hosts.push_back(unit.host_id);
  }
  DJ_RETURN_IF_ERROR(GridFor(c, w, unit.in_grid));
  DJ_RETURN_IF_ERROR(HostRecord(c, w, &unit));
  DJ_RETURN_IF_ERROR(Members(c, w, unit));
  if (unit.standalone) {
    DJ_RETURN_IF_ERROR(StandaloneBranch(c, w, unit));
  }
  if (unit.joined && w->joint_hosts.size() >= w->joint_target) {
    DJ_RETURN_IF_ERROR(CloseJoint(c, w));
  }
  return absl::OkStatus();
}

// Opens a new grid of 15 to 40 units, with its instructor (nine in ten), when
// a unit in no organization comes and the open grid is full.
absl::Status NationalGenerator::GridFor(CountyState* c, TownState* w,
                                        bool in_grid) {
  Rng& rng = c->rng;
  const int year = o_.year;
  int64_t& grid_seq = c->grid_seq;
  std::string& phone = c->phone;
  auto next_id = [c](char prefix, int64_t* seq) {
    return c->NextId(prefix, seq);
  };
  const int t = w->t;
  const std::string& town_id = w->town_id;
  const std::string& regional_id = w->regional_id;
  std::string& grid_id = w->grid_id;
  int64_t& grid_left = w->grid_left;
  if (in_grid && grid_left == 0) {
    grid_id = next_id('g', &grid_seq);
    grid_left = rng.Between(15, 40);
    v1::Grid* g = Fresh(rec_->mutable_grid());
    g->set_id(grid_id);
    g->set_name(absl::StrCat("第", t, "镇网格", grid_seq));
    g->set_party_organization_id(regional_id);
    g->set_region_id(town_id);
    g->set_basis(rng.Chance(0.7) ? v1::GRID_BASIS_GEOGRAPHY
                                 : v1::GRID_BASIS_INDUSTRY);
    if (rng.Chance(0.9)) {
      g->set_instructor_name(PersonName(rng));
      g->set_instructor_unit("县委组织部");
      phone.assign("13");
      AppendPadded(&phone, rng.Between(0, 999'999'999), 9);
      g->set_instructor_phone(phone);
      const std::string assignment = absl::StrCat("c", grid_id);
      g->set_instructor_assignment_id(assignment);
      DJ_RETURN_IF_ERROR(Emit());
      v1::CadreAssignment* c = Fresh(rec_->mutable_cadre_assignment());
      c->set_id(assignment);
      c->set_kind(v1::CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR);
      c->set_name(PersonName(rng));
      c->set_from_unit("县委组织部");
      c->set_grid_id(grid_id);
      SetDate(c->mutable_start_on(), year - 1, 3, 1);
    }
    DJ_RETURN_IF_ERROR(Emit());
  }
  if (in_grid) --grid_left;
  return absl::OkStatus();
}

// The unit's record: its name, credit code, industry, size, owner and the
// rest; sets the industry, the owner's membership, its first member's id
// and its name in `*u`.
absl::Status NationalGenerator::HostRecord(CountyState* c, TownState* w,
                                           UnitState* u) {
  Rng& rng = c->rng;
  const std::string& code = c->code;
  const std::string& county_name = c->county_name;
  const int year = o_.year;
  int64_t& member_seq = c->member_seq;
  const std::string& town_id = w->town_id;
  std::string& grid_id = w->grid_id;
  const std::string& host_id = u->host_id;
  const bool social = u->social;
  const v1::HostSubtype subtype = u->subtype;
  const int64_t members = u->members;
  const bool standalone = u->standalone;
  const bool in_grid = u->in_grid;
  // The host organization.
  u->industry = &kIndustries[rng.Below(Count(kIndustries))];
  const Industry& industry = *u->industry;
  u->owner_member = members > 0 && rng.Chance(0.3);
  const bool owner_member = u->owner_member;
  u->first_member_id =
      members > 0 ? absl::StrCat("m", code, "-", member_seq + 1) : "";
  const std::string& first_member_id = u->first_member_id;
  std::string& host_name = u->host_name;
  {
    v1::HostOrganization* ho = Fresh(rec_->mutable_host_organization());
    ho->set_id(host_id);
    ho->set_kind(social ? v1::HOST_KIND_SOCIAL
                        : v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    ho->set_subtype(subtype);
    const char* trade = kTradeNames[rng.Below(Count(kTradeNames))];
    if (subtype == v1::HOST_SUBTYPE_INDIVIDUAL_BUSINESS) {
      ho->set_name(absl::StrCat(trade, industry.trade, "店"));
    } else if (social) {
      ho->set_name(absl::StrCat(county_name, trade, industry.trade, "协会"));
    } else {
      ho->set_name(absl::StrCat(trade, industry.trade, "有限公司"));
    }
    host_name = ho->name();
    if (subtype != v1::HOST_SUBTYPE_INDIVIDUAL_BUSINESS || rng.Chance(0.6)) {
      const char type = social ? static_cast<char>('1' + rng.Below(3))
                        : subtype == v1::HOST_SUBTYPE_INDIVIDUAL_BUSINESS ? '2'
                        : subtype == v1::HOST_SUBTYPE_FARMER_COOPERATIVE  ? '3'
                                                                          : '1';
      ho->set_unified_social_credit_code(CreditCode(
          rng, social ? '5' : (type == '3' ? 'N' : '9'), type, code));
    }
    ho->set_industry(industry.code);
    ho->set_region_id(town_id);
    if (in_grid) ho->set_grid_id(grid_id);
    ho->set_sector_system(social ? v1::SECTOR_SYSTEM_CIVIL_AFFAIRS
                          : subtype == v1::HOST_SUBTYPE_ABOVE_SIZE_INDUSTRIAL
                              ? v1::SECTOR_SYSTEM_ECONOMY_IT
                          : industry.code[0] == 'E' || industry.code[0] == 'K'
                              ? v1::SECTOR_SYSTEM_HOUSING_CONSTRUCTION
                              : v1::SECTOR_SYSTEM_INDIVIDUAL_PRIVATE_ECONOMY);
    int64_t employees = subtype == v1::HOST_SUBTYPE_INDIVIDUAL_BUSINESS
                            ? rng.Between(1, 8)
                        : subtype == v1::HOST_SUBTYPE_ABOVE_SIZE_INDUSTRIAL
                            ? rng.Between(300, 3000)
                            : rng.Between(3, 120);
    employees = std::max(employees, members * 3);
    ho->set_employees(static_cast<int32_t>(employees));
    v1::Owner* owner = ho->mutable_owner();
    owner->set_name(PersonName(rng));
    owner->set_is_party_member(owner_member);
    if (owner_member) {
      owner->set_member_id(first_member_id);
      owner->set_is_secretary(standalone && rng.Chance(0.5));
    }
    const bool big = employees >= 25;
    ho->set_has_trade_union(big && rng.Chance(0.5));
    ho->set_has_womens_organization(big && rng.Chance(0.15));
    ho->set_has_youth_league_organization(big && rng.Chance(0.08));
    ho->set_service_contact_card_issued(in_grid && rng.Chance(0.85));
    SetDrawnDate(rng, ho->mutable_registered_on(), 1995, year - 1);
    ho->set_status(v1::HOST_STATUS_OPERATING);
    StatusHistory(*c, members == 0 && !u->joined && !standalone,
                  ho->registered_on().year(), ho);
    DJ_RETURN_IF_ERROR(Emit());
  }

  return absl::OkStatus();
}

// The unit's changes of status, drawn from a sequence of the unit's own (so
// that the county's other draws do not move): one in 25 units was suspended
// for a while and reopened; one in 30 of the units `may_close` (no members,
// no party organization) has closed since it registered, and stays on the
// ledger, closed, as county ledgers keep such units.
void NationalGenerator::StatusHistory(const CountyState& c, bool may_close,
                                      int registered,
                                      v1::HostOrganization* ho) const {
  const int year = o_.year;
  Rng rng(SplitMix64((o_.seed * 0x100000001b3ULL + c.index + 1) ^
                     (c.host_seq * 0x9e3779b97f4a7c15ULL)));
  auto change = [&](int y, v1::HostStatus status) {
    v1::HostStatusChange* s = ho->add_status_changes();
    SetDrawnDate(rng, s->mutable_on(), y);
    s->set_status(status);
  };
  if (may_close && registered < year && rng.Chance(1.0 / 30)) {
    change(static_cast<int>(rng.Between(registered + 1, year)),
           v1::HOST_STATUS_CLOSED);
    ho->set_status(v1::HOST_STATUS_CLOSED);
  } else if (registered + 1 < year && rng.Chance(1.0 / 25)) {
    const int from = static_cast<int>(rng.Between(registered + 1, year - 1));
    change(from, v1::HOST_STATUS_SUSPENDED);
    change(static_cast<int>(rng.Between(from + 1, year)),
           v1::HOST_STATUS_OPERATING);
  }
}

// The unit's members, one record each: status, birth date and resident ID,
// the pipeline's dates, posts and dues.
absl::Status NationalGenerator::Members(CountyState* c, TownState* w,
                                        const UnitState& u) {
  Rng& rng = c->rng;
  const std::string& code = c->code;
  const int year = o_.year;
  const uint64_t index = static_cast<uint64_t>(c->index);
  int64_t& member_seq = c->member_seq;
  std::string& national_id = c->national_id;
  std::string& phone = c->phone;
  int64_t& joint_full = w->joint_full;
  const std::string& host_id = u.host_id;
  const int64_t members = u.members;
  const bool large = u.large;
  const bool standalone = u.standalone;
  const bool joined = u.joined;
  const std::string& org_id = u.org_id;
  const bool owner_member = u.owner_member;
  // Its members.
  for (int64_t k = 0; k < members; ++k) {
    v1::Member* m = Fresh(rec_->mutable_member());
    m->set_id(absl::StrCat("m", code, "-", ++member_seq));
    m->set_name(PersonName(rng));
    const double su = rng.Uniform();
    // A unit counted as large has at least three full members; an
    // owner recorded as a party member is its first member, a full one.
    const v1::MemberStatus status =
        (large && k < 3) || (k == 0 && owner_member) || su < 0.93
            ? v1::MEMBER_STATUS_FULL
        : su < 0.98  ? v1::MEMBER_STATUS_PROBATIONARY
        : su < 0.995 ? v1::MEMBER_STATUS_ACTIVIST
                     : v1::MEMBER_STATUS_APPLICANT;
    m->set_status(status);
    if (joined && status == v1::MEMBER_STATUS_FULL) ++joint_full;
    // Birth date and sequence number from a permutation of the member's
    // number: scattered like real ones, yet no two members of a county
    // share a resident ID.
    const int years = year - 23 - 1950 + 1;
    const uint64_t slots = static_cast<uint64_t>(years) * 12 * 28 * 990;
    const uint64_t slot =
        (static_cast<uint64_t>(member_seq) * 1000003ULL + index * 7919ULL) %
        slots;
    const int birth_year = 1950 + static_cast<int>(slot / (12 * 28 * 990));
    const int bm = static_cast<int>(slot / (28 * 990) % 12) + 1;
    const int bd = static_cast<int>(slot / 990 % 28) + 1;
    // Sequence numbers 1-999 but not multiples of 100: an ID never ends in
    // "000", the mark of one Excel cut to 15 significant digits.
    int sequence = static_cast<int>(slot % 990) + 1;
    sequence += (sequence - 1) / 99;
    SetDate(m->mutable_birth_date(), birth_year, bm, bd);
    ResidentId(code, birth_year, bm, bd, sequence, &national_id);
    m->set_national_id(national_id);
    m->set_gender(national_id[16] % 2 ? v1::GENDER_MALE : v1::GENDER_FEMALE);
    phone.assign("1");
    phone.push_back(static_cast<char>('3' + rng.Below(7)));
    AppendPadded(&phone, rng.Between(0, 999'999'999), 9);
    m->set_phone(phone);
    // The pipeline: applied, activist (1-6 months later), development
    // target (12-18 months later), probationary (1-3 months later), full
    // (12 later).
    int applied =
        std::min(year - 3, birth_year + static_cast<int>(rng.Between(20, 35)));
    if (status == v1::MEMBER_STATUS_PROBATIONARY) applied = year - 1;
    if (status == v1::MEMBER_STATUS_ACTIVIST) applied = year - 1;
    if (status == v1::MEMBER_STATUS_APPLICANT) applied = year;
    SetDate(m->mutable_applied_on(), applied, 3, 1);
    if (status != v1::MEMBER_STATUS_APPLICANT) {
      SetDate(m->mutable_activist_on(), applied, 6, 1);
    }
    if (status == v1::MEMBER_STATUS_FULL ||
        status == v1::MEMBER_STATUS_PROBATIONARY) {
      SetDate(m->mutable_development_target_on(), applied + 1, 9, 1);
      SetDate(m->mutable_probationary_on(), applied + 1, 11, 1);
      if (status == v1::MEMBER_STATUS_FULL) {
        SetDate(m->mutable_full_on(), applied + 2, 11, 1);
      }
    }
    m->set_host_organization_id(host_id);
    if (!org_id.empty()) m->set_party_organization_id(org_id);
    if (k == 0 && owner_member) m->set_is_owner(true);
    if (k == 0 && standalone) m->add_roles(v1::MEMBER_ROLE_SECRETARY);
    const double pu = rng.Uniform();
    if (pu < 0.03) {
      v1::MemberPost* p = m->add_posts();
      p->set_kind(v1::POST_KIND_DEMONSTRATION_POST);
      p->set_name(absl::StrCat(host_id, "示范岗"));
    } else if (pu < 0.05) {
      v1::MemberPost* p = m->add_posts();
      p->set_kind(v1::POST_KIND_VANGUARD_POST);
      p->set_name(absl::StrCat(host_id, "先锋岗"));
    } else if (pu < 0.10) {
      v1::MemberPost* p = m->add_posts();
      p->set_kind(v1::POST_KIND_RESPONSIBILITY_ZONE);
      p->set_name(absl::StrCat(host_id, "责任区", k));
    } else if (pu < 0.11) {
      v1::MemberPost* p = m->add_posts();
      p->set_kind(v1::POST_KIND_TECHNICAL_SERVICE_TEAM);
      p->set_name(absl::StrCat(host_id, "技术服务队"));
    }
    if (status == v1::MEMBER_STATUS_FULL ||
        status == v1::MEMBER_STATUS_PROBATIONARY) {
      SetDues(member_seq, index, year, m);
    }
    DJ_RETURN_IF_ERROR(Emit());
  }

  return absl::OkStatus();
}

// A standalone branch of the unit: its committee (from seven members), its
// star assessment and its venue, then the rest (BranchExtras()).
absl::Status NationalGenerator::StandaloneBranch(CountyState* c, TownState* w,
                                                 const UnitState& u) {
  Rng& rng = c->rng;
  const std::string& code = c->code;
  const int year = o_.year;
  int64_t& member_seq = c->member_seq;
  const std::string& town_id = w->town_id;
  const std::string& host_id = u.host_id;
  const int64_t members = u.members;
  const std::string& org_id = u.org_id;
  const std::string& first_member_id = u.first_member_id;
  const std::string& host_name = u.host_name;
  const std::string venue_id = absl::StrCat("v", org_id.substr(1));
  const bool has_venue = rng.Chance(0.9);
  v1::PartyOrganization* o = Fresh(rec_->mutable_party_organization());
  o->set_id(org_id);
  o->set_name(absl::StrCat(host_name, "党支部"));
  o->set_level(v1::ORG_LEVEL_BRANCH);
  o->set_formation(v1::FORMATION_MODEL_STANDALONE);
  o->add_host_organization_ids(host_id);
  o->set_region_id(town_id);
  const int founded = static_cast<int>(rng.Between(2000, year - 1));
  SetDrawnDate(rng, o->mutable_founded_on(), founded);
  o->set_secretary_member_id(first_member_id);
  if (members >= 7) {
    const int seats = static_cast<int>(rng.Between(3, 5));
    for (int k = 0; k < seats; ++k) {
      v1::CommitteeSeat* seat = o->add_committee();
      seat->set_member_id(
          absl::StrCat("m", code, "-", member_seq - members + 1 + k));
      seat->set_role(k == 0 ? v1::COMMITTEE_ROLE_SECRETARY
                            : v1::COMMITTEE_ROLE_MEMBER);
    }
    SetDate(o->mutable_term_started_on(), year - 1, 7, 1);
    PastTerm(year, o);
  }
  int stars = 0;  // Unrated.
  if (rng.Chance(0.85)) {
    v1::StarAssessment* a = o->add_star_assessments();
    a->set_year(year);
    const double su = rng.Uniform();
    stars = su < 0.05 ? 1 : su < 0.2 ? 2 : su < 0.6 ? 3 : su < 0.88 ? 4 : 5;
    a->set_stars(stars);
    a->set_organization_building_good(stars >= 1);
    a->set_guarantee_mechanism_good(stars >= 2);
    a->set_activities_good(stars >= 3);
    a->set_role_played_well(stars >= 4);
    a->set_distinctive_results_good(stars >= 5);
    a->set_standard_version("national-2017");
    SetDate(a->mutable_assessed_on(), year, 12, 15);
  }
  // Demonstration points are rated four stars or more (the draw is
  // kept, so the rest of the data does not move).
  const bool demonstration = rng.Chance(0.05);
  o->set_demonstration_point(demonstration && stars >= 4);
  if (has_venue) o->set_venue_id(venue_id);
  DJ_RETURN_IF_ERROR(Emit());
  if (has_venue) {
    v1::Venue* v = Fresh(rec_->mutable_venue());
    v->set_id(venue_id);
    v->set_name(absl::StrCat(host_id, "党员活动室"));
    v->set_party_organization_id(org_id);
    v->set_ownership(rng.Chance(0.8) ? v1::VENUE_OWNERSHIP_OWN
                                     : v1::VENUE_OWNERSHIP_SHARED_COMMUNITY);
    v->set_area_square_metres(static_cast<int32_t>(rng.Between(15, 200)));
    v->set_capacity(static_cast<int32_t>(rng.Between(10, 100)));
    v->set_has_site(true);
    v->set_has_facilities(rng.Chance(0.9));
    v->set_has_signage(rng.Chance(0.9));
    v->set_has_party_flag(rng.Chance(0.95));
    v->set_has_books_and_newspapers(rng.Chance(0.85));
    v->set_has_rules_on_wall(rng.Chance(0.9));
    DJ_RETURN_IF_ERROR(Emit());
  }
  return BranchExtras(c, u);
}

// A standalone branch's funding of the year (each of the four ones by its
// share), its three meetings and a lesson, a seconded deputy secretary
// (one in twenty), reserve talent (one in ten) and annual results (three
// in ten).
absl::Status NationalGenerator::BranchExtras(CountyState* c,
                                             const UnitState& u) {
  Rng& rng = c->rng;
  const int year = o_.year;
  int64_t& misc_seq = c->misc_seq;
  auto next_id = [c](char prefix, int64_t* seq) {
    return c->NextId(prefix, seq);
  };
  const std::string& host_id = u.host_id;
  const int64_t members = u.members;
  const std::string& org_id = u.org_id;
  const std::string& first_member_id = u.first_member_id;
  static constexpr v1::FundingSource kSources[] = {
      v1::FUNDING_SOURCE_ENTERPRISE_ALLOCATION,
      v1::FUNDING_SOURCE_SUPERIOR_SUPPLEMENT, v1::FUNDING_SOURCE_DUES_RETURNED,
      v1::FUNDING_SOURCE_FISCAL_SUBSIDY};
  static constexpr double kFundedShare[] = {0.7, 0.5, 0.8, 0.3};
  for (int k = 0; k < 4; ++k) {
    if (!rng.Chance(kFundedShare[k])) continue;
    v1::Funding* f = Fresh(rec_->mutable_funding());
    f->set_id(next_id('f', &misc_seq));
    f->set_party_organization_id(org_id);
    f->set_year(year);
    f->set_source(kSources[k]);
    f->set_amount_fen(rng.Between(500, 100000) * 100);
    SetDrawnDate(rng, f->mutable_received_on(), year);
    DJ_RETURN_IF_ERROR(Emit());
  }
  {
    v1::Activity* a = Fresh(rec_->mutable_activity());
    a->set_id(next_id('a', &misc_seq));
    a->set_kind(v1::ACTIVITY_KIND_THREE_MEETINGS_ONE_LESSON);
    a->set_party_organization_id(org_id);
    a->set_host_organization_id(host_id);
    SetDrawnDate(rng, a->mutable_held_on(), year);
    a->set_count(rng.Between(4, 16));
    a->set_participants(a->count() * members);
    DJ_RETURN_IF_ERROR(Emit());
  }
  if (rng.Chance(0.05)) {
    v1::CadreAssignment* c = Fresh(rec_->mutable_cadre_assignment());
    c->set_id(next_id('c', &misc_seq));
    c->set_kind(v1::CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY);
    c->set_name(PersonName(rng));
    c->set_from_unit("县委组织部");
    c->set_party_organization_id(org_id);
    SetDate(c->mutable_start_on(), year, 3, 1);
    DJ_RETURN_IF_ERROR(Emit());
  }
  if (rng.Chance(0.1)) {
    v1::ReserveTalent* r = Fresh(rec_->mutable_reserve_talent());
    r->set_id(next_id('t', &misc_seq));
    r->set_name(PersonName(rng));
    r->set_member_id(first_member_id);
    r->set_host_organization_id(host_id);
    r->set_party_organization_id(org_id);
    SetDate(r->mutable_since(), year, 1, 15);
    DJ_RETURN_IF_ERROR(Emit());
  }
  if (rng.Chance(0.3)) {
    v1::HostAnnualResult* r = Fresh(rec_->mutable_host_annual_result());
    r->set_id(next_id('y', &misc_seq));
    r->set_host_organization_id(host_id);
    r->set_year(year);
    r->set_jobs_provided(rng.Between(0, 50));
    r->set_donations_fen(rng.Between(0, 50000) * 100);
    r->set_households_helped(rng.Between(0, 5));
    r->set_students_aided(rng.Between(0, 3));
    r->set_suggestions(rng.Between(0, 10));
    r->set_savings_fen(rng.Between(0, 200000) * 100);
    r->set_technical_problems_solved(rng.Between(0, 3));
    r->set_innovation_projects(rng.Between(0, 2));
    DJ_RETURN_IF_ERROR(Emit());
  }
  return absl::OkStatus();
}

#undef DJ_RETURN_IF_ERROR

}  // namespace national
}  // namespace internal
}  // namespace dangjian
