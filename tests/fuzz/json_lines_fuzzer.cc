// Fuzzes JsonLinesReader::FromBuffer: reading never crashes; a non-OK status
// names a line and shows no personal data; what was read writes out as JSON
// Lines and reads back equal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "dangjian/json_lines.h"
#include "fuzz_util.h"
#include "google/protobuf/util/message_differencer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  dangjian::JsonLinesReaderOptions options;
  options.max_line_bytes = 1 << 20;
  options.ignore_unknown_fields = size > 0 && (data[0] & 1);
  auto reader =
      *dangjian::JsonLinesReader::FromBuffer(bytes, "fuzz.jsonl", options);
  std::vector<dangjian::v1::Record> records;
  dangjian::v1::Record r;
  while (reader->Next(&r)) {
    if (reader->location().line() < 1) std::abort();
    records.push_back(r);
  }
  const absl::Status status = reader->status();
  if (!status.ok()) {
    dangjian_fuzz::CheckNoPersonalData(status.message());
    if (status.message().find("fuzz.jsonl:") == absl::string_view::npos) {
      std::abort();
    }
  }
  std::string out;
  auto writer = *dangjian::JsonLinesWriter::ToString(&out);
  std::vector<dangjian::v1::Record> written;
  for (const dangjian::v1::Record& rec : records) {
    if (writer->Write(rec).ok()) written.push_back(rec);
  }
  if (!writer->Close().ok()) std::abort();
  auto back = *dangjian::JsonLinesReader::FromBuffer(out, "again.jsonl");
  size_t i = 0;
  while (back->Next(&r)) {
    if (i >= written.size() ||
        !google::protobuf::util::MessageDifferencer::Equals(r, written[i])) {
      std::abort();
    }
    ++i;
  }
  // Nothing written (no header, no record) is an empty file, which the
  // reader refuses as a failed export; anything else reads back whole.
  if (written.empty()) {
    if (back->status().code() != absl::StatusCode::kDataLoss) std::abort();
    return 0;
  }
  if (!back->status().ok() || i != written.size()) std::abort();
  return 0;
}
