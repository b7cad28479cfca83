#include "generate/identifiers.h"

#include <cstring>

namespace dangjian {
namespace internal {
namespace {

constexpr char kCreditAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int AlnumValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 0;
}

}  // namespace

char ResidentIdCheckChar(absl::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

char OrganizationCodeCheckChar(absl::string_view first8) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += AlnumValue(first8[i]) * kWeights[i];
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

char CreditCodeCheckChar(absl::string_view first17) {
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    const char* p = std::strchr(kCreditAlphabet, first17[i]);
    sum += (p == nullptr ? 0 : static_cast<int>(p - kCreditAlphabet)) *
           kWeights[i];
  }
  return kCreditAlphabet[(31 - sum % 31) % 31];
}

}  // namespace internal
}  // namespace dangjian
