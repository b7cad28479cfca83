// A stream header with every provenance field a writer carries, for tests of
// the formats that keep it.
#ifndef DANGJIAN_TESTS_TESTING_STREAM_HEADER_H_
#define DANGJIAN_TESTS_TESTING_STREAM_HEADER_H_

#include "dangjian/v1/dataset.pb.h"

namespace dangjian {
namespace testing {

// Producer, reporting unit, region, as-of date 2014-12-31, description and a
// policy version; no schema version (writers fill in their default).
inline v1::StreamHeader SampleStreamHeader() {
  v1::StreamHeader h;
  v1::Provenance* p = h.mutable_provenance();
  p->set_producer("dangjian generate 0.0-test");
  p->set_reporting_unit("克什克腾旗委组织部");
  p->set_region_id("ksk");
  p->mutable_as_of()->set_year(2014);
  p->mutable_as_of()->set_month(12);
  p->mutable_as_of()->set_day(31);
  p->set_description("a test");
  h.mutable_policy()->set_version("policy-7");
  return h;
}

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_TESTING_STREAM_HEADER_H_
