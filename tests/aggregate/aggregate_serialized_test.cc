// Aggregator::AddSerialized() and RecordStreamReader::NextSerialized(): the
// record decoder must agree with protobuf's parser on every record of
// generated datasets (clean and with planted faults), on hand-made encodings
// that no writer produces, and on every record stream of the bad-input
// catalogue.
#include <dirent.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/record.h"
#include "dangjian/record_stream.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/generated.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;

AggregatorOptions Options(int32_t year) {
  AggregatorOptions o;
  o.year = year;
  o.worklist_cap = 1000;
  o.group_by.set_region_level(v1::REGION_LEVEL_COUNTY);
  return o;
}

std::unique_ptr<Aggregator> NewAggregator(int32_t year) {
  auto a = Aggregator::Create(Options(year));
  EXPECT_THAT(a.status(), IsOk());
  return *std::move(a);
}

// Collects a generated dataset as one record stream in memory.
class StreamSink : public RecordSink {
 public:
  StreamSink() { writer_ = *RecordStreamWriter::ToString(&bytes_); }
  absl::Status StartShard(const ShardInfo&) override {
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& r) override {
    records_.push_back(r);
    return writer_->Write(r);
  }
  absl::Status FinishShard() override { return absl::OkStatus(); }
  std::string Finish() {
    EXPECT_THAT(writer_->Close(), IsOk());
    return bytes_;
  }
  const std::vector<v1::Record>& records() const { return records_; }

 private:
  std::string bytes_;
  std::unique_ptr<RecordStreamWriter> writer_;
  std::vector<v1::Record> records_;
};

void ExpectSamePartial(Aggregator* parsed, Aggregator* serialized,
                       const std::string& what) {
  auto a = parsed->Finish();
  auto b = serialized->Finish();
  ASSERT_THAT(a.status(), IsOk());
  ASSERT_THAT(b.status(), IsOk());
  std::string diff;
  MessageDifferencer d;
  d.ReportDifferencesToString(&diff);
  EXPECT_TRUE(d.Compare(*a, *b)) << what << ": " << diff.substr(0, 2000);
}

// Adds `bytes` through AddSerialized() to one aggregator and, parsed, through
// Add() to another. AddSerialized() must accept when `well_formed` (the
// bytes pass the readers' strict wire check; protobuf then parses them) and
// refuse otherwise; the partials must be equal.
void ExpectAgreement(absl::string_view bytes, bool well_formed, int32_t year,
                     const std::string& what) {
  auto parsed = NewAggregator(year);
  auto serialized = NewAggregator(year);
  const absl::Status s = serialized->AddSerialized(bytes);
  if (well_formed) {
    v1::Record r;
    ASSERT_TRUE(r.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        << what;
    EXPECT_THAT(s, IsOk()) << what;
    EXPECT_THAT(parsed->Add(r), IsOk());
  } else {
    EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument,
                            HasSubstr("not a well-formed dangjian.v1.Record")))
        << what;
  }
  ExpectSamePartial(parsed.get(), serialized.get(), what);
}

TEST(AddSerializedTest, AgreesWithTheParserOnEveryGeneratedRecord) {
  for (double faults : {0.0, 0.2}) {
    const NationalScenarioOptions options = testing::SmallNational(faults);
    const std::vector<v1::Record> records = testing::GeneratedRecords(options);
    int64_t hot = 0;
    for (size_t i = 0; i < records.size(); ++i) {
      const v1::Record& r = records[i];
      hot += r.has_member() || r.has_host_organization();
      ExpectAgreement(r.SerializeAsString(), true, options.year,
                      absl::StrCat("faults ", faults, " record ", i, " ",
                                   RecordKindName(r)));
    }
    EXPECT_GT(hot, 6000);
  }
}

