// UTF-8 checks over whole messages (internal).
#ifndef DANGJIAN_SRC_CORE_UTF8_H_
#define DANGJIAN_SRC_CORE_UTF8_H_

#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace dangjian {
namespace internal {

// Returns true when `s` is well-formed UTF-8 (no overlongs, no surrogates,
// nothing above U+10FFFF).
//
// Called for every string of every record (proto3 checks them all), most of
// them short ASCII ids, codes and phone numbers: those up to 16 bytes are
// answered here, inline, by two overlapping loads; the rest go to
// IsValidUtf8Scan().
inline bool IsValidUtf8(absl::string_view s);

// IsValidUtf8() that also answers ASCII of 17 to 32 bytes (a resident ID
// number or a credit code is 18) inline, by four loads: for the record
// decoders. In the strict wire walk the bigger inline code measured 8%
// slower, so the walk keeps IsValidUtf8().
inline bool IsValidUtf8Upto32(absl::string_view s);

// IsValidUtf8() without the inline fast path: text 16 bytes at a time (SSE2)
// while it is ASCII; then, when 16 bytes or more are left and the CPU has
// SSSE3 (asked once), Keiser and Lemire's SIMD check; else code point by code
// point, a run of Chinese characters one test each.
bool IsValidUtf8Scan(absl::string_view s);

// The same answer, one code point at a time and nothing else: the reference
// the fast paths are tested against.
bool IsValidUtf8Scalar(absl::string_view s);

// Appends code point `cp` (at most U+10FFFF, not a surrogate) to `*out` in
// UTF-8: the one encoder of the JSON readers' escapes.
void AppendUtf8(uint32_t cp, std::string* out);

// Returns `s` with the characters that steer a terminal written as escapes:
// C0 controls and DEL as \xNN, C1 controls (U+0080 to U+009F) as \u00NN;
// the rest as it is. For text quoted from input into a message (protobuf's
// JSON errors quote the offending value, whose escapes it has decoded).
std::string EscapeControls(absl::string_view s);

// Returns `s` made valid UTF-8: each byte that does not begin a well-formed
// character becomes U+FFFD (the replacement character), the rest is kept.
// For names of files (a GBK-named ledger on a Chinese Windows share) put into
// proto3 string fields, which refuse to parse otherwise.
std::string ToValidUtf8(absl::string_view s);

// Returns the path of the first string field of `message` (recursively, e.g.
// "members[3].name") whose value is not valid UTF-8, or "" when all are valid.
// proto3 refuses to parse such strings, so writers check before writing.
std::string FirstInvalidUtf8Field(const google::protobuf::Message& message);

// Implementation details only below here.

inline bool IsValidUtf8(absl::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t bits;
  if (n >= 8) {
    if (n > 16) return IsValidUtf8Scan(s);
    uint64_t a, b;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
    bits = a | b;
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    bits = a | b;
  } else if (n > 0) {
    bits = static_cast<uint8_t>(p[0]) | static_cast<uint8_t>(p[n / 2]) |
           static_cast<uint8_t>(p[n - 1]);
  } else {
    return true;
  }
  if ((bits & 0x8080808080808080ULL) == 0) return true;
  return IsValidUtf8Scan(s);
}

inline bool IsValidUtf8Upto32(absl::string_view s) {
  const size_t n = s.size();
  if (n <= 16 || n > 32) return IsValidUtf8(s);
  const char* p = s.data();
  uint64_t a, b, c, d;
  std::memcpy(&a, p, 8);
  std::memcpy(&b, p + 8, 8);
  std::memcpy(&c, p + n - 16, 8);
  std::memcpy(&d, p + n - 8, 8);
  if (((a | b | c | d) & 0x8080808080808080ULL) == 0) return true;
  return IsValidUtf8Scan(s);
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_UTF8_H_
