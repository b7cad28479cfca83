#include "testing/csv_import.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace testing {

Import ReadAll(absl::StatusOr<std::unique_ptr<CsvLedgerReader>> reader,
               ReadWith how) {
  Import out;
  if (!reader.ok()) {
    out.open = reader.status();
    return out;
  }
  CsvLedgerReader& r = **reader;
  v1::Record rec;
  for (size_t i = 0;; ++i) {
    const bool serialized = how == ReadWith::kNextSerialized ||
                            (how == ReadWith::kMixed && i % 2 == 1);
    if (serialized) {
      absl::string_view bytes;
      if (!r.NextSerialized(&bytes)) break;
      v1::Record parsed;
      if (!parsed.ParseFromString(std::string(bytes)))
        out.unparsed.push_back(i);
      out.records.push_back(std::move(parsed));
    } else {
      if (!r.Next(&rec)) break;
      out.records.push_back(rec);
    }
    out.lines.push_back(r.location().line());
    out.indexes.push_back(r.location().record_index());
  }
  out.findings = r.findings();
  out.summary = r.summary();
  out.status = r.status();
  return out;
}

namespace {

std::string Describe(const CsvFinding& f) {
  return absl::StrCat(f.file, ":", f.line, ":", f.column, ":", f.header, ": ",
                      f.message, f.row_skipped ? " [skipped]" : "");
}

std::string Describe(const CsvImportSummary& s) {
  return absl::StrCat("encoding ", static_cast<int>(s.encoding), " separator ",
                      static_cast<int>(s.separator), " table ",
                      static_cast<int>(s.table), " read ", s.rows_read,
                      " imported ", s.rows_imported, " skipped ",
                      s.rows_skipped, " subtotal ", s.subtotal_rows, " blank ",
                      s.blank_lines, " dropped ", s.findings_dropped);
}

}  // namespace

std::string ImportDifference(const Import& a, const Import& b) {
  std::string out;
  if (a.open != b.open) {
    absl::StrAppend(&out, "open: ", a.open.ToString(), " vs ",
                    b.open.ToString(), "\n");
  }
  if (a.status != b.status) {
    absl::StrAppend(&out, "status: ", a.status.ToString(), " vs ",
                    b.status.ToString(), "\n");
  }
  for (size_t i : b.unparsed) {
    absl::StrAppend(&out, "record ", i, ": the bytes do not parse\n");
  }
  if (a.records.size() != b.records.size()) {
    absl::StrAppend(&out, "records: ", a.records.size(), " vs ",
                    b.records.size(), "\n");
  }
  for (size_t i = 0; i < a.records.size() && i < b.records.size(); ++i) {
    if (!google::protobuf::util::MessageDifferencer::Equals(a.records[i],
                                                            b.records[i])) {
      absl::StrAppend(&out, "record ", i, ": ", a.records[i].ShortDebugString(),
                      " vs ", b.records[i].ShortDebugString(), "\n");
    }
  }
  if (a.lines != b.lines) absl::StrAppend(&out, "lines differ\n");
  if (a.indexes != b.indexes) absl::StrAppend(&out, "indexes differ\n");
  if (a.findings.size() != b.findings.size()) {
    absl::StrAppend(&out, "findings: ", a.findings.size(), " vs ",
                    b.findings.size(), "\n");
  }
  for (size_t i = 0; i < a.findings.size() && i < b.findings.size(); ++i) {
    const std::string fa = Describe(a.findings[i]);
    const std::string fb = Describe(b.findings[i]);
    if (fa != fb)
      absl::StrAppend(&out, "finding ", i, ": ", fa, " vs ", fb, "\n");
  }
  if (Describe(a.summary) != Describe(b.summary)) {
    absl::StrAppend(&out, "summary: ", Describe(a.summary), " vs ",
                    Describe(b.summary), "\n");
  }
  return out;
}

Import ReadAllWays(const CsvReaderFactory& open) {
  Import next = ReadAll(open(), ReadWith::kNext);
  EXPECT_EQ(ImportDifference(next, ReadAll(open(), ReadWith::kNextSerialized)),
            "")
      << "NextSerialized() differs from Next()";
  EXPECT_EQ(ImportDifference(next, ReadAll(open(), ReadWith::kMixed)), "")
      << "Next() and NextSerialized() in turn differ from Next()";
  return next;
}

}  // namespace testing
}  // namespace dangjian
