#include "io/json_fast.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "core/utf8.h"
#include "core/wire_format.h"
#include "io/json_check.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kMaxDepth = 32;

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

// Bytes that a string runs on over: not '"', '\\' or a control character.
struct PlainBytes {
  bool plain[256];
  constexpr PlainBytes() : plain() {
    for (int c = 0; c < 256; ++c) plain[c] = c >= 0x20 && c != '"' && c != '\\';
  }
};
constexpr PlainBytes kPlain;

// a == b, inline: names are short, and a call to memcmp costs more than
// comparing them.
inline bool SameName(absl::string_view a, absl::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    uint64_t u, v;
    for (size_t i = 0; i + 8 <= n; i += 8) {
      std::memcpy(&u, x + i, 8);
      std::memcpy(&v, y + i, 8);
      if (u != v) return false;
    }
    std::memcpy(&u, x + n - 8, 8);
    std::memcpy(&v, y + n - 8, 8);
    return u == v;
  }
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// Names to pointers, by open addressing with a hash cheaper than absl::Hash:
// a table holds the few dozen names of one message or enum type and is
// looked up for every key of every line.
template <typename T>
class NameTable {
 public:
  // Maps `name` to `value` (not null), replacing what it mapped to.
  // REQUIRES: `name` outlives the table.
  void Insert(absl::string_view name, T* value) {
    if ((count_ + 1) * 4 > slots_.size()) Grow();
    Slot& s = Probe(name);
    if (s.value == nullptr) ++count_;
    s.name = name;
    s.value = value;
  }

  // Returns what `name` maps to, or null.
  T* Find(absl::string_view name) const {
    if (slots_.empty()) return nullptr;
    return const_cast<NameTable*>(this)->Probe(name).value;
  }

 private:
  struct Slot {
    absl::string_view name;
    T* value = nullptr;
  };

  static uint64_t Hash(absl::string_view s) {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    const char* p = s.data();
    size_t n = s.size();
    uint64_t h = (n + 1) * kMul;
    uint64_t w;
    while (n > 8) {
      std::memcpy(&w, p, 8);
      h = (h ^ w) * kMul;
      h ^= h >> 32;
      p += 8;
      n -= 8;
    }
    if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      w = a | uint64_t{b} << 32;
    } else if (n > 0) {
      w = static_cast<unsigned char>(p[0]) |
          static_cast<unsigned char>(p[n / 2]) << 8 |
          static_cast<unsigned char>(p[n - 1]) << 16;
    } else {
      w = 0;
    }
    h = (h ^ w) * kMul;
    return h ^ h >> 29;
  }

  Slot& Probe(absl::string_view name) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = Hash(name) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.value == nullptr || SameName(s.name, name)) return s;
    }
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot());
    for (const Slot& s : old) {
      if (s.value != nullptr) Probe(s.name) = s;
    }
  }

  std::vector<Slot> slots_;  // A power of two long, at most a quarter full.
  size_t count_ = 0;
};

// How a field's values go on the wire, from its declared type. kGiveUp: the
// fast path leaves the field to protobuf's parser (floats, bytes, groups).
enum class Kind : uint8_t {
  kGiveUp,
  kMessage,
  kString,
  kBool,
  kEnum,
  kDouble,
  kInt32,  // And int64, uint32, uint64: varints.
  kSInt32,
  kSInt64,
  kFixed32,  // And sfixed32.
  kFixed64,  // And sfixed64.
};

