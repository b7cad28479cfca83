// Record streams: round trips, delimited framing compatible with protobuf's
// own, and damage reported with offsets while the records before it are kept.
#include "dangjian/record_stream.h"

#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "dangjian/record.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/delimited_message_util.h"
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

std::vector<v1::Record> SampleRecords() {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  std::vector<v1::Record> out;
  ForEachRecord(d, [&](const v1::Record& r) { out.push_back(r); });
  return out;
}

std::string WriteStream(const std::vector<v1::Record>& records) {
  std::string bytes;
  auto w = RecordStreamWriter::ToString(&bytes);
  EXPECT_THAT(w, IsOk());
  for (const auto& r : records) EXPECT_THAT((*w)->Write(r), IsOk());
  EXPECT_THAT((*w)->Close(), IsOk());
  return bytes;
}

// Reads all; returns the records and the final status.
std::vector<v1::Record> ReadAll(const std::string& bytes, absl::Status* status,
                                RecordStreamReaderOptions options = {}) {
  std::vector<v1::Record> out;
  auto r = RecordStreamReader::FromBuffer(bytes, "mem.djr", options);
  if (!r.ok()) {
    *status = r.status();
    return out;
  }
  v1::Record rec;
  while ((*r)->Next(&rec)) out.push_back(rec);
  *status = (*r)->status();
  return out;
}

TEST(RecordStreamTest, RoundTripsThroughAFile) {
  const std::vector<v1::Record> records = SampleRecords();
  const std::string path = ::testing::TempDir() + "/rs_roundtrip.djr";
  std::remove(path.c_str());  // From an earlier run.
  RecordStreamWriterOptions wo;
  wo.header.mutable_provenance()->set_reporting_unit("克什克腾旗委组织部");
  auto w = RecordStreamWriter::Create(path, wo);
  ASSERT_THAT(w, IsOk());
  for (const auto& r : records) ASSERT_THAT((*w)->Write(r), IsOk());
  EXPECT_EQ((*w)->record_count(), static_cast<int64_t>(records.size()));
  // Not visible under its name until closed.
  EXPECT_FALSE(std::ifstream(path).good());
  ASSERT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT((*w)->Close(), StatusIs(absl::StatusCode::kFailedPrecondition,
                                      HasSubstr("closed")));

  auto r = RecordStreamReader::Open(path);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ((*r)->header().schema_version(), "dangjian.v1");
  EXPECT_THAT((*r)->header().provenance().producer(), HasSubstr("dangjian"));
  EXPECT_EQ((*r)->header().provenance().reporting_unit(), "克什克腾旗委组织部");
  v1::Record rec;
  size_t i = 0;
  int64_t last_offset = 0;
  while ((*r)->Next(&rec)) {
    ASSERT_LT(i, records.size());
    EXPECT_TRUE(MessageDifferencer::Equals(rec, records[i]));
    EXPECT_EQ((*r)->location().file(), path);
    EXPECT_EQ((*r)->location().record_index(), static_cast<int64_t>(i) + 1);
    EXPECT_GT((*r)->location().byte_offset(), last_offset);
    last_offset = (*r)->location().byte_offset();
    ++i;
  }
  EXPECT_THAT((*r)->status(), IsOk());
  EXPECT_EQ(i, records.size());
  ASSERT_NE((*r)->trailer(), nullptr);
  EXPECT_EQ((*r)->trailer()->record_count(),
            static_cast<int64_t>(records.size()));
}

// protobuf's own delimited reader reads our stream, and we read its output.
TEST(RecordStreamTest, FramingIsProtobufsDelimitedFraming) {
  const std::vector<v1::Record> records = SampleRecords();
  const std::string bytes = WriteStream(records);
  google::protobuf::io::ArrayInputStream raw(bytes.data(),
                                             static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream in(&raw);
  std::vector<v1::Record> got;
  v1::Record rec;
  bool eof = false;
  while (
      google::protobuf::util::ParseDelimitedFromCodedStream(&rec, &in, &eof)) {
    got.push_back(rec);
  }
  EXPECT_TRUE(eof);
  ASSERT_EQ(got.size(), records.size() + 2);
  EXPECT_TRUE(got.front().has_header());
  EXPECT_TRUE(got.back().has_trailer());
  EXPECT_TRUE(MessageDifferencer::Equals(got[1], records[0]));

  // Now the other way: frames written by protobuf, trailer crc computed here.
  std::string theirs;
  {
    google::protobuf::io::StringOutputStream out(&theirs);
    v1::Record h;
    h.mutable_header()->set_schema_version("dangjian.v1");
    ASSERT_TRUE(
        google::protobuf::util::SerializeDelimitedToZeroCopyStream(h, &out));
  }
  const size_t body_start = theirs.size();
  {
    google::protobuf::io::StringOutputStream out(&theirs);
    for (const auto& r : records) {
      ASSERT_TRUE(
          google::protobuf::util::SerializeDelimitedToZeroCopyStream(r, &out));
    }
  }
  v1::Record t;
  t.mutable_trailer()->set_record_count(static_cast<int64_t>(records.size()));
  t.mutable_trailer()->set_crc32(static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(theirs.data() + body_start),
            static_cast<uInt>(theirs.size() - body_start))));
  {
    google::protobuf::io::StringOutputStream out(&theirs);
    ASSERT_TRUE(
        google::protobuf::util::SerializeDelimitedToZeroCopyStream(t, &out));
  }
  absl::Status status;
  EXPECT_EQ(ReadAll(theirs, &status).size(), records.size());
  EXPECT_THAT(status, IsOk());
}

