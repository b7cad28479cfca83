#include "dangjian/personal_data.h"

#include <cstddef>
#include <string>

namespace dangjian {
namespace {

constexpr size_t kKeepTail = 4;
constexpr size_t kKeepRegion = 6;
// Runs of this many digits or more may be a phone (11) or resident ID (15, 18).
constexpr size_t kMinPersonalRun = 11;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string MaskNationalId(absl::string_view id) {
  std::string out(id);
  const size_t n = out.size();
  const size_t head = (n == 15 || n == 18) ? kKeepRegion : 0;
  const size_t tail_start = n > kKeepTail ? n - kKeepTail : n;
  for (size_t i = head; i < tail_start; ++i) out[i] = '*';
  if (n <= kKeepTail) out.assign(n, '*');
  // Counts are in bytes: a UTF-8 character cut by the head or the tail is
  // masked whole, or the result would not be UTF-8 (and a proto3 message
  // holding it could not be written).
  auto continuation = [&](size_t i) {
    return (static_cast<unsigned char>(id[i]) & 0xC0) == 0x80;
  };
  if (head > 0 && head < tail_start) {
    for (size_t i = head; i > 0 && continuation(i); --i) out[i - 1] = '*';
  }
  for (size_t i = tail_start; i < n && continuation(i); ++i) out[i] = '*';
  return out;
}

std::string MaskPhone(absl::string_view phone) {
  std::string out(phone);
  size_t digits_seen = 0;
  for (size_t i = out.size(); i-- > 0;) {
    if (!IsDigit(out[i])) continue;
    if (++digits_seen > kKeepTail) out[i] = '*';
  }
  return out;
}

std::string MaskPersonalData(absl::string_view text) {
  // Most texts (record ids, messages) hold no run long enough to mask: they
  // come back whole, in one copy.
  size_t run = 0;
  bool long_run = false;
  for (const char c : text) {
    run = IsDigit(c) ? run + 1 : 0;
    long_run |= run >= kMinPersonalRun;
  }
  if (!long_run) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsDigit(text[j])) ++j;
    // A resident ID may end in a check character X.
    if (j < text.size() && (text[j] == 'X' || text[j] == 'x') && j - i == 17)
      ++j;
    absl::string_view run = text.substr(i, j - i);
    if (run.size() < kMinPersonalRun) {
      out.append(run.data(), run.size());
    } else if (run.size() == 15 || run.size() == 18) {
      out += MaskNationalId(run);
    } else {
      out += MaskPhone(run);
    }
    i = j;
  }
  return out;
}

}  // namespace dangjian
