// JSON exactly as protobuf prints it, faster (internal).
//
// protobuf's util::MessageToJsonString() serializes the message, then walks
// the bytes through a type resolver and an object writer: a national report
// grouped by county (35 MB of JSON, 900,000 worklist ids) took a quarter of a
// second that way, all of it after the counties were read. WriteJsonLike
// Protobuf() walks the message by reflection and writes the same bytes.
#ifndef DANGJIAN_SRC_CORE_JSON_WRITER_H_
#define DANGJIAN_SRC_CORE_JSON_WRITER_H_

#include <string>

#include "google/protobuf/message.h"

namespace dangjian {
namespace internal {

// Appends `message` to `*out` as util::MessageToJsonString() writes it with
// add_whitespace = `pretty`, always_print_primitive_fields = `defaults` and
// its other options at their defaults: fields by number under their JSON
// names (with `defaults`, the set fields of a oneof, a proto3 `optional`
// field's too, after the others), 64-bit integers quoted, enums by name (by
// number when unknown), doubles as protobuf's SimpleDtoa() writes them, strings
// escaped as its JsonEscaping does (which escapes <, >, DEL, C1 controls and
// some invisible formatting characters as well as what JSON requires), and a
// newline after a pretty root. Returns false, `*out` then unspecified, for what
// it leaves to protobuf: map fields, float and bytes fields, groups, well-known
// types (google.protobuf.*), and strings that are not UTF-8.
// tests/json_writer_test compares the two on random messages and on every code
// point.
bool WriteJsonLikeProtobuf(const google::protobuf::Message& message,
                           bool pretty, bool defaults, std::string* out);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_JSON_WRITER_H_
