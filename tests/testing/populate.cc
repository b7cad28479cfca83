#include "testing/populate.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace dangjian {
namespace testing {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

void SetOne(Message* m, const FieldDescriptor* f, int salt, int repeat);

void Fill(Message* m, int salt, int repeat) {
  const auto* d = m->GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    const auto* oneof = f->real_containing_oneof();
    if (oneof != nullptr && oneof->field(0) != f) continue;
    const int count = f->is_repeated() ? repeat : 1;
    for (int k = 0; k < count; ++k)
      SetOne(m, f, salt * 31 + i * 7 + k + 1, repeat);
  }
}

void SetOne(Message* m, const FieldDescriptor* f, int salt, int repeat) {
  const Reflection* r = m->GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      rep ? r->AddInt32(m, f, salt) : r->SetInt32(m, f, salt);
      break;
    case FieldDescriptor::CPPTYPE_INT64: {
      // Beyond 2^53, so a JSON round trip that went through a double would
      // show.
      const int64_t v = (int64_t{1} << 60) + salt;
      rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT32:
      rep ? r->AddUInt32(m, f, 4000000000u - salt)
          : r->SetUInt32(m, f, 4000000000u - salt);
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      rep ? r->AddUInt64(m, f, ~uint64_t{0} - salt)
          : r->SetUInt64(m, f, ~uint64_t{0} - salt);
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      rep ? r->AddDouble(m, f, 0.125 * salt) : r->SetDouble(m, f, 0.125 * salt);
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      rep ? r->AddFloat(m, f, 0.5f * salt) : r->SetFloat(m, f, 0.5f * salt);
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      rep ? r->AddBool(m, f, true) : r->SetBool(m, f, true);
      break;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* e = f->enum_type();
      const auto* v = e->value(e->value_count() - 1);
      rep ? r->AddEnum(m, f, v) : r->SetEnum(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      const std::string s =
          absl::StrCat(f->name(), "-克什克腾旗-\"引号\"-", salt);
      rep ? r->AddString(m, f, s) : r->SetString(m, f, s);
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      Message* child = rep ? r->AddMessage(m, f) : r->MutableMessage(m, f);
      Fill(child, salt, repeat);
      break;
    }
  }
}

void CollectUnset(const Message& m, const std::string& prefix,
                  std::vector<std::string>* out) {
  const auto* d = m.GetDescriptor();
  const Reflection* r = m.GetReflection();
  for (int i = 0; i < d->oneof_decl_count(); ++i) {
    const auto* o = d->oneof_decl(i);
    if (!o->is_synthetic() && !r->HasOneof(m, o)) {
      out->push_back(absl::StrCat(prefix, o->name()));
    }
  }
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->real_containing_oneof() != nullptr) {
      if (!r->HasField(m, f)) continue;  // Counted with its oneof above.
    }
    const std::string path = absl::StrCat(prefix, f->name());
    if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      if (n == 0) out->push_back(path);
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        for (int k = 0; k < n; ++k) {
          CollectUnset(r->GetRepeatedMessage(m, f, k),
                       absl::StrCat(path, "[", k, "]."), out);
        }
      }
    } else if (!r->HasField(m, f)) {
      out->push_back(path);
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      CollectUnset(r->GetMessage(m, f), absl::StrCat(path, "."), out);
    }
  }
}

}  // namespace

void PopulateAllFields(Message* message, int repeat) {
  Fill(message, 1, repeat);
}

std::vector<std::string> UnsetFields(const Message& message) {
  std::vector<std::string> out;
  CollectUnset(message, "", &out);
  return out;
}

}  // namespace testing
}  // namespace dangjian
