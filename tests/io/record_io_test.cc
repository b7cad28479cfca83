// The entry point: formats by extension or explicit, every format through the
// same RecordReader/RecordWriter interface, ReadDataset over all of them.
#include "dangjian/record_io.h"

#include <fstream>
#include <string>
#include <vector>

#include "dangjian/record.h"
#include "gmock/gmock.h"
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

TEST(FormatForPathTest, KnownAndUnknownExtensions) {
  EXPECT_EQ(*FormatForPath("a/county.pb"), FileFormat::kDatasetBinary);
  EXPECT_EQ(*FormatForPath("county.DJR"), FileFormat::kRecordStream);
  EXPECT_EQ(*FormatForPath("county.pbs"), FileFormat::kRecordStream);
  EXPECT_EQ(*FormatForPath("county.json"), FileFormat::kDatasetJson);
  EXPECT_EQ(*FormatForPath("county.jsonl"), FileFormat::kJsonLines);
  EXPECT_EQ(*FormatForPath("county.ndjson"), FileFormat::kJsonLines);
  EXPECT_EQ(*FormatForPath("单位.csv"), FileFormat::kCsvLedger);
  EXPECT_EQ(*FormatForPath("单位.txt"), FileFormat::kCsvLedger);
  EXPECT_EQ(*FormatForPath("县台账.xlsx"), FileFormat::kXlsxLedger);
  EXPECT_EQ(*FormatForPath("county.XLSM"), FileFormat::kXlsxLedger);
  EXPECT_THAT(FormatForPath("county.xls"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("county.xls"), HasSubstr(".xlsx"),
                             HasSubstr("97-2003"))));
  EXPECT_THAT(FormatForPath("county.ods"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("county.ods"), HasSubstr(".djr"))));
  EXPECT_THAT(FormatForPath("dir.d/noext"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("noext")));
  EXPECT_EQ(FileFormatName(FileFormat::kJsonLines), "jsonl");
  EXPECT_EQ(FileFormatName(FileFormat::kXlsxLedger), "xlsx");
}

v1::Dataset Sample() {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  return d;
}

// Every whole-record format: write through CreateRecordWriter, read back
// through OpenRecordReader and ReadDataset, equal.
TEST(RecordIoTest, EveryRecordFormatRoundTrips) {
  const v1::Dataset d = Sample();
  for (const char* ext : {"pb", "djr", "json", "jsonl"}) {
    SCOPED_TRACE(ext);
    const std::string path =
        ::testing::TempDir() + "/record_io_roundtrip." + ext;
    auto w = CreateRecordWriter(path);
    ASSERT_THAT(w, IsOk());
    std::vector<v1::Record> records;
    ForEachRecord(d, [&](const v1::Record& r) {
      records.push_back(r);
      EXPECT_THAT((*w)->Write(r), IsOk());
    });
    ASSERT_THAT((*w)->Close(), IsOk());
    EXPECT_THAT((*w)->Close(),
                StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("")));

    auto r = OpenRecordReader(path);
    ASSERT_THAT(r, IsOk());
    v1::Record rec;
    size_t i = 0;
    while ((*r)->Next(&rec)) {
      ASSERT_LT(i, records.size());
      EXPECT_TRUE(MessageDifferencer::Equals(rec, records[i])) << i;
      EXPECT_EQ((*r)->location().file(), path);
      ++i;
    }
    EXPECT_THAT((*r)->status(), IsOk());
    EXPECT_EQ(i, records.size());

    absl::StatusOr<v1::Dataset> back = ReadDataset(path);
    ASSERT_THAT(back, IsOk());
    v1::Dataset want = d;
    want.clear_provenance();  // The stream writer sets its own provenance.
    want.clear_policy();
    back->clear_provenance();
    back->clear_policy();
    EXPECT_TRUE(MessageDifferencer::Equals(want, *back));
  }
}