TEST(AddSerializedTest, AWholeStreamThroughNextSerializedEqualsNext) {
  NationalScenarioOptions options;
  options.host_organizations = 20000;
  options.members = 60000;
  options.units_per_county = 4000;
  StreamSink sink;
  ASSERT_THAT(GenerateNational(options, &sink), IsOk());
  const std::string bytes = sink.Finish();

  auto parsed = NewAggregator(options.year);
  auto serialized = NewAggregator(options.year);
  auto a = RecordStreamReader::FromBuffer(bytes, "a.djr");
  auto b = RecordStreamReader::FromBuffer(bytes, "b.djr");
  ASSERT_THAT(a.status(), IsOk());
  ASSERT_THAT(b.status(), IsOk());
  v1::Record r;
  int64_t n = 0;
  while ((*a)->Next(&r)) ASSERT_THAT(parsed->Add(r), IsOk());
  absl::string_view record;
  while ((*b)->NextSerialized(&record)) {
    ASSERT_THAT(serialized->AddSerialized(record), IsOk());
    EXPECT_EQ((*b)->location().record_index(), n + 1);
    ++n;
  }
  EXPECT_THAT((*a)->status(), IsOk());
  EXPECT_THAT((*b)->status(), IsOk());
  EXPECT_EQ(n, static_cast<int64_t>(sink.records().size()));
  ASSERT_NE((*b)->trailer(), nullptr);
  EXPECT_EQ((*b)->trailer()->record_count(), n);
  ExpectSamePartial(parsed.get(), serialized.get(), "whole stream");
}

TEST(AddSerializedTest, TheBanner) {
  v1::Dataset d = BuildKeshiketeng2014();
  auto parsed = NewAggregator(kKeshiketeng2014Year);
  auto serialized = NewAggregator(kKeshiketeng2014Year);
  ForEachRecord(d, [&](const v1::Record& r) {
    ASSERT_THAT(parsed->Add(r), IsOk());
    ASSERT_THAT(serialized->AddSerialized(r.SerializeAsString()), IsOk());
  });
  ExpectSamePartial(parsed.get(), serialized.get(), "keshiketeng");
}

// A member with every field the decoder reads, for the hand-made encodings.
v1::Record Member() {
  v1::Record r;
  v1::Member* m = r.mutable_member();
  m->set_id("m-1");
  m->set_name("张三");
  m->set_status(v1::MEMBER_STATUS_FULL);
  m->mutable_applied_on()->set_year(2010);
  m->mutable_probationary_on()->set_year(2017);
  m->mutable_full_on()->set_year(2018);
  m->set_host_organization_id("h-1");
  m->set_party_organization_id("p-1");
  m->set_is_owner(true);
  m->add_roles(v1::MEMBER_ROLE_SECRETARY);
  m->add_roles(v1::MEMBER_ROLE_SECRETARY);
  v1::MemberPost* p = m->add_posts();
  p->set_kind(v1::POST_KIND_TECHNICAL_SERVICE_TEAM);
  p->set_name("攻关队");
  m->add_posts()->set_kind(v1::POST_KIND_VANGUARD_POST);
  return r;
}

v1::Record Host() {
  v1::Record r;
  v1::HostOrganization* h = r.mutable_host_organization();
  h->set_id("h-1");
  h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  h->set_region_id("r-1");
  h->set_grid_id("g-1");
  h->set_industry("制造业");
  h->set_has_trade_union(true);
  h->mutable_owner()->set_name("李四");
  h->mutable_owner()->set_is_party_member(true);
  h->mutable_reported_member_counts()->set_full(4);
  h->mutable_registered_on()->set_year(2016);
  return r;
}

// The bytes of a Record holding one entity field `number` with `body`.
std::string Wrap(int number, const std::string& body) {
  std::string out;
  out.push_back(static_cast<char>(number << 3 | 2));
  size_t n = body.size();
  do {
    out.push_back(static_cast<char>((n & 0x7F) | (n > 0x7F ? 0x80 : 0)));
    n >>= 7;
  } while (n > 0);
  return out + body;
}

