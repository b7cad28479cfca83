// Dues arithmetic shared by MonthlyDuesFen() and the validator's dues rule.
#ifndef DANGJIAN_SRC_VALIDATE_DUES_H_
#define DANGJIAN_SRC_VALIDATE_DUES_H_

#include <cstdint>

#include "dangjian/v1/member.pb.h"
#include "dangjian/v1/policy.pb.h"

namespace dangjian {
namespace internal {

// Monthly dues in fen, or -1 when the category has no rule (UNSPECIFIED) or the
// income is negative. REQUIRES: CheckPolicy(policy) is OK.
int64_t ComputeMonthlyDuesFen(int64_t income_fen, v1::DuesCategory category,
                              const v1::Policy& policy);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_DUES_H_
