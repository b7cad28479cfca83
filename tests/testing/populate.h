// Test helpers that fill every field of a message through reflection, so that a
// test over "a fully populated Dataset" keeps covering fields added to the
// schema later.
#ifndef DANGJIAN_TESTS_TESTING_POPULATE_H_
#define DANGJIAN_TESTS_TESTING_POPULATE_H_

#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace dangjian {
namespace testing {

// Sets every field of `message`, recursively: scalars to distinct non-default
// values (strings as valid UTF-8 with Chinese text), enums to their last value,
// repeated fields to `repeat` elements, and for a oneof, its first member.
void PopulateAllFields(google::protobuf::Message* message, int repeat = 2);

// Returns the paths of the fields of `message` (recursively) that are not set,
// or empty when every field is; a oneof counts as set when one member is.
std::vector<std::string> UnsetFields(const google::protobuf::Message& message);

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_TESTING_POPULATE_H_