TEST(AddSerializedTest, EncodingsNoWriterProduces) {
  const std::string member = Member().member().SerializeAsString();
  const std::string host = Host().host_organization().SerializeAsString();
  v1::PartyOrganization org;
  org.set_id("o-1");
  org.set_formation(v1::FORMATION_MODEL_STANDALONE);
  org.add_host_organization_ids("h-1");
  const std::string party = org.SerializeAsString();
  ASSERT_LT(member.size(), 128u);
  struct Case {
    std::string name;
    std::string bytes;
    bool well_formed;
  };
  const std::vector<Case> cases = {
      {"plain member", Wrap(9, member), true},
      {"plain host", Wrap(5, host), true},
      // Fields repeated: the last scalar wins, submessages merge.
      {"status twice", Wrap(9, member + "\x18\x02"), true},
      {"date merged", Wrap(9, member + std::string("\x42\x02\x10\x05", 4)),
       true},
      {"date year replaced", Wrap(9, member + "\x42\x03\x08\xdf\x0f"), true},
      {"ids replaced", Wrap(9, member + "\x4a\x03h-2"), true},
      {"owner merged", Wrap(5, host + "\x5a\x02\x18\x01"), true},
      {"reported replaced",
       Wrap(5, host + std::string("\x82\x01\x02\x08\x00", 5)), true},
      // The entity field twice: merged by protobuf.
      {"member in two parts", Wrap(9, member) + Wrap(9, "\x18\x01"), true},
      // Two entities: protobuf would keep the last; refused.
      {"host then member", Wrap(5, host) + Wrap(9, member), false},
      // Varints at the edges.
      {"10-byte status varint",
       Wrap(9, member + std::string("\x18\x81\x80\x80\x80\x80\x80\x80\x80\x80"
                                    "\x00",
                                    11)),
       true},
      {"negative status",
       Wrap(9, member + std::string("\x18\xff\xff\xff\xff"
                                    "\xff\xff\xff\xff\xff"
                                    "\x01",
                                    11)),
       true},
      {"status beyond int32", Wrap(9, member + "\x18\x80\x80\x80\x80\x10"),
       true},
      {"bool of 2", Wrap(9, member + "\x78\x02"), true},
      {"non-canonical length prefix",
       std::string("\x4a") + static_cast<char>(member.size() | 0x80) +
           std::string(1, '\0') + member,
       true},
      // Unknown field numbers (a newer schema): allowed, then ignored.
      {"unknown field", Wrap(9, member + "\xf8\x07\x01"), true},
      {"unknown field in a date", Wrap(9, member + "\x42\x02\x20\x01"), true},
      // Dates: the 7-byte form writers make (year in two varint bytes, month,
      // day) is read directly; every other form goes the general way.
      {"full date", Wrap(9, member + "\x3a\x07\x08\xe1\x0f\x10\x07\x18\x01"),
       true},
      {"full date, fields reordered",
       Wrap(9, member + "\x3a\x07\x10\x07\x08\xe1\x0f\x18\x01"), true},
      {"year of one byte", Wrap(9, member + "\x3a\x06\x08\x64\x10\x07\x18\x01"),
       true},
      {"year of three bytes",
       Wrap(9, member + "\x3a\x08\x08\xa0\x9c\x01\x10\x07\x18\x01"), true},
      {"full date, day as a string",
       Wrap(9, member + std::string("\x3a\x08\x08\xe1\x0f\x10\x07\x1a\x01"
                                    "\x00",
                                    10)),
       false},
      // Look-alikes of the 7-byte form, which the direct read must leave to
      // the general way: a continued month or year, a date cut short.
      {"full date, month continued",
       Wrap(9, member + "\x3a\x07\x08\xe1\x0f\x10\x87\x18\x01"), false},
      {"full date, year of three bytes",
       Wrap(9, member + "\x3a\x07\x08\xe1\x8f\x10\x07\x18\x01"), false},
      {"full date, cut short",
       Wrap(9, member + "\x3a\x07\x08\xe1\x0f\x10\x07\x18"), false},
      {"full date, then another field",
       Wrap(9, member + "\x3a\x07\x08\xe1\x0f\x10\x07\x18\x01\x18\x02"), true},
      {"registered on, full date",
       Wrap(5, host + "\x8a\x01\x07\x08\xe0\x0f\x10\x02\x18\x03"), true},
      {"registered on, year of one byte",
       Wrap(5, host + "\x8a\x01\x02\x08\x05"), true},
      {"unpacked roles", Wrap(9, member + "\x80\x01\x01"), true},
      {"unknown top-level field", Wrap(9, member) + "\xf8\x07\x01", true},
      // Known fields with the wrong wire type: protobuf would keep them as
      // unknown fields and lose the value; the strict check refuses them.
      {"status as a string", Wrap(9, member + "\x1a\x01x"), false},
      {"date as a varint", Wrap(9, member + "\x40\x01"), false},
      {"a varint's 10th byte above 1",
       Wrap(9, member + std::string("\x18\x81\x80\x80\x80\x80\x80\x80\x80\x80"
                                    "\x02",
                                    11)),
       false},
      // Bad bytes protobuf refuses too.
      {"name not UTF-8", Wrap(9, member + "\x12\x02\xff\xfe"), false},
      {"post name not UTF-8", Wrap(9, member + "\x8a\x01\x04\x12\x02\xc3\x28"),
       false},
      {"owner name not UTF-8", Wrap(5, host + "\x5a\x03\x0a\x01\x80"), false},
      {"truncated member", Wrap(9, member).substr(0, 20), false},
      {"length past the end", Wrap(9, member + "\x4a\x09h"), false},
      {"varint cut short", Wrap(9, member + "\x18"), false},
      // Party organizations are decoded too (more of them below); the other
      // kinds are parsed into a message of their own type, kept from record
      // to record, or as a whole Record when not one field.
      {"plain party organization", Wrap(6, party), true},
      {"party organization in two parts", Wrap(6, party) + Wrap(6, "\x20\x02"),
       true},
      {"party organization then host", Wrap(6, party) + Wrap(5, host), false},
      {"party organization name not UTF-8", Wrap(6, party + "\x12\x02\xff\xfe"),
       false},
      {"party organization with an unknown field",
       Wrap(6, party + "\xf8\x07\x01"), true},
      {"party organization's formation as a string",
       Wrap(6, party + "\x22\x01x"), false},
      {"empty party organization", std::string("\x32\x00", 2), true},
      {"header", Wrap(1, ""), true},
      {"empty", "", true},
      // A fuzzer finding: an empty host hashed a null id pointer (UBSan).
      {"empty host", std::string("\x2a\x00", 2), true},
      {"empty member", std::string("\x4a\x00", 2), true},
      {"garbage", "\xff\xff\xff", false},
  };
  for (const Case& c : cases) {
    ExpectAgreement(c.bytes, c.well_formed, 2017, c.name);
  }
}

