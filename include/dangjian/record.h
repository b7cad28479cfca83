// Records: one entity of a ledger, as a record stream carries it.
//
// Every stage of the library takes records one at a time: readers produce them,
// the validator and the aggregator consume them. These helpers move between a
// whole v1::Dataset and its records, and name a record for messages.
#ifndef DANGJIAN_RECORD_H_
#define DANGJIAN_RECORD_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "dangjian/export.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {

// Returns the snake_case name of the record's entity, as in the Record oneof
// ("host_organization", "member", "header", ...), or "empty" when none is set.
// Thread-safe.
DANGJIAN_EXPORT absl::string_view RecordKindName(const v1::Record& record);

// Returns the id of the record's entity (its `id` field), or "" for a header, a
// trailer or an empty record. A star assessment has no id of its own: its
// `party_organization_id` is returned, which is not unique (one row per year).
// The view points into `record`. Thread-safe.
DANGJIAN_EXPORT absl::string_view RecordId(const v1::Record& record);

// Calls `fn` once for every entity of `dataset`, wrapped in a Record, in a
// fixed order: regions, grids, host organizations, party organizations, venues,
// funding, members, cadre assignments, reserve talent, activities, host annual
// results, region economies, star assessments (Dataset.star_assessments; those
// nested in party organizations stay there); each list in its own order. No
// header or trailer is produced. The Record passed to `fn` is reused between
// calls: copy it to keep it.
//
// Example:
//   int64_t members = 0;
//   dangjian::ForEachRecord(dataset, [&](const dangjian::v1::Record& r) {
//     members += r.has_member();
//   });
DANGJIAN_EXPORT void ForEachRecord(
    const v1::Dataset& dataset, absl::FunctionRef<void(const v1::Record&)> fn);

// Appends the record's entity to the matching list of `dataset`. A header sets
// the dataset's provenance and, when it carries one, its policy. Returns OK, or
// InvalidArgument for an empty record or a trailer (which has no place in a
// Dataset). Thread-safe for different datasets.
//
// REQUIRES: dataset != nullptr.
DANGJIAN_EXPORT absl::Status AddRecordToDataset(const v1::Record& record,
                                                v1::Dataset* dataset);

// Moves the record's entity into `dataset` like AddRecordToDataset(), leaving
// `record` empty; avoids copying large entities. Fails as AddRecordToDataset()
// does. Thread-safe for different records and datasets.
//
// REQUIRES: record != nullptr, dataset != nullptr.
DANGJIAN_EXPORT absl::Status MoveRecordToDataset(v1::Record* record,
                                                 v1::Dataset* dataset);

}  // namespace dangjian

#endif  // DANGJIAN_RECORD_H_
