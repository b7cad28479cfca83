// Fuzzes DatasetFromJson (both unknown-field modes) and checks that whatever it
// accepts prints and parses back to the same dataset.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "dangjian/io.h"
#include "google/protobuf/util/message_differencer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view json(reinterpret_cast<const char*>(data), size);
  for (bool lenient : {false, true}) {
    dangjian::JsonReadOptions options;
    options.ignore_unknown_fields = lenient;
    absl::StatusOr<dangjian::v1::Dataset> d =
        dangjian::DatasetFromJson(json, options);
    if (!d.ok()) continue;
    absl::StatusOr<std::string> out = dangjian::DatasetToJson(*d);
    if (!out.ok()) continue;  // e.g. a string that is not UTF-8: refused, fine.
    absl::StatusOr<dangjian::v1::Dataset> back =
        dangjian::DatasetFromJson(*out);
    if (!back.ok() ||
        !google::protobuf::util::MessageDifferencer::Equals(*d, *back)) {
      std::abort();  // What we print, we must read back the same.
    }
  }
  return 0;
}
