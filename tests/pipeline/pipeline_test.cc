// The pipeline (dangjian/pipeline.h): shards expanded, read once, validated
// and aggregated, merged; dates, damaged input and the findings cap.
#include "dangjian/pipeline.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "dangjian/aggregate.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/generate.h"
#include "dangjian/json_lines.h"
#include "dangjian/record.h"
#include "dangjian/record_io.h"
#include "dangjian/record_stream.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/dates.h"
#include "testing/generated.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::MakeDate;
using ::dangjian::testing::StatusIs;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;

// Writes each generated county to DIR/<county>.djr, with `as_of` in the
// header when it is set.
class CountyFiles : public RecordSink {
 public:
  CountyFiles(std::string dir, v1::Date as_of)
      : dir_(std::move(dir)), as_of_(std::move(as_of)) {}
  absl::Status StartShard(const ShardInfo& shard) override {
    RecordStreamWriterOptions options;
    if (as_of_.year() != 0) {
      *options.header.mutable_provenance()->mutable_as_of() = as_of_;
    }
    auto w = RecordStreamWriter::Create(dir_ + "/" + shard.region_id + ".djr",
                                        options);
    if (!w.ok()) return w.status();
    writer_ = *std::move(w);
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& r) override {
    records.push_back(r);
    return writer_->Write(r);
  }
  absl::Status FinishShard() override { return writer_->Close(); }

  std::vector<v1::Record> records;

 private:
  std::string dir_;
  v1::Date as_of_;
  std::unique_ptr<RecordStreamWriter> writer_;
};

std::string MakeDir(const std::string& name) {
  const std::string dir = ::testing::TempDir() + "/pipeline_" + name;
  std::string cmd = "rm -rf '" + dir + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(mkdir(dir.c_str(), 0777), 0);
  return dir;
}

// A small generated country in DIR, a stream per county; its records.
std::vector<v1::Record> Country(const std::string& dir, v1::Date as_of,
                                double fault_rate = 0) {
  CountyFiles files(dir, as_of);
  EXPECT_THAT(GenerateNational(testing::SmallNational(fault_rate), &files),
              IsOk());
  return files.records;
}

PipelineOptions Options2017() {
  PipelineOptions o;
  o.year = 2017;
  o.worklist_cap = 1000000;
  o.group_by.set_region_level(v1::REGION_LEVEL_COUNTY);
  return o;
}

// Transfers between counties are judged across the shards of a run, and
// across partial reports merged: a county reported on its own and merged
// above gives the findings of one run over every county. Without validation
// a run carries no transfers.
TEST(PipelineTest, TransfersArePairedAcrossShardsAndAcrossMergedPartials) {
  const std::string dir = MakeDir("transfers");
  Country(dir, MakeDate(2017, 12, 31), 0.2);
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  ASSERT_EQ(shards->size(), 3u);
  const PipelineOptions options = Options2017();
  absl::StatusOr<PipelineResult> all = RunPipeline({dir}, options);
  ASSERT_THAT(all.status(), IsOk());
  auto transfer_counts = [](const v1::Report& r) {
    std::map<std::string, int64_t> out;
    for (const v1::NamedCount& c : r.data_quality().findings()) {
      if (absl::StartsWith(c.name(), "member.transfer."))
        out[c.name()] = c.count();
    }
    return out;
  };
  auto whole = FinishReport(all->partial);
  ASSERT_THAT(whole.status(), IsOk());
  ASSERT_FALSE(transfer_counts(*whole).empty());  // The faults break pairs.

  std::vector<v1::PartialReport> partials;
  std::map<std::string, int64_t> alone;
  for (const ShardFiles& shard : *shards) {
    absl::StatusOr<PipelineResult> one = RunPipelineOnShards({shard}, options);
    ASSERT_THAT(one.status(), IsOk());
    // A county alone: the other side of each of its transfers is elsewhere.
    for (const v1::RuleCount& c : one->findings.rule_counts()) {
      if (absl::StartsWith(c.rule_id(), "member.transfer.")) {
        alone[c.rule_id()] += c.count();
      }
    }
    v1::PartialReport p;
    ASSERT_TRUE(p.ParseFromString(one->partial.SerializeAsString()));
    partials.push_back(p);
  }
  EXPECT_TRUE(alone.empty());
  // Merged in two orders: the same partial, the same findings as the run.
  auto merged = MergeAllPartialReports(partials);
  ASSERT_THAT(merged.status(), IsOk());
  std::reverse(partials.begin(), partials.end());
  auto reversed = MergeAllPartialReports(partials);
  ASSERT_THAT(reversed.status(), IsOk());
  EXPECT_EQ(merged->transfers().SerializeAsString(),
            reversed->transfers().SerializeAsString());
  EXPECT_EQ(merged->transfers().SerializeAsString(),
            all->partial.transfers().SerializeAsString());
  auto report = FinishReport(*merged);
  ASSERT_THAT(report.status(), IsOk());
  EXPECT_EQ(transfer_counts(*report), transfer_counts(*whole));

  PipelineOptions plain = options;
  plain.validate = false;
  absl::StatusOr<PipelineResult> unvalidated = RunPipeline({dir}, plain);
  ASSERT_THAT(unvalidated.status(), IsOk());
  EXPECT_FALSE(unvalidated->partial.has_transfers());
}

