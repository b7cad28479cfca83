// zlib's crc32 (the CRC-32 of ISO 3309 / ITU-T V.42, reflected polynomial
// 0xEDB88320) with carry-less multiplication where the CPU has it (internal).
//
// Record streams checksum every byte they carry, and zlib 1.2.13 (Debian 12)
// computes this CRC a few bytes per cycle; folding 64 bytes at a time with
// PCLMULQDQ is several times faster. The value is zlib's, bit for bit (a test
// compares the two on every length and alignment up to a few kilobytes), so
// streams written before and after read the same.
#ifndef DANGJIAN_SRC_CORE_CRC32_H_
#define DANGJIAN_SRC_CORE_CRC32_H_

#include <cstddef>
#include <cstdint>

namespace dangjian {
namespace internal {

// Returns zlib's crc32(crc, data, size): the CRC of `data` continued from
// `crc`, the CRC of the bytes before it (0 for none). Uses PCLMULQDQ when the
// CPU has it and `size` is large enough to gain, zlib otherwise.
// Thread-safe.
uint32_t Crc32(uint32_t crc, const void* data, size_t size);

// As Crc32(), always through zlib: for tests and benchmarks.
uint32_t Crc32Zlib(uint32_t crc, const void* data, size_t size);

// Whether Crc32() uses carry-less multiplication on this CPU.
bool Crc32IsAccelerated();

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_CRC32_H_
