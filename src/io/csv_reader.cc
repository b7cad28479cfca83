#include <iconv.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/utf8.h"
#include "core/wire_format.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/personal_data.h"
#include "google/protobuf/io/coded_stream.h"
#include "io/csv_columns.h"
#include "io/input.h"
#include "io/ledger_import.h"

namespace dangjian {

CsvLedgerReader::~CsvLedgerReader() = default;

absl::string_view CsvTableName(CsvTable table) {
  const internal::Table* t = internal::FindTable(table);
  return t == nullptr ? "auto" : absl::string_view(t->name);
}

CsvTable CsvTableFromName(StringArg name_arg) {
  const absl::string_view name = name_arg;
  for (const internal::Table& t : internal::Tables()) {
    if (name == t.name || name == t.record_field->name()) return t.table;
    for (const std::string& c : t.chinese) {
      if (name == c) return t.table;
    }
  }
  return CsvTable::kAuto;
}

absl::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kAuto:
      return "auto";
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kUtf8Bom:
      return "UTF-8 with BOM";
    case TextEncoding::kGb18030:
      return "GB18030";
    case TextEncoding::kUtf16LeBom:
      return "UTF-16LE with BOM";
    case TextEncoding::kUtf16BeBom:
      return "UTF-16BE with BOM";
  }
  return "unknown";
}

namespace internal {
namespace {

constexpr size_t kChunk = size_t{1} << 20;

// How many of the `n` bytes at `p` end on a whole UTF-8 sequence when more
// bytes follow them: a sequence cut by the window's end is left out.
size_t WholeSequences(const char* p, size_t n) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  for (size_t k = 1; k <= 3 && k <= n; ++k) {
    const unsigned char b = u[n - k];
    if ((b & 0xC0) == 0x80) continue;
    const size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return need > k ? n - k : n;
  }
  return n;
}

// Turns the input's bytes into UTF-8 text, chunk by chunk, reading the input
// once (a pipe or a FIFO as a file). Without a byte order mark (kAuto), ASCII
// is handed out as it is (it reads alike in UTF-8 and GB18030) up to the
// first byte above 0x7F; there the window that follows decides: well-formed
// UTF-8 is read as UTF-8 (and the rows are checked, since the rest of the
// input was not seen), anything else as GB18030.
class Decoder {
 public:
  // `decided` receives the encoding once known: at once when given or marked
  // by a BOM, at the first byte above 0x7F when detected (kUtf8 for a file
  // of ASCII alone).
  Decoder(std::unique_ptr<Input> in, TextEncoding encoding,
          TextEncoding* decided)
      : in_(std::move(in)), encoding_(encoding), decided_(decided) {}
  ~Decoder() {
    if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
  }