// The pipeline decodes members, host organizations, funding, venues and
// activities once, from their bytes, for both engines; by hand, every record is
// parsed and given to each. With planted faults of every kind, the two must
// agree finding for finding.
TEST(PipelineTest, SameResultOnOneAndTwoThreadsAndAsShardByShard) {
  const std::string dir = MakeDir("threads");
  Country(dir, MakeDate(2017, 12, 31), 0.2);
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  ASSERT_EQ(shards->size(), 3u);

  PipelineOptions options = Options2017();
  options.threads = 1;
  absl::StatusOr<PipelineResult> one = RunPipeline({dir}, options);
  ASSERT_THAT(one.status(), IsOk());
  options.threads = 2;
  absl::StatusOr<PipelineResult> two = RunPipeline({dir}, options);
  ASSERT_THAT(two.status(), IsOk());
  EXPECT_TRUE(MessageDifferencer::Equals(one->partial, two->partial));
  EXPECT_TRUE(MessageDifferencer::Equals(one->findings, two->findings));
  EXPECT_GT(one->findings.error_count(), 0);  // Faults were planted.
  EXPECT_EQ(one->damaged_shards, 0);

  // The same by hand: a validator and an aggregator per shard, merged.
  std::vector<v1::PartialReport> partials;
  int64_t errors = 0, warnings = 0, infos = 0, records = 0;
  std::vector<std::string> findings;
  std::map<std::string, int64_t> counts;
  for (const ShardFiles& shard : *shards) {
    AggregatorOptions a;
    a.year = 2017;
    a.worklist_cap = 1000000;
    a.group_by = options.group_by;
    auto aggregator = Aggregator::Create(a);
    ValidatorOptions v;
    v.as_of = MakeDate(2017, 12, 31);
    auto validator = Validator::Create(v);
    ASSERT_THAT(aggregator.status(), IsOk());
    ASSERT_THAT(validator.status(), IsOk());
    auto reader = RecordStreamReader::Open(shard[0]);
    ASSERT_THAT(reader.status(), IsOk());
    v1::Record r;
    while ((*reader)->Next(&r)) {
      ++records;
      ASSERT_THAT((*validator)->Add(r, &(*reader)->location()), IsOk());
      ASSERT_THAT((*aggregator)->Add(r), IsOk());
    }
    auto found = (*validator)->Finish();
    ASSERT_THAT(found.status(), IsOk());
    errors += found->error_count();
    warnings += found->warning_count();
    infos += found->info_count();
    for (const v1::Finding& f : found->findings()) {
      findings.push_back(f.SerializeAsString());
    }
    for (const v1::RuleCount& c : found->rule_counts()) {
      counts[c.rule_id()] += c.count();
      ASSERT_THAT((*aggregator)->AddFindings(c.rule_id(), c.count()), IsOk());
    }
    auto partial = (*aggregator)->Finish();
    ASSERT_THAT(partial.status(), IsOk());
    // The pipeline names the shard beside its fingerprint, and dates the
    // data as the rules judged it.
    ASSERT_EQ(partial->shards_size(), 1);
    partial->mutable_shards(0)->set_file(shard[0]);
    *partial->mutable_as_of() = found->as_of();
    partials.push_back(*partial);
  }
  auto merged = MergeAllPartialReports(partials);
  ASSERT_THAT(merged.status(), IsOk());
  // A validator on its own judges the transfers of its shard among
  // themselves; the run judges them across its shards (a member transferred
  // between two counties of the run), and carries them in its partial for
  // FinishReport(). The faults planted in the data break a few pairs (a
  // mangled resident ID on one side): the run finds them, no shard alone.
  v1::PartialReport run_partial = one->partial;
  EXPECT_GT(run_partial.transfers().sides_size(), 0);
  EXPECT_EQ(run_partial.transfers().letter_valid_days(), 90);
  run_partial.clear_transfers();
  EXPECT_TRUE(MessageDifferencer::Equals(*merged, run_partial));
  int64_t transfer_findings = 0;
  std::vector<std::string> listed;
  for (const v1::Finding& f : one->findings.findings()) {
    if (absl::StartsWith(f.rule_id(), "member.transfer.")) {
      EXPECT_EQ(f.severity(), v1::SEVERITY_WARNING);
      ++transfer_findings;
      continue;
    }
    listed.push_back(f.SerializeAsString());
  }
  EXPECT_EQ(listed, findings);
  std::map<std::string, int64_t> counted;
  for (const v1::RuleCount& c : one->findings.rule_counts()) {
    if (absl::StartsWith(c.rule_id(), "member.transfer.")) continue;
    counted[c.rule_id()] = c.count();
  }
  EXPECT_EQ(counted, counts);
  EXPECT_GT(transfer_findings, 0);
  EXPECT_EQ(one->findings.error_count(), errors);
  EXPECT_EQ(one->findings.warning_count(), warnings + transfer_findings);
  EXPECT_EQ(one->findings.info_count(), infos);
  // The report of the run counts them as the run's findings do.
  auto report = FinishReport(one->partial);
  ASSERT_THAT(report.status(), IsOk());
  int64_t reported = 0;
  for (const v1::NamedCount& c : report->data_quality().findings()) {
    if (absl::StartsWith(c.name(), "member.transfer.")) reported += c.count();
  }
  EXPECT_EQ(reported, transfer_findings);
  EXPECT_GT(counts.size(), 20u);  // Many rules fire.
  EXPECT_EQ(one->records, records);
  EXPECT_EQ(one->findings.records_checked(), records);
}

// The data quality figures of a report, as "name=count".
std::vector<std::string> DataQualityNames(const v1::PartialReport& partial) {
  std::vector<std::string> names;
  absl::StatusOr<v1::Report> report = FinishReport(partial);
  EXPECT_THAT(report.status(), IsOk());
  if (!report.ok()) return names;
  for (const auto& f : report->data_quality().findings()) {
    names.push_back(absl::StrCat(f.name(), "=", f.count()));
  }
  return names;
}

