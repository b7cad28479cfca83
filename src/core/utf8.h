// UTF-8 checks over whole messages (internal).
#ifndef DANGJIAN_SRC_CORE_UTF8_H_
#define DANGJIAN_SRC_CORE_UTF8_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace dangjian {
namespace internal {

// Returns true when `s` is well-formed UTF-8 (no overlongs, no surrogates,
// nothing above U+10FFFF).
bool IsValidUtf8(absl::string_view s);

// Returns the path of the first string field of `message` (recursively, e.g.
// "members[3].name") whose value is not valid UTF-8, or "" when all are valid.
// proto3 refuses to parse such strings, so writers check before writing.
std::string FirstInvalidUtf8Field(const google::protobuf::Message& message);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_UTF8_H_
