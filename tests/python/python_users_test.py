"""docs/python.md's example, end to end against the dangjian CLI.

Usage: python_users_test.py DANGJIAN [--protoc PROTOC] [--work DIR]

Generates a county with `dangjian generate`, writes the records every ledger
holds as a record stream with dangjian_io (python/), has `dangjian validate`
read it and `dangjian convert` write it in every format, then runs
examples/python/roundtrip.py, the code docs/python.md shows: it reads each
format and writes each again. The test checks the values read (records equal
in every format, ledger rows and their pandas types), that dangjian reads
back what Python wrote (the same records, the same report; the record stream
and the binary Dataset byte for byte), that damaged input is refused with a
ValueError naming where (resident IDs masked), and that every Python block of docs/python.md is cut
from roundtrip.py. Exits 77 (skipped) without python3-protobuf, pandas or
openpyxl.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXAMPLE = os.path.join(ROOT, "examples", "python", "roundtrip.py")
DOC = os.path.join(ROOT, "docs", "python.md")

def fail(what):
    print("python_users_test: FAILED: " + what, file=sys.stderr)
    sys.exit(1)


def check(condition, what):
    if not condition:
        fail(what)


def run(args, want_rc=0):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if want_rc is not None and p.returncode != want_rc:
        fail("%s exited %d, not %d:\n%s%s" % (" ".join(args), p.returncode,
                                             want_rc, p.stdout, p.stderr))
    return p


def sorted_bytes(records):
    return sorted(r.SerializeToString(deterministic=True) for r in records)


def expect_value_error(call, *words):
    try:
        call()
    except ValueError as e:
        for word in words:
            check(word in str(e), "ValueError %r does not say %r" % (e, word))
        return str(e)
    fail("no ValueError from damaged input (%s)" % ", ".join(words))


def check_doc_blocks():
    """Every ```python block of docs/python.md is cut from roundtrip.py."""
    example = open(EXAMPLE, encoding="utf-8").read()
    blocks = re.findall(r"```python\n(.*?)```", open(DOC, encoding="utf-8")
                        .read(), re.S)
    check(len(blocks) >= 3, "docs/python.md has %d python blocks"
          % len(blocks))
    for block in blocks:
        check(block in example, "a python block of docs/python.md is not in "
              "examples/python/roundtrip.py:\n" + block)
    print("docs/python.md: %d python blocks, all from roundtrip.py"
          % len(blocks))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dangjian")
    parser.add_argument("--protoc", default=shutil.which("protoc") or "protoc")
    parser.add_argument("--work")
    args = parser.parse_args()
    for module, package in (("google.protobuf", "python3-protobuf"),
                            ("pandas", "python3-pandas"),
                            ("openpyxl", "python3-openpyxl")):
        try:
            __import__(module)
        except ImportError:
            print("%s (Debian: %s) not found: skipped" % (module, package))
            sys.exit(77)
    cli = os.path.abspath(args.dangjian)
    work = args.work or tempfile.mkdtemp(prefix="dangjian-python-users-")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work + "/py")

    # What docs/python.md tells a user to do: generate the _pb2 modules.
    proto = os.path.join(ROOT, "proto")
    run([args.protoc, "-I", proto, "--python_out=" + work + "/py"] +
        sorted(os.path.join(proto, "dangjian", "v1", f)
               for f in os.listdir(os.path.join(proto, "dangjian", "v1"))
               if f.endswith(".proto")))
    sys.path[:0] = [work + "/py", os.path.join(ROOT, "python"),
                    os.path.dirname(EXAMPLE)]
    import pandas as pd
    import dangjian_io
    import roundtrip
    from dangjian.v1 import dataset_pb2

    check_doc_blocks()

    # A county; the records the ledgers hold, written by Python.
    run([cli, "generate", "-q", "--scenario", "national", "--units", "40",
         "--members", "120", "--seed", "7", "-o", work + "/all.djr"])
    header, everything = dangjian_io.read_record_stream(work + "/all.djr")
    records = list(everything)
    check(any(r.member.posts for r in records) and
          any(r.member.roles for r in records) and
          any(r.party_organization.committee for r in records),
          "the county's members have posts and roles, its organizations "
          "committees")
    kinds = set(r.WhichOneof("entity") for r in records)
    check(header.provenance.producer.startswith("dangjian generate"),
          "header producer %r" % header.provenance.producer)
    check({"cadre_assignment", "region_economy"} <= kinds,
          "the county has every kind of record: %s" % sorted(kinds))
    n = dangjian_io.write_record_stream(work + "/county.djr", records, header)
    check(n == len(records), "write_record_stream counted %d" % n)
    out = run([cli, "validate", "--lang", "en", work + "/county.djr"]).stdout
    check("%d records checked" % n in out, "validate says:\n" + out)

    # dangjian writes every format; roundtrip.py reads each and writes each.
    for target in ("county.jsonl", "county.pb", "county.json", "ledgers/",
                   "county.xlsx"):
        run([cli, "convert", "-q", "--headers", "en", "--full-fidelity",
             work + "/county.djr", work + "/" + target])
    read, csv_frames, workbook_frames = roundtrip.main(work)

    # The four record formats: the records Python wrote, with the header.
    want = sorted_bytes(records)
    for ext, (got_header, got) in read.items():
        check(len(got) == n, "county.%s: %d records, not %d"
              % (ext, len(got), n))
        check(sorted_bytes(got) == want, "county.%s: records differ" % ext)
    check(read["djr"][0] == header and read["jsonl"][0] == header,
          "a header differs")
    check(read["pb"][0] == header.provenance, "the Dataset's provenance")

    # The ledgers: a row per record, typed columns, the records' values.
    kinds = {}
    for r in records:
        kinds[r.WhichOneof("entity")] = kinds.get(r.WhichOneof("entity"),
                                                  0) + 1
    singular = dict(dangjian_io.DATASET_LISTS)
    nested = sum(len(r.party_organization.star_assessments) for r in records)
    check(sorted(csv_frames) == sorted(workbook_frames),
          "tables: CSV %s, workbook %s" % (sorted(csv_frames),
                                            sorted(workbook_frames)))
    for table, frame in csv_frames.items():
        rows = kinds.get(singular[table], 0)
        if table == "star_assessments":
            rows += nested
        check(len(frame) == rows, "%s.csv: %d rows, %d records"
              % (table, len(frame), rows))
        for column, kind in dangjian_io.ledger_column_kinds(
                table, frame.columns).items():
            dtype = str(frame[column].dtype)
            check(kind != "whole" or dtype == "Int64",
                  "%s.%s is %s, not Int64" % (table, column, dtype))
            check(kind != "date" or dtype == "datetime64[ns]",
                  "%s.%s is %s, not datetime64" % (table, column, dtype))
            check(kind != "month" or dtype == "period[M]",
                  "%s.%s is %s, not period[M]" % (table, column, dtype))
        pd.testing.assert_frame_equal(frame, workbook_frames[table],
                                      obj="county.xlsx sheet " + table)
    check(dangjian_io.ledger_column_kinds(
              "host_organizations", ["status_changes", "status"]) ==
          {"status_changes": "status_changes", "status": "label"},
          "a unit's changes of status are a cell of their own kind")
    hosts = csv_frames["host_organizations"].set_index("id")
    members = csv_frames["members"].set_index("id")
    checked = 0
    for r in records:
        if r.HasField("host_organization"):
            h = r.host_organization
            got = hosts.loc[h.id, "employees"]
            check((pd.isna(got) and h.employees == 0) or got == h.employees,
                  "%s employees %r, record %d" % (h.id, got, h.employees))
            checked += 1
        if r.HasField("member") and r.member.HasField("birth_date"):
            d = r.member.birth_date
            got = members.loc[r.member.id, "birth_date"]
            check((got.year, got.month, got.day) == (d.year, d.month, d.day),
                  "%s birth_date %s" % (r.member.id, got))
            checked += 1
    check(checked > 40, "only %d values compared" % checked)
    check(hosts["employees"].sum() ==
          sum(r.host_organization.employees for r in records),
          "employees sum")

    # dangjian reads back what Python wrote.
    py = work + "/python"
    for ext in ("djr", "pb"):
        run([cli, "convert", "-q", work + "/county.djr",
             work + "/cli." + ext])
        check(open(work + "/cli." + ext, "rb").read() ==
              open(py + "/python." + ext, "rb").read(),
              "python.%s is not the bytes dangjian writes" % ext)
    for ext in ("djr", "jsonl", "pb", "json"):
        run([cli, "convert", "-q", py + "/python." + ext,
             work + "/back-" + ext + ".jsonl"])
        got_header, got = dangjian_io.read_json_lines(
            work + "/back-" + ext + ".jsonl")
        check(sorted_bytes(got) == want, "python.%s read back differs" % ext)
        check(got_header.provenance == header.provenance,
              "python.%s: provenance read back differs" % ext)
    out = run([cli, "validate", "--lang", "en", py + "/python.djr"]).stdout
    check("%d records checked" % n in out, "validate python.djr:\n" + out)

    def report(path):
        return run([cli, "report", "-q", "--year", "2017", "--format", "json",
                    path]).stdout
    check(report(py + "/python.djr") == report(work + "/county.djr"),
          "python.djr reports differently")
    check(report(py + "/ledgers/") == report(work + "/ledgers/"),
          "python/ledgers/ (pandas) reports differently from ledgers/")
    check(report(py + "/python.xlsx") == report(work + "/county.xlsx"),
          "python.xlsx (pandas) reports differently from county.xlsx")
    for name in ("county.xlsx", "python/python.xlsx"):
        run([cli, "convert", "-q", work + "/" + name,
             work + "/" + name.replace("/", "-") + ".jsonl"])
    _, a = dangjian_io.read_json_lines(work + "/county.xlsx.jsonl")
    _, b = dangjian_io.read_json_lines(work + "/python-python.xlsx.jsonl")
    check(len(a) > 0 and sorted_bytes(a) == sorted_bytes(b),
          "python.xlsx gives other records than county.xlsx")
    print("dangjian read back python.djr, .jsonl, .pb, .json, ledgers/, .xlsx")

    # Whole numbers pandas wrote as floats ("3.0": a blank cell made the
    # column float64) read as the same whole numbers.
    floats = work + "/float-ledgers"
    os.makedirs(floats, exist_ok=True)
    for name in os.listdir(work + "/ledgers"):
        frame = pd.read_csv(work + "/ledgers/" + name, dtype=str,
                            keep_default_na=False)
        if name == "host_organizations.csv":
            frame["employees"] = pd.to_numeric(
                frame["employees"].replace("", None)).astype("float64")
        frame.to_csv(floats + "/" + name, index=False)
    text = open(floats + "/host_organizations.csv", encoding="utf-8").read()
    check(".0," in text, "no whole number written as a float:\n" + text[:300])
    check(report(floats + "/") == report(work + "/ledgers/"),
          "ledgers with 3.0 for 3 report differently")
    print("dangjian reads 3.0 as 3 in a whole-number column")

    # Damaged input: a ValueError saying where, never fewer records.
    data = open(py + "/python.djr", "rb").read()
    bad = work + "/bad.djr"
    open(bad, "wb").write(data[:-3])
    expect_value_error(lambda: dangjian_io.read_record_stream(bad),
                       "truncated", "byte offset")
    run([cli, "validate", "-q", bad], want_rc=2)
    damaged = bytearray(data)
    middle = len(data) // 2
    damaged[middle] ^= 0x01
    open(bad, "wb").write(bytes(damaged))
    expect_value_error(lambda: dangjian_io.read_record_stream(bad),
                       "bad.djr", "byte offset")
    run([cli, "validate", "-q", bad], want_rc=2)
    open(bad, "wb").write(data + b"\x00")
    expect_value_error(lambda: dangjian_io.read_record_stream(bad),
                       "bytes follow the trailer")
    open(bad, "wb").write(b"")
    expect_value_error(lambda: dangjian_io.read_record_stream(bad), "empty")
    lines = open(py + "/python.jsonl", encoding="utf-8").read().splitlines()
    bad_jsonl = work + "/bad.jsonl"
    open(bad_jsonl, "w", encoding="utf-8").write(
        "\n".join(lines[:3] + lines[4:]) + "\n")
    expect_value_error(lambda: dangjian_io.read_json_lines(bad_jsonl),
                       "bad.jsonl:%d" % (len(lines) - 1), "trailer counts")
    open(bad_jsonl, "w", encoding="utf-8").write(
        lines[0] + '\n{"member":{"id":"m1","gender":"11010519491231002X"}}\n')
    said = expect_value_error(lambda: dangjian_io.read_json_lines(bad_jsonl),
                              "bad.jsonl:2", "110105********002X")
    check("19491231" not in said, "a resident ID whole in: " + said)
    expect_value_error(lambda: dangjian_io.write_record_stream(
        work + "/refused.djr", [records[0], dataset_pb2.Record(
            header=header)]), "only entity records")
    check(not os.path.exists(work + "/refused.djr") and
          not os.path.exists(work + "/refused.djr.tmp"),
          "a refused stream left a file")
    expect_value_error(lambda: dangjian_io.decode_varint(b"\x80\x80", 0),
                       "truncated inside a varint")
    print("damaged input refused with ValueError")
    print("python users: ok")


if __name__ == "__main__":
    main()
