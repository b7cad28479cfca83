// The record streams' crc32: carry-less multiplication where the CPU has it,
// equal to zlib's crc32 bit for bit on every length, alignment and starting
// value (the file's own build of src/core/crc32.cc: the function is internal).
#include "core/crc32.h"

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

uint32_t ZlibCrc(uint32_t crc, const uint8_t* p, size_t n) {
  return static_cast<uint32_t>(crc32(crc, p, static_cast<uInt>(n)));
}

std::vector<uint8_t> RandomBytes(size_t n, uint64_t seed) {
  std::vector<uint8_t> out(n);
  uint64_t x = seed;
  for (uint8_t& b : out) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    b = static_cast<uint8_t>(x >> 56);
  }
  return out;
}

TEST(Crc32Test, KnownValues) {
  // The CRC-32 check value of "123456789" (ISO 3309).
  const std::string check = "123456789";
  EXPECT_EQ(Crc32(0, check.data(), check.size()), 0xCBF43926u);
  EXPECT_EQ(Crc32(0, nullptr, 0), 0u);
  // A long run of one byte goes through the folds.
  const std::string zeros(4096, '\0');
  EXPECT_EQ(
      Crc32(0, zeros.data(), zeros.size()),
      ZlibCrc(0, reinterpret_cast<const uint8_t*>(zeros.data()), zeros.size()));
}

TEST(Crc32Test, EqualsZlibOnEveryLengthAndAlignment) {
  const std::vector<uint8_t> data = RandomBytes(4096 + 64, 7);
  for (size_t align = 0; align < 16; ++align) {
    for (size_t n = 0; n <= 1100; ++n) {
      const uint8_t* p = data.data() + align;
      ASSERT_EQ(Crc32(0, p, n), ZlibCrc(0, p, n))
          << "length " << n << ", alignment " << align;
    }
  }
  for (size_t n = 1100; n <= 4096; n += 37) {
    ASSERT_EQ(Crc32(0, data.data() + 3, n), ZlibCrc(0, data.data() + 3, n))
        << "length " << n;
  }
}

TEST(Crc32Test, ContinuesFromAnyValue) {
  const std::vector<uint8_t> data = RandomBytes(3000, 11);
  for (uint32_t start : {0u, 1u, 0xFFFFFFFFu, 0x12345678u, 0x80000000u}) {
    for (size_t n : {0, 1, 15, 16, 63, 64, 65, 127, 128, 129, 1000, 3000}) {
      ASSERT_EQ(Crc32(start, data.data(), n), ZlibCrc(start, data.data(), n))
          << "start " << start << ", length " << n;
    }
  }
  // Split anywhere, the pieces chain to the whole.
  const uint32_t whole = Crc32(0, data.data(), data.size());
  for (size_t cut = 0; cut <= data.size(); cut += 97) {
    const uint32_t first = Crc32(0, data.data(), cut);
    EXPECT_EQ(Crc32(first, data.data() + cut, data.size() - cut), whole)
        << "cut at " << cut;
  }
}

TEST(Crc32Test, DetectsEverySingleBitFlip) {
  std::vector<uint8_t> data = RandomBytes(256, 3);
  const uint32_t good = Crc32(0, data.data(), data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      data[i] ^= static_cast<uint8_t>(1 << bit);
      ASSERT_NE(Crc32(0, data.data(), data.size()), good)
          << "byte " << i << ", bit " << bit;
      data[i] ^= static_cast<uint8_t>(1 << bit);
    }
  }
}

TEST(Crc32Test, ZlibPathEqualsZlib) {
  const std::vector<uint8_t> data = RandomBytes(1000, 5);
  EXPECT_EQ(Crc32Zlib(9, data.data(), data.size()),
            ZlibCrc(9, data.data(), data.size()));
#if defined(__x86_64__)
  // Every x86-64 CPU of the last decade has PCLMULQDQ: if this fails, the
  // fast path is not in use and the test above proved only zlib against
  // itself.
  EXPECT_TRUE(Crc32IsAccelerated());
#endif
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
