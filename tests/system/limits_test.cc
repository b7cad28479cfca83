// Every reader's documented limit, tested at the limit (accepted) and one past
// it (refused with ResourceExhausted naming the option, or counted).
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "dangjian/csv_ledger.h"
#include "dangjian/io.h"
#include "dangjian/json_lines.h"
#include "dangjian/record_io.h"
#include "dangjian/record_stream.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

v1::Record Member(const std::string& id, size_t name_bytes) {
  v1::Record r;
  r.mutable_member()->set_id(id);
  r.mutable_member()->set_name(std::string(name_bytes, 'x'));
  return r;
}

std::string StreamOf(const v1::Record& r) {
  std::string out;
  auto writer = RecordStreamWriter::ToString(&out);
  EXPECT_THAT((*writer)->Write(r), IsOk());
  EXPECT_THAT((*writer)->Close(), IsOk());
  return out;
}

absl::Status ReadAll(RecordReader* reader, int64_t* n) {
  v1::Record r;
  *n = 0;
  while (reader->Next(&r)) ++*n;
  return reader->status();
}

TEST(Limits, RecordStreamRecordAtTheCapAndOnePast) {
  const v1::Record r = Member("m1", 300);
  const int64_t size = static_cast<int64_t>(r.ByteSizeLong());
  const std::string stream = StreamOf(r);
  RecordStreamReaderOptions at;
  at.max_record_bytes = size;
  auto reader = RecordStreamReader::FromBuffer(stream, "s.djr", at);
  ASSERT_THAT(reader.status(), IsOk());
  int64_t n = 0;
  EXPECT_THAT(ReadAll(reader->get(), &n), IsOk());
  EXPECT_EQ(n, 1);

  RecordStreamReaderOptions past;
  past.max_record_bytes = size - 1;
  reader = RecordStreamReader::FromBuffer(stream, "s.djr", past);
  ASSERT_THAT(reader.status(), IsOk());  // The header is smaller.
  EXPECT_THAT(ReadAll(reader->get(), &n),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       HasSubstr("max_record_bytes")));
  EXPECT_EQ(n, 0);
}

TEST(Limits, JsonLinesLineAtTheCapAndOnePast) {
  const std::string line = R"({"member":{"id":"m1","name":"xxxxxxxx"}})";
  const std::string text = line + "\n" + line + "\n";
  JsonLinesReaderOptions at;
  at.max_line_bytes = static_cast<int64_t>(line.size());
  int64_t n = 0;
  EXPECT_THAT(
      ReadAll(JsonLinesReader::FromBuffer(text, "a.jsonl", at)->get(), &n),
      IsOk());
  EXPECT_EQ(n, 2);
  JsonLinesReaderOptions past;
  past.max_line_bytes = static_cast<int64_t>(line.size()) - 1;
  EXPECT_THAT(
      ReadAll(JsonLinesReader::FromBuffer(text, "a.jsonl", past)->get(), &n),
      StatusIs(absl::StatusCode::kResourceExhausted,
               HasSubstr("max_line_bytes")));
  EXPECT_EQ(n, 0);
}

TEST(Limits, CsvRowAtTheCapAndOnePast) {
  const std::string header = "id,name\n";
  const std::string row = "m1,\"" + std::string(100, 'x') + "\"\n";
  const std::string text = header + row;
  CsvReaderOptions at;
  at.max_row_bytes = static_cast<int64_t>(row.size());
  auto reader = CsvLedgerReader::FromBuffer(text, "members.csv", at);
  ASSERT_THAT(reader.status(), IsOk());
  int64_t n = 0;
  EXPECT_THAT(ReadAll(reader->get(), &n), IsOk());
  EXPECT_EQ(n, 1);
  CsvReaderOptions past;
  past.max_row_bytes = static_cast<int64_t>(row.size()) - 1;
  reader = CsvLedgerReader::FromBuffer(text, "members.csv", past);
  ASSERT_THAT(reader.status(), IsOk());
  EXPECT_THAT(ReadAll(reader->get(), &n),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       HasSubstr("members.csv:2")));
  EXPECT_EQ(n, 0);
}

