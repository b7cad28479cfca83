// Rendering a final report (统计报告输出): human-readable text with Chinese or
// English labels, and JSON in protobuf's JSON mapping.
//
// Example:
//   absl::StatusOr<dangjian::v1::Report> report =
//       dangjian::AggregateDataset(ledger, options);
//   dangjian::TextRenderOptions text;
//   text.language = dangjian::ReportLanguage::kEnglish;
//   std::cout << dangjian::RenderReportText(*report, text);
//   absl::StatusOr<std::string> json = dangjian::RenderReportJson(*report);
#ifndef DANGJIAN_RENDER_H_
#define DANGJIAN_RENDER_H_

#include <string>

#include "absl/status/statusor.h"
#include "dangjian/export.h"
#include "dangjian/io.h"
#include "dangjian/v1/report.pb.h"

namespace dangjian {

// The language of a text report's labels.
enum class ReportLanguage : int {
  // 中文.
  kChinese = 0,
  // English.
  kEnglish = 1,
};

// Options of RenderReportText().
struct TextRenderOptions {
  // The labels' language.
  // Default: kChinese.
  ReportLanguage language = ReportLanguage::kChinese;
  // Render each group after the total.
  // Default: true.
  bool include_groups = true;
  // List the ids of each target's worklist.
  // Default: true.
  bool include_worklists = true;
};

// Returns the report as plain text, one figure a line under section headings:
// the four targets (eligible, met, rate, shortfall and worklist with its cap),
// then units, party organizations, grids, members, cadres, activities,
// venues, funding (in yuan, exact to the fen), results, economy and data
// quality; then each group the same way. Never fails; the report holds no
// personal data, so neither does the text. Thread-safe.
//
// Example output line (Chinese): "  目标1 应建尽建: 116/116 = 100.00%"
DANGJIAN_EXPORT std::string RenderReportText(
    const v1::Report& report, const TextRenderOptions& options = {});

// Returns the report as JSON (protobuf's JSON mapping, lowerCamelCase names;
// 64-bit integers as strings, as the mapping prescribes). Returns Internal if
// protobuf's printer fails, which it does not for any Report message (kept
// for its status contract). Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<std::string> RenderReportJson(
    const v1::Report& report, const JsonWriteOptions& options = {});

}  // namespace dangjian

#endif  // DANGJIAN_RENDER_H_
