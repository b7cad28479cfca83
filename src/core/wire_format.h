// A fast, strict yes/no check of protobuf's binary wire format (internal).
//
// Readers check every record's bytes before handing them to protobuf's parser
// (which keeps a field sent with the wrong wire type as an unknown field, its
// value lost, and never says where bytes are bad); writers check the bytes
// they just serialized for text that is not UTF-8. Both ask the same yes/no
// question millions of times a second, and only a "no" needs a field path and
// an offset: core/wire_check.h's CheckWireFormat() answers "where" by walking
// again, slowly, only then.
#ifndef DANGJIAN_SRC_CORE_WIRE_FORMAT_H_
#define DANGJIAN_SRC_CORE_WIRE_FORMAT_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace dangjian {
namespace internal {

// The limits every walk of the wire format applies (the fast check, the slow
// one that says where, the record decoders), kept in one place so that they
// cannot drift apart.
inline constexpr int kMaxWireDepth = 100;
inline constexpr uint64_t kMaxFieldNumber = 0x1FFFFFFF;

// What reading a varint found.
enum class VarintRead {
  kOk,
  kCutShort,
  kOverflows64Bits,
  kLongerThan10Bytes,
  kLengthTooLong,  // ReadLength() only.
};

// Reads a varint at `*p` (advancing it) as the strict check reads it: at most
// 10 bytes, the 10th 0 or 1. `*v` is set only when the result is kOk.
inline VarintRead ReadVarint(const uint8_t** p, const uint8_t* end,
                             uint64_t* v) {
  if (*p < end && **p < 0x80) {  // Tags and short lengths: one byte.
    *v = *(*p)++;
    return VarintRead::kOk;
  }
  uint64_t n = 0;
  for (int i = 0; i < 10; ++i) {
    if (*p == end) return VarintRead::kCutShort;
    const uint8_t b = *(*p)++;
    if (i == 9 && b > 1) return VarintRead::kOverflows64Bits;
    n |= uint64_t{b & 0x7Fu} << (7 * i);
    if ((b & 0x80) == 0) {
      *v = n;
      return VarintRead::kOk;
    }
  }
  return VarintRead::kLongerThan10Bytes;
}

// The largest length protobuf's parser takes (INT_MAX less its 16 slop
// bytes).
inline constexpr uint64_t kMaxWireLength = 0x7FFFFFFF - 16;

// Reads the length of a length-delimited field at `*p` (advancing it) as
// protobuf's parser reads one: a varint of at most 5 bytes, the 5th below 8,
// and at most kMaxWireLength. A longer encoding (even of a small length, as
// 80 80 80 80 80 00 is of 0) is a valid varint that protobuf refuses as a
// length, as every walk here does: kLengthTooLong. `*v` is set only when
// the result is kOk.
inline VarintRead ReadLength(const uint8_t** p, const uint8_t* end,
                             uint64_t* v) {
  if (*p < end && **p < 0x80) {  // Short lengths: one byte.
    *v = *(*p)++;
    return VarintRead::kOk;
  }
  uint64_t n = 0;
  for (int i = 0; i < 5; ++i) {
    if (*p == end) return VarintRead::kCutShort;
    const uint8_t b = *(*p)++;
    if (i == 4 && b >= 8) return VarintRead::kLengthTooLong;
    n |= uint64_t{b & 0x7Fu} << (7 * i);
    if ((b & 0x80) == 0) {
      if (n > kMaxWireLength) return VarintRead::kLengthTooLong;
      *v = n;
      return VarintRead::kOk;
    }
  }
  return VarintRead::kLengthTooLong;  // Not reached: the 5th byte is < 8.
}

// Writes `v` as a varint at `out`, which has room for 10 bytes; returns the
// end of what it wrote. For the readers that write records in the wire format
// and let protobuf's generated parser build them (JSON Lines, CSV ledgers).
inline char* EncodeVarint(uint64_t v, char* out) {
  while (v >= 0x80) {
    *out++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *out++ = static_cast<char>(v);
  return out;
}

// The number of bytes EncodeVarint() writes for `v`: 1 to 10.
inline int VarintSize(uint64_t v) {
  int n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// Returns true when `bytes` are a well-formed encoding of a `type` message:
// every tag and varint complete and at most 10 bytes (the 10th at most 1),
// field numbers 1 to 2^29-1, wire types 0-5 and, for the fields the schema
// knows, the wire type of the field's type (or length-delimited for packed
// repeated scalars, whose contents must be whole values), lengths read as
// ReadLength() reads them and within the bytes, groups (of unknown fields)
// closed, strings valid UTF-8, nesting at most 100 deep. Unknown field numbers
// are allowed (a newer schema).
//
// Exactly the rules of CheckWireFormat() (a fuzz target checks that the two
// agree on arbitrary bytes), without building any text. Per-type tables are
// built on first use and kept per thread. Thread-safe.
bool WireFormatIsValid(absl::string_view bytes,
                       const google::protobuf::Descriptor* type);

// The wire type a field of `f`'s type is written with: 0 varint, 1 fixed64,
// 2 length-delimited, 3 group, 5 fixed32 (packed repeated scalars may also
// come length-delimited).
int WireTypeOf(const google::protobuf::FieldDescriptor* f);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_WIRE_FORMAT_H_