TEST(Limits, CsvFindingsAtTheCapAndOnePast) {
  std::string text = "id,name,full_on\n";
  for (int i = 0; i < 5; ++i) {
    text += "m" + std::to_string(i) + ",a,2014-02-30\n";
  }
  CsvReaderOptions at;
  at.max_findings = 5;
  auto reader = CsvLedgerReader::FromBuffer(text, "members.csv", at);
  ASSERT_THAT(reader.status(), IsOk());
  int64_t n = 0;
  EXPECT_THAT(ReadAll(reader->get(), &n), IsOk());
  EXPECT_EQ((*reader)->findings().size(), 5u);
  EXPECT_EQ((*reader)->summary().findings_dropped, 0);
  CsvReaderOptions past;
  past.max_findings = 4;
  reader = CsvLedgerReader::FromBuffer(text, "members.csv", past);
  ASSERT_THAT(reader.status(), IsOk());
  EXPECT_THAT(ReadAll(reader->get(), &n), IsOk());
  EXPECT_EQ((*reader)->findings().size(), 4u);
  EXPECT_EQ((*reader)->summary().findings_dropped, 1);
}

std::string TempFile(const std::string& name, const std::string& bytes) {
  const std::string path = ::testing::TempDir() + "/limits_" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(Limits, BinaryDatasetAtTheCapAndOnePast) {
  v1::Dataset d;
  d.add_members()->set_id("m1");
  const std::string bytes = d.SerializeAsString();
  const std::string path = TempFile("d.pb", bytes);
  OpenOptions at;
  at.max_dataset_bytes = static_cast<int64_t>(bytes.size());
  EXPECT_THAT(ReadDataset(path, at).status(), IsOk());
  OpenOptions past;
  past.max_dataset_bytes = static_cast<int64_t>(bytes.size()) - 1;
  EXPECT_THAT(ReadDataset(path, past).status(),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       HasSubstr("max_dataset_bytes")));
  std::remove(path.c_str());
}

TEST(Limits, JsonDatasetAtTheCapAndOnePast) {
  const std::string json = R"({"members":[{"id":"m1"}]})";
  const std::string path = TempFile("d.json", json);
  OpenOptions at;
  at.max_dataset_bytes = static_cast<int64_t>(json.size());
  EXPECT_THAT(ReadDataset(path, at).status(), IsOk());
  OpenOptions past;
  past.max_dataset_bytes = static_cast<int64_t>(json.size()) - 1;
  EXPECT_THAT(
      ReadDataset(path, past).status(),
      StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("limits_d")));
  std::remove(path.c_str());
}

TEST(Limits, BinaryNestingAtProtobufsLimitAndPast) {
  // Unknown groups nested inside a Dataset count against protobuf's recursion
  // limit of 100 (the Dataset itself is one level).
  auto nested = [](int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "\x9b\x06";  // field 99, start group
    for (int i = 0; i < depth; ++i) s += "\x9c\x06";  // field 99, end group
    return s;
  };
  const std::string ok_path = TempFile("n50.pb", nested(50));
  EXPECT_THAT(ReadDataset(ok_path).status(), IsOk());
  const std::string bad_path = TempFile("n150.pb", nested(150));
  EXPECT_THAT(ReadDataset(bad_path).status(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("limits_n150")));
  std::remove(ok_path.c_str());
  std::remove(bad_path.c_str());
}

TEST(Limits, ValidatorFindingsAtTheCapAndOnePast) {
  v1::Dataset d;
  for (int i = 0; i < 3; ++i) {
    v1::Member* m = d.add_members();
    m->set_id("m" + std::to_string(i));
    m->set_national_id("bad");
  }
  ValidatorOptions options;
  options.as_of.set_year(2017);
  options.as_of.set_month(1);
  options.as_of.set_day(1);
  options.max_findings = 0;
  auto all = (*Validator::Create(options))->Validate(d);
  ASSERT_THAT(all.status(), IsOk());
  const int64_t total = all->findings_size();
  ASSERT_GT(total, 1);
  options.max_findings = total;
  auto at = (*Validator::Create(options))->Validate(d);
  EXPECT_EQ(at->findings_size(), total);
  EXPECT_EQ(at->findings_omitted(), 0);
  options.max_findings = total - 1;
  auto past = (*Validator::Create(options))->Validate(d);
  EXPECT_EQ(past->findings_size(), total - 1);
  EXPECT_EQ(past->findings_omitted(), 1);
}

}  // namespace
}  // namespace dangjian
