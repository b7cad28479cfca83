// Check characters of Chinese identifiers, for generating valid ones
// (internal).
#ifndef DANGJIAN_SRC_GENERATE_IDENTIFIERS_H_
#define DANGJIAN_SRC_GENERATE_IDENTIFIERS_H_

#include "absl/strings/string_view.h"

namespace dangjian {
namespace internal {

// GB 11643-1999 (ISO 7064 MOD 11-2) check character of a resident identity
// number's first 17 digits: "10X98765432"[sum(d_i * w_i) mod 11]. REQUIRES:
// first17 is 17 ASCII digits.
char ResidentIdCheckChar(absl::string_view first17);

// GB 11714-1997 check character of an organization code's first 8 characters
// (digits and upper-case letters): '0'-'9' or 'X'.
// REQUIRES: first8 is 8 characters of [0-9A-Z].
char OrganizationCodeCheckChar(absl::string_view first8);

// GB 32100-2015 check character of a unified social credit code's first 17
// characters, from "0123456789ABCDEFGHJKLMNPQRTUWXY".
// REQUIRES: first17 is 17 characters of that alphabet.
char CreditCodeCheckChar(absl::string_view first17);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_GENERATE_IDENTIFIERS_H_
