// Fuzzes CsvLedgerReader::FromBuffer with encoding detection: reading never
// crashes or hangs; the summary adds up (rows read = imported + skipped +
// subtotals); no finding or status shows personal data whole. The first byte
// picks the table and the encoding option, the rest is the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "dangjian/csv_ledger.h"
#include "fuzz_util.h"

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
  dangjian::v1::Record r;
  int64_t imported = 0;
  while ((*reader)->Next(&r)) {
    ++imported;
    if (r.entity_case() == dangjian::v1::Record::ENTITY_NOT_SET) std::abort();
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
