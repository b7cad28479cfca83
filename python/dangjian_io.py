"""Read and write dangjian's exchange formats from Python.

Needs only the Python standard library and protobuf's public API
(Debian 12: python3-protobuf), with the modules that
``protoc --python_out`` generates from dangjian's .proto files importable as
``dangjian.v1.dataset_pb2`` (docs/python.md says how). Nothing here uses
``google.protobuf.internal``: the record stream framing is written out below.

Formats (docs/ledger-format.md, "File extensions"):

- record stream (``.djr``, ``.pbs``): protobuf's delimited framing, a varint
  byte length then a serialized ``dangjian.v1.Record``; a header record
  first, a trailer record last with the count of the records between them
  and the zlib crc32 of their framed bytes (length prefixes included).
  ``RecordStreamReader``, ``RecordStreamWriter``, ``read_record_stream``,
  ``write_record_stream``.
- binary ``Dataset`` (``.pb``) and JSON ``Dataset`` (``.json``):
  ``read_dataset``, ``write_dataset``.
- JSON Lines (``.jsonl``, ``.ndjson``): one ``Record`` a line in protobuf's
  JSON mapping, an optional header line first and trailer line (record
  count) last. ``read_json_lines``, ``write_json_lines``.
- CSV ledgers (``.csv``, one table a file): ``read_csv_ledger``,
  ``write_csv_ledger`` with the csv module; ``ledger_column_kinds`` tells
  which columns hold whole numbers, dates, amounts, ... so that pandas can
  be given the right types. Turning a ledger's rows into records (labels,
  amounts, masked IDs) is dangjian's job: ``dangjian convert ledger.csv
  out.jsonl`` then ``read_json_lines``.
- Excel workbooks (``.xlsx``): a ledger a sheet, cells as in the CSV
  ledgers; read and write them with openpyxl or pandas (docs/python.md).

Damaged input raises ValueError naming the file and the byte offset (or
line) where reading stopped; nothing is ever silently cut short.

Example:
    import dangjian_io
    header, records = dangjian_io.read_record_stream("county.djr")
    print(header.provenance.producer, len(records))
    dangjian_io.write_json_lines("county.jsonl", records, header)
"""

import codecs
import csv
import io
import os
import re
import zlib

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor

SCHEMA_VERSION = "dangjian.v1"

# A Record above this many bytes is refused, as dangjian's own readers and
# writers do (RecordStreamReaderOptions::max_record_bytes): it bounds what a
# damaged length prefix can make a reader allocate.
MAX_RECORD_BYTES = 64 << 20

# The Dataset's lists in the order dangjian::ForEachRecord() hands them out,
# each with the Record oneof member that holds one of its entities.
DATASET_LISTS = (
    ("regions", "region"),
    ("grids", "grid"),
    ("host_organizations", "host_organization"),
    ("party_organizations", "party_organization"),
    ("venues", "venue"),
    ("funding", "funding"),
    ("members", "member"),
    ("cadre_assignments", "cadre_assignment"),
    ("reserve_talent", "reserve_talent"),
    ("activities", "activity"),
    ("host_annual_results", "host_annual_result"),
    ("region_economies", "region_economy"),
    ("star_assessments", "star_assessment"),
)

# The CSV ledger tables (docs/ledger-format.md, "Columns"). Each is also the
# name of the Dataset list whose message its rows hold.
LEDGER_TABLES = ("regions", "grids", "host_organizations",
                 "party_organizations", "venues", "funding", "members",
                 "activities", "star_assessments", "cadre_assignments",
                 "reserve_talent", "host_annual_results", "region_economies")

_CSV_GUARDED = ("=", "+", "-", "@", "\t", "\r")

# Whole resident IDs (18 characters, or 15 digits) and phone numbers (mobile,
# with +86 or not; fixed lines from 0), not inside a longer run of digits.
_NATIONAL_ID = re.compile(r"(?<![0-9])([1-8][0-9]{5})([0-9]{8}|[0-9]{5})"
                          r"([0-9]{3}[0-9Xx]|[0-9]{2}[0-9]|)(?![0-9Xx])")