// What `dangjian convert` relies on: each format that has a place for the
// stream header gives its provenance back whole, and its policy.
TEST(RecordIoTest, TheHeaderSurvivesEveryFormatThatHoldsOne) {
  v1::StreamHeader header = testing::SampleStreamHeader();
  v1::Provenance* p = header.mutable_provenance();
  p->set_schema_version("dangjian.v1");
  v1::Record member;
  member.mutable_member()->set_id("m1");
  for (const char* ext : {"pb", "djr", "json", "jsonl"}) {
    SCOPED_TRACE(ext);
    const std::string path = ::testing::TempDir() + "/record_io_header." + ext;
    std::unique_ptr<RecordWriter> w;
    const std::string e = ext;
    if (e == "jsonl") {
      JsonLinesWriterOptions o;
      o.write_header_and_trailer = true;
      o.header = header;
      auto lw = JsonLinesWriter::Create(path, o);
      ASSERT_THAT(lw, IsOk());
      w = *std::move(lw);
    } else {
      CreateOptions o;
      o.record_stream.header = header;
      auto cw = CreateRecordWriter(path, o);
      ASSERT_THAT(cw, IsOk());
      w = *std::move(cw);
      if (e != "djr") {  // A Dataset takes it as a record.
        v1::Record h;
        *h.mutable_header() = header;
        ASSERT_THAT(w->Write(h), IsOk());
      }
    }
    ASSERT_THAT(w->Write(member), IsOk());
    ASSERT_THAT(w->Close(), IsOk());

    absl::StatusOr<v1::Dataset> back = ReadDataset(path);
    ASSERT_THAT(back, IsOk());
    EXPECT_TRUE(MessageDifferencer::Equals(back->provenance(), *p))
        << back->provenance().DebugString();
    EXPECT_EQ(back->policy().version(), "policy-7");
    ASSERT_EQ(back->members_size(), 1);

    // The streaming formats' readers have it before the first record.
    auto r = OpenRecordReader(path);
    ASSERT_THAT(r, IsOk());
    const v1::StreamHeader* got = nullptr;
    if (auto* s = dynamic_cast<RecordStreamReader*>(r->get())) {
      got = &s->header();
    } else if (auto* l = dynamic_cast<JsonLinesReader*>(r->get())) {
      got = l->header();
    }
    if (e == "djr" || e == "jsonl") {
      ASSERT_NE(got, nullptr);
      EXPECT_TRUE(MessageDifferencer::Equals(got->provenance(), *p));
      EXPECT_EQ(got->policy_version(), "policy-7");
      EXPECT_EQ(got->schema_version(), "dangjian.v1");
    }
  }
}

TEST(RecordIoTest, ExplicitFormatOverridesTheExtension) {
  const std::string path = ::testing::TempDir() + "/record_io_explicit.dat";
  EXPECT_THAT(CreateRecordWriter(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(".dat")));
  CreateOptions co;
  co.format = FileFormat::kRecordStream;
  co.record_stream.header.set_policy_version("p-7");
  auto w = CreateRecordWriter(path, co);
  ASSERT_THAT(w, IsOk());
  v1::Record r;
  r.mutable_member()->set_id("m1");
  ASSERT_THAT((*w)->Write(r), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());
  OpenOptions oo;
  oo.format = FileFormat::kRecordStream;
  absl::StatusOr<v1::Dataset> d = ReadDataset(path, oo);
  ASSERT_THAT(d, IsOk());
  ASSERT_EQ(d->members_size(), 1);
  EXPECT_THAT(d->provenance().producer(), HasSubstr("dangjian"));
  // The wrong explicit format fails clearly.
  oo.format = FileFormat::kJsonLines;
  EXPECT_THAT(ReadDataset(path, oo),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(path)));
}

TEST(RecordIoTest, CsvThroughTheEntryPoint) {
  const std::string path = ::testing::TempDir() + "/members.csv";
  CreateOptions co;
  EXPECT_THAT(CreateRecordWriter(path, co),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("table")));
  co.csv.table = CsvTable::kMembers;
  auto w = CreateRecordWriter(path, co);
  ASSERT_THAT(w, IsOk());
  v1::Record r;
  r.mutable_member()->set_id("m1");
  r.mutable_member()->set_name("张三");
  ASSERT_THAT((*w)->Write(r), IsOk());
  ASSERT_THAT((*w)->Close(), IsOk());
  absl::StatusOr<v1::Dataset> d = ReadDataset(path);
  ASSERT_THAT(d, IsOk());
  ASSERT_EQ(d->members_size(), 1);
  EXPECT_EQ(d->members(0).name(), "张三");

  // A skipped row makes ReadDataset fail, saying where; the reader goes on.
  { std::ofstream(path) << "人员标识,姓名,性别\nm1,张三,男\nm2,李四,未知\n"; }
  EXPECT_THAT(ReadDataset(path), StatusIs(absl::StatusCode::kFailedPrecondition,
                                          AllOf(HasSubstr("1 rows skipped"),
                                                HasSubstr("line 3"))));
  auto reader = OpenRecordReader(path);
  ASSERT_THAT(reader, IsOk());
  v1::Record rec;
  int n = 0;
  while ((*reader)->Next(&rec)) ++n;
  EXPECT_EQ(n, 1);
  EXPECT_THAT((*reader)->status(), IsOk());
}

TEST(RecordIoTest, MissingFilesAreNotFound) {
  for (const char* ext : {"pb", "djr", "json", "jsonl", "csv"}) {
    const std::string path = ::testing::TempDir() + "/record_io_missing." + ext;
    EXPECT_THAT(OpenRecordReader(path),
                StatusIs(absl::StatusCode::kNotFound, HasSubstr(path)))
        << ext;
  }
}

}  // namespace
}  // namespace dangjian
