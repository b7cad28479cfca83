// The Validator's contract: factory errors, overrides, streaming equals batch
// in any order, locations, the finding cap, masking, the policy loader and the
// dues function.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "dangjian/dues.h"
#include "dangjian/policy.h"
#include "dangjian/record.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"
#include "validate_fixture.h"

namespace dangjian {
namespace {

using ::dangjian::testing::CleanCounty;
using ::dangjian::testing::IdWithCheck;
using ::dangjian::testing::IsOk;
using ::dangjian::testing::SetDate;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

ValidatorOptions FixtureOptions() {
  ValidatorOptions o;
  o.as_of = testing::FixtureAsOf();
  return o;
}

std::unique_ptr<Validator> Make(const ValidatorOptions& o) {
  auto v = Validator::Create(o);
  EXPECT_THAT(v, IsOk());
  return std::move(*v);
}

// A county with faults of many rules, per-record and cross-record.
v1::Dataset FaultyCounty() {
  v1::Dataset d = CleanCounty();
  d.mutable_members(0)->set_national_id("1.50425E+17");
  d.mutable_members(1)->set_national_id(d.members(2).national_id());
  SetDate(d.mutable_members(3)->mutable_full_on(), 2012, 2, 30);
  d.mutable_members(4)->set_party_organization_id("p-gone");
  *d.add_members() = d.members(3);  // duplicate id m-4
  d.mutable_host_organizations(0)->set_unified_social_credit_code("bad");
  d.mutable_grids(0)->clear_instructor_name();
  d.mutable_venues(0)->set_has_signage(false);
  d.mutable_funding(0)->set_year(2030);
  d.mutable_activities()->RemoveLast();
  d.mutable_regions(0)->set_parent_id("r-town");
  return d;
}

std::vector<v1::Record> Records(const v1::Dataset& d) {
  std::vector<v1::Record> out;
  ForEachRecord(d, [&](const v1::Record& r) { out.push_back(r); });
  return out;
}

// A finding without its location, for comparing batch and stream.
std::string Key(const v1::Finding& f) {
  return f.rule_id() + "|" + std::to_string(f.severity()) + "|" +
         f.record_kind() + "|" + f.record_id() + "|" + f.field_path() + "|" +
         f.message();
}

std::vector<std::string> Keys(const v1::ValidationReport& r) {
  std::vector<std::string> out;
  for (const v1::Finding& f : r.findings()) out.push_back(Key(f));
  return out;
}

TEST(ValidatorCreateTest, RejectsAnInconsistentPolicyAndSaysWhatToFix) {
  ValidatorOptions o;
  o.policy.set_branch_max_members(0);
  EXPECT_THAT(Validator::Create(o), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("branch_max_members")));
  o.policy = DefaultPolicy();
  o.policy.set_branch_committee_min_size(9);
  EXPECT_THAT(Validator::Create(o),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("branch_committee_min_size")));
  o.policy = DefaultPolicy();
  EXPECT_THAT(Validator::Create(o), IsOk());
}

TEST(ValidatorCreateTest, RejectsUnknownRulesBadDatesAndCaps) {
  ValidatorOptions o;
  v1::RuleOverride ov;
  ov.set_rule_id("member.national_id.chekcsum");
  o.rule_overrides.push_back(ov);
  EXPECT_THAT(Validator::Create(o),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("member.national_id.chekcsum")));
  o = ValidatorOptions();
  SetDate(&o.as_of, 2023, 2, 29);
  EXPECT_THAT(Validator::Create(o),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("as_of")));
  o = ValidatorOptions();
  o.max_findings = -1;
  EXPECT_THAT(Validator::Create(o), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("max_findings")));
  o = ValidatorOptions();
  o.max_plausible_funding_fen = 0;
  EXPECT_THAT(Validator::Create(o),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("max_plausible_funding_fen")));
}