_PHONE = re.compile(r"(?<![0-9])(?:\+?86)?(1[3-9][0-9]{5}|0[0-9]{5,7})"
                    r"([0-9]{4})(?![0-9])")


def _pb2():
    try:
        from dangjian.v1 import dataset_pb2
    except ImportError as e:
        raise ImportError(
            "dangjian_io needs the modules protoc generates from dangjian's "
            ".proto files on sys.path (dangjian/v1/dataset_pb2.py); see "
            "docs/python.md: " + str(e)) from e
    return dataset_pb2


def mask_personal_data(text):
    """Returns `text` with whole resident IDs masked as 110105********002X
    and phone numbers as *******8000, as dangjian masks its messages (a
    simpler cut of dangjian::MaskPersonalData(): runs of digits only, not
    the spaced or hyphenated spellings). Every error this module raises
    that quotes input goes through it."""
    def national_id(m):
        rest = m.group(2) + m.group(3)
        if len(m.group(0)) not in (15, 18):
            return m.group(0)
        return m.group(1) + "*" * (len(rest) - 4) + rest[-4:]
    text = _NATIONAL_ID.sub(national_id, text)
    return _PHONE.sub(lambda m: re.sub(r"[0-9]", "*", m.group(0)[:-4]) +
                      m.group(2), text)


# --- Varints -----------------------------------------------------------------

def encode_varint(value):
    """Returns the protobuf base-128 varint of `value`, an int >= 0."""
    if value < 0:
        raise ValueError("a varint length cannot be negative: %d" % value)
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def decode_varint(data, pos):
    """Decodes the varint at data[pos:] and returns (value, next position).

    Raises ValueError when the bytes end inside the varint or it is longer
    than 10 bytes (damage, or not a varint).
    """
    value = 0
    for i in range(10):
        if pos + i >= len(data):
            raise ValueError("truncated inside a varint at byte offset %d"
                             % pos)
        b = data[pos + i]
        value |= (b & 0x7F) << (7 * i)
        if not b & 0x80:
            return value, pos + i + 1
    raise ValueError("a varint longer than 10 bytes at byte offset %d" % pos)


def frame(message):
    """Returns `message` serialized with its varint length prefix.

    This is protobuf's delimited framing (Java's writeDelimitedTo(), C++'s
    SerializeDelimitedToOstream()), the framing of a record stream.
    """
    raw = message.SerializeToString()
    return encode_varint(len(raw)) + raw


# --- Record streams ----------------------------------------------------------

