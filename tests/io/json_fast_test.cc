// The JSON Lines fast path (src/io/json_fast.h), an internal class: it decides
// what writers emit, exactly as protobuf's parser would, and gives up on the
// rest. This program builds the fast path's sources in (tests/CMakeLists.txt)
// so that it also links against a shared library, whose internals are hidden.
// The reader's results on both paths are in json_lines_test.cc.
#include "io/json_fast.h"

#include <string>
#include <vector>

#include "dangjian/record.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/populate.h"

namespace dangjian {
namespace {

using ::dangjian::internal::FastJsonParser;
using ::google::protobuf::Message;
using ::google::protobuf::util::MessageDifferencer;

// What protobuf's own parser makes of `json`, or false when it refuses it.
bool Stock(const std::string& json, Message* out) {
  out->Clear();
  return google::protobuf::util::JsonStringToMessage(json, out).ok();
}

std::string ToJson(const Message& m, bool proto_names = false) {
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = proto_names;
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &json, o).ok());
  return json;
}

// Every kind of record, every field set, as the writer has them (and with
// snake_case names): the fast path takes them all, and makes of each what
// protobuf's parser makes of it.
TEST(JsonFastTest, TakesEveryRecordTheWriterWrites) {
  v1::Dataset d;
  testing::PopulateAllFields(&d);
  std::vector<v1::Record> records;
  ForEachRecord(d, [&](const v1::Record& r) { records.push_back(r); });
  v1::Record header;
  testing::PopulateAllFields(header.mutable_header());
  records.push_back(header);
  v1::Record trailer;
  testing::PopulateAllFields(trailer.mutable_trailer());
  records.push_back(trailer);
  ASSERT_GT(records.size(), 10u);
  FastJsonParser fast;
  v1::Record got, want;
  for (bool proto_names : {false, true}) {
    for (const v1::Record& r : records) {
      const std::string json = ToJson(r, proto_names);
      SCOPED_TRACE(json);
      ASSERT_TRUE(Stock(json, &want));
      ASSERT_TRUE(fast.Parse(json, &got));
      EXPECT_TRUE(MessageDifferencer::Equals(got, want));
      EXPECT_TRUE(MessageDifferencer::Equals(got, r));
    }
  }
}

// Messages other than a Record: nested and repeated messages, repeated
// scalars, uint64, doubles.
TEST(JsonFastTest, TakesOtherMessages) {
  FastJsonParser fast;
  v1::Dataset d;
  testing::PopulateAllFields(&d, 3);
  v1::Dataset got_d, want_d;
  const std::string dj = ToJson(d);
  ASSERT_TRUE(Stock(dj, &want_d));
  ASSERT_TRUE(fast.Parse(dj, &got_d));
  EXPECT_TRUE(MessageDifferencer::Equals(got_d, want_d));

  v1::PartialGroup g;
  testing::PopulateAllFields(&g, 3);
  g.add_sums_low(18446744073709551615ULL);
  g.add_sums_high(-9223372036854775807LL - 1);
  v1::PartialGroup got_g, want_g;
  const std::string gj = ToJson(g);
  ASSERT_TRUE(Stock(gj, &want_g));
  ASSERT_TRUE(fast.Parse(gj, &got_g));
  EXPECT_TRUE(MessageDifferencer::Equals(got_g, want_g));
}

