// Fuzzes ReadDataset() of a binary Dataset on arbitrary bytes, and checks that
// what it accepts is written and read back unchanged (or refused for text that
// is not UTF-8).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "dangjian/io.h"
#include "dangjian/record_io.h"
#include "google/protobuf/util/message_differencer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string in_path =
      "/tmp/dangjian_fuzz_in_" + std::to_string(getpid()) + ".pb";
  static const std::string out_path =
      "/tmp/dangjian_fuzz_out_" + std::to_string(getpid()) + ".pb";
  {
    std::ofstream f(in_path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data),
            static_cast<std::streamsize>(size));
  }
  dangjian::OpenOptions options;
  options.max_dataset_bytes = 1 << 20;
  absl::StatusOr<dangjian::v1::Dataset> d =
      dangjian::ReadDataset(in_path, options);
  if (!d.ok()) return 0;
  if (!dangjian::WriteDataset(*d, out_path).ok()) return 0;
  absl::StatusOr<dangjian::v1::Dataset> back = dangjian::ReadDataset(out_path);
  if (!back.ok() ||
      !google::protobuf::util::MessageDifferencer::Equals(*d, *back)) {
    std::abort();
  }
  return 0;
}