TEST(ValidatorCreateTest, DefaultAsOfIsToday) {
  auto v = Make(ValidatorOptions());
  absl::StatusOr<v1::ValidationReport> r = v->Validate(v1::Dataset());
  ASSERT_THAT(r, IsOk());
  EXPECT_GE(r->as_of().year(), 2024);
  EXPECT_GE(r->as_of().month(), 1);
  EXPECT_GE(r->as_of().day(), 1);
  EXPECT_EQ(r->policy_version(), kDefaultPolicyVersion);
}

TEST(ValidatorDateTest, ADatasetOrStreamHeaderGivesTheDateUnlessTold) {
  v1::Dataset d;
  v1::Date* declared = d.mutable_provenance()->mutable_as_of();
  declared->set_year(2014);
  declared->set_month(12);
  declared->set_day(31);
  auto v = Make(ValidatorOptions());
  absl::StatusOr<v1::ValidationReport> r = v->Validate(d);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->as_of().year(), 2014);
  EXPECT_EQ(r->as_of().day(), 31);

  // Streaming: a header fed first sets the stream's date; Finish() forgets
  // it.
  v1::Record header;
  *header.mutable_header()->mutable_provenance() = d.provenance();
  ASSERT_THAT(v->Add(header), IsOk());
  r = v->Finish();
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->as_of().year(), 2014);
  EXPECT_EQ(r->records_checked(), 0);
  r = v->Finish();
  ASSERT_THAT(r, IsOk());
  EXPECT_GE(r->as_of().year(), 2024);

  // A date given in the options wins over the data's.
  ValidatorOptions o;
  o.as_of.set_year(2016);
  o.as_of.set_month(6);
  o.as_of.set_day(30);
  auto told = Make(o);
  r = told->Validate(d);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->as_of().year(), 2016);
  ASSERT_THAT(told->Add(header), IsOk());
  r = told->Finish();
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->as_of().year(), 2016);

  // A declared date that is not a calendar date is passed over.
  declared->set_month(13);
  r = v->Validate(d);
  ASSERT_THAT(r, IsOk());
  EXPECT_GE(r->as_of().year(), 2024);
}

TEST(ValidatorTest, OverridesDisableAndChangeSeverity) {
  v1::Dataset d = CleanCounty();
  d.mutable_venues(0)->set_has_signage(false);
  d.mutable_grids(0)->clear_instructor_name();
  ValidatorOptions o = FixtureOptions();
  v1::RuleOverride off;
  off.set_rule_id("venue.six_haves.incomplete");
  off.set_disabled(true);
  v1::RuleOverride up;
  up.set_rule_id("grid.instructor.missing");
  up.set_severity(v1::SEVERITY_ERROR);
  o.rule_overrides = {off, up};
  absl::StatusOr<v1::ValidationReport> r = Make(o)->Validate(d);
  ASSERT_THAT(r, IsOk());
  bool grid = false;
  for (const v1::Finding& f : r->findings()) {
    EXPECT_NE(f.rule_id(), "venue.six_haves.incomplete");
    if (f.rule_id() == "grid.instructor.missing") {
      grid = true;
      EXPECT_EQ(f.severity(), v1::SEVERITY_ERROR);
    }
  }
  EXPECT_TRUE(grid);
  for (const v1::RuleCount& c : r->rule_counts()) {
    EXPECT_NE(c.rule_id(), "venue.six_haves.incomplete");
    if (c.rule_id() == "grid.instructor.missing") {
      EXPECT_EQ(c.severity(), v1::SEVERITY_ERROR);
    }
  }
  // Without the overrides: the venue is reported, the grid as a warning.
  r = Make(FixtureOptions())->Validate(d);
  ASSERT_THAT(r, IsOk());
  int venue = 0;
  for (const v1::Finding& f : r->findings()) {
    venue += f.rule_id() == "venue.six_haves.incomplete";
    if (f.rule_id() == "grid.instructor.missing") {
      EXPECT_EQ(f.severity(), v1::SEVERITY_WARNING);
    }
  }
  EXPECT_EQ(venue, 1);
}

