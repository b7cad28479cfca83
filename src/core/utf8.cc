#include "core/utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace dangjian {
namespace internal {

bool IsValidUtf8(absl::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // Most ledger text is ASCII ids and numbers: skip 8 ASCII bytes at a time.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      p += 8;
    }
    if (p == end) break;
    const uint8_t c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    // Chinese text: three-byte sequences E1-EC or EE-EF, any continuation.
    if (end - p >= 3 && (c & 0xF0) == 0xE0 && c != 0xE0 && c != 0xED &&
        (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      p += 3;
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