// In a validated run the validator and the aggregator share one join of the
// shard's ids (core/shard_index.h). An id the join numbers only for the
// rules (here a unit named by an activity of another year, which no figure
// reads) must not show in the figures as an unknown unit; one the figures
// read must.
TEST(PipelineTest, IdsJoinedForTheRulesAloneCountNowhereInTheFigures) {
  const std::string dir = MakeDir("shared_join");
  auto activity = [](const std::string& id, int32_t year) {
    v1::Record r;
    v1::Activity* a = r.mutable_activity();
    a->set_id(id);
    a->set_kind(v1::ACTIVITY_KIND_CONTACT_CARD_DISTRIBUTION);
    a->set_host_organization_id("h-ghost");
    *a->mutable_held_on() = MakeDate(year, 5, 1);
    return r;
  };
  auto write = [&](const std::string& name, int32_t year) {
    const std::string path = dir + "/" + name + ".djr";
    auto w = RecordStreamWriter::Create(path, RecordStreamWriterOptions());
    EXPECT_THAT(w.status(), IsOk());
    v1::Record host;
    host.mutable_host_organization()->set_id("h-1");
    EXPECT_THAT((*w)->Write(host), IsOk());
    EXPECT_THAT((*w)->Write(activity("a-1", year)), IsOk());
    EXPECT_THAT((*w)->Close(), IsOk());
    return path;
  };
  const std::string other_year = write("other_year", 2016);
  const std::string this_year = write("this_year", 2017);
  PipelineOptions options = Options2017();
  for (bool validate : {true, false}) {
    SCOPED_TRACE(validate ? "validated" : "not validated");
    options.validate = validate;
    absl::StatusOr<PipelineResult> run = RunPipeline({other_year}, options);
    ASSERT_THAT(run.status(), IsOk());
    EXPECT_THAT(DataQualityNames(run->partial),
                ::testing::Not(::testing::Contains(
                    HasSubstr("aggregate.unknown_host_organization"))));
    run = RunPipeline({this_year}, options);
    ASSERT_THAT(run.status(), IsOk());
    EXPECT_THAT(DataQualityNames(run->partial),
                ::testing::Contains("aggregate.unknown_host_organization=1"));
    if (validate) {
      // The rules see the dangling reference in either year.
      for (const std::string& path : {other_year, this_year}) {
        run = RunPipeline({path}, options);
        ASSERT_THAT(run.status(), IsOk());
        int refs = 0;
        for (const v1::Finding& f : run->findings.findings()) {
          refs += f.rule_id() == "reference.host_organization.unknown" &&
                  f.location().file() == path;
        }
        EXPECT_EQ(refs, 1) << path;
      }
    }
  }
}

// Writes `d` into `dir` as a record stream and as JSON Lines and runs each
// through the pipeline for 2017, validated and not, calling `check` with the
// file, whether validated, the run and its report.
void ForEachWayOfRunning(
    const v1::Dataset& d, const std::string& dir,
    const std::function<void(const std::string& path, bool validate,
                             const PipelineResult& run,
                             const v1::Report& report)>& check) {
  for (const char* name : {"county.djr", "county.jsonl"}) {
    const std::string path = dir + "/" + name;
    ASSERT_THAT(WriteDataset(d, path), IsOk());
    for (bool validate : {true, false}) {
      SCOPED_TRACE(absl::StrCat(name, validate ? ", validated" : ""));
      PipelineOptions options = Options2017();
      options.validate = validate;
      absl::StatusOr<PipelineResult> run = RunPipeline({path}, options);
      ASSERT_THAT(run.status(), IsOk());
      absl::StatusOr<v1::Report> report = FinishReport(run->partial);
      ASSERT_THAT(report.status(), IsOk());
      check(path, validate, *run, *report);
    }
  }
}

// Each member is counted once, where its ids are joined (the shard index's
// members as of the year), whichever way the shard is read (a record stream
// decoded, JSON Lines parsed) and whether or not it is validated: the
// report's member totals count each member once; the target-2 worklist
// gives an organization all the members who name it, with a unit or
// without; the rule that sets a unit's reported counts against its records
// reads the same counts.
TEST(PipelineTest, MembersAreCountedOnceWhereverTheyAreJoined) {
  const std::string dir = MakeDir("members_once");
  v1::Dataset d;
  v1::HostOrganization* h = d.add_host_organizations();
  h->set_id("h-1");
  h->set_name("甲公司");
  h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  h->mutable_reported_member_counts()->set_full(2);  // The records say 4.
  v1::PartyOrganization* o = d.add_party_organizations();
  o->set_id("o-1");
  o->set_name("甲公司党支部");
  o->set_level(v1::ORG_LEVEL_BRANCH);
  o->set_formation(v1::FORMATION_MODEL_STANDALONE);
  o->add_host_organization_ids("h-1");
  *o->mutable_founded_on() = MakeDate(2010, 1, 1);
  auto member = [&](const std::string& id, v1::MemberStatus status,
                    const std::string& host, const std::string& org) {
    v1::Member* m = d.add_members();
    m->set_id(id);
    m->set_status(status);
    m->set_host_organization_id(host);
    m->set_party_organization_id(org);
  };
  // Three of the unit and the organization, one of the organization alone,
  // one of the unit alone.
  member("m-1", v1::MEMBER_STATUS_FULL, "h-1", "o-1");
  member("m-2", v1::MEMBER_STATUS_FULL, "h-1", "o-1");
  member("m-3", v1::MEMBER_STATUS_FULL, "h-1", "o-1");
  member("m-4", v1::MEMBER_STATUS_PROBATIONARY, "", "o-1");
  member("m-5", v1::MEMBER_STATUS_FULL, "h-1", "");
  ForEachWayOfRunning(
      d, dir,
      [](const std::string&, bool validate, const PipelineResult& run,
         const v1::Report& report) {
        EXPECT_EQ(report.total().members().full(), 4);
        EXPECT_EQ(report.total().members().probationary(), 1);
        const v1::TargetResult& t2 = report.total().targets().target_2();
        ASSERT_EQ(t2.worklist_entries_size(), 1);
        EXPECT_EQ(t2.worklist_entries(0).id(), "o-1");
        EXPECT_EQ(t2.worklist_entries(0).full_members(), 3);
        EXPECT_EQ(t2.worklist_entries(0).probationary_members(), 1);
        if (!validate) return;
        int mismatches = 0;
        for (const v1::Finding& f : run.findings.findings()) {
          if (f.rule_id() != "host.reported_counts.mismatch") continue;
          ++mismatches;
          EXPECT_THAT(f.message(), HasSubstr("reports 2 full members"));
          EXPECT_THAT(f.message(), HasSubstr("but 4 member records"));
        }
        EXPECT_EQ(mismatches, 1);
      });
}

