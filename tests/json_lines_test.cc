// JSON Lines of Records and JSON Dataset files.
#include "dangjian/json_lines.h"

#include <fstream>
#include <string>
#include <vector>

#include "dangjian/record.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"

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
  auto r = JsonLinesReader::FromBuffer(text, "mem.jsonl", options);
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
  auto w = JsonLinesWriter::ToString(&out);
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
  ASSERT_THAT(WriteDatasetJsonFile(d, path), IsOk());
  absl::StatusOr<v1::Dataset> back = ReadDatasetJsonFile(path);
  ASSERT_THAT(back, IsOk());
  EXPECT_TRUE(MessageDifferencer::Equals(d, *back));
  EXPECT_THAT(ReadDatasetJsonFile(path, {}, 100),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr(path)));
  { std::ofstream(path) << "{\"regions\": [{\"nmae\": 1}]}"; }
  EXPECT_THAT(ReadDatasetJsonFile(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(path), HasSubstr("nmae"))));
  JsonReadOptions lax;
  lax.ignore_unknown_fields = true;
  EXPECT_THAT(ReadDatasetJsonFile(path, lax), IsOk());
  EXPECT_THAT(ReadDatasetJsonFile(path + ".missing"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing")));
}

}  // namespace
}  // namespace dangjian
