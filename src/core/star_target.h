// Target 2 (star management) from the fields it reads (internal), for callers
// that hold those fields rather than a v1::PartyOrganization: the aggregator,
// which decodes them straight from a record's bytes.
#ifndef DANGJIAN_SRC_CORE_STAR_TARGET_H_
#define DANGJIAN_SRC_CORE_STAR_TARGET_H_

#include <cstdint>

#include "core/coverage_join.h"
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

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_STAR_TARGET_H_
