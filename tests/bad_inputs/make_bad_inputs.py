#!/usr/bin/env python3
"""Writes the catalogue of bad inputs (tests/bad_inputs/) and expected.tsv.

    python3 tests/bad_inputs/make_bad_inputs.py [OUT_DIR]

Every file is built here, byte by byte (protobuf's wire format by hand, so no
generated Python modules are needed), with the outcome bad_inputs_test expects
of it: the reader, the status code (or "finding" for a CSV row reported and
skipped, "rule:<id>" for a validation finding, OK), and where: a text the
message must contain (a byte offset, a line, a field) or, for CSV findings,
line:column. Re-running it rewrites the same bytes. Files too large to commit
(a 100 MB CSV field) are made by the test itself.
"""
import os
import struct
import sys
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
ROWS = []


def emit(name, data, reader, outcome, where, what):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    ROWS.append((name, reader, outcome, where, what))


# --- protobuf wire format ----------------------------------------------------

def varint(n):
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field, wire):
    return varint(field << 3 | wire)


def vi(field, n):
    return key(field, 0) + varint(n)


def ld(field, payload):
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return key(field, 2) + varint(len(payload)) + payload


def fixed64(field, n):
    return key(field, 1) + struct.pack("<Q", n)


def fixed32(field, n):
    return key(field, 5) + struct.pack("<I", n)


def frame(msg):
    return varint(len(msg)) + msg