class RecordStreamReader:
    """Reads a record stream one Record at a time, in constant memory.

    Example:
        with open("county.djr", "rb") as f:
            reader = dangjian_io.RecordStreamReader(f, "county.djr")
            print(reader.header.schema_version)
            for record in reader:
                use(record)
            print(reader.trailer.record_count)

    Opening reads the header record (`header`, a StreamHeader). Iterating
    yields every Record between the header and the trailer; when the
    trailer has been read, its record count and crc32 checked and nothing
    follows it, iteration ends and `trailer` is set. Any other end raises
    ValueError with the file name, the record index and the byte offset:
    an empty file, a first record that is no header, a stream cut short
    (no trailer), a length prefix or record that is damaged, a record
    above `max_record_bytes`, a count or checksum that does not match,
    bytes after the trailer. The records yielded before it were read whole.

    `file` is a binary file object (reading is sequential; a pipe works).
    """

    def __init__(self, file, name="<stream>",
                 max_record_bytes=MAX_RECORD_BYTES):
        self._file = file
        self._name = name
        self._max = max_record_bytes
        self._pb2 = _pb2()
        self._offset = 0
        self._index = 0
        self._count = 0
        self._crc = 0
        self._done = False
        self.trailer = None
        first = self._read_frame()
        if first is None:
            raise ValueError("%s: is empty; a record stream begins with a "
                             "header" % name)
        record, _ = first
        if not record.HasField("header"):
            raise ValueError(
                "%s: the first record is a %s, not a header; is it a "
                "dangjian record stream?" % (name, _kind(record)))
        self.header = record.header
        self._index = 1

    def _fail(self, at, what):
        raise ValueError(mask_personal_data(
            "%s: %s (record %d); reading stopped at byte offset %d"
            % (self._name, what, self._index, at)))

    def _read_exactly(self, n):
        data = self._file.read(n)
        while len(data) < n:
            more = self._file.read(n - len(data))
            if not more:
                break
            data += more
        return data

    def _read_frame(self):
        """(Record, framed bytes), or None at a clean end of the file."""
        start = self._offset
        prefix = bytearray()
        while True:
            b = self._file.read(1)
            if not b:
                if not prefix:
                    return None
                self._fail(start, "truncated inside a length prefix")
            prefix += b
            if not b[0] & 0x80:
                break
            if len(prefix) == 10:
                self._fail(start, "a length prefix longer than 10 bytes")
        size, _ = decode_varint(prefix, 0)
        if size > self._max:
            self._fail(start, "a record of %d bytes is above the cap of %d "
                       "bytes" % (size, self._max))
        raw = self._read_exactly(size)
        if len(raw) < size:
            self._fail(start, "truncated: the record declares %d bytes but "
                       "only %d remain" % (size, len(raw)))
        record = self._pb2.Record()
        try:
            record.ParseFromString(raw)
        except Exception:  # protobuf's DecodeError, or a UTF-8 error.
            self._fail(start, "corrupt: %d bytes that do not parse as a "
                       "dangjian.v1.Record" % size)
        if raw and record.WhichOneof("entity") is None:
            self._fail(start, "a record of %d bytes with no entity this "
                       "reader knows (a newer schema, or damage)" % size)
        self._offset = start + len(prefix) + size
        return record, bytes(prefix) + raw

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        start = self._offset
        got = self._read_frame()
        if got is None:
            self._done = True
            self._fail(start, "truncated: the stream ends after %d records "
                       "without a trailer record" % self._index)
        record, framed = got
        if record.HasField("trailer"):
            self._done = True
            self._check_trailer(record.trailer, start)
            raise StopIteration
        if record.HasField("header"):
            self._done = True
            self._fail(start, "a second header record")
        self._crc = zlib.crc32(framed, self._crc)
        self._count += 1
        self._index += 1
        return record

    def _check_trailer(self, trailer, start):
        if trailer.record_count != self._count:
            self._fail(start, "the trailer counts %d records but the stream "
                       "holds %d" % (trailer.record_count, self._count))
        if trailer.crc32 != self._crc & 0xFFFFFFFF:
            self._fail(start, "checksum mismatch: the trailer says crc32 %d, "
                       "the records give %d"
                       % (trailer.crc32, self._crc & 0xFFFFFFFF))
        if self._file.read(1):
            self._index += 1
            self._fail(self._offset, "bytes follow the trailer record")
        self.trailer = trailer


def read_record_stream(path):
    """Reads the record stream at `path` whole.

    Returns (header, records): the StreamHeader and the list of Records
    between it and the trailer. Raises OSError when the file cannot be
    opened, ValueError when it is damaged (see RecordStreamReader).
    """
    with open(path, "rb") as f:
        reader = RecordStreamReader(f, str(path))
        return reader.header, list(reader)