  absl::Status Init() {
    if (encoding_ == TextEncoding::kAuto) {
      const size_t n = in_->Ensure(3);
      if (!in_->status().ok()) return in_->status();
      const auto* p = reinterpret_cast<const unsigned char*>(in_->data());
      if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        encoding_ = TextEncoding::kUtf8Bom;
      } else if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        encoding_ = TextEncoding::kUtf16LeBom;
      } else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        encoding_ = TextEncoding::kUtf16BeBom;
      } else {
        undecided_ = true;
        *decided_ = TextEncoding::kUtf8;  // Until a byte says otherwise.
        return absl::OkStatus();
      }
    }
    *decided_ = encoding_;
    size_t bom = 0;
    const char* from = nullptr;
    switch (encoding_) {
      case TextEncoding::kUtf8Bom:
        bom = 3;
        break;
      case TextEncoding::kUtf16LeBom:
        bom = 2;
        from = "UTF-16LE";
        break;
      case TextEncoding::kUtf16BeBom:
        bom = 2;
        from = "UTF-16BE";
        break;
      case TextEncoding::kGb18030:
        from = "GB18030";
        break;
      default:
        break;
    }
    if (bom > 0) {
      in_->Ensure(bom);
      in_->Skip(std::min(bom, in_->available()));
    } else if (encoding_ == TextEncoding::kUtf8 && in_->Ensure(3) >= 3 &&
               std::memcmp(in_->data(), "\xEF\xBB\xBF", 3) == 0) {
      in_->Skip(3);
    }
    if (from != nullptr) return Convert(from);
    return absl::OkStatus();
  }

  // The next chunk of text, valid until the next call; empty at the end or on
  // an error (status()).
  absl::string_view Next() {
    if (!status_.ok()) return {};
    if (undecided_) {
      in_->Skip(last_);
      last_ = 0;
      const size_t n = in_->Ensure(kChunk);
      if (!in_->status().ok()) {
        status_ = in_->status();
        return {};
      }
      const char* p = in_->data();
      size_t ascii = 0;
      while (ascii < n && static_cast<unsigned char>(p[ascii]) < 0x80) {
        ++ascii;
      }
      if (ascii > 0) {
        last_ = ascii;
        return absl::string_view(p, ascii);
      }
      if (n == 0) return {};
      // The first byte above 0x7F, with a window of text after it.
      const size_t window = n == kChunk ? WholeSequences(p, n) : n;
      undecided_ = false;
      if (!IsValidUtf8(absl::string_view(p, window))) {
        encoding_ = *decided_ = TextEncoding::kGb18030;
        if (absl::Status s = Convert("GB18030"); !s.ok()) {
          status_ = std::move(s);
          return {};
        }
      }
    }
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      in_->Skip(last_);
      const size_t n = in_->Ensure(kChunk);
      if (!in_->status().ok()) status_ = in_->status();
      last_ = n;
      return absl::string_view(in_->data(), n);
    }
    const size_t n = in_->Ensure(kChunk);
    if (!in_->status().ok()) {
      status_ = in_->status();
      return {};
    }
    if (n == 0) return {};
    char* src = const_cast<char*>(in_->data());
    size_t src_left = n;
    char* dst = &out_[0];
    size_t dst_left = out_.size();
    const size_t r = iconv(cd_, &src, &src_left, &dst, &dst_left);
    const int err = errno;
    const size_t used = n - src_left;
    if (r == static_cast<size_t>(-1) && used == 0) {
      const bool at_end = n < kChunk;
      if (err == EILSEQ || (err == EINVAL && at_end)) {
        status_ = absl::DataLossError(absl::StrCat(
            in_->name(), ": byte offset ", in_->offset(), ": ",
            err == EILSEQ ? "bytes that are not valid " : "a truncated ",
            TextEncodingName(encoding_),
            err == EILSEQ ? "" : " character at the end of the file",
            "; save the file again in one encoding"));
        return {};
      }
    }
    in_->Skip(used);
    return absl::string_view(out_.data(), out_.size() - dst_left);
  }

  // True when the text handed out is UTF-8 by construction (converted by
  // iconv), so that rows need no check of their own.
  bool Converts() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  const absl::Status& status() const { return status_; }
  // The encoding as decided so far.
  TextEncoding encoding() const { return *decided_; }
  const std::string& name() const { return in_->name(); }

 private:
  absl::Status Convert(const char* from) {
    cd_ = iconv_open("UTF-8", from);
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      return absl::UnavailableError(
          absl::StrCat(in_->name(), ": iconv cannot convert from ", from));
    }
    out_.resize(kChunk * 2);
    return absl::OkStatus();
  }

  std::unique_ptr<Input> in_;
  TextEncoding encoding_;
  TextEncoding* decided_;
  bool undecided_ = false;
  iconv_t cd_ = reinterpret_cast<iconv_t>(-1);
  std::string out_;
  size_t last_ = 0;
  absl::Status status_;
};

// RFC 4180 with the leniency spreadsheets need, over decoded text.
class Parser final : public RowSource {
 public:
  Parser(Decoder* decoder, int64_t max_row_bytes)
      : decoder_(decoder), max_row_bytes_(max_row_bytes) {
    set_separator(',');
  }

