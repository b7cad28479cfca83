#include "core/utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace dangjian {
namespace internal {

namespace {

// Checks code points from `p` (at the start of one) to `end`.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ValidFrom(const uint8_t* p,
                                                   const uint8_t* end) {
  while (p < end) {
    // Chinese text: a run of three-byte sequences with lead E1-EC or EE-EF
    // (whose second byte may be any continuation byte), one test each.
    while (end - p >= 3) {
      const uint32_t w = p[0] | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16;
      const bool cjk = ((w & 0xC0C0F0) == 0x8080E0) &
                       ((0xDFFEu >> (w & 0x0F)) & 1);  // Not E0, not ED.
      if (!cjk) break;
      p += 3;
    }
    if (p == end) return true;
    const uint8_t c = *p;
    if (c < 0x80) {
      // Most ledger text is ASCII ids and numbers: after an ASCII byte, skip
      // 8 more at a time.
      ++p;
      while (end - p >= 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);
        if ((word & 0x8080808080808080ULL) != 0) break;
        p += 8;
      }
      continue;
    }
    int len;
    uint32_t lo = 0x80, hi = 0xBF;  // Bounds of the second byte.
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // No overlongs.
      if (c == 0xED) hi = 0x9F;  // No surrogates.
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // Nothing above U+10FFFF.
    } else {
      return false;
    }
    if (end - p < len) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i < len; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
    }
    p += len;
  }
  return true;
}

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define DANGJIAN_UTF8_SSSE3 1

// Keiser and Lemire's check ("Validating UTF-8 in less than one instruction
// per byte", 2021): each byte's error bits come from three 16-entry tables,
// looked up by the high and low nibble of the byte before and the high
// nibble of the byte itself; a third or fourth byte of a sequence must be
// a second continuation byte. The error bits:
constexpr uint8_t kTooShort = 1 << 0;   // 11______ 0_______ / 11______ 11______
constexpr uint8_t kTooLong = 1 << 1;    // 0_______ 10______
constexpr uint8_t kOverlong3 = 1 << 2;  // 11100000 100_____
constexpr uint8_t kTooLarge = 1 << 3;   // 11110100 1001____ and above
constexpr uint8_t kSurrogate = 1 << 4;  // 11101101 101_____
constexpr uint8_t kOverlong2 = 1 << 5;  // 1100000_ 10______
constexpr uint8_t kTooLarge1000 = 1 << 6;  // 11110101 1000____ and above
constexpr uint8_t kOverlong4 = 1 << 6;     // 11110000 1000____
constexpr uint8_t kTwoConts = 1 << 7;      // 10______ 10______
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

__attribute__((target("ssse3"))) inline __m128i Nibbles(__m128i table,
                                                        __m128i index) {
  return _mm_shuffle_epi8(table, _mm_and_si128(index, _mm_set1_epi8(0x0F)));
}

// The error bits of block `in` after block `prev`.
__attribute__((target("ssse3"))) inline __m128i BlockErrors(__m128i in,
                                                            __m128i prev) {
  const auto c = [](uint8_t v) { return static_cast<char>(v); };
  const __m128i byte_1_high = _mm_setr_epi8(
      c(kTooLong), c(kTooLong), c(kTooLong), c(kTooLong), c(kTooLong),
      c(kTooLong), c(kTooLong), c(kTooLong), c(kTwoConts), c(kTwoConts),
      c(kTwoConts), c(kTwoConts), c(kTooShort | kOverlong2), c(kTooShort),
      c(kTooShort | kOverlong3 | kSurrogate),
      c(kTooShort | kTooLarge | kTooLarge1000 | kOverlong4));
  const __m128i byte_1_low = _mm_setr_epi8(
      c(kCarry | kOverlong3 | kOverlong2 | kOverlong4), c(kCarry | kOverlong2),
      c(kCarry), c(kCarry), c(kCarry | kTooLarge),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000 | kSurrogate),
      c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000));
  const __m128i byte_2_high = _mm_setr_epi8(
      c(kTooShort), c(kTooShort), c(kTooShort), c(kTooShort), c(kTooShort),
      c(kTooShort), c(kTooShort), c(kTooShort),
      c(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 |
        kOverlong4),
      c(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge),
      c(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),
      c(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),
      c(kTooShort), c(kTooShort), c(kTooShort), c(kTooShort));
  const __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
  const __m128i special = _mm_and_si128(
      _mm_and_si128(Nibbles(byte_1_high, _mm_srli_epi16(prev1, 4)),
                    Nibbles(byte_1_low, prev1)),
      Nibbles(byte_2_high, _mm_srli_epi16(in, 4)));
  // Third bytes (two after 111_____) and fourth (three after 1111____).
  const __m128i third = _mm_subs_epu8(_mm_alignr_epi8(in, prev, 14),
                                      _mm_set1_epi8(c(0xE0 - 0x80)));
  const __m128i fourth = _mm_subs_epu8(_mm_alignr_epi8(in, prev, 13),
                                       _mm_set1_epi8(c(0xF0 - 0x80)));
  const __m128i must_be_second_cont =
      _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(c(0x80)));
  return _mm_xor_si128(must_be_second_cont, special);
}