class RecordStreamWriter:
    """Writes a record stream: the header at once, the trailer at close().

    Example:
        with dangjian_io.RecordStreamWriter("out.djr", header) as w:
            for record in records:
                w.write(record)

    The bytes go to "<path>.tmp", renamed to `path` by close(), so that no
    reader sees a stream without its trailer; leaving the `with` block by
    an exception removes the .tmp file instead. `header` is a StreamHeader
    (or None); an empty schema_version is written as "dangjian.v1" and an
    empty provenance.producer as "dangjian_io.py". write() refuses (with
    ValueError) a record with no entity, a header or a trailer, and a
    record above MAX_RECORD_BYTES.
    """

    def __init__(self, path, header=None):
        pb2 = _pb2()
        self._path = os.fspath(path)
        self._tmp = self._path + ".tmp"
        self._count = 0
        self._crc = 0
        self._file = open(self._tmp, "wb")
        first = pb2.Record()
        if header is not None:
            first.header.CopyFrom(header)
        h = first.header
        if not h.schema_version:
            h.schema_version = SCHEMA_VERSION
        if not h.provenance.producer:
            h.provenance.producer = "dangjian_io.py"
        if not h.provenance.schema_version:
            h.provenance.schema_version = h.schema_version
        self._pb2 = pb2
        self._file.write(frame(first))

    @property
    def count(self):
        """The records written so far."""
        return self._count

    def write(self, record):
        """Appends one Record (an entity: not a header or trailer)."""
        kind = record.WhichOneof("entity")
        if kind is None or kind in ("header", "trailer"):
            raise ValueError(
                "%s: record %d is %s; only entity records are written (the "
                "writer writes the header and trailer itself)"
                % (self._path, self._count, kind or "empty"))
        framed = frame(record)
        if len(framed) > MAX_RECORD_BYTES:
            raise ValueError("%s: record %d is above the cap of %d bytes"
                             % (self._path, self._count, MAX_RECORD_BYTES))
        self._file.write(framed)
        self._crc = zlib.crc32(framed, self._crc)
        self._count += 1

    def close(self):
        """Writes the trailer and renames the file; returns the count."""
        trailer = self._pb2.Record()
        trailer.trailer.record_count = self._count
        trailer.trailer.crc32 = self._crc & 0xFFFFFFFF
        self._file.write(frame(trailer))
        self._file.close()
        os.replace(self._tmp, self._path)
        return self._count

    def abandon(self):
        """Closes and removes the .tmp file: no stream is written."""
        self._file.close()
        os.remove(self._tmp)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abandon()
        return False


def write_record_stream(path, records, header=None):
    """Writes `records` (Records) as a record stream; returns their count.

    Raises ValueError as RecordStreamWriter.write() does (leaving no file),
    OSError when the file cannot be written.
    """
    with RecordStreamWriter(path, header) as w:
        for record in records:
            w.write(record)
    return w.count


# --- Datasets -----------------------------------------------------------------

def read_dataset(path):
    """Reads a Dataset: binary from a .pb file, protobuf's JSON from .json.

    Raises ValueError when the file is empty (a failed export, as dangjian
    says) or does not parse, OSError when it cannot be read.
    """
    pb2 = _pb2()
    path = os.fspath(path)
    dataset = pb2.Dataset()
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            json_format.Parse(text, dataset)
        except json_format.ParseError as e:
            raise ValueError(mask_personal_data(
                "%s: not a valid dangjian.v1.Dataset in JSON: %s"
                % (path, e))) from None
        return dataset
    with open(path, "rb") as f:
        data = f.read()
    if not data:
        raise ValueError("%s: is empty (0 bytes), not a dangjian.v1.Dataset"
                         % path)
    try:
        dataset.ParseFromString(data)
    except Exception as e:
        raise ValueError("%s: not a valid dangjian.v1.Dataset in binary (%d "
                         "bytes)" % (path, len(data))) from e
    return dataset


def write_dataset(path, dataset):
    """Writes `dataset`: binary to a .pb path, protobuf's JSON to .json.

    JSON uses lowerCamelCase names, as dangjian writes it. Written to
    "<path>.tmp" and renamed.
    """
    path = os.fspath(path)
    tmp = path + ".tmp"
    if path.endswith(".json"):
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json_format.MessageToJson(dataset, ensure_ascii=False))
            f.write("\n")
    else:
        with open(tmp, "wb") as f:
            f.write(dataset.SerializeToString())
    os.replace(tmp, path)


