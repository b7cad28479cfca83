// Binary and JSON Dataset I/O: round trips through files, and clear errors on
// bad input that say where and never quote personal data whole.
#include "dangjian/io.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "dangjian/record_io.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/dangjian_io_test_" + name;
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

TEST(DatasetFileTest, WritesAndReadsBack) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  const std::string path = TempPath("roundtrip.pb");
  ASSERT_THAT(WriteDataset(d, path), IsOk());
  absl::StatusOr<v1::Dataset> back = ReadDataset(path);
  ASSERT_THAT(back, IsOk());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(d, *back));
  // No temporary file is left beside it.
  EXPECT_FALSE(std::ifstream(path + ".tmp").good());
}

TEST(DatasetFileTest, MissingFileIsNotFoundAndNamesThePath) {
  const std::string path = TempPath("does-not-exist.pb");
  EXPECT_THAT(ReadDataset(path),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(path)));
}

TEST(DatasetFileTest, UnwritableDirectoryFails) {
  v1::Dataset d;
  d.mutable_provenance()->set_producer("test");
  EXPECT_THAT(WriteDataset(d, "/nonexistent-dir/x.pb"),
              StatusIs(absl::StatusCode::kUnavailable,
                       HasSubstr("/nonexistent-dir/x.pb")));
}

// An empty Dataset would be a file of 0 bytes, which the reader refuses as a
// failed export: the writer refuses it, and the reader says "is empty".
TEST(DatasetFileTest, EmptyDatasetIsNotWrittenAndAnEmptyFileNotRead) {
  const std::string path = TempPath("empty.pb");
  std::remove(path.c_str());
  EXPECT_THAT(
      WriteDataset(v1::Dataset(), path),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("provenance")));
  EXPECT_FALSE(std::ifstream(path).good());
  WriteBytes(path, "");
  EXPECT_THAT(ReadDataset(path),
              StatusIs(absl::StatusCode::kDataLoss,
                       AllOf(HasSubstr(path), HasSubstr("is empty"))));
  v1::Dataset d;
  d.mutable_provenance()->set_producer("test");
  ASSERT_THAT(WriteDataset(d, path), IsOk());
  EXPECT_THAT(ReadDataset(path), IsOk());
}

TEST(DatasetFileTest, GarbageIsDataLoss) {
  const std::string path = TempPath("garbage.pb");
  WriteBytes(path,
             std::string("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 11));
  EXPECT_THAT(
      ReadDataset(path),
      StatusIs(absl::StatusCode::kDataLoss,
               AllOf(HasSubstr(path), HasSubstr("dangjian.v1.Dataset"))));
}

TEST(DatasetFileTest, TruncatedFileIsDataLoss) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  std::string bytes;
  ASSERT_TRUE(d.SerializeToString(&bytes));
  const std::string path = TempPath("truncated.pb");
  WriteBytes(path, bytes.substr(0, bytes.size() / 2));
  EXPECT_THAT(ReadDataset(path),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("truncated")));
}

TEST(DatasetFileTest, SizeCapIsEnforced) {
  v1::Dataset d;
  d.add_regions()->set_name(std::string(100, 'x'));
  const std::string path = TempPath("capped.pb");
  ASSERT_THAT(WriteDataset(d, path), IsOk());
  OpenOptions small;
  small.max_dataset_bytes = 10;
  EXPECT_THAT(ReadDataset(path, small),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       HasSubstr("max_dataset_bytes")));
  OpenOptions enough;
  enough.max_dataset_bytes = 1000;
  EXPECT_THAT(ReadDataset(path, enough), IsOk());
}

// WriteDataset() writes every format ReadDataset() reads, and the dataset
// comes back whole: in a record stream and JSON Lines the header carries the
// provenance and policy.
TEST(WriteDatasetTest, EveryFormatReadsBackTheSameDataset) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  for (const char* name : {"all.pb", "all.json", "all.djr", "all.jsonl"}) {
    SCOPED_TRACE(name);
    const std::string path = TempPath(name);
    ASSERT_THAT(WriteDataset(d, path), IsOk());
    EXPECT_FALSE(std::ifstream(path + ".tmp").good());
    absl::StatusOr<v1::Dataset> back = ReadDataset(path);
    ASSERT_THAT(back, IsOk());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(d, *back))
        << back->ShortDebugString().substr(0, 400);
  }
}

