#include "io/json_fast.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "absl/strings/numbers.h"
#include "core/utf8.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kMaxDepth = 32;

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

bool Hex4(const char* p, uint32_t* out) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = p[i];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
  }
  *out = v;
  return true;
}

// A plain decimal integer: optional '-', digits, no leading zeros.
bool Integer(absl::string_view s, bool is_signed, int64_t* out_signed,
             uint64_t* out_unsigned) {
  bool neg = false;
  if (!s.empty() && s[0] == '-') {
    if (!is_signed) return false;
    neg = true;
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 20 || (s.size() > 1 && s[0] == '0')) {
    return false;
  }
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  if (is_signed) {
    const uint64_t limit =
        static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + neg;
    if (v > limit) return false;
    *out_signed = neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  } else {
    *out_unsigned = v;
  }
  return true;
}

}  // namespace

const FastJsonParser::Fields& FastJsonParser::FieldsOf(
    const google::protobuf::Descriptor* d) {
  auto it = fields_.find(d);
  if (it != fields_.end()) return it->second;
  Fields& f = fields_[d];
  for (int i = 0; i < d->field_count(); ++i) {
    f[d->field(i)->name()] = d->field(i);
    f[d->field(i)->json_name()] = d->field(i);
  }
  return f;
}

bool FastJsonParser::Parse(absl::string_view json, Message* message) {
  p_ = json.data();
  end_ = json.data() + json.size();
  Ws();
  if (!Object(message, 0)) return false;
  Ws();
  return p_ == end_;
}

bool FastJsonParser::String(std::string* out) {
  if (p_ == end_ || *p_ != '"') return false;
  ++p_;
  out->clear();
  for (;;) {
    const char* start = p_;
    while (p_ < end_ && *p_ != '"' && *p_ != '\\' &&
           static_cast<unsigned char>(*p_) >= 0x20) {
      ++p_;
    }
    out->append(start, p_ - start);
    if (p_ == end_) return false;
    if (*p_ == '"') {
      ++p_;
      return IsValidUtf8(*out);
    }
    if (*p_ != '\\') return false;  // A control character.
    if (end_ - p_ < 2) return false;
    const char e = p_[1];
    p_ += 2;
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out->push_back(e);
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        uint32_t cp;
        if (end_ - p_ < 4 || !Hex4(p_, &cp)) return false;
        p_ += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t lo;
          if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u' ||
              !Hex4(p_ + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
            return false;
          }
          p_ += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return false;
        }
        AppendUtf8(cp, out);
        break;
      }
      default:
        return false;
    }
  }
}

// A number as JSON's grammar has it:
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool FastJsonParser::Number(absl::string_view* out) {
  const char* start = p_;
  auto digits = [&] {
    const char* d = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ > d;
  };
  if (p_ < end_ && *p_ == '-') ++p_;
  if (p_ < end_ && *p_ == '0') {
    ++p_;
  } else if (!digits()) {
    return false;
  }
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (!digits()) return false;
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    ++p_;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
    if (!digits()) return false;
  }
  *out = absl::string_view(start, p_ - start);
  return true;
}

bool FastJsonParser::Object(Message* m, int depth) {
  if (depth > kMaxDepth || p_ == end_ || *p_ != '{') return false;
  ++p_;
  Ws();
  if (p_ < end_ && *p_ == '}') {
    ++p_;
    return true;
  }
  const Fields& fields = FieldsOf(m->GetDescriptor());
  std::string key;
  // The fields given so far, by index: HasField() cannot tell a proto3 field
  // given as its default ("phone": "") from one not given (a fuzzer found
  // the duplicate key that slipped through).
  uint64_t seen = 0;
  for (;;) {
    Ws();
    if (!String(&key)) return false;
    auto it = fields.find(key);
    if (it == fields.end()) return false;  // Unknown: protobuf decides.
    const FieldDescriptor* f = it->second;
    const Reflection* r = m->GetReflection();
    // A field given twice, or two members of one oneof: protobuf decides.
    if (f->index() >= 64 || (seen >> f->index() & 1) != 0) return false;
    seen |= uint64_t{1} << f->index();
    if (f->is_repeated() ? r->FieldSize(*m, f) > 0 : r->HasField(*m, f)) {
      return false;
    }
    if (const auto* oneof = f->real_containing_oneof();
        oneof != nullptr && r->HasOneof(*m, oneof)) {
      return false;
    }
    Ws();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    Ws();
    if (!Value(m, f, depth)) return false;
    Ws();
    if (p_ == end_) return false;
    if (*p_ == ',') {
      ++p_;
      continue;
    }
    if (*p_ == '}') {
      ++p_;
      return true;
    }
    return false;
  }
}

