// Writing a ledger cell: FormatCell(), the one way every column's value is
// written (CSV and workbooks).

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/enum_labels.h"
#include "dangjian/personal_data.h"
#include "dangjian/v1/common.pb.h"
#include "io/csv_columns.h"

namespace dangjian {
namespace internal {

std::string FormatDateCell(const v1::Date& d) {
  if (d.month() == 0) return absl::StrFormat("%04d", d.year());
  if (d.day() == 0) return absl::StrFormat("%04d-%02d", d.year(), d.month());
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using K = CellKind;

const Message& GetParent(const Column& c, const Message& entity,
                         bool* present) {
  const Message* m = &entity;
  *present = true;
  for (size_t i = 0; i + 1 < c.path.size(); ++i) {
    if (!m->GetReflection()->HasField(*m, c.path[i])) *present = false;
    m = &m->GetReflection()->GetMessage(*m, c.path[i]);
  }
  return *m;
}

std::string FormatFen(int64_t fen) {
  const bool neg = fen < 0;
  const absl::uint128 v = neg ? absl::uint128(-(fen + 1)) + 1
                              : absl::uint128(static_cast<uint64_t>(fen));
  return absl::StrCat(
      neg ? "-" : "", absl::Uint128Low64(v / 100), ".",
      absl::StrFormat("%02d", static_cast<int>(absl::Uint128Low64(v % 100))));
}

}  // namespace

std::string FormatCell(const Column& c, const Message& entity,
                       bool full_fidelity) {
  bool present;
  const Message& m = GetParent(c, entity, &present);
  if (!present) return "";
  const Reflection* r = m.GetReflection();
  const FieldDescriptor* f = c.path.back();
  switch (c.kind) {
    case K::kString:
      return r->GetString(m, f);
    case K::kList: {
      std::vector<std::string> items;
      for (int i = 0; i < r->FieldSize(m, f); ++i) {
        items.push_back(r->GetRepeatedString(m, f, i));
      }
      return absl::StrJoin(items, ";");
    }
    case K::kEnum: {
      const auto* v = r->GetEnum(m, f);
      if (v->number() == 0) return "";
      auto it = EnumLabelTable().find(v->name());
      return it != EnumLabelTable().end() ? it->second[0] : v->name();
    }
    case K::kEnumList: {
      // Left out whole when a value has no label (FieldsNoLedgerHolds()).
      if (!CompoundCellHolds(c, entity)) return "";
      std::vector<std::string> labels;
      for (int i = 0; i < r->FieldSize(m, f); ++i) {
        const auto* v = r->GetRepeatedEnum(m, f, i);
        auto it = EnumLabelTable().find(v->name());
        labels.push_back(it != EnumLabelTable().end() ? it->second[0]
                                                      : v->name());
      }
      return absl::StrJoin(labels, "、");
    }
    case K::kPosts:
    case K::kSeats:
    case K::kStatusChanges:
    case K::kMemberEvents:
    case K::kVenueAssessments:
    case K::kPastTerms:
      // Left out whole rather than written so as to read back otherwise
      // (FieldsNoLedgerHolds() names the field).
      return CompoundCellHolds(c, entity) ? FormatCompoundCell(c, entity) : "";
    case K::kInt:
      return f->cpp_type() == FieldDescriptor::CPPTYPE_INT32
                 ? absl::StrCat(r->GetInt32(m, f))
                 : absl::StrCat(r->GetInt64(m, f));
    case K::kDecimal:
      if (!r->HasField(m, f)) return "";
      return absl::StrFormat("%.17g", r->GetDouble(m, f));
    case K::kBool:
      return r->GetBool(m, f) ? "是" : "否";
    case K::kDate: {
      if (!r->HasField(m, f)) return "";
      return FormatDateCell(static_cast<const v1::Date&>(r->GetMessage(m, f)));
    }
    case K::kYuan:
      return FormatFen(r->GetInt64(m, f));
    case K::kWanYuan:
      return "";  // Written in the 元 column.
    case K::kNationalId: {
      const std::string& v = r->GetString(m, f);
      return full_fidelity ? v : MaskNationalId(v);
    }
    case K::kPhone: {
      const std::string& v = r->GetString(m, f);
      return full_fidelity ? v : MaskPhone(v);
    }
  }
  return "";
}

}  // namespace internal
}  // namespace dangjian
