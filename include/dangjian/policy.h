// The regulation thresholds the library judges data by.
//
// A `dangjian::v1::Policy` (proto/dangjian/v1/policy.proto) carries the
// thresholds as data. DefaultPolicy() gives the values of the party
// regulations; a dataset or a stream header may carry its own, and a province
// with other rules changes a file, not the code.
#ifndef DANGJIAN_POLICY_H_
#define DANGJIAN_POLICY_H_

#include "absl/status/status.h"
#include "dangjian/export.h"
#include "dangjian/v1/policy.pb.h"

namespace dangjian {

// The version string of DefaultPolicy().
inline constexpr char kDefaultPolicyVersion[] = "dangjian-default-1";

// Returns the default policy: 3 full members to found an organization, branches
// of at most 50 members, general branches above 50, committees from 100, a
// branch committee from 7 full members (3 to 5 seats, at most 7), joint
// branches over at most 5 units, applicants 18 or older, 12 months as an
// activist, 12 months of probation, 3-year terms, the dues brackets (employed:
// 0.5% to 3,000 yuan, 1% to 5,000, 1.5% to 10,000, 2% above; retired: 0.5% to
// 5,000, 1% above; flat 0.20 yuan), and 4 heart-to-heart meetings a year for a
// regional branch.
//
// Example:
//   dangjian::v1::Policy policy = dangjian::DefaultPolicy();
//   policy.set_joint_branch_max_units(6);  // a province's own rule
//
// Thread-safe.
DANGJIAN_EXPORT v1::Policy DefaultPolicy();

// Fills every field of `policy` that is left at 0 (unset) with the default's
// value, and the dues brackets when the list is empty. The version is kept when
// set. Thread-safe for different policies.
//
// REQUIRES: policy != nullptr.
DANGJIAN_EXPORT void FillPolicyDefaults(v1::Policy* policy);

// Checks that a policy is consistent: every threshold positive, the branch
// committee sizes ordered (min <= max <= hard max), the general branch
// threshold not above the committee threshold, founding possible within a
// branch, and each dues bracket list non-empty, in ascending order of bound,
// rates of 1 to 1000 thousandths, and exactly the last bracket unbounded (0).
// Returns OK, or InvalidArgument naming the first field that is wrong and why.
// Unset (0) fields are errors: call FillPolicyDefaults() first to accept a
// partial policy. Thread-safe.
DANGJIAN_EXPORT absl::Status CheckPolicy(const v1::Policy& policy);

}  // namespace dangjian

#endif  // DANGJIAN_POLICY_H_