Kind KindOf(FieldDescriptor::Type t) {
  switch (t) {
    case FieldDescriptor::TYPE_MESSAGE:
      return Kind::kMessage;
    case FieldDescriptor::TYPE_STRING:
      return Kind::kString;
    case FieldDescriptor::TYPE_BOOL:
      return Kind::kBool;
    case FieldDescriptor::TYPE_ENUM:
      return Kind::kEnum;
    case FieldDescriptor::TYPE_DOUBLE:
      return Kind::kDouble;
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_UINT64:
      return Kind::kInt32;
    case FieldDescriptor::TYPE_SINT32:
      return Kind::kSInt32;
    case FieldDescriptor::TYPE_SINT64:
      return Kind::kSInt64;
    case FieldDescriptor::TYPE_FIXED32:
    case FieldDescriptor::TYPE_SFIXED32:
      return Kind::kFixed32;
    case FieldDescriptor::TYPE_FIXED64:
    case FieldDescriptor::TYPE_SFIXED64:
      return Kind::kFixed64;
    default:  // TYPE_FLOAT, TYPE_BYTES, TYPE_GROUP.
      return Kind::kGiveUp;
  }
}

}  // namespace

struct FastJsonParser::Field {
  const FieldDescriptor* descriptor = nullptr;
  Kind kind = Kind::kGiveUp;
  FieldDescriptor::CppType cpp_type = FieldDescriptor::CPPTYPE_INT32;
  bool repeated = false;
  // This field's bit and its oneof's among those given in one object; 0 when
  // the index is 64 or more (the fast path then gives up).
  uint64_t bit = 0;
  uint64_t oneof_bit = 0;
  bool in_oneof = false;
  // The field's tag (number and wire type) as a varint.
  char tag[5] = {};
  uint8_t tag_size = 0;
  const Enum* enum_values = nullptr;
  Type* message = nullptr;  // Of a message field; found when first met.
  // The names the table maps to this field (one or two; "" when none).
  absl::string_view names[2];
  // The field the last object gave after this one: writers give fields in
  // one order, so a key is tried against this guess before the table.
  Field* next = nullptr;
  // Of a message field in a oneof of a top-level type: a message of a record
  // of another kind, kept for the next record of this kind (see Parse()).
  std::unique_ptr<Message> spare;
};

struct FastJsonParser::Type {
  // The well-known types have JSON forms of their own: protobuf decides.
  bool well_known = false;
  // Every field is a member of one oneof (as in a Record), and there are no
  // extensions: a message holding one of them holds nothing else.
  bool one_oneof = false;
  // The reflection of the messages the fields' spares came from.
  const Reflection* spares_reflection = nullptr;
  std::vector<Field> fields;  // Never resized: `by_name` points into it.
  NameTable<Field> by_name;
  Field* first = nullptr;  // The guess for an object's first key.
};

struct FastJsonParser::Enum {
  NameTable<const EnumValueDescriptor> by_name;
};

FastJsonParser::FastJsonParser() = default;
FastJsonParser::~FastJsonParser() = default;

FastJsonParser::Type* FastJsonParser::TypeOf(const Descriptor* d) {
  std::unique_ptr<Type>& slot = types_[d];
  if (slot != nullptr) return slot.get();
  slot = std::make_unique<Type>();
  Type& t = *slot;
  t.well_known = absl::StartsWith(d->file()->name(), "google/protobuf/");
  t.one_oneof = d->field_count() > 0 && d->extension_range_count() == 0;
  for (int i = 0; i < d->field_count(); ++i) {
    const auto* oneof = d->field(i)->real_containing_oneof();
    if (oneof == nullptr || oneof != d->field(0)->real_containing_oneof()) {
      t.one_oneof = false;
    }
  }
  t.fields.resize(d->field_count());
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* fd = d->field(i);
    Field& f = t.fields[i];
    f.descriptor = fd;
    f.kind = KindOf(fd->type());
    f.cpp_type = fd->cpp_type();
    f.repeated = fd->is_repeated();
    if (fd->index() < 64) f.bit = uint64_t{1} << fd->index();
    if (const auto* oneof = fd->real_containing_oneof(); oneof != nullptr) {
      f.in_oneof = true;
      if (oneof->index() < 64) f.oneof_bit = uint64_t{1} << oneof->index();
    }
    const uint64_t tag =
        static_cast<uint64_t>(fd->number()) << 3 | WireTypeOf(fd);
    f.tag_size = static_cast<uint8_t>(EncodeVarint(tag, f.tag) - f.tag);
    if (f.kind == Kind::kEnum) f.enum_values = EnumOf(fd->enum_type());
    // The descriptors own the names and outlive the parser.
    t.by_name.Insert(fd->name(), &f);
    t.by_name.Insert(fd->json_name(), &f);
  }
  for (Field& f : t.fields) {
    int n = 0;
    for (const std::string* name :
         {&f.descriptor->json_name(), &f.descriptor->name()}) {
      if (t.by_name.Find(*name) == &f &&
          (n == 0 || !SameName(f.names[0], *name))) {
        f.names[n++] = *name;
      }
    }
  }
  return &t;
}

