#include "core/wire_format.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/utf8.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Tables are indexed by field number up to this; a type with larger numbers
// asks its descriptor for those (none of ours has any).
constexpr int kMaxTableNumber = 4096;

struct TypePlan;

// Oneofs per message the walk keeps track of (dangjian.v1 has one).
constexpr int kMaxOneofs = 4;

// What the walk needs of one field.
struct FieldPlan {
  enum Kind : uint8_t { kUnknown, kString, kMessage, kPacked, kOther };
  Kind kind = kUnknown;
  uint8_t wire = 0;  // The wire type the field's type is written with.
  // 1 + the index of the (real) oneof the field is in; 0 for none (or an
  // index from kMaxOneofs up, which the schema does not have).
  uint8_t oneof = 0;
  // kMessage: the child type's plan, once looked up.
  TypePlan* child = nullptr;
};

// One message type's fields, by number. Plans never move once made: walks
// keep pointers to them.
struct TypePlan {
  const Descriptor* type = nullptr;
  std::vector<FieldPlan> fields;
  bool has_large_numbers = false;
};

FieldPlan PlanField(const FieldDescriptor* f) {
  FieldPlan p;
  p.wire = static_cast<uint8_t>(WireTypeOf(f));
  if (const auto* o = f->real_containing_oneof();
      o != nullptr && o->index() < kMaxOneofs) {
    p.oneof = static_cast<uint8_t>(o->index() + 1);
  }
  if (f->type() == FieldDescriptor::TYPE_STRING) {
    p.kind = FieldPlan::kString;
  } else if (f->type() == FieldDescriptor::TYPE_MESSAGE) {
    p.kind = FieldPlan::kMessage;
  } else if (f->is_packable()) {
    p.kind = FieldPlan::kPacked;
  } else {
    p.kind = FieldPlan::kOther;
  }
  return p;
}

// The plans of this thread, found by linear search (a stream has few types).
class Plans {
 public:
  TypePlan* Of(const Descriptor* d) {
    if (last_ != nullptr && last_->type == d) return last_;
    for (const auto& plan : plans_) {
      if (plan->type == d) return last_ = plan.get();
    }
    auto plan = std::make_unique<TypePlan>();
    plan->type = d;
    int max_number = 0;
    for (int i = 0; i < d->field_count(); ++i) {
      max_number = std::max(max_number, d->field(i)->number());
    }
    plan->has_large_numbers = max_number > kMaxTableNumber;
    plan->fields.resize(
        static_cast<size_t>(std::min(max_number, kMaxTableNumber)) + 1);
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      if (f->number() <= kMaxTableNumber)
        plan->fields[f->number()] = PlanField(f);
    }
    plans_.push_back(std::move(plan));
    return last_ = plans_.back().get();
  }

  // The plan of field `number` of `t`; kind kUnknown when the type has no
  // such field.
  static FieldPlan Field(const TypePlan* t, uint64_t number) {
    if (number < t->fields.size()) return t->fields[number];
    if (t->has_large_numbers) {
      const FieldDescriptor* f =
          t->type->FindFieldByNumber(static_cast<int>(number));
      if (f != nullptr) return PlanField(f);
    }
    return FieldPlan{};
  }

  // The plan of message field `number` of `t`, whose plan `f` is.
  TypePlan* Child(TypePlan* t, uint64_t number, const FieldPlan& f) {
    if (f.child != nullptr) return f.child;
    const FieldDescriptor* d =
        t->type->FindFieldByNumber(static_cast<int>(number));
    TypePlan* child = Of(d->message_type());
    if (number < t->fields.size()) {
      t->fields[number].child = child;
    }
    return child;
  }

 private:
  std::vector<std::unique_ptr<TypePlan>> plans_;
  TypePlan* last_ = nullptr;  // The plan asked for last.
};

// ReadVarint() (wire_format.h) as a yes or no.
inline bool Varint(const uint8_t** p, const uint8_t* end, uint64_t* v) {
  return ReadVarint(p, end, v) == VarintRead::kOk;
}

bool PackedValid(const uint8_t* p, const uint8_t* end, uint8_t wire) {
  if (wire != 0) {
    const int64_t n = wire == 1 ? 8 : 4;
    return (end - p) % n == 0;
  }
  while (p < end) {
    uint64_t v;
    if (!Varint(&p, end, &v)) return false;
  }
  return true;
}