// A stream's header fills in the producer and schema version, as every
// stream writer does; a header string that is not UTF-8 is refused.
TEST(WriteDatasetTest, StreamHeaderFillsInAndRefusesBadText) {
  v1::Dataset d;
  d.add_regions()->set_id("r1");
  for (const char* name : {"no-provenance.djr", "no-provenance.jsonl"}) {
    SCOPED_TRACE(name);
    const std::string path = TempPath(name);
    ASSERT_THAT(WriteDataset(d, path), IsOk());
    absl::StatusOr<v1::Dataset> back = ReadDataset(path);
    ASSERT_THAT(back, IsOk());
    EXPECT_THAT(back->provenance().producer(), HasSubstr("dangjian "));
    EXPECT_EQ(back->regions_size(), 1);
  }
  d.mutable_provenance()->set_reporting_unit(std::string("\xc3\x28", 2));
  for (const char* name : {"bad-header.djr", "bad-header.jsonl"}) {
    SCOPED_TRACE(name);
    const std::string path = TempPath(name);
    std::remove(path.c_str());
    EXPECT_THAT(WriteDataset(d, path),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("reporting_unit")));
    EXPECT_FALSE(std::ifstream(path).good());
  }
}

TEST(WriteDatasetTest, ExplicitFormatAndJsonOptions) {
  v1::Dataset d;
  d.add_regions()->set_id("r1");
  const std::string path = TempPath("no-extension");
  CreateOptions options;
  options.format = FileFormat::kDatasetJson;
  options.json.pretty = true;
  ASSERT_THAT(WriteDataset(d, path, options), IsOk());
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("{\n \"regions\": [\n"));
  OpenOptions open;
  open.format = FileFormat::kDatasetJson;
  EXPECT_THAT(ReadDataset(path, open), IsOk());
}

TEST(WriteDatasetTest, RefusesWhatItCannotWriteAndLeavesNoFile) {
  v1::Dataset d;
  d.add_regions()->set_id("r1");
  // Ledgers are not whole datasets (masked personal data, a table's
  // columns): refused, and nothing written.
  for (const char* ledger : {"one-table.csv", "ledgers.xlsx"}) {
    const std::string path = TempPath(ledger);
    std::remove(path.c_str());
    EXPECT_THAT(WriteDataset(d, path),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("WriteCsvLedgers()")));
    EXPECT_FALSE(std::ifstream(path).good());
  }
  EXPECT_THAT(WriteDataset(d, TempPath("x.unknown")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown extension")));
  // A string that is not UTF-8 fails the record, and nothing is left.
  d.add_regions()->set_name(std::string("\xc3\x28", 2));
  const std::string path = TempPath("bad-utf8.djr");
  std::remove(path.c_str());
  EXPECT_THAT(WriteDataset(d, path),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
  EXPECT_FALSE(std::ifstream(path).good());
  EXPECT_FALSE(std::ifstream(path + ".tmp").good());
}

// The file functions of 0.2 still work, beside the one reader and writer
// that replace them.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
TEST(DeprecatedDatasetFileTest, StillReadAndWrite) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  const std::string pb = TempPath("deprecated.pb");
  const std::string json = TempPath("deprecated.json");
  ASSERT_THAT(WriteDatasetFile(d, pb), IsOk());
  ASSERT_THAT(WriteDatasetJsonFile(d, json), IsOk());
  absl::StatusOr<v1::Dataset> from_pb = ReadDatasetFile(pb);
  absl::StatusOr<v1::Dataset> from_json = ReadDatasetJsonFile(json);
  ASSERT_THAT(from_pb, IsOk());
  ASSERT_THAT(from_json, IsOk());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(d, *from_pb));
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(d, *from_json));
  BinaryReadOptions small;
  small.max_bytes = 10;
  EXPECT_THAT(ReadDatasetFile(pb, small),
              StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));
  EXPECT_THAT(ReadDatasetJsonFile(json, {}, 10),
              StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));
}
#pragma GCC diagnostic pop

