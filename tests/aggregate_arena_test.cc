// The aggregator's id index helpers (src/aggregate/arena.h, header-only):
// EqualBytes agrees with string equality on every length and every position
// of a difference; HashBytes sees every byte; IdIndex gives dense indexes.
#include <string>
#include <vector>

#include "aggregate/arena.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

TEST(EqualBytesTest, AgreesWithEqualityOnEveryLengthAndPosition) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    std::string b = a;
    ASSERT_TRUE(EqualBytes(a, b)) << "length " << n;
    for (size_t i = 0; i < n; ++i) {
      b[i] = static_cast<char>(b[i] ^ 1);
      ASSERT_FALSE(EqualBytes(a, b)) << "length " << n << ", byte " << i;
      b[i] = a[i];
    }
    ASSERT_FALSE(EqualBytes(a, a + "y")) << "length " << n;
    if (n > 0) {
      ASSERT_FALSE(EqualBytes(a, a.substr(0, n - 1)));
    }
  }
  EXPECT_TRUE(EqualBytes(absl::string_view(), ""));
}

TEST(HashBytesTest, SeesEveryByteAndTheLength) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, '7');
    const uint64_t h = HashBytes(a.data(), a.size());
    EXPECT_EQ(h, HashBytes(a.data(), a.size()));
    for (size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = '8';
      EXPECT_NE(HashBytes(b.data(), b.size()), h)
          << "length " << n << ", byte " << i;
    }
    const std::string longer = a + '7';
    EXPECT_NE(HashBytes(longer.data(), longer.size()), h) << "length " << n;
  }
  EXPECT_EQ(HashBytes(nullptr, 0), HashBytes("", 0));
}

TEST(IdIndexTest, DenseIndexesInOrderOfFirstSight) {
  IdIndex index;
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("h150425-" + std::to_string(i));
  auto key_of = [&](uint32_t i) { return absl::string_view(keys[i]); };
  for (size_t round = 0; round < 2; ++round) {
    for (size_t i = 0; i < keys.size(); ++i) {
      bool inserted = false;
      ASSERT_EQ(index.FindOrInsert(keys[i], key_of, &inserted), i);
      ASSERT_EQ(inserted, round == 0) << keys[i];
    }
  }
  EXPECT_EQ(index.size(), keys.size());
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
