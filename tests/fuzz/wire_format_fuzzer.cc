// Fuzzes the two wire-format checkers against each other: the fast yes/no walk
// (core/wire_format.h) that every reader and writer runs on every record, and
// the slow walk (core/wire_check.h) that says where bytes are bad. They must
// give the same answer on any bytes, for each type a reader checks: the first
// byte picks the type (Record, Dataset, PartialReport), the rest are the bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/wire_check.h"
#include "core/wire_format.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const google::protobuf::Descriptor* type;
  switch (data[0] % 3) {
    case 0:
      type = dangjian::v1::Record::descriptor();
      break;
    case 1:
      type = dangjian::v1::Dataset::descriptor();
      break;
    default:
      type = dangjian::v1::PartialReport::descriptor();
      break;
  }
  const absl::string_view bytes(reinterpret_cast<const char*>(data) + 1,
                                size - 1);
  const bool fast = dangjian::internal::WireFormatIsValid(bytes, type);
  // CheckWireFormat() runs the fast walk first: call its slow walk directly.
  int64_t offset = -1;
  std::string what;
  const bool slow =
      dangjian::internal::CheckWireFormatSlowly(bytes, type, &offset, &what);
  if (fast != slow) std::abort();
  if (!slow) {
    if (offset < 0 || offset > static_cast<int64_t>(bytes.size()) ||
        what.empty()) {
      std::abort();
    }
    // (`what` is raw: the readers mask it, as every message, before use.)
  }
  return 0;
}