// The units' coverage by party organizations is counted once, in the join
// of each organization's first record, for the rules and the figures alike:
// a later record of an organization's id and one dissolved before the year
// cover nothing, whichever format, validated or not; validating alone (its
// own count, by its own date) gives the same coverage findings. A unit
// without an id is covered by an organization listing the empty id, for
// the rules as for the figures (the rules once left it uncovered).
TEST(PipelineTest, UnitsCoverageIsCountedOnceWhereverItIsJoined) {
  const std::string dir = MakeDir("cover_once");
  v1::Dataset d;
  for (const char* id : {"h-1", "h-2", "h-3"}) {
    v1::HostOrganization* h = d.add_host_organizations();
    h->set_id(id);
    h->set_name(absl::StrCat(id, "公司"));
    h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    for (int k = 1; k <= 3; ++k) {
      v1::Member* m = d.add_members();
      m->set_id(absl::StrCat("m-", id, "-", k));
      m->set_status(v1::MEMBER_STATUS_FULL);
      m->set_host_organization_id(id);
    }
  }
  auto org = [&](const std::string& id, v1::FormationModel formation,
                 const std::string& host, int dissolved) {
    v1::PartyOrganization* o = d.add_party_organizations();
    o->set_id(id);
    o->set_name(absl::StrCat(id, "党支部"));
    o->set_level(v1::ORG_LEVEL_BRANCH);
    o->set_formation(formation);
    o->add_host_organization_ids(host);
    *o->mutable_founded_on() = MakeDate(2010, 1, 1);
    if (dissolved != 0) *o->mutable_dissolved_on() = MakeDate(dissolved, 6, 1);
  };
  org("o-1", v1::FORMATION_MODEL_STANDALONE, "h-1", 0);
  // A second record of o-1's id: the first is the one kept.
  org("o-1", v1::FORMATION_MODEL_STANDALONE, "h-2", 0);
  org("o-2", v1::FORMATION_MODEL_STANDALONE, "h-3", 2015);
  v1::HostOrganization* unnamed = d.add_host_organizations();
  unnamed->set_name("无编号公司");
  unnamed->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  unnamed->mutable_reported_member_counts()->set_full(5);
  org("o-3", v1::FORMATION_MODEL_STANDALONE, "", 0);
  // The coverage findings' units (target 1: 单独建立党组织).
  auto found_where_condition_exists = [](const v1::ValidationReport& findings) {
    std::vector<std::string> ids;
    for (const v1::Finding& f : findings.findings()) {
      if (f.rule_id() == "coverage.found_where_condition_exists") {
        ids.push_back(f.record_id());
      }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  const std::vector<std::string> uncovered = {"h-2", "h-3"};
  ForEachWayOfRunning(
      d, dir,
      [&](const std::string& path, bool validate, const PipelineResult& run,
          const v1::Report& report) {
        EXPECT_EQ(report.total().units().total(), 4);
        EXPECT_EQ(report.total().units().organization_covered(), 2);
        std::vector<std::string> worklist;
        for (const v1::WorklistEntry& e :
             report.total().targets().target_1().worklist_entries()) {
          worklist.push_back(e.id());
        }
        std::sort(worklist.begin(), worklist.end());
        EXPECT_EQ(worklist, uncovered);
        if (!validate) return;
        EXPECT_EQ(found_where_condition_exists(run.findings), uncovered);
        PipelineOptions validate_only = Options2017();
        validate_only.aggregate = false;
        absl::StatusOr<PipelineResult> alone =
            RunPipeline({path}, validate_only);
        ASSERT_THAT(alone.status(), IsOk());
        EXPECT_EQ(found_where_condition_exists(alone->findings), uncovered);
      });
}

TEST(PipelineTest, DateFromTheFlagElseTheHeaderElseTheEndOfTheYear) {
  const std::string with = MakeDir("header_date");
  Country(with, MakeDate(2017, 6, 30));
  const std::string other_year = MakeDir("header_other_year");
  Country(other_year, MakeDate(2016, 6, 30));
  const std::string without = MakeDir("no_header_date");
  Country(without, v1::Date());

  PipelineOptions options = Options2017();
  absl::StatusOr<PipelineResult> run = RunPipeline({with}, options);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->findings.as_of().year(), 2017);
  EXPECT_EQ(run->findings.as_of().month(), 6);
  EXPECT_EQ(run->shards[0].as_of.day(), 30);
  // The report says the data stands at the header's date (统计截止日期).
  EXPECT_EQ(run->partial.as_of().month(), 6);
  EXPECT_EQ(run->partial.as_of().day(), 30);
  absl::StatusOr<v1::Report> report = FinishReport(run->partial);
  ASSERT_THAT(report.status(), IsOk());
  EXPECT_EQ(report->info().data_date().month(), 6);
  // Without the rules, the header's date all the same.
  PipelineOptions figures_only = options;
  figures_only.validate = false;
  run = RunPipeline({with}, figures_only);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->partial.as_of().year(), 2017);
  EXPECT_EQ(run->partial.as_of().month(), 6);
  // No header date: the end of the report year; one of another year does
  // not count.
  run = RunPipeline({without}, figures_only);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->partial.as_of().month(), 12);
  EXPECT_EQ(run->partial.as_of().day(), 31);
  run = RunPipeline({other_year}, options);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->partial.as_of().year(), 2017);
  EXPECT_EQ(run->partial.as_of().month(), 12);

  // A header of another year than the report's: rules and figures keep to
  // the report year. Validating alone, the header's date holds.
  run = RunPipeline({other_year}, options);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->findings.as_of().year(), 2017);
  EXPECT_EQ(run->findings.as_of().month(), 12);
  PipelineOptions validate_only = options;
  validate_only.aggregate = false;
  run = RunPipeline({other_year}, validate_only);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->findings.as_of().year(), 2016);
  EXPECT_EQ(run->findings.as_of().month(), 6);

  run = RunPipeline({without}, options);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->findings.as_of().year(), 2017);
  EXPECT_EQ(run->findings.as_of().month(), 12);
  EXPECT_EQ(run->findings.as_of().day(), 31);

  options.as_of = MakeDate(2018, 1, 15);
  run = RunPipeline({with}, options);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->findings.as_of().year(), 2018);
  EXPECT_EQ(run->findings.as_of().day(), 15);

  const std::string bad = MakeDir("header_bad_date");
  Country(bad, MakeDate(2017, 2, 30));
  options.as_of = v1::Date();
  EXPECT_THAT(RunPipeline({bad}, options).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::AllOf(HasSubstr(bad), HasSubstr("2017-2-30"),
                                        HasSubstr("not a calendar date"))));
  options.as_of = MakeDate(2018, 2, 30);
  EXPECT_THAT(RunPipeline({with}, options).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("as_of")));
}

