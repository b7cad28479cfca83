#include "core/json_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <unordered_map>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "core/utf8.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/wrappers.pb.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// The code points beyond ASCII that protobuf's JsonEscaping writes as \u
// escapes (C1 controls and invisible formatting characters), found by asking
// protobuf 3.21 of every code point; the test asks again.
bool EscapedBeyondAscii(uint32_t cp) {
  if (cp < 0x600) return cp <= 0x9F || cp == 0xAD;
  if (cp < 0x2000) {
    return (cp >= 0x600 && cp <= 0x603) || cp == 0x6DD || cp == 0x70F ||
           cp == 0x17B4 || cp == 0x17B5;
  }
  if (cp < 0x2100) {
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206A && cp <= 0x206F);
  }
  if (cp < 0x10000) return cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
  return (cp >= 0x1D173 && cp <= 0x1D17A) || cp == 0xE0001 ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

void AppendU(uint32_t unit, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char e[6] = {'\\',
                     'u',
                     kHex[unit >> 12 & 15],
                     kHex[unit >> 8 & 15],
                     kHex[unit >> 4 & 15],
                     kHex[unit & 15]};
  out->append(e, 6);
}

// A JSON string as JsonEscaping writes it; false when `s` is not UTF-8.
// Appends `s` as protobuf's printer writes a string, by that printer: for a
// string that is not UTF-8, whose bad bytes it drops by rules of its own.
// A string's JSON does not depend on where it stands, so that of a
// one-string message is that of the string anywhere.
bool AppendByProtobuf(absl::string_view s, std::string* out) {
  google::protobuf::StringValue value;
  value.set_value(std::string(s));
  std::string json;  // The wrapper's JSON is the bare string.
  if (!google::protobuf::util::MessageToJsonString(value, &json).ok()) {
    return false;
  }
  out->append(json);
  return true;
}

bool AppendString(absl::string_view s, std::string* out) {
  if (!IsValidUtf8(s)) return false;
  out->push_back('"');
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  size_t run = 0;  // Start of the bytes not yet appended.
  size_t i = 0;
  auto flush = [&](size_t to) { out->append(s.data() + run, to - run); };
  while (i < n) {
    const uint8_t c = p[i];
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '<' &&
        c != '>') {
      ++i;
      continue;
    }
    if (c < 0x80) {
      flush(i);
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        default:  // Other controls, <, >, DEL.
          AppendU(c, out);
          break;
      }
      run = ++i;
      continue;
    }
    // A well-formed sequence (checked above) of 2 to 4 bytes.
    uint32_t cp;
    size_t len;
    if (c < 0xE0) {
      cp = (c & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu);
      len = 2;
    } else if (c < 0xF0) {
      cp = (c & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu);
      len = 3;
    } else {
      cp = (c & 0x07u) << 18 | (p[i + 1] & 0x3Fu) << 12 |
           (p[i + 2] & 0x3Fu) << 6 | (p[i + 3] & 0x3Fu);
      len = 4;
    }
    if (EscapedBeyondAscii(cp)) {
      flush(i);
      if (cp < 0x10000) {
        AppendU(cp, out);
      } else {
        const uint32_t v = cp - 0x10000;
        AppendU(0xD800 | v >> 10, out);
        AppendU(0xDC00 | (v & 0x3FF), out);
      }
      run = i + len;
    }
    i += len;
  }
  flush(n);
  out->push_back('"');
  return true;
}