def dataset_to_records(dataset):
    """Yields a Record for each entity of `dataset`, list by list, in the
    order of dangjian::ForEachRecord() (DATASET_LISTS)."""
    pb2 = _pb2()
    for plural, singular in DATASET_LISTS:
        for entity in getattr(dataset, plural):
            record = pb2.Record()
            getattr(record, singular).CopyFrom(entity)
            yield record


def records_to_dataset(records, header=None):
    """Returns a Dataset holding `records`, with the provenance and policy of
    `header` (a StreamHeader, or None), as dangjian's ReadDataset() does.

    Raises ValueError for a header or trailer record among `records`.
    """
    pb2 = _pb2()
    lists = dict((s, p) for p, s in DATASET_LISTS)
    dataset = pb2.Dataset()
    if header is not None:
        if header.HasField("provenance"):
            dataset.provenance.CopyFrom(header.provenance)
        if header.HasField("policy"):
            dataset.policy.CopyFrom(header.policy)
    for i, record in enumerate(records):
        kind = record.WhichOneof("entity")
        if kind not in lists:
            raise ValueError("record %d is %s, not an entity"
                             % (i, kind or "empty"))
        getattr(dataset, lists[kind]).add().CopyFrom(getattr(record, kind))
    return dataset


# --- JSON Lines ---------------------------------------------------------------

def read_json_lines(path):
    """Reads a JSON Lines file: returns (header or None, records).

    Blank lines are passed over; a UTF-8 byte order mark is allowed. A
    header line is optional and only first; a trailer line is optional,
    only last, and its recordCount must equal the records read. Raises
    ValueError naming the line for a line that is no Record, a misplaced
    header or trailer, or a count that does not match.
    """
    pb2 = _pb2()
    path = os.fspath(path)
    header, records, trailer_line = None, [], None
    with open(path, encoding="utf-8-sig") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            if trailer_line is not None:
                raise ValueError("%s:%d: a record after the trailer record "
                                 "(line %d)" % (path, line_no, trailer_line))
            record = pb2.Record()
            try:
                json_format.Parse(line, record)
            except json_format.ParseError as e:
                raise ValueError(mask_personal_data(
                    "%s:%d: not a valid dangjian.v1.Record in JSON: %s"
                    % (path, line_no, e))) from None
            kind = record.WhichOneof("entity")
            if kind == "header":
                if header is not None or records:
                    raise ValueError("%s:%d: a header record that is not the "
                                     "first record" % (path, line_no))
                header = record.header
            elif kind == "trailer":
                if record.trailer.record_count != len(records):
                    raise ValueError(
                        "%s:%d: the trailer counts %d records but the file "
                        "holds %d" % (path, line_no,
                                      record.trailer.record_count,
                                      len(records)))
                trailer_line = line_no
            elif kind is None:
                raise ValueError("%s:%d: a record with no entity"
                                 % (path, line_no))
            else:
                records.append(record)
    return header, records


def write_json_lines(path, records, header=None):
    """Writes `records` as JSON Lines, a header line first when `header` is
    given (schema_version filled in as in a record stream) and a trailer line
    with the count last; returns the count. lowerCamelCase names, int64 as
    strings, enums by name: protobuf's JSON mapping, as dangjian writes it.
    """
    pb2 = _pb2()
    path = os.fspath(path)
    tmp = path + ".tmp"
    count = 0

    def line(message):
        return json_format.MessageToJson(message, indent=None,
                                         ensure_ascii=False) + "\n"

    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            if header is not None:
                first = pb2.Record()
                first.header.CopyFrom(header)
                if not first.header.schema_version:
                    first.header.schema_version = SCHEMA_VERSION
                f.write(line(first))
            for record in records:
                kind = record.WhichOneof("entity")
                if kind is None or kind in ("header", "trailer"):
                    raise ValueError("%s: record %d is %s; only entity "
                                     "records are written"
                                     % (path, count, kind or "empty"))
                f.write(line(record))
                count += 1
            last = pb2.Record()
            last.trailer.record_count = count
            f.write(line(last))
    except BaseException:
        os.remove(tmp)
        raise
    os.replace(tmp, path)
    return count