const FastJsonParser::Enum* FastJsonParser::EnumOf(
    const google::protobuf::EnumDescriptor* e) {
  std::unique_ptr<Enum>& slot = enums_[e];
  if (slot == nullptr) {
    slot = std::make_unique<Enum>();
    // As EnumDescriptor::FindValueByName: the value names, nothing else.
    for (int i = 0; i < e->value_count(); ++i) {
      slot->by_name.Insert(e->value(i)->name(), e->value(i));
    }
  }
  return slot.get();
}

// The text goes to the wire format first and protobuf's generated parser
// takes it from there: faster than setting field by field through
// reflection, and no wire bytes come out that the parser would read
// differently from what reflection would set.
bool FastJsonParser::Parse(absl::string_view json, Message* message) {
  const Descriptor* d = message->GetDescriptor();
  if (d != root_descriptor_) {
    root_type_ = TypeOf(d);
    root_descriptor_ = d;
  }
  Type* type = root_type_;
  p_ = json.data();
  end_ = json.data() + json.size();
  w_ = 0;
  top_ = nullptr;
  top_count_ = 0;
  Ws();
  if (!Object(type, 0)) return false;
  Ws();
  if (p_ != end_ || w_ > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return false;
  }
  // A stream of records is mostly of a few kinds: the message of the
  // record's kind (the member of its oneof) is reused, cleared, from the
  // last record of that kind, so that its strings keep their buffers and it
  // needs no new allocations. Cleared, it takes the wire bytes as a new
  // message would; and when that member is all the object gives and all
  // the message can hold beside it, nothing else is to be cleared.
  if (top_ != nullptr && top_count_ == 1 && type->one_oneof &&
      message->GetArena() == nullptr) {
    const Reflection* r = message->GetReflection();
    if (r != type->spares_reflection) {  // Another message factory.
      for (Field& f : type->fields) f.spare.reset();
      type->spares_reflection = r;
    }
    const FieldDescriptor* held = r->GetOneofFieldDescriptor(
        *message, top_->descriptor->real_containing_oneof());
    Message* sub;
    if (held == top_->descriptor) {
      sub = r->MutableMessage(message, held);
    } else {
      if (held != nullptr &&
          held->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        type->fields[held->index()].spare.reset(
            r->ReleaseMessage(message, held));
      }
      if (top_->spare != nullptr) {
        sub = top_->spare.release();
        r->SetAllocatedMessage(message, sub, top_->descriptor);
      } else {
        sub = r->MutableMessage(message, top_->descriptor);
      }
    }
    if (!r->GetUnknownFields(*message).empty()) {
      r->MutableUnknownFields(message)->Clear();
    }
    return sub->ParsePartialFromArray(wire_.data() + top_body_,
                                      static_cast<int>(w_ - top_body_));
  }
  return message->ParsePartialFromArray(wire_.data(), static_cast<int>(w_));
}

void FastJsonParser::Grow(size_t n) {
  wire_.resize(std::max(wire_.size() * 2, w_ + n + 1024));
}

