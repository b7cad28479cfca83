// Regression tests for what the catalogue of bad inputs and the fuzzers found:
// bytes and text protobuf's parsers accept while losing data, or refuse
// without saying where.
#include <fstream>
#include <string>

#include "dangjian/csv_ledger.h"
#include "dangjian/io.h"
#include "dangjian/json_lines.h"
#include "dangjian/personal_data.h"
#include "dangjian/record_io.h"
#include "dangjian/record_stream.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

std::string Varint(uint64_t n) {
  std::string out;
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7F) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
  return out;
}

// A stream of one record given as raw bytes, with a matching trailer.
absl::Status ReadStreamOf(const std::string& record_bytes) {
  std::string good;
  {
    auto writer = RecordStreamWriter::ToString(&good);
    v1::Record r;
    r.mutable_member()->set_id("m0");
    EXPECT_THAT((*writer)->Write(r), IsOk());
    EXPECT_THAT((*writer)->Close(), IsOk());
  }
  // The header frame, then our frame and no trailer: a bad record must be
  // refused before the missing trailer is noticed.
  auto reader = RecordStreamReader::FromBuffer(good, "s.djr");
  v1::Record r;
  const int64_t header_end = (*reader)->offset();
  const std::string stream =
      good.substr(0, header_end) + Varint(record_bytes.size()) + record_bytes;
  auto again = RecordStreamReader::FromBuffer(stream, "s.djr");
  if (!again.ok()) return again.status();
  while ((*again)->Next(&r)) {
  }
  return (*again)->status();
}

TEST(Hardening, AKnownFieldWithTheWrongWireTypeIsCorruptNotDropped) {
  // Record.member { id: "m1", birth_date (12) as varint 1960 }.
  const std::string member = std::string("\x0a\x02m1") + "\x60" + Varint(1960);
  const std::string record = "\x4a" + Varint(member.size()) + member;
  EXPECT_THAT(ReadStreamOf(record),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("member (field 9).birth_date (field 12): "
                                 "wire type varint")));
}

TEST(Hardening, AnOverflowingVarintIsCorrupt) {
  const std::string member =
      std::string("\x0a\x02m1") + "\x98\x01" + std::string(9, '\xff') + "\x7f";
  const std::string record = "\x4a" + Varint(member.size()) + member;
  EXPECT_THAT(ReadStreamOf(record), StatusIs(absl::StatusCode::kDataLoss,
                                             HasSubstr("overflows 64 bits")));
}

// protobuf's parser reads a length in at most 5 bytes (the 5th below 8); a
// longer varint, even of a small length, it refuses, and so does the check,
// saying where and why.
TEST(Hardening, ALengthLongerThanProtobufReadsIsCorrupt) {
  const std::string id = std::string("\x0a\x82\x80\x80\x80\x80\x00", 7) + "m1";
  const std::string record = "\x4a" + Varint(id.size()) + id;
  EXPECT_THAT(ReadStreamOf(record),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("member (field 9).id (field 1): a length "
                                 "longer than 5 bytes")));
  // The same length in 5 bytes is taken: only the missing trailer is left.
  const std::string five = std::string("\x0a\x82\x80\x80\x80\x00", 6) + "m1";
  EXPECT_THAT(ReadStreamOf("\x4a" + Varint(five.size()) + five),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("without a trailer record")));
}

TEST(Hardening, ARecordWithNoKnownEntityIsReportedNotHandedOutEmpty) {
  // Field 99 of Record: an entity of a newer schema (or damage).
  EXPECT_THAT(ReadStreamOf("\x9a\x06\x02hi"),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("no entity this reader knows")));
}

TEST(Hardening, AWellFormedRecordStillReads) {
  const std::string member =
      std::string("\x0a\x02m1") + "\x98\x01" + std::string(9, '\xff') + "\x01";
  const std::string record = "\x4a" + Varint(member.size()) + member;
  // A 10-byte varint of 2^64-1 is well formed: the record is read, and only
  // the missing trailer is reported.
  EXPECT_THAT(ReadStreamOf(record),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("without a trailer record")));
}

// Found by record_stream_fuzzer (corpus: crash-18-digit-length.djr): a
// damaged length prefix declared 782988029703468910 bytes, and the message
// quoted those 18 digits, which look like a resident ID to any log scanner.
TEST(Hardening, AHugeDeclaredLengthIsNotPrintedAsEighteenDigits) {
  std::string good;
  {
    auto writer = RecordStreamWriter::ToString(&good);
    EXPECT_THAT((*writer)->Close(), IsOk());
  }
  auto reader = RecordStreamReader::FromBuffer(good, "s.djr");
  const std::string stream = good.substr(0, (*reader)->offset()) +
                             Varint(782988029703468910u) + "xxxx";
  auto again = RecordStreamReader::FromBuffer(stream, "s.djr");
  ASSERT_THAT(again.status(), IsOk());
  v1::Record r;
  EXPECT_FALSE((*again)->Next(&r));
  EXPECT_THAT((*again)->status(),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       ::testing::AllOf(
                           HasSubstr("max_record_bytes"),
                           ::testing::Not(HasSubstr("782988029703468910")))));
}

