// Fuzzes MergePartialReports and FinishReport on two partial reports read from
// bytes (a varint length, the first partial, then the second): never a crash; a
// merge that succeeds is commutative, and the merged partial either finishes
// into a report or fails with a status naming what is wrong.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "dangjian/aggregate.h"
#include "google/protobuf/util/message_differencer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  uint64_t len = 0;
  size_t at = 0;
  for (int shift = 0; at < size && shift < 35; shift += 7) {
    const uint8_t byte = data[at++];
    len |= uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (len > size - at) return 0;
  dangjian::v1::PartialReport a;
  dangjian::v1::PartialReport b;
  if (!a.ParseFromArray(data + at, static_cast<int>(len))) return 0;
  if (!b.ParseFromArray(data + at + len, static_cast<int>(size - at - len))) {
    return 0;
  }
  (void)dangjian::FinishReport(a);
  (void)dangjian::FinishReport(b);
  auto ab = dangjian::MergePartialReports(a, b);
  auto ba = dangjian::MergePartialReports(b, a);
  if (ab.ok() != ba.ok()) std::abort();
  if (!ab.ok()) {
    if (ab.status().message().empty()) std::abort();
    return 0;
  }
  if (!google::protobuf::util::MessageDifferencer::Equals(*ab, *ba)) {
    std::abort();
  }
  auto report = dangjian::FinishReport(*ab);
  if (!report.ok() && report.status().message().empty()) std::abort();
  return 0;
}
