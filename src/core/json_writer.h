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

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
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

// WriteJsonLikeProtobuf() in pieces, for an output too large to hold whole:
// hands `emit` consecutive pieces of the JSON, each of at least `piece` bytes
// but the last (a piece ends after a field or an element of a list, so it
// can exceed `piece` by one string or number), that join to what
// WriteJsonLikeProtobuf() appends. A string that is not UTF-8 is written by
// protobuf's printer (which drops its bad bytes, and logs an error), so the
// pieces then join to what protobuf's printer writes for the message. Returns
// false when `emit` does (and emits nothing more) and for the other kinds of
// field WriteJsonLikeProtobuf() leaves to protobuf, having emitted part of
// the message: the caller must know that `message`'s type holds none.
bool StreamJsonLikeProtobuf(const google::protobuf::Message& message,
                            bool pretty, bool defaults, size_t piece,
                            absl::FunctionRef<bool(absl::string_view)> emit);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_JSON_WRITER_H_
