// Custom policy: a county whose rules differ from the defaults (here: a joint
// branch may cover only one unit besides its own, and a branch at most 4
// members) loads them from a JSON file and validates the same ledger under
// both; the rule counts show what the stricter thresholds flag.
//
//   custom_policy [POLICY_JSON]   (default: examples/data/strict_policy.json)
//
// Fields left out of the file keep their defaults (FillPolicyDefaults()).
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "dangjian/dangjian.h"
#include "dangjian/generate.h"

#ifndef DANGJIAN_EXAMPLE_POLICY
#define DANGJIAN_EXAMPLE_POLICY "examples/data/strict_policy.json"
#endif

namespace {

absl::StatusOr<std::map<std::string, int64_t>> RuleCounts(
    const dangjian::v1::Policy& policy, const dangjian::v1::Dataset& ledger) {
  dangjian::ValidatorOptions options;
  options.policy = policy;
  options.as_of.set_year(dangjian::kKeshiketeng2014Year);
  options.as_of.set_month(12);
  options.as_of.set_day(31);
  auto validator = dangjian::Validator::Create(options);
  if (!validator.ok()) return validator.status();
  auto report = (*validator)->Validate(ledger);
  if (!report.ok()) return report.status();
  std::map<std::string, int64_t> counts;
  for (const auto& c : report->rule_counts()) counts[c.rule_id()] = c.count();
  return counts;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : DANGJIAN_EXAMPLE_POLICY;
  absl::StatusOr<dangjian::v1::Policy> custom =
      dangjian::LoadPolicyJsonFile(path);
  if (!custom.ok()) {
    // A policy that does not parse or breaks a bound is a failed call.
    std::cerr << "custom_policy: " << custom.status() << "\n";
    return 2;
  }
  const dangjian::v1::Policy defaults = dangjian::DefaultPolicy();
  std::cout << "Policy " << custom->version() << " from " << path << ":\n"
            << "  joint branch max units " << defaults.joint_branch_max_units()
            << " -> " << custom->joint_branch_max_units() << "\n"
            << "  branch max members     " << defaults.branch_max_members()
            << " -> " << custom->branch_max_members() << "\n"
            << "  min full members to found "
            << custom->min_full_members_to_found() << " (left at default)\n\n";

  const dangjian::v1::Dataset ledger = dangjian::BuildKeshiketeng2014();
  auto before = RuleCounts(defaults, ledger);
  auto after = RuleCounts(*custom, ledger);
  if (!before.ok() || !after.ok()) {
    std::cerr << "custom_policy: "
              << (before.ok() ? after.status() : before.status()) << "\n";
    return 2;
  }
  std::cout << "Keshiketeng 2014 ledger, findings by rule:\n";
  std::map<std::string, std::pair<int64_t, int64_t>> rules;
  for (const auto& [rule, n] : *before) rules[rule].first = n;
  for (const auto& [rule, n] : *after) rules[rule].second = n;
  if (rules.empty()) std::cout << "  none under either policy\n";
  for (const auto& [rule, n] : rules) {
    std::cout << "  " << rule << ": default " << n.first << ", "
              << custom->version() << " " << n.second << "\n";
  }
  return 0;
}
