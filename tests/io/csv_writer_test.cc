// CSV ledgers written by CsvLedgerWriter and WriteCsvLedgers(): round trips
// of every table with full fidelity, the fields no ledger holds, masking,
// quoting and the spreadsheet injection guard.
#include <iconv.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/record.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "io/csv_ledger_fixture.h"
#include "testing/csv_import.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::csv_testing::Convert;
using ::dangjian::csv_testing::kHosts;
using ::dangjian::csv_testing::kId;
using ::dangjian::csv_testing::Messages;
using ::dangjian::csv_testing::Read;
using ::dangjian::testing::Import;
using ::dangjian::testing::IsOk;
using ::dangjian::testing::ReadAllWays;
using ::dangjian::testing::StatusIs;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Sets every Date of `m` to a real date and personal data to valid values,
// so that a populated message is a valid ledger row.
void MakeLedgerValid(google::protobuf::Message* m) {
  const auto* d = m->GetDescriptor();
  const auto* r = m->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const auto* f = d->field(i);
    if (f->name() == "national_id") r->SetString(m, f, kId);
    if (f->name() == "phone" || f->name() == "instructor_phone") {
      r->SetString(m, f, "0476-5222333");
    }
    if (f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      continue;
    }
    if (f->is_repeated()) {
      // Posts, seats, changes of status: each element valid.
      for (int k = 0; k < r->FieldSize(*m, f); ++k) {
        MakeLedgerValid(r->MutableRepeatedMessage(m, f, k));
      }
      continue;
    }
    if (!r->HasField(*m, f)) continue;
    auto* child = r->MutableMessage(m, f);
    if (auto* date = dynamic_cast<v1::Date*>(child)) {
      date->set_year(2000 + i);
      date->set_month(1 + i % 12);
      date->set_day(1 + i % 28);
    } else {
      MakeLedgerValid(child);
    }
  }
}

TEST(CsvWriterTest, EveryTableRoundTripsWithFullFidelity) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d, 3);
  for (CsvTable table :
       {CsvTable::kRegions, CsvTable::kGrids, CsvTable::kHostOrganizations,
        CsvTable::kPartyOrganizations, CsvTable::kVenues, CsvTable::kFunding,
        CsvTable::kMembers, CsvTable::kActivities, CsvTable::kStarAssessments,
        CsvTable::kCadreAssignments, CsvTable::kReserveTalent,
        CsvTable::kHostAnnualResults, CsvTable::kRegionEconomies}) {
    SCOPED_TRACE(CsvTableName(table));
    const auto* list = v1::Dataset::descriptor()->FindFieldByName(
        std::string(CsvTableName(table)));
    const google::protobuf::FieldDescriptor* field = nullptr;
    for (int k = 0; k < v1::Record::descriptor()->field_count(); ++k) {
      const auto* f = v1::Record::descriptor()->field(k);
      if (f->message_type() == list->message_type()) field = f;
    }
    ASSERT_NE(field, nullptr);
    CsvWriterOptions o;
    o.table = table;
    o.full_fidelity = true;
    std::string csv;
    auto w = CsvLedgerWriter::ToString(&csv, o);
    ASSERT_THAT(w, IsOk());
    std::vector<v1::Record> written;
    for (int i = 0; i < 3; ++i) {
      v1::Record rec;
      auto* entity = rec.GetReflection()->MutableMessage(&rec, field);
      entity->CopyFrom(d.GetReflection()->GetRepeatedMessage(d, list, i));
      MakeLedgerValid(entity);
      ASSERT_THAT((*w)->Write(rec), IsOk());
      written.push_back(rec);
    }
    ASSERT_THAT((*w)->Close(), IsOk());
    CsvReaderOptions ro;
    ro.table = table;
    Import im = Read(csv, "out.csv", ro);
    ASSERT_THAT(im.open, IsOk());
    EXPECT_EQ(im.summary.encoding, TextEncoding::kUtf8Bom);
    ASSERT_EQ(im.records.size(), 3u) << Messages(im);
    EXPECT_TRUE(im.findings.empty()) << Messages(im);
    for (int i = 0; i < 3; ++i) {
      // An organization's nested star assessments go to the star ledger,
      // not to its row: compare the rest.
      v1::Record want = written[i];
      auto* e = want.GetReflection()->MutableMessage(&want, field);
      for (const char* name : {"star_assessments"}) {
        const auto* f = e->GetDescriptor()->FindFieldByName(name);
        if (f != nullptr) e->GetReflection()->ClearField(e, f);
      }
      EXPECT_TRUE(MessageDifferencer::Equals(want, im.records[i]))
          << want.DebugString() << "\nvs\n"
          << im.records[i].DebugString();
    }
  }
}