TEST(RecordStreamTest, TruncationKeepsEarlierRecordsAndSaysWhere) {
  const std::vector<v1::Record> records = SampleRecords();
  const std::string bytes = WriteStream(records);
  // Cut in the middle of the last entity record.
  absl::Status status;
  auto whole = RecordStreamReader::FromBuffer(bytes, "x");
  ASSERT_THAT(whole, IsOk());
  v1::Record rec;
  std::vector<int64_t> offsets;
  while ((*whole)->Next(&rec))
    offsets.push_back((*whole)->location().byte_offset());
  const int64_t cut = offsets.back() + 5;
  const std::string truncated = bytes.substr(0, static_cast<size_t>(cut));
  std::vector<v1::Record> got = ReadAll(truncated, &status);
  EXPECT_EQ(got.size(), records.size() - 1);
  EXPECT_THAT(
      status,
      StatusIs(absl::StatusCode::kDataLoss,
               AllOf(HasSubstr("mem.djr"), HasSubstr("truncated"),
                     HasSubstr(absl::StrCat("byte offset ", offsets.back())),
                     HasSubstr("with 5 bytes left unread"))));

  // Cut cleanly after a record: no trailer.
  got = ReadAll(bytes.substr(0, static_cast<size_t>(offsets.back())), &status);
  EXPECT_EQ(got.size(), records.size() - 1);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDataLoss,
                               HasSubstr("without a trailer")));
}

TEST(RecordStreamTest, CorruptionIsDetectedByTheChecksum) {
  std::vector<v1::Record> records(3);
  for (int i = 0; i < 3; ++i) {
    records[i].mutable_host_organization()->set_id("host-" + std::to_string(i));
  }
  std::string bytes = WriteStream(records);
  const size_t at = bytes.find("host-1");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 5] = '7';  // Still a valid record: only the crc can tell.
  absl::Status status;
  EXPECT_EQ(ReadAll(bytes, &status).size(), 3u);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDataLoss,
                               HasSubstr("checksum mismatch")));
  RecordStreamReaderOptions lax;
  lax.verify_trailer = false;
  ReadAll(bytes, &status, lax);
  EXPECT_THAT(status, IsOk());
}

TEST(RecordStreamTest, GarbageRecordIsDataLossWithOffset) {
  std::string bytes = WriteStream({});
  v1::Record ok;
  ok.mutable_member()->set_id("m1");
  // Insert a frame whose bytes are not a Record: field 15 with wire type 7.
  std::string bad = "\x03\xff\xff\xff";
  std::string good;
  ok.SerializeToString(&good);
  const size_t trailer_at = bytes.size() - 3;  // trailer record is 3 bytes
  std::string stream = bytes.substr(0, trailer_at);
  stream += static_cast<char>(good.size()) + good;
  const size_t bad_at = stream.size();
  stream += bad;
  stream += bytes.substr(trailer_at);
  absl::Status status;
  std::vector<v1::Record> got = ReadAll(stream, &status);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].member().id(), "m1");
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kDataLoss,
                       AllOf(HasSubstr("corrupt"),
                             HasSubstr(absl::StrCat("byte offset ", bad_at)))));
}

TEST(RecordStreamTest, OversizeRecordIsRefused) {
  v1::Record big;
  big.mutable_region()->set_name(std::string(5000, 'x'));
  const std::string bytes = WriteStream({big});
  RecordStreamReaderOptions small;
  small.max_record_bytes = 1000;
  absl::Status status;
  EXPECT_TRUE(ReadAll(bytes, &status, small).empty());
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kResourceExhausted,
                               HasSubstr("max_record_bytes")));
  EXPECT_EQ(ReadAll(bytes, &status).size(), 1u);
  EXPECT_THAT(status, IsOk());

  std::string out;
  RecordStreamWriterOptions wo;
  wo.max_record_bytes = 1000;
  auto w = RecordStreamWriter::ToString(&out, wo);
  ASSERT_THAT(w, IsOk());
  EXPECT_THAT((*w)->Write(big), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("above the cap")));
}

TEST(RecordStreamTest, NotAStreamIsRefusedAtOpen) {
  EXPECT_THAT(RecordStreamReader::FromBuffer("", "empty.djr"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("is empty")));
  v1::Record m;
  m.mutable_member()->set_id("m1");
  std::string frame;
  m.SerializeToString(&frame);
  frame.insert(frame.begin(), static_cast<char>(frame.size()));
  EXPECT_THAT(RecordStreamReader::FromBuffer(frame, "x.djr"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("not a header")));
  EXPECT_THAT(RecordStreamReader::FromBuffer("{\"json\": 1}", "x.djr"),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("is it a dangjian record stream")));
  EXPECT_THAT(RecordStreamReader::Open("/nonexistent/x.djr"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("x.djr")));
}

