// A small generated national dataset, record by record, for tests that check
// something against every record a writer makes (the record decoders, the
// aggregator's AddSerialized()).
#ifndef DANGJIAN_TESTS_TESTING_GENERATED_H_
#define DANGJIAN_TESTS_TESTING_GENERATED_H_

#include <vector>

#include "dangjian/generate.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {
namespace testing {

// The national scenario at 1,500 units and 4,500 members in counties of 500,
// with faults planted at `fault_rate`.
NationalScenarioOptions SmallNational(double fault_rate);

// Every record GenerateNational() makes with `options`, in order; a test
// failure (and what was made) when it fails.
std::vector<v1::Record> GeneratedRecords(
    const NationalScenarioOptions& options);

// The same records, one list per county (shard), in order.
std::vector<std::vector<v1::Record>> GeneratedCounties(
    const NationalScenarioOptions& options);

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_TESTING_GENERATED_H_
