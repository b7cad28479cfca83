// A strict check of JSON text before protobuf's parser sees it (internal).
//
// protobuf 3.21's JSON parser accepts some text RFC 8259 refuses and loses
// data without a word: a key given twice (the last wins, and "nationalId" and
// "national_id" are the same field), raw control characters in strings; and
// for other errors (NaN, 1e999, a stray token) it says what but not where.
// CheckJsonText() finds the first such problem and says where it is.
#ifndef DANGJIAN_SRC_IO_JSON_CHECK_H_
#define DANGJIAN_SRC_IO_JSON_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace dangjian {
namespace internal {

// Objects and arrays nested deeper than this are refused (protobuf's own
// recursion limit is 100; no dangjian message nests deeper than 10).
constexpr int kMaxJsonDepth = 100;

// Returns true when `json` is one well-formed JSON value (RFC 8259, a leading
// UTF-8 byte order mark allowed) with no key twice in an object (keys compared
// as protobuf's JSON mapping does: lowerCamelCase and snake_case alike), no
// number beyond the range of a double, valid UTF-8, no lone surrogate escape,
// and nesting at most kMaxJsonDepth deep. Otherwise returns false with the
// byte offset of the problem in `*offset` and what it is in `*what` (which
// quotes at most a key: callers mask personal data).
bool CheckJsonText(absl::string_view json, int64_t* offset, std::string* what);

// Decodes the JSON escape that starts at `*p`, just after its backslash, onto
// `*out` in UTF-8 and moves `*p` past it: a one-character escape, \uXXXX, or
// a surrogate pair \uD8xx\uDCxx. Returns false, `*p` and `*out` left as they
// were, for an escape JSON does not have, a lone surrogate, bad hex digits or
// an escape cut short by `end`. The one decoder of escapes of the fast parser
// (json_fast.h) and of the keys CheckJsonText() compares.
bool AppendJsonEscape(const char** p, const char* end, std::string* out);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_JSON_CHECK_H_