TEST(ValidatorTest, StreamingEqualsBatchInAnyOrder) {
  const v1::Dataset d = FaultyCounty();
  auto v = Make(FixtureOptions());
  absl::StatusOr<v1::ValidationReport> batch = v->Validate(d);
  ASSERT_THAT(batch, IsOk());
  ASSERT_GT(batch->findings_size(), 10);
  std::vector<v1::Record> records = Records(d);
  std::mt19937 rng(42);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(records.begin(), records.end(), rng);
    for (const v1::Record& r : records) ASSERT_THAT(v->Add(r), IsOk());
    absl::StatusOr<v1::ValidationReport> stream = v->Finish();
    ASSERT_THAT(stream, IsOk());
    EXPECT_EQ(Keys(*stream), Keys(*batch)) << "round " << round;
    EXPECT_EQ(stream->records_checked(), batch->records_checked());
    EXPECT_EQ(stream->error_count(), batch->error_count());
    EXPECT_EQ(stream->warning_count(), batch->warning_count());
    EXPECT_EQ(stream->info_count(), batch->info_count());
  }
}

TEST(ValidatorTest, BatchAndStreamInTheSameOrderGiveTheSameLocations) {
  const v1::Dataset d = FaultyCounty();
  auto v = Make(FixtureOptions());
  absl::StatusOr<v1::ValidationReport> batch = v->Validate(d);
  for (const v1::Record& r : Records(d)) ASSERT_THAT(v->Add(r), IsOk());
  absl::StatusOr<v1::ValidationReport> stream = v->Finish();
  ASSERT_THAT(batch, IsOk());
  ASSERT_THAT(stream, IsOk());
  ASSERT_EQ(batch->findings_size(), stream->findings_size());
  for (int i = 0; i < batch->findings_size(); ++i) {
    EXPECT_EQ(batch->findings(i).SerializeAsString(),
              stream->findings(i).SerializeAsString());
  }
  // Record 0 is region r-county, on a cycle: its finding points there.
  bool cycle = false;
  for (const v1::Finding& f : batch->findings()) {
    if (f.rule_id() == "region.tree.cycle" && f.record_id() == "r-county") {
      cycle = true;
      EXPECT_EQ(f.location().record_index(), 0);
    }
  }
  EXPECT_TRUE(cycle);
}

TEST(ValidatorTest, FindingsCarryTheCallersLocation) {
  auto v = Make(FixtureOptions());
  v1::Record r;
  v1::Member* m = r.mutable_member();
  m->set_id("m-9");
  m->set_status(v1::MEMBER_STATUS_FULL);
  m->set_national_id("1.50425E+17");
  v1::SourceLocation where;
  where.set_file("county.jsonl");
  where.set_line(17);
  where.set_record_index(16);
  ASSERT_THAT(v->Add(r, &where), IsOk());
  where.set_line(18);
  where.set_record_index(17);
  ASSERT_THAT(v->Add(r, &where), IsOk());  // duplicate id: a cross-record rule
  absl::StatusOr<v1::ValidationReport> report = v->Finish();
  ASSERT_THAT(report, IsOk());
  int excel = 0, dup = 0;
  for (const v1::Finding& f : report->findings()) {
    EXPECT_EQ(f.location().file(), "county.jsonl");
    EXPECT_EQ(f.location().line(), f.location().record_index() + 1);
    excel += f.rule_id() == "member.national_id.excel_mangled";
    dup += f.rule_id() == "record.id.duplicate";
  }
  EXPECT_EQ(excel, 2);
  EXPECT_EQ(dup, 2);
}