// Lines the fast path takes, each made as protobuf's parser makes it: wire
// lengths of one, two and three bytes, escapes in keys and values, numbers
// at their limits, enums by number, explicit defaults.
TEST(JsonFastTest, TakesAndAgrees) {
  const std::string long_name(20000, 'x');
  const std::vector<std::string> lines = {
      R"({})",
      R"({"member":{}})",
      R"({"member":{"id":""}})",
      R"({"member":{"id":"m1","name":""}})",
      R"({ "member" : { "id" : "m1" , "name" : "张三" } } )",
      "{\"member\":{\"name\":\"" + std::string(200, 'y') + "\"}}",
      "{\"member\":{\"name\":\"" + long_name + "\",\"id\":\"m\"}}",
      "{\"partyOrganization\":{\"committee\":[{\"name\":\"" + long_name +
          "\"},{}],\"id\":\"p\"}}",
      R"({"member":{"name":"\u5f20\ud83d\ude00\n\"x\"\\\/\t\b\f\r"}})",
      R"({"mem\u0062er":{"i\u0064":"m1"}})",
      R"({"member":{"status":5,"gender":"GENDER_FEMALE"}})",
      R"({"member":{"status":0}})",
      R"({"member":{"monthlyIncomeFen":"-9223372036854775808"}})",
      R"({"member":{"monthlyIncomeFen":9223372036854775807}})",
      R"({"member":{"monthlyIncomeFen":"0"}})",
      R"({"member":{"monthlyIncomeFen":"-0"}})",
      R"({"hostOrganization":{"employees":-2147483648}})",
      R"({"hostOrganization":{"employees":-1}})",
      R"({"hostOrganization":{"hasTradeUnion":false,"owner":{}}})",
      R"({"trailer":{"recordCount":"3","crc32":4294967295}})",
      R"({"trailer":{"crc32":"0"}})",
      R"({"venue":{"latitude":0,"longitude":-0.0}})",
      R"({"venue":{"latitude":42.5e-1,"longitude":-1.5E2}})",
      R"({"partyOrganization":{"hostOrganizationIds":[],"committee":[]}})",
      R"({"partyOrganization":{"hostOrganizationIds":[ "h1" , "" ]}})",
      R"({"member":{"roles":["MEMBER_ROLE_SECRETARY",2]}})",
  };
  FastJsonParser fast;
  v1::Record got, want;
  for (const std::string& line : lines) {
    SCOPED_TRACE(line.substr(0, 200));
    ASSERT_TRUE(Stock(line, &want));
    ASSERT_TRUE(fast.Parse(line, &got));
    EXPECT_TRUE(MessageDifferencer::Equals(got, want))
        << got.ShortDebugString() << "\nvs\n"
        << want.ShortDebugString();
  }
}

// What the fast path leaves to protobuf's parser (which then decides, and
// the reader's strict check words the errors).
TEST(JsonFastTest, GivesUp) {
  const std::vector<std::string> lines = {
      "",
      "[]",
      R"({"member":null})",
      R"({"member":{"name":null}})",
      R"({"member":{"nmae":"x"}})",
      R"({"":{}})",
      R"({"member":{"":1}})",
      R"({"member":{"id":"a","id":"b"}})",
      R"({"member":{"id":"","id":"b"}})",
      R"({"member":{"nationalId":"1","national_id":"2"}})",
      R"({"member":{},"hostOrganization":{}})",
      R"({"member":{},"member":{}})",
      R"({"member":{"status":"MEMBER_STATUS_NOPE"}})",
      R"({"member":{"status":99}})",
      R"({"member":{"status":"5"}})",
      R"({"member":{"monthlyIncomeFen":"+5"}})",
      R"({"member":{"monthlyIncomeFen":01}})",
      R"({"member":{"monthlyIncomeFen":1.5}})",
      R"({"member":{"monthlyIncomeFen":1e3}})",
      R"({"member":{"monthlyIncomeFen":9223372036854775808}})",
      R"({"hostOrganization":{"employees":2147483648}})",
      R"({"trailer":{"crc32":4294967296}})",
      R"({"trailer":{"crc32":-1}})",
      R"({"venue":{"latitude":"Infinity"}})",
      R"({"venue":{"latitude":1e400}})",
      R"({"venue":{"latitude":.5}})",
      R"({"member":{"isOwner":"true"}})",
      R"({"member":{"isOwner":1}})",
      R"({"member":{"id":1}})",
      R"({"member":{"name":"\ud800"}})",
      R"({"member":{"name":"\udc00"}})",
      R"({"member":{"name":"\x41"}})",
      R"({"member":{"name":"\u12"}})",
      "{\"member\":{\"name\":\"tab\tinside\"}}",
      "{\"member\":{\"name\":\"\xC3\x28\"}}",
      "{\"member\":{\"name\":\"\xED\xA0\x80\"}}",
      "{\"member\":{\"id\":\"\xFF\",\"name\":\"ok\"}}",
      R"({"member":{"id":"m1",}})",
      R"({"member":{"id":"m1"})",
      R"({"member":{"id":"m1"}} x)",
      R"({"member":{"id":"m1"}}})",
      R"({"partyOrganization":{"hostOrganizationIds":["h1",]}})",
      R"({"partyOrganization":{"hostOrganizationIds":"h1"}})",
      R"({"partyOrganization":{"hostOrganizationIds":["h1"],)"
      R"("hostOrganizationIds":["h2"]}})",
  };
  // Nothing is logged on the way (protobuf's parser logs an error for a
  // string that is not UTF-8: the fast path never hands it one).
  static int logged = 0;
  logged = 0;
  google::protobuf::LogHandler* before = google::protobuf::SetLogHandler(
      [](google::protobuf::LogLevel, const char*, int, const std::string&) {
        ++logged;
      });
  FastJsonParser fast;
  v1::Record got;
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    EXPECT_FALSE(fast.Parse(line, &got));
  }
  google::protobuf::SetLogHandler(before);
  EXPECT_EQ(logged, 0);
}

