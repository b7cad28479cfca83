// CsvLedgerReader::NextSerialized(): the bytes of every imported row parse to
// the record Next() gives, with the same findings, summary, locations and
// status, on the sample ledgers of examples/data, the CSV files of the
// bad-input catalogue, a ledger of every column of every table and generated
// national data (clean and with planted faults); and an aggregator fed
// AddSerialized() gives the partial report of one fed Add(). The CSV reader's
// own tests (csv_ledger_test, csv_ledger_paths_test) read every input of
// theirs both ways too (testing::ReadAllWays()).
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "dangjian/aggregate.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/generate.h"
#include "dangjian/record.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/csv_import.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::Import;
using ::dangjian::testing::ImportDifference;
using ::dangjian::testing::IsOk;
using ::dangjian::testing::ReadAll;
using ::dangjian::testing::ReadAllWays;
using ::dangjian::testing::ReadWith;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::IsEmpty;
using ::testing::Not;

const std::string& SourceDir() {
  static const std::string* dir = new std::string(DANGJIAN_SOURCE_DIR);
  return *dir;
}

// The files of `dir` whose names end with `suffix`, sorted, with the folder.
std::vector<std::string> FilesIn(const std::string& dir,
                                 absl::string_view suffix) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  EXPECT_NE(d, nullptr) << dir;
  if (d == nullptr) return out;
  while (dirent* e = readdir(d)) {
    if (absl::EndsWith(e->d_name, suffix)) {
      out.push_back(absl::StrCat(dir, "/", e->d_name));
    }
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

std::unique_ptr<Aggregator> NewAggregator(int32_t year) {
  AggregatorOptions o;
  o.year = year;
  o.worklist_cap = 1000;
  o.group_by.set_region_level(v1::REGION_LEVEL_COUNTY);
  auto a = Aggregator::Create(o);
  EXPECT_THAT(a.status(), IsOk());
  return *std::move(a);
}

// Reads the ledgers at `paths` into one aggregator through Next() and Add()
// and into another through NextSerialized() and AddSerialized(), which must
// accept every record; the partial reports must be equal.
void ExpectSamePartialReport(const std::vector<std::string>& paths,
                             int32_t year) {
  auto parsed = NewAggregator(year);
  auto serialized = NewAggregator(year);
  int64_t records = 0;
  for (const std::string& path : paths) {
    auto a = CsvLedgerReader::Open(path);
    auto b = CsvLedgerReader::Open(path);
    ASSERT_EQ(a.ok(), b.ok()) << path;
    if (!a.ok()) continue;
    v1::Record r;
    while ((*a)->Next(&r)) ASSERT_THAT(parsed->Add(r), IsOk()) << path;
    absl::string_view bytes;
    while ((*b)->NextSerialized(&bytes)) {
      ASSERT_THAT(serialized->AddSerialized(bytes), IsOk())
          << path << ":" << (*b)->location().line();
      ++records;
    }
  }
  auto x = parsed->Finish();
  auto y = serialized->Finish();
  ASSERT_THAT(x.status(), IsOk());
  ASSERT_THAT(y.status(), IsOk());
  std::string diff;
  MessageDifferencer d;
  d.ReportDifferencesToString(&diff);
  EXPECT_TRUE(d.Compare(*x, *y)) << diff.substr(0, 2000);
  EXPECT_GT(records, 0);
}

TEST(CsvNextSerializedTest, AgreesWithNextOnTheSampleLedgers) {
  for (const char* encoding : {"utf8-bom", "gbk"}) {
    SCOPED_TRACE(encoding);
    const std::vector<std::string> paths =
        FilesIn(SourceDir() + "/examples/data/" + encoding, ".csv");
    ASSERT_GE(paths.size(), 6u);
    for (const std::string& path : paths) {
      SCOPED_TRACE(path);
      const Import im =
          ReadAllWays([&] { return CsvLedgerReader::Open(path); });
      ASSERT_THAT(im.open, IsOk());
      EXPECT_THAT(im.status, IsOk());
      EXPECT_THAT(im.records, Not(IsEmpty()));
    }
    for (int32_t year : {2014, 2017}) {
      SCOPED_TRACE(year);
      ExpectSamePartialReport(paths, year);
    }
  }
}

TEST(CsvNextSerializedTest, AgreesWithNextOnEveryBadInputCsv) {
  const std::vector<std::string> paths =
      FilesIn(SourceDir() + "/tests/bad_inputs", ".csv");
  ASSERT_GE(paths.size(), 30u);
  int64_t skipped = 0;
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    const Import im = ReadAllWays([&] { return CsvLedgerReader::Open(path); });
    skipped += im.summary.rows_skipped;
  }
  EXPECT_GT(skipped, 0);  // Bad rows among them, with their findings.
  ExpectSamePartialReport(paths, 2017);
}