  // The separator most frequent in the first line outside quotes.
  char DetectSeparator() {
    if (!Fill()) return ',';
    size_t counts[3] = {0, 0, 0};
    bool quoted = false;
    for (size_t i = pos_; i < chunk_.size(); ++i) {
      const char c = chunk_[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++counts[0];
      if (c == ';') ++counts[1];
      if (c == '\t') ++counts[2];
    }
    if (counts[2] > counts[0] && counts[2] >= counts[1]) return '\t';
    if (counts[1] > counts[0]) return ';';
    return ',';
  }

  void set_separator(char sep) {
    sep_ = sep;
    for (int c = 0; c < 256; ++c) {
      const bool line_end = c == '\n' || c == '\r';
      stops_quoted_[c] = line_end || c == '"';
      stops_unquoted_[c] = stops_quoted_[c] || c == static_cast<uint8_t>(sep);
    }
  }

  // Reads the next row; false at the end or on an error (status()).
  bool NextRow(Row* row) override {
    if (NextPlainRow(row)) return true;
    if (!NextQuotedRow(row)) return false;
    row->text = row->buffer;
    return true;
  }

  absl::Status status() const override {
    return status_.ok() ? decoder_->status() : status_;
  }
  bool TextChecked() const override { return decoder_->Converts(); }
  TextEncoding encoding() const override { return decoder_->encoding(); }

 private:
  // Reads a row of plain cells (no quote anywhere) that ends within the
  // current chunk, where it lies: what most rows are. Returns false, having
  // read nothing, for any other row.
  bool NextPlainRow(Row* row) {
    if (skip_lf_ && pos_ < chunk_.size()) {
      // The LF of the CRLF that ended the previous row.
      if (chunk_[pos_] == '\n') ++pos_;
      skip_lf_ = last_cr_ = false;
    }
    if (skip_lf_ || last_cr_ || pos_ >= chunk_.size()) return false;
    const char* const begin = chunk_.data() + pos_;
    const char* const end = chunk_.data() + chunk_.size();
    const char* p = begin;
    row->ends.clear();
    bool stopped = false;
    // Whether a byte below 0x20 other than a tab may be in the row: known
    // for the bytes the vector loop looks at, assumed for the rest.
    bool control = false;
#if defined(__SSE2__)
    // Sixteen bytes at a time: masks of the separators, of the quotes and
    // line ends, and of the control characters (bytes up to 0x1F but
    // tabs) among them; the separators taken in order up to the first stop.
    const __m128i sep = _mm_set1_epi8(sep_);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i below_space = _mm_set1_epi8(0x1F);
    uint32_t controls = 0;
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      auto seps =
          static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, sep)));
      const auto stops = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(
          _mm_cmpeq_epi8(v, quote),
          _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)))));
      auto ctl = static_cast<uint32_t>(_mm_movemask_epi8(
          _mm_andnot_si128(_mm_cmpeq_epi8(v, tab),
                           _mm_cmpeq_epi8(_mm_min_epu8(v, below_space), v))));
      const char* const block = p;
      if (stops != 0) {
        // The row (or its plain part) ends at the first stop: only the
        // separators and control characters before it are the row's.
        const uint32_t before = (stops & (0u - stops)) - 1;
        seps &= before;
        ctl &= before;
        p += __builtin_ctz(stops);
        stopped = true;
      }
      const auto offset = static_cast<size_t>(block - begin);
      for (; seps != 0; seps &= seps - 1) {
        row->ends.push_back(offset + static_cast<size_t>(__builtin_ctz(seps)));
      }
      controls |= ctl;
      if (stopped) break;
      p += 16;
    }
    control = controls != 0;
