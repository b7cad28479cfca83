// Two years side by side as every renderer shows them (internal to the render
// module, defined in compare.cc): the lines of a comparison, their values and
// changes as people and machines read them, and the groups in reading order.
#ifndef DANGJIAN_SRC_RENDER_COMPARISON_LINES_H_
#define DANGJIAN_SRC_RENDER_COMPARISON_LINES_H_

#include <functional>
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
  // Set for a value a year may not have: a target's rate where nothing was
  // eligible (or the group is missing that year). Null: always a value.
  std::function<bool(const v1::ReportFigures&)> has_value;
  // +1 when a rise is good news (a target's rate), -1 when it is bad (a
  // shortfall), 0 when neither.
  int better = 0;
};

// Every line, the four targets' parts first, then FigureSections() in order.
const std::vector<ComparisonLine>& ComparisonLines(bool zh);
// The line of target `i`'s (0-based) rate.
const ComparisonLine& TargetRateLine(int i, bool zh);

// The line's value in `f` for people ("1,234", "77.7%"); "-" for none.
std::string LineValue(const ComparisonLine& line, const v1::ReportFigures& f);
// The line's value for machines (RawFigure()); "" for none.
std::string LineRawValue(const ComparisonLine& line,
                         const v1::ReportFigures& f);
// Whether the change of the line between the years is a number: both years
// have a value and it is finite.
bool HasChange(const ComparisonLine& line, const v1::ReportFigures& earlier,
               const v1::ReportFigures& later, const v1::ReportFigures& change);
// The change for people: "+12", "-1,234.50", "+1.7 个百分点" ("+1.7 pp";
// "+1.7" without the unit), "0" (also for a rate's change under 0.05
// points), "-" when HasChange() is false.
std::string LineChange(const ComparisonLine& line,
                       const v1::ReportFigures& earlier,
                       const v1::ReportFigures& later,
                       const v1::ReportFigures& change, bool zh,
                       bool with_unit = true);
// The change for machines: RawFigure() of `change`; "" when HasChange() is
// false.
std::string LineRawChange(const ComparisonLine& line,
                          const v1::ReportFigures& earlier,
                          const v1::ReportFigures& later,
                          const v1::ReportFigures& change);
// +1, -1 or 0: the sign of the change as LineChange() shows it (0 when it
// shows "0" or "-").
int LineChangeSign(const ComparisonLine& line, const v1::ReportFigures& earlier,
                   const v1::ReportFigures& later,
                   const v1::ReportFigures& change);

// "2016年" or "2016".
std::string YearLabel(int year, bool zh);

// A group of a comparison with its titles (GroupTitle(), GroupShortTitle())
// and region id, personal data masked: a partial may come from anywhere.
struct ComparedGroup {
  std::string title;
  std::string short_title;
  std::string region_id;
  const v1::GroupComparison* group;
};

// The groups of `c` in reading order (natural order of the titles: 苏木2
// before 苏木10).
std::vector<ComparedGroup> ComparedGroupsInReadingOrder(
    const v1::ReportComparison& c, bool zh);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_RENDER_COMPARISON_LINES_H_
