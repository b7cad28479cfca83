// Stable storage for the ids an aggregator keeps, and a flat open-addressing
// index over them: a record's id is copied once, when it is first seen, and
// looked up without allocating afterwards.
//
// The index is our own rather than absl::flat_hash_map because Debian's
// abseil builds raw_hash_set and hash as separate shared libraries, which
// the library target does not link (src/CMakeLists.txt is shared); this
// keeps the aggregate module free of new link dependencies.
#ifndef DANGJIAN_SRC_AGGREGATE_ARENA_H_
#define DANGJIAN_SRC_AGGREGATE_ARENA_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/strings/string_view.h"

namespace dangjian {
namespace internal {

class StringArena {
 public:
  StringArena() = default;
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;

  // Returns a view of a copy of `s` that lives as long as the arena.
  absl::string_view Store(absl::string_view s) {
    if (s.empty()) return absl::string_view();
    if (s.size() > kBlockSize / 4) {
      blocks_.emplace_back(new char[s.size()]);
      std::memcpy(blocks_.back().get(), s.data(), s.size());
      return absl::string_view(blocks_.back().get(), s.size());
    }
    if (s.size() > left_) {
      blocks_.emplace_back(new char[kBlockSize]);
      next_ = blocks_.back().get();
      left_ = kBlockSize;
    }
    char* out = next_;
    std::memcpy(out, s.data(), s.size());
    next_ += s.size();
    left_ -= s.size();
    return absl::string_view(out, s.size());
  }

 private:
  static constexpr size_t kBlockSize = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

// a == b, inline for the short ids ledgers use (a libc memcmp call costs more
// than the compare itself).
inline bool EqualBytes(absl::string_view a, absl::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  // Two loads from each end, overlapping in the middle when n is short.
  if (n >= 8 && n <= 16) {
    uint64_t a0, a1, b0, b1;
    std::memcpy(&a0, p, 8);
    std::memcpy(&b0, q, 8);
    std::memcpy(&a1, p + n - 8, 8);
    std::memcpy(&b1, q + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4 && n < 8) {
    uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, p, 4);
    std::memcpy(&b0, q, 4);
    std::memcpy(&a1, p + n - 4, 4);
    std::memcpy(&b1, q + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n > 16 && n <= 32) {
    uint64_t a0, a1, a2, a3, b0, b1, b2, b3;
    std::memcpy(&a0, p, 8);
    std::memcpy(&b0, q, 8);
    std::memcpy(&a1, p + 8, 8);
    std::memcpy(&b1, q + 8, 8);
    std::memcpy(&a2, p + n - 16, 8);
    std::memcpy(&b2, q + n - 16, 8);
    std::memcpy(&a3, p + n - 8, 8);
    std::memcpy(&b3, q + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2) | (a3 ^ b3)) == 0;
  }
  if (n < 4) {
    for (size_t i = 0; i < n; ++i) {
      if (p[i] != q[i]) return false;
    }
    return true;
  }
  return std::memcmp(p, q, n) == 0;
}

// 64-bit hash of a byte string (multiply-xorshift over 8-byte words).
inline uint64_t HashBytes(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  // The last 1-7 bytes, without a variable-length copy (a libc call): two
  // overlapping 4-byte loads, or up to three single bytes. p may be null
  // when n is 0.
  uint64_t v = 0;
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    v = uint64_t{lo} | uint64_t{hi} << 32;
  } else if (n > 0) {
    v = uint64_t{static_cast<uint8_t>(p[0])} |
        uint64_t{static_cast<uint8_t>(p[n / 2])} << 8 |
        uint64_t{static_cast<uint8_t>(p[n - 1])} << 16;
  }
  h = (h ^ v) * 0x94d049bb133111ebull;
  h ^= h >> 29;
  return h;
}

// Maps ids to dense indexes 0, 1, 2, ... in order of first sight. A slot is
// 8 bytes (a 32-bit hash and the index), so the table stays small enough for
// the caches; the key itself is read back through `key_of(index)` only when
// the hashes match. Keys are views into storage the caller keeps stable.
class IdIndex {
 public:
  static constexpr uint32_t kAbsent = 0xffffffffu;

  IdIndex() : slots_(16, Empty()), mask_(15) {}
  IdIndex(const IdIndex&) = delete;
  IdIndex& operator=(const IdIndex&) = delete;

  size_t size() const { return size_; }

  // Returns the index of `key`, where `key_of(i)` gives the key of index i;
  // when absent, gives it index size() and sets *inserted (the caller then
  // makes key_of(size() - 1) return a stable copy of `key`).
  template <typename KeyOf>
  uint32_t FindOrInsert(absl::string_view key, KeyOf&& key_of, bool* inserted) {
    const uint64_t h64 = HashBytes(key.data(), key.size());
    const uint32_t h = static_cast<uint32_t>(h64 ^ (h64 >> 32));
    size_t i = h & mask_;
    while (true) {
      const Slot s = slots_[i];
      if (s.value == kAbsent) break;
      if (s.hash == h && EqualBytes(key_of(s.value), key)) {
        *inserted = false;
        return s.value;
      }
      i = (i + 1) & mask_;
    }
    const uint32_t value = static_cast<uint32_t>(size_);
    slots_[i] = Slot{h, value};
    ++size_;
    if (size_ * 4 > slots_.size() * 3) Grow();  // Load at most 3/4.
    *inserted = true;
    return value;
  }

 private:
  struct Slot {
    uint32_t hash;
    uint32_t value;
  };
  static Slot Empty() { return Slot{0, kAbsent}; }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2, Empty());
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.value == kAbsent) continue;
      size_t i = s.hash & mask_;
      while (slots_[i].value != kAbsent) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_;
  size_t size_ = 0;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_AGGREGATE_ARENA_H_
