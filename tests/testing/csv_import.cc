#include "testing/csv_import.h"

#include <utility>

namespace dangjian {
namespace testing {

Import ReadAll(absl::StatusOr<std::unique_ptr<CsvLedgerReader>> reader) {
  Import out;
  if (!reader.ok()) {
    out.open = reader.status();
    return out;
  }
  v1::Record rec;
  while ((*reader)->Next(&rec)) {
    out.records.push_back(rec);
    out.lines.push_back((*reader)->location().line());
  }
  out.findings = (*reader)->findings();
  out.summary = (*reader)->summary();
  out.status = (*reader)->status();
  return out;
}

}  // namespace testing
}  // namespace dangjian