TEST(DatasetJsonTest, UnknownFieldIsAnErrorByDefault) {
  const std::string json = R"({"regions":[{"id":"r1","nmae":"typo"}]})";
  EXPECT_THAT(DatasetFromJson(json),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nmae")));
  JsonReadOptions lenient;
  lenient.ignore_unknown_fields = true;
  absl::StatusOr<v1::Dataset> d = DatasetFromJson(json, lenient);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->regions(0).id(), "r1");
}

TEST(DatasetJsonTest, SnakeCaseNamesAreAccepted) {
  absl::StatusOr<v1::Dataset> d = DatasetFromJson(
      R"({"host_organizations":[{"id":"h1","unified_social_credit_code":"x"}]})");
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->host_organizations(0).unified_social_credit_code(), "x");
}

TEST(DatasetJsonTest, ErrorsMaskResidentIds) {
  // A resident ID where a number belongs: protobuf's message quotes the value.
  const std::string json =
      R"({"members":[{"id":"m1","status":"11010519491231002X"}]})";
  absl::StatusOr<v1::Dataset> d = DatasetFromJson(json);
  ASSERT_THAT(d, StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
  EXPECT_THAT(std::string(d.status().message()),
              Not(HasSubstr("11010519491231002X")));
}

TEST(DatasetJsonTest, DefaultValuesOnRequest) {
  v1::Dataset d;
  d.add_regions()->set_id("r1");
  JsonWriteOptions w;
  EXPECT_THAT(*DatasetToJson(d, w), Not(HasSubstr("parentId")));
  w.include_default_values = true;
  EXPECT_THAT(*DatasetToJson(d, w), HasSubstr("\"parentId\":\"\""));
}

TEST(DatasetJsonTest, InvalidUtf8CannotBeWritten) {
  v1::Dataset d;
  d.add_regions();
  d.add_regions()->set_name(std::string("\xc3\x28", 2));
  EXPECT_THAT(DatasetToJson(d), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("regions[1].name")));
  EXPECT_THAT(WriteDataset(d, TempPath("bad-utf8.pb")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("regions[1].name")));
  d.mutable_regions(1)->set_name("克什克腾旗 \xf0\x9f\x98\x80");
  EXPECT_THAT(DatasetToJson(d), IsOk());
}

// Each malformed sequence is refused, wherever the string sits in the dataset.
TEST(DatasetJsonTest, MalformedUtf8IsFoundInNestedAndRepeatedFields) {
  const std::string malformed[] = {
      std::string("\xc3\x28"),          // Bad continuation byte.
      std::string("\xc0\xaf"),          // Overlong '/'.
      std::string("\xed\xa0\x80"),      // Surrogate U+D800.
      std::string("\xf4\x90\x80\x80"),  // Above U+10FFFF.
      std::string("\xe5\x85"),          // Truncated sequence.
      std::string("\xb6\xfe\xb7\xa2"),  // GBK bytes, not UTF-8.
  };
  for (const std::string& bad : malformed) {
    v1::Dataset d;
    v1::PartyOrganization* org = d.add_party_organizations();
    org->add_committee()->set_name("书记");
    org->add_committee()->set_name("委员" + bad);
    EXPECT_THAT(
        DatasetToJson(d),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 HasSubstr("party_organizations[0].committee[1].name")));
    org->mutable_committee(1)->set_name("委员");
    org->add_host_organization_ids("h1");
    org->add_host_organization_ids(bad);
    EXPECT_THAT(
        DatasetToJson(d),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 HasSubstr("party_organizations[0].host_organization_ids[1]")));
  }
}

}  // namespace
}  // namespace dangjian

