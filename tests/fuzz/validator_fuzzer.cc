// Fuzzes the Validator over a Dataset parsed from arbitrary bytes: validation
// never crashes and returns OK; the report's counts add up; no finding shows a
// resident ID or phone number whole; feeding the same records one at a time
// gives the same findings as the batch run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "dangjian/record.h"
#include "dangjian/validate.h"
#include "fuzz_util.h"

namespace {

const dangjian::Validator& TheValidator() {
  static const dangjian::Validator* v = [] {
    dangjian::ValidatorOptions options;
    options.as_of.set_year(2017);
    options.as_of.set_month(12);
    options.as_of.set_day(31);
    options.max_findings = 0;
    return dangjian::Validator::Create(options)->release();
  }();
  return *v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dangjian::v1::Dataset dataset;
  if (!dataset.ParseFromArray(data, static_cast<int>(size))) return 0;
  auto report = TheValidator().Validate(dataset);
  if (!report.ok()) std::abort();
  int64_t counted = 0;
  for (const auto& c : report->rule_counts()) counted += c.count();
  if (counted != report->error_count() + report->warning_count() +
                     report->info_count() ||
      counted != report->findings_size() + report->findings_omitted()) {
    std::abort();
  }
  for (const dangjian::v1::Finding& f : report->findings()) {
    dangjian_fuzz::CheckNoPersonalData(f.message());
    dangjian_fuzz::CheckNoPersonalData(f.record_id());
    dangjian_fuzz::CheckNoPersonalData(f.field_path());
  }
  // Streaming: the same findings (locations aside) as the batch run.
  dangjian::ValidatorOptions options;
  options.as_of.set_year(2017);
  options.as_of.set_month(12);
  options.as_of.set_day(31);
  options.max_findings = 0;
  auto streaming = dangjian::Validator::Create(options);
  if (!streaming.ok()) std::abort();
  dangjian::ForEachRecord(dataset, [&](const dangjian::v1::Record& r) {
    if (!(*streaming)->Add(r).ok()) std::abort();
  });
  auto streamed = (*streaming)->Finish();
  if (!streamed.ok() || streamed->findings_size() != report->findings_size() ||
      streamed->error_count() != report->error_count()) {
    std::abort();
  }
  return 0;
}
