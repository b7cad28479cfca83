// A CSV ledger read to its end, everything the reader reports kept, for the
// tests of the CSV reader.
#ifndef DANGJIAN_TESTS_TESTING_CSV_IMPORT_H_
#define DANGJIAN_TESTS_TESTING_CSV_IMPORT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/csv_ledger.h"

namespace dangjian {
namespace testing {

struct Import {
  absl::Status open;  // Why the reader could not be made, or OK.
  std::vector<v1::Record> records;
  std::vector<int64_t> lines;    // The line of each record.
  std::vector<int64_t> indexes;  // The record index of each record.
  std::vector<CsvFinding> findings;
  CsvImportSummary summary;
  absl::Status status;  // The reader's status at the end.
  // NextSerialized() bytes that did not parse as a v1::Record, by index.
  std::vector<size_t> unparsed;
};

// How ReadAll() takes the records.
enum class ReadWith {
  kNext,            // Next().
  kNextSerialized,  // NextSerialized(), each record's bytes parsed.
  kMixed,           // The two in turn, Next() first, into one v1::Record.
};

// Reads every record of `reader` (or keeps why it could not be made).
Import ReadAll(absl::StatusOr<std::unique_ptr<CsvLedgerReader>> reader,
               ReadWith how = ReadWith::kNext);

// Where `b` differs from `a`: records (MessageDifferencer::Equals), their
// lines and indexes, findings, summary, statuses; "" when in nothing.
std::string ImportDifference(const Import& a, const Import& b);

using CsvReaderFactory =
    std::function<absl::StatusOr<std::unique_ptr<CsvLedgerReader>>()>;

// Opens the ledger with `open` once for each ReadWith and reads it to its
// end; adds a test failure (EXPECT) when what NextSerialized() or the mixed
// reading gave differs from what Next() gave in anything (ImportDifference()),
// and returns what Next() gave.
Import ReadAllWays(const CsvReaderFactory& open);

}  // namespace testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_TESTING_CSV_IMPORT_H_