// Lengths as protobuf's parser reads them: a varint of at most 5 bytes, the
// 5th below 8. A longer encoding of a small length is a valid varint that
// protobuf refuses, so the decoders refuse it too (a fuzzer finding: an empty
// host whose length was 0 in 6 bytes was added, and protobuf refused it).
TEST(AddSerializedTest, LengthsAsProtobufReadsThem) {
  const std::string member = Member().member().SerializeAsString();
  ASSERT_LT(member.size(), 128u);
  const char size = static_cast<char>(member.size() | 0x80);
  struct Case {
    std::string name;
    std::string bytes;
    bool protobuf_takes;
  };
  const std::vector<Case> cases = {
      {"entity length in 5 bytes",
       std::string("\x4a") + size + std::string("\x80\x80\x80\x00", 4) + member,
       true},
      {"entity length in 6 bytes",
       std::string("\x4a") + size + std::string("\x80\x80\x80\x80\x00", 5) +
           member,
       false},
      {"empty host, length in 5 bytes",
       std::string("\x2a\x80\x80\x80\x80\x00", 6), true},
      {"empty host, length in 6 bytes",
       std::string("\x2a\x80\x80\x80\x80\x80\x00", 7), false},
      {"entity length with a 5th byte of 8",
       std::string("\x4a\x80\x80\x80\x80\x08", 6) + member, false},
      {"unit id's length in 5 bytes",
       Wrap(9, member + std::string("\x4a\x83\x80\x80\x80\x00h-2", 9)), true},
      {"unit id's length in 6 bytes",
       Wrap(9, member + std::string("\x4a\x83\x80\x80\x80\x80\x00h-2", 10)),
       false},
      {"date's length in 6 bytes",
       Wrap(9, member + std::string("\x3a\x82\x80\x80\x80\x80\x00\x08\x05", 9)),
       false},
  };
  for (const Case& c : cases) {
    v1::Record r;
    EXPECT_EQ(r.ParseFromString(c.bytes), c.protobuf_takes) << c.name;
    ExpectAgreement(c.bytes, c.protobuf_takes, 2017, c.name);
  }
}