TEST(PipelineTest, JsonLinesHeaderDateIsHonoured) {
  const std::string dir = MakeDir("jsonl_header");
  const std::string path = dir + "/county.jsonl";
  JsonLinesWriterOptions w;
  w.write_header_and_trailer = true;
  *w.header.mutable_provenance()->mutable_as_of() = MakeDate(2017, 3, 1);
  auto writer = JsonLinesWriter::Create(path, w);
  ASSERT_THAT(writer.status(), IsOk());
  v1::Record r;
  r.mutable_host_organization()->set_id("h1");
  ASSERT_THAT((*writer)->Write(r), IsOk());
  ASSERT_THAT((*writer)->Close(), IsOk());
  absl::StatusOr<PipelineResult> run = RunPipeline({path}, Options2017());
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->findings.as_of().year(), 2017);
  EXPECT_EQ(run->findings.as_of().month(), 3);
}

TEST(PipelineTest, ADatasetsProvenanceDateIsHonoured) {
  const std::string dir = MakeDir("dataset_date");
  v1::Dataset d;
  *d.mutable_provenance()->mutable_as_of() = MakeDate(2017, 9, 30);
  d.add_host_organizations()->set_id("h1");
  for (const char* name : {"/county.pb", "/county.json"}) {
    auto writer = CreateRecordWriter(dir + name);
    ASSERT_THAT(writer.status(), IsOk());
    v1::Record header;
    *header.mutable_header()->mutable_provenance() = d.provenance();
    ASSERT_THAT((*writer)->Write(header), IsOk());
    v1::Record unit;
    *unit.mutable_host_organization() = d.host_organizations(0);
    ASSERT_THAT((*writer)->Write(unit), IsOk());
    ASSERT_THAT((*writer)->Close(), IsOk());
    absl::StatusOr<PipelineResult> run =
        RunPipeline({dir + name}, Options2017());
    ASSERT_THAT(run.status(), IsOk());
    EXPECT_EQ(run->findings.as_of().year(), 2017) << name;
    EXPECT_EQ(run->findings.as_of().month(), 9) << name;
    EXPECT_EQ(run->records, 1) << name;
  }
}

// Cuts `path` to half its size and a byte: inside a record (a cut at a
// record's end would leave no byte unread), unless a record is one byte.
void CutInHalf(const std::string& path) {
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  ASSERT_EQ(truncate(path.c_str(), st.st_size / 2 + 1), 0);
}

TEST(PipelineTest, ADamagedShardFailsTheRunUnlessAllowed) {
  const std::string dir = MakeDir("damaged");
  Country(dir, MakeDate(2017, 12, 31));
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  const std::string cut = (*shards)[1][0];
  CutInHalf(cut);

  PipelineOptions options = Options2017();
  EXPECT_THAT(
      RunPipeline({dir}, options).status(),
      StatusIs(absl::StatusCode::kDataLoss,
               ::testing::AllOf(HasSubstr("shard 2 of 3"), HasSubstr(cut),
                                HasSubstr("bytes not read"))));
  options.validate = false;  // The unparsed path fails alike.
  EXPECT_THAT(RunPipeline({dir}, options).status(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr(cut)));

  options.validate = true;
  options.allow_damaged = true;
  absl::StatusOr<PipelineResult> run = RunPipeline({dir}, options);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->damaged_shards, 1);
  EXPECT_FALSE(run->shards[0].damaged);
  EXPECT_TRUE(run->shards[1].damaged);
  EXPECT_THAT(run->shards[1].damage, HasSubstr(cut));
  ASSERT_EQ(run->partial.damaged_shards_size(), 1);
  const v1::DamagedShard& d = run->partial.damaged_shards(0);
  EXPECT_EQ(d.file(), cut);
  EXPECT_EQ(d.records_read(), run->shards[1].records);
  EXPECT_GT(d.bytes_unread(), 0);
  // The reader's own account of what it left: the same number.
  EXPECT_THAT(d.reason(), HasSubstr(absl::StrCat("with ", d.bytes_unread(),
                                                 " bytes left unread")));

  // The mark survives a merge and reaches the report.
  auto merged = MergePartialReports(run->partial, v1::PartialReport());
  ASSERT_THAT(merged.status(), IsOk());
  auto report = FinishReport(*merged);
  ASSERT_THAT(report.status(), IsOk());
  ASSERT_EQ(report->data_quality().damaged_shards_size(), 1);
  EXPECT_EQ(report->data_quality().damaged_shards(0).file(), cut);
}

