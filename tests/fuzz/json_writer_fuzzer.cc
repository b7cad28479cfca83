// Fuzzes core/json_writer.h against protobuf's JSON printer: any bytes that
// parse as a v1::Report or a v1::Record are written both ways, pretty and
// compact, with and without default values; where the direct writer takes
// the message, its bytes must be protobuf's.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/json_writer.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"

namespace {

void Compare(const google::protobuf::Message& m) {
  for (bool pretty : {false, true}) {
    for (bool defaults : {false, true}) {
      std::string ours;
      if (!dangjian::internal::WriteJsonLikeProtobuf(m, pretty, defaults,
                                                     &ours)) {
        continue;
      }
      google::protobuf::util::JsonPrintOptions o;
      o.add_whitespace = pretty;
      o.always_print_primitive_fields = defaults;
      std::string theirs;
      if (!google::protobuf::util::MessageToJsonString(m, &theirs, o).ok() ||
          ours != theirs) {
        std::abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // protobuf logs each string that is not UTF-8; the fuzzer makes many.
  static const bool quiet = (google::protobuf::SetLogHandler(nullptr), true);
  (void)quiet;
  dangjian::v1::Report report;
  if (report.ParseFromArray(data, static_cast<int>(size))) Compare(report);
  dangjian::v1::Record record;
  if (record.ParseFromArray(data, static_cast<int>(size))) Compare(record);
  return 0;
}