// A party organization, funding, venue and activity with every field the
// decoder reads, for the hand-made encodings (grids, cadre assignments and
// annual results are made in the test).
v1::PartyOrganization Org() {
  v1::PartyOrganization o;
  o.set_id("o-1");
  o.set_name("党支部");
  o.set_level(v1::ORG_LEVEL_BRANCH);
  o.set_formation(v1::FORMATION_MODEL_STANDALONE);
  o.add_host_organization_ids("h-1");
  o.add_host_organization_ids("h-2");
  o.set_region_id("r-1");
  o.mutable_founded_on()->set_year(2012);
  v1::CommitteeSeat* seat = o.add_committee();
  seat->set_member_id("m-1");
  seat->set_name("王五");
  seat->set_role(v1::COMMITTEE_ROLE_SECRETARY);
  v1::StarAssessment* a = o.add_star_assessments();
  a->set_year(2016);
  a->set_stars(3);
  a = o.add_star_assessments();
  a->set_year(2017);
  a->set_stars(4);
  a->set_activities_good(true);
  a->set_standard_version("2014");
  a->mutable_assessed_on()->set_year(2017);
  a->set_score(88);
  o.set_demonstration_point(true);
  o.set_venue_id("v-1");
  o.mutable_term_started_on()->set_year(2015);
  o.set_previous_party_organization_id("o-0");
  return o;
}

v1::Funding Funding() {
  v1::Funding f;
  f.set_id("f-1");
  f.set_party_organization_id("o-1");
  f.set_year(2017);
  f.set_source(v1::FUNDING_SOURCE_DUES_RETURNED);
  f.set_amount_fen(123456);
  f.mutable_received_on()->set_year(2017);
  f.set_note("备注");
  return f;
}

v1::Venue Venue() {
  v1::Venue v;
  v.set_id("v-1");
  v.set_name("活动室");
  v.set_party_organization_id("o-1");
  v.set_ownership(v1::VENUE_OWNERSHIP_OWN);
  v.set_area_square_metres(60);
  v.set_has_site(true);
  v.set_has_signage(true);
  v.set_has_rules_on_wall(true);
  v.set_latitude(43.6);
  v.set_longitude(117.5);
  return v;
}

v1::Activity Activity() {
  v1::Activity a;
  a.set_id("a-1");
  a.set_kind(v1::ACTIVITY_KIND_OWNER_TRAINING_CLASS);
  a.set_party_organization_id("o-1");
  a.mutable_held_on()->set_year(2017);
  a.mutable_held_on()->set_month(5);
  a.mutable_held_on()->set_day(4);
  a.set_count(2);
  a.set_participants(40);
  a.set_title("培训");
  return a;
}

v1::Grid Grid() {
  v1::Grid grid;
  grid.set_id("g-1");
  grid.set_party_organization_id("o-1");
  grid.set_region_id("r-1");
  grid.set_instructor_name("赵六");
  grid.set_instructor_phone("13800000000");
  return grid;
}

