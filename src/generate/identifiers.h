// Check characters of Chinese identifiers, for generating valid ones
// (internal).
#ifndef DANGJIAN_SRC_GENERATE_IDENTIFIERS_H_
#define DANGJIAN_SRC_GENERATE_IDENTIFIERS_H_

#include "absl/strings/string_view.h"

namespace dangjian {
namespace internal {

// GB 11714-1997 check character of an organization code's first 8 characters
// (digits and upper-case letters): '0'-'9' or 'X'.
// REQUIRES: first8 is 8 characters of [0-9A-Z].
char OrganizationCodeCheckChar(absl::string_view first8);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_GENERATE_IDENTIFIERS_H_
