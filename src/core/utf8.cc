#include "core/utf8.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace dangjian {
namespace internal {

bool IsValidUtf8(absl::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const uint8_t c = *p;
    if (c < 0x80) {
      ++p;
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

using google::protobuf::FieldDescriptor;

bool Find(const google::protobuf::Message& m, const std::string& prefix,
          std::string* out) {
  const auto* d = m.GetDescriptor();
  const auto* r = m.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    const bool is_string = f->type() == FieldDescriptor::TYPE_STRING;
    const bool is_message = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (!is_string && !is_message) continue;
    if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      for (int k = 0; k < n; ++k) {
        const std::string path = absl::StrCat(prefix, f->name(), "[", k, "]");
        if (is_string) {
          std::string scratch;
          if (!IsValidUtf8(r->GetRepeatedStringReference(m, f, k, &scratch))) {
            *out = path;
            return true;
          }
        } else if (Find(r->GetRepeatedMessage(m, f, k), path + ".", out)) {
          return true;
        }
      }
    } else if (r->HasField(m, f)) {
      const std::string path = absl::StrCat(prefix, f->name());
      if (is_string) {
        std::string scratch;
        if (!IsValidUtf8(r->GetStringReference(m, f, &scratch))) {
          *out = path;
          return true;
        }
      } else if (Find(r->GetMessage(m, f), path + ".", out)) {
        return true;
      }
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
