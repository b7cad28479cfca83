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

// What the wire walk needs of one message type: for each field number, whether
// it is a string, a message (and of which type) or anything else.
struct WirePlan {
  const Descriptor* type = nullptr;
  std::vector<uint8_t> kind;  // By field number: 0 other, 1 string, 2 message.
  std::vector<const Descriptor*> child;
  // The index of each message field's plan in WirePlans, once looked up; -1
  // before.
  std::vector<int> child_plan;
};

constexpr uint8_t kOther = 0, kString = 1, kMessage = 2;

// Plans of this thread, found by linear search: a record stream's types are
// few.
using WirePlans = std::vector<WirePlan>;

const WirePlan& WirePlanFor(const Descriptor* d, WirePlans* plans) {
  for (const WirePlan& p : *plans) {
    if (p.type == d) return p;
  }
  WirePlan plan;
  plan.type = d;
  int max_number = 0;
  for (int i = 0; i < d->field_count(); ++i) {
    max_number = std::max(max_number, d->field(i)->number());
  }
  // Field numbers beyond this are read as "other": a schema with huge numbers
  // would otherwise cost a huge table.
  max_number = std::min(max_number, 4096);
  plan.kind.assign(static_cast<size_t>(max_number) + 1, kOther);
  plan.child.assign(static_cast<size_t>(max_number) + 1, nullptr);
  plan.child_plan.assign(static_cast<size_t>(max_number) + 1, -1);
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->number() > max_number) continue;
    if (f->type() == FieldDescriptor::TYPE_STRING) {
      plan.kind[f->number()] = kString;
    } else if (f->type() == FieldDescriptor::TYPE_MESSAGE) {
      plan.kind[f->number()] = kMessage;
      plan.child[f->number()] = f->message_type();
    }
  }
  plans->push_back(std::move(plan));
  return plans->back();
}

bool ReadVarint(const uint8_t** p, const uint8_t* end, uint64_t* out) {
  if (*p < end && **p < 0x80) {  // Tags and short lengths: one byte.
    *out = *(*p)++;
    return true;
  }
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && *p < end; shift += 7) {
    const uint8_t b = *(*p)++;
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *out = v;
      return true;
    }
  }
  return false;
}

int PlanIndex(const Descriptor* d, WirePlans* plans) {
  return static_cast<int>(&WirePlanFor(d, plans) - plans->data());
}

// `index` is the message type's plan in `plans`. Plans may be added (and the
// vector moved) while recursing, so plans are named by index, not reference.
bool WireValid(const uint8_t* p, const uint8_t* end, size_t index,
               WirePlans* plans, int depth) {
  if (depth > 100) return true;  // Deeper than protobuf itself would go.
  while (p < end) {
    uint64_t tag;
    if (!ReadVarint(&p, end, &tag)) return true;
    const uint64_t number = tag >> 3;
    switch (tag & 7) {
      case 0: {
        uint64_t ignored;
        if (!ReadVarint(&p, end, &ignored)) return true;
        break;
      }
      case 1:
        p += 8;
        break;
      case 5:
        p += 4;
        break;
      case 2: {
        uint64_t len;
        if (!ReadVarint(&p, end, &len) ||
            len > static_cast<uint64_t>(end - p)) {
          return true;
        }
        const WirePlan& plan = (*plans)[index];
        const uint8_t kind =
            number < plan.kind.size() ? plan.kind[number] : kOther;
        if (kind == kString) {
          if (!IsValidUtf8(
                  absl::string_view(reinterpret_cast<const char*>(p), len))) {
            return false;
          }
        } else if (kind == kMessage) {
          int child = plan.child_plan[number];
          if (child < 0) {
            child = PlanIndex(plan.child[number], plans);
            (*plans)[index].child_plan[number] = child;
          }
          if (!WireValid(p, p + len, static_cast<size_t>(child), plans,
                         depth + 1)) {
            return false;
          }
        }
        p += len;
        break;
      }
      default:
        return true;  // Groups: not in proto3.
    }
  }
  return true;
}

}  // namespace

bool WireStringsAreValidUtf8(absl::string_view wire,
                             const google::protobuf::Descriptor* type) {
  thread_local WirePlans plans;
  const auto* p = reinterpret_cast<const uint8_t*>(wire.data());
  return WireValid(p, p + wire.size(),
                   static_cast<size_t>(PlanIndex(type, &plans)), &plans, 0);
}

std::string FirstInvalidUtf8Field(const google::protobuf::Message& message) {
  std::string path;
  Find(message, "", &path);
  return path;
}

}  // namespace internal
}  // namespace dangjian