TEST(ValidatorTest, HeadersAndTrailersAreSkippedAndEmptyRecordsReported) {
  auto v = Make(FixtureOptions());
  v1::Record header;
  header.mutable_header()->set_schema_version("dangjian.v1");
  v1::Record trailer;
  trailer.mutable_trailer()->set_record_count(1);
  v1::Record region;
  region.mutable_region()->set_id("r-1");
  ASSERT_THAT(v->Add(header), IsOk());
  ASSERT_THAT(v->Add(region), IsOk());
  ASSERT_THAT(v->Add(trailer), IsOk());
  absl::StatusOr<v1::ValidationReport> r = v->Finish();
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->records_checked(), 1);
  EXPECT_EQ(r->findings_size(), 0);

  ASSERT_THAT(v->Add(v1::Record()), IsOk());
  r = v->Finish();
  ASSERT_THAT(r, IsOk());
  ASSERT_EQ(r->findings_size(), 1);
  EXPECT_EQ(r->findings(0).rule_id(), "record.empty");
  EXPECT_EQ(r->findings(0).record_kind(), "empty");
  EXPECT_EQ(r->findings(0).location().record_index(), 0);
}

TEST(ValidatorTest, FinishResetsTheStreamAndValidateLeavesItAlone) {
  auto v = Make(FixtureOptions());
  v1::Record grid;
  grid.mutable_grid()->set_id("g-9");  // no instructor
  ASSERT_THAT(v->Add(grid), IsOk());
  // A batch call in between does not see or disturb the stream.
  absl::StatusOr<v1::ValidationReport> batch = v->Validate(CleanCounty());
  ASSERT_THAT(batch, IsOk());
  EXPECT_EQ(batch->findings_size(), 0);
  absl::StatusOr<v1::ValidationReport> first = v->Finish();
  ASSERT_THAT(first, IsOk());
  ASSERT_EQ(first->findings_size(), 1);
  EXPECT_EQ(first->findings(0).rule_id(), "grid.instructor.missing");
  absl::StatusOr<v1::ValidationReport> second = v->Finish();
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->findings_size(), 0);
  EXPECT_EQ(second->records_checked(), 0);
}

TEST(ValidatorTest, CapKeepsTheFirstFindingsAndExactCounts) {
  const v1::Dataset d = FaultyCounty();
  absl::StatusOr<v1::ValidationReport> all =
      Make(FixtureOptions())->Validate(d);
  ASSERT_THAT(all, IsOk());
  ValidatorOptions o = FixtureOptions();
  o.max_findings = 3;
  auto v = Make(o);
  absl::StatusOr<v1::ValidationReport> capped = v->Validate(d);
  ASSERT_THAT(capped, IsOk());
  ASSERT_EQ(capped->findings_size(), 3);
  EXPECT_EQ(capped->findings_omitted(), all->findings_size() - 3);
  EXPECT_EQ(capped->error_count(), all->error_count());
  EXPECT_EQ(capped->warning_count(), all->warning_count());
  EXPECT_EQ(capped->info_count(), all->info_count());
  ASSERT_EQ(capped->rule_counts_size(), all->rule_counts_size());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Key(capped->findings(i)), Key(all->findings(i)));
  }
  // The same three whatever the order.
  std::vector<v1::Record> records = Records(d);
  std::reverse(records.begin(), records.end());
  for (const v1::Record& r : records) ASSERT_THAT(v->Add(r), IsOk());
  absl::StatusOr<v1::ValidationReport> stream = v->Finish();
  ASSERT_THAT(stream, IsOk());
  EXPECT_EQ(Keys(*stream), Keys(*capped));
}