TEST(PipelineTest, AStreamCutInsideItsHeaderIsADamagedShard) {
  const std::string dir = MakeDir("cut_header");
  Country(dir, MakeDate(2017, 12, 31));
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  const std::string cut = (*shards)[0][0];
  ASSERT_EQ(truncate(cut.c_str(), 5), 0);
  PipelineOptions options = Options2017();
  EXPECT_THAT(RunPipeline({dir}, options).status(),
              StatusIs(absl::StatusCode::kDataLoss,
                       ::testing::AllOf(HasSubstr("shard 1 of 3"),
                                        HasSubstr("nothing of the file"))));
  options.allow_damaged = true;
  absl::StatusOr<PipelineResult> run = RunPipeline({dir}, options);
  ASSERT_THAT(run.status(), IsOk());
  EXPECT_EQ(run->damaged_shards, 1);
  EXPECT_EQ(run->shards[0].records, 0);
  ASSERT_EQ(run->partial.damaged_shards_size(), 1);
  EXPECT_EQ(run->partial.damaged_shards(0).bytes_unread(), 5);
  // The reader's finding is among the run's and the report's findings.
  bool listed = false;
  for (const v1::Finding& f : run->findings.findings()) {
    listed |= f.rule_id() == "io.read" && f.location().file() == cut;
  }
  EXPECT_TRUE(listed);
  bool counted = false;
  for (const v1::NamedCount& c : run->partial.findings()) {
    counted |= c.name() == "io.read" && c.count() == 1;
  }
  EXPECT_TRUE(counted);
}

TEST(PipelineTest, FindingsListedUpToTheCapInShardOrderCountedExactly) {
  const std::string dir = MakeDir("cap");
  Country(dir, MakeDate(2017, 12, 31), 0.05);
  PipelineOptions options = Options2017();
  options.aggregate = false;
  options.max_findings = 0;
  absl::StatusOr<PipelineResult> all = RunPipeline({dir}, options);
  ASSERT_THAT(all.status(), IsOk());
  ASSERT_GT(all->findings.findings_size(), 20);
  EXPECT_EQ(all->findings.findings_omitted(), 0);
  EXPECT_TRUE(all->partial.groups().empty());

  // Caps within the first shard, within a later one (each shard then lists
  // only what the shards before it left room for), at and past the end.
  const int n = all->findings.findings_size();
  ASSERT_GT(all->shards.size(), 2u);
  const int first_shard = [&] {
    int k = 0;
    while (k < n && all->findings.findings(k).location().file() ==
                        all->findings.findings(0).location().file()) {
      ++k;
    }
    return k;
  }();
  ASSERT_LT(first_shard, n);
  for (int threads : {1, 2}) {
    for (int cap :
         {1, 20, first_shard, first_shard + 1, n / 2, n - 1, n, n + 5}) {
      options.max_findings = cap;
      options.threads = threads;
      absl::StatusOr<PipelineResult> capped = RunPipeline({dir}, options);
      ASSERT_THAT(capped.status(), IsOk());
      const int want = std::min(cap, n);
      ASSERT_EQ(capped->findings.findings_size(), want) << cap;
      for (int i = 0; i < want; ++i) {
        ASSERT_TRUE(MessageDifferencer::Equals(capped->findings.findings(i),
                                               all->findings.findings(i)))
            << "cap " << cap << " threads " << threads << " finding " << i;
      }
      EXPECT_EQ(capped->findings.error_count(), all->findings.error_count());
      EXPECT_EQ(capped->findings.findings_omitted(), n - want);
      ASSERT_EQ(capped->findings.rule_counts_size(),
                all->findings.rule_counts_size());
      for (int i = 0; i < all->findings.rule_counts_size(); ++i) {
        EXPECT_TRUE(MessageDifferencer::Equals(capped->findings.rule_counts(i),
                                               all->findings.rule_counts(i)));
      }
    }
  }
}

TEST(PipelineTest, BadOptionsAreRefusedBeforeAnyRead) {
  PipelineOptions options = Options2017();
  options.threads = 300;
  EXPECT_THAT(
      RunPipelineOnShards({{"/nonexistent.djr"}}, options).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("threads")));
  options = Options2017();
  options.year = 0;
  EXPECT_THAT(RunPipelineOnShards({{"/nonexistent.djr"}}, options).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("year")));
  options = Options2017();
  options.validate = false;
  options.aggregate = false;
  EXPECT_THAT(
      RunPipelineOnShards({{"/nonexistent.djr"}}, options).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nothing")));
  options = Options2017();
  v1::RuleOverride o;
  o.set_rule_id("no.such.rule");
  options.rule_overrides.push_back(o);
  EXPECT_THAT(
      RunPipelineOnShards({{"/nonexistent.djr"}}, options).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no.such.rule")));
  // Good options, a missing file: the open fails, naming it.
  EXPECT_THAT(
      RunPipelineOnShards({{"/nonexistent.djr"}}, Options2017()).status(),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("nonexistent")));
}

TEST(PipelineTest, ExpandInputs) {
  const std::string dir = MakeDir("expand");
  ASSERT_EQ(mkdir((dir + "/county").c_str(), 0777), 0);
  for (const char* name : {"county/members.csv", "county/units.csv",
                           "county/notes.doc", "a.djr", ".hidden.djr"}) {
    std::ofstream(dir + "/" + name) << "x";
  }
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  ASSERT_EQ(shards->size(), 2u);
  EXPECT_EQ((*shards)[0], ShardFiles({dir + "/a.djr"}));
  EXPECT_EQ((*shards)[1], ShardFiles({dir + "/county/members.csv",
                                      dir + "/county/units.csv"}));
  EXPECT_THAT(ExpandInputs({dir + "/none"}).status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("none")));
  EXPECT_THAT(
      ExpandInputs({}).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no input")));
  EXPECT_THAT(ExpandInputs({"-", dir, "-"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("twice")));
  absl::StatusOr<std::vector<ShardFiles>> one_stdin = ExpandInputs({"-"});
  ASSERT_THAT(one_stdin.status(), IsOk());
  EXPECT_EQ(one_stdin->size(), 1u);
  const std::string empty = MakeDir("expand_empty");
  EXPECT_THAT(ExpandInputs({empty}).status(),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("holds no file the library reads")));
}

