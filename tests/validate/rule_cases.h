// The cases of validate_rules_test: for each rule of the catalogue, a
// change to the clean county of validate_fixture.h that fails it (found on
// the record and field the case names) and one that passes it. The cases of
// each kind of record are in rule_cases_<kind>.cc.
#ifndef DANGJIAN_TESTS_VALIDATE_RULE_CASES_H_
#define DANGJIAN_TESTS_VALIDATE_RULE_CASES_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "dangjian/v1/dataset.pb.h"

namespace dangjian {
namespace rule_cases {

using Mutation = std::function<void(v1::Dataset&)>;

struct Case {
  std::string name;  // test name suffix
  std::string rule;
  std::string kind;
  std::string id;
  std::string field;
  Mutation fail;
  Mutation pass;
};

// Names the case in test output (gtest would print the struct's raw bytes).
void PrintTo(const Case& c, std::ostream* os);

// Every case, those of records of any kind, members, party organizations
// and units in turn.
std::vector<Case> Cases();
void AddReferenceAndDateCases(std::vector<Case>* out);
void AddEnumCountAndRegionCases(std::vector<Case>* out);
void AddMemberCases(std::vector<Case>* out);
void AddDuesCases(std::vector<Case>* out);
void AddEventCases(std::vector<Case>* out);
void AddOrgSizeCases(std::vector<Case>* out);
void AddOrgFormationAndStarCases(std::vector<Case>* out);
void AddOrgMoreSizeCases(std::vector<Case>* out);
void AddOrgTermHistoryCases(std::vector<Case>* out);
void AddCommitteeRoleCases(std::vector<Case>* out);
void AddHostCases(std::vector<Case>* out);
void AddGridVenueFundingCases(std::vector<Case>* out);
void AddCoverageCases(std::vector<Case>* out);
void AddContactCardAndOwnerCases(std::vector<Case>* out);

// The member, host organization or party organization of `id` in `d`, or
// null.
v1::Member* M(v1::Dataset& d, const std::string& id);
v1::HostOrganization* H(v1::Dataset& d, const std::string& id);
v1::PartyOrganization* O(v1::Dataset& d, const std::string& id);
// Moves p-standalone's nested assessment into a record of its own naming
// `org` (a star ledger's row), and returns it.
v1::StarAssessment* StarRecord(v1::Dataset& d, const std::string& org);
// Adds n full members to h-big / p-standalone, with distinct resident IDs.
void AddMembers(v1::Dataset& d, int n);
// Adds n committee seats to `o`.
void AddSeats(v1::PartyOrganization* o, int n);
// A valid resident ID whose check character is X.
std::string IdEndingInX();

}  // namespace rule_cases
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_VALIDATE_RULE_CASES_H_
