// Fuzzes RecordStreamReader::FromBuffer on arbitrary bytes: reading never
// crashes; a non-OK status says where (an offset) and shows no personal data;
// the records read before an error, written again, read back equal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "dangjian/record_stream.h"
#include "fuzz_util.h"
#include "google/protobuf/util/message_differencer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  dangjian::RecordStreamReaderOptions options;
  options.max_record_bytes = 1 << 20;
  auto reader =
      dangjian::RecordStreamReader::FromBuffer(bytes, "fuzz.djr", options);
  if (!reader.ok()) {
    dangjian_fuzz::CheckNoPersonalData(reader.status().message());
    return 0;
  }
  std::vector<dangjian::v1::Record> records;
  dangjian::v1::Record r;
  while ((*reader)->Next(&r)) {
    if ((*reader)->offset() > static_cast<int64_t>(size)) std::abort();
    records.push_back(r);
  }
  const absl::Status status = (*reader)->status();
  if (!status.ok()) {
    dangjian_fuzz::CheckNoPersonalData(status.message());
    if (status.message().find("offset") == absl::string_view::npos) {
      std::abort();
    }
  }
  // Round trip: what was read writes out and reads back the same.
  std::string out;
  auto writer = dangjian::RecordStreamWriter::ToString(&out);
  if (!writer.ok()) std::abort();
  std::vector<dangjian::v1::Record> written;
  for (const dangjian::v1::Record& rec : records) {
    if ((*writer)->Write(rec).ok()) written.push_back(rec);
  }
  if (!(*writer)->Close().ok()) std::abort();
  auto back = dangjian::RecordStreamReader::FromBuffer(out, "again.djr");
  if (!back.ok()) std::abort();
  size_t i = 0;
  while ((*back)->Next(&r)) {
    if (i >= written.size() ||
        !google::protobuf::util::MessageDifferencer::Equals(r, written[i])) {
      std::abort();
    }
    ++i;
  }
  if (!(*back)->status().ok() || i != written.size()) std::abort();
  return 0;
}