// Every kind of bad row, each beside good ones: the same rows skipped with
// the same findings, the good rows' records equal.
TEST(CsvNextSerializedTest, BadRowsGiveTheSameFindings) {
  const std::string data = absl::StrCat(
      "人员标识,姓名,公民身份号码,性别,月收入（元）,出生日期,状态,,备注列\r\n",
      "m1,张三,11010519491231002X,男,1234.50,1949-12-31,正式党员,,\r\n",
      "m2,李四,110105194912310021,女,12,1949-12-31,正式党员,,\r\n",  // Check.
      "m3,王五,,男,1.2E+3,1949-12-31,,,\r\n",                        // Amount.
      "m4,赵六,,男,,1949-13-31,,,\r\n",                              // Date.
      "m5,钱七,,未知,,,,,\r\n",                                      // Enum.
      "合计,,,,,,,,\r\n",                            // Subtotal.
      "m6,孙八,,男,,,,,,extra\r\n",                  // Ragged.
      ",周九,,男,,,,,\r\n",                          // No id.
      "m7,吴\x01十,,男,,,,,\r\n",                    // Control.
      "m8,郑\xff十一,,男,,,,,\r\n",                  // UTF-8.
      "m9,冯十二,,男,,,,under a blank header,\r\n",  // Warning.
      "m10,\"陈,十三\",,女,\"2,000\",2001/2/3,预备党员,,\r\n",
      "m11,\"褚\r\n十四\",,女,,,,,\r\n", "m12,\"unclosed,,,\r\n");
  CsvReaderOptions options;
  options.encoding = TextEncoding::kUtf8;
  const Import im = ReadAllWays([&] {
    return CsvLedgerReader::FromBuffer(data, "members.csv", options);
  });
  ASSERT_THAT(im.open, IsOk());
  EXPECT_GE(im.summary.rows_skipped, 8);
  EXPECT_GE(im.records.size(), 4u);
}

// Makes the values PopulateAllFields() gave that a ledger would refuse valid:
// dates, phone numbers, resident IDs.
void MakeImportable(google::protobuf::Message* m) {
  const google::protobuf::Reflection* r = m->GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  r->ListFields(*m, &fields);
  for (const google::protobuf::FieldDescriptor* f : fields) {
    if (f->message_type() == v1::Date::descriptor() && !f->is_repeated()) {
      auto* date = static_cast<v1::Date*>(r->MutableMessage(m, f));
      date->set_year(2014);
      date->set_month(8);
      date->set_day(14);
    } else if (f->cpp_type() ==
               google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < r->FieldSize(*m, f); ++i) {
          MakeImportable(r->MutableRepeatedMessage(m, f, i));
        }
      } else {
        MakeImportable(r->MutableMessage(m, f));
      }
    } else if (f->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
               !f->is_repeated()) {
      if (absl::StrContains(f->name(), "phone")) {
        r->SetString(m, f, "13800138000");
      } else if (f->name() == "national_id") {
        r->SetString(m, f, "11010519491231002X");
      }
    }
  }
}

TEST(CsvNextSerializedTest, AgreesWithNextOnEveryColumnOfEveryTable) {
  v1::Dataset d;
  testing::PopulateAllFields(&d, 3);
  MakeImportable(&d);
  const std::string dir = ::testing::TempDir() + "/csv_serialized_columns";
  mkdir(dir.c_str(), 0755);
  CsvWriterOptions options;
  options.full_fidelity = true;
  ASSERT_THAT(WriteCsvLedgers(d, dir, options), IsOk());
  const std::vector<std::string> paths = FilesIn(dir, ".csv");
  ASSERT_GE(paths.size(), 9u);
  int64_t records = 0;
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    const Import im = ReadAllWays([&] { return CsvLedgerReader::Open(path); });
    ASSERT_THAT(im.open, IsOk());
    EXPECT_THAT(im.findings, IsEmpty());  // Every cell imported.
    records += static_cast<int64_t>(im.records.size());
  }
  EXPECT_GT(records, 20);
}

