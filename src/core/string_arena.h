// Stable storage for the ids the aggregator and the validator's index keep:
// a record's id is copied once, in 64 KiB blocks (core/id_index.h indexes
// them) (internal).
#ifndef DANGJIAN_SRC_CORE_STRING_ARENA_H_
#define DANGJIAN_SRC_CORE_STRING_ARENA_H_

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

  // Returns a view of a copy of `s` that lives until Clear() or the arena's
  // end ("" for an empty `s`).
  absl::string_view Store(absl::string_view s) {
    if (s.empty()) return "";
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

  // Frees every copy: the views Store() returned dangle.
  void Clear() {
    blocks_.clear();
    next_ = nullptr;
    left_ = 0;
  }

 private:
  static constexpr size_t kBlockSize = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_STRING_ARENA_H_