v1::CadreAssignment Cadre() {
  v1::CadreAssignment cadre;
  cadre.set_id("c-1");
  cadre.set_kind(static_cast<v1::CadreAssignmentKind>(1));
  cadre.set_grid_id("g-1");
  cadre.mutable_start_on()->set_year(2015);
  return cadre;
}

v1::HostAnnualResult Result() {
  v1::HostAnnualResult result;
  result.set_host_organization_id("h-1");
  result.set_year(2017);
  result.set_jobs_provided(12);
  result.set_savings_fen(-300);
  result.set_innovation_projects(2);
  return result;
}

TEST(AddSerializedTest, EncodingsNoWriterProducesOfTheOtherDecodedKinds) {
  const std::string org = Org().SerializeAsString();
  const std::string funding = Funding().SerializeAsString();
  const std::string venue = Venue().SerializeAsString();
  const std::string activity = Activity().SerializeAsString();
  v1::PartyOrganization joint;
  joint.set_id("o-2");
  joint.set_formation(v1::FORMATION_MODEL_JOINT);
  joint.add_host_organization_ids("h-3");
  v1::Activity by_grid;
  by_grid.set_grid_id("g-1");
  by_grid.mutable_held_on()->set_year(2017);
  v1::Activity by_host;
  by_host.set_host_organization_id("h-1");
  by_host.set_kind(static_cast<v1::ActivityKind>(99));
  by_host.mutable_held_on()->set_year(2017);
  by_host.mutable_held_on()->set_month(13);
  const v1::Grid grid = Grid();
  const v1::CadreAssignment cadre = Cadre();
  const v1::HostAnnualResult result = Result();
  struct Case {
    std::string name;
    std::string bytes;
    bool well_formed;
  };
  const std::vector<Case> cases = {
      {"plain organization", Wrap(6, org), true},
      {"plain joint organization", Wrap(6, joint.SerializeAsString()), true},
      {"plain funding", Wrap(8, funding), true},
      {"plain venue", Wrap(7, venue), true},
      {"plain activity", Wrap(12, activity), true},
      {"activity of a grid", Wrap(12, by_grid.SerializeAsString()), true},
      {"activity of a host, kind and month out of range",
       Wrap(12, by_host.SerializeAsString()), true},
      // Fields repeated: the last scalar wins, submessages merge, repeated
      // fields add up.
      {"organization formation replaced", Wrap(6, org + "\x20\x02"), true},
      {"organization id replaced", Wrap(6, org + "\x0a\x03o-9"), true},
      {"a third host", Wrap(6, org + "\x2a\x03h-3"), true},
      {"another assessment of the year",
       Wrap(6, org + "\x62\x05\x08\xe1\x0f\x10\x05"), true},
      {"an assessment without a year", Wrap(6, org + "\x62\x02\x10\x05"), true},
      {"founded date merged, later year", Wrap(6, org + "\x42\x03\x08\xe2\x0f"),
       true},
      {"founded date merged, month only", Wrap(6, org + "\x42\x02\x10\x05"),
       true},
      {"dissolved before the year",
       Wrap(6, org + "\x8a\x01\x07\x08\xdf\x0f\x10\x01\x18\x01"), true},
      {"dissolved in year 0", Wrap(6, org + std::string("\x8a\x01\x00", 3)),
       true},
      {"demonstration point cleared", Wrap(6, org + std::string("\x68\x00", 2)),
       true},
      {"funding year replaced", Wrap(8, funding + "\x18\xe0\x0f"), true},
      {"funding source out of range", Wrap(8, funding + "\x20\x09"), true},
      {"negative amount",
       Wrap(8, funding + std::string("\x28\xff\xff\xff\xff"
                                     "\xff\xff\xff\xff\xff"
                                     "\x01",
                                     11)),
       true},
      {"funding of no organization",
       Wrap(8, funding + std::string("\x12\x00", 2)), true},
      {"venue has cleared", Wrap(7, venue + std::string("\x48\x00", 2)), true},
      {"venue has set by 2", Wrap(7, venue + "\x50\x02"), true},
      {"venue ownership out of range", Wrap(7, venue + "\x20\x07"), true},
      {"activity month merged", Wrap(12, activity + "\x32\x02\x10\x0b"), true},
      {"activity year merged", Wrap(12, activity + "\x32\x03\x08\xe0\x0f"),
       true},
      {"activity date of one-byte year",
       Wrap(12, activity + "\x32\x06\x08\x64\x10\x07\x18\x01"), true},
      {"activity count 0", Wrap(12, activity + std::string("\x38\x00", 2)),
       true},
      {"activity with no date", Wrap(12, "\x0a\x01x"), true},
      // Unknown fields (a newer schema): allowed, and left to protobuf.
      {"organization with an unknown field", Wrap(6, org + "\xf8\x07\x01"),
       true},
      {"assessment with an unknown field",
       Wrap(6, org + "\x62\x03\xf0\x07\x01"), true},
      {"seat with an unknown field", Wrap(6, org + "\x5a\x03\xf0\x07\x01"),
       true},
      {"funding with an unknown field", Wrap(8, funding + "\xf8\x07\x01"),
       true},
      {"venue with an unknown field", Wrap(7, venue + "\xf8\x07\x01"), true},
      {"activity with an unknown field", Wrap(12, activity + "\xf8\x07\x01"),
       true},
      {"funding in two parts", Wrap(8, funding) + Wrap(8, "\x20\x02"), true},
      // Known fields with the wrong wire type: refused.
      {"formation as a string", Wrap(6, org + "\x22\x01x"), false},
      {"host ids as a varint", Wrap(6, org + "\x28\x01"), false},
      {"assessment year as a string", Wrap(6, org + "\x62\x03\x0a\x01x"),
       false},
      {"seat role as a string", Wrap(6, org + "\x5a\x03\x1a\x01x"), false},
      {"amount as a string", Wrap(8, funding + "\x2a\x01x"), false},
      {"latitude as a varint", Wrap(7, venue + "\x78\x01"), false},
      {"latitude cut short", Wrap(7, venue + "\x79\x01\x02\x03"), false},
      {"held on as a varint", Wrap(12, activity + "\x30\x01"), false},
      // Strings that are not UTF-8, wherever they are: refused.
      {"host id not UTF-8", Wrap(6, org + "\x2a\x02\xff\xfe"), false},
      {"seat name not UTF-8", Wrap(6, org + "\x5a\x04\x12\x02\xc3\x28"), false},
      {"assessment version not UTF-8", Wrap(6, org + "\x62\x03\x42\x01\x80"),
       false},
      {"funding note not UTF-8", Wrap(8, funding + "\x3a\x01\x80"), false},
      {"venue address not UTF-8", Wrap(7, venue + "\x32\x01\x80"), false},
      {"activity title not UTF-8", Wrap(12, activity + "\x4a\x01\x80"), false},
      {"truncated organization", Wrap(6, org).substr(0, 30), false},
      {"truncated activity", Wrap(12, activity).substr(0, 12), false},
      // Grids, cadre assignments and annual results.
      {"plain grid", Wrap(4, grid.SerializeAsString()), true},
      {"grid's instructor cleared",
       Wrap(4, grid.SerializeAsString() + std::string("\x3a\x00", 2)), true},
      {"grid's instructor phone not UTF-8",
       Wrap(4, grid.SerializeAsString() + "\x4a\x01\x80"), false},
      {"plain cadre", Wrap(10, cadre.SerializeAsString()), true},
      {"cadre ended before the year",
       Wrap(10, cadre.SerializeAsString() + "\x42\x03\x08\xdf\x0f"), true},
      {"cadre kind out of range",
       Wrap(10, cadre.SerializeAsString() + "\x10\x07"), true},
      {"cadre start as a varint",
       Wrap(10, cadre.SerializeAsString() + "\x38\x01"), false},
      {"plain result", Wrap(13, result.SerializeAsString()), true},
      {"result of another year",
       Wrap(13, result.SerializeAsString() + "\x18\xdf\x0f"), true},
      {"result savings replaced",
       Wrap(13, result.SerializeAsString() + "\x48\x05"), true},
      {"result with an unknown field",
       Wrap(13, result.SerializeAsString() + "\xf8\x07\x01"), true},
      {"empty venue", std::string("\x3a\x00", 2), true},
      {"empty funding", std::string("\x42\x00", 2), true},
      {"empty activity", std::string("\x62\x00", 2), true},
  };
  for (const Case& c : cases) {
    // 2017 is the year of the assessments, funding and activities above;
    // 2016 counts the other assessment, and none of the rest.
    ExpectAgreement(c.bytes, c.well_formed, 2017, c.name);
    ExpectAgreement(c.bytes, c.well_formed, 2016, c.name + " (2016)");
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(NextSerializedTest, AgreesWithNextOnEveryBadInputStream) {
  const std::string dir =
      std::string(DANGJIAN_SOURCE_DIR) + "/tests/bad_inputs/";
  DIR* d = opendir(dir.c_str());
  ASSERT_NE(d, nullptr);
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    if (absl::EndsWith(e->d_name, ".djr")) names.push_back(e->d_name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  ASSERT_GE(names.size(), 40u);
  for (const std::string& name : names) {
    const std::string bytes = ReadFile(dir + name);
    auto a = RecordStreamReader::FromBuffer(bytes, name);
    auto b = RecordStreamReader::FromBuffer(bytes, name);
    ASSERT_EQ(a.ok(), b.ok()) << name;
    if (!a.ok()) {
      EXPECT_EQ(a.status(), b.status()) << name;
      continue;
    }
    auto parsed = NewAggregator(2017);
    auto serialized = NewAggregator(2017);
    v1::Record r;
    absl::string_view record;
    int64_t n = 0, m = 0;
    while ((*a)->Next(&r)) {
      ++n;
      ASSERT_THAT(parsed->Add(r), IsOk());
    }
    while ((*b)->NextSerialized(&record)) {
      ++m;
      ASSERT_THAT(serialized->AddSerialized(record), IsOk()) << name;
    }
    EXPECT_EQ(n, m) << name;
    EXPECT_EQ((*a)->status(), (*b)->status()) << name;
    EXPECT_EQ((*a)->offset(), (*b)->offset()) << name;
    ExpectSamePartial(parsed.get(), serialized.get(), name);

    // The reader leaving the wire check to AddSerialized(): the aggregator
    // refuses exactly the record the checking reader stops at.
    RecordStreamReaderOptions unchecked;
    unchecked.check_serialized = false;
    auto c = RecordStreamReader::FromBuffer(bytes, name, unchecked);
    ASSERT_THAT(c.status(), IsOk()) << name;
    auto aggregated = NewAggregator(2017);
    int64_t k = 0;
    bool refused = false;
    while ((*c)->NextSerialized(&record)) {
      if (!aggregated->AddSerialized(record).ok()) {
        refused = true;
        break;
      }
      ++k;
    }
    EXPECT_EQ(k, n) << name;
    const bool wire_damage =
        absl::StrContains((*a)->status().message(), "corrupt:");
    EXPECT_EQ(refused, wire_damage && (*c)->status().ok()) << name;
    auto again = NewAggregator(2017);
    auto d2 = RecordStreamReader::FromBuffer(bytes, name);
    while ((*d2)->Next(&r)) ASSERT_THAT(again->Add(r), IsOk());
    ExpectSamePartial(again.get(), aggregated.get(), name + " unchecked");
  }
}

TEST(AddSerializedTest, RefusedAfterFinish) {
  auto a = NewAggregator(2017);
  ASSERT_THAT(a->Finish().status(), IsOk());
  EXPECT_THAT(a->AddSerialized(Member().SerializeAsString()),
              StatusIs(absl::StatusCode::kFailedPrecondition, ::testing::_));
}

}  // namespace
}  // namespace dangjian