// Found while triaging identifiers_fuzzer's first crash (a false positive:
// text that was its own mask): masking counted bytes, so a resident ID field
// holding Chinese text was cut inside a character, and the finding's message
// was not UTF-8 (a proto3 string no JSON or binary writer could write).
TEST(Hardening, MaskingNeverCutsAUtf8Character) {
  const std::string id =
      "12345\xE5\xBC\xA0"
      "0123456789";  // 12345张0123456789
  ASSERT_EQ(id.size(), 18u);
  // The region part would end inside 张: 张 is masked with the middle.
  EXPECT_EQ(MaskNationalId(id), "12345*********6789");
  // abc张cd: the last 4 bytes would begin inside 张.
  const std::string tail =
      "abc\xE5\xBC\xA0"
      "cd";
  EXPECT_EQ(MaskNationalId(tail), "******cd");
  v1::Dataset d;
  v1::Member* m = d.add_members();
  m->set_id("m1");
  m->set_national_id(id);
  ValidatorOptions options;
  options.as_of.set_year(2017);
  options.as_of.set_month(1);
  options.as_of.set_day(1);
  auto report = (*Validator::Create(options))->Validate(d);
  ASSERT_THAT(report.status(), IsOk());
  ASSERT_GT(report->findings_size(), 0);
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(*report, &json).ok());
}

TEST(Hardening, BinaryDatasetErrorsSayWhere) {
  const std::string path = ::testing::TempDir() + "/hardening.pb";
  {
    std::ofstream f(path, std::ios::binary);
    f << std::string("\x4a\x04\x0a\x02m1") << std::string("\x4a\x05\x0a\x02m2");
  }
  EXPECT_THAT(
      ReadDataset(path).status(),
      StatusIs(absl::StatusCode::kDataLoss, HasSubstr("at byte offset 7")));
}

TEST(Hardening, JsonKeysGivenTwiceAreRefusedInBothSpellings) {
  EXPECT_THAT(
      DatasetFromJson(
          R"({"members":[{"id":"a","nationalId":"1","national_id":"2"}]})")
          .status(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("\"national_id\" is given twice")));
  EXPECT_THAT(DatasetFromJson(R"({"members":[{"id":"a"}]})").status(), IsOk());
}

TEST(Hardening, JsonNumbersBeyondADoubleAndNaNSayWhere) {
  EXPECT_THAT(DatasetFromJson(R"({"funding":[{"amountFen":1e999}]})").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("byte offset 25: a number beyond")));
  EXPECT_THAT(DatasetFromJson(R"({"funding":[{"amountFen":NaN}]})").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("byte offset 25: NaN")));
}

TEST(Hardening, JsonLinesRefuseRawControlCharactersWithTheColumn) {
  const std::string text =
      std::string("{\"member\":{\"id\":\"m") + '\0' + "1\"}}\n";
  auto reader = *JsonLinesReader::FromBuffer(text, "a.jsonl");
  v1::Record r;
  EXPECT_FALSE(reader->Next(&r));
  EXPECT_THAT(reader->status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a.jsonl:1 (byte offset 0): not a valid "
                                 "dangjian.v1.Record in JSON: column 19")));
}

TEST(Hardening, CsvNulBytesAreReportedAndTheRowSkipped) {
  const std::string text = std::string("id,name\nm1,a") + '\0' + "b\nm2,c\n";
  auto reader = CsvLedgerReader::FromBuffer(text, "members.csv");
  ASSERT_THAT(reader.status(), IsOk());
  v1::Record r;
  ASSERT_TRUE((*reader)->Next(&r));
  EXPECT_EQ(r.member().id(), "m2");
  EXPECT_FALSE((*reader)->Next(&r));
  ASSERT_EQ((*reader)->findings().size(), 1u);
  EXPECT_EQ((*reader)->findings()[0].line, 2);
  EXPECT_EQ((*reader)->findings()[0].column, 2);
  EXPECT_THAT((*reader)->findings()[0].message, HasSubstr("0x00"));
  EXPECT_EQ((*reader)->summary().rows_skipped, 1);
}

}  // namespace
}  // namespace dangjian