// Every kind of record has a ledger and every field a column; a post, seat or
// role that a cell would not read back the same is named.
TEST(CsvWriterTest, FieldsNoLedgerHoldsAreNamed) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d, 1);
  std::set<std::string> left_out;
  int records = 0;
  ForEachRecord(d, [&](const v1::Record& r) {
    ++records;
    // Valid rows (real dates): a change, event or assessment whose date a
    // cell cannot read back is named below.
    v1::Record row = r;
    MakeLedgerValid(&row);
    for (const std::string& f : FieldsNoLedgerHolds(row)) left_out.insert(f);
  });
  EXPECT_GT(records, 10);
  EXPECT_THAT(left_out, ::testing::IsEmpty());
  // A post or seat whose text holds the cell's separators cannot be written
  // as it is: named, not changed.
  v1::Record post;
  post.mutable_member()->set_id("m1");
  post.mutable_member()->add_posts()->set_name("质检；包装");
  EXPECT_THAT(FieldsNoLedgerHolds(post), ElementsAre("member.posts"));
  post.mutable_member()->mutable_posts(0)->set_name("质检、包装");
  EXPECT_TRUE(FieldsNoLedgerHolds(post).empty());
  v1::Record seat;
  seat.mutable_party_organization()->set_id("p1");
  seat.mutable_party_organization()->add_committee()->set_name("张三、李四");
  EXPECT_THAT(FieldsNoLedgerHolds(seat),
              ElementsAre("party_organization.committee"));
  seat.mutable_party_organization()->mutable_committee(0)->set_name("张三");
  EXPECT_TRUE(FieldsNoLedgerHolds(seat).empty());
  seat.mutable_party_organization()->mutable_committee(0)->set_name("");
  EXPECT_THAT(FieldsNoLedgerHolds(seat),
              ElementsAre("party_organization.committee"));
  // A change of status without a date, or with no status, cannot be
  // written as 日期：状态.
  v1::Record unit;
  unit.mutable_host_organization()->set_id("h1");
  v1::HostStatusChange* change =
      unit.mutable_host_organization()->add_status_changes();
  change->set_status(v1::HOST_STATUS_CLOSED);
  EXPECT_THAT(FieldsNoLedgerHolds(unit),
              ElementsAre("host_organization.status_changes"));
  change->mutable_on()->set_year(2019);
  EXPECT_TRUE(FieldsNoLedgerHolds(unit).empty());
  // A date a cell would not read back (the whole cell would be refused).
  change->mutable_on()->set_month(13);
  EXPECT_THAT(FieldsNoLedgerHolds(unit),
              ElementsAre("host_organization.status_changes"));
  change->mutable_on()->set_month(0);
  change->mutable_on()->set_year(0);
  EXPECT_THAT(FieldsNoLedgerHolds(unit),
              ElementsAre("host_organization.status_changes"));
  change->mutable_on()->set_year(2019);
  change->set_status(v1::HOST_STATUS_UNSPECIFIED);
  EXPECT_THAT(FieldsNoLedgerHolds(unit),
              ElementsAre("host_organization.status_changes"));
  v1::Record role;
  role.mutable_member()->set_id("m1");
  role.mutable_member()->add_roles(v1::MEMBER_ROLE_SECRETARY);
  EXPECT_TRUE(FieldsNoLedgerHolds(role).empty());
  role.mutable_member()->add_roles(v1::MEMBER_ROLE_UNSPECIFIED);
  EXPECT_THAT(FieldsNoLedgerHolds(role), ElementsAre("member.roles"));
  for (const char* table :
       {"cadre_assignment", "reserve_talent", "host_annual_result",
        "region_economy", "star_assessment", "member"}) {
    EXPECT_NE(CsvTableFromName(table), CsvTable::kAuto) << table;
  }
  v1::Record plain;
  plain.mutable_member()->set_id("m1");
  EXPECT_TRUE(FieldsNoLedgerHolds(plain).empty());
  EXPECT_TRUE(FieldsNoLedgerHolds(v1::Record()).empty());
}