// Two sheets of one workbook holding the same rows give findings equal in
// all but the sheet: the report's order still ranks them, so a capped list
// is the first findings of the full one, sheet for sheet, whatever the cap
// and the order the records came in.
TEST(ValidatorTest,
     ACappedListIsTheFullListsFirstEvenWhereOnlyTheSheetDiffers) {
  std::vector<std::pair<v1::Record, v1::SourceLocation>> fed;
  for (int i = 0; i < 6; ++i) {
    v1::Record r;
    v1::Member* m = r.mutable_member();
    m->set_id("m-" + std::to_string(i));
    m->set_name("党员" + std::to_string(i));
    m->set_national_id("bad-id");  // A per-record finding on each copy.
    for (const char* sheet : {"党员", "党员 (2)"}) {
      v1::SourceLocation where;
      where.set_file("县台账.xlsx");
      where.set_sheet(sheet);
      where.set_record_index(i);
      where.set_line(i + 2);
      fed.emplace_back(r, where);
    }
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 4; ++round) {
    std::shuffle(fed.begin(), fed.end(), rng);
    ValidatorOptions o = FixtureOptions();
    o.max_findings = 0;
    auto all_v = Make(o);
    for (const auto& [r, where] : fed)
      ASSERT_THAT(all_v->Add(r, &where), IsOk());
    absl::StatusOr<v1::ValidationReport> all = all_v->Finish();
    ASSERT_THAT(all, IsOk());
    const int n = all->findings_size();
    ASSERT_GE(n, 12);
    for (int cap = 1; cap <= n; ++cap) {
      o.max_findings = cap;
      auto v = Make(o);
      for (const auto& [r, where] : fed) ASSERT_THAT(v->Add(r, &where), IsOk());
      absl::StatusOr<v1::ValidationReport> capped = v->Finish();
      ASSERT_THAT(capped, IsOk());
      ASSERT_EQ(capped->findings_size(), cap);
      for (int i = 0; i < cap; ++i) {
        ASSERT_EQ(capped->findings(i).SerializeAsString(),
                  all->findings(i).SerializeAsString())
            << "round " << round << " cap " << cap << " finding " << i;
      }
    }
  }
}

TEST(ValidatorTest, CountsAddUp) {
  absl::StatusOr<v1::ValidationReport> r =
      Make(FixtureOptions())->Validate(FaultyCounty());
  ASSERT_THAT(r, IsOk());
  int64_t sum = 0;
  for (const v1::RuleCount& c : r->rule_counts()) sum += c.count();
  EXPECT_EQ(sum, r->findings_size());
  EXPECT_EQ(r->error_count() + r->warning_count() + r->info_count(), sum);
  EXPECT_GT(r->error_count(), 0);
  EXPECT_GT(r->warning_count(), 0);
  EXPECT_GT(r->info_count(), 0);
  EXPECT_EQ(r->findings_omitted(), 0);
}

TEST(ValidatorTest, MessagesNeverHoldAWholeIdOrPhone) {
  v1::Dataset d = CleanCounty();
  const std::string bad = d.members(0).national_id().substr(0, 17) +
                          (d.members(0).national_id()[17] == '1' ? "2" : "1");
  d.mutable_members(0)->set_national_id(bad);
  d.mutable_members(1)->set_national_id(d.members(2).national_id());
  d.mutable_members(3)->set_national_id(
      IdWithCheck("15042519801305007"));                     // month 13
  d.mutable_members(4)->set_national_id("150425800505001");  // 15 digits
  absl::StatusOr<v1::ValidationReport> r = Make(FixtureOptions())->Validate(d);
  ASSERT_THAT(r, IsOk());
  ASSERT_GE(r->findings_size(), 5);
  const std::vector<std::string> secrets = {
      bad, d.members(2).national_id(), d.members(3).national_id(),
      d.members(4).national_id(), "13800138000"};
  for (const v1::Finding& f : r->findings()) {
    for (const std::string& s : secrets) {
      EXPECT_EQ(f.message().find(s), std::string::npos) << f.message();
    }
    if (f.rule_id() == "member.national_id.checksum") {
      EXPECT_THAT(f.message(), HasSubstr("150425********"));
    }
  }
}

TEST(ValidatorTest, CrossRecordChecksCanBeTurnedOff) {
  v1::Dataset d = CleanCounty();
  d.mutable_members(1)->set_national_id(d.members(2).national_id());
  d.mutable_venues(0)->set_has_signage(false);
  ValidatorOptions o = FixtureOptions();
  o.cross_record_checks = false;
  absl::StatusOr<v1::ValidationReport> r = Make(o)->Validate(d);
  ASSERT_THAT(r, IsOk());
  ASSERT_EQ(r->findings_size(), 1);
  EXPECT_EQ(r->findings(0).rule_id(), "venue.six_haves.incomplete");
  o.cross_record_checks = true;
  r = Make(o)->Validate(d);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->findings_size(), 3);  // + the duplicate ID on both members
}

