// The layout of a run's partials, agreed once per run (aggregate/feed.h): a
// shard's partial from FinishForRun() names no counters and no sums, and
// MergeRunPartials() merges such partials to the bytes the public merge
// gives for the partials Finish() returns, names and all; what does not come
// from the run is checked as the public merge checks it. A group whose key
// only one partial has is moved out of it, and merges to the same bytes.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "aggregate/feed.h"
#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/record.h"
#include "gtest/gtest.h"
#include "testing/generated.h"
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

// A shard's partial of `year` grouped by `level`: from Finish() (`for_run`
// false) or FinishForRun().
v1::PartialReport Partial(const std::vector<v1::Record>& records, bool for_run,
                          int32_t year = kKeshiketeng2014Year,
                          v1::RegionLevel level = v1::REGION_LEVEL_TOWNSHIP) {
  AggregatorOptions o;
  o.year = year;
  o.group_by.set_region_level(level);
  std::unique_ptr<Aggregator> agg = *Aggregator::Create(o);
  for (const v1::Record& r : records) EXPECT_THAT(agg->Add(r), IsOk());
  absl::StatusOr<v1::PartialReport> p =
      for_run ? internal::FinishForRun(agg.get()) : agg->Finish();
  EXPECT_THAT(p, IsOk());
  return p.ok() ? *p : v1::PartialReport();
}

// The records of a small national scenario (2017), one list per county.
std::vector<std::vector<v1::Record>> Counties() {
  NationalScenarioOptions o;
  o.host_organizations = 3000;
  o.members = 9000;
  o.units_per_county = 250;
  return testing::GeneratedCounties(o);
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
  std::vector<v1::PartialReport> taken = run;
  absl::StatusOr<v1::PartialReport> got =
      internal::MergeRunPartials(absl::MakeSpan(taken));
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(Bytes(*got), Bytes(*want));
  // A run's merges merge again (a thread's batches, then the run's), and a
  // partial that names the layout mixes with one that does not.
  std::vector<v1::PartialReport> first = {run[0]};
  std::vector<v1::PartialReport> both = {
      *internal::MergeRunPartials(absl::MakeSpan(first)), named[1]};
  absl::StatusOr<v1::PartialReport> mixed =
      internal::MergeRunPartials(absl::MakeSpan(both));
  ASSERT_THAT(mixed, IsOk());
  EXPECT_EQ(Bytes(*mixed), Bytes(*want));
  // One alone comes out named, as the public merge names it.
  first = {run[0]};
  absl::StatusOr<v1::PartialReport> one =
      internal::MergeRunPartials(absl::MakeSpan(first));
  ASSERT_THAT(one, IsOk());
  EXPECT_EQ(Bytes(*one), Bytes(*MergeAllPartialReports({named[0]})));
}

TEST(RunPartialsTest, AGroupOfOnePartialIsMovedAndMergesTheSame) {
  const std::vector<std::vector<v1::Record>> counties = Counties();
  ASSERT_GE(counties.size(), 8u);
  // By county every key is one partial's; by city some are; by province
  // most keys are several partials'.
  for (v1::RegionLevel level : {v1::REGION_LEVEL_COUNTY, v1::REGION_LEVEL_CITY,
                                v1::REGION_LEVEL_PROVINCE}) {
    SCOPED_TRACE(v1::RegionLevel_Name(level));
    std::vector<v1::PartialReport> named;
    std::vector<v1::PartialReport> run;
    for (const std::vector<v1::Record>& c : counties) {
      named.push_back(Partial(c, false, 2017, level));
      run.push_back(Partial(c, true, 2017, level));
    }
    absl::StatusOr<v1::PartialReport> want = MergeAllPartialReports(named);
    ASSERT_THAT(want, IsOk());
    ASSERT_GT(want->groups_size(), 0);
    // As a run merges them: in batches (the first three, the rest), then
    // the batches.
    std::vector<v1::PartialReport> a(run.begin(), run.begin() + 3);
    std::vector<v1::PartialReport> b(run.begin() + 3, run.end());
    std::vector<v1::PartialReport> batches = {
        *internal::MergeRunPartials(absl::MakeSpan(a)),
        *internal::MergeRunPartials(absl::MakeSpan(b))};
    absl::StatusOr<v1::PartialReport> got =
        internal::MergeRunPartials(absl::MakeSpan(batches));
    ASSERT_THAT(got, IsOk());
    EXPECT_EQ(Bytes(*got), Bytes(*want));
    // And at once.
    std::vector<v1::PartialReport> all = run;
    got = internal::MergeRunPartials(absl::MakeSpan(all));
    ASSERT_THAT(got, IsOk());
    EXPECT_EQ(Bytes(*got), Bytes(*want));
    if (level == v1::REGION_LEVEL_COUNTY) {
      // Moved, not copied: each county's group has left its partial.
      for (const v1::PartialReport& p : all) {
        ASSERT_EQ(p.groups_size(), 1);
        EXPECT_EQ(p.groups(0).counters_size(), 0);
      }
    }
  }
}