#endif
    if (!stopped) control = true;  // The bytes below were not looked at.
    for (; !stopped && p < end; ++p) {
      if (!stops_unquoted_[static_cast<uint8_t>(*p)]) continue;
      if (*p != sep_) break;
      row->ends.push_back(static_cast<size_t>(p - begin));
    }
    // The general parser counts the line end in the row's bytes too.
    if (p == end || *p == '"' || p - begin + 1 > max_row_bytes_) return false;
    row->ends.push_back(static_cast<size_t>(p - begin));
    row->text = absl::string_view(begin, static_cast<size_t>(p - begin));
    row->n = row->ends.size();
    row->unterminated = false;
    row->maybe_control = control;
    row->line = line_++;
    last_cr_ = skip_lf_ = *p == '\r';
    pos_ = static_cast<size_t>(p - chunk_.data()) + 1;
    if (skip_lf_ && pos_ < chunk_.size() && chunk_[pos_] == '\n') {
      ++pos_;
      last_cr_ = skip_lf_ = false;
    }
    return true;
  }

  // Reads any row: RFC 4180 quoting, a row across chunks, the end of the
  // input. The cells are copied into row->buffer.
  bool NextQuotedRow(Row* row) {
    enum {
      kFieldStart,
      kUnquoted,
      kQuoted,
      kQuoteInQuoted
    } state = kFieldStart;
    row->buffer.clear();
    row->ends.clear();
    row->n = 0;
    row->unterminated = false;
    row->maybe_control = true;
    row->line = line_;
    int64_t bytes = 0;
    bool any = false;
    for (;;) {
      if (pos_ == chunk_.size() && !Fill()) {
        if (!decoder_->status().ok()) return false;
        if (!any) return false;
        row->unterminated = state == kQuoted;
        EndCell(row);
        return true;
      }
      // Runs of plain characters in a cell are copied at once.
      if ((state == kUnquoted || state == kQuoted) && !skip_lf_) {
        size_t end = pos_;
        const size_t limit = chunk_.size();
        const bool* stops =
            state == kUnquoted ? stops_unquoted_ : stops_quoted_;
        while (end < limit && !stops[static_cast<uint8_t>(chunk_[end])]) {
          ++end;
        }
        if (end > pos_) {
          bytes += static_cast<int64_t>(end - pos_);
          if (bytes > max_row_bytes_) return TooLong(row->line);
          row->buffer.append(chunk_.data() + pos_, end - pos_);
          pos_ = end;
          last_cr_ = false;
          continue;
        }
      }
      const char c = chunk_[pos_++];
      const bool crlf_tail = c == '\n' && last_cr_;
      last_cr_ = c == '\r';
      if (c == '\r' || (c == '\n' && !crlf_tail)) ++line_;
      if (crlf_tail && skip_lf_) {
        skip_lf_ = false;
        continue;
      }
      skip_lf_ = false;
      any = true;
      if (++bytes > max_row_bytes_) return TooLong(row->line);
      switch (state) {
        case kFieldStart:
        case kUnquoted:
          if (c == sep_) {
            EndCell(row);
            row->buffer.push_back(',');
            state = kFieldStart;
          } else if (c == '\r' || c == '\n') {
            skip_lf_ = c == '\r';
            EndCell(row);
            return true;
          } else if (c == '"' && state == kFieldStart) {
            state = kQuoted;
          } else {
            row->buffer.push_back(c);
            state = kUnquoted;
          }
          break;
        case kQuoted:
          if (c == '"') {
            state = kQuoteInQuoted;
          } else {
            row->buffer.push_back(c);
          }
          break;
        case kQuoteInQuoted:
          if (c == '"') {
            row->buffer.push_back('"');
            state = kQuoted;
          } else if (c == sep_) {
            EndCell(row);
            row->buffer.push_back(',');
            state = kFieldStart;
          } else if (c == '\r' || c == '\n') {
            skip_lf_ = c == '\r';
            EndCell(row);
            return true;
          } else {
            row->buffer.push_back(c);  // "abc"def: kept as abcdef.
            state = kUnquoted;
          }
          break;
      }
    }
  }

  bool TooLong(int64_t line) {
    status_ = absl::ResourceExhaustedError(absl::StrCat(
        decoder_->name(), ":", line, ": a row longer than ", max_row_bytes_,
        " bytes (CsvReaderOptions::max_row_bytes); an unbalanced quote?"));
    return false;
  }

  static void EndCell(Row* row) {
    row->ends.push_back(row->buffer.size());
    row->n = row->ends.size();
  }

  bool Fill() {
    if (pos_ < chunk_.size()) return true;
    chunk_ = decoder_->Next();
    pos_ = 0;
    return !chunk_.empty();
  }

  Decoder* decoder_;
  int64_t max_row_bytes_;
  char sep_ = ',';
  // The bytes that end a run of plain characters in a cell.
  bool stops_unquoted_[256];
  bool stops_quoted_[256];
  absl::string_view chunk_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  bool last_cr_ = false;
  bool skip_lf_ = false;
  absl::Status status_;
};