TEST(ValidatorTest, NeverFailsOnArbitraryRecords) {
  v1::Dataset d;
  testing::PopulateAllFields(&d, 3);
  auto v = Make(FixtureOptions());
  absl::StatusOr<v1::ValidationReport> r = v->Validate(d);
  ASSERT_THAT(r, IsOk());
  EXPECT_GT(r->findings_size(), 0);
  // Odd identifiers and extreme numbers.
  const char* ids[] = {"",
                       "E",
                       "X",
                       ".",
                       "+",
                       "1e",
                       "XXXXXXXXXXXXXXXXXX",
                       "000000000000000000",
                       "99999999999999999X",
                       "１２３",
                       "15042519800505001\xff"};
  for (const char* id : ids) {
    v1::Record rec;
    v1::Member* m = rec.mutable_member();
    m->set_id(id);
    m->set_national_id(id);
    m->set_monthly_income_fen(INT64_MAX);
    m->set_monthly_dues_fen(INT64_MIN);
    m->set_dues_category(static_cast<v1::DuesCategory>(77));
    SetDate(m->mutable_applied_on(), INT32_MAX, INT32_MIN, 99);
    SetDate(m->mutable_full_on(), 9999, 12, 31);
    SetDate(m->mutable_probationary_on(), 1, 1, 1);
    ASSERT_THAT(v->Add(rec), IsOk());
    v1::Record h;
    h.mutable_host_organization()->set_unified_social_credit_code(id);
    ASSERT_THAT(v->Add(h), IsOk());
  }
  v1::Record f;
  f.mutable_funding()->set_amount_fen(INT64_MIN);
  f.mutable_funding()->set_party_organization_id("p");
  f.mutable_funding()->set_year(INT32_MIN);
  ASSERT_THAT(v->Add(f), IsOk());
  f.mutable_funding()->set_id("f2");
  ASSERT_THAT(v->Add(f), IsOk());
  EXPECT_THAT(v->Finish(), IsOk());
}

TEST(ValidatorTest, ExtremePolicyValuesAreJudgedWithoutOverflow) {
  ValidatorOptions o = FixtureOptions();
  o.policy.set_probation_months(INT32_MAX);
  o.policy.set_activist_min_months(INT32_MAX);
  o.policy.set_min_applicant_age(INT32_MAX);
  o.policy.set_regional_heart_to_heart_meetings_per_year(INT32_MAX);
  absl::StatusOr<v1::ValidationReport> r = Make(o)->Validate(CleanCounty());
  ASSERT_THAT(r, IsOk());
  int probation = 0, activist = 0, age = 0;
  for (const v1::Finding& f : r->findings()) {
    probation += f.rule_id() == "member.probation.length";
    activist += f.rule_id() == "member.activist.min_period";
    age += f.rule_id() == "member.applicant.min_age";
  }
  EXPECT_EQ(probation, 4);  // every full member converted "too soon"
  EXPECT_EQ(activist, 5);
  EXPECT_EQ(age, 5);
}

TEST(ValidatorTest, RecordIdsThatAreResidentIdsAreMasked) {
  v1::Dataset d = CleanCounty();
  const std::string nid = d.members(0).national_id();
  d.mutable_members(0)->set_id(nid);
  d.mutable_members(0)->set_status(v1::MEMBER_STATUS_UNSPECIFIED);
  absl::StatusOr<v1::ValidationReport> r = Make(FixtureOptions())->Validate(d);
  ASSERT_THAT(r, IsOk());
  bool found = false;
  for (const v1::Finding& f : r->findings()) {
    EXPECT_EQ(f.record_id().find(nid), std::string::npos);
    EXPECT_EQ(f.message().find(nid), std::string::npos);
    if (f.rule_id() == "member.status.missing") {
      found = true;
      EXPECT_EQ(f.record_id(), nid.substr(0, 6) + "********" + nid.substr(14));
    }
  }
  EXPECT_TRUE(found);
}