// As protobuf's SimpleDtoa(): 15 significant digits when they read back as
// the same double, else 17; NaN and the infinities as JSON strings.
void AppendDouble(double v, std::string* out) {
  if (std::isnan(v)) {
    out->append("\"NaN\"");
    return;
  }
  if (std::isinf(v)) {
    out->append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  char buf[40];
  // `digits` significant digits, any locale's radix as '.' (as protobuf's
  // DelocalizeRadix() does).
  auto format = [&](int digits) {
    std::snprintf(buf, sizeof(buf), "%.*g", digits, v);
    for (char* c = buf; *c != '\0'; ++c) {
      if (*c == ',') *c = '.';
    }
  };
  format(15);
  double back;
  if (!absl::SimpleAtod(buf, &back) || back != v) format(17);
  out->append(buf);
}

class Writer {
 public:
  Writer(bool pretty, bool defaults, std::string* out)
      : pretty_(pretty), defaults_(defaults), out_(out) {}

  // Hands what is written to `emit` whenever `piece` bytes are at hand, at
  // the end of a field or of an element of a list, and then clears `*out`;
  // a string that is not UTF-8 is written by protobuf's printer.
  void Stream(size_t piece,
              const absl::FunctionRef<bool(absl::string_view)>* emit) {
    piece_ = piece;
    emit_ = emit;
  }

  bool Object(const Message& m, int depth) {
    const Descriptor* d = m.GetDescriptor();
    if (absl::StartsWith(d->full_name(), "google.protobuf.")) return false;
    const Reflection* r = m.GetReflection();
    // The fields to print, in number order (the order of the wire format,
    // which protobuf's printer walks): those set, as ListFields() gives them;
    // with defaults, every field but unset ones with presence, and those of
    // a oneof (a proto3 `optional` field's too) after the others, as
    // protobuf's printer adds them only once it meets their value.
    std::vector<const FieldDescriptor*>& fields = Scratch(depth);
    fields.clear();
    if (defaults_) {
      for (const FieldDescriptor* f : FieldsByNumber(d)) {
        if (f->containing_oneof() == nullptr &&
            (f->is_repeated() || !f->has_presence() || r->HasField(m, f))) {
          fields.push_back(f);
        }
      }
      for (const FieldDescriptor* f : FieldsByNumber(d)) {
        if (f->containing_oneof() != nullptr && r->HasField(m, f)) {
          fields.push_back(f);
        }
      }
    } else {
      r->ListFields(m, &fields);
    }
    out_->push_back('{');
    bool any = false;
    for (const FieldDescriptor* f : fields) {
      if (f->is_map() || f->type() == FieldDescriptor::TYPE_GROUP) {
        return false;
      }
      if (any) out_->push_back(',');
      any = true;
      Newline(depth + 1);
      out_->push_back('"');
      out_->append(f->json_name());
      out_->append(pretty_ ? "\": " : "\":");
      if (f->is_repeated()) {
        const int size = r->FieldSize(m, f);
        if (size == 0) {
          out_->append("[]");
          continue;
        }
        out_->push_back('[');
        for (int i = 0; i < size; ++i) {
          if (i > 0) out_->push_back(',');
          Newline(depth + 2);
          if (!Value(m, r, f, i, depth + 2) || !MaybeEmit()) return false;
        }
        Newline(depth + 1);
        out_->push_back(']');
      } else if (!Value(m, r, f, -1, depth + 1) || !MaybeEmit()) {
        return false;
      }
    }
    if (any) Newline(depth);
    out_->push_back('}');
    return true;
  }

 private:
  // When streaming and a piece is at hand: emits it. False when `emit` did.
  bool MaybeEmit() {
    if (emit_ == nullptr || out_->size() < piece_) return true;
    if (!(*emit_)(*out_)) return false;
    out_->clear();
    return true;
  }

  void Newline(int depth) {
    if (!pretty_) return;
    out_->push_back('\n');
    out_->append(static_cast<size_t>(depth), ' ');
  }

  // A field's value: element `i` of a repeated field, or (i < 0) the
  // singular field's.
  bool Value(const Message& m, const Reflection* r, const FieldDescriptor* f,
             int i, int depth) {
    const bool rep = i >= 0;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        absl::StrAppend(out_,
                        rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f));
        return true;
      case FieldDescriptor::CPPTYPE_UINT32:
        absl::StrAppend(
            out_, rep ? r->GetRepeatedUInt32(m, f, i) : r->GetUInt32(m, f));
        return true;
      case FieldDescriptor::CPPTYPE_INT64:
        absl::StrAppend(out_, "\"",
                        rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f),
                        "\"");
        return true;
      case FieldDescriptor::CPPTYPE_UINT64:
        absl::StrAppend(
            out_, "\"",
            rep ? r->GetRepeatedUInt64(m, f, i) : r->GetUInt64(m, f), "\"");
        return true;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        AppendDouble(rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f),
                     out_);
        return true;
      case FieldDescriptor::CPPTYPE_BOOL:
        out_->append((rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f))
                         ? "true"
                         : "false");
        return true;
      case FieldDescriptor::CPPTYPE_ENUM: {
        const int v =
            rep ? r->GetRepeatedEnumValue(m, f, i) : r->GetEnumValue(m, f);
        const auto* value = f->enum_type()->FindValueByNumber(v);
        if (value == nullptr) {
          absl::StrAppend(out_, v);
        } else {
          out_->push_back('"');
          out_->append(value->name());
          out_->push_back('"');
        }
        return true;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        if (f->type() == FieldDescriptor::TYPE_BYTES) return false;
        std::string scratch;
        const std::string& s =
            rep ? r->GetRepeatedStringReference(m, f, i, &scratch)
                : r->GetStringReference(m, f, &scratch);
        if (AppendString(s, out_)) return true;
        return emit_ != nullptr && AppendByProtobuf(s, out_);
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Object(
            rep ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f), depth);
      default:  // Float.
        return false;
    }
  }

  // The fields of `d` in number order, worked out once per type and thread.
  static const std::vector<const FieldDescriptor*>& FieldsByNumber(
      const Descriptor* d) {
    thread_local std::unordered_map<const Descriptor*,
                                    std::vector<const FieldDescriptor*>>
        cache;
    auto [it, inserted] = cache.try_emplace(d);
    if (inserted) {
      for (int i = 0; i < d->field_count(); ++i) {
        it->second.push_back(d->field(i));
      }
      std::sort(it->second.begin(), it->second.end(),
                [](const FieldDescriptor* a, const FieldDescriptor* b) {
                  return a->number() < b->number();
                });
    }
    return it->second;
  }

  // A field list per nesting depth, kept from message to message (a deque:
  // growing it keeps the lists of the enclosing messages where they are).
  std::vector<const FieldDescriptor*>& Scratch(int depth) {
    if (scratch_.size() <= static_cast<size_t>(depth)) {
      scratch_.resize(static_cast<size_t>(depth) + 1);
    }
    return scratch_[static_cast<size_t>(depth)];
  }

  const bool pretty_;
  const bool defaults_;
  std::string* const out_;
  size_t piece_ = 0;
  const absl::FunctionRef<bool(absl::string_view)>* emit_ = nullptr;
  std::deque<std::vector<const FieldDescriptor*>> scratch_;
};

}  // namespace

bool WriteJsonLikeProtobuf(const google::protobuf::Message& message,
                           bool pretty, bool defaults, std::string* out) {
  Writer w(pretty, defaults, out);
  if (!w.Object(message, 0)) return false;
  if (pretty) out->push_back('\n');
  return true;
}

bool StreamJsonLikeProtobuf(const google::protobuf::Message& message,
                            bool pretty, bool defaults, size_t piece,
                            absl::FunctionRef<bool(absl::string_view)> emit) {
  std::string out;
  out.reserve(piece + piece / 4);
  Writer w(pretty, defaults, &out);
  w.Stream(piece, &emit);
  if (!w.Object(message, 0)) return false;
  if (pretty) out.push_back('\n');
  return out.empty() || emit(out);
}

}  // namespace internal
}  // namespace dangjian