// Checks [p, end), p at the start of a code point, 16 bytes at a time; the
// last block padded with zeros, which a cut-short sequence cannot be
// followed by.
__attribute__((target("ssse3"))) bool ValidSsse3(const uint8_t* p,
                                                 const uint8_t* end) {
  __m128i prev = _mm_setzero_si128();
  __m128i errors = _mm_setzero_si128();
  for (; end - p >= 16; p += 16) {
    const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    errors = _mm_or_si128(errors, BlockErrors(in, prev));
    prev = in;
  }
  alignas(16) uint8_t last[16] = {};
  std::memcpy(last, p, static_cast<size_t>(end - p));
  errors = _mm_or_si128(
      errors,
      BlockErrors(_mm_load_si128(reinterpret_cast<const __m128i*>(last)),
                  prev));
  return _mm_movemask_epi8(_mm_cmpeq_epi8(errors, _mm_setzero_si128())) ==
         0xFFFF;
}

bool HaveSsse3() {
  static const bool have = __builtin_cpu_supports("ssse3");
  return have;
}
#endif

}  // namespace

bool IsValidUtf8Scan(absl::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto* end = p + s.size();
#if defined(__SSE2__)
  if (s.size() >= 16) {
    // ASCII 16 bytes at a time; everything before `p` is ASCII.
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      if (_mm_movemask_epi8(v) != 0) break;
      p += 16;
    }
    if (end - p < 16) {
      // The last 16 bytes, overlapping what is known to be ASCII.
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
      if (_mm_movemask_epi8(v) == 0) return true;
    }
#if defined(DANGJIAN_UTF8_SSSE3)
    // Text that is not ASCII, 16 bytes or more of it: SIMD pays off.
    if (end - p >= 16 && HaveSsse3()) return ValidSsse3(p, end);
#endif
  }
#endif
  return ValidFrom(p, end);
}

std::string EscapeControls(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool c1 = c == 0xC2 && i + 1 < s.size() &&
                    static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(s[i + 1]) <= 0x9F;
    if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (c1) {
      const auto d = static_cast<unsigned char>(s[++i]);
      out += "\\u00";
      out += kHex[d >> 4];
      out += kHex[d & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string ToValidUtf8(absl::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    const unsigned char lead = static_cast<unsigned char>(s[i]);
    const size_t len = lead < 0x80    ? 1
                       : lead >= 0xF0 ? 4
                       : lead >= 0xE0 ? 3
                                      : 2;
    if (i + len <= s.size() && IsValidUtf8Scalar(s.substr(i, len))) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsValidUtf8Scalar(absl::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const uint8_t c = *p;
    int len;
    uint32_t lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end - p < len) return false;
    if (len > 1 && (p[1] < lo || p[1] > hi)) return false;
    for (int i = 2; i < len; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
    }
    p += len;
  }
  return true;
}

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The fields of one message type that can hold text: its string fields and its
// message fields. Computed once per type and thread: asking the descriptor for
// each field's type on every record was most of the cost of writing a record.
struct Plan {
  std::vector<const FieldDescriptor*> strings;
  std::vector<const FieldDescriptor*> messages;
};

const Plan& PlanFor(const Descriptor* d) {
  thread_local absl::flat_hash_map<const Descriptor*, Plan> plans;
  auto [it, inserted] = plans.try_emplace(d);
  if (inserted) {
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      if (f->type() == FieldDescriptor::TYPE_STRING) {
        it->second.strings.push_back(f);
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        it->second.messages.push_back(f);
      }
    }
  }
  return it->second;
}

// Appends the path of `f` (element `k` when repeated) to `prefix`.
std::string PathOf(const std::string& prefix, const FieldDescriptor* f, int k) {
  return k < 0 ? absl::StrCat(prefix, f->name())
               : absl::StrCat(prefix, f->name(), "[", k, "]");
}

bool Find(const google::protobuf::Message& m, const std::string& prefix,
          std::string* out) {
  const Plan& plan = PlanFor(m.GetDescriptor());
  const auto* r = m.GetReflection();
  std::string scratch;
  for (const FieldDescriptor* f : plan.strings) {
    if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      for (int k = 0; k < n; ++k) {
        if (!IsValidUtf8(r->GetRepeatedStringReference(m, f, k, &scratch))) {
          *out = PathOf(prefix, f, k);
          return true;
        }
      }
    } else if (!IsValidUtf8(r->GetStringReference(m, f, &scratch))) {
      *out = PathOf(prefix, f, -1);
      return true;
    }
  }
  for (const FieldDescriptor* f : plan.messages) {
    if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      for (int k = 0; k < n; ++k) {
        if (Find(r->GetRepeatedMessage(m, f, k), PathOf(prefix, f, k) + ".",
                 out)) {
          return true;
        }
      }
    } else if (r->HasField(m, f) &&
               Find(r->GetMessage(m, f), PathOf(prefix, f, -1) + ".", out)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string FirstInvalidUtf8Field(const google::protobuf::Message& message) {
  std::string path;
  Find(message, "", &path);
  return path;
}

}  // namespace internal
}  // namespace dangjian
