// Two years side by side as every renderer shows them (internal to the render
// module, defined in compare.cc): the lines of a comparison, the change as
// people read it, and the groups in reading order.
#ifndef DANGJIAN_SRC_RENDER_COMPARISON_LINES_H_
#define DANGJIAN_SRC_RENDER_COMPARISON_LINES_H_

#include <string>
#include <vector>

#include "dangjian/v1/report.pb.h"
#include "render/figures_table.h"

namespace dangjian {
namespace internal {

// A line of a comparison: a figure of RenderReportCsv() with its key and
// label. The targets' parts (met, eligible, rate, short) are figures too, so
// that one formatting serves every line.
struct ComparisonLine {
  std::string key;    // "targets.target_1.met", "units.total".
  std::string label;  // "目标1 应建尽建 达标".
  FigureRow row;
};

// Every line, the four targets' parts first, then FigureSections() in order.
const std::vector<ComparisonLine>& ComparisonLines(bool zh);

// A change for people: "+12", "-1,234.50", "+1.7 个百分点" ("+1.7 pp"; "+1.7"
// without the unit), "0".
std::string FormatChange(const FigureRow& row, const v1::ReportFigures& change,
                         bool zh, bool with_unit = true);

// A group of a comparison with its titles (GroupTitle(), GroupShortTitle()).
struct ComparedGroup {
  std::string title;
  std::string short_title;
  const v1::GroupComparison* group;
};

// The groups of `c` in reading order (natural order of the titles: 苏木2
// before 苏木10).
std::vector<ComparedGroup> ComparedGroupsInReadingOrder(
    const v1::ReportComparison& c, bool zh);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_RENDER_COMPARISON_LINES_H_
