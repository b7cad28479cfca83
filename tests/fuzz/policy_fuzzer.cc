// Fuzzes policies read from JSON: filling defaults and checking never crash,
// and a policy CheckPolicy accepts keeps ClassifyHost's targets well defined.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "dangjian/coverage.h"
#include "dangjian/policy.h"
#include "google/protobuf/util/json_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dangjian::v1::Policy policy;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  const std::string json(reinterpret_cast<const char*>(data), size);
  if (!google::protobuf::util::JsonStringToMessage(json, &policy, options)
           .ok()) {
    return 0;
  }
  dangjian::FillPolicyDefaults(&policy);
  if (!dangjian::CheckPolicy(policy).ok()) return 0;
  for (int64_t full :
       {int64_t{0}, int64_t{1}, int64_t{policy.min_full_members_to_found()}}) {
    dangjian::HostCoverageFacts facts;
    facts.full_members = full;
    facts.all_members = full + 1;
    const dangjian::HostCoverage c = dangjian::ClassifyHost(facts, policy);
    const bool first = full >= policy.min_full_members_to_found();
    if (first !=
        (c.target == dangjian::CoverageTarget::kFoundWhereConditionExists)) {
      std::abort();
    }
  }
  return 0;
}
