// The id index helpers (src/core/id_index.h, header-only):
// EqualBytes agrees with string equality on every length and every position
// of a difference; HashBytes sees every byte; IdIndex gives dense indexes.
#include "core/id_index.h"

#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <vector>

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

int Sign(int c) { return (c > 0) - (c < 0); }

TEST(CompareBytesTest, OrdersAsStringCompareOnEveryLengthAndPosition) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    ASSERT_EQ(CompareBytes(a, a), 0) << "length " << n;
    for (size_t i = 0; i < n; ++i) {
      // Above and below at each byte, with bytes past 0x7f (unsigned).
      for (unsigned char c : {static_cast<unsigned char>(a[i] + 1),
                              static_cast<unsigned char>(a[i] - 1),
                              static_cast<unsigned char>(0xe4),
                              static_cast<unsigned char>(0x00)}) {
        std::string b = a;
        b[i] = static_cast<char>(c);
        ASSERT_EQ(Sign(CompareBytes(a, b)), Sign(a.compare(b)))
            << "length " << n << ", byte " << i;
        ASSERT_EQ(Sign(CompareBytes(b, a)), Sign(b.compare(a)));
      }
    }
    // A proper prefix comes first.
    ASSERT_LT(CompareBytes(a, a + "a"), 0) << "length " << n;
    ASSERT_GT(CompareBytes(a + "a", a), 0) << "length " << n;
  }
  EXPECT_EQ(CompareBytes(absl::string_view(), ""), 0);
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

TEST(HashBytesTest, LowBitsSpreadIdsThatDifferOnlyAtTheEnd) {
  // A county's ids differ in their last digits; the index takes its slot
  // from the low bits of the hash folded to 32 bits. 65,536 such ids should
  // fill about 1 - 1/e (63%) of 65,536 slots, as random values would.
  for (const char* prefix : {"m150425-", "h150425-0", "p1-", "", "r"}) {
    std::set<uint32_t> slots;
    for (int i = 0; i < 65536; ++i) {
      char id[32];
      std::snprintf(id, sizeof(id), "%s%06d", prefix, i);
      const uint64_t h64 = HashBytes(id, std::strlen(id));
      slots.insert(static_cast<uint32_t>(h64 ^ (h64 >> 32)) & 0xFFFF);
    }
    EXPECT_GT(slots.size(), 40000u) << prefix;
  }
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

TEST(IdIndexTest, FindDoesNotInsertAndClearForgets) {
  IdIndex index;
  std::vector<std::string> keys = {"a", "bb", "ccc"};
  auto key_of = [&](uint32_t i) { return absl::string_view(keys[i]); };
  EXPECT_EQ(index.Find("a", key_of), IdIndex::kAbsent);
  bool inserted = false;
  index.FindOrInsert("a", key_of, &inserted);
  index.FindOrInsert("bb", key_of, &inserted);
  EXPECT_EQ(index.Find("bb", key_of), 1u);
  EXPECT_EQ(index.Find("ccc", key_of), IdIndex::kAbsent);
  EXPECT_EQ(index.size(), 2u);
  index.Clear();
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.Find("a", key_of), IdIndex::kAbsent);
  index.Reserve(1000);
  for (uint32_t i = 0; i < 3; ++i) {
    EXPECT_EQ(index.FindOrInsert(keys[i], key_of, &inserted), i);
    EXPECT_TRUE(inserted);
  }
}

TEST(IdIndexTest, ReserveKeepsTheKeysItMoves) {
  std::vector<std::string> keys;
  for (int i = 0; i < 200; ++i) keys.push_back("h150425-" + std::to_string(i));
  auto key_of = [&](uint32_t i) { return absl::string_view(keys[i]); };
  IdIndex index;
  bool inserted = false;
  for (uint32_t i = 0; i < 100; ++i)
    index.FindOrInsert(keys[i], key_of, &inserted);
  index.Reserve(5000);
  index.Reserve(10);  // Never shrinks.
  for (uint32_t i = 0; i < 100; ++i) {
    EXPECT_EQ(index.Find(keys[i], key_of), i) << keys[i];
  }
  for (uint32_t i = 100; i < 200; ++i) {
    EXPECT_EQ(index.Find(keys[i], key_of), IdIndex::kAbsent);
    EXPECT_EQ(index.FindOrInsert(keys[i], key_of, &inserted), i);
    EXPECT_TRUE(inserted);
  }
  EXPECT_EQ(index.size(), 200u);
}

TEST(IdMapTest, FirstValueWinsAndLookupsSeeEveryKey) {
  std::vector<std::string> keys;
  for (int i = 0; i < 3000; ++i) keys.push_back("m150425-" + std::to_string(i));
  IdMap<size_t> map;
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(map.TryEmplace(keys[i], i), i);
  }
  // A second record with the same id keeps the first position.
  EXPECT_EQ(map.TryEmplace(keys[7], 99999), 7u);
  EXPECT_EQ(map.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const size_t* v = map.Find(keys[i]);
    ASSERT_NE(v, nullptr) << keys[i];
    EXPECT_EQ(*v, i);
  }
  EXPECT_FALSE(map.Contains("m150425-3000"));
  EXPECT_FALSE(map.Contains(""));
  const std::string empty;
  map.TryEmplace(empty, 5);
  EXPECT_TRUE(map.Contains(""));
  *map.Find(keys[0]) += 1;
  EXPECT_EQ(*map.Find(keys[0]), 1u);
  map.Clear();
  EXPECT_EQ(map.size(), 0u);
  EXPECT_FALSE(map.Contains(keys[0]));
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