TEST(RunPartialsTest, AListOutOfIdOrderOnceMaskedIsMergedNotMoved) {
  // Two units whose ids are resident IDs, masked in the partial (the
  // second sorts first once masked), and one whose id sorts between them
  // masked, after them unmasked: the aggregator's list is in order of the
  // ids before masking.
  v1::Dataset d;
  v1::Region* r = d.add_regions();
  r->set_id("c");
  r->set_name("克什克腾旗");
  r->set_level(v1::REGION_LEVEL_COUNTY);
  r = d.add_regions();
  r->set_id("t2");
  r->set_name("苏木2");
  r->set_level(v1::REGION_LEVEL_SUMU);
  r->set_parent_id("c");
  for (const char* id :
       {"110105194912310010", "110105195001010002", "1101050001"}) {
    v1::HostOrganization* h = d.add_host_organizations();
    h->set_id(id);
    h->set_name("店");
    h->set_region_id("t2");
    h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  }
  std::vector<v1::Record> records;
  ForEachRecord(d, [&](const v1::Record& rec) { records.push_back(rec); });
  const v1::PartialReport named =
      Partial(records, false, kKeshiketeng2014Year, v1::REGION_LEVEL_COUNTY);
  std::vector<v1::PartialReport> run = {
      Partial(records, true, kKeshiketeng2014Year, v1::REGION_LEVEL_COUNTY)};
  ASSERT_EQ(run[0].groups_size(), 1);
  const v1::Worklist& listed = run[0].groups(0).worklists(3);
  ASSERT_EQ(listed.ids_size(), 3);
  EXPECT_FALSE(std::is_sorted(listed.ids().begin(), listed.ids().end()));
  absl::StatusOr<v1::PartialReport> want = MergeAllPartialReports({named});
  ASSERT_THAT(want, IsOk());
  const v1::Worklist& sorted = want->groups(0).worklists(3);
  EXPECT_TRUE(std::is_sorted(sorted.ids().begin(), sorted.ids().end()));
  absl::StatusOr<v1::PartialReport> got =
      internal::MergeRunPartials(absl::MakeSpan(run));
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(Bytes(*got), Bytes(*want));
}

TEST(RunPartialsTest, NamesNotOfThisLayoutAreRefused) {
  const std::vector<std::vector<v1::Record>> shards = TwoShards();
  const v1::PartialReport run = Partial(shards[0], true);
  const v1::PartialReport named = Partial(shards[1], false);
  // A counter renamed.
  v1::PartialReport renamed = named;
  renamed.set_counter_names(0, "units.renamed");
  std::vector<v1::PartialReport> pair = {run, renamed};
  EXPECT_THAT(internal::MergeRunPartials(absl::MakeSpan(pair)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("partial report 2: partial report counter "
                                 "or sum names differ")));
  // Counters named, sums not: not a partial of the run, and not whole.
  v1::PartialReport half = named;
  half.clear_sum_names();
  pair = {run, half};
  EXPECT_THAT(
      internal::MergeRunPartials(absl::MakeSpan(pair)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("names differ")));
  // Sums named, counters not.
  half = named;
  half.clear_counter_names();
  pair = {half};
  EXPECT_THAT(
      internal::MergeRunPartials(absl::MakeSpan(pair)),
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