// A shard whose file is named in GBK (a ledger from a Chinese Windows share)
// gives a partial report that serializes and parses: proto3 refuses strings
// that are not UTF-8, so the names it carries are made valid.
TEST(PipelineTest, AFileNamedInGbkGivesAPartialThatParses) {
  const std::string dir = MakeDir("gbk_name");
  Country(dir, MakeDate(2017, 12, 31));
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  const std::string gbk = dir + "/\xBF\xCB\xCA\xB2.djr";  // 克什 in GBK.
  ASSERT_EQ(rename((*shards)[0][0].c_str(), gbk.c_str()), 0);
  absl::StatusOr<PipelineResult> run = RunPipeline({gbk}, Options2017());
  ASSERT_THAT(run.status(), IsOk());
  ASSERT_EQ(run->partial.shards_size(), 1);
  // BF CB is no UTF-8; CA B2 happens to be (U+02B2) and stays.
  EXPECT_THAT(run->partial.shards(0).file(),
              HasSubstr("/\xEF\xBF\xBD\xEF\xBF\xBD\xCA\xB2.djr"));
  std::string bytes;
  ASSERT_TRUE(run->partial.SerializeToString(&bytes));
  v1::PartialReport back;
  EXPECT_TRUE(back.ParseFromString(bytes));
  EXPECT_EQ(back.shards(0).value(), run->partial.shards(0).value());
}

// A folder's entry that would be read but cannot be reached is an error, not
// a shard passed over; a FIFO in a folder is read like a file; a dangling
// link of another extension is passed over as such files are.
TEST(PipelineTest, ExpandInputsNamesWhatItCannotReach) {
  const std::string dir = MakeDir("expand_reach");
  std::ofstream(dir + "/a.djr") << "x";
  ASSERT_EQ(symlink("/nonexistent/x.doc", (dir + "/gone.doc").c_str()), 0);
  ASSERT_EQ(mkfifo((dir + "/pipe.djr").c_str(), 0600), 0);
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  EXPECT_EQ(*shards,
            std::vector<ShardFiles>({{dir + "/a.djr"}, {dir + "/pipe.djr"}}));
  // A county's folder that is not there (a share not mounted).
  ASSERT_EQ(symlink("/nonexistent/r110101", (dir + "/r110101").c_str()), 0);
  EXPECT_THAT(ExpandInputs({dir}).status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("r110101")));
  ASSERT_EQ(unlink((dir + "/r110101").c_str()), 0);
  ASSERT_EQ(symlink("/nonexistent/x.djr", (dir + "/gone.djr").c_str()), 0);
  EXPECT_THAT(ExpandInputs({dir}).status(),
              StatusIs(absl::StatusCode::kNotFound,
                       ::testing::AllOf(HasSubstr("gone.djr"),
                                        HasSubstr("cannot be read"))));
}

// A file reached twice would be counted twice: named twice, under another
// spelling, through a hard link, or in a folder reached again through a
// symbolic link. Refused naming both paths; distinct files pass.
TEST(PipelineTest, ExpandInputsRefusesAFileReachedTwice) {
  const std::string dir = MakeDir("expand_twice");
  std::ofstream(dir + "/a.djr") << "x";
  std::ofstream(dir + "/b.djr") << "y";
  ASSERT_THAT(ExpandInputs({dir + "/a.djr", dir + "/b.djr"}).status(), IsOk());
  ASSERT_EQ(link((dir + "/a.djr").c_str(), (dir + "/hard.djr").c_str()), 0);
  ASSERT_EQ(mkdir((dir + "/sub").c_str(), 0777), 0);
  ASSERT_EQ(symlink("..", (dir + "/sub/up").c_str()), 0);
  for (const std::vector<std::string>& inputs :
       std::vector<std::vector<std::string>>{
           {dir + "/a.djr", dir + "/a.djr"},
           {dir + "/a.djr", dir + "/./a.djr"},
           {dir + "/a.djr", dir + "/hard.djr"},
           {dir + "/sub/", dir + "/b.djr"}}) {
    EXPECT_THAT(ExpandInputs(inputs).status(),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("are the same file")))
        << inputs[0] << " " << inputs[1];
  }
  // The folder alone: hard.djr is a.djr.
  EXPECT_THAT(
      ExpandInputs({dir}).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("hard.djr")));
}

