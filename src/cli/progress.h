// The progress line the CLI prints on standard error (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_PROGRESS_H_
#define DANGJIAN_SRC_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace dangjian {
namespace cli {

// Prints ProgressLine() on stderr, rewritten in
// place at most 4 times a second, and a last line from Finish(); only when
// stderr is a terminal and only once the run has taken more than two seconds,
// so that short runs, pipes and logs stay quiet. Silent when disabled.
class Progress {
 public:
  Progress(std::string what, bool enabled);
  // As above, with the terminal test decided by the caller (for tests).
  Progress(std::string what, bool enabled, bool terminal);
  // Sets the total bytes, for a percentage and the time left (at the rate so
  // far); 0 when unknown.
  void set_total_bytes(int64_t total) { total_bytes_ = total; }
  // Cheap enough to call for every record.
  void Update(int64_t records, int64_t bytes) {
    if (!enabled_ || (++calls_ & 1023) != 0) return;
    Maybe(records, bytes);
  }
  // As Update(), for a caller that already calls seldom (every few thousand
  // records): only the time limits the printing.
  void UpdateSeldom(int64_t records, int64_t bytes) {
    if (enabled_) Maybe(records, bytes);
  }
  // Prints the final line (records, time, rate).
  void Finish(int64_t records, int64_t bytes);

 private:
  void Maybe(int64_t records, int64_t bytes);
  std::string Line(int64_t records, int64_t bytes, double seconds) const;

  std::string what_;
  bool enabled_;
  int64_t total_bytes_ = 0;
  uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

// The progress line: "<what>: N records, R M records/s[, B MB/s][, P%, T
// left]"; the rate once `seconds` > 0, the bytes' rate when `bytes` > 0, the
// share of `total_bytes` and the time left at the rate so far when it is
// known (> 0; the time left once 1% is done).
std::string ProgressLine(absl::string_view what, int64_t records, int64_t bytes,
                         int64_t total_bytes, double seconds);

// A duration for people: "42 s", "3 min 5 s", "2 h 10 min".
std::string TimeLeft(double seconds);

// Formats 1234567 as "1,234,567".
std::string Grouped(int64_t n);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_PROGRESS_H_
