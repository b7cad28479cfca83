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

namespace dangjian {

CsvLedgerReader::~CsvLedgerReader() = default;

absl::string_view CsvTableName(CsvTable table) {
  const internal::Table* t = internal::FindTable(table);
  return t == nullptr ? "auto" : absl::string_view(t->name);
}

CsvTable CsvTableFromName(absl::string_view name) {
  for (const internal::Table& t : internal::Tables()) {
    if (name == t.name) return t.table;
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

// A row's cells, one after another in `text` with one ASCII byte between two
// (the separator, or ','): the text is valid UTF-8, or free of control
// characters, exactly when every cell is, so that one pass over it tells for
// the whole row. `text` is where the row lies in the decoded input, or
// `buffer` when it had to be unquoted; valid until the next row is read.
struct Row {
  absl::string_view text;
  std::string buffer;
  std::vector<size_t> ends;  // Where each cell ends in `text`.
  size_t n = 0;              // Cells: ends.size().
  int64_t line = 0;
  bool unterminated = false;
  // False only when the parser saw that `text` has no byte below 0x20 but
  // tabs; true when it may have one (HasControlCharacter() then tells).
  bool maybe_control = true;

  absl::string_view cell(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1] + 1;
    return absl::string_view(text.data() + begin, ends[i] - begin);
  }
};

// RFC 4180 with the leniency spreadsheets need, over decoded text.
class Parser {
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
  bool NextRow(Row* row) {
    if (NextPlainRow(row)) return true;
    if (!NextQuotedRow(row)) return false;
    row->text = row->buffer;
    return true;
  }

  const absl::Status& status() const {
    return status_.ok() ? decoder_->status() : status_;
  }

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

// True when `text` has a byte below 0x20 other than tab, CR and LF.
bool HasControlCharacter(absl::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  // Eight bytes at a time while none is below 0x20 (exact: a borrow only
  // reaches a byte above one that is).
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHighs = 0x8080808080808080;
  while (end - p >= 8) {
    uint64_t word;
    std::memcpy(&word, p, sizeof(word));
    if (((word - 0x20 * kOnes) & ~word & kHighs) != 0) break;
    p += 8;
  }
  for (; p < end; ++p) {
    const auto u = static_cast<unsigned char>(*p);
    if (u < 0x20 && u != '\t' && u != '\r' && u != '\n') return true;
  }
  return false;
}

absl::string_view Stem(absl::string_view path) {
  const size_t slash = path.find_last_of('/');
  if (slash != absl::string_view::npos) path.remove_prefix(slash + 1);
  const size_t dot = path.find_last_of('.');
  if (dot != absl::string_view::npos) path = path.substr(0, dot);
  return path;
}

CsvTable TableFromStem(absl::string_view stem) {
  CsvTable best = CsvTable::kAuto;
  size_t best_len = 0;
  for (const Table& t : Tables()) {
    std::vector<std::string> names = t.chinese;
    names.push_back(t.name);
    for (const std::string& n : names) {
      if (absl::EndsWith(stem, n) && n.size() > best_len) {
        best = t.table;
        best_len = n.size();
      }
    }
  }
  return best;
}

const Column* MatchColumn(const Table& t, const std::string& normalized) {
  for (const Column& c : t.columns) {
    for (const std::string& h : c.normalized) {
      if (h == normalized) return &c;
    }
  }
  return nullptr;
}

std::string FieldPath(const Column& c) {
  std::vector<std::string> parts;
  for (const auto* f : c.path) parts.push_back(f->name());
  return absl::StrJoin(parts, ".");
}

class CsvReader final : public CsvLedgerReader {
 public:
  absl::Status Init(std::unique_ptr<Input> in, absl::string_view name,
                    const CsvReaderOptions& options) {
    options_ = options;
    name_ = std::string(name);
    location_.set_file(name_);
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
    return ReadHeader();
  }

  bool Next(v1::Record* record) override { return NextImported(record); }

  bool NextSerialized(absl::string_view* bytes) override {
    if (!NextImported(nullptr)) return false;
    // The Record around the entity: its oneof field's tag and the entity's
    // length, written into the room left before the entity's bytes.
    const size_t length = wire_.size() - kHeadroom;
    char head[kHeadroom];
    char* end = EncodeVarint(
        static_cast<uint64_t>(table_->record_field->number() << 3 | 2), head);
    end = EncodeVarint(length, end);
    const size_t head_size = static_cast<size_t>(end - head);
    char* begin = wire_.data() + (kHeadroom - head_size);
    std::memcpy(begin, head, head_size);
    *bytes = absl::string_view(begin, head_size + length);
    return true;
  }

  const v1::SourceLocation& location() const override { return location_; }
  absl::Status status() const override { return status_; }
  const CsvImportSummary& summary() const override { return summary_; }
  const std::vector<CsvFinding>& findings() const override { return findings_; }

 private:
  // Room for a Record's tag (at most 5 bytes) and the entity's length (at
  // most 10) before the entity's bytes in wire_, for NextSerialized().
  static constexpr size_t kHeadroom = 16;

  // Reads rows up to the next one imported, into `*record` (Next()) or, with
  // a null `record`, into wire_ (from kHeadroom on) as the wire format of
  // the whole entity (NextSerialized()); false at the end or on an error.
  bool NextImported(v1::Record* record) {
    while (!done_) {
      if (!parser_->NextRow(&row_)) {
        done_ = true;
        status_ = parser_->status();
        return false;
      }
      if (IsBlank()) {
        ++summary_.blank_lines;
        continue;
      }
      ++summary_.rows_read;
      if (BuildRecord(record)) {
        ++summary_.rows_imported;
        location_.set_line(row_.line);
        location_.set_record_index(summary_.rows_imported - 1);
        return true;
      }
    }
    return false;
  }

  void Find(int64_t line, int column, bool skipped, std::string message) {
    if (static_cast<int64_t>(findings_.size()) >= options_.max_findings) {
      ++summary_.findings_dropped;
      return;
    }
    CsvFinding f;
    f.file = name_;
    f.line = line;
    f.column = column;
    if (column > 0 && static_cast<size_t>(column) <= headers_.size()) {
      f.header = headers_[column - 1];
    }
    f.message = MaskPersonalData(message);
    f.row_skipped = skipped;
    findings_.push_back(std::move(f));
  }

  bool IsBlank() const {
    for (size_t i = 0; i < row_.n; ++i) {
      if (!TrimCell(row_.cell(i)).empty()) return false;
    }
    return !row_.unterminated;
  }

  absl::Status ReadHeader() {
    do {
      if (!parser_->NextRow(&row_)) {
        if (!parser_->status().ok()) return parser_->status();
        return absl::InvalidArgumentError(
            absl::StrCat(name_, ": no header row; the file is empty"));
      }
    } while (IsBlank());
    const int64_t line = row_.line;
    for (size_t i = 0; i < row_.n; ++i) {
      headers_.push_back(MaskPersonalData(TrimCell(row_.cell(i))));
    }
    std::vector<std::string> normalized;
    for (size_t i = 0; i < row_.n; ++i) {
      normalized.push_back(NormalizeHeader(row_.cell(i)));
    }
    CsvTable table = options_.table;
    if (table == CsvTable::kAuto) table = TableFromStem(Stem(name_));
    if (table == CsvTable::kAuto) {
      size_t best = 0;
      int ties = 0;
      for (const Table& t : Tables()) {
        size_t score = 0;
        for (const std::string& h : normalized) {
          if (!h.empty() && MatchColumn(t, h) != nullptr) ++score;
        }
        if (score > best) {
          best = score;
          table = t.table;
          ties = 0;
        } else if (score == best && score > 0) {
          ++ties;
        }
      }
      if (best < 2 || ties > 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            name_, ":", line,
            ": cannot tell which table the file holds from its name or "
            "headers; name it after the table (host_organizations.csv, "
            "单位.csv, ...) or set CsvReaderOptions::table"));
      }
    }
    table_ = FindTable(table);
    if (table_ == nullptr) {
      return absl::InvalidArgumentError("CsvReaderOptions::table is invalid");
    }
    summary_.table = table;
    columns_.assign(row_.n, nullptr);
    blank_header_.assign(row_.n, 0);
    memos_.resize(row_.n);
    std::vector<std::pair<std::string, size_t>> seen;  // field path, column
    for (size_t i = 0; i < row_.n; ++i) {
      if (normalized[i].empty()) {
        blank_header_[i] = 1;
        continue;
      }
      const Column* c = MatchColumn(*table_, normalized[i]);
      if (c == nullptr) {
        Find(line, static_cast<int>(i) + 1, false,
             absl::StrCat("not a column of ", table_->name,
                          " (docs/ledger-format.md); its cells are not "
                          "imported"));
        continue;
      }
      const std::string path = FieldPath(*c);
      for (const auto& [p, col] : seen) {
        if (p == path) {
          return absl::InvalidArgumentError(MaskPersonalData(
              absl::StrCat(name_, ":", line, ": columns ", col + 1, " (",
                           headers_[col], ") and ", i + 1, " (", headers_[i],
                           ") are both the column ", path, "; remove one")));
        }
      }
      seen.emplace_back(path, i);
      columns_[i] = c;
      if (c->release_date != nullptr) date_columns_.push_back(c);
      if (c->is_id) id_column_ = static_cast<int>(i);
    }
    if (id_column_ < 0) {
      const Column& id = table_->columns[0];
      return absl::InvalidArgumentError(absl::StrCat(
          name_, ":", line, ": no id column (", id.chinese[0], " or ",
          id.english, ") among the headers of this ", table_->name, " ledger"));
    }
    return absl::OkStatus();
  }

  // The table's entity in `record`, created if need be: the generated
  // accessor, which costs less than reflection's MutableMessage().
  google::protobuf::Message* MutableEntity(v1::Record* record) const {
    switch (table_->table) {
      case CsvTable::kRegions:
        return record->mutable_region();
      case CsvTable::kGrids:
        return record->mutable_grid();
      case CsvTable::kHostOrganizations:
        return record->mutable_host_organization();
      case CsvTable::kPartyOrganizations:
        return record->mutable_party_organization();
      case CsvTable::kVenues:
        return record->mutable_venue();
      case CsvTable::kFunding:
        return record->mutable_funding();
      case CsvTable::kMembers:
        return record->mutable_member();
      case CsvTable::kActivities:
        return record->mutable_activity();
      case CsvTable::kStarAssessments:
        return record->mutable_star_assessment();
      case CsvTable::kAuto:
        break;
    }
    return record->GetReflection()->MutableMessage(record,
                                                   table_->record_field);
  }

  // Merges wire_ into `entity`, as MergeFromString() would.
  bool Merge(google::protobuf::Message* entity) const {
    google::protobuf::io::CodedInputStream in(
        reinterpret_cast<const uint8_t*>(wire_.data()),
        static_cast<int>(wire_.size()));
    return entity->MergeFromCodedStream(&in) && in.ConsumedEntireMessage();
  }

  // `raw` (a cell as read) without the CSV-injection guard a writer puts
  // before a leading "=", "+", "-", "@", tab or CR: "'=SUM" -> "=SUM".
  static absl::string_view Unguarded(absl::string_view raw) {
    if (raw.size() >= 2 && raw[0] == '\'' &&
        std::strchr("=+-@\t\r", raw[1]) != nullptr) {
      raw.remove_prefix(1);
    }
    return raw;
  }

  bool BuildRecord(v1::Record* record) {
    const int64_t line = row_.line;
    if (row_.unterminated) {
      Find(line, 0, true,
           "a quoted cell opened in this row is never closed: the rest of "
           "the file was read into it; close the quote");
      ++summary_.rows_skipped;
      return false;
    }
    // Each cell trimmed once, here, for the checks and the import below.
    trimmed_.resize(row_.n);
    for (size_t i = 0; i < row_.n; ++i) {
      trimmed_[i] = TrimCell(row_.cell(i));
      const absl::string_view word = SubtotalWordOfTrimmed(trimmed_[i]);
      if (!word.empty()) {
        Find(line, static_cast<int>(i) + 1, true,
             absl::StrCat("a subtotal row (", word,
                          "): not imported and not counted"));
        ++summary_.subtotal_rows;
        return false;
      }
    }
    bool bad = false;
    if (row_.n > headers_.size()) {
      for (size_t i = headers_.size(); i < row_.n; ++i) {
        if (!trimmed_[i].empty()) {
          Find(line, static_cast<int>(i) + 1, true,
               absl::StrCat("the row has ", row_.n, " cells but the header ",
                            headers_.size(),
                            "; a separator inside an unquoted cell?"));
          bad = true;
          break;
        }
      }
    }
    // A NUL or other control character is in no spreadsheet's export: the
    // file is damaged or in another encoding (UTF-16 without its BOM). One
    // pass over the row tells whether a cell has one.
    const bool control =
        !bad && row_.maybe_control && HasControlCharacter(row_.text);
    for (size_t i = 0; i < row_.n && control && !bad; ++i) {
      for (const char c : row_.cell(i)) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 && u != '\t' && u != '\r' && u != '\n') {
          Find(line, static_cast<int>(i) + 1, true,
               absl::StrCat("a control character (byte 0x",
                            absl::Hex(u, absl::kZeroPad2),
                            ") in the cell: the file is damaged or in "
                            "another encoding (UTF-16 without its BOM?)"));
          bad = true;
          break;
        }
      }
    }
    // The entity of the previous row is cleared, not freed: its strings and
    // nested messages keep their memory for this row.
    google::protobuf::Message* entity = nullptr;
    if (record != nullptr) {
      if (static_cast<int>(record->entity_case()) !=
          table_->record_field->number()) {
        record->Clear();
      }
      entity = MutableEntity(record);
      // The Date messages of the previous row, to be set again
      // (SetCellDirectly()) rather than new ones created.
      for (const Column* c : date_columns_) {
        if (v1::Date* date = c->release_date(entity)) {
          spare_dates_.push_back(date);
        }
      }
      entity->Clear();
    }
    // Cells are set through generated accessors, or encoded in the wire
    // format and merged into the entity at once at the end (SetCell()): never
    // through reflection, which looks up every field. Without a record, all
    // of them are encoded, after room for the Record's tag and length.
    wire_.clear();
    const size_t wire_start = record != nullptr ? 0 : kHeadroom;
    wire_.resize(wire_start);
    // Text not converted by iconv (declared UTF-8, or read as UTF-8 from its
    // first text above ASCII) was not checked as a whole: its cells are
    // checked here. Only those that can hold other than ASCII need be: a cell
    // set directly as a number, date, resident ID, phone number, 是/否 or a
    // remembered label (SetCellDirectly()) is ASCII or that label, which is
    // valid. Text, and any cell the general path reads, is checked first.
    const bool check_utf8 = !decoder_->Converts();
    auto bad_utf8 = [&](size_t i) {
      if (IsValidUtf8(row_.cell(i))) return false;
      Find(line, static_cast<int>(i) + 1, true,
           summary_.encoding == TextEncoding::kUtf8Bom
               ? "not valid UTF-8 (the file was declared UTF-8 by its byte "
                 "order mark)"
               : "not valid UTF-8, as the file's text before it is; save "
                 "the file again in one encoding");
      bad = true;
      return true;
    };
    const size_t n = std::min(row_.n, headers_.size());
    for (size_t i = 0; i < n && !bad; ++i) {
      absl::string_view cell = trimmed_[i];
      if (cell.empty()) continue;
      // Undo the CSV-injection guard a writer adds: "'=SUM" -> "=SUM". A
      // cell as read that starts with the quote starts so trimmed, too.
      if (cell[0] == '\'') {
        cell = TrimCell(Unguarded(row_.cell(i)));
        if (cell.empty()) continue;
      }
      const Column* c = columns_[i];
      bool checked = !check_utf8;
      if (!checked &&
          (c == nullptr || entity == nullptr || c->kind == CellKind::kString)) {
        if (bad_utf8(i)) continue;
        checked = true;
      }
      if (c == nullptr) {
        if (blank_header_[i] != 0) {
          Find(line, static_cast<int>(i) + 1, false,
               "a cell under a blank header is not imported");
        }
        continue;
      }
      if (entity != nullptr &&
          SetCellDirectly(*c, cell, entity, &memos_[i], &spare_dates_)) {
        continue;
      }
      if (!checked && bad_utf8(i)) continue;
      CellProblem problem = SetCell(*c, cell, entity, &wire_, &memos_[i]);
      if (!problem.empty()) {
        Find(line, static_cast<int>(i) + 1, !problem.row_kept,
             std::move(problem.why));
        if (!problem.row_kept) bad = true;
      }
    }
    // Dates not set again: the arena's, or ours to free.
    if (!spare_dates_.empty()) {
      if (entity->GetArena() == nullptr) {
        for (v1::Date* date : spare_dates_) delete date;
      }
      spare_dates_.clear();
    }
    // A skipped row leaves what was read of it, as before. The cells are
    // valid UTF-8 here and the wire format is ours: the merge can fail only
    // for a row of more than 2 GiB (CsvReaderOptions::max_row_bytes raised
    // that far), which reflection would have stored. A serialized entity of
    // that size would not parse either: the same error.
    const size_t wire_size = wire_.size() - wire_start;
    if (wire_size > static_cast<size_t>(INT_MAX) - wire_start ||
        (entity != nullptr && wire_size > 0 && !Merge(entity))) {
      if (entity != nullptr) entity->Clear();
      status_ = absl::InternalError(absl::StrCat(
          name_, ":", line, ": the row's cells could not be stored in a ",
          table_->name, " record (a row over 2 GiB?)"));
      done_ = true;
      return false;
    }
    if (!bad && (static_cast<size_t>(id_column_) >= row_.n ||
                 TrimCell(Unguarded(row_.cell(id_column_))).empty())) {
      Find(line, id_column_ + 1, true,
           "the id cell is blank; a merged cell? A spreadsheet exports a "
           "merged cell's value in its first row only");
      bad = true;
    }
    if (bad) {
      ++summary_.rows_skipped;
      return false;
    }
    return true;
  }

  CsvReaderOptions options_;
  std::string name_;
  std::unique_ptr<Decoder> decoder_;
  std::unique_ptr<Parser> parser_;
  const Table* table_ = nullptr;
  std::vector<std::string> headers_;
  std::vector<const Column*> columns_;
  std::vector<CellMemo> memos_;  // By column.
  // The columns of date fields set through accessors (Column::release_date).
  std::vector<const Column*> date_columns_;
  SpareDates spare_dates_;  // Empty between rows.
  // By column: 1 under a blank header (one lookup per cell: a list of them
  // searched per cell took quadratic time in the columns).
  std::vector<char> blank_header_;
  int id_column_ = -1;
  Row row_;
  std::vector<absl::string_view> trimmed_;  // The row's cells, TrimCell()ed.
  WireBuffer wire_;  // The row's cells in the wire format; reused.
  v1::SourceLocation location_;
  CsvImportSummary summary_;
  std::vector<CsvFinding> findings_;
  absl::Status status_;
  bool done_ = false;
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
    absl::string_view path, const CsvReaderOptions& options) {
  auto in = internal::Input::OpenFile(path);
  if (!in.ok()) return in.status();
  return internal::Make(*std::move(in), path, options);
}

absl::StatusOr<std::unique_ptr<CsvLedgerReader>> CsvLedgerReader::FromBuffer(
    absl::string_view data, absl::string_view name,
    const CsvReaderOptions& options) {
  return internal::Make(internal::Input::FromBuffer(data, name), name, options);
}

}  // namespace dangjian
