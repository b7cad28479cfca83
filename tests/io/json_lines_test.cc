// JSON Lines of Records and JSON Dataset files.
#include "dangjian/json_lines.h"

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "dangjian/io.h"
#include "dangjian/record.h"
#include "dangjian/record_io.h"
#include "dangjian/record_stream.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"
#include "testing/stream_header.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<v1::Record> ReadAll(const std::string& text, absl::Status* status,
                                JsonLinesReaderOptions options = {}) {
  auto r = *JsonLinesReader::FromBuffer(text, "mem.jsonl", options);
  std::vector<v1::Record> out;
  v1::Record rec;
  while (r->Next(&rec)) out.push_back(rec);
  *status = r->status();
  return out;
}

TEST(JsonLinesTest, RoundTripsEveryFieldThroughAFile) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  std::vector<v1::Record> records;
  ForEachRecord(d, [&](const v1::Record& r) { records.push_back(r); });
  const std::string path = ::testing::TempDir() + "/jl_roundtrip.jsonl";
  JsonLinesWriterOptions wo;
  wo.write_header_and_trailer = true;
  wo.header.set_policy_version("p-1");
  auto w = JsonLinesWriter::Create(path, wo);
  ASSERT_THAT(w, IsOk());
  for (const auto& r : records) ASSERT_THAT((*w)->Write(r), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());

  auto r = JsonLinesReader::Open(path);
  ASSERT_THAT(r, IsOk());
  v1::Record rec;
  size_t i = 0;
  while ((*r)->Next(&rec)) {
    ASSERT_LT(i, records.size());
    EXPECT_TRUE(MessageDifferencer::Equals(rec, records[i])) << i;
    EXPECT_EQ((*r)->location().line(), static_cast<int64_t>(i) + 2);
    ++i;
  }
  EXPECT_THAT((*r)->status(), IsOk());
  EXPECT_EQ(i, records.size());
  ASSERT_NE((*r)->header(), nullptr);
  EXPECT_EQ((*r)->header()->policy_version(), "p-1");
}

// A consumer asks a JSON Lines reader for the header as it asks a record
// stream reader: before the first Next(), and never gets it from Next().
TEST(JsonLinesTest, HeaderIsReadOnOpeningAsARecordStreamsIs) {
  v1::Record member;
  member.mutable_member()->set_id("m1");

  std::string djr;
  RecordStreamWriterOptions so;
  so.header = testing::SampleStreamHeader();
  auto sw = RecordStreamWriter::ToString(&djr, so);
  ASSERT_THAT(sw, IsOk());
  ASSERT_THAT((*sw)->Write(member), IsOk());
  ASSERT_THAT((*sw)->Close(), IsOk());

  std::string jsonl;
  JsonLinesWriterOptions lo;
  lo.write_header_and_trailer = true;
  lo.header = testing::SampleStreamHeader();
  auto lw = *JsonLinesWriter::ToString(&jsonl, lo);
  ASSERT_THAT(lw->Write(member), IsOk());
  ASSERT_THAT(lw->Close(), IsOk());
  EXPECT_THAT(jsonl, ::testing::StartsWith("{\"header\":"));

  auto stream = RecordStreamReader::FromBuffer(djr, "mem.djr");
  ASSERT_THAT(stream, IsOk());
  auto lines = *JsonLinesReader::FromBuffer(jsonl, "mem.jsonl");
  ASSERT_NE(lines->header(), nullptr);
  // Equal, defaults filled in alike (schema_version, policy_version).
  EXPECT_TRUE(MessageDifferencer::Equals(*lines->header(), (*stream)->header()))
      << lines->header()->DebugString() << "\n"
      << (*stream)->header().DebugString();
  EXPECT_EQ(lines->header()->provenance().as_of().year(), 2014);
  EXPECT_EQ(lines->header()->policy_version(), "policy-7");

  v1::Record a, b;
  ASSERT_TRUE((*stream)->Next(&a));
  ASSERT_TRUE(lines->Next(&b));
  EXPECT_TRUE(MessageDifferencer::Equals(a, b));
  EXPECT_EQ(b.member().id(), "m1");
  EXPECT_EQ(lines->location().line(), 2);
  EXPECT_EQ(lines->location().record_index(),
            (*stream)->location().record_index());
  EXPECT_FALSE((*stream)->Next(&a));
  EXPECT_FALSE(lines->Next(&b));
  EXPECT_THAT((*stream)->status(), IsOk());
  EXPECT_THAT(lines->status(), IsOk());
}

