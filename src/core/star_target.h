// Target 2 (star management) from the fields it reads (internal): one
// definition for the rules, the figures and ClassifyStarTarget(), over an
// organization's facts (core/record_facts.h).
#ifndef DANGJIAN_SRC_CORE_STAR_TARGET_H_
#define DANGJIAN_SRC_CORE_STAR_TARGET_H_

#include <cstdint>

#include "core/coverage_join.h"
#include "core/record_facts.h"
#include "dangjian/coverage.h"
#include "dangjian/v1/party_organization.pb.h"

namespace dangjian {
namespace internal {

// ClassifyStarTarget() of an organization whose formation is `formation`,
// with a founding date when `has_founded_on` (its year `founded_year`), a
// dissolution date when `has_dissolved_on` (its year `dissolved_year`), and
// `assessed_in_year` when one of its star assessments is of `year`.
inline StarTargetOutcome ClassifyStar(int32_t formation, bool has_founded_on,
                                      int32_t founded_year,
                                      bool has_dissolved_on,
                                      int32_t dissolved_year,
                                      bool assessed_in_year, int32_t year) {
  StarTargetOutcome out;
  if (formation != v1::FORMATION_MODEL_STANDALONE) return out;
  if (!OrganizationExistsInYear(has_founded_on, founded_year, has_dissolved_on,
                                dissolved_year, year)) {
    return out;
  }
  out.eligible = true;
  out.met = assessed_in_year;
  return out;
}

// ClassifyStarTarget() of an organization's facts: ClassifyStar() with
// `assessed_in_year` when one of its star assessments is of `year`.
inline StarTargetOutcome ClassifyStarOf(const OrgFacts& org, int32_t year) {
  bool assessed = false;
  for (const StarFacts& a : org.star_assessments) {
    if (a.year == year) {
      assessed = true;
      break;
    }
  }
  return ClassifyStar(org.formation, org.has_founded_on, org.founded_year,
                      org.has_dissolved_on, org.dissolved_year, assessed, year);
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_STAR_TARGET_H_