namespace dangjian {
namespace {

// Writes `bytes` to the test's file named `name`; its path.
std::string Written(const std::string& name, const std::string& bytes) {
  const std::string path = TempPath(name);
  WriteBytes(path, bytes);
  return path;
}

v1::PartialReport SomePartial() {
  v1::PartialReport p;
  p.set_state_version(1);
  p.set_year(2017);
  v1::ShardFingerprint* f = p.add_shards();
  f->set_value(0x8000000000000001ull);
  f->set_file("a.djr");
  f->set_records(3);
  return p;
}

TEST(PartialReportFileTest, ReadsBinaryAndJson) {
  const v1::PartialReport p = SomePartial();
  absl::StatusOr<v1::PartialReport> pb =
      ReadPartialReportFile(Written("p.pb", p.SerializeAsString()));
  ASSERT_THAT(pb.status(), IsOk());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*pb, p));
  absl::StatusOr<v1::PartialReport> json = ReadPartialReportFile(
      Written("p.json",
              R"({"stateVersion": 1, "year": 2017, "shards": [{"value": )"
              R"("9223372036854775809", "file": "a.djr", "records": "3"}]})"));
  ASSERT_THAT(json.status(), IsOk());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*json, p));
}

TEST(PartialReportFileTest, BadFilesAreRefusedNamingThem) {
  EXPECT_THAT(ReadPartialReportFile(Written("missing", "") + ".none"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(".none")));
  for (const char* empty : {"", "{}", " { } \n"}) {
    EXPECT_THAT(
        ReadPartialReportFile(Written("empty.json", empty)),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 AllOf(HasSubstr("empty.json"), HasSubstr("empty partial"))))
        << "[" << empty << "]";
  }
  EXPECT_THAT(
      ReadPartialReportFile(Written("empty.pb", "")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty partial")));
  // Binary data read as JSON: said so, no raw bytes in the message.
  absl::Status binary =
      ReadPartialReportFile(
          Written("bin.json", SomePartial().SerializeAsString()))
          .status();
  EXPECT_THAT(binary, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("not UTF-8 text")));
  EXPECT_EQ(binary.message().find('\x08'), absl::string_view::npos);
  EXPECT_THAT(ReadPartialReportFile(Written("bad.pb", "\xff\xff\xff")),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("bad.pb")));
  // A key given twice, the second escaped, and a misspelt key.
  EXPECT_THAT(
      ReadPartialReportFile(
          Written("dup.json", R"({"year": 2017, "ye\u0061r": 2016})")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("dup.json")));
  EXPECT_THAT(
      ReadPartialReportFile(Written("typo.json", R"({"yaer": 2017})")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("typo.json")));
  // A control character written as an escape, which protobuf decodes and
  // quotes: escaped again in the message, never raw on a terminal.
  for (const char* json :
       {R"({"stateVersion": 1, "year": "\u001b]2;owned\u0007"})",
        R"({"\u001bX": 1})", R"({"year": "\u009b31m"})"}) {
    absl::Status s = ReadPartialReportFile(Written("esc.json", json)).status();
    EXPECT_THAT(
        s, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("esc.json")))
        << json;
    EXPECT_EQ(s.message().find('\x1b'), absl::string_view::npos) << s;
    EXPECT_EQ(s.message().find('\x07'), absl::string_view::npos) << s;
    EXPECT_EQ(s.message().find("\xc2\x9b"), absl::string_view::npos) << s;
  }
  // Nor in the file's name, when it cannot be opened.
  EXPECT_THAT(ReadPartialReportFile("/nonexistent/110105194912310025.json"),
              StatusIs(absl::StatusCode::kNotFound,
                       AllOf(HasSubstr("nonexistent"),
                             Not(HasSubstr("110105194912310025")))));
  // A resident ID in the file's name is masked in the message.
  EXPECT_THAT(ReadPartialReportFile(Written("110105194912310025.json", "[")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Not(HasSubstr("110105194912310025"))));
}

}  // namespace
}  // namespace dangjian
