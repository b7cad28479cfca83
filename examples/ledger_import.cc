// Ledger import: reads a township's ledger kept as spreadsheet exports (CSV in
// GBK, as Excel on a Chinese Windows writes them; headers in Chinese), reports
// every row and cell the import refused, then validates what was read and
// prints the findings. Resident IDs and phone numbers never print whole.
//
//   ledger_import [FOLDER]   (default: the sample in examples/data/gbk)
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include "dangjian/dangjian.h"

#ifndef DANGJIAN_EXAMPLE_LEDGER_DIR
#define DANGJIAN_EXAMPLE_LEDGER_DIR "examples/data/gbk"
#endif

namespace {

const char* EncodingName(dangjian::TextEncoding e) {
  switch (e) {
    case dangjian::TextEncoding::kUtf8:
      return "UTF-8";
    case dangjian::TextEncoding::kUtf8Bom:
      return "UTF-8 with BOM";
    case dangjian::TextEncoding::kGb18030:
      return "GBK/GB18030";
    default:
      return "auto";
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : DANGJIAN_EXAMPLE_LEDGER_DIR;
  dangjian::ValidatorOptions check;
  check.as_of.set_year(2014);
  check.as_of.set_month(12);
  check.as_of.set_day(31);
  absl::StatusOr<std::unique_ptr<dangjian::Validator>> validator =
      dangjian::Validator::Create(check);
  if (!validator.ok()) {
    std::cerr << "ledger_import: " << validator.status() << "\n";
    return 2;
  }
  std::cout << "Township ledger in " << dir << "\n\n";
  int64_t records = 0, refused = 0;
  for (const char* table : {"regions", "grids", "host_organizations",
                            "party_organizations", "members", "funding"}) {
    const std::string path = dir + "/" + table + ".csv";
    absl::StatusOr<std::unique_ptr<dangjian::CsvLedgerReader>> reader =
        dangjian::CsvLedgerReader::Open(path);
    if (!reader.ok()) {
      // The file could not be read at all: a failed call, not bad data.
      std::cerr << "ledger_import: " << reader.status() << "\n";
      return 2;
    }
    dangjian::v1::Record record;
    int64_t n = 0;
    while ((*reader)->Next(&record)) {
      ++n;
      if (absl::Status s = (*validator)->Add(record, &(*reader)->location());
          !s.ok()) {
        std::cerr << "ledger_import: " << s << "\n";
        return 2;
      }
    }
    if (!(*reader)->status().ok()) {
      std::cerr << "ledger_import: " << (*reader)->status() << "\n";
      return 2;
    }
    const dangjian::CsvImportSummary& summary = (*reader)->summary();
    std::cout << "  " << table << ".csv: " << n << " records ("
              << EncodingName(summary.encoding) << "), " << summary.rows_skipped
              << " rows skipped\n";
    for (const dangjian::CsvFinding& f : (*reader)->findings()) {
      std::cout << "    line " << f.line
                << (f.row_skipped ? " skipped: " : ": ") << f.message << "\n";
      refused += f.row_skipped;
    }
    records += n;
  }
  absl::StatusOr<dangjian::v1::ValidationReport> report =
      (*validator)->Finish();
  if (!report.ok()) {
    std::cerr << "ledger_import: " << report.status() << "\n";
    return 2;
  }
  std::cout << "\nRead " << records << " records; " << refused
            << " rows not imported. Validation: " << report->error_count()
            << " errors, " << report->warning_count() << " warnings, "
            << report->info_count() << " notes\nBy rule:\n";
  for (const dangjian::v1::RuleCount& c : report->rule_counts()) {
    std::cout << "  " << c.rule_id() << ": " << c.count() << "\n";
  }
  // The first findings, located by file and line for whoever fixes the
  // spreadsheet; personal data in messages is masked by the validator.
  constexpr int kShown = 12;
  std::cout << "First findings:\n";
  for (int i = 0; i < report->findings_size() && i < kShown; ++i) {
    const dangjian::v1::Finding& f = report->findings(i);
    const std::string& file = f.location().file();
    std::cout << "  " << file.substr(file.find_last_of('/') + 1) << ":"
              << f.location().line() << " "
              << dangjian::v1::Severity_Name(f.severity()) << " " << f.rule_id()
              << ": " << f.message() << "\n";
  }
  if (report->findings_size() > kShown) {
    std::cout << "  ... and " << report->findings_size() - kShown
              << " more (dangjian validate lists them all)\n";
  }
  return 0;
}
