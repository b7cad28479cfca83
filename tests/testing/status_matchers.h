// GoogleTest matchers for absl::Status and absl::StatusOr, which abseil
// 20220623 does not ship.
#ifndef DANGJIAN_TESTS_TESTING_STATUS_MATCHERS_H_
#define DANGJIAN_TESTS_TESTING_STATUS_MATCHERS_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace dangjian {
namespace testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

// Matches an OK absl::Status or absl::StatusOr.
MATCHER(IsOk, negation ? "is not OK" : "is OK") {
  const absl::Status& s = GetStatus(arg);
  if (!s.ok()) *result_listener << "status is " << s;
  return s.ok();
}

// Matches a status with `code` whose message matches `message_matcher`.
MATCHER_P2(StatusIs, code, message_matcher,
           std::string("has code ") + absl::StatusCodeToString(code)) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code &&
         ::testing::Matches(message_matcher)(std::string(s.message()));
}

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_TESTING_STATUS_MATCHERS_H_