bool FastJsonParser::Value(Message* m, const FieldDescriptor* f, int depth) {
  const Reflection* r = m->GetReflection();
  const bool rep = f->is_repeated();
  if (rep) {
    if (p_ == end_ || *p_ != '[') return false;
    ++p_;
    Ws();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      return true;
    }
  }
  for (;;) {
    if (p_ == end_ || *p_ == 'n') return false;  // null: protobuf decides.
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        Message* child = rep ? r->AddMessage(m, f) : r->MutableMessage(m, f);
        if (!Object(child, depth + 1)) return false;
        break;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        if (f->type() == FieldDescriptor::TYPE_BYTES) return false;
        if (!String(&scratch_)) return false;
        rep ? r->AddString(m, f, scratch_) : r->SetString(m, f, scratch_);
        break;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool v;
        if (end_ - p_ >= 4 && absl::string_view(p_, 4) == "true") {
          v = true;
          p_ += 4;
        } else if (end_ - p_ >= 5 && absl::string_view(p_, 5) == "false") {
          v = false;
          p_ += 5;
        } else {
          return false;
        }
        rep ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const google::protobuf::EnumValueDescriptor* v = nullptr;
        if (*p_ == '"') {
          if (!String(&scratch_)) return false;
          v = f->enum_type()->FindValueByName(scratch_);
        } else {
          absl::string_view num;
          int64_t n;
          uint64_t u;
          if (!Number(&num) || !Integer(num, true, &n, &u) ||
              n < std::numeric_limits<int32_t>::min() ||
              n > std::numeric_limits<int32_t>::max()) {
            return false;
          }
          v = f->enum_type()->FindValueByNumber(static_cast<int>(n));
        }
        if (v == nullptr) return false;
        rep ? r->AddEnum(m, f, v) : r->SetEnum(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT: {
        absl::string_view num;
        double d;
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT || *p_ == '"' ||
            !Number(&num) || !absl::SimpleAtod(num, &d) || !std::isfinite(d)) {
          return false;  // Floats (none in the schema): protobuf decides.
        }
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
          rep ? r->AddDouble(m, f, d) : r->SetDouble(m, f, d);
        } else {
          const float v = static_cast<float>(d);
          rep ? r->AddFloat(m, f, v) : r->SetFloat(m, f, v);
        }
        break;
      }
      default: {  // Integers, as numbers or as strings of digits.
        absl::string_view num;
        if (*p_ == '"') {
          if (!String(&scratch_)) return false;
          num = scratch_;
        } else if (!Number(&num)) {
          return false;
        }
        const auto t = f->cpp_type();
        const bool is_signed = t == FieldDescriptor::CPPTYPE_INT32 ||
                               t == FieldDescriptor::CPPTYPE_INT64;
        int64_t s = 0;
        uint64_t u = 0;
        if (!Integer(num, is_signed, &s, &u)) return false;
        switch (t) {
          case FieldDescriptor::CPPTYPE_INT32:
            if (s < std::numeric_limits<int32_t>::min() ||
                s > std::numeric_limits<int32_t>::max()) {
              return false;
            }
            rep ? r->AddInt32(m, f, static_cast<int32_t>(s))
                : r->SetInt32(m, f, static_cast<int32_t>(s));
            break;
          case FieldDescriptor::CPPTYPE_INT64:
            rep ? r->AddInt64(m, f, s) : r->SetInt64(m, f, s);
            break;
          case FieldDescriptor::CPPTYPE_UINT32:
            if (u > std::numeric_limits<uint32_t>::max()) return false;
            rep ? r->AddUInt32(m, f, static_cast<uint32_t>(u))
                : r->SetUInt32(m, f, static_cast<uint32_t>(u));
            break;
          default:
            rep ? r->AddUInt64(m, f, u) : r->SetUInt64(m, f, u);
            break;
        }
        break;
      }
    }
    if (!rep) return true;
    Ws();
    if (p_ == end_) return false;
    if (*p_ == ']') {
      ++p_;
      return true;
    }
    if (*p_ != ',') return false;
    ++p_;
    Ws();
  }
}

}  // namespace internal
}  // namespace dangjian