// A workbook, or one of its sheets, named after a person's resident ID: the
// findings' locations show it masked, file and sheet alike.
TEST(ValidatorTest, FilesAndSheetsNamedAfterResidentIdsAreMasked) {
  v1::Dataset d = CleanCounty();
  const std::string nid = d.members(0).national_id();
  const std::string masked = nid.substr(0, 6) + "********" + nid.substr(14);
  v1::Record r;
  *r.mutable_member() = d.members(0);
  r.mutable_member()->set_status(v1::MEMBER_STATUS_UNSPECIFIED);
  v1::SourceLocation where;
  where.set_file(nid + ".xlsx");
  where.set_sheet("党员" + nid);
  where.set_record_index(0);
  where.set_line(2);
  auto v = Make(FixtureOptions());
  ASSERT_THAT(v->Add(r, &where), IsOk());
  absl::StatusOr<v1::ValidationReport> report = v->Finish();
  ASSERT_THAT(report, IsOk());
  bool found = false;
  for (const v1::Finding& f : report->findings()) {
    EXPECT_EQ(f.location().file().find(nid), std::string::npos);
    EXPECT_EQ(f.location().sheet().find(nid), std::string::npos);
    if (f.rule_id() == "member.status.missing") {
      found = true;
      EXPECT_EQ(f.location().file(), masked + ".xlsx");
      EXPECT_EQ(f.location().sheet(), "党员" + masked);
    }
  }
  EXPECT_TRUE(found);
}

