// A fast path for parsing one JSON object into a protobuf message (internal).
//
// protobuf's JSON parser (util::JsonStringToMessage) spends most of its time on
// type conversion, not on the JSON. FastJsonParser handles what dangjian's and
// protobuf's writers emit — objects, arrays, strings with escapes, numbers,
// true/false, field names as lowerCamelCase or snake_case, enums by name or
// number, 64-bit integers as strings — and gives up on anything else (null,
// unknown names, duplicates, special floats, malformed text), so that the
// caller parses the text again with protobuf's parser, which then decides and
// words the error. It never accepts what protobuf's parser would refuse.
#ifndef DANGJIAN_SRC_IO_JSON_FAST_H_
#define DANGJIAN_SRC_IO_JSON_FAST_H_

#include <string>
#include <unordered_map>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace dangjian {
namespace internal {

class FastJsonParser {
 public:
  // Parses `json` into `message` (which must be empty). Returns false when
  // the fast path cannot decide; `message` is then in an unspecified state.
  bool Parse(absl::string_view json, google::protobuf::Message* message);

 private:
  using Fields =
      std::unordered_map<std::string, const google::protobuf::FieldDescriptor*>;

  const Fields& FieldsOf(const google::protobuf::Descriptor* d);
  bool Object(google::protobuf::Message* m, int depth);
  bool Value(google::protobuf::Message* m,
             const google::protobuf::FieldDescriptor* f, int depth);
  bool String(std::string* out);
  bool Number(absl::string_view* out);
  void Ws() {
    while (p_ < end_ &&
           (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) {
      ++p_;
    }
  }

  std::unordered_map<const google::protobuf::Descriptor*, Fields> fields_;
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  std::string scratch_;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_JSON_FAST_H_