TEST(JsonLinesTest, HeaderAfterBlankLinesAndABomIsTheHeader) {
  auto r = *JsonLinesReader::FromBuffer(
      "\xEF\xBB\xBF\n  \n{\"header\":{\"provenance\":{\"asOf\":"
      "{\"year\":2014,\"month\":12,\"day\":31}}}}\n{\"member\":{\"id\":"
      "\"m1\"}}\n",
      "mem.jsonl");
  ASSERT_NE(r->header(), nullptr);
  EXPECT_EQ(r->header()->provenance().as_of().day(), 31);
  v1::Record rec;
  ASSERT_TRUE(r->Next(&rec));
  EXPECT_EQ(rec.member().id(), "m1");
  EXPECT_EQ(r->location().line(), 4);
  EXPECT_FALSE(r->Next(&rec));
  EXPECT_THAT(r->status(), IsOk());
}

TEST(JsonLinesTest, WithoutAHeaderTheFirstRecordIsStillHandedOut) {
  auto r = *JsonLinesReader::FromBuffer(
      "{\"member\":{\"id\":\"m1\"}}\n{\"member\":{\"id\":\"m2\"}}\n",
      "mem.jsonl");
  EXPECT_EQ(r->header(), nullptr);
  v1::Record rec;
  ASSERT_TRUE(r->Next(&rec));
  EXPECT_EQ(rec.member().id(), "m1");
  EXPECT_EQ(r->location().line(), 1);
  EXPECT_EQ(r->location().record_index(), 0);
  ASSERT_TRUE(r->Next(&rec));
  EXPECT_EQ(rec.member().id(), "m2");
  EXPECT_EQ(r->location().line(), 2);
  EXPECT_FALSE(r->Next(&rec));
  EXPECT_THAT(r->status(), IsOk());
  EXPECT_EQ(r->header(), nullptr);

  // No line but blank ones: a failed export, not a county without records.
  for (const char* text : {"", "\n\n  \n"}) {
    auto empty = *JsonLinesReader::FromBuffer(text, "empty.jsonl");
    EXPECT_EQ(empty->header(), nullptr);
    EXPECT_FALSE(empty->Next(&rec));
    EXPECT_THAT(empty->status(), StatusIs(absl::StatusCode::kDataLoss,
                                          HasSubstr("empty.jsonl: is empty")));
  }
  // A header alone is a county without records.
  auto header_only = *JsonLinesReader::FromBuffer(
      "{\"header\":{\"provenance\":{\"producer\":\"t\"}}}\n", "h.jsonl");
  EXPECT_NE(header_only->header(), nullptr);
  EXPECT_FALSE(header_only->Next(&rec));
  EXPECT_THAT(header_only->status(), IsOk());

  // A bad first line: no header, and the error waits for Next().
  auto bad = *JsonLinesReader::FromBuffer("{\"header\":\n", "bad.jsonl");
  EXPECT_EQ(bad->header(), nullptr);
  EXPECT_FALSE(bad->Next(&rec));
  EXPECT_THAT(bad->status(), StatusIs(absl::StatusCode::kInvalidArgument,
                                      HasSubstr("bad.jsonl:1")));

  // A trailer alone: an empty stream.
  auto trailer = *JsonLinesReader::FromBuffer(
      "{\"trailer\":{\"recordCount\":\"0\"}}\n", "t.jsonl");
  EXPECT_EQ(trailer->header(), nullptr);
  EXPECT_FALSE(trailer->Next(&rec));
  EXPECT_THAT(trailer->status(), IsOk());
}

