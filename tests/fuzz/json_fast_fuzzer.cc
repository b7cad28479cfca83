// Differential fuzzing of the JSON Lines fast path (src/io/json_fast.h)
// against protobuf's JSON parser and the strict check (src/io/json_check.h):
// whatever the fast path accepts, the strict check accepts and protobuf parses
// to the same Record. (The fast path promises never to accept what the slow
// path would refuse; it may give up on anything.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../../src/io/json_check.h"
#include "../../src/io/json_fast.h"
#include "dangjian/v1/dataset.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string json(reinterpret_cast<const char*>(data), size);
  static dangjian::internal::FastJsonParser* fast =
      new dangjian::internal::FastJsonParser();
  dangjian::v1::Record quick;
  if (!fast->Parse(json, &quick)) return 0;
  int64_t offset = 0;
  std::string what;
  if (!dangjian::internal::CheckJsonText(json, &offset, &what)) std::abort();
  dangjian::v1::Record slow;
  google::protobuf::util::JsonParseOptions options;
  if (!google::protobuf::util::JsonStringToMessage(json, &slow, options).ok()) {
    std::abort();  // The fast path accepted what protobuf refuses.
  }
  if (!google::protobuf::util::MessageDifferencer::Equals(quick, slow)) {
    std::abort();
  }
  return 0;
}
