#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace dangjian {
namespace cli {

std::string Grouped(int64_t n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string TimeLeft(double seconds) {
  const int64_t s = static_cast<int64_t>(seconds + 0.5);
  if (s < 60) return absl::StrCat(s, " s");
  if (s < 3600) return absl::StrCat(s / 60, " min ", s % 60, " s");
  return absl::StrCat(s / 3600, " h ", s % 3600 / 60, " min");
}

Progress::Progress(std::string what, bool enabled)
    : Progress(std::move(what), enabled, isatty(STDERR_FILENO) != 0) {}

Progress::Progress(std::string what, bool enabled, bool terminal)
    : what_(std::move(what)),
      enabled_(enabled && terminal),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

// Runs shorter than this print nothing.
constexpr double kQuietSeconds = 2.0;

std::string ProgressLine(absl::string_view what, int64_t records, int64_t bytes,
                         int64_t total_bytes, double seconds) {
  std::string line = absl::StrCat(what, ": ", Grouped(records), " records");
  if (seconds > 0) {
    absl::StrAppend(
        &line, absl::StrFormat(", %.2f M records/s",
                               static_cast<double>(records) / seconds / 1e6));
    if (bytes > 0) {
      absl::StrAppend(
          &line, absl::StrFormat(", %.0f MB/s",
                                 static_cast<double>(bytes) / seconds / 1e6));
    }
  }
  if (total_bytes > 0) {
    const double done = std::min(
        1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes));
    // Rounded down: 100% only when done.
    absl::StrAppend(&line,
                    absl::StrFormat(", %d%%", static_cast<int>(100.0 * done)));
    // The rest at the rate so far; said once there is a rate to go by.
    if (done > 0.01 && done < 1.0 && seconds > 0) {
      absl::StrAppend(&line, ", ", TimeLeft(seconds * (1.0 - done) / done),
                      " left");
    }
  }
  return line;
}

std::string Progress::Line(int64_t records, int64_t bytes,
                           double seconds) const {
  return ProgressLine(what_, records, bytes, total_bytes_, seconds);
}

void Progress::Maybe(int64_t records, int64_t bytes) {
  const auto now = std::chrono::steady_clock::now();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (since_last < 0.25 || seconds <= kQuietSeconds) return;
  last_ = now;
  const std::string line = Line(records, bytes, seconds);
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
}

void Progress::Finish(int64_t records, int64_t bytes) {
  if (!enabled_) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
          .count();
  if (seconds <= kQuietSeconds) return;
  const int64_t saved = total_bytes_;
  total_bytes_ = 0;  // No percentage on the last line.
  std::fprintf(stderr, "\r\033[K%s in %.1f s\n",
               Line(records, bytes, seconds).c_str(), seconds);
  total_bytes_ = saved;
}

}  // namespace cli
}  // namespace dangjian
