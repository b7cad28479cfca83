// Ids as ledgers write them ("h150425-000123"), indexed without allocating:
// a flat open-addressing index from a key to a dense index in order of first
// sight, the keys kept by the caller (internal; header-only).
//
// Our own rather than absl::flat_hash_map (which the library links): a slot
// is 8 bytes and the key is read back only when the hashes match.
// benchmarks/id_index_benchmark.cc measures both on a county's unit ids,
// interned then looked up four times each (BENCHMARKS.md, "The id index"):
// this one is faster at 1,000, 100,000 and 1 M ids, absl's at 3,300. The
// aggregator and the validator's cross-record rules share it.
#ifndef DANGJIAN_SRC_CORE_ID_INDEX_H_
#define DANGJIAN_SRC_CORE_ID_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace dangjian {
namespace internal {

// a == b for the short ids ledgers use, without a libc call (a memcmp call
// costs more than the compare itself); forced inline, for the hot call sites
// that compare with a remembered id before any lookup. EqualBytes() below is
// the same, left to the compiler: forcing it into IdIndex::Find() as well made
// Find() too big to inline where the validator calls it.
__attribute__((always_inline)) inline bool EqualBytesInline(
    absl::string_view a, absl::string_view b) {
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

inline bool EqualBytes(absl::string_view a, absl::string_view b) {
  return EqualBytesInline(a, b);
}

// The sign of a.compare(b) (bytes unsigned; a proper prefix first), without
// a libc call: eight bytes at a time, compared as big-endian words.
inline int CompareBytes(absl::string_view a, absl::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  const char* p = a.data();
  const char* q = b.data();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, p + i, 8);
    std::memcpy(&y, q + i, 8);
    if (x != y) {
      return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
    }
  }
  for (; i < n; ++i) {
    const auto x = static_cast<unsigned char>(p[i]);
    const auto y = static_cast<unsigned char>(q[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// 64-bit hash of a byte string (multiply-xorshift over 8-byte words, then a
// full avalanche).
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
  // MurmurHash3's 64-bit finalizer: every input bit reaches every output
  // bit, so that the low bits the index uses see the last characters too
  // (ids of one county differ only there; a multiply alone carries a
  // difference in high bits upward only).
  h ^= v;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// Maps ids to dense indexes 0, 1, 2, ... in order of first sight (or to the
// indexes a caller gives, FindOrInsert()). A slot is
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

  // Returns the index of `key`, or kAbsent; `key_of` as for FindOrInsert().
  template <typename KeyOf>
  uint32_t Find(absl::string_view key, KeyOf&& key_of) const {
    const uint64_t h64 = HashBytes(key.data(), key.size());
    const uint32_t h = static_cast<uint32_t>(h64 ^ (h64 >> 32));
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.value == kAbsent) return kAbsent;
      if (s.hash == h && EqualBytes(key_of(s.value), key)) return s.value;
    }
  }

  // Makes room for `n` keys without growing again.
  void Reserve(size_t n) {
    size_t slots = slots_.size();
    while (n * 4 > slots * 3) slots *= 2;
    if (slots != slots_.size()) Rehash(slots);
  }

  // Forgets every key, keeping the slots' memory.
  void Clear() {
    std::fill(slots_.begin(), slots_.end(), Empty());
    size_ = 0;
  }

  // Returns the index of `key`, where `key_of(i)` gives the key of index i;
  // when absent, gives it index `new_index` (by default size(), the number
  // of keys before it) and sets *inserted; the caller then makes
  // key_of(that index) return a stable copy of `key`. A caller that numbers
  // some keys elsewhere gives new_index (size() then counts only the keys
  // indexed here).
  template <typename KeyOf>
  uint32_t FindOrInsert(absl::string_view key, KeyOf&& key_of, bool* inserted,
                        uint32_t new_index = kAbsent) {
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
    const uint32_t value =
        new_index != kAbsent ? new_index : static_cast<uint32_t>(size_);
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

  void Grow() { Rehash(slots_.size() * 2); }

  // Moves the keys to `slots` slots (a power of two, more than the keys).
  void Rehash(size_t slots) {
    std::vector<Slot> old(slots, Empty());
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

// A map from ids to values, the keys viewed, not copied: they must outlive
// the map (views into the records the caller keeps). Keys are compared as
// bytes; the empty key is a key like any other.
template <typename Value>
class IdMap {
 public:
  // The value of `key`, or null.
  const Value* Find(absl::string_view key) const {
    const uint32_t i = index_.Find(key, KeyOf());
    return i == IdIndex::kAbsent ? nullptr : &values_[i];
  }
  Value* Find(absl::string_view key) {
    const uint32_t i = index_.Find(key, KeyOf());
    return i == IdIndex::kAbsent ? nullptr : &values_[i];
  }
  bool Contains(absl::string_view key) const { return Find(key) != nullptr; }

  // Adds `key` with `value` unless it is there; returns the value it has.
  Value& TryEmplace(absl::string_view key, Value value) {
    bool inserted = false;
    const uint32_t i = index_.FindOrInsert(key, KeyOf(), &inserted);
    if (inserted) {
      keys_.push_back(key);
      values_.push_back(std::move(value));
    }
    return values_[i];
  }

  size_t size() const { return keys_.size(); }
  void Reserve(size_t n) {
    index_.Reserve(n);
    keys_.reserve(n);
    values_.reserve(n);
  }
  void Clear() {
    index_.Clear();
    keys_.clear();
    values_.clear();
  }

 private:
  struct KeyOfFn {
    const std::vector<absl::string_view>* keys;
    absl::string_view operator()(uint32_t i) const { return (*keys)[i]; }
  };
  KeyOfFn KeyOf() const { return KeyOfFn{&keys_}; }

  IdIndex index_;
  std::vector<absl::string_view> keys_;
  std::vector<Value> values_;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_ID_INDEX_H_
