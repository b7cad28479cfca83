// Labels of enum values for people (internal): the Chinese words the
// ledgers use, and English words made from the value's name.
#ifndef DANGJIAN_SRC_CORE_ENUM_LABELS_H_
#define DANGJIAN_SRC_CORE_ENUM_LABELS_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace dangjian {
namespace internal {

// Chinese labels of enum values, keyed by the value's name
// ("FORMATION_MODEL_JOINT"): the first is the one written, aliases follow,
// including the wording of the national system's "code label" cells. Values
// without an entry have no Chinese label.
const std::unordered_map<std::string, std::vector<std::string>>&
EnumLabelTable();

// The label of `value` for people: in Chinese the first label of
// EnumLabelTable(), 未填写 for the value 0 (UNSPECIFIED), else (and in
// English) the name without the enum's prefix, in lower case with spaces
// ("FORMATION_MODEL_JOINT" -> "joint", 0 -> "unspecified").
std::string EnumValueLabel(const google::protobuf::EnumValueDescriptor& value,
                           bool zh);
// EnumValueLabel() of value `number` of `e`; a number `e` does not define
// (proto3 keeps them), as the number.
std::string EnumNumberLabel(const google::protobuf::EnumDescriptor* e,
                            int number, bool zh);

// A record kind's name as in the Record oneof ("member") for people: in
// Chinese "党员"; in English, and for a kind it does not know, as given.
absl::string_view RecordKindLabel(absl::string_view kind, bool zh);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_ENUM_LABELS_H_