TEST(JsonLinesTest, HeaderIsThereAfterOpenOfAFile) {
  const std::string path = ::testing::TempDir() + "/jl_header.jsonl";
  {
    std::ofstream f(path);
    f << "{\"header\":{\"provenance\":{\"asOf\":{\"year\":2014}}}}\n"
      << "{\"member\":{\"id\":\"m1\"}}\n";
  }
  auto r = JsonLinesReader::Open(path);
  ASSERT_THAT(r, IsOk());
  ASSERT_NE((*r)->header(), nullptr);
  EXPECT_EQ((*r)->header()->provenance().as_of().year(), 2014);
  v1::Record rec;
  ASSERT_TRUE((*r)->Next(&rec));
  EXPECT_EQ(rec.member().id(), "m1");
}

TEST(JsonLinesTest, BlankLinesBomCrlfAndNoFinalNewline) {
  const std::string text =
      "\xEF\xBB\xBF{\"member\":{\"id\":\"m1\"}}\r\n\r\n   \n"
      "{\"host_organization\":{\"id\":\"h1\",\"name\":\"红山水泥\"}}";
  absl::Status status;
  std::vector<v1::Record> got = ReadAll(text, &status);
  EXPECT_THAT(status, IsOk());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].member().id(), "m1");
  EXPECT_EQ(got[1].host_organization().name(), "红山水泥");
}

TEST(JsonLinesTest, UnknownFieldStopsWithLineUnlessIgnored) {
  const std::string text =
      "{\"member\":{\"id\":\"m1\"}}\n{\"member\":{\"id\":\"m2\",\"nmae\":1}}\n"
      "{\"member\":{\"id\":\"m3\"}}\n";
  absl::Status status;
  std::vector<v1::Record> got = ReadAll(text, &status);
  EXPECT_EQ(got.size(), 1u);
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("mem.jsonl:2"),
                             HasSubstr("byte offset 23"), HasSubstr("nmae"))));
  JsonLinesReaderOptions lax;
  lax.ignore_unknown_fields = true;
  EXPECT_EQ(ReadAll(text, &status, lax).size(), 3u);
  EXPECT_THAT(status, IsOk());
}

// Fuzzer findings (json_fast_fuzzer): a key given twice, the first time with
// its default value, slipped past the fast path; and (dataset_json_fuzzer)
// protobuf's lenient parser kept an ignored key's contents as unknown fields.
TEST(JsonLinesTest, AKeyGivenTwiceIsRefusedEvenWhenFirstEmpty) {
  const std::string text =
      "{\"member\":{\"id\":\"m1\",\"phone\":\"\",\"phone\":\"1kk22564\"}}\n";
  absl::Status status;
  EXPECT_TRUE(ReadAll(text, &status).empty());
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("mem.jsonl:1"), HasSubstr("phone"))));
  const std::string fine = "{\"member\":{\"id\":\"m1\",\"phone\":\"\"}}\n";
  EXPECT_EQ(ReadAll(fine, &status).size(), 1u);
  EXPECT_THAT(status, IsOk());
}

TEST(JsonLinesTest, AnEmptyKeyIsRefusedEvenWhenUnknownKeysAreIgnored) {
  const std::string text =
      "{\"venue\":{\"id\":\"v1\",\"\":[{\"id\":\"r1\"}]}}\n";
  JsonLinesReaderOptions lax;
  lax.ignore_unknown_fields = true;
  for (const JsonLinesReaderOptions& options :
       {JsonLinesReaderOptions{}, lax}) {
    absl::Status status;
    EXPECT_TRUE(ReadAll(text, &status, options).empty());
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                                 AllOf(HasSubstr("mem.jsonl:1"),
                                       HasSubstr("empty key"))));
  }
}

