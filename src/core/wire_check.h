// A strict check of protobuf's binary wire format against a schema (internal).
//
// protobuf's parser accepts bytes that no writer produces and loses data
// without a word: a field of a known number sent with the wrong wire type is
// kept as an unknown field (a member's birth date sent as a varint simply
// disappears), and a 10-byte varint's bits beyond 64 are dropped. When it does
// refuse bytes it does not say where. CheckWireFormat() walks the bytes by the
// message's descriptor and reports the first problem with its byte offset and
// field path.
#ifndef DANGJIAN_SRC_CORE_WIRE_CHECK_H_
#define DANGJIAN_SRC_CORE_WIRE_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "dangjian/v1/dataset.pb.h"
#include "google/protobuf/descriptor.h"

namespace dangjian {
namespace internal {

// Returns true when `bytes` are a well-formed encoding of a `type` message:
// every tag and varint complete and at most 10 bytes (the 10th at most 1),
// field numbers above 0, wire types 0-5 and, for fields the schema knows, the
// wire type of the field's type (or length-delimited for packed repeated
// scalars), lengths within the bytes, groups closed, strings valid UTF-8,
// nesting at most 100 deep. Unknown field numbers are allowed (a newer
// schema). Otherwise returns false with `*offset` the byte offset of the bad
// tag or value and `*what` the field path and problem, e.g.
// "member.birth_date (field 12): wire type varint, but the schema says
// length-delimited".
bool CheckWireFormat(absl::string_view bytes,
                     const google::protobuf::Descriptor* type, int64_t* offset,
                     std::string* what);

// CheckWireFormat() without its fast first pass (core/wire_format.h): the walk
// that finds the path and offset. For the fuzz target that checks the two
// passes agree.
bool CheckWireFormatSlowly(absl::string_view bytes,
                           const google::protobuf::Descriptor* type,
                           int64_t* offset, std::string* what);

// The error for bytes that are not a well-formed Record: their size and
// `what`, as a reader says it (personal data masked). InvalidArgument.
absl::Status NotWellFormedRecord(absl::string_view bytes,
                                 absl::string_view what);

// The readers' strict check of a Record's bytes (CheckWireFormat() and at most
// 2^31-1 bytes): OK, or NotWellFormedRecord() saying what and where.
absl::Status CheckRecordStrictly(absl::string_view bytes);

// Parses `bytes` into `record` after CheckRecordStrictly(): OK, or
// InvalidArgument.
absl::Status ParseRecordStrictly(absl::string_view bytes, v1::Record* record);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_WIRE_CHECK_H_