// Collects generated records into a dataset.
class DatasetSink : public RecordSink {
 public:
  absl::Status StartShard(const ShardInfo&) override {
    return absl::OkStatus();
  }
  absl::Status Write(const v1::Record& r) override {
    return AddRecordToDataset(r, &dataset_);
  }
  absl::Status FinishShard() override { return absl::OkStatus(); }
  const v1::Dataset& dataset() const { return dataset_; }

 private:
  v1::Dataset dataset_;
};

TEST(CsvNextSerializedTest, AgreesWithNextOnGeneratedNationalData) {
  for (double fault_rate : {0.0, 0.05}) {
    SCOPED_TRACE(fault_rate);
    NationalScenarioOptions o;
    o.host_organizations = 3000;
    o.members = 9000;
    o.units_per_county = 1500;
    o.fault_rate = fault_rate;
    DatasetSink sink;
    ASSERT_THAT(GenerateNational(o, &sink), IsOk());
    const std::string dir =
        absl::StrCat(::testing::TempDir(), "/csv_serialized_national_",
                     fault_rate > 0 ? "faults" : "clean");
    mkdir(dir.c_str(), 0755);
    CsvWriterOptions options;
    options.full_fidelity = true;
    ASSERT_THAT(WriteCsvLedgers(sink.dataset(), dir, options), IsOk());
    const std::vector<std::string> paths = FilesIn(dir, ".csv");
    ASSERT_GE(paths.size(), 8u);
    for (const std::string& path : paths) {
      SCOPED_TRACE(path);
      const Import im =
          ReadAllWays([&] { return CsvLedgerReader::Open(path); });
      ASSERT_THAT(im.open, IsOk());
      EXPECT_THAT(im.status, IsOk());
    }
    ExpectSamePartialReport(paths, 2017);
  }
}

// The comparison the tests above rest on finds a difference in anything.
TEST(CsvNextSerializedTest, ImportDifferenceFindsEveryDifference) {
  const std::string data =
      "单位标识,单位名称\nh1,红山水泥\nh2,经棚镇\n,无标识\n";
  const Import a = ReadAll(CsvLedgerReader::FromBuffer(data, "单位.csv"));
  ASSERT_EQ(a.records.size(), 2u);
  ASSERT_EQ(a.findings.size(), 1u);
  EXPECT_EQ(ImportDifference(a, a), "");
  EXPECT_EQ(
      ImportDifference(a, ReadAll(CsvLedgerReader::FromBuffer(data, "单位.csv"),
                                  ReadWith::kNextSerialized)),
      "");

  Import b = a;
  b.records[1].mutable_host_organization()->set_name("经棚");
  EXPECT_THAT(ImportDifference(a, b), Not(IsEmpty()));
  b = a;
  b.records[0].mutable_member()->set_id("h1");  // Another entity.
  EXPECT_THAT(ImportDifference(a, b), Not(IsEmpty()));
  b = a;
  b.records.pop_back();
  EXPECT_THAT(ImportDifference(a, b), Not(IsEmpty()));
  b = a;
  b.lines[0] = 7;
  EXPECT_THAT(ImportDifference(a, b), Not(IsEmpty()));
  b = a;
  b.findings[0].message += ".";
  EXPECT_THAT(ImportDifference(a, b), Not(IsEmpty()));
  b = a;
  ++b.summary.rows_skipped;
  EXPECT_THAT(ImportDifference(a, b), Not(IsEmpty()));
  b = a;
  b.status = absl::DataLossError("x");
  EXPECT_THAT(ImportDifference(a, b), Not(IsEmpty()));
  b = a;
  b.unparsed.push_back(0);
  EXPECT_THAT(ImportDifference(a, b), Not(IsEmpty()));
}

// The bytes are a Record holding the table's entity, with nothing after it.
TEST(CsvNextSerializedTest, TheBytesAreOneRecordField) {
  const std::string data = "人员标识,姓名\nm1,张三\n";
  auto r = CsvLedgerReader::FromBuffer(data, "members.csv");
  ASSERT_THAT(r, IsOk());
  absl::string_view bytes;
  ASSERT_TRUE((*r)->NextSerialized(&bytes));
  v1::Record want;
  want.mutable_member()->set_id("m1");
  want.mutable_member()->set_name("张三");
  // Fields in column order, as protobuf writes them: the same bytes.
  EXPECT_EQ(bytes, want.SerializeAsString());
  EXPECT_FALSE((*r)->NextSerialized(&bytes));
  EXPECT_THAT((*r)->status(), IsOk());
  EXPECT_EQ((*r)->summary().rows_imported, 1);
}

}  // namespace
}  // namespace dangjian