# --- CSV ledgers --------------------------------------------------------------

def decode_ledger_bytes(data, name="<ledger>"):
    """Decodes a CSV ledger's bytes as dangjian does (docs/ledger-format.md,
    "Encoding"): a byte order mark (UTF-8, UTF-16LE/BE), else UTF-8, else
    GB18030 (Excel's plain "CSV" on Chinese Windows). Returns the text
    without the BOM. Raises ValueError with the byte offset when it is
    neither.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"),
                          (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise ValueError("%s: not %s at byte offset %d"
                                 % (name, encoding, len(bom) + e.start))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise ValueError("%s: neither UTF-8 nor GB18030 at byte offset %d"
                         % (name, e.start)) from e


def unguard_cell(text):
    """Undoes the CSV-injection guard of dangjian's writer: a leading "'"
    before "=", "+", "-", "@", tab or CR is removed ("'-12.50" is "-12.50").
    Surrounding spaces are trimmed, as dangjian's reader trims every cell."""
    text = text.strip()
    if len(text) > 1 and text[0] == "'" and text[1] in _CSV_GUARDED:
        return text[1:]
    return text


def read_csv_ledger(path):
    """Reads a CSV ledger of one table: returns (headers, rows), each row a
    list of cells (str) as long as the header row.

    Decoded as decode_ledger_bytes(); separator the most frequent of ",",
    ";" and tab on the header line; cells trimmed and unguarded
    (unguard_cell); blank rows passed over. Raises ValueError naming the
    line for a row longer than the header with non-empty extra cells (an
    unquoted separator?) and for an empty file. Labels, amounts and dates
    stay text: ledger_column_kinds() says what each column holds.
    """
    path = os.fspath(path)
    with open(path, "rb") as f:
        text = decode_ledger_bytes(f.read(), path)
    first_line = text.split("\n", 1)[0]
    separator = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    headers, rows = None, []
    for cells in reader:
        cells = [unguard_cell(c) for c in cells]
        if not any(cells):
            continue
        if headers is None:
            headers = cells
            continue
        if len(cells) > len(headers):
            if any(cells[len(headers):]):
                raise ValueError(
                    "%s:%d: a row of %d cells under %d headers"
                    % (path, reader.line_num, len(cells), len(headers)))
            cells = cells[:len(headers)]
        rows.append(cells + [""] * (len(headers) - len(cells)))
    if headers is None:
        raise ValueError("%s: is empty: no header row" % path)
    return headers, rows


def write_csv_ledger(path, headers, rows):
    """Writes a CSV ledger as dangjian's writer does: UTF-8 with a byte order
    mark (for Excel), CRLF line ends, quotes where needed, and a "'" before a
    cell beginning with "=", "+", "-", "@", tab or CR, so that a spreadsheet
    does not run it as a formula (dangjian's reader removes it). Cells are
    str(cell); None is written as an empty cell. Returns the rows written.
    """
    path = os.fspath(path)

    def cell(value):
        if value is None:
            return ""
        text = str(value)
        if text and text[0] in _CSV_GUARDED:
            return "'" + text
        return text

    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow([cell(h) for h in headers])
        for row in rows:
            writer.writerow([cell(c) for c in row])
            count += 1
    return count