// One message parsed into again and again, as the reader does: the message
// of a record's kind is reused, and nothing of an earlier record is left,
// whatever came before (fewer fields, another kind, unknown fields, a
// message on an arena).
TEST(JsonFastTest, ParsingIntoAUsedMessageReplacesIt) {
  const std::vector<std::string> lines = {
      R"({"member":{"id":"m1","name":"张三","phone":"13800000000",)"
      R"("fullOn":{"year":2010,"month":7,"day":1},"roles":[1,2]}})",
      R"({"member":{"id":"m2"}})",
      R"({"member":{}})",
      R"({"hostOrganization":{"id":"h1","name":"红山","employees":12}})",
      R"({"member":{"name":"李四"}})",
      R"({"hostOrganization":{"owner":{"name":"王"}}})",
      R"({"hostOrganization":{"id":"h3"}})",
      R"({})",
      R"({"member":{"id":"m3","status":"MEMBER_STATUS_FULL"}})",
      R"({"partyOrganization":{"hostOrganizationIds":["h1","h2"]}})",
      R"({"member":{"id":"m4","phone":"1"}})",
      R"({"member":{"id":"m5"}})",
  };
  FastJsonParser fast;
  v1::Record reused, want;
  google::protobuf::Arena arena;
  auto* on_arena = google::protobuf::Arena::CreateMessage<v1::Record>(&arena);
  for (int round = 0; round < 2; ++round) {
    for (const std::string& line : lines) {
      SCOPED_TRACE(line);
      ASSERT_TRUE(Stock(line, &want));
      ASSERT_TRUE(fast.Parse(line, &reused));
      EXPECT_TRUE(MessageDifferencer::Equals(reused, want))
          << reused.ShortDebugString();
      EXPECT_EQ(reused.SerializeAsString(), want.SerializeAsString());
      ASSERT_TRUE(fast.Parse(line, on_arena));
      EXPECT_TRUE(MessageDifferencer::Equals(*on_arena, want));
      // A fresh message each time: the kept messages move into them.
      v1::Record fresh;
      ASSERT_TRUE(fast.Parse(line, &fresh));
      EXPECT_TRUE(MessageDifferencer::Equals(fresh, want));
    }
    // Unknown fields left in the message go too.
    v1::Record junk;
    junk.mutable_member()->set_id("x");
    std::string bytes = junk.SerializeAsString();
    bytes += std::string("\xF8\x07\x01", 3);  // Field 127, varint 1.
    ASSERT_TRUE(reused.ParseFromString(bytes));
    ASSERT_FALSE(reused.GetReflection()->GetUnknownFields(reused).empty());
  }
  ASSERT_TRUE(fast.Parse(R"({"member":{"id":"m9"}})", &reused));
  EXPECT_TRUE(reused.GetReflection()->GetUnknownFields(reused).empty());
  EXPECT_EQ(reused.member().id(), "m9");
}

}  // namespace
}  // namespace dangjian
