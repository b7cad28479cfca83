// A venue's six haves in a report year (internal): which of its dated
// assessments is in force at the end of the year. The aggregator (the venue
// figures) and the validator (venue.six_haves.incomplete) both call it.
// docs/report.md gives the definition.
#ifndef DANGJIAN_SRC_CORE_VENUE_HAVES_H_
#define DANGJIAN_SRC_CORE_VENUE_HAVES_H_

#include <cstdint>

#include "core/dated.h"
#include "core/record_facts.h"

namespace dangjian {
namespace internal {

// The six haves (VenueFacts::haves' bits) at the end of `year`: without
// assessments, `v.haves`; else those of the assessment in force
// (LatestDatedBy()), or none when every assessment is dated after `year`
// (the venue was not yet judged to have any).
inline uint8_t VenueHavesAtYearEnd(const VenueFacts& v, int32_t year) {
  if (v.assessments.empty()) return v.haves;
  const int i = LatestDatedBy(v.assessments, year);
  return i < 0 ? uint8_t{0} : v.assessments[i].haves;
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_VENUE_HAVES_H_
