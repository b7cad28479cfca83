// Fuzzes Aggregator::AddSerialized() against the readers' strict wire check
// and protobuf's parser: on any bytes, it must accept exactly what both
// accept and leave the same partial report as Add() of the parsed record. The
// record decoders (core/record_facts.h) it uses for nine of the record kinds
// must never disagree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "core/wire_format.h"
#include "dangjian/aggregate.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/message_differencer.h"

namespace {

std::unique_ptr<dangjian::Aggregator> New() {
  dangjian::AggregatorOptions options;
  options.year = 2017;
  options.group_by.set_region_level(dangjian::v1::REGION_LEVEL_COUNTY);
  auto a = dangjian::Aggregator::Create(options);
  if (!a.ok()) std::abort();
  return *std::move(a);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // protobuf logs each string that is not UTF-8; the fuzzer makes many.
  static const bool quiet = (google::protobuf::SetLogHandler(nullptr), true);
  (void)quiet;
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto serialized = New();
  auto parsed = New();
  dangjian::v1::Record r;
  const bool parses = dangjian::internal::WireFormatIsValid(
                          bytes, dangjian::v1::Record::descriptor()) &&
                      r.ParseFromArray(data, static_cast<int>(size));
  const absl::Status s = serialized->AddSerialized(bytes);
  if (s.ok() != parses) std::abort();
  if (parses && !parsed->Add(r).ok()) std::abort();
  auto a = parsed->Finish();
  auto b = serialized->Finish();
  if (!a.ok() || !b.ok()) std::abort();
  if (!google::protobuf::util::MessageDifferencer::Equals(*a, *b)) std::abort();
  return 0;
}