// A unit's changes of status are one cell, 日期：状态 items: read, written
// the same, and refused with the cell's place and why.
TEST(CsvRowTest, StatusChanges) {
  CsvReaderOptions ro;
  ro.table = CsvTable::kHostOrganizations;
  Import im = Read(
      "单位标识,经营状态,经营状态变更\n"
      "h1,存续,2019-06-30：注销；2021年3月1日:在营\n"
      "h2,注销,2019-06：吊销\n"
      "h3,,2019-06-30 注销\n"
      "h4,,2019-13-01：注销\n"
      "h5,,2019-06-30：破产\n",
      "单位.csv", ro);
  ASSERT_EQ(im.records.size(), 5u) << Messages(im);
  const v1::HostOrganization h1 = im.records[0].host_organization();
  ASSERT_EQ(h1.status_changes_size(), 2);
  EXPECT_EQ(h1.status_changes(0).on().year(), 2019);
  EXPECT_EQ(h1.status_changes(0).on().day(), 30);
  EXPECT_EQ(h1.status_changes(0).status(), v1::HOST_STATUS_CLOSED);
  EXPECT_EQ(h1.status_changes(1).on().month(), 3);
  EXPECT_EQ(h1.status_changes(1).status(), v1::HOST_STATUS_OPERATING);
  const v1::HostOrganization h2 = im.records[1].host_organization();
  ASSERT_EQ(h2.status_changes_size(), 1);
  EXPECT_EQ(h2.status_changes(0).on().day(), 0);  // Known to the month.
  for (int i = 2; i < 5; ++i) {
    EXPECT_EQ(im.records[i].host_organization().status_changes_size(), 0);
  }
  const std::string messages = Messages(im);
  EXPECT_THAT(messages, HasSubstr("4:3:经营状态变更: status change "
                                  "\"2019-06-30 注销\": not a date and a "
                                  "status"));
  EXPECT_THAT(messages, HasSubstr("5:3:经营状态变更: status change "
                                  "\"2019-13-01：注销\": the date"));
  EXPECT_THAT(messages, HasSubstr("6:3:经营状态变更: status change "
                                  "\"2019-06-30：破产\""));
  EXPECT_THAT(messages, HasSubstr("write 日期：状态"));

  // Written back as read.
  CsvWriterOptions o;
  o.table = CsvTable::kHostOrganizations;
  std::string csv;
  auto w = CsvLedgerWriter::ToString(&csv, o);
  ASSERT_THAT(w, IsOk());
  v1::Record rec;
  *rec.mutable_host_organization() = h1;
  ASSERT_THAT((*w)->Write(rec), IsOk());
  *rec.mutable_host_organization() = h2;
  ASSERT_THAT((*w)->Write(rec), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT(csv, HasSubstr("2019-06-30：注销；2021-03-01：存续"));
  EXPECT_THAT(csv, HasSubstr("2019-06：注销"));
}

// A member's membership events are one cell,
// 日期：类别[：对方[：介绍信编号[：对方县区标识]]] items: read, written the
// same, and refused with the cell's place and why.
TEST(CsvRowTest, MembershipEvents) {
  CsvReaderOptions ro;
  ro.table = CsvTable::kMembers;
  Import im = Read(
      "人员标识,组织关系变动\n"
      "m1,2015-03-01：转入：红山区某支部：2015-007；2019年6月30日:转出::2019-"
      "015\n"
      "m2,2018-05：去世\n"
      "m3,2018-05-01：调走\n"
      "m4,转出\n"
      "m5,2020-01-10：转出：红山区某支部：2020-001：r150402\n"
      "m6,2020-01-10：转出：红山区某支部：2020-001：r150402：多余\n",
      "党员.csv", ro);
  ASSERT_EQ(im.records.size(), 6u) << Messages(im);
  const v1::Member m1 = im.records[0].member();
  ASSERT_EQ(m1.events_size(), 2);
  EXPECT_EQ(m1.events(0).kind(), v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN);
  EXPECT_EQ(m1.events(0).counterpart(), "红山区某支部");
  EXPECT_EQ(m1.events(0).letter_number(), "2015-007");
  EXPECT_EQ(m1.events(1).on().day(), 30);
  EXPECT_EQ(m1.events(1).counterpart(), "");
  EXPECT_EQ(m1.events(1).letter_number(), "2019-015");
  const v1::Member m2 = im.records[1].member();
  ASSERT_EQ(m2.events_size(), 1);
  EXPECT_EQ(m2.events(0).kind(), v1::MEMBERSHIP_EVENT_KIND_DIED);
  EXPECT_EQ(im.records[2].member().events_size(), 0);
  EXPECT_EQ(im.records[3].member().events_size(), 0);
  const v1::Member m5 = im.records[4].member();
  ASSERT_EQ(m5.events_size(), 1);
  EXPECT_EQ(m5.events(0).letter_number(), "2020-001");
  EXPECT_EQ(m5.events(0).counterpart_region_id(), "r150402");
  EXPECT_EQ(m1.events(0).counterpart_region_id(), "");
  EXPECT_EQ(im.records[5].member().events_size(), 0);
  const std::string messages = Messages(im);
  EXPECT_THAT(messages, HasSubstr("7:2:组织关系变动: membership event "
                                  "\"2020-01-10：转出：红山区某支部：2020-001："
                                  "r150402：多余\": not a date and a kind"));
  EXPECT_THAT(messages, HasSubstr("4:2:组织关系变动: membership event "
                                  "\"2018-05-01：调走\""));
  EXPECT_THAT(messages, HasSubstr("5:2:组织关系变动: membership event "
                                  "\"转出\": not a date and a kind"));

  CsvWriterOptions o;
  o.table = CsvTable::kMembers;
  std::string csv;
  auto w = CsvLedgerWriter::ToString(&csv, o);
  ASSERT_THAT(w, IsOk());
  v1::Record rec;
  *rec.mutable_member() = m1;
  ASSERT_THAT((*w)->Write(rec), IsOk());
  // The county of the other side after the letter; a county without a
  // letter or counterpart keeps their places empty.
  v1::Record county_only;
  *county_only.mutable_member() = m5;
  county_only.mutable_member()->mutable_events(0)->clear_letter_number();
  county_only.mutable_member()->mutable_events(0)->clear_counterpart();
  ASSERT_THAT((*w)->Write(county_only), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT(csv, HasSubstr("2015-03-01：转入：红山区某支部：2015-007；"
                             "2019-06-30：转出：：2019-015"));
  EXPECT_THAT(csv, HasSubstr("2020-01-10：转出：：：r150402"));
  // A counterpart with a colon in it cannot be written as it is.
  rec.mutable_member()->mutable_events(0)->set_counterpart("某支部：二组");
  EXPECT_THAT(FieldsNoLedgerHolds(rec), ElementsAre("member.events"));
  EXPECT_THAT(FieldsNoLedgerHolds(county_only), ::testing::IsEmpty());
  county_only.mutable_member()->mutable_events(0)->set_counterpart_region_id(
      "r150402；r150403");
  EXPECT_THAT(FieldsNoLedgerHolds(county_only), ElementsAre("member.events"));
}

// A venue's assessments are one cell, 日期：haves items: read, written the
// same, and refused with the cell's place and why.
TEST(CsvRowTest, VenueAssessments) {
  CsvReaderOptions ro;
  ro.table = CsvTable::kVenues;
  Import im = Read(
      "场所标识,六有评估记录\n"
      "v1,2016-05-01：有场所、设施；2019-05-01：六有齐全；2020-05：无\n"
      "v2,2016-05-01：有场所、有花园\n",
      "场所.csv", ro);
  ASSERT_EQ(im.records.size(), 2u) << Messages(im);
  const v1::Venue venue = im.records[0].venue();
  ASSERT_EQ(venue.assessments_size(), 3);
  EXPECT_TRUE(venue.assessments(0).has_site());
  EXPECT_TRUE(venue.assessments(0).has_facilities());
  EXPECT_FALSE(venue.assessments(0).has_signage());
  EXPECT_TRUE(venue.assessments(1).has_rules_on_wall());
  EXPECT_FALSE(venue.assessments(2).has_site());
  EXPECT_EQ(venue.assessments(2).on().day(), 0);
  EXPECT_EQ(im.records[1].venue().assessments_size(), 0);
  EXPECT_THAT(Messages(im), HasSubstr("3:2:六有评估记录: six-haves assessment "
                                      "\"2016-05-01：有场所、有花园\": "
                                      "\"有花园\" is none of the six haves"));
  CsvWriterOptions o;
  o.table = CsvTable::kVenues;
  std::string csv;
  auto w = CsvLedgerWriter::ToString(&csv, o);
  ASSERT_THAT(w, IsOk());
  v1::Record rec;
  *rec.mutable_venue() = venue;
  ASSERT_THAT((*w)->Write(rec), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT(csv,
              HasSubstr("2016-05-01：有场所、有设施；2019-05-01：六有齐全；"
                        "2020-05：无"));
  rec.mutable_venue()->mutable_assessments(0)->clear_on();
  EXPECT_THAT(FieldsNoLedgerHolds(rec), ElementsAre("venue.assessments"));
}

// A committee's past terms are one cell, 日期（seats） items split outside
// the brackets: read, written the same, and refused with the cell's place
// and why.
TEST(CsvRowTest, PastTerms) {
  CsvReaderOptions ro;
  ro.table = CsvTable::kPartyOrganizations;
  Import im = Read(
      "党组织标识,历届委员会\n"
      "p1,\"2015-07-01（书记：张三[m-1]；委员：李四、王五（挂职））；2018-"
      "07\"\n"
      "p2,2015-07-01（书记：张三\n"
      "p3,2015-07-01（书记：张三）又\n"
      "p4,2015-13-01\n"
      "p5,2015-07-01(委员：王五（挂职）)；2018-07-01（委员：李四)\n",
      "党组织.csv", ro);
  ASSERT_EQ(im.records.size(), 5u) << Messages(im);
  // ASCII brackets round a full-width seconded mark; a bracket closed by
  // the other kind is refused.
  EXPECT_EQ(im.records[4].party_organization().past_terms_size(), 0);
  EXPECT_THAT(Messages(im), HasSubstr("6:2:历届委员会: past committee term "
                                      "\"2018-07-01（委员：李四)\": text after "
                                      "the seats' brackets, or a （ not closed "
                                      "by ）"));
  {
    Import ascii =
        Read("党组织标识,历届委员会\np5,2015-07-01(委员：王五（挂职）)\n",
             "党组织.csv", ro);
    ASSERT_EQ(ascii.records.size(), 1u);
    const v1::PartyOrganization& p5 = ascii.records[0].party_organization();
    ASSERT_EQ(p5.past_terms_size(), 1) << Messages(ascii);
    ASSERT_EQ(p5.past_terms(0).committee_size(), 1);
    EXPECT_EQ(p5.past_terms(0).committee(0).name(), "王五");
    EXPECT_TRUE(p5.past_terms(0).committee(0).seconded());
  }
  const v1::PartyOrganization org = im.records[0].party_organization();
  ASSERT_EQ(org.past_terms_size(), 2);
  EXPECT_EQ(org.past_terms(0).started_on().year(), 2015);
  ASSERT_EQ(org.past_terms(0).committee_size(), 3);
  EXPECT_EQ(org.past_terms(0).committee(0).member_id(), "m-1");
  EXPECT_EQ(org.past_terms(0).committee(0).role(),
            v1::COMMITTEE_ROLE_SECRETARY);
  EXPECT_TRUE(org.past_terms(0).committee(2).seconded());
  EXPECT_EQ(org.past_terms(1).started_on().month(), 7);
  EXPECT_EQ(org.past_terms(1).committee_size(), 0);
  for (int i = 1; i < 5; ++i) {
    EXPECT_EQ(im.records[i].party_organization().past_terms_size(), 0) << i;
  }
  const std::string messages = Messages(im);
  EXPECT_THAT(messages, HasSubstr("3:2:历届委员会: past committee terms "
                                  "\"2015-07-01（书记：张三\": brackets that "
                                  "do not pair"));
  EXPECT_THAT(messages, HasSubstr("4:2:历届委员会: past committee term "
                                  "\"2015-07-01（书记：张三）又\": text after "
                                  "the seats' brackets"));
  EXPECT_THAT(messages, HasSubstr("5:2:历届委员会: past committee term "
                                  "\"2015-13-01\": the date"));
  CsvWriterOptions o;
  o.table = CsvTable::kPartyOrganizations;
  std::string csv;
  auto w = CsvLedgerWriter::ToString(&csv, o);
  ASSERT_THAT(w, IsOk());
  v1::Record rec;
  *rec.mutable_party_organization() = org;
  ASSERT_THAT((*w)->Write(rec), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT(csv, HasSubstr("2015-07-01（书记：张三[m-1]；委员：李四、"
                             "王五（挂职））；2018-07"));
  EXPECT_THAT(FieldsNoLedgerHolds(rec), ::testing::IsEmpty());
  rec.mutable_party_organization()
      ->mutable_past_terms(0)
      ->mutable_committee(1)
      ->set_name("李(四)");
  EXPECT_THAT(FieldsNoLedgerHolds(rec),
              ElementsAre("party_organization.past_terms"));
  rec.mutable_party_organization()->mutable_past_terms(0)->clear_committee();
  EXPECT_THAT(FieldsNoLedgerHolds(rec), ::testing::IsEmpty());
  rec.mutable_party_organization()->mutable_past_terms(1)->clear_started_on();
  EXPECT_THAT(FieldsNoLedgerHolds(rec),
              ElementsAre("party_organization.past_terms"));
}

// A member's roles and posts and an organization's committee are cells
// (docs/ledger-format.md): read, written the same, and refused with the
// cell's place and why.
TEST(CsvRowTest, RolesPostsAndSeats) {
  CsvReaderOptions ro;
  ro.table = CsvTable::kMembers;
  Import im = Read(
      "人员标识,姓名,党内职务,党员岗位\n"
      "m1,张三,书记、委员,党员示范岗：质检班组；党员先锋岗\n"
      "m2,李四,无,\n"
      "m3,王五,书记、局长,\n"
      "m4,赵六,支部书记、组织委员,示范岗位：质检\n"
      "m5,钱七,,党员示范岗：车间一、先锋岗：车间二；党员示范岗：质检、包装组\n",
      "党员.csv", ro);
  // A cell that cannot be read is left out, its row kept (with a warning).
  ASSERT_EQ(im.records.size(), 5u) << Messages(im);
  const v1::Member m = im.records[0].member();  // A copy: `im` is reused.
  EXPECT_THAT(m.roles(), ElementsAre(v1::MEMBER_ROLE_SECRETARY,
                                     v1::MEMBER_ROLE_COMMITTEE_MEMBER));
  ASSERT_EQ(m.posts_size(), 2);
  EXPECT_EQ(m.posts(0).kind(), v1::POST_KIND_DEMONSTRATION_POST);
  EXPECT_EQ(m.posts(0).name(), "质检班组");
  EXPECT_EQ(m.posts(1).kind(), v1::POST_KIND_VANGUARD_POST);
  EXPECT_EQ(m.posts(1).name(), "");
  EXPECT_EQ(im.records[1].member().roles_size(), 0);  // 无.
  EXPECT_EQ(im.records[2].member().roles_size(), 0);  // Left out.
  EXPECT_THAT(
      im.records[3].member().roles(),
      ElementsAre(v1::MEMBER_ROLE_SECRETARY, v1::MEMBER_ROLE_COMMITTEE_MEMBER));
  EXPECT_EQ(im.records[3].member().posts_size(), 0);  // Left out.
  const v1::Member& m5 = im.records[4].member();
  ASSERT_EQ(m5.posts_size(), 3);
  EXPECT_EQ(m5.posts(0).name(), "车间一");
  EXPECT_EQ(m5.posts(1).kind(), v1::POST_KIND_VANGUARD_POST);
  EXPECT_EQ(m5.posts(1).name(), "车间二");
  EXPECT_EQ(m5.posts(2).name(), "质检、包装组");  // 包装组 is no kind.
  const std::string messages = Messages(im);
  EXPECT_THAT(messages,
              HasSubstr("4:3:党内职务: \"局长\" is not one of: 书记"));
  EXPECT_THAT(messages, HasSubstr("5:4:党员岗位: post \"示范岗位：质检\""));
  EXPECT_THAT(messages, HasSubstr("left out, the row imported without it"));
  EXPECT_THAT(messages, Not(HasSubstr("[skipped]")));

  ro.table = CsvTable::kPartyOrganizations;
  im = Read(
      "党组织标识,班子成员\n"
      "p1,书记：张三[m-1]；委员：李四、王五（挂职）；副书记：［m-9］\n"
      "p2,赵六\n"
      "p3,主席：张三\n"
      "p4,委员：\n"
      "p5,委员：李四]\n"
      "p6,\"书记:张三,委员:李四、宣传委员：王五（挂职）[m-3]\"\n"
      "p7,书记：张三，主任：李四\n",
      "党组织.csv", ro);
  ASSERT_EQ(im.records.size(), 7u) << Messages(im);
  const v1::PartyOrganization& o = im.records[0].party_organization();
  ASSERT_EQ(o.committee_size(), 4);
  EXPECT_EQ(o.committee(0).role(), v1::COMMITTEE_ROLE_SECRETARY);
  EXPECT_EQ(o.committee(0).name(), "张三");
  EXPECT_EQ(o.committee(0).member_id(), "m-1");
  EXPECT_EQ(o.committee(1).role(), v1::COMMITTEE_ROLE_MEMBER);
  EXPECT_EQ(o.committee(1).name(), "李四");
  EXPECT_FALSE(o.committee(1).seconded());
  EXPECT_EQ(o.committee(2).name(), "王五");
  EXPECT_TRUE(o.committee(2).seconded());
  EXPECT_EQ(o.committee(3).role(), v1::COMMITTEE_ROLE_DEPUTY_SECRETARY);
  EXPECT_EQ(o.committee(3).name(), "");
  EXPECT_EQ(o.committee(3).member_id(), "m-9");
  const v1::PartyOrganization& p2 = im.records[1].party_organization();
  ASSERT_EQ(p2.committee_size(), 1);
  EXPECT_EQ(p2.committee(0).role(), v1::COMMITTEE_ROLE_UNSPECIFIED);
  EXPECT_EQ(p2.committee(0).name(), "赵六");
  for (int i : {2, 3, 4, 6}) {
    EXPECT_EQ(im.records[i].party_organization().committee_size(), 0) << i;
  }
  // A missing ； between roles, and the seconded mark before the id.
  const v1::PartyOrganization& p6 = im.records[5].party_organization();
  ASSERT_EQ(p6.committee_size(), 3);
  EXPECT_EQ(p6.committee(0).role(), v1::COMMITTEE_ROLE_SECRETARY);
  EXPECT_EQ(p6.committee(1).role(), v1::COMMITTEE_ROLE_MEMBER);
  EXPECT_EQ(p6.committee(1).name(), "李四");
  EXPECT_EQ(p6.committee(2).role(), v1::COMMITTEE_ROLE_MEMBER);
  EXPECT_EQ(p6.committee(2).name(), "王五");
  EXPECT_EQ(p6.committee(2).member_id(), "m-3");
  EXPECT_TRUE(p6.committee(2).seconded());
  const std::string seats = Messages(im);
  EXPECT_THAT(seats, HasSubstr("4:2:班子成员: committee seat \"主席：张三\""));
  EXPECT_THAT(seats,
              HasSubstr("5:2:班子成员: committee seat \"委员：\": a role "
                        "with no one in it"));
  EXPECT_THAT(seats, HasSubstr("6:2:班子成员: committee seat \"委员：李四]\""));
  EXPECT_THAT(
      seats,
      HasSubstr("8:2:班子成员: committee seat \"书记：张三，主任：李四\": "
                "a holder with a colon"));

  // Written back: seats of one role in a row are one item.
  CsvWriterOptions o2;
  o2.table = CsvTable::kPartyOrganizations;
  o2.utf8_bom = false;
  std::string csv;
  auto w = CsvLedgerWriter::ToString(&csv, o2);
  ASSERT_THAT(w, IsOk());
  ASSERT_THAT((*w)->Write(im.records[0]), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT(
      csv,
      HasSubstr("书记：张三[m-1]；委员：李四、王五（挂职）；副书记：[m-9]"));
  o2.table = CsvTable::kMembers;
  csv.clear();
  w = CsvLedgerWriter::ToString(&csv, o2);
  ASSERT_THAT(w, IsOk());
  v1::Record member;
  *member.mutable_member() = m;
  ASSERT_THAT((*w)->Write(member), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT(csv, HasSubstr(",书记、委员,党员示范岗：质检班组；党员先锋岗"));
}

// The new tables read amounts in 元 and in 万元, and are found by their
// Chinese names.
TEST(CsvRowTest, RegionEconomyInWanYuan) {
  CsvReaderOptions ro;
  ro.table = CsvTableFromName("区域经济");
  ASSERT_EQ(ro.table, CsvTable::kRegionEconomies);
  Import im = Read(
      "记录标识,区域标识,年度,市场主体总数,地区生产总值(万元),非公经济税收(元)"
      "\n"
      "e1,r1,2017,100,12.5,3000\n",
      "区域经济.csv", ro);
  ASSERT_EQ(im.records.size(), 1u) << Messages(im);
  const v1::RegionEconomy& e = im.records[0].region_economy();
  EXPECT_EQ(e.market_entities_total(), 100);
  EXPECT_EQ(e.value_added_total_fen(), 12'500'000);  // 12.5 万元.
  EXPECT_EQ(e.tax_revenue_non_public_fen(), 300'000);
}

TEST(CsvWriterTest, InjectionGuardMaskingAndQuoting) {
  CsvWriterOptions o;
  o.table = CsvTable::kMembers;
  o.utf8_bom = false;
  std::string csv;
  auto w = CsvLedgerWriter::ToString(&csv, o);
  ASSERT_THAT(w, IsOk());
  v1::Record r;
  r.mutable_member()->set_id("m1");
  r.mutable_member()->set_name("=HYPERLINK(\"x\")");
  r.mutable_member()->set_national_id(kId);
  r.mutable_member()->set_phone("13800138000");
  r.mutable_member()->set_monthly_income_fen(-150);
  ASSERT_THAT((*w)->Write(r), IsOk());
  v1::Record wrong;
  wrong.mutable_venue()->set_id("v1");
  EXPECT_THAT((*w)->Write(wrong),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("venue")));
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT(
      csv, AllOf(HasSubstr("\"'=HYPERLINK(\"\"x\"\")\""), HasSubstr("'-1.50"),
                 HasSubstr("110105********002X"), HasSubstr("*******8000"),
                 Not(HasSubstr(kId)), Not(HasSubstr("13800138000"))));
  // Read back: the guard is removed; the masked ID and phone are left out,
  // each with a finding, and the member is kept.
  Import im = Read(csv, "members.csv");
  ASSERT_EQ(im.records.size(), 1u);
  EXPECT_EQ(im.records[0].member().name(), "=HYPERLINK(\"x\")");
  EXPECT_TRUE(im.records[0].member().national_id().empty());
  EXPECT_TRUE(im.records[0].member().phone().empty());
  EXPECT_THAT(Messages(im), AllOf(HasSubstr("resident ID 110105********002X "
                                            "is masked"),
                                  HasSubstr("phone *******8000 is masked")));
  CsvWriterOptions bad;
  EXPECT_THAT(CsvLedgerWriter::ToString(&csv, bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("table")));
}

TEST(CsvWriterTest, WriteCsvLedgersWritesOneFilePerTable) {
  v1::Dataset d;
  d.add_host_organizations()->set_id("h1");
  d.add_members()->set_id("m1");
  d.add_cadre_assignments()->set_id("c1");  // No CSV table: not written.
  const std::string dir = ::testing::TempDir();
  ASSERT_THAT(WriteCsvLedgers(d, dir, {}), IsOk());
  auto r = CsvLedgerReader::Open(dir + "/host_organizations.csv");
  ASSERT_THAT(r, IsOk());
  v1::Record rec;
  ASSERT_TRUE((*r)->Next(&rec));
  EXPECT_EQ(rec.host_organization().id(), "h1");
  EXPECT_THAT(CsvLedgerReader::Open(dir + "/members.csv"), IsOk());
  EXPECT_THAT(WriteCsvLedgers(d, dir + "/nonexistent", {}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("nonexistent")));
}

// Star assessments nested in party organizations and those of their own both
// land in star_assessments.csv, each naming its organization; reading the
// folder back gives the same assessments.
TEST(CsvWriterTest, WriteCsvLedgersKeepsEveryStarAssessment) {
  v1::Dataset d;
  v1::PartyOrganization* o = d.add_party_organizations();
  o->set_id("p1");
  o->set_formation(v1::FORMATION_MODEL_STANDALONE);
  v1::StarAssessment* a = o->add_star_assessments();
  a->set_year(2013);
  a->set_stars(4);
  a->set_organization_building_good(true);
  a->set_guarantee_mechanism_good(true);
  a->set_activities_good(true);
  a->set_role_played_well(true);
  a->set_standard_version("keshiketeng-2013");
  a->mutable_assessed_on()->set_year(2013);
  a->mutable_assessed_on()->set_month(12);
  a->mutable_assessed_on()->set_day(20);
  a->set_score(88);
  o->add_star_assessments()->set_year(2014);  // Stars not yet given.
  v1::StarAssessment* own = d.add_star_assessments();
  own->set_party_organization_id("p2");
  own->set_year(2014);
  own->set_stars(5);
  own->set_distinctive_results_good(true);
  const std::string dir = ::testing::TempDir() + "/stars";
  ASSERT_TRUE(mkdir(dir.c_str(), 0777) == 0 || errno == EEXIST);
  CsvWriterOptions wo;
  wo.chinese_headers = true;
  ASSERT_THAT(WriteCsvLedgers(d, dir, wo), IsOk());

  std::vector<v1::StarAssessment> want;
  for (const v1::StarAssessment& s : o->star_assessments()) {
    want.push_back(s);
    want.back().set_party_organization_id("p1");
  }
  want.push_back(*own);
  auto r = CsvLedgerReader::Open(dir + "/star_assessments.csv");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ((*r)->summary().table, CsvTable::kStarAssessments);
  v1::Record rec;
  std::vector<v1::StarAssessment> got;
  while ((*r)->Next(&rec)) got.push_back(rec.star_assessment());
  ASSERT_THAT((*r)->status(), IsOk());
  EXPECT_TRUE((*r)->findings().empty());
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_TRUE(MessageDifferencer::Equals(want[i], got[i]))
        << want[i].DebugString() << "\nvs\n"
        << got[i].DebugString();
  }
  // The party organization's own row is there too, without its stars.
  auto orgs = CsvLedgerReader::Open(dir + "/party_organizations.csv");
  ASSERT_THAT(orgs, IsOk());
  ASSERT_TRUE((*orgs)->Next(&rec));
  EXPECT_EQ(rec.party_organization().id(), "p1");
  EXPECT_EQ(rec.party_organization().star_assessments_size(), 0);
}

// A star ledger as a county office keeps it: Chinese headers, the sheet named
// 星级评定台账; the organization keys the row.
TEST(CsvReaderTest, ReadsAStarLedger) {
  Import im = Read(
      "党组织标识,评定年度,星级,组织建设好,保障机制好,活动开展好,作用发挥好,"
      "特色效果好,评定标准,评定日期,得分\r\n"
      "p1,2014,3,是,是,否,是,否,keshiketeng-2013,2014年12月1日,75\r\n"
      ",2014,5,是,是,是,是,是,,,\r\n",
      "经棚镇星级评定台账.csv");
  ASSERT_THAT(im.open, IsOk());
  EXPECT_EQ(im.summary.table, CsvTable::kStarAssessments);
  ASSERT_EQ(im.records.size(), 1u) << Messages(im);
  const v1::StarAssessment& a = im.records[0].star_assessment();
  EXPECT_EQ(a.party_organization_id(), "p1");
  EXPECT_EQ(a.year(), 2014);
  EXPECT_EQ(a.stars(), 3);
  EXPECT_TRUE(a.role_played_well());
  EXPECT_FALSE(a.activities_good());
  EXPECT_EQ(a.assessed_on().month(), 12);
  EXPECT_EQ(a.score(), 75);
  // The row naming no organization is reported and skipped.
  EXPECT_EQ(im.summary.rows_skipped, 1);
  EXPECT_EQ(CsvTableFromName("星级评定"), CsvTable::kStarAssessments);
  EXPECT_EQ(CsvTableName(CsvTable::kStarAssessments), "star_assessments");
}

}  // namespace
}  // namespace dangjian