TEST(JsonLinesTest, IgnoredKeysLeaveNothingBehind) {
  const std::string text =
      "{\"venue\":{\"id\":\"v1\",\"x\":[{\"id\":\"r1\"}]}}\n";
  JsonLinesReaderOptions lax;
  lax.ignore_unknown_fields = true;
  absl::Status status;
  std::vector<v1::Record> got = ReadAll(text, &status, lax);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_THAT(status, IsOk());
  EXPECT_EQ(got[0].venue().id(), "v1");
  EXPECT_EQ(got[0]
                .venue()
                .GetReflection()
                ->GetUnknownFields(got[0].venue())
                .field_count(),
            0);
  v1::Record expected;
  expected.mutable_venue()->set_id("v1");
  EXPECT_TRUE(MessageDifferencer::Equals(got[0], expected));
  EXPECT_TRUE(ReadAll(text, &status).empty());  // Strict: refused.
}

TEST(DatasetJsonTest, AnEmptyKeyIsRefused) {
  const std::string json =
      "{\"venues\":[{\"id\":\"v1\",\"\":[{\"id\":\"r1\"}]}]}";
  JsonReadOptions lax;
  lax.ignore_unknown_fields = true;
  EXPECT_THAT(
      DatasetFromJson(json, lax).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty key")));
  EXPECT_THAT(
      DatasetFromJson(json).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty key")));
}

TEST(DatasetJsonTest, IgnoredKeysLeaveNothingBehind) {
  const std::string json =
      "{\"venues\":[{\"id\":\"v1\",\"x\":[{\"id\":\"r1\"}]}]}";
  JsonReadOptions lax;
  lax.ignore_unknown_fields = true;
  absl::StatusOr<v1::Dataset> d = DatasetFromJson(json, lax);
  ASSERT_THAT(d.status(), IsOk());
  v1::Dataset expected;
  expected.add_venues()->set_id("v1");
  EXPECT_TRUE(MessageDifferencer::Equals(*d, expected)) << d->DebugString();
  EXPECT_THAT(DatasetFromJson(json).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
}

TEST(JsonLinesTest, ErrorsMaskPersonalData) {
  const std::string text =
      "{\"member\":{\"id\":\"m1\",\"status\":\"11010519491231002X\"}}\n";
  absl::Status status;
  EXPECT_TRUE(ReadAll(text, &status).empty());
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               Not(HasSubstr("11010519491231002X"))));
}

TEST(JsonLinesTest, TrailerCountIsChecked) {
  absl::Status status;
  ReadAll("{\"member\":{}}\n{\"trailer\":{\"recordCount\":\"1\"}}\n", &status);
  EXPECT_THAT(status, IsOk());
  ReadAll("{\"member\":{}}\n{\"trailer\":{\"recordCount\":\"2\"}}\n", &status);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDataLoss,
                               HasSubstr("trailer counts 2")));
  ReadAll("{\"trailer\":{}}\n{\"member\":{}}\n", &status);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("after the trailer")));
  ReadAll("{\"member\":{}}\n{\"header\":{}}\n", &status);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("not the first")));
}

TEST(JsonLinesTest, OverlongLineIsRefused) {
  JsonLinesReaderOptions o;
  o.max_line_bytes = 10;
  absl::Status status;
  ReadAll("{\"member\":{\"id\":\"m1\"}}\n", &status, o);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kResourceExhausted,
                               HasSubstr("max_line_bytes")));
}