// A shard's fingerprint is what it holds: the same validated or not, in
// another format, under another name or in another order; a copy of a
// shard under another name, or a partial report merged with a partial that
// already counts its shard, is refused (it was counted twice without a word).
TEST(PipelineTest, AShardCountedTwiceIsRefused) {
  const std::string dir = MakeDir("fingerprints");
  const std::vector<v1::Record> records = Country(dir, MakeDate(2017, 12, 31));
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  ASSERT_GE(shards->size(), 2u);
  const std::string first = (*shards)[0][0];
  PipelineOptions options = Options2017();
  absl::StatusOr<PipelineResult> validated = RunPipeline({first}, options);
  ASSERT_THAT(validated.status(), IsOk());
  ASSERT_EQ(validated->partial.shards_size(), 1);
  const v1::ShardFingerprint print = validated->partial.shards(0);
  EXPECT_EQ(print.file(), first);
  EXPECT_GT(print.records(), 0);
  options.validate = false;
  absl::StatusOr<PipelineResult> plain = RunPipeline({first}, options);
  ASSERT_THAT(plain.status(), IsOk());
  ASSERT_EQ(plain->partial.shards_size(), 1);
  EXPECT_EQ(plain->partial.shards(0).value(), print.value());
  EXPECT_EQ(plain->partial.shards(0).records(), print.records());

  // The same records as JSON Lines, the last first: the same fingerprint.
  std::vector<v1::Record> shard;
  {
    auto reader = RecordStreamReader::Open(first);
    ASSERT_THAT(reader.status(), IsOk());
    v1::Record r;
    while ((*reader)->Next(&r)) shard.push_back(r);
  }
  std::reverse(shard.begin(), shard.end());
  const std::string other = MakeDir("fingerprints_other") + "/renamed.jsonl";
  {
    auto writer = CreateRecordWriter(other);
    ASSERT_THAT(writer.status(), IsOk());
    for (const v1::Record& r : shard) ASSERT_THAT((*writer)->Write(r), IsOk());
    ASSERT_THAT((*writer)->Close(), IsOk());
  }
  absl::StatusOr<PipelineResult> copy = RunPipeline({other}, options);
  ASSERT_THAT(copy.status(), IsOk());
  ASSERT_EQ(copy->partial.shards_size(), 1);
  EXPECT_EQ(copy->partial.shards(0).value(), print.value());

  // Both in one run: refused, naming both.
  EXPECT_THAT(
      RunPipeline({dir, other}, options).status(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               ::testing::AllOf(HasSubstr("a shard counted twice"),
                                HasSubstr("renamed.jsonl"), HasSubstr(first))));
  // The partials of two runs: refused too; the other shards' merge is not.
  EXPECT_THAT(MergePartialReports(validated->partial, copy->partial).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a shard counted twice")));
  std::vector<std::string> rest;
  for (size_t i = 1; i < shards->size(); ++i) rest.push_back((*shards)[i][0]);
  absl::StatusOr<PipelineResult> others = RunPipeline(rest, options);
  ASSERT_THAT(others.status(), IsOk());
  EXPECT_EQ(others->partial.shards_size(), static_cast<int>(rest.size()));
  absl::StatusOr<v1::PartialReport> all =
      MergePartialReports(plain->partial, others->partial);
  ASSERT_THAT(all.status(), IsOk());
  absl::StatusOr<PipelineResult> whole = RunPipeline({dir}, options);
  ASSERT_THAT(whole.status(), IsOk());
  EXPECT_TRUE(MessageDifferencer::Equals(*all, whole->partial));
  // One more record, and the shard is another.
  v1::Record extra;
  extra.mutable_member()->set_id("m-extra");
  {
    auto writer = CreateRecordWriter(other);
    ASSERT_THAT(writer.status(), IsOk());
    for (const v1::Record& r : shard) ASSERT_THAT((*writer)->Write(r), IsOk());
    ASSERT_THAT((*writer)->Write(extra), IsOk());
    ASSERT_THAT((*writer)->Close(), IsOk());
  }
  copy = RunPipeline({other}, options);
  ASSERT_THAT(copy.status(), IsOk());
  ASSERT_EQ(copy->partial.shards_size(), 1);
  EXPECT_NE(copy->partial.shards(0).value(), print.value());
}

// A party organization's nested star assessments are rows of their own in a
// CSV ledger: the stream and its CSV export are one shard.
TEST(PipelineTest, AStreamAndItsCsvLedgersAreOneShard) {
  v1::Dataset d;
  v1::Region* county = d.add_regions();
  county->set_id("r1");
  county->set_name("县");
  county->set_level(v1::REGION_LEVEL_COUNTY);
  for (const char* id : {"h1", "h-0123456789"}) {
    v1::HostOrganization* h = d.add_host_organizations();
    h->set_id(id);
    h->set_name("单位");
    h->set_region_id("r1");
  }
  v1::PartyOrganization* o = d.add_party_organizations();
  o->set_id("o1");
  o->set_name("支部");
  o->set_formation(v1::FORMATION_MODEL_STANDALONE);
  o->add_host_organization_ids("h1");
  for (int year : {2016, 2017}) {
    v1::StarAssessment* a = o->add_star_assessments();
    a->set_year(year);
    a->set_stars(3);
  }
  v1::Member* m = d.add_members();
  m->set_id("m1");
  m->set_name("张三");
  m->set_host_organization_id("h1");
  m->set_party_organization_id("o1");
  m->set_status(v1::MEMBER_STATUS_FULL);
  const std::string dir = MakeDir("stream_and_csv");
  ASSERT_EQ(mkdir((dir + "/csv").c_str(), 0777), 0);
  ASSERT_THAT(WriteCsvLedgers(d, dir + "/csv", CsvWriterOptions()), IsOk());
  {
    auto writer = CreateRecordWriter(dir + "/county.djr");
    ASSERT_THAT(writer.status(), IsOk());
    ForEachRecord(d, [&](const v1::Record& r) {
      EXPECT_THAT((*writer)->Write(r), IsOk());
    });
    ASSERT_THAT((*writer)->Close(), IsOk());
  }
  PipelineOptions options = Options2017();
  options.validate = false;
  absl::StatusOr<PipelineResult> stream =
      RunPipeline({dir + "/county.djr"}, options);
  absl::StatusOr<PipelineResult> csv = RunPipeline({dir + "/csv"}, options);
  ASSERT_THAT(stream.status(), IsOk());
  ASSERT_THAT(csv.status(), IsOk());
  ASSERT_EQ(stream->partial.shards_size(), 1);
  ASSERT_EQ(csv->partial.shards_size(), 1);
  EXPECT_EQ(stream->partial.shards(0).records(), 6);  // 4 records, 2 stars.
  EXPECT_EQ(csv->partial.shards(0).records(), 6);
  EXPECT_EQ(csv->partial.shards(0).value(), stream->partial.shards(0).value());
  EXPECT_THAT(
      RunPipeline({dir + "/county.djr", dir + "/csv"}, options).status(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("a shard counted twice")));
}

TEST(PipelineTest, ReaderFindingsOfACleanAndACutStream) {
  const std::string dir = MakeDir("reader_findings");
  Country(dir, MakeDate(2017, 12, 31));
  auto shards = ExpandInputs({dir});
  ASSERT_THAT(shards.status(), IsOk());
  const std::string path = (*shards)[0][0];
  {
    auto reader = RecordStreamReader::Open(path);
    ASSERT_THAT(reader.status(), IsOk());
    v1::Record r;
    while ((*reader)->Next(&r)) {
    }
    EXPECT_TRUE(ReaderFindings(**reader, path).empty());
  }
  CutInHalf(path);
  auto reader = RecordStreamReader::Open(path);
  ASSERT_THAT(reader.status(), IsOk());
  v1::Record r;
  while ((*reader)->Next(&r)) {
  }
  std::vector<v1::Finding> findings = ReaderFindings(**reader, "county");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id(), "io.read");
  EXPECT_EQ(findings[0].severity(), v1::SEVERITY_ERROR);
  EXPECT_EQ(findings[0].location().file(), "county");
}

}  // namespace
}  // namespace dangjian
