// Fuzzes CsvLedgerReader::FromBuffer with encoding detection: reading never
// crashes or hangs; the summary adds up (rows read = imported + skipped +
// subtotals); no finding or status shows personal data whole; a second reader
// taking the rows with NextSerialized() gives bytes that parse to the records
// Next() gave, with the same findings, summary and status. The first byte
// picks the table and the encoding option, the rest is the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "dangjian/csv_ledger.h"
#include "fuzz_util.h"
#include "google/protobuf/util/message_differencer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t pick = data[0];
  const absl::string_view bytes(reinterpret_cast<const char*>(data) + 1,
                                size - 1);
  dangjian::CsvReaderOptions options;
  options.table = static_cast<dangjian::CsvTable>(pick % 9);
  options.encoding = static_cast<dangjian::TextEncoding>((pick / 9) % 6);
  options.max_row_bytes = 1 << 16;
  options.max_findings = 1000;
  auto reader =
      dangjian::CsvLedgerReader::FromBuffer(bytes, "fuzz.csv", options);
  if (!reader.ok()) {
    dangjian_fuzz::CheckNoPersonalData(reader.status().message());
    return 0;
  }
  auto serialized =
      dangjian::CsvLedgerReader::FromBuffer(bytes, "fuzz.csv", options);
  if (!serialized.ok()) std::abort();
  dangjian::v1::Record r, parsed;
  absl::string_view record_bytes;
  int64_t imported = 0;
  while ((*reader)->Next(&r)) {
    ++imported;
    if (r.entity_case() == dangjian::v1::Record::ENTITY_NOT_SET) std::abort();
    if (!(*serialized)->NextSerialized(&record_bytes) ||
        !parsed.ParseFromArray(record_bytes.data(),
                               static_cast<int>(record_bytes.size())) ||
        !google::protobuf::util::MessageDifferencer::Equals(r, parsed) ||
        (*serialized)->location().line() != (*reader)->location().line()) {
      std::abort();
    }
  }
  if ((*serialized)->NextSerialized(&record_bytes)) std::abort();
  if ((*serialized)->status() != (*reader)->status()) std::abort();
  const auto& a = (*reader)->findings();
  const auto& b = (*serialized)->findings();
  if (a.size() != b.size()) std::abort();
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].line != b[i].line || a[i].column != b[i].column ||
        a[i].message != b[i].message || a[i].row_skipped != b[i].row_skipped) {
      std::abort();
    }
  }
  {
    const dangjian::CsvImportSummary& x = (*reader)->summary();
    const dangjian::CsvImportSummary& y = (*serialized)->summary();
    if (x.rows_read != y.rows_read || x.rows_imported != y.rows_imported ||
        x.rows_skipped != y.rows_skipped ||
        x.subtotal_rows != y.subtotal_rows || x.blank_lines != y.blank_lines ||
        x.findings_dropped != y.findings_dropped) {
      std::abort();
    }
  }
  dangjian_fuzz::CheckNoPersonalData((*reader)->status().message());
  for (const dangjian::CsvFinding& f : (*reader)->findings()) {
    dangjian_fuzz::CheckNoPersonalData(f.message);
    dangjian_fuzz::CheckNoPersonalData(f.header);
  }
  const dangjian::CsvImportSummary& s = (*reader)->summary();
  if (s.rows_imported != imported) std::abort();
  if ((*reader)->status().ok() &&
      s.rows_read != s.rows_imported + s.rows_skipped + s.subtotal_rows) {
    std::abort();
  }
  return 0;
}
