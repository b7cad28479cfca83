#include "dangjian/dues.h"

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "dangjian/policy.h"
#include "validate/dues.h"

namespace dangjian {
namespace internal {

int64_t ComputeMonthlyDuesFen(int64_t income_fen, v1::DuesCategory category,
                              const v1::Policy& policy) {
  if (income_fen < 0) return -1;
  const google::protobuf::RepeatedPtrField<v1::DuesBracket>* brackets = nullptr;
  switch (category) {
    case v1::DUES_CATEGORY_EMPLOYED:
      brackets = &policy.employed_dues_brackets();
      break;
    case v1::DUES_CATEGORY_RETIRED:
      brackets = &policy.retired_dues_brackets();
      break;
    case v1::DUES_CATEGORY_STUDENT:
    case v1::DUES_CATEGORY_UNEMPLOYED:
    case v1::DUES_CATEGORY_SUBSISTENCE:
      return policy.flat_monthly_dues_fen();
    default:
      return -1;
  }
  int32_t rate = 0;
  for (const v1::DuesBracket& b : *brackets) {
    rate = b.rate_per_mille();
    if (b.up_to_fen() == 0 || income_fen <= b.up_to_fen()) break;
  }
  // Exact: income * rate / 1000, half up. int128 so no income can overflow.
  const absl::int128 scaled = absl::int128(income_fen) * rate;
  return static_cast<int64_t>((scaled + 500) / 1000);
}

}  // namespace internal

absl::StatusOr<int64_t> MonthlyDuesFen(int64_t monthly_income_fen,
                                       v1::DuesCategory category,
                                       const v1::Policy& policy) {
  if (monthly_income_fen < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("monthly income is negative (", monthly_income_fen,
                     " fen); give the after-tax monthly income in fen"));
  }
  if (!v1::DuesCategory_IsValid(category) ||
      category == v1::DUES_CATEGORY_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat(
        "dues category ", static_cast<int>(category),
        " has no dues rule; give EMPLOYED, RETIRED, STUDENT, UNEMPLOYED or "
        "SUBSISTENCE (党费类别)"));
  }
  absl::Status s = CheckPolicy(policy);
  if (!s.ok()) return s;
  return internal::ComputeMonthlyDuesFen(monthly_income_fen, category, policy);
}

}  // namespace dangjian
