// Fuzzes the validator's decode-once path against its parsed path. The
// pipeline decodes a member, host or party organization, funding, venue,
// activity, grid, cadre assignment or annual result straight from its bytes
// into facts (core/record_facts.h) and hands them to the validator
// (ValidatorFeed); anything else, and any program, goes through the strict
// wire check, protobuf's parser and Validator::Add(). On any bytes the
// decoder takes, the record must parse, and the two validators must give the
// same report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "core/facts_kinds.h"
#include "core/record_facts.h"
#include "core/shard_index.h"
#include "core/wire_check.h"
#include "dangjian/validate.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/message_differencer.h"
#include "validate/feed.h"

namespace {

std::unique_ptr<dangjian::Validator> New() {
  dangjian::ValidatorOptions options;
  options.as_of.set_year(2017);
  options.as_of.set_month(12);
  options.as_of.set_day(31);
  options.max_findings = 0;
  auto v = dangjian::Validator::Create(options);
  if (!v.ok()) std::abort();
  return *std::move(v);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // protobuf logs each string that is not UTF-8; the fuzzer makes many.
  static const bool quiet = (google::protobuf::SetLogHandler(nullptr), true);
  (void)quiet;
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  int field = 0;
  absl::string_view body;
  if (!dangjian::internal::OneEntity(bytes, &field, &body)) return 0;
  auto decoded = New();
  dangjian::v1::SourceLocation where;
  where.set_record_index(0);
  // Joined in a shard index of the pipeline's kind, not the validator's own.
  dangjian::internal::ShardIndex index;
  // Half the inputs with the members' year-end status taken in the join, as
  // the pipeline does for the report year (the validator's here), half
  // without: both must match the parsed path.
  index.as_of_year = size % 2 == 0 ? 2017 : 0;
  dangjian::ValidatorFeed::UseShardIndex(decoded.get(), &index);
  bool fed = false;
  dangjian::internal::ForFactsKind(field, [&](auto kind) {
    typename decltype(kind)::Facts facts;
    if (!kind.Decode(body, &facts)) return;
    dangjian::ValidatorFeed::Add(decoded.get(), facts,
                                 dangjian::internal::JoinFacts(facts, &index),
                                 where);
    fed = true;
  });
  if (!fed) return 0;
  // The decoder took the bytes: the readers' check and protobuf must too.
  dangjian::v1::Record record;
  if (!dangjian::internal::ParseRecordStrictly(bytes, &record).ok()) {
    std::abort();
  }
  auto parsed = New();
  if (!parsed->Add(record, &where).ok()) std::abort();
  auto a = decoded->Finish();
  auto b = parsed->Finish();
  if (!a.ok() || !b.ok()) std::abort();
  if (!google::protobuf::util::MessageDifferencer::Equals(*a, *b)) std::abort();
  return 0;
}
