#include "dangjian/version.h"

#include <string>

#include "gtest/gtest.h"

namespace dangjian {
namespace {

TEST(VersionTest, LibraryMatchesHeaders) {
  EXPECT_EQ(std::string(VersionString()), DANGJIAN_VERSION_STRING);
  EXPECT_EQ(std::string(VersionString()),
            std::to_string(DANGJIAN_VERSION_MAJOR) + "." +
                std::to_string(DANGJIAN_VERSION_MINOR) + "." +
                std::to_string(DANGJIAN_VERSION_PATCH));
  EXPECT_EQ(DANGJIAN_VERSION, DANGJIAN_VERSION_MAJOR * 10000 +
                                  DANGJIAN_VERSION_MINOR * 100 +
                                  DANGJIAN_VERSION_PATCH);
}

}  // namespace
}  // namespace dangjian
