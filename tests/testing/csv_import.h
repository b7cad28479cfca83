// A CSV ledger read to its end, everything the reader reports kept, for the
// tests of the CSV reader.
#ifndef DANGJIAN_TESTS_TESTING_CSV_IMPORT_H_
#define DANGJIAN_TESTS_TESTING_CSV_IMPORT_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/csv_ledger.h"

namespace dangjian {
namespace testing {

struct Import {
  absl::Status open;  // Why the reader could not be made, or OK.
  std::vector<v1::Record> records;
  std::vector<int64_t> lines;  // The line of each record.
  std::vector<CsvFinding> findings;
  CsvImportSummary summary;
  absl::Status status;  // The reader's status at the end.
};

// Reads every record of `reader` (or keeps why it could not be made).
Import ReadAll(absl::StatusOr<std::unique_ptr<CsvLedgerReader>> reader);

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_TESTING_CSV_IMPORT_H_
