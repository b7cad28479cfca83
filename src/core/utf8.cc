#include "core/utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
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
  }
#endif
  return ValidFrom(p, end);
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
