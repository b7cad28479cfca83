// The C++ side of the Python interop test (run_interop.sh):
//   io_interop_tool write DIR  writes expected.pb (a Dataset), dangjian.djr (a
//                              record stream) and dangjian.jsonl (JSON Lines
//                              with header and trailer) of the same records;
//   io_interop_tool check DIR  reads python.djr and python.jsonl, written by
//                              interop.py, and compares them with expected.pb.
#include <iostream>
#include <string>
#include <vector>

#include "dangjian/io.h"
#include "dangjian/json_lines.h"
#include "dangjian/record.h"
#include "dangjian/record_io.h"
#include "dangjian/record_stream.h"
#include "google/protobuf/util/message_differencer.h"
#include "testing/populate.h"

namespace {

using dangjian::v1::Record;

std::vector<Record> Records(const dangjian::v1::Dataset& d) {
  std::vector<Record> out;
  dangjian::ForEachRecord(d, [&](const Record& r) { out.push_back(r); });
  return out;
}

int Fail(const std::string& what) {
  std::cerr << "io_interop_tool: " << what << "\n";
  return 1;
}

int Write(const std::string& dir) {
  dangjian::v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  if (auto s = dangjian::WriteDataset(d, dir + "/expected.pb"); !s.ok()) {
    return Fail(s.ToString());
  }
  dangjian::RecordStreamWriterOptions so;
  so.header.set_policy_version("interop-1");
  auto stream = dangjian::RecordStreamWriter::Create(dir + "/dangjian.djr", so);
  if (!stream.ok()) return Fail(stream.status().ToString());
  dangjian::JsonLinesWriterOptions jo;
  jo.write_header_and_trailer = true;
  auto lines = dangjian::JsonLinesWriter::Create(dir + "/dangjian.jsonl", jo);
  if (!lines.ok()) return Fail(lines.status().ToString());
  for (const Record& r : Records(d)) {
    if (auto s = (*stream)->Write(r); !s.ok()) return Fail(s.ToString());
    if (auto s = (*lines)->Write(r); !s.ok()) return Fail(s.ToString());
  }
  if (auto s = (*stream)->Close(); !s.ok()) return Fail(s.ToString());
  if (auto s = (*lines)->Close(); !s.ok()) return Fail(s.ToString());
  std::cout << "wrote " << Records(d).size() << " records\n";
  return 0;
}

int Compare(const std::string& what, dangjian::RecordReader* reader,
            const std::vector<Record>& want) {
  std::vector<Record> got;
  Record r;
  while (reader->Next(&r)) got.push_back(r);
  if (!reader->status().ok())
    return Fail(what + ": " + reader->status().ToString());
  if (got.size() != want.size()) {
    return Fail(what + ": " + std::to_string(got.size()) + " records, want " +
                std::to_string(want.size()));
  }
  for (size_t i = 0; i < got.size(); ++i) {
    if (!google::protobuf::util::MessageDifferencer::Equals(got[i], want[i])) {
      return Fail(what + ": record " + std::to_string(i) + " differs:\n" +
                  got[i].DebugString() + "want:\n" + want[i].DebugString());
    }
  }
  std::cout << what << ": " << got.size() << " records equal\n";
  return 0;
}

int Check(const std::string& dir) {
  auto d = dangjian::ReadDataset(dir + "/expected.pb");
  if (!d.ok()) return Fail(d.status().ToString());
  const std::vector<Record> want = Records(*d);
  auto stream = dangjian::RecordStreamReader::Open(dir + "/python.djr");
  if (!stream.ok()) return Fail(stream.status().ToString());
  if ((*stream)->header().provenance().producer() != "python interop") {
    return Fail("python.djr: header producer is not \"python interop\"");
  }
  if (int rc = Compare("python.djr", stream->get(), want); rc != 0) return rc;
  auto lines = dangjian::JsonLinesReader::Open(dir + "/python.jsonl");
  if (!lines.ok()) return Fail(lines.status().ToString());
  if (int rc = Compare("python.jsonl", lines->get(), want); rc != 0) return rc;
  std::cout << "interop ok\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return Fail("usage: io_interop_tool write|check DIR");
  const std::string cmd = argv[1];
  if (cmd == "write") return Write(argv[2]);
  if (cmd == "check") return Check(argv[2]);
  return Fail("unknown command " + cmd);
}