TEST(RecordStreamTest, BytesAfterTheTrailerAreReported) {
  std::string bytes = WriteStream({});
  absl::Status status;
  ReadAll(bytes, &status);
  EXPECT_THAT(status, IsOk());
  bytes += "junk";
  ReadAll(bytes, &status);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDataLoss,
                               AllOf(HasSubstr("follow the trailer"),
                                     HasSubstr("4 bytes left unread"))));
}

TEST(RecordStreamTest, WriterRefusesWhatCannotBeReadBack) {
  std::string out;
  auto w = RecordStreamWriter::ToString(&out);
  ASSERT_THAT(w, IsOk());
  v1::Record r;
  EXPECT_THAT((*w)->Write(r),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  r.mutable_trailer();
  EXPECT_THAT((*w)->Write(r), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("trailer")));
  r.mutable_member()->set_id("11010519491231002X");
  r.mutable_member()->set_name(std::string("\xb6\xfe", 2));
  absl::Status s = (*w)->Write(r);
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument,
                          AllOf(HasSubstr("member.name"),
                                Not(HasSubstr("11010519491231002X")))));
  r.mutable_member()->set_name("张三");
  EXPECT_THAT((*w)->Write(r), IsOk());
  EXPECT_THAT((*w)->Close(), IsOk());
  EXPECT_THAT(RecordStreamWriter::Create("/nonexistent-dir/x.djr"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("x.djr")));
}

TEST(RecordStreamTest, AbandonedWriterLeavesNoFile) {
  const std::string path = ::testing::TempDir() + "/rs_abandoned.djr";
  {
    auto w = RecordStreamWriter::Create(path);
    ASSERT_THAT(w, IsOk());
  }
  EXPECT_FALSE(std::ifstream(path).good());
  EXPECT_FALSE(std::ifstream(path + ".tmp").good());
}

TEST(RecordStreamTest, LargeStreamReadsThroughTheBufferBoundaries) {
  // Records that straddle the 1 MiB read chunk, and one larger than it.
  std::vector<v1::Record> records;
  for (int i = 0; i < 300; ++i) {
    v1::Record r;
    r.mutable_activity()->set_id("a" + std::to_string(i));
    r.mutable_activity()->set_title(std::string(7919 + i, 'y'));
    records.push_back(r);
  }
  records[150].mutable_activity()->set_title(std::string(3 << 20, 'z'));
  const std::string path = ::testing::TempDir() + "/rs_large.djr";
  {
    auto w = RecordStreamWriter::Create(path);
    ASSERT_THAT(w, IsOk());
    for (const auto& r : records) ASSERT_THAT((*w)->Write(r), IsOk());
    ASSERT_THAT((*w)->Close(), IsOk());
  }
  auto r = RecordStreamReader::Open(path);
  ASSERT_THAT(r, IsOk());
  v1::Record rec;
  size_t i = 0;
  while ((*r)->Next(&rec)) {
    ASSERT_TRUE(MessageDifferencer::Equals(rec, records[i])) << i;
    ++i;
  }
  EXPECT_THAT((*r)->status(), IsOk());
  EXPECT_EQ(i, records.size());
}

// Cut at every byte: never a crash, the complete records before the cut are
// delivered, and only the whole stream reads clean.
TEST(RecordStreamTest, EveryTruncationIsReported) {
  std::vector<v1::Record> records(4);
  for (int i = 0; i < 4; ++i) {
    records[i].mutable_member()->set_id("m" + std::to_string(i));
    records[i].mutable_member()->set_name("张三");
  }
  const std::string bytes = WriteStream(records);
  auto whole = RecordStreamReader::FromBuffer(bytes, "x");
  ASSERT_THAT(whole, IsOk());
  std::vector<int64_t> ends;  // Where each entity record ends.
  v1::Record rec;
  while ((*whole)->Next(&rec)) ends.push_back((*whole)->offset());
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    absl::Status status;
    const std::vector<v1::Record> got = ReadAll(bytes.substr(0, cut), &status);
    size_t complete = 0;
    while (complete < ends.size() &&
           ends[complete] <= static_cast<int64_t>(cut)) {
      ++complete;
    }
    EXPECT_EQ(got.size(), complete) << cut;
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << cut;
  }
  absl::Status status;
  EXPECT_EQ(ReadAll(bytes, &status).size(), 4u);
  EXPECT_THAT(status, IsOk());
}

TEST(RecordStreamTest, BadOptionsAreRefused) {
  RecordStreamReaderOptions r;
  r.max_record_bytes = 0;
  EXPECT_THAT(RecordStreamReader::FromBuffer("", "x", r),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("max_record_bytes")));
  RecordStreamWriterOptions w;
  w.max_record_bytes = int64_t{1} << 40;
  std::string out;
  EXPECT_THAT(RecordStreamWriter::ToString(&out, w),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("max_record_bytes")));
  w.max_record_bytes = 100;
  EXPECT_THAT(RecordStreamWriter::ToString(&out, w), IsOk());
}

}  // namespace
}  // namespace dangjian
