// The order people read names in (internal): 苏木2 before 苏木10.
#ifndef DANGJIAN_SRC_CORE_NATURAL_ORDER_H_
#define DANGJIAN_SRC_CORE_NATURAL_ORDER_H_

#include "absl/strings/string_view.h"

namespace dangjian {
namespace internal {

// Compares two UTF-8 strings in natural order: a run of ASCII digits in
// both at the same place compares by its value (leading zeros aside), the
// rest byte by byte, which for UTF-8 is code point order. Strings that
// differ only in leading zeros compare byte by byte, so the order is total.
// Returns <0, 0 or >0.
int NaturalCompare(absl::string_view a, absl::string_view b);

// NaturalCompare(a, b) < 0.
inline bool NaturalLess(absl::string_view a, absl::string_view b) {
  return NaturalCompare(a, b) < 0;
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_NATURAL_ORDER_H_