TEST(JsonLinesTest, WriterRefusesHeadersAndBadUtf8) {
  std::string out;
  auto w = *JsonLinesWriter::ToString(&out);
  v1::Record r;
  r.mutable_header();
  EXPECT_THAT(w->Write(r), StatusIs(absl::StatusCode::kInvalidArgument,
                                    HasSubstr("header")));
  r.mutable_region()->set_name(std::string("\xc3\x28", 2));
  EXPECT_THAT(w->Write(r), StatusIs(absl::StatusCode::kInvalidArgument,
                                    HasSubstr("region.name")));
  r.mutable_region()->set_name("经棚镇");
  EXPECT_THAT(w->Write(r), IsOk());
  EXPECT_THAT(w->Close(), IsOk());
  EXPECT_EQ(out, "{\"region\":{\"name\":\"经棚镇\"}}\n");
}

TEST(DatasetJsonFileTest, RoundTripAndErrorsNameTheFile) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  const std::string path = ::testing::TempDir() + "/jl_dataset.json";
  ASSERT_THAT(WriteDataset(d, path), IsOk());
  absl::StatusOr<v1::Dataset> back = ReadDataset(path);
  ASSERT_THAT(back, IsOk());
  EXPECT_TRUE(MessageDifferencer::Equals(d, *back));
  OpenOptions small;
  small.max_dataset_bytes = 100;
  EXPECT_THAT(ReadDataset(path, small),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr(path)));
  { std::ofstream(path) << "{\"regions\": [{\"nmae\": 1}]}"; }
  EXPECT_THAT(ReadDataset(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(path), HasSubstr("nmae"))));
  OpenOptions lax;
  lax.json_lines.ignore_unknown_fields = true;
  EXPECT_THAT(ReadDataset(path, lax), IsOk());
  EXPECT_THAT(ReadDataset(path + ".missing.json"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing")));
}

TEST(JsonLinesTest, UnwritableAndMissingFiles) {
  EXPECT_THAT(JsonLinesWriter::Create("/nonexistent-dir/x.jsonl"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("x.jsonl")));
  EXPECT_THAT(JsonLinesReader::Open("/nonexistent-dir/x.jsonl"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("x.jsonl")));
  EXPECT_THAT(WriteDataset(v1::Dataset(), "/nonexistent-dir/x.json"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("x.json")));
  EXPECT_THAT(WriteDataset(v1::Dataset(), ::testing::TempDir() + "/ok.json"),
              IsOk());
}

// The reader's fast path and protobuf's own JSON parser agree on every line:
// the same record when protobuf accepts it, an error when it refuses it.
// Lines protobuf 3.21's JSON parser accepts and the reader refuses, saying
// where (CheckJsonText in src/io/json_check.h).
const std::set<std::string> kStricterThanProtobuf = {
    R"({"member":{"name":"\x41"}})",
    R"({"member":{"id":"a","id":"b"}})",
    R"({"partyOrganization":{"hostOrganizationIds":["h1",]}})",
    R"({"member":{"id":"m1",}})",
    R"({"member":{"id":"tab	inside"}})",
};

TEST(JsonLinesTest, AgreesWithProtobufsParser) {
  const std::vector<std::string> lines = {
      R"({"member":{"id":"m1","name":"张三","status":"MEMBER_STATUS_FULL"}})",
      R"({"member":{"id":"m1","status":5}})",
      R"({"member":{"id":"m1","status":"5"}})",
      R"({"member":{"id":"m1","status":"FULL"}})",
      R"({"member":{"id":"m1","status":99}})",
      R"({"member":{"monthlyIncomeFen":"450000"}})",
      R"({"member":{"monthly_income_fen":450000}})",
      R"({"member":{"monthlyIncomeFen":-450000}})",
      R"({"member":{"monthlyIncomeFen":1e3}})",
      R"({"member":{"monthlyIncomeFen":1.5}})",
      R"({"member":{"monthlyIncomeFen":01}})",
      R"({"member":{"monthlyIncomeFen":"-0"}})",
      R"({"member":{"monthlyIncomeFen":"+5"}})",
      R"({"member":{"monthlyIncomeFen":9223372036854775807}})",
      R"({"member":{"monthlyIncomeFen":9223372036854775808}})",
      R"({"member":{"monthlyIncomeFen":"-9223372036854775808"}})",
      R"({"hostOrganization":{"employees":2147483648}})",
      R"({"hostOrganization":{"employees":-2147483648}})",
      R"({"venue":{"latitude":42.5,"longitude":-1.5e2}})",
      R"({"venue":{"latitude":0,"longitude":-0.0}})",
      R"({"venue":{"latitude":"Infinity"}})",
      R"({"venue":{"latitude":1e400}})",
      R"({"venue":{"latitude":.5}})",
      R"({"member":{"name":"\u5f20\ud83d\ude00\n\"x\"\\\/\t"}})",
      R"({"member":{"name":"\ud800"}})",
      R"({"member":{"name":"\x41"}})",
      R"({"member":{"name":null}})",
      R"({"member":null})",
      R"({"member":{},"region":{}})",
      R"({"member":{"id":"a","id":"b"}})",
      R"({"partyOrganization":{"hostOrganizationIds":["h1","h2"],)"
      R"("committee":[{"name":"x","role":"COMMITTEE_ROLE_SECRETARY"},{}]}})",
      R"({"partyOrganization":{"hostOrganizationIds":[]}})",
      R"({"partyOrganization":{"hostOrganizationIds":["h1",]}})",
      R"({"partyOrganization":{"hostOrganizationIds":"h1"}})",
      R"({"member":{"isOwner":true,"roles":["MEMBER_ROLE_SECRETARY",2]}})",
      R"({"member":{"isOwner":"true"}})",
      R"({"member":{"isOwner":1}})",
      R"({"member":{"id":"m1",}})",
      R"({"member":{"id":"m1"}} x)",
      R"({"member":{"id":"m1"})",
      R"({"member":{"fullOn":{"year":2014,"month":8,"day":14}}})",
      R"({"member":{"fullOn":{}}})",
      R"({"member":{"unknownField":1}})",
      R"({})",
      R"( {"member" : { "id" : "m1" } } )",
      R"({"member":{"id":"m1"})"
      "\t\r",
      R"({"member":{"gender":"GENDER_MALE","gender2":1}})",
      R"([{"member":{}}])",
      R"({"member":{"id":1}})",
      R"({"member":{"id":"tab	inside"}})",
  };
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    v1::Record want;
    google::protobuf::util::JsonParseOptions o;
    const bool stock_ok =
        google::protobuf::util::JsonStringToMessage(line, &want, o).ok();
    absl::Status status;
    std::vector<v1::Record> got = ReadAll(line + "\n", &status);
    // The reader is stricter than protobuf's parser where protobuf accepts
    // what RFC 8259 refuses or loses data (a key twice, a trailing comma, a
    // raw control character, "\x41"); it never accepts what protobuf refuses.
    const bool stricter = kStricterThanProtobuf.count(line) > 0;
    EXPECT_EQ(stock_ok && !stricter, status.ok()) << status;
    if (stricter) {
      EXPECT_TRUE(stock_ok) << "protobuf refuses it too now";
    }
    if (stock_ok && status.ok()) {
      ASSERT_EQ(got.size(), 1u);
      EXPECT_TRUE(MessageDifferencer::Equals(got[0], want))
          << got[0].DebugString() << "\nvs\n"
          << want.DebugString();
    }
  }
  // uint32 (the trailer's crc32): a trailer is consumed, not handed out.
  for (const char* crc : {"4294967295", "4294967296", "-1", "\"7\""}) {
    const std::string line =
        std::string(R"({"trailer":{"recordCount":"0","crc32":)") + crc + "}}";
    v1::Record want;
    const bool stock_ok =
        google::protobuf::util::JsonStringToMessage(line, &want).ok();
    absl::Status status;
    EXPECT_TRUE(ReadAll(line, &status).empty());
    EXPECT_EQ(stock_ok, status.ok()) << line << " " << status;
  }
}

}  // namespace
}  // namespace dangjian
