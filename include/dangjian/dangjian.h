// The dangjian library: schemas, checks and coverage reports for party building
// in non-public economic and social organizations.
//
// Include this header for the whole public API, or the module headers one by
// one. The schemas are the generated protobuf classes in namespace dangjian::v1
// (`#include "dangjian/v1/dataset.pb.h"`).
#ifndef DANGJIAN_DANGJIAN_H_
#define DANGJIAN_DANGJIAN_H_

#include "dangjian/aggregate.h"
#include "dangjian/coverage.h"
#include "dangjian/dues.h"
#include "dangjian/export.h"
#include "dangjian/generate.h"
#include "dangjian/io.h"
#include "dangjian/personal_data.h"
#include "dangjian/pipeline.h"
#include "dangjian/policy.h"
#include "dangjian/record.h"
#include "dangjian/record_io.h"
#include "dangjian/render.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/validate.h"
#include "dangjian/version.h"

#endif  // DANGJIAN_DANGJIAN_H_
