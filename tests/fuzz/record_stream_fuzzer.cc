// Fuzzes RecordStreamReader::FromBuffer on arbitrary bytes: reading never
// crashes; a non-OK status says where (an offset) and shows no personal data;
// the unparsed path (NextSerialized + Aggregator::AddSerialized) takes the
// same records; the records read before an error, written again, read back
// equal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "dangjian/aggregate.h"
#include "dangjian/record_stream.h"
#include "fuzz_util.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/message_differencer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool quiet = (google::protobuf::SetLogHandler(nullptr), true);
  (void)quiet;
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
  // The unparsed path: NextSerialized() without the reader's wire check,
  // each record into AddSerialized(), stops at the record Next() stopped at
  // (or later, when Next() stopped for other reasons), and aggregates the
  // same as Add() of the parsed records.
  {
    options.check_serialized = false;
    auto raw =
        dangjian::RecordStreamReader::FromBuffer(bytes, "fuzz.djr", options);
    if (!raw.ok()) std::abort();  // The header was read above.
    dangjian::AggregatorOptions agg;
    agg.year = 2017;
    auto parsed = dangjian::Aggregator::Create(agg);
    auto serialized = dangjian::Aggregator::Create(agg);
    if (!parsed.ok() || !serialized.ok()) std::abort();
    for (const dangjian::v1::Record& rec : records) {
      if (!(*parsed)->Add(rec).ok()) std::abort();
    }
    absl::string_view one;
    size_t taken = 0;
    while (taken < records.size() && (*raw)->NextSerialized(&one)) {
      if (!(*serialized)->AddSerialized(one).ok()) break;
      ++taken;
    }
    if (taken != records.size()) std::abort();
    auto a = (*parsed)->Finish();
    auto b = (*serialized)->Finish();
    if (!a.ok() || !b.ok() ||
        !google::protobuf::util::MessageDifferencer::Equals(*a, *b)) {
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