// Walks one message (`plan` its type) or the contents of a group of an
// unknown field (`plan` null, `group` its field number, `*group_end` set past
// its end-group tag).
bool Walk(const uint8_t* p, const uint8_t* end, TypePlan* plan, Plans* plans,
          int depth, uint64_t group, const uint8_t** group_end) {
  if (depth > kMaxWireDepth) return false;
  // By oneof index (up to kMaxOneofs): the number of its field met, or 0.
  uint64_t oneof_field[kMaxOneofs] = {};
  while (p < end) {
    uint64_t tag;
    if (!Varint(&p, end, &tag)) return false;
    const uint64_t number = tag >> 3;
    const uint8_t wire = static_cast<uint8_t>(tag & 7);
    if (number == 0 || number > kMaxFieldNumber || wire > 5) return false;
    if (wire == 4) {
      if (group_end == nullptr || number != group) return false;
      *group_end = p;
      return true;
    }
    const FieldPlan f =
        plan != nullptr ? Plans::Field(plan, number) : FieldPlan{};
    if (f.kind != FieldPlan::kUnknown && wire != f.wire &&
        !(f.kind == FieldPlan::kPacked && wire == 2)) {
      return false;
    }
    if (f.oneof != 0) {
      // Another field of a oneof already given: protobuf keeps the last,
      // dropping the first silently (the same field again merges, as
      // protobuf defines).
      const unsigned i = f.oneof - 1u;
      if (oneof_field[i] != 0 && oneof_field[i] != number) return false;
      oneof_field[i] = number;
    }
    switch (wire) {
      case 0: {
        uint64_t v;
        if (!Varint(&p, end, &v)) return false;
        break;
      }
      case 1:
      case 5: {
        const int64_t n = wire == 1 ? 8 : 4;
        if (end - p < n) return false;
        p += n;
        break;
      }
      case 2: {
        uint64_t len;
        if (ReadLength(&p, end, &len) != VarintRead::kOk ||
            len > static_cast<uint64_t>(end - p)) {
          return false;
        }
        const uint8_t* value_end = p + len;
        switch (f.kind) {
          case FieldPlan::kString:
            if (!IsValidUtf8(
                    absl::string_view(reinterpret_cast<const char*>(p), len))) {
              return false;
            }
            break;
          case FieldPlan::kMessage:
            if (!Walk(p, value_end, plans->Child(plan, number, f), plans,
                      depth + 1, 0, nullptr)) {
              return false;
            }
            break;
          case FieldPlan::kPacked:
            if (!PackedValid(p, value_end, f.wire)) return false;
            break;
          default:
            break;
        }
        p = value_end;
        break;
      }
      case 3: {
        const uint8_t* after = nullptr;
        if (!Walk(p, end, nullptr, plans, depth + 1, number, &after) ||
            after == nullptr) {
          return false;
        }
        p = after;
        break;
      }
    }
  }
  // A group's contents end with its end-group tag, never with the bytes.
  return group_end == nullptr;
}

}  // namespace

int WireTypeOf(const FieldDescriptor* f) {
  switch (f->type()) {
    case FieldDescriptor::TYPE_DOUBLE:
    case FieldDescriptor::TYPE_FIXED64:
    case FieldDescriptor::TYPE_SFIXED64:
      return 1;
    case FieldDescriptor::TYPE_FLOAT:
    case FieldDescriptor::TYPE_FIXED32:
    case FieldDescriptor::TYPE_SFIXED32:
      return 5;
    case FieldDescriptor::TYPE_STRING:
    case FieldDescriptor::TYPE_BYTES:
    case FieldDescriptor::TYPE_MESSAGE:
      return 2;
    case FieldDescriptor::TYPE_GROUP:
      return 3;
    default:
      return 0;
  }
}

bool WireFormatIsValid(absl::string_view bytes, const Descriptor* type) {
  thread_local Plans plans;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  return Walk(p, p + bytes.size(), plans.Of(type), &plans, 0, 0, nullptr);
}

}  // namespace internal
}  // namespace dangjian
