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
//
// A parser keeps, per message type it has met, a table of the names a field
// answers to and what setting it needs, so that a line costs one hash lookup
// per key and no descriptor search.
#ifndef DANGJIAN_SRC_IO_JSON_FAST_H_
#define DANGJIAN_SRC_IO_JSON_FAST_H_

#include <memory>
#include <string>
#include <unordered_map>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace dangjian {
namespace internal {

// Not thread-safe: one parser per thread.
class FastJsonParser {
 public:
  FastJsonParser();
  ~FastJsonParser();
  FastJsonParser(const FastJsonParser&) = delete;
  FastJsonParser& operator=(const FastJsonParser&) = delete;

  // Parses `json` into `message` (which must be empty). Returns false when
  // the fast path cannot decide; `message` is then in an unspecified state.
  bool Parse(absl::string_view json, google::protobuf::Message* message);

 private:
  struct Field;
  struct Type;
  struct Enum;

  Type* TypeOf(const google::protobuf::Message& m);
  const Enum* EnumOf(const google::protobuf::EnumDescriptor* e);
  bool Object(google::protobuf::Message* m, Type* type, int depth);
  bool Value(google::protobuf::Message* m, const Type& type, Field& f,
             int depth);
  bool String(absl::string_view* out);
  bool Number(absl::string_view* out);
  void Ws() {
    while (p_ < end_ &&
           (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) {
      ++p_;
    }
  }

  // The tables hold the reflection of the messages they were built from:
  // a message of another factory (a DynamicMessage) starts them afresh.
  const google::protobuf::Reflection* root_reflection_ = nullptr;
  std::unordered_map<const google::protobuf::Descriptor*, std::unique_ptr<Type>>
      types_;
  std::unordered_map<const google::protobuf::EnumDescriptor*,
                     std::unique_ptr<Enum>>
      enums_;
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  std::string scratch_;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_JSON_FAST_H_
