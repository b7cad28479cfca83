// The layout of a run's partials, agreed once per run (aggregate/feed.h): a
// shard's partial from FinishForRun() names no counters and no sums, and
// MergeRunPartials() merges such partials to the bytes the public merge
// gives for the partials Finish() returns, names and all; what does not come
// from the run is checked as the public merge checks it.
#include <memory>
#include <string>
#include <vector>

#include "aggregate/feed.h"
#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/record.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

// The Keshiketeng records split in two (alternately): two shards, by
// township.
std::vector<std::vector<v1::Record>> TwoShards() {
  std::vector<std::vector<v1::Record>> shards(2);
  size_t i = 0;
  ForEachRecord(BuildKeshiketeng2014(),
                [&](const v1::Record& r) { shards[i++ % 2].push_back(r); });
  return shards;
}

// A shard's partial: from Finish() (`for_run` false) or FinishForRun().
v1::PartialReport Partial(const std::vector<v1::Record>& records,
                          bool for_run) {
  AggregatorOptions o;
  o.year = kKeshiketeng2014Year;
  o.group_by.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  std::unique_ptr<Aggregator> agg = *Aggregator::Create(o);
  for (const v1::Record& r : records) EXPECT_THAT(agg->Add(r), IsOk());
  absl::StatusOr<v1::PartialReport> p =
      for_run ? internal::FinishForRun(agg.get()) : agg->Finish();
  EXPECT_THAT(p, IsOk());
  return p.ok() ? *p : v1::PartialReport();
}

std::string Bytes(const v1::PartialReport& p) {
  std::string out;
  EXPECT_TRUE(p.SerializeToString(&out));
  return out;
}

TEST(RunPartialsTest, AShardsPartialNamesNothingAndHoldsTheRest) {
  const std::vector<v1::Record> records = TwoShards()[0];
  const v1::PartialReport named = Partial(records, false);
  v1::PartialReport run = Partial(records, true);
  ASSERT_GT(named.counter_names_size(), 0);
  ASSERT_GT(named.sum_names_size(), 0);
  EXPECT_EQ(run.counter_names_size(), 0);
  EXPECT_EQ(run.sum_names_size(), 0);
  // Named, it is Finish()'s partial.
  *run.mutable_counter_names() = named.counter_names();
  *run.mutable_sum_names() = named.sum_names();
  EXPECT_EQ(Bytes(run), Bytes(named));
}

TEST(RunPartialsTest, MergedTheyAreThePublicMergeNamesAndAll) {
  const std::vector<std::vector<v1::Record>> shards = TwoShards();
  const std::vector<v1::PartialReport> named = {Partial(shards[0], false),
                                                Partial(shards[1], false)};
  const std::vector<v1::PartialReport> run = {Partial(shards[0], true),
                                              Partial(shards[1], true)};
  absl::StatusOr<v1::PartialReport> want = MergeAllPartialReports(named);
  ASSERT_THAT(want, IsOk());
  ASSERT_EQ(want->counter_names_size(), named[0].counter_names_size());
  absl::StatusOr<v1::PartialReport> got = internal::MergeRunPartials(run);
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(Bytes(*got), Bytes(*want));
  // A run's merges merge again (a thread's batches, then the run's), and a
  // partial that names the layout mixes with one that does not.
  absl::StatusOr<v1::PartialReport> mixed = internal::MergeRunPartials(
      {*internal::MergeRunPartials({run[0]}), named[1]});
  ASSERT_THAT(mixed, IsOk());
  EXPECT_EQ(Bytes(*mixed), Bytes(*want));
  // One alone comes out named, as the public merge names it.
  absl::StatusOr<v1::PartialReport> one = internal::MergeRunPartials({run[0]});
  ASSERT_THAT(one, IsOk());
  EXPECT_EQ(Bytes(*one), Bytes(*MergeAllPartialReports({named[0]})));
}

TEST(RunPartialsTest, NamesNotOfThisLayoutAreRefused) {
  const std::vector<std::vector<v1::Record>> shards = TwoShards();
  const v1::PartialReport run = Partial(shards[0], true);
  const v1::PartialReport named = Partial(shards[1], false);
  // A counter renamed.
  v1::PartialReport renamed = named;
  renamed.set_counter_names(0, "units.renamed");
  EXPECT_THAT(internal::MergeRunPartials({run, renamed}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("partial report 2: partial report counter "
                                 "or sum names differ")));
  // Counters named, sums not: not a partial of the run, and not whole.
  v1::PartialReport half = named;
  half.clear_sum_names();
  EXPECT_THAT(
      internal::MergeRunPartials({run, half}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("names differ")));
  // Sums named, counters not.
  half = named;
  half.clear_counter_names();
  EXPECT_THAT(
      internal::MergeRunPartials({half}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("names differ")));
}

TEST(RunPartialsTest, ThePublicMergesRefuseAPartialThatNamesNothing) {
  const std::vector<std::vector<v1::Record>> shards = TwoShards();
  const v1::PartialReport run = Partial(shards[0], true);
  const v1::PartialReport named = Partial(shards[1], false);
  EXPECT_THAT(MergeAllPartialReports({named, run}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("partial report 2: partial report counter "
                                 "or sum names differ")));
  EXPECT_THAT(
      MergePartialReports(run, named),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("names differ")));
  EXPECT_THAT(FinishReport(run), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("names differ")));
}

}  // namespace
}  // namespace dangjian
