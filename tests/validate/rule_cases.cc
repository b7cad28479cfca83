// The helpers of the rule cases (rule_cases.h), and all the cases in turn.
#include "validate/rule_cases.h"

#include <cstdio>
#include <string>
#include <vector>

#include "validate_fixture.h"

namespace dangjian {
namespace rule_cases {

using ::dangjian::testing::AddFullMember;
using ::dangjian::testing::IdWithCheck;

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name << " (" << c.rule << ")";
}

v1::Member* M(v1::Dataset& d, const std::string& id) {
  for (v1::Member& m : *d.mutable_members()) {
    if (m.id() == id) return &m;
  }
  return nullptr;
}
v1::HostOrganization* H(v1::Dataset& d, const std::string& id) {
  for (v1::HostOrganization& h : *d.mutable_host_organizations()) {
    if (h.id() == id) return &h;
  }
  return nullptr;
}
v1::PartyOrganization* O(v1::Dataset& d, const std::string& id) {
  for (v1::PartyOrganization& o : *d.mutable_party_organizations()) {
    if (o.id() == id) return &o;
  }
  return nullptr;
}

// Moves p-standalone's nested assessment into a record of its own naming
// `org` (a star ledger's row), and returns it.
v1::StarAssessment* StarRecord(v1::Dataset& d, const std::string& org) {
  v1::StarAssessment* a = d.add_star_assessments();
  *a = O(d, "p-standalone")->star_assessments(0);
  O(d, "p-standalone")->clear_star_assessments();
  a->set_party_organization_id(org);
  return a;
}

// Adds n full members to h-big / p-standalone, with distinct resident IDs.
void AddMembers(v1::Dataset& d, int n) {
  for (int i = 0; i < n; ++i) {
    char seq[16];
    std::snprintf(seq, sizeof(seq), "%03d", 101 + 2 * i);
    AddFullMember(&d, "m-extra-" + std::to_string(i), "h-big", "p-standalone",
                  seq);
  }
}

void AddSeats(v1::PartyOrganization* o, int n) {
  for (int i = 0; i < n; ++i) {
    o->add_committee()->set_name("委员" + std::to_string(i));
  }
}

// A valid resident ID whose check character is X.
std::string IdEndingInX() {
  for (int seq = 1; seq < 1000; seq += 2) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%03d", seq);
    const std::string id = IdWithCheck(std::string("15042519800505") + buf);
    if (id.back() == 'X') return id;
  }
  return "";
}

std::vector<Case> Cases() {
  std::vector<Case> c;
  AddReferenceAndDateCases(&c);
  AddEnumCountAndRegionCases(&c);
  AddMemberCases(&c);
  AddDuesCases(&c);
  AddEventCases(&c);
  AddOrgSizeCases(&c);
  AddOrgFormationAndStarCases(&c);
  AddOrgMoreSizeCases(&c);
  AddOrgTermHistoryCases(&c);
  AddCommitteeRoleCases(&c);
  AddHostCases(&c);
  AddGridVenueFundingCases(&c);
  AddCoverageCases(&c);
  AddContactCardAndOwnerCases(&c);
  return c;
}

}  // namespace rule_cases
}  // namespace dangjian