TEST(PolicyJsonTest, ParsesFillsAndChecks) {
  absl::StatusOr<v1::Policy> p =
      PolicyFromJson(R"({"jointBranchMaxUnits": 6})");
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(p->joint_branch_max_units(), 6);
  EXPECT_EQ(p->branch_max_members(), 50);
  EXPECT_EQ(p->version(), kDefaultPolicyVersion);
  p = PolicyFromJson(R"({"joint_branch_max_units": 7, "version": "nm-2014"})");
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(p->joint_branch_max_units(), 7);
  EXPECT_EQ(p->version(), "nm-2014");
  EXPECT_THAT(PolicyFromJson("{not json"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("JSON")));
  EXPECT_THAT(PolicyFromJson(R"({"jointBranchMaxUnitz": 6})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("JSON")));
  EXPECT_THAT(PolicyFromJson(R"({"branchCommitteeMinSize": 9})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("branch_committee_min_size")));
}

TEST(PolicyJsonTest, LoadsAFileThatChangesWhatIsReported) {
  const std::string path = ::testing::TempDir() + "/validate_policy.json";
  {
    std::ofstream out(path);
    out << R"({"jointBranchMaxUnits": 6, "version": "province-1"})";
  }
  absl::StatusOr<v1::Policy> p = LoadPolicyJsonFile(path);
  ASSERT_THAT(p, IsOk());
  v1::Dataset d = CleanCounty();
  for (int i = 0; i < 4; ++i) {
    d.mutable_party_organizations(1)->add_host_organization_ids(
        "h-x" + std::to_string(i));
  }
  auto count_joint = [&](const ValidatorOptions& o) {
    absl::StatusOr<v1::ValidationReport> r = Make(o)->Validate(d);
    EXPECT_THAT(r, IsOk());
    int n = 0;
    for (const v1::Finding& f : r->findings()) {
      n += f.rule_id() == "party_org.joint.unit_count";
    }
    return n;
  };
  ValidatorOptions o = FixtureOptions();
  EXPECT_EQ(count_joint(o), 1);  // 6 units > 5
  o.policy = *p;
  EXPECT_EQ(count_joint(o), 0);  // 6 units <= 6
  EXPECT_EQ(Make(o)->Validate(d)->policy_version(), "province-1");
  EXPECT_THAT(LoadPolicyJsonFile(path + ".missing"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(".missing")));
  {
    std::ofstream out(path);
    out << R"({"probationMonths": -1})";
  }
  EXPECT_THAT(LoadPolicyJsonFile(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("probation_months")));
  std::remove(path.c_str());
}

TEST(MonthlyDuesFenTest, EmployedBracketsAreInclusiveAndRoundHalfUp) {
  const v1::Policy p = DefaultPolicy();
  const auto E = v1::DUES_CATEGORY_EMPLOYED;
  const std::vector<std::pair<int64_t, int64_t>> cases = {
      {0, 0},           {99, 0},  // 0.495 fen
      {100, 1},                   // 0.5 fen rounds up
      {99999, 500},               // 499.995 fen
      {300000, 1500},             // 3,000 yuan: still 0.5%
      {300001, 3000},             // 1% of 3,000.01 yuan
      {500000, 5000},             // 5,000 yuan: 1%
      {500001, 7500},             // 1.5%
      {1000000, 15000},           // 10,000 yuan: 1.5%
      {1000001, 20000},           // 2%
      {2500000, 50000},
  };
  for (const auto& [income, dues] : cases) {
    EXPECT_THAT(MonthlyDuesFen(income, E, p), IsOk());
    EXPECT_EQ(*MonthlyDuesFen(income, E, p), dues) << income;
  }
}

TEST(MonthlyDuesFenTest, RetireesStudentsAndErrors) {
  const v1::Policy p = DefaultPolicy();
  EXPECT_EQ(*MonthlyDuesFen(500000, v1::DUES_CATEGORY_RETIRED, p), 2500);
  EXPECT_EQ(*MonthlyDuesFen(500001, v1::DUES_CATEGORY_RETIRED, p), 5000);
  for (auto c : {v1::DUES_CATEGORY_STUDENT, v1::DUES_CATEGORY_UNEMPLOYED,
                 v1::DUES_CATEGORY_SUBSISTENCE}) {
    EXPECT_EQ(*MonthlyDuesFen(900000, c, p), 20);
  }
  EXPECT_EQ(*MonthlyDuesFen(INT64_MAX, v1::DUES_CATEGORY_EMPLOYED, p),
            static_cast<int64_t>((static_cast<__int128>(INT64_MAX) * 20 + 500) /
                                 1000));
  EXPECT_THAT(
      MonthlyDuesFen(-1, v1::DUES_CATEGORY_EMPLOYED, p),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("negative")));
  EXPECT_THAT(
      MonthlyDuesFen(100, v1::DUES_CATEGORY_UNSPECIFIED, p),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("category")));
  v1::Policy bad = p;
  bad.clear_employed_dues_brackets();
  EXPECT_THAT(MonthlyDuesFen(100, v1::DUES_CATEGORY_EMPLOYED, bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("employed_dues_brackets")));
  v1::Policy flat = p;
  flat.set_flat_monthly_dues_fen(50);
  EXPECT_EQ(*MonthlyDuesFen(0, v1::DUES_CATEGORY_STUDENT, flat), 50);
}

TEST(RuleCatalogueTest, SeveritiesMatchTheirMeaning) {
  // INFO is a note, no fault: the coverage worklists and two reminders (an
  // election coming, a committee above the usual size).
  const std::set<std::string> notes = {"party_org.term.due",
                                       "party_org.committee.above_usual"};
  int infos = 0;
  for (const RuleInfo& r : RuleCatalogue()) {
    if (r.rule_id.rfind("coverage.", 0) == 0 || notes.count(r.rule_id) > 0) {
      EXPECT_EQ(r.default_severity, v1::SEVERITY_INFO) << r.rule_id;
      ++infos;
    } else {
      EXPECT_NE(r.default_severity, v1::SEVERITY_INFO) << r.rule_id;
    }
  }
  EXPECT_EQ(infos, 6);
}

}  // namespace
}  // namespace dangjian
