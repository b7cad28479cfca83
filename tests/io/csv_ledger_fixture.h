// What the CSV ledger tests share (tests/io/): a resident ID, a hosts
// ledger, reading a ledger every way (which must agree), its findings as
// text, and text in another encoding.
#ifndef DANGJIAN_TESTS_IO_CSV_LEDGER_FIXTURE_H_
#define DANGJIAN_TESTS_IO_CSV_LEDGER_FIXTURE_H_

#include <iconv.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "dangjian/csv_ledger.h"
#include "testing/csv_import.h"

namespace dangjian {
namespace csv_testing {

using ::dangjian::testing::Import;
using ::dangjian::testing::ReadAllWays;

// A valid resident ID (check character computed by GB 11643) and its
// spreadsheet-mangled forms.
inline constexpr char kId[] = "11010519491231002X";

inline Import Read(const std::string& data,
                   const std::string& name = "单位.csv",
                   CsvReaderOptions options = {}) {
  // Every input is also read with NextSerialized(), which must agree.
  return ReadAllWays(
      [&] { return CsvLedgerReader::FromBuffer(data, name, options); });
}

inline std::string Messages(const Import& im) {
  std::vector<std::string> m;
  for (const auto& f : im.findings) {
    m.push_back(absl::StrCat(f.line, ":", f.column, ":", f.header, ": ",
                             f.message, f.row_skipped ? " [skipped]" : ""));
  }
  return absl::StrJoin(m, "\n");
}

inline std::string Convert(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  std::string out(utf8.size() * 4 + 4, '\0');
  char* src = const_cast<char*>(utf8.data());
  size_t src_left = utf8.size();
  char* dst = &out[0];
  size_t dst_left = out.size();
  iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

inline constexpr char kHosts[] =
    "单位标识,单位名称,组织类别,统一社会信用代码,从业人员数\n"
    "h1,红山水泥有限公司,非公有制经济组织,91150425MA0N000001,120\n"
    "h2,\"经棚镇商会, 联合\",社会组织,,8\n";

}  // namespace csv_testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_IO_CSV_LEDGER_FIXTURE_H_