// A CSV file's rows, for the ledger importer.
class CsvReader final : public CsvLedgerReader {
 public:
  absl::Status Init(std::unique_ptr<Input> in, absl::string_view name,
                    const CsvReaderOptions& options) {
    decoder_ = std::make_unique<Decoder>(std::move(in), options.encoding,
                                         &summary_.encoding);
    if (absl::Status s = decoder_->Init(); !s.ok()) return s;
    parser_ = std::make_unique<Parser>(decoder_.get(), options.max_row_bytes);
    char sep = options.separator;
    if (sep == 0) sep = parser_->DetectSeparator();
    if (sep != ',' && sep != ';' && sep != '\t') {
      return absl::InvalidArgumentError(
          "CsvReaderOptions::separator must be ',', ';', '\\t' or 0");
    }
    parser_->set_separator(sep);
    summary_.separator = sep;
    LedgerSourceTraits traits;
    traits.file = std::string(name);
    traits.table = options.table != CsvTable::kAuto ? options.table
                                                    : TableFromStem(Stem(name));
    importer_ = std::make_unique<LedgerImporter>(
        parser_.get(), std::move(traits), options.max_findings, &findings_,
        &summary_);
    return importer_->ReadHeader();
  }

  bool Next(v1::Record* record) override { return importer_->Next(record); }

  bool NextSerialized(absl::string_view* bytes) override {
    if (!importer_->Next(nullptr)) return false;
    *bytes = importer_->serialized();
    return true;
  }

  const v1::SourceLocation& location() const override {
    return importer_->location();
  }
  absl::Status status() const override { return importer_->status(); }
  const CsvImportSummary& summary() const override { return summary_; }
  const std::vector<CsvFinding>& findings() const override { return findings_; }

 private:
  std::unique_ptr<Decoder> decoder_;
  std::unique_ptr<Parser> parser_;
  std::unique_ptr<LedgerImporter> importer_;
  CsvImportSummary summary_;
  std::vector<CsvFinding> findings_;
};

absl::StatusOr<std::unique_ptr<CsvLedgerReader>> Make(
    std::unique_ptr<Input> in, absl::string_view name,
    const CsvReaderOptions& options) {
  auto r = std::make_unique<CsvReader>();
  if (absl::Status s = r->Init(std::move(in), name, options); !s.ok()) {
    return s;
  }
  return std::unique_ptr<CsvLedgerReader>(std::move(r));
}

}  // namespace
}  // namespace internal

absl::StatusOr<std::unique_ptr<CsvLedgerReader>> CsvLedgerReader::Open(
    StringArg path_arg, const CsvReaderOptions& options) {
  const absl::string_view path = path_arg;
  auto in = internal::Input::OpenFile(path);
  if (!in.ok()) return in.status();
  return internal::Make(*std::move(in), path, options);
}

absl::StatusOr<std::unique_ptr<CsvLedgerReader>> CsvLedgerReader::FromBuffer(
    StringArg data_arg, StringArg name_arg, const CsvReaderOptions& options) {
  const absl::string_view data = data_arg;
  const absl::string_view name = name_arg;
  return internal::Make(internal::Input::FromBuffer(data, name), name, options);
}

}  // namespace dangjian
