// Party dues (党费): the monthly amount a member owes under a policy's
// brackets.
#ifndef DANGJIAN_DUES_H_
#define DANGJIAN_DUES_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "dangjian/export.h"
#include "dangjian/v1/member.pb.h"
#include "dangjian/v1/policy.pb.h"

namespace dangjian {

// Returns the monthly dues in fen for a member with after-tax monthly income
// `monthly_income_fen` (salary, or pension for a retiree) in `category`, by
// `policy`:
//   - EMPLOYED: the first of policy.employed_dues_brackets whose up_to_fen is 0
//     (unbounded) or >= the income gives the rate, applied to the whole income
//     (not progressively), as the regulations do;
//   - RETIRED: the same over policy.retired_dues_brackets;
//   - STUDENT, UNEMPLOYED, SUBSISTENCE: policy.flat_monthly_dues_fen, whatever
//     the income.
// Rounding: income * rate_per_mille / 1000 is computed exactly in integers and
// rounded half up to the fen (四舍五入到分): 99,999 fen at 5 per mille is
// 499.995 fen -> 500 fen.
//
// Example:
//   // 4,000 yuan a month, employed: 1% -> 40 yuan.
//   absl::StatusOr<int64_t> d = dangjian::MonthlyDuesFen(
//       400000, dangjian::v1::DUES_CATEGORY_EMPLOYED,
//       dangjian::DefaultPolicy());
//   // *d == 4000
//
// Returns the dues; InvalidArgument when the income is negative, the category
// is UNSPECIFIED or unknown, or the policy fails CheckPolicy() (the message
// says which field to fix). Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<int64_t> MonthlyDuesFen(
    int64_t monthly_income_fen, v1::DuesCategory category,
    const v1::Policy& policy);

}  // namespace dangjian

#endif  // DANGJIAN_DUES_H_
