#include "generate/identifiers.h"

namespace dangjian {
namespace internal {
namespace {

int AlnumValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 0;
}

}  // namespace

char OrganizationCodeCheckChar(absl::string_view first8) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += AlnumValue(first8[i]) * kWeights[i];
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

}  // namespace internal
}  // namespace dangjian