def ledger_column_kinds(table, headers):
    """Returns {header: kind} for the English headers of a CSV ledger (as
    ``dangjian convert --headers en`` writes them; docs/ledger-format.md):

    - "whole": a whole number (int32/int64 fields): pandas "Int64";
    - "date": a dangjian.v1.Date, written 2014-08-14 (or 2014-08, 2014 when
      the day or month is unknown);
    - "month": a dangjian.v1.Date of which only the month counts (a
      member's dues_paid_through, 党费交至), written 2017-12;
    - "amount": money in 元 (``*_yuan``) or 万元 (``*_wan_yuan``), fields
      stored as int64 fen;
    - "decimal": a float or double field (coordinates);
    - "yes_no": a bool, written 是/否;
    - "label": an enum, written as its Chinese label;
    - "list": a repeated text field (ids), items joined by ";";
    - "labels": a repeated enum (a member's roles), labels joined by "、";
    - "posts": a member's posts, "kind：name" items joined by "；";
    - "seats": a committee's seats, "role：name[member id]" items joined
      by "；", seats of one role in a row by "、", "（挂职）" after a
      seconded holder;
    - "status_changes": a unit's changes of status, "date：label" items
      joined by "；" (2019-06-30：注销；2021-03-01：存续);
    - "events": a member's membership events, "date：kind" items, a
      transfer's with "：counterpart：letter number：county id" after,
      joined by "；";
    - "assessments": a venue's six-haves assessments, "date：haves" items
      (有场所、有党旗, 六有齐全 or 无) joined by "；";
    - "text": everything else (ids, codes, names, resident IDs, phones).

    `table` is one of LEDGER_TABLES. Headers that name no field (Chinese
    headers, notes) are left out of the result.
    """
    pb2 = _pb2()
    if table not in LEDGER_TABLES:
        raise ValueError("%r is no ledger table; one of %s"
                         % (table, ", ".join(LEDGER_TABLES)))
    message = pb2.Dataset.DESCRIPTOR.fields_by_name[table].message_type
    kinds = {}
    for header in headers:
        kind = _column_kind(message, str(header))
        if kind is not None:
            kinds[header] = kind
    return kinds


# Date fields of which only the year and month count.
MONTH_FIELDS = frozenset({"dangjian.v1.Member.dues_paid_through"})


def _column_kind(message, header):
    F = FieldDescriptor
    *path, name = header.split(".")
    for part in path:
        field = message.fields_by_name.get(part)
        if field is None or field.message_type is None:
            return None
        message = field.message_type
    for suffix in ("_wan_yuan", "_yuan"):
        if name.endswith(suffix):
            field = message.fields_by_name.get(name[:-len(suffix)] + "_fen")
            return "amount" if field is not None else None
    field = message.fields_by_name.get(name)
    if field is None:
        return None
    if field.label == F.LABEL_REPEATED:
        if field.type == F.TYPE_ENUM:
            return "labels"
        if field.type == F.TYPE_MESSAGE:
            return {"dangjian.v1.MemberPost": "posts",
                    "dangjian.v1.CommitteeSeat": "seats",
                    "dangjian.v1.HostStatusChange": "status_changes",
                    "dangjian.v1.MembershipEvent": "events",
                    "dangjian.v1.VenueAssessment": "assessments"}.get(
                        field.message_type.full_name)
        return "list"
    if field.type in (F.TYPE_INT32, F.TYPE_INT64, F.TYPE_UINT32,
                      F.TYPE_UINT64, F.TYPE_SINT32, F.TYPE_SINT64):
        return "whole"
    if field.type == F.TYPE_MESSAGE:
        if field.message_type.full_name == "dangjian.v1.Date":
            return "month" if field.full_name in MONTH_FIELDS else "date"
        return None
    return {F.TYPE_BOOL: "yes_no", F.TYPE_ENUM: "label",
            F.TYPE_DOUBLE: "decimal", F.TYPE_FLOAT: "decimal"}.get(
                field.type, "text")


def _kind(record):
    return record.WhichOneof("entity") or "record with no entity"
