// The CLI's outputs written in pieces (src/cli/output.h): a regular file
// appears whole, renamed into place, only when every piece was written; a
// producer or a write that fails leaves the file that was there, and no
// "<path>.tmp".
#include "cli/output.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace cli {
namespace {

using ::testing::HasSubstr;

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool Exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

std::string Scratch(const std::string& name) {
  return ::testing::TempDir() + "output_test_" + name;
}

TEST(WriteOutputPiecesTest, EveryPieceInOrderThenRenamedIntoPlace) {
  const std::string path = Scratch("whole.json");
  std::remove(path.c_str());
  ASSERT_TRUE(WriteOutputPieces(
                  path,
                  [](absl::FunctionRef<absl::Status(std::string_view)> write) {
                    for (std::string_view p : {"{", "\"a\"", ":1}"}) {
                      if (absl::Status s = write(p); !s.ok()) {
                        return s;
                      }
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(Read(path), "{\"a\":1}");
  EXPECT_FALSE(Exists(path + ".tmp"));
}

TEST(WriteOutputPiecesTest, AFailureAfterSomePiecesLeavesTheOldFile) {
  const std::string path = Scratch("kept.json");
  ASSERT_TRUE(WriteOutput(path, "the old report").ok());
  const absl::Status s = WriteOutputPieces(
      path, [](absl::FunctionRef<absl::Status(std::string_view)> write) {
        if (absl::Status w = write("{\"half\":"); !w.ok()) return w;
        return absl::InternalError("the report could not be made");
      });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(s.message()), HasSubstr("could not be made"));
  EXPECT_EQ(Read(path), "the old report");
  EXPECT_FALSE(Exists(path + ".tmp"));
}

TEST(WriteOutputPiecesTest, AFullDeviceNamesTheOutput) {
  if (!Exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const absl::Status s = WriteOutputPieces(
      "/dev/full", [](absl::FunctionRef<absl::Status(std::string_view)> write) {
        const std::string piece(size_t{1} << 20, 'x');
        for (int i = 0; i < 3; ++i) {
          if (absl::Status w = write(piece); !w.ok()) return w;
        }
        return absl::OkStatus();
      });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(s.message()), HasSubstr("/dev/full: write failed"));
}

}  // namespace
}  // namespace cli
}  // namespace dangjian