def id_check(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[s % 11]


NID = id_check("15042519600101000")      # a valid resident ID (planted)
NID2 = id_check("11010519491231002")
PHONE = "13947000001"
PHONE2 = "13800138000"


def date(y, m, d):
    return vi(1, y) + vi(2, m) + vi(3, d)


def member(mid="m1", nid=NID, phone=PHONE, extra=b""):
    return (ld(1, mid) + ld(2, "王建国") + vi(3, 4) + ld(9, "h1") + ld(11, nid) +
            ld(12, date(1960, 1, 1)) + ld(14, phone) + extra)


HEADER = ld(1, ld(1, "dangjian.v1") + ld(2, ld(1, "bad_inputs")))
MEMBER = ld(9, member())
MEMBER2 = ld(9, member("m2", NID2, PHONE2))


def trailer(records):
    body = b"".join(frame(r) for r in records)
    return ld(2, vi(1, len(records)) + vi(2, zlib.crc32(body)))


def stream(records, trailer_rec=None, tail=b""):
    body = b"".join(frame(r) for r in records)
    t = trailer(records) if trailer_rec is None else trailer_rec
    return frame(HEADER) + body + (frame(t) if t is not None else b"") + tail


GOOD = stream([MEMBER, MEMBER2])
H = len(frame(HEADER))          # offset of the first entity record
M1 = H + len(frame(MEMBER))     # offset of the second
M2 = M1 + len(frame(MEMBER2))   # offset of the trailer


def off(n):
    return "byte offset %d" % n


# --- record streams (.djr) ----------------------------------------------------

emit("stream_good.djr", GOOD, "stream", "OK", "-", "a good stream: 2 members, trailer")
emit("stream_empty.djr", b"", "stream", "DATA_LOSS", "is empty", "no bytes at all")
emit("stream_no_trailer.djr", stream([MEMBER, MEMBER2], trailer_rec=None)[:M2],
     "stream", "DATA_LOSS", off(M2), "missing trailer: ends after the records")
emit("stream_trailer_bad_count.djr",
     stream([MEMBER, MEMBER2], trailer_rec=ld(2, vi(1, 3) + vi(2, 0))),
     "stream", "DATA_LOSS", off(M2), "trailer counts 3 records, stream holds 2")
body = frame(MEMBER) + frame(MEMBER2)
emit("stream_trailer_bad_crc.djr",
     stream([MEMBER, MEMBER2], trailer_rec=ld(2, vi(1, 2) + vi(2, zlib.crc32(body) ^ 1))),
     "stream", "DATA_LOSS", "checksum mismatch", "trailer crc32 off by one bit")
emit("stream_garbage_after_trailer.djr", GOOD + b"GARBAGE!", "stream", "DATA_LOSS",
     off(len(GOOD)), "garbage appended after the trailer")
emit("stream_zero_after_trailer.djr", GOOD + b"\x00", "stream", "DATA_LOSS",
     off(len(GOOD)), "one zero byte appended after the trailer")
emit("stream_4gib_prefix.djr", frame(HEADER) + varint(1 << 32) + b"x" * 16,
     "stream", "RESOURCE_EXHAUSTED", off(H), "a length prefix of 4 GiB")
emit("stream_over_cap.djr", frame(HEADER) + varint((64 << 20) + 1) + b"x" * 16,
     "stream", "RESOURCE_EXHAUSTED", off(H), "a record of 64 MiB + 1 byte, above the cap")
emit("stream_prefix_max_u64.djr", frame(HEADER) + b"\xff" * 9 + b"\x01",
     "stream", "RESOURCE_EXHAUSTED", off(H), "a length prefix of 2^64-1")
emit("stream_prefix_11_bytes.djr", frame(HEADER) + b"\x80" * 10 + b"\x00",
     "stream", "DATA_LOSS", "longer than 10 bytes", "an overlong varint length prefix")
emit("stream_prefix_truncated.djr", frame(HEADER) + b"\x80\x80",
     "stream", "DATA_LOSS", "inside a length prefix", "the file ends inside a length prefix")
emit("stream_record_truncated.djr", GOOD[:H + 20], "stream", "DATA_LOSS", off(H),
     "the file ends inside a record")
emit("stream_not_a_stream.djr", b"PK\x03\x04 this is a zip file", "stream", "DATA_LOSS",
     "byte offset 0", "another format (a zip header)")
emit("stream_first_not_header.djr", frame(MEMBER) + frame(trailer([])), "stream",
     "DATA_LOSS", "not a header", "the first record is a member")
emit("stream_second_header.djr", stream([HEADER]), "stream", "DATA_LOSS", off(H),
     "a second header record")
emit("stream_empty_record.djr", frame(HEADER) + b"\x00" + frame(trailer([b""])), "stream",
     "OK", "-", "an empty record (length 0) framed and counted")
# Two entities in one record: protobuf keeps the last, silently (JSON Lines
# refuses the same); the first record's entity field sits at H + 1 + 1.
TWO = ld(5, ld(1, b"h1")) + MEMBER
emit("stream_two_entities.djr", stream([TWO]), "stream", "DATA_LOSS",
     "another field of the oneof entity after host_organization",
     "a host organization and a member in one record")


# Truncation inside a record at every field kind: the frame declares the
# original length, the file ends early; and (inner_*) a record whose frame is
# whole but whose field inside is cut short.
def cut_record(name, rec, what):
    whole = frame(HEADER) + frame(rec)
    emit("stream_cut_%s.djr" % name, whole[:-1], "stream", "DATA_LOSS", off(H),
         "file ends 1 byte early inside " + what)


cut_record("varint", ld(9, ld(1, "m1") + vi(19, 1 << 40)), "a varint field")
cut_record("string", ld(9, ld(1, "m1") + ld(2, "王建国")), "a string field")
cut_record("submessage", ld(9, ld(1, "m1") + ld(12, date(1960, 1, 1))), "a sub-message")
cut_record("enum", ld(9, ld(1, "m1") + vi(3, 4)), "an enum field")
cut_record("packed", ld(9, ld(1, "m1") + ld(16, b"\x01\x02")), "a packed repeated enum")
cut_record("fixed64", ld(9, ld(1, "m1")) + fixed64(99, 7), "an unknown fixed64 field")
cut_record("fixed32", ld(9, ld(1, "m1")) + fixed32(99, 7), "an unknown fixed32 field")


def inner(name, rec, what, outcome="DATA_LOSS", where=None):
    s = frame(HEADER) + frame(rec) + frame(trailer([rec]))
    emit("stream_inner_%s.djr" % name, s, "stream", outcome, where or off(H), what)


inner("varint_cut", ld(9, ld(1, "m1")) + b"\x98\x01\xff", "a varint cut at the record's end")
inner("string_cut", ld(9, ld(1, "m1") + key(2, 2) + varint(10) + b"abc"), "a string longer than its record")
inner("submessage_cut", ld(9, ld(1, "m1") + key(12, 2) + varint(9) + vi(1, 1960)), "a sub-message longer than its record")
inner("fixed64_cut", ld(9, ld(1, "m1")) + key(99, 1) + b"\x01\x02", "a fixed64 cut short")
inner("fixed32_cut", ld(9, ld(1, "m1")) + key(99, 5) + b"\x01", "a fixed32 cut short")
inner("tag_cut", ld(9, ld(1, "m1")) + b"\x80", "a tag cut short")
inner("varint_overlong", ld(9, ld(1, "m1") + key(19, 0) + b"\xff" * 10 + b"\x01"), "an 11-byte varint")
inner("varint_10_bytes", ld(9, ld(1, "m1") + key(19, 0) + b"\xff" * 9 + b"\x01"),
      "a 10-byte varint (2^64-1 as int64 -1): valid", "OK", "-")
inner("varint_overflow", ld(9, ld(1, "m1") + key(19, 0) + b"\xff" * 9 + b"\x7f"),
      "a 10-byte varint whose last byte overflows 64 bits")
inner("length_overflow", ld(9, ld(1, "m1")) + key(99, 2) + b"\xff" * 9 + b"\x01", "a length of 2^64-1 inside a record")
inner("wire_type_6", ld(9, ld(1, "m1")) + key(99, 6), "wire type 6 (does not exist)")
inner("wire_type_7", ld(9, ld(1, "m1")) + key(99, 7), "wire type 7 (does not exist)")
inner("field_zero", ld(9, ld(1, "m1")) + vi(0, 1), "field number 0")
inner("end_group_alone", ld(9, ld(1, "m1")) + key(99, 4), "an end-group tag without a start")
inner("group_unclosed", ld(9, ld(1, "m1")) + key(99, 3) + vi(1, 1), "a start-group tag never closed")
inner("wrong_wire_member_as_varint", vi(9, 5), "Record.member (a message) sent as a varint")
inner("wrong_wire_id_as_fixed32", ld(9, fixed32(1, 5)), "Member.id sent as fixed32")
inner("wrong_wire_date_as_varint", ld(9, ld(1, "m1") + vi(12, 1960)), "Member.birth_date sent as a varint")
inner("wrong_wire_amount_as_string", ld(8, ld(1, "f1") + ld(5, "100")), "Funding.amount_fen sent as a string")
inner("invalid_utf8_name", ld(9, ld(1, "m1") + ld(2, b"\xe7\x8e")), "Member.name with a cut UTF-8 sequence")
inner("invalid_utf8_id", ld(9, ld(1, b"m\xff1")), "Member.id with a 0xFF byte")
inner("invalid_utf8_overlong", ld(9, ld(1, "m1") + ld(2, b"\xc0\xaf")), "Member.name with an overlong UTF-8 '/'")
inner("invalid_utf8_surrogate", ld(9, ld(1, "m1") + ld(2, b"\xed\xa0\x80")), "Member.name with an encoded surrogate")
inner("invalid_utf8_national_id", ld(9, ld(1, "m1") + ld(11, NID[:10].encode() + b"\xff" + NID[11:].encode())),
      "Member.national_id with a 0xFF byte; the ID must not be quoted")


def nest(depth):
    """An unknown field of `depth` nested groups (protobuf keeps unknown groups
    parsed, so each level counts against its recursion limit)."""
    return key(99, 3) * depth + key(99, 4) * depth


inner("nesting_past_limit", ld(9, ld(1, "m1")) + nest(120), "unknown groups nested 120 deep (limit 100)")
inner("nesting_at_depth_50", ld(9, ld(1, "m1")) + nest(50), "unknown groups nested 50 deep: within the limit", "OK", "-")


# --- binary Dataset (.pb) -----------------------------------------------------

DS = ld(9, member()) + ld(9, member("m2", NID2, PHONE2))
emit("dataset_good.pb", DS, "dataset_pb", "OK", "-", "a good dataset of 2 members")
emit("dataset_truncated.pb", DS[:-3], "dataset_pb", "DATA_LOSS", "dataset_truncated.pb", "cut 3 bytes short")
emit("dataset_bad_wire_type.pb", DS + key(9, 7), "dataset_pb", "DATA_LOSS", "dataset_bad_wire_type.pb", "wire type 7")
emit("dataset_overlong_varint.pb", DS + key(99, 0) + b"\xff" * 10 + b"\x01", "dataset_pb", "DATA_LOSS",
     "dataset_overlong_varint.pb", "an 11-byte varint")
emit("dataset_nesting_past_limit.pb", DS + nest(120), "dataset_pb", "DATA_LOSS",
     "dataset_nesting_past_limit.pb", "unknown groups nested 120 deep")
emit("dataset_invalid_utf8.pb", ld(9, member() + ld(2, b"\xff")), "dataset_pb", "DATA_LOSS",
     "dataset_invalid_utf8.pb", "a name with a 0xFF byte")
emit("dataset_text.pb", "members: {id: 'm1'}\n", "dataset_pb", "DATA_LOSS", "dataset_text.pb",
     "protobuf text format, not binary")
emit("dataset_empty.pb", b"", "dataset_pb", "DATA_LOSS", "is empty",
     "an empty file: a failed export, not an empty Dataset")


# --- whole-dataset JSON (.json) ------------------------------------------------

def mj(extra="", nid=NID, phone=PHONE):
    return ('{"id":"m1","name":"王建国","hostOrganizationId":"h1","nationalId":"%s",'
            '"phone":"%s"%s}' % (nid, phone, extra))


emit("json_good.json", '{"members":[%s]}' % mj(), "dataset_json", "OK", "-", "a good dataset")
emit("json_unknown_key.json", '{"members":[%s]}' % mj(',"nationalld":"x"'), "dataset_json",
     "INVALID_ARGUMENT", "nationalld", "an unknown (misspelt) key")
emit("json_duplicate_key.json", '{"members":[%s]}' % mj(',"name":"李四"'), "dataset_json",
     "INVALID_ARGUMENT", "the key \"name\" is given twice", "a key given twice")
emit("json_escaped_duplicate_key.json",
     '{"members":[%s]}' % mj(',"national\\u005fid":"%s"' % NID2), "dataset_json",
     "INVALID_ARGUMENT", "is given twice",
     "a key given again with an escape (national\\u005fid after nationalId)")
emit("json_nan.json", '{"members":[%s]}' % mj(',"monthlyIncomeFen":NaN'), "dataset_json",
     "INVALID_ARGUMENT", "NaN and Infinity", "NaN as a number")
emit("json_nan_string.json", '{"members":[%s]}' % mj(',"monthlyIncomeFen":"NaN"'), "dataset_json",
     "INVALID_ARGUMENT", "members[0].monthly_income_fen", "\"NaN\" for an int64")
emit("json_1e999.json", '{"members":[%s]}' % mj(',"monthlyIncomeFen":1e999'), "dataset_json",
     "INVALID_ARGUMENT", "a number beyond the range", "1e999 for an int64")
emit("json_1e999_double.json", '{"hostOrganizations":[{"id":"h1","location":{"latitude":1e999}}]}',
     "dataset_json", "INVALID_ARGUMENT", "-", "1e999 for a double (or an unknown field)")
emit("json_int64_beyond.json", '{"members":[%s]}' % mj(',"monthlyIncomeFen":"9223372036854775808"'),
     "dataset_json", "INVALID_ARGUMENT", "members[0].monthly_income_fen", "int64 max + 1")
emit("json_int64_below.json", '{"members":[%s]}' % mj(',"monthlyIncomeFen":"-9223372036854775809"'),
     "dataset_json", "INVALID_ARGUMENT", "members[0].monthly_income_fen", "int64 min - 1")
emit("json_int32_beyond.json", '{"funding":[{"id":"f1","year":2147483648}]}', "dataset_json",
     "INVALID_ARGUMENT", "year", "int32 max + 1")
emit("json_fraction_int.json", '{"members":[%s]}' % mj(',"monthlyIncomeFen":1.5'), "dataset_json",
     "INVALID_ARGUMENT", "members[0].monthly_income_fen", "a fraction for an int64")
emit("json_lone_surrogate.json", '{"members":[%s]}' % mj().replace('"王建国"', '"\\ud800x"'),
     "dataset_json", "INVALID_ARGUMENT", "-", "a lone high surrogate escape")
emit("json_lone_low_surrogate.json", '{"members":[%s]}' % mj().replace('"王建国"', '"\\udc00"'),
     "dataset_json", "INVALID_ARGUMENT", "-", "a lone low surrogate escape")
emit("json_bom.json", "\ufeff" + '{"members":[%s]}' % mj(), "dataset_json", "OK", "-",
     "a UTF-8 byte order mark before the object: skipped")
emit("json_deep_nesting.json", '{"members":[%s]}' % mj(',"x":' + "[" * 200 + "]" * 200),
     "dataset_json", "INVALID_ARGUMENT", "-", "arrays nested 200 deep")
emit("json_trailing_garbage.json", '{"members":[%s]} xyz' % mj(), "dataset_json",
     "INVALID_ARGUMENT", "-", "text after the object")
emit("json_two_objects.json", '{"members":[]}{"members":[]}', "dataset_json",
     "INVALID_ARGUMENT", "-", "two objects")
emit("json_truncated.json", '{"members":[%s' % mj(), "dataset_json", "INVALID_ARGUMENT", "-",
     "ends inside the array")
emit("json_invalid_utf8.json", b'{"members":[{"id":"m1","name":"\xff\xfe"}]}', "dataset_json",
     "INVALID_ARGUMENT", "-", "raw invalid UTF-8 in a string")
emit("json_bad_enum.json", '{"members":[%s]}' % mj(',"status":"MEMBER_STATUS_KING"'),
     "dataset_json", "INVALID_ARGUMENT", "status", "an enum name that does not exist")
emit("json_null_root.json", "null", "dataset_json", "INVALID_ARGUMENT", "-", "null, not an object")
emit("json_empty.json", "", "dataset_json", "INVALID_ARGUMENT", "-", "an empty file")
emit("json_id_in_unknown_key.json", '{"members":[%s]}' % mj(',"%s":1' % NID),
     "dataset_json", "INVALID_ARGUMENT", "-", "an unknown key that is a resident ID: masked")


# --- JSON Lines (.jsonl) ------------------------------------------------------

L1 = '{"member":%s}' % mj()
L2 = '{"member":%s}' % mj(nid=NID2, phone=PHONE2).replace('"m1"', '"m2"')
emit("jsonl_good.jsonl", L1 + "\n" + L2 + "\n", "jsonl", "OK", "-", "two good lines")
emit("jsonl_unknown_key.jsonl", L1 + "\n" + L2[:-2] + ',"bogus":1}}\n', "jsonl",
     "INVALID_ARGUMENT", "jsonl_unknown_key.jsonl:2 (byte offset %d)" % (len(L1.encode()) + 1),
     "an unknown key on line 2")
emit("jsonl_escaped_duplicate_key.jsonl",
     '{"member":%s}\n' % mj(',"\\u006eational_id":"%s"' % NID2), "jsonl",
     "INVALID_ARGUMENT", "jsonl_escaped_duplicate_key.jsonl:1",
     "a key given again with an escape (\\u006eational_id after nationalId)")
emit("jsonl_duplicate_key.jsonl", L1[:-2] + ',"id":"m9"}}\n', "jsonl", "INVALID_ARGUMENT",
     "jsonl_duplicate_key.jsonl:1", "a key twice on line 1")
emit("jsonl_nan.jsonl", L1 + "\n" + '{"funding":{"id":"f1","amountFen":NaN}}\n', "jsonl",
     "INVALID_ARGUMENT", "jsonl_nan.jsonl:2", "NaN on line 2")
emit("jsonl_1e999.jsonl", '{"funding":{"id":"f1","amountFen":1e999}}\n', "jsonl",
     "INVALID_ARGUMENT", "jsonl_1e999.jsonl:1", "1e999 for an int64")
emit("jsonl_int64_beyond.jsonl", '{"funding":{"id":"f1","amountFen":"9223372036854775808"}}\n',
     "jsonl", "INVALID_ARGUMENT", "jsonl_int64_beyond.jsonl:1", "int64 max + 1 (a string)")
emit("jsonl_int64_beyond_number.jsonl", '{"funding":{"id":"f1","amountFen":9223372036854775808}}\n',
     "jsonl", "INVALID_ARGUMENT", "jsonl_int64_beyond_number.jsonl:1", "int64 max + 1 (a number)")
emit("jsonl_money_max.jsonl", '{"funding":{"id":"f1","amountFen":"9223372036854775807"}}\n'
     '{"funding":{"id":"f2","amountFen":"-9223372036854775808"}}\n',
     "jsonl", "OK", "-", "money at int64 max and min: read exactly")
emit("jsonl_lone_surrogate.jsonl", '{"member":{"id":"m1","name":"\\ud83d"}}\n', "jsonl",
     "INVALID_ARGUMENT", "jsonl_lone_surrogate.jsonl:1", "a lone surrogate escape")
emit("jsonl_surrogate_pair.jsonl", '{"member":{"id":"m1","name":"\\ud83d\\ude00"}}\n', "jsonl",
     "OK", "-", "a proper surrogate pair: an emoji")
emit("jsonl_bom.jsonl", "\ufeff" + L1 + "\n", "jsonl", "OK", "-", "a BOM on line 1: skipped")
emit("jsonl_bom_line2.jsonl", L1 + "\n\ufeff" + L2 + "\n", "jsonl", "INVALID_ARGUMENT",
     "jsonl_bom_line2.jsonl:2", "a BOM at the start of line 2")
emit("jsonl_deep_nesting.jsonl", '{"member":{"id":"m1","x":' + "[" * 200 + "]" * 200 + "}}\n",
     "jsonl", "INVALID_ARGUMENT", "jsonl_deep_nesting.jsonl:1", "nested 200 deep")
emit("jsonl_deep_nesting_ignored.jsonl", '{"member":{"id":"m1","x":' + "{\"a\":" * 200 + "1" + "}" * 200 + "}}\n",
     "jsonl", "INVALID_ARGUMENT", "jsonl_deep_nesting_ignored.jsonl:1", "objects nested 200 deep")
emit("jsonl_trailing_garbage.jsonl", L1 + " xyz\n", "jsonl", "INVALID_ARGUMENT",
     "jsonl_trailing_garbage.jsonl:1", "text after the object")
emit("jsonl_invalid_utf8.jsonl", (L1 + "\n").encode() + b'{"member":{"id":"m2","name":"\xff"}}\n',
     "jsonl", "INVALID_ARGUMENT", "jsonl_invalid_utf8.jsonl:2", "a raw 0xFF byte on line 2")
emit("jsonl_truncated.jsonl", L1 + "\n" + L2[:30], "jsonl", "INVALID_ARGUMENT",
     "jsonl_truncated.jsonl:2", "the last line cut short, no newline")
emit("jsonl_two_entities.jsonl", '{"member":{"id":"m1"},"funding":{"id":"f1"}}\n', "jsonl",
     "INVALID_ARGUMENT", "jsonl_two_entities.jsonl:1", "two oneof members on one line")
emit("jsonl_array_line.jsonl", "[1,2,3]\n", "jsonl", "INVALID_ARGUMENT", "jsonl_array_line.jsonl:1",
     "an array, not an object")
emit("jsonl_header_not_first.jsonl", L1 + '\n{"header":{"schemaVersion":"dangjian.v1"}}\n', "jsonl",
     "INVALID_ARGUMENT", "jsonl_header_not_first.jsonl:2", "a header on line 2")
emit("jsonl_trailer_bad_count.jsonl", L1 + '\n{"trailer":{"recordCount":"5"}}\n', "jsonl",
     "DATA_LOSS", "jsonl_trailer_bad_count.jsonl:2", "a trailer counting 5 of 1")
emit("jsonl_after_trailer.jsonl", L1 + '\n{"trailer":{"recordCount":"1"}}\n' + L2 + "\n", "jsonl",
     "INVALID_ARGUMENT", "jsonl_after_trailer.jsonl:3", "a record after the trailer")
emit("jsonl_nul.jsonl", (L1 + "\n").encode() + b'{"member":{"id":"m\x002"}}\n', "jsonl",
     "INVALID_ARGUMENT", "jsonl_nul.jsonl:2", "a raw NUL inside a string")
emit("jsonl_id_in_error.jsonl", '{"member":{"id":"m1","nationalId":%s}}\n' % NID, "jsonl",
     "INVALID_ARGUMENT", "jsonl_id_in_error.jsonl:1", "an unquoted resident ID: the error must mask it")
emit("jsonl_phone_key.jsonl", '{"member":{"id":"m1","%s":"x"}}\n' % PHONE, "jsonl",
     "INVALID_ARGUMENT", "jsonl_phone_key.jsonl:1", "a phone number as an unknown key: masked")
emit("jsonl_crlf.jsonl", L1 + "\r\n" + L2 + "\r\n", "jsonl", "OK", "-", "CRLF line ends")
emit("jsonl_empty.jsonl", b"", "jsonl", "DATA_LOSS", "is empty",
     "an empty file: a failed export, not a county without records")
emit("jsonl_blank_lines_only.jsonl", "\n  \r\n\n", "jsonl", "DATA_LOSS", "is empty",
     "blank lines alone: no header, record or trailer")


# --- CSV ledgers (.csv) -------------------------------------------------------

MH = "id,name,status,host_organization_id,national_id,phone\n"
R1 = "m1,王建国,正式党员,h1,%s,%s\n" % (NID, PHONE)
R2 = "m2,李其其格,正式党员,h1,%s,%s\n" % (NID2, PHONE2)


def csv(name, text, outcome, where, what, table="members"):
    emit("csv_%s.%s.csv" % (name, table), text, "csv", outcome, where, what)


# A CSV row read whole and judged by the rules: "rule:<id>" at the field.
def csv_rule(name, text, rule, where, what, table="members"):
    emit("csv_%s.%s.csv" % (name, table), text, "csv_validate", "rule:" + rule, where, what)


csv("good", MH + R1 + R2, "OK", "-", "two good rows")
csv("unclosed_quote", MH + R1 + 'm2,"李其其格,正式党员,h1,,\n' + R2, "finding", "3:0",
    "a quote never closed swallows the rest: reported, skipped")
csv("text_after_quote", MH + 'm1,"王建"国,正式党员,h1,,\n', "OK", "-",
    "text after a closing quote is kept (\"ab\"c is abc), as documented")
csv("nul_byte", MH.encode() + b"m1,\xe7\x8e\x8b\x00,\xe6\xad\xa3\xe5\xbc\x8f\xe5\x85\x9a\xe5\x91\x98,h1,,\n",
    "finding", "2:2", "a NUL byte in a cell")
csv("mixed_line_ends", MH.replace("\n", "\r\n") + R1.replace("\n", "\r") + R2, "OK", "-",
    "CRLF, CR and LF in one file")
csv("gbk_whole_file", (MH + "m1,王建国,正式党员,h1,,\n").encode("gb18030"), "OK", "-",
    "a GBK file (Excel on Chinese Windows): detected and read")
csv("mixed_encoding", (MH + R1).encode() + "m2,李四,正式党员,h1,,\n".encode("gb18030"), "DATA_LOSS",
    "byte offset 65",
    "a UTF-8 file with one GBK row: not UTF-8, so read as GB18030, which its UTF-8 bytes are not")
csv("utf16_no_bom", (MH + R1).encode("utf-16-le"), "INVALID_ARGUMENT", "-",
    "UTF-16 without a BOM: no header row found")
csv("bad_gb18030", MH.encode() + b"m1,\x81\x20,x,h1,,\n", "DATA_LOSS", "byte offset",
    "bytes valid in neither UTF-8 nor GB18030")
csv("ragged_short", MH + "m1,王建国\n", "OK", "-", "a short row: missing cells read as blank")
csv("ragged_long", MH + R1 + "m2,李其其格,正式党员,h1,,,extra\n", "finding", "3:7",
    "a long row with a non-empty extra cell: reported, skipped")
csv("duplicate_headers", "id,name,姓名,status\nm1,a,b,正式党员\n", "INVALID_ARGUMENT", "姓名",
    "two headers for one field: refused")
csv("duplicate_id_headers", "id,人员标识,name\nm1,m1,a\n", "INVALID_ARGUMENT", "人员标识",
    "two id columns: refused")
csv("no_id_column", "name,status\na,正式党员\n", "INVALID_ARGUMENT", "id", "no id column")
csv("only_header", MH, "OK", "-", "a header and no rows")
csv("empty", "", "INVALID_ARGUMENT", "-", "an empty file")
csv_rule("mangled_id_exponent", MH + "m1,王建国,正式党员,h1,1.50425E+17,\n",
         "member.national_id.excel_mangled", "national_id",
         "a resident ID in exponent form (Excel): the member kept, the rules find it")
csv_rule("mangled_id_zeros", MH + "m1,王建国,正式党员,h1,150425196001010000,\n",
         "member.national_id.excel_mangled", "national_id",
         "a resident ID with its last digits turned to zeros: kept, found by the rules")
csv_rule("bad_id_checksum",
         MH + "m1,王建国,正式党员,h1,%s,\n" % (NID[:-1] + ("1" if NID[-1] != "1" else "2")),
         "member.national_id.checksum", "national_id",
         "a resident ID with a wrong check character: the member kept, the rules find it")
csv("masked_id", MH + "m1,王建国,正式党员,h1,%s,\n" % (NID[:6] + "********" + NID[-4:]),
    "finding", "2:5", "a masked resident ID (convert's default export): left out, the member kept")
csv("phone_exponent", MH + "m1,王建国,正式党员,h1,,1.39470E+10\n", "finding", "2:6",
    "a phone number in exponent form")
csv("subtotal_row", MH + R1 + ",合计,,,,\n" + R2, "subtotal", "3:2", "a 合计 row: not imported, counted")
csv("subtotal_spaced", MH + R1 + "小 计,,,,,\n", "subtotal", "3:1", "a '小 计' row")
csv("formula_cell", MH + "m1,=HYPERLINK(\"x\"),正式党员,h1,,\n", "OK", "-",
    "a formula cell is read as text, never evaluated")
csv("blank_id", MH + ",王建国,正式党员,h1,,\n", "finding", "2:1", "a blank id (merged cell)")
csv("bad_label", MH + "m1,王建国,国王,h1,,\n", "finding", "2:3", "a status label that does not exist")
csv("bad_date", "id,name,full_on\nm1,a,2014-02-30\n", "finding", "2:3", "February 30th")
csv("unknown_header", "id,name,bogus\nm1,a,b\n", "finding", "1:3", "a header that is no column")
csv("semicolon", MH.replace(",", ";") + R1.replace(",", ";"), "OK", "-", "';' as separator")
csv("blank_lines", MH + "\n\n" + R1 + ",,,,,\n", "OK", "-", "blank lines and empty rows skipped")
csv("amount_sci", "id,party_organization_id,year,amount_yuan\nf1,p1,2014,1E+5\n", "finding", "2:4",
    "an amount in scientific notation", table="funding")
csv("amount_fraction_fen", "id,party_organization_id,year,amount_yuan\nf1,p1,2014,1.005\n", "finding",
    "2:4", "an amount with a fraction of a fen", table="funding")
csv("amount_max", "id,party_organization_id,year,amount_yuan\nf1,p1,2014,92233720368547758.07\n",
    "OK", "-", "money at int64 max fen", table="funding")
csv("amount_min", "id,party_organization_id,year,amount_yuan\nf1,p1,2014,-92233720368547758.08\n",
    "OK", "-", "money at int64 min fen", table="funding")
csv("amount_beyond", "id,party_organization_id,year,amount_yuan\nf1,p1,2014,92233720368547758.08\n",
    "finding", "2:4", "money at int64 max + 1 fen", table="funding")
csv("amount_below", "id,party_organization_id,year,amount_yuan\nf1,p1,2014,-92233720368547758.09\n",
    "finding", "2:4", "money at int64 min - 1 fen", table="funding")
csv("amount_wan_beyond", "id,party_organization_id,year,amount_wan_yuan\nf1,p1,2014,9223372036855\n",
    "finding", "2:4", "万元 beyond int64 fen", table="funding")
csv("year_beyond", "id,party_organization_id,year\nf1,p1,99999999999\n", "finding", "2:3",
    "a year beyond int32", table="funding")
csv("quote_in_unquoted", MH + 'm1,王"建"国,正式党员,h1,,\n', "OK", "-",
    "a quote inside an unquoted cell is kept")
csv("long_row", MH + "m1," + "x" * ((1 << 20) + 10) + ",正式党员,h1,,\n", "RESOURCE_EXHAUSTED",
    "max_row_bytes", "a row above 1 MiB (max_row_bytes)")
csv("id_in_bad_cell", MH + "m1,王建国,%s,h1,,\n" % NID, "finding", "2:3",
    "a resident ID in the status column: the message must mask it")
csv_rule("phone_in_bad_cell", MH + "m1,王建国,正式党员,h1,%s,\n" % PHONE,
         "member.national_id.format", "national_id",
         "a phone number in the resident ID column: found by the rules, masked")


# --- policies (.json) ---------------------------------------------------------

def policy(name, text, where, what, outcome="INVALID_ARGUMENT"):
    emit("policy_%s.json" % name, text, "policy", outcome, where, what)


policy("good", '{"jointBranchMaxUnits": 6}', "-", "a partial policy, defaults filled", "OK")
policy("negative_threshold", '{"minFullMembersToFound": -3}', "min_full_members_to_found",
       "a negative threshold")
policy("found_above_branch_max", '{"minFullMembersToFound": 60, "branchMaxMembers": 50}',
       "min_full_members_to_found", "more members to found than a branch may hold")
policy("committee_sizes", '{"branchCommitteeMinSize": 9, "branchCommitteeMaxSize": 5}',
       "branch_committee_min_size", "committee minimum above its maximum")
policy("general_above_committee", '{"generalBranchMinMembers": 200, "committeeMinMembers": 100}',
       "general_branch_min_members", "a general branch needing more than a committee")
policy("int32_beyond", '{"branchMaxMembers": 2147483648}', "branch_max_members", "int32 max + 1")
policy("unknown_key", '{"branchMaxMembrs": 50}', "branchMaxMembrs", "a misspelt key")
policy("not_json", "branchMaxMembers = 50", "-", "not JSON")
policy("dues_overlap", '{"employedDuesBrackets":[{"upToFen":"300000","permille":5},'
       '{"upToFen":"200000","permille":10}]}', "employed_dues_brackets", "dues brackets out of order")


# --- partial reports (length-delimited pairs of v1.PartialReport) ----------------

# partial_base.bin is a real partial report, without its shard fingerprints
# and as_of date (fields 14 and 15, as 0.2.0 wrote it): `dangjian generate
# --units 30 --seed 1`, then `report --year 2017 --worklist-cap 100 --partial`
# (state version 3); each case changes a field or a sum of it.

def read_varint(b, i):
    n = shift = 0
    while True:
        c = b[i]
        i += 1
        n |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return n, i


def fields(b):
    """The top-level fields of a message: [(number, wire type, value)]; a
    varint's value is the number, a length-delimited one's the bytes."""
    out, i = [], 0
    while i < len(b):
        k, i = read_varint(b, i)
        f, w = k >> 3, k & 7
        if w == 0:
            v, i = read_varint(b, i)
        elif w == 2:
            n, i = read_varint(b, i)
            v, i = b[i:i + n], i + n
        else:
            raise ValueError("unexpected wire type %d" % w)
        out.append((f, w, v))
    return out


def unfields(fs):
    return b"".join(vi(f, v) if w == 0 else ld(f, v) for f, w, v in fs)


def packed(b):
    out, i = [], 0
    while i < len(b):
        v, i = read_varint(b, i)
        out.append(v)
    return out


with open(os.path.join(OUT, "partial_base.bin"), "rb") as f:
    BASE = f.read()
SUM_NAMES = [v.decode() for f, w, v in fields(BASE) if f == 8]
FUNDING = SUM_NAMES.index("funding.enterprise_allocation_fen")


def partial(state=None, year=None, policy_version=None, counter_names=None, extra_counter=False,
            sum_high=None, sum_low=None, shards=(), negative_counter=False, extra=()):
    """BASE with its state version, year or policy changed, or its funding sum
    (enterprise allocation, in the first group) set to sum_high:sum_low, and
    the shard fingerprints `shards` [(value, file, records)] added, its first
    group's first counter set to -1, or the top-level fields `extra`
    [(number, bytes)] added."""
    out = []
    for f, w, v in fields(BASE):
        if f == 1 and state is not None:
            v = state
        elif f == 2 and year is not None:
            v = year
        elif f == 3 and policy_version is not None:
            v = policy_version.encode()
        elif f == 7 and counter_names is not None and v.decode() in counter_names:
            v = counter_names[v.decode()].encode()
        elif f == 9:
            g = []
            for gf, gw, gv in fields(v):
                if gf == 2 and extra_counter:
                    gv += varint(1)
                elif gf == 2 and negative_counter:
                    cs = packed(gv)
                    cs[0] = -1
                    gv = b"".join(varint(c) for c in cs)
                elif gf == 3 and sum_high is not None:
                    hs = packed(gv)
                    for i, n in enumerate(SUM_NAMES):
                        if n.startswith("funding."):
                            hs[i] = 0
                    hs[FUNDING] = sum_high
                    gv = b"".join(varint(h) for h in hs)
                elif gf == 5 and sum_low is not None:
                    ls = packed(gv)
                    for i, n in enumerate(SUM_NAMES):
                        if n.startswith("funding."):
                            ls[i] = 0
                    ls[FUNDING] = sum_low
                    gv = b"".join(varint(x) for x in ls)
                g.append((gf, gw, gv))
            v = unfields(g)
        out.append((f, w, v))
    for number, payload in extra:
        out.append((number, 2, payload))
    for value, file, records in shards:
        out.append((14, 2, key(1, 1) + struct.pack("<Q", value) + ld(2, file.encode()) +
                    vi(3, records)))
    return unfields(out)


def pair(a, b):
    return frame(a) + frame(b)


assert partial() == BASE, "the wire decoder does not round-trip partial_base.bin"
emit("partial_good.partials", pair(partial(), partial()), "partial", "OK", "-",
     "the base partial merged with itself: no shard fingerprints (as 0.2.0 wrote), not checked")
emit("partial_two_shards.partials",
     pair(partial(shards=[(0x1111, "a.djr", 10)]), partial(shards=[(0x2222, "b.djr", 10)])),
     "partial", "OK", "-", "two shards, each counted once")
emit("partial_same_shard.partials",
     pair(partial(shards=[(0x1111, "a.djr", 10)]),
          partial(shards=[(0x2222, "b.djr", 10), (0x1111, "a-copy.djr", 10)])),
     "partial", "INVALID_ARGUMENT", "a shard counted twice",
     "one shard in both partials (a copy of a.djr under another name)")
emit("partial_shard_twice_in_one.partials",
     pair(partial(shards=[(0x1111, "a.djr", 10), (0x1111, "a.djr", 10)]), partial()),
     "partial", "INVALID_ARGUMENT", "twice", "one partial listing a shard twice")
emit("partial_negative_counter.partials", pair(partial(), partial(negative_counter=True)),
     "partial", "INVALID_ARGUMENT", "counts are never negative", "a counter of -1")
emit("partial_negative_finding_count.partials",
     pair(partial(), partial(extra=[(12, ld(1, "member.status.missing") + vi(2, -3))])),
     "partial", "INVALID_ARGUMENT", "counts are never negative", "-3 findings of a rule")
emit("partial_region_economy_inconsistent.partials",
     pair(partial(), partial(extra=[(10, ld(1, "r-bad") + vi(7, 100) + vi(8, 300))])),
     "partial", "INVALID_ARGUMENT", "more non-public than total",
     "a region of 300 non-public of 100 market entities (the report printed 300.0%)")
emit("partial_shard_no_records.partials",
     pair(partial(shards=[(0x1111, "a.djr", 0)]), partial()),
     "partial", "INVALID_ARGUMENT", "0 records", "a shard of no records")
emit("partial_other_state_version.partials", pair(partial(), partial(state=99)), "partial",
     "INVALID_ARGUMENT", "version", "a partial report of another state (schema) version")
emit("partial_other_year.partials", pair(partial(), partial(year=2016)), "partial",
     "INVALID_ARGUMENT", "year", "partials of two years")
emit("partial_other_policy.partials", pair(partial(), partial(policy_version="other")), "partial",
     "INVALID_ARGUMENT", "different policies", "partials judged by two policies")
emit("partial_other_layout.partials",
     pair(partial(), partial(counter_names={"units.closed": "units.closed_v2"})),
     "partial", "INVALID_ARGUMENT", "counter", "partials of two counter layouts")
emit("partial_counter_mismatch.partials", pair(partial(), partial(extra_counter=True)), "partial",
     "INVALID_ARGUMENT", "-", "a group with more counters than names")
emit("partial_money_2p63.partials", pair(partial(sum_high=0, sum_low=1 << 63), partial(sum_high=0, sum_low=0)),
     "partial", "OUT_OF_RANGE", "funding.enterprise_allocation_fen", "a funding sum of 2^63 fen")
emit("partial_money_max_plus_one.partials",
     pair(partial(sum_high=0, sum_low=(1 << 63) - 1), partial(sum_high=0, sum_low=1)), "partial",
     "OUT_OF_RANGE", "funding.enterprise_allocation_fen", "int64 max + 1 fen, only after the merge")
emit("partial_money_max.partials",
     pair(partial(sum_high=0, sum_low=(1 << 63) - 2), partial(sum_high=0, sum_low=1)), "partial",
     "OK", "-", "int64 max fen after the merge: in range")
emit("partial_money_min.partials",
     pair(partial(sum_high=-1, sum_low=1 << 63), partial(sum_high=0, sum_low=0)),
     "partial", "OK", "-", "a funding sum of exactly -2^63 fen: in range")
emit("partial_money_below_min.partials",
     pair(partial(sum_high=-1, sum_low=1 << 63), partial(sum_high=-1, sum_low=(1 << 64) - 1)),
     "partial", "OUT_OF_RANGE", "funding.enterprise_allocation_fen", "-2^63 - 1 fen after the merge")


# --- validation of data that reads fine (dataset JSON -> Validator) -----------------

def vjson(name, members_json, rule, where, what):
    emit("validate_%s.json" % name, '{"members":[%s]}' % members_json, "validate", "rule:" + rule,
         where, what)


vjson("id_exponent", mj(nid="1.50425E+17"), "member.national_id.excel_mangled", "national_id",
      "an Excel-mangled resident ID")
vjson("id_checksum", mj(nid=NID[:-1] + ("1" if NID[-1] != "1" else "2")), "member.national_id.checksum",
      "national_id", "a wrong check character")
vjson("id_birth", mj(nid=id_check("15042519601301000")), "member.national_id.birth_date",
      "national_id", "month 13 in the birth date")
vjson("id_lower_x", mj(nid=NID2.replace("X", "x")) if NID2.endswith("X") else mj(nid=id_check("11010519491231002")[:-1] + "x"),
      "member.national_id.format", "national_id", "a lowercase x")
vjson("id_duplicate", mj() + "," + mj().replace('"m1"', '"m2"'), "member.national_id.duplicate",
      "national_id", "one resident ID on two members")
emit("validate_money_max.json", '{"funding":[{"id":"f1","partyOrganizationId":"p1","year":2017,'
     '"amountFen":"9223372036854775807"}]}', "validate", "rule:funding.amount.absurd", "amount_fen",
     "funding of int64 max fen")
emit("validate_member_status_6.json",
     '{"members":[{"id":"m1","hostOrganizationId":"h1","status":6}]}', "validate",
     "rule:record.enum.unknown", "status", "member status 6: no such status; counted as not given")
emit("validate_member_status_minus_5.json",
     '{"members":[{"id":"m1","hostOrganizationId":"h1","status":-5}]}', "validate",
     "rule:record.enum.unknown", "status", "member status -5")
emit("validate_sector_99999.json",
     '{"hostOrganizations":[{"id":"h1","name":"x","sectorSystem":99999}]}', "validate",
     "rule:record.enum.unknown", "sector_system", "sector system 99999")
emit("validate_host_status_9.json",
     '{"hostOrganizations":[{"id":"h1","name":"x","status":9}]}', "validate",
     "rule:record.enum.unknown", "status", "host status 9")
emit("validate_host_employees_negative.json",
     '{"hostOrganizations":[{"id":"h1","name":"x","employees":-12}]}', "validate",
     "rule:record.count.negative", "employees", "a unit of -12 employees")
emit("validate_activity_count_negative.json",
     '{"activities":[{"id":"a1","kind":"ACTIVITY_KIND_OWNER_TRAINING_CLASS","count":"-7"}]}',
     "validate", "rule:record.count.negative", "count",
     "an owner training class held -7 times (the report printed 业主培训班 -7)")
emit("validate_result_jobs_negative.json",
     '{"hostAnnualResults":[{"id":"y1","hostOrganizationId":"h1","year":2017,'
     '"jobsProvided":"-5"}]}', "validate", "rule:record.count.negative", "jobs_provided",
     "-5 jobs provided")
emit("validate_economy_inconsistent.json",
     '{"regionEconomies":[{"id":"e1","regionId":"r1","year":2017,"marketEntitiesTotal":"100",'
     '"marketEntitiesNonPublic":"300"}]}', "validate", "rule:region.economy.inconsistent",
     "market_entities_non_public", "300 non-public of 100 market entities (the report printed 300.0%)")
emit("validate_credit_code.json", '{"hostOrganizations":[{"id":"h1","name":"x",'
     '"unifiedSocialCreditCode":"91150425MA0N1234X0"}]}', "validate", "rule:host.credit_code.checksum",
     "unified_social_credit_code", "a credit code with a wrong check character")
emit("validate_credit_code_format.json", '{"hostOrganizations":[{"id":"h1","name":"x",'
     '"unifiedSocialCreditCode":"%sZ"}]}' % NID, "validate", "rule:host.credit_code.format",
     "unified_social_credit_code", "a resident ID in the credit code field: masked")


with open(os.path.join(OUT, "expected.tsv"), "w", encoding="utf-8") as f:
    f.write("# file\treader\toutcome\twhere\twhat\n")
    for row in ROWS:
        f.write("\t".join(row) + "\n")
print("%d bad inputs" % len(ROWS))