void FastJsonParser::PutTag(const Field& f) {
  Room(sizeof f.tag);
  std::memcpy(&wire_[w_], f.tag, sizeof f.tag);
  w_ += f.tag_size;
}

void FastJsonParser::PutVarint(uint64_t v) {
  Room(10);
  w_ = EncodeVarint(v, &wire_[w_]) - wire_.data();
}

void FastJsonParser::PutFixed(uint64_t v, int bytes) {
  Room(8);
  for (int i = 0; i < bytes; ++i)
    wire_[w_ + i] = static_cast<char>(v >> (8 * i));
  w_ += bytes;
}

// Sets `*out` to the string's text: a view of the input when it has no
// escapes, else of `scratch_` (valid until the next call). The text may not
// be valid UTF-8: callers of string values check. (A key or an enum name
// that is not matches no field or value.)
bool FastJsonParser::String(absl::string_view* out) {
  if (p_ == end_ || *p_ != '"') return false;
  ++p_;
  const char* start = p_;
  while (p_ < end_ && kPlain.plain[static_cast<unsigned char>(*p_)]) ++p_;
  if (p_ == end_) return false;
  if (*p_ == '"') {
    *out = absl::string_view(start, p_ - start);
    ++p_;
    return true;
  }
  scratch_.assign(start, p_ - start);
  for (;;) {
    if (*p_ == '"') {
      ++p_;
      *out = scratch_;
      return true;
    }
    if (*p_ != '\\') return false;  // A control character.
    ++p_;
    if (!AppendJsonEscape(&p_, end_, &scratch_)) return false;
    const char* run = p_;
    while (p_ < end_ && kPlain.plain[static_cast<unsigned char>(*p_)]) ++p_;
    scratch_.append(run, p_ - run);
    if (p_ == end_) return false;
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

bool FastJsonParser::Object(Type* type, int depth) {
  if (depth > kMaxDepth || p_ == end_ || *p_ != '{' || type->well_known) {
    return false;
  }
  ++p_;
  Ws();
  if (p_ < end_ && *p_ == '}') {
    ++p_;
    return true;
  }
  // The fields and oneofs given so far: a field given twice, or two members
  // of one oneof, is for protobuf to decide. (Counting presence instead
  // missed a proto3 field given first as its default, "phone": "", as a
  // fuzzer found.)
  uint64_t seen = 0;
  uint64_t oneofs = 0;
  Field** guess = &type->first;
  for (;;) {
    Ws();
    absl::string_view key;
    if (!String(&key)) return false;
    Field* found = *guess;
    if (found == nullptr ||
        (!SameName(found->names[0], key) &&
         (found->names[1].empty() || !SameName(found->names[1], key)))) {
      found = type->by_name.Find(key);
      if (found == nullptr) return false;  // Unknown: protobuf decides.
      *guess = found;
    }
    guess = &found->next;
    Field& f = *found;
    if (f.bit == 0 || (seen & f.bit) != 0) return false;
    seen |= f.bit;
    if (depth == 0) {
      ++top_count_;
      if (f.in_oneof && f.kind == Kind::kMessage) top_ = &f;
    }
    if (f.in_oneof) {
      if (f.oneof_bit == 0 || (oneofs & f.oneof_bit) != 0) return false;
      oneofs |= f.oneof_bit;
    }
    Ws();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    Ws();
    if (!Value(f, depth)) return false;
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

// Writes the field's value (each element of a repeated field, unpacked)
// to `wire_`.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool FastJsonParser::EnumValue(
    const Field& f) {
  const EnumValueDescriptor* v = nullptr;
  if (*p_ == '"') {
    absl::string_view name;
    if (!String(&name)) return false;
    v = f.enum_values->by_name.Find(name);
  } else {
    absl::string_view num;
    int64_t n;
    uint64_t u;
    if (!Number(&num) || !Integer(num, true, &n, &u) ||
        n < std::numeric_limits<int32_t>::min() ||
        n > std::numeric_limits<int32_t>::max()) {
      return false;
    }
    v = f.descriptor->enum_type()->FindValueByNumber(static_cast<int>(n));
  }
  if (v == nullptr) return false;
  PutTag(f);
  // An int32 on the wire: negative numbers sign-extended to 64 bits.
  PutVarint(static_cast<uint64_t>(static_cast<int64_t>(v->number())));
  return true;
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool FastJsonParser::IntegerValue(
    const Field& f) {
  absl::string_view num;
  if (*p_ == '"') {
    if (!String(&num)) return false;
  } else if (!Number(&num)) {
    return false;
  }
  const auto t = f.cpp_type;
  const bool is_signed = t == FieldDescriptor::CPPTYPE_INT32 ||
                         t == FieldDescriptor::CPPTYPE_INT64;
  int64_t s = 0;
  uint64_t u = 0;
  if (!Integer(num, is_signed, &s, &u)) return false;
  if (t == FieldDescriptor::CPPTYPE_INT32 &&
      (s < std::numeric_limits<int32_t>::min() ||
       s > std::numeric_limits<int32_t>::max())) {
    return false;
  }
  if (t == FieldDescriptor::CPPTYPE_UINT32 &&
      u > std::numeric_limits<uint32_t>::max()) {
    return false;
  }
  // The value's bits: int32 and int64 sign-extended, as the wire has
  // them.
  const uint64_t v = is_signed ? static_cast<uint64_t>(s) : u;
  PutTag(f);
  switch (f.kind) {
    case Kind::kSInt32:
    case Kind::kSInt64:  // ZigZag.
      PutVarint((v << 1) ^ static_cast<uint64_t>(s >> 63));
      break;
    case Kind::kFixed32:
      PutFixed(v, 4);
      break;
    case Kind::kFixed64:
      PutFixed(v, 8);
      break;
    default:
      PutVarint(v);
      break;
  }
  return true;
}

bool FastJsonParser::Value(Field& f, int depth) {
  if (f.kind == Kind::kGiveUp) return false;
  const bool rep = f.repeated;
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
    switch (f.kind) {
      case Kind::kMessage: {
        if (f.message == nullptr) {
          f.message = TypeOf(f.descriptor->message_type());
        }
        PutTag(f);
        // One byte for the length, moved over when it needs more.
        Room(1);
        const size_t at = w_++;
        if (!Object(f.message, depth + 1)) return false;
        const size_t len = w_ - at - 1;
        if (const int more = VarintSize(len) - 1; more > 0) {
          Room(more);
          std::memmove(&wire_[at + 1 + more], &wire_[at + 1], len);
          w_ += more;
        }
        EncodeVarint(len, &wire_[at]);
        if (depth == 0) top_body_ = at + VarintSize(len);
        break;
      }
      case Kind::kString: {
        absl::string_view s;
        // Checked here, not left to protobuf's parser, which would refuse
        // the wire bytes too but log an error as it does.
        if (!String(&s) || !IsValidUtf8(s)) return false;
        PutTag(f);
        PutVarint(s.size());
        Room(s.size());
        std::memcpy(&wire_[w_], s.data(), s.size());
        w_ += s.size();
        break;
      }
      case Kind::kBool: {
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
        PutTag(f);
        PutVarint(v ? 1 : 0);
        break;
      }
      case Kind::kEnum:
        if (!EnumValue(f)) return false;
        break;
      case Kind::kDouble: {
        absl::string_view num;
        double d;
        if (*p_ == '"' || !Number(&num) || !absl::SimpleAtod(num, &d) ||
            !std::isfinite(d)) {
          return false;
        }
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        PutTag(f);
        PutFixed(bits, 8);
        break;
      }
      default:  // Integers, as numbers or as strings of digits.
        if (!IntegerValue(f)) return false;
        break;
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
