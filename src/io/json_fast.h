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
// answers to and its tag, so that a key costs a comparison with the field
// that came next last time (or else one hash lookup) and no descriptor
// search; it writes the object in the wire format and leaves the message to
// protobuf's generated parser. The message of a record's kind is kept from
// one record of that kind to the next (see Parse() in json_fast.cc).
#ifndef DANGJIAN_SRC_IO_JSON_FAST_H_
#define DANGJIAN_SRC_IO_JSON_FAST_H_

#include <cstddef>
#include <cstdint>
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

  // Parses `json` into `message`, replacing what it held (the message of a
  // record's kind may be one kept from an earlier call). Returns false when
  // the fast path cannot decide; `message` is then in an unspecified state.
  bool Parse(absl::string_view json, google::protobuf::Message* message);

 private:
  struct Field;
  struct Type;
  struct Enum;

  Type* TypeOf(const google::protobuf::Descriptor* d);
  const Enum* EnumOf(const google::protobuf::EnumDescriptor* e);
  bool Object(Type* type, int depth);
  bool Value(Field& f, int depth);
  // One enum value (by name or number) of `f`, written.
  bool EnumValue(const Field& f);
  // One integer of `f` (a number, or a string of digits), written.
  bool IntegerValue(const Field& f);
  bool String(absl::string_view* out);
  bool Number(absl::string_view* out);
  // Makes room for `n` more bytes of wire format.
  void Room(size_t n) {
    if (wire_.size() - w_ < n) Grow(n);
  }
  void Grow(size_t n);
  void PutTag(const Field& f);
  void PutVarint(uint64_t v);
  void PutFixed(uint64_t v, int bytes);
  void Ws() {
    while (p_ < end_ &&
           (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) {
      ++p_;
    }
  }

  std::unordered_map<const google::protobuf::Descriptor*, std::unique_ptr<Type>>
      types_;
  std::unordered_map<const google::protobuf::EnumDescriptor*,
                     std::unique_ptr<Enum>>
      enums_;
  // The type of the last message parsed into.
  const google::protobuf::Descriptor* root_descriptor_ = nullptr;
  Type* root_type_ = nullptr;
  // Of the top-level object: how many fields it gives, the last given that
  // is a message in a oneof, and where that message's wire bytes start.
  int top_count_ = 0;
  Field* top_ = nullptr;
  size_t top_body_ = 0;
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  std::string scratch_;
  std::string wire_;  // The object in the wire format: its first w_ bytes.
  size_t w_ = 0;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_JSON_FAST_H_
