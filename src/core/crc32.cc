#include "core/crc32.h"

#include <zlib.h>

#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DANGJIAN_CRC32_CLMUL 1
#include <immintrin.h>
#endif

namespace dangjian {
namespace internal {

uint32_t Crc32Zlib(uint32_t crc, const void* data, size_t size) {
  const auto* p = static_cast<const Bytef*>(data);
  uLong c = crc;
  // crc32_z takes a size_t; the loop keeps the code independent of zlib's
  // z_size_t width.
  while (size > 0) {
    const uInt n = size > (1u << 30) ? (1u << 30) : static_cast<uInt>(size);
    c = crc32(c, p, n);
    p += n;
    size -= n;
  }
  return static_cast<uint32_t>(c);
}

#ifdef DANGJIAN_CRC32_CLMUL
namespace {

// Folding constants for the reflected polynomial 0x1DB710641, as in Gopal et
// al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ
// Instruction" (Intel, 2009): each is x^k mod P, bit-reflected and shifted
// left by one, for the distances the folds cover.
//   k1 = x^(4*128+32), k2 = x^(4*128-32): fold 64 bytes ahead;
//   k3 = x^(128+32),   k4 = x^(128-32):   fold 16 bytes ahead;
//   k5 = x^64: 64 to 32 bits; then Barrett reduction with P and
//   mu = floor(x^64 / P).
constexpr uint64_t kK1 = 0x154442bd4, kK2 = 0x1c6e41596;
constexpr uint64_t kK3 = 0x1751997d0, kK4 = 0x0ccaa009e;
constexpr uint64_t kK5 = 0x163cd6124;
constexpr uint64_t kP = 0x1db710641, kMu = 0x1f7011641;

__attribute__((target("pclmul,sse4.1"))) inline __m128i Fold(__m128i x,
                                                             __m128i k) {
  return _mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00),
                       _mm_clmulepi64_si128(x, k, 0x11));
}

__attribute__((target("pclmul,sse4.1"))) inline __m128i Load(const uint8_t* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// The unconditioned CRC (no pre- or post-inversion) of `size` bytes, a
// multiple of 16 and at least 64, continued from `crc`.
__attribute__((target("pclmul,sse4.1"))) uint32_t ClmulCrc(uint32_t crc,
                                                           const uint8_t* p,
                                                           size_t size) {
  __m128i x0 = _mm_xor_si128(Load(p), _mm_cvtsi32_si128(static_cast<int>(crc)));
  __m128i x1 = Load(p + 16), x2 = Load(p + 32), x3 = Load(p + 48);
  p += 64;
  size -= 64;
  const __m128i k12 =
      _mm_set_epi64x(static_cast<int64_t>(kK2), static_cast<int64_t>(kK1));
  // Four independent chains, 64 bytes a step.
  while (size >= 64) {
    x0 = _mm_xor_si128(Fold(x0, k12), Load(p));
    x1 = _mm_xor_si128(Fold(x1, k12), Load(p + 16));
    x2 = _mm_xor_si128(Fold(x2, k12), Load(p + 32));
    x3 = _mm_xor_si128(Fold(x3, k12), Load(p + 48));
    p += 64;
    size -= 64;
  }
  // The four into one, then the remaining 16-byte blocks.
  const __m128i k34 =
      _mm_set_epi64x(static_cast<int64_t>(kK4), static_cast<int64_t>(kK3));
  __m128i x = _mm_xor_si128(Fold(x0, k34), x1);
  x = _mm_xor_si128(Fold(x, k34), x2);
  x = _mm_xor_si128(Fold(x, k34), x3);
  while (size >= 16) {
    x = _mm_xor_si128(Fold(x, k34), Load(p));
    p += 16;
    size -= 16;
  }
  // 128 bits to 64 (appending 32 zero bits), then to 32.
  x = _mm_xor_si128(_mm_clmulepi64_si128(k34, x, 0x01), _mm_srli_si128(x, 8));
  const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);
  const __m128i k5 = _mm_set_epi64x(0, static_cast<int64_t>(kK5));
  x = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x, mask32), k5, 0x00),
                    _mm_srli_si128(x, 4));
  // Barrett reduction, bit-reflected.
  const __m128i pmu =
      _mm_set_epi64x(static_cast<int64_t>(kMu), static_cast<int64_t>(kP));
  __m128i t = _mm_clmulepi64_si128(_mm_and_si128(x, mask32), pmu, 0x10);
  t = _mm_clmulepi64_si128(_mm_and_si128(t, mask32), pmu, 0x00);
  x = _mm_xor_si128(x, t);
  return static_cast<uint32_t>(_mm_extract_epi32(x, 1));
}

bool HasClmul() {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  }();
  return has;
}

}  // namespace

uint32_t Crc32(uint32_t crc, const void* data, size_t size) {
  // Below a few blocks, setting up the folds costs more than zlib's tables.
  if (size < 64 || !HasClmul()) return Crc32Zlib(crc, data, size);
  const auto* p = static_cast<const uint8_t*>(data);
  const size_t blocks = size & ~size_t{15};
  const uint32_t c = ~ClmulCrc(~crc, p, blocks);
  return Crc32Zlib(c, p + blocks, size - blocks);
}

bool Crc32IsAccelerated() { return HasClmul(); }

#else

uint32_t Crc32(uint32_t crc, const void* data, size_t size) {
  return Crc32Zlib(crc, data, size);
}

bool Crc32IsAccelerated() { return false; }

#endif

}  // namespace internal
}  // namespace dangjian
