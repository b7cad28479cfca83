// Synthetic ledgers: country-shaped data to try the library on before trusting
// it with real ledgers, and to benchmark it at national scale.
//
// A generator streams records into a RecordSink one county (shard) at a time,
// in constant memory whatever the size: nothing of a county is kept once it is
// written. The same options (seed included) always give the same records in the
// same order, on every machine.
#ifndef DANGJIAN_GENERATE_H_
#define DANGJIAN_GENERATE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/export.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {

// One shard of generated data: a county (县/旗) with all of its records.
struct ShardInfo {
  // 0-based index of the shard in generation order.
  int64_t index = 0;
  // Number of shards the run will produce.
  int64_t count = 0;
  // Id of the county's Region record, e.g. "r150425"; usable as a file name.
  std::string region_id;
  // The county's name.
  std::string name;
};

// Receives generated records. Calls come in the order StartShard, Write..., and
// FinishShard, once per shard; a non-OK status from any call stops the run and
// is returned by the generator.
class DANGJIAN_EXPORT RecordSink {
 public:
  virtual ~RecordSink();
  // A new shard begins.
  virtual absl::Status StartShard(const ShardInfo& shard) = 0;
  // One record of the current shard. The record is reused after the call
  // returns: copy what must be kept.
  virtual absl::Status Write(const v1::Record& record) = 0;
  // The current shard is complete.
  virtual absl::Status FinishShard() = 0;
};

// Options of the national scenario (--scenario national).
struct NationalScenarioOptions {
  // Seed of the pseudo-random sequence; the same seed gives the same records.
  // Default: 1.
  uint64_t seed = 1;
  // Host organizations to generate, about (单位数).
  // Default: 100,000.
  int64_t host_organizations = 100000;
  // Members (people in the pipeline included) to generate, about (党员数).
  // Default: 300,000.
  int64_t members = 300000;
  // Host organizations per county, on average: decides the number of shards.
  // Default: 3,300 (about 3,000 counties for 10 M units, as China has).
  int64_t units_per_county = 3300;
  // The report year the data describes (star assessments, funding, activities).
  // Default: 2017.
  int32_t year = 2017;
  // Share of records, 0 to 1, given one planted fault each (a mangled resident
  // ID, a wrong check character, a dangling reference, a negative amount, ...),
  // for trying the validator. docs/generator.md lists the faults. Default: 0
  // (clean data).
  double fault_rate = 0.0;
};

// Generates a country-shaped dataset: provinces -> cities -> counties ->
// townships, most units tiny and a few large, coverage about the 2017 national
// rates (about 78% of units with 3 or more full members have their own
// organization, three in four units with one or two members are in a joint or
// affiliated one, and nine grids in ten have an instructor), with members,
// party organizations, grids, venues, funding, star assessments, activities,
// cadres and regional economy. Each county is one shard holding its ancestor
// regions too, so a shard is self-contained. Ids are strings
// ("r150425", "h150425-000123"); resident IDs and credit codes carry valid
// check characters unless a fault was planted.
//
// Example:
//   dangjian::NationalScenarioOptions options;
//   options.host_organizations = 10'000'000;
//   options.members = 30'000'000;
//   absl::Status s = dangjian::GenerateNational(options, &my_sink);
//
// Returns OK; InvalidArgument for counts below 1 or a fault rate outside [0,
// 1]; or the first non-OK status of the sink. Thread-compatible: one run per
// sink.
DANGJIAN_EXPORT absl::Status GenerateNational(
    const NationalScenarioOptions& options, RecordSink* sink);

// The number of shards (counties) GenerateNational() makes with `options`.
//
// Returns the count (1 or more), or InvalidArgument for options that
// GenerateNational() refuses. Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<int64_t> NationalShardCount(
    const NationalScenarioOptions& options);

// Generates shard `index` (0-based) of the national scenario alone: exactly
// the StartShard, Write... and FinishShard calls that GenerateNational() makes
// for that shard. A shard depends only on the options and its index, so shards
// may be generated in any order and in parallel (one sink per thread), and
// still give the same bytes as one GenerateNational() run.
//
// Example (shards on two threads, each with its own sink):
//   int64_t n = *dangjian::NationalShardCount(options);
//   std::thread t([&] {
//     for (int64_t i = 1; i < n; i += 2)
//       dangjian::GenerateNationalShard(options, i, &odd_sink).IgnoreError();
//   });
//   for (int64_t i = 0; i < n; i += 2)
//     dangjian::GenerateNationalShard(options, i, &even_sink).IgnoreError();
//   t.join();
//
// Returns OK; InvalidArgument for a null sink or options GenerateNational()
// refuses; OutOfRange for an index outside [0, NationalShardCount()); or the
// first non-OK status of the sink. Thread-safe for distinct sinks.
DANGJIAN_EXPORT absl::Status GenerateNationalShard(
    const NationalScenarioOptions& options, int64_t index, RecordSink* sink);

// The report year of the keshiketeng-2014 scenario: the article's figures are
// those of 2014 (stars, new members, funding, activities, results).
inline constexpr int32_t kKeshiketeng2014Year = 2014;

// Returns a ledger shaped like Keshiketeng Banner (克什克腾旗, Inner Mongolia)
// in mid-2014, built from the figures of the People's Daily Online article of
// 2014-08-14 (DOMAIN.md), so that its report reproduces every figure of the
// article that records can determine: the banner (22 working-committee member
// units, the 2012 non-public shares 96.69% / 70% / 43.26%) and 23 sumu/towns,
// each with one regional 1+N branch and a shared venue; 126 grids with an
// instructor each; 7,000 units: 116 with a standalone branch (98 non-public,
// 18 social), 184 in 92 joint branches (29 non-public, 63 social), 6,700 with
// no members; 259 unions, 69 women's and 28 youth league organizations; 12
// five-star and 15 four-star branches, 30 demonstration points; 261 new
// members (45 owners, 42 in joint branches); 85 owner secretaries, 60
// seconded cadres, 163 reserve talents; the outreach, posts and results; and
// funding from all four sources (红山水泥's 100,000 yuan among them). The
// people are invented and carry no resident IDs. The same ledger every call.
//
// Example:
//   dangjian::AggregatorOptions options;
//   options.year = dangjian::kKeshiketeng2014Year;
//   auto report = dangjian::AggregateDataset(dangjian::BuildKeshiketeng2014(),
//                                            options);
//
// Never fails. Thread-safe.
DANGJIAN_EXPORT v1::Dataset BuildKeshiketeng2014();

// Streams the ledger of BuildKeshiketeng2014() into `sink` as one shard (the
// banner, region id "ksk"), in ForEachRecord()'s order. This is
// `dangjian generate --scenario keshiketeng-2014`.
//
// Example:
//   MySink sink;
//   absl::Status s = dangjian::GenerateKeshiketeng2014(&sink);
//
// Returns OK; InvalidArgument for a null sink; or the first non-OK status of
// the sink. Thread-compatible: one run per sink.
DANGJIAN_EXPORT absl::Status GenerateKeshiketeng2014(RecordSink* sink);

}  // namespace dangjian

#endif  // DANGJIAN_GENERATE_H_
