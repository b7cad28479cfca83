"""Reads and writes every dangjian exchange format from Python: the worked
example of docs/python.md, run end to end by tests/python/python_users_test.py.

Usage: roundtrip.py FOLDER

FOLDER holds what `dangjian convert` wrote (docs/python.md, "Files to read"):
county.djr, county.jsonl, county.pb, county.json, ledgers/ (CSV ledgers with
English headers) and county.xlsx (the same ledgers as a workbook). The script
reads each, prints what it found, and writes the same data in every format
into FOLDER/python/, for dangjian to read back.

Needs python3-protobuf, the modules protoc generates (on PYTHONPATH), the
installed dangjian_io.py (on PYTHONPATH) and, for the ledgers, pandas and
openpyxl (Debian: python3-pandas, python3-openpyxl).
"""
import os
import sys

import pandas as pd

import dangjian_io


# --- Records: record stream, JSON Lines, Dataset ---------------------------

def read_records(folder):
    """Returns {format: (header, records)} for the four record formats."""
    out = {}
    out["djr"] = dangjian_io.read_record_stream(folder + "/county.djr")
    out["jsonl"] = dangjian_io.read_json_lines(folder + "/county.jsonl")
    for ext in ("pb", "json"):
        dataset = dangjian_io.read_dataset(folder + "/county." + ext)
        out[ext] = (dataset.provenance,
                    list(dangjian_io.dataset_to_records(dataset)))
    return out


def write_records(folder, header, records):
    """Writes `records` as a record stream, JSON Lines and a Dataset."""
    dangjian_io.write_record_stream(folder + "/python.djr", records, header)
    dangjian_io.write_json_lines(folder + "/python.jsonl", records, header)
    dataset = dangjian_io.records_to_dataset(records, header)
    dangjian_io.write_dataset(folder + "/python.pb", dataset)
    dangjian_io.write_dataset(folder + "/python.json", dataset)


# --- Ledgers: CSV and Excel, with pandas ----------------------------------

def typed(frame, table):
    """Gives a ledger's columns their types: whole numbers Int64 (blank:
    <NA>), dates datetime64, months (党费交至) period[M], amounts and
    coordinates float64. Every other column stays text, so that ids, codes
    and resident IDs keep their leading zeros. A date column with a date
    known only to the month or year (2014-08, 2014) stays text too: pandas
    would read 2014-08 as 2014-08-01."""
    # Undo the writer's CSV-injection guard ('-12.50 is -12.50).
    frame = frame.replace(r"^'([=+\-@\t\r])", r"\1", regex=True)
    kinds = dangjian_io.ledger_column_kinds(table, frame.columns)
    for column, kind in kinds.items():
        if kind == "whole":
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
        elif kind == "date":
            if frame[column].dropna().astype(str).str.fullmatch(
                    r"\d{4}-\d{2}-\d{2}").all():
                frame[column] = pd.to_datetime(frame[column],
                                               format="%Y-%m-%d")
        elif kind == "month":
            # 2017-12; a year alone (2017: its December) or a full date stays
            # text, which pandas would read as January or lose the day of.
            if frame[column].dropna().astype(str).str.fullmatch(
                    r"\d{4}-\d{2}").all():
                frame[column] = pd.to_datetime(
                    frame[column], format="%Y-%m").dt.to_period("M")
        elif kind in ("amount", "decimal"):
            frame[column] = pd.to_numeric(frame[column]).astype("float64")
    return frame


def read_csv_ledgers(folder):
    """Returns {table: DataFrame} for the CSV ledgers in `folder`."""
    frames = {}
    for name in sorted(os.listdir(folder)):
        table = name[:-len(".csv")]
        if name.endswith(".csv") and table in dangjian_io.LEDGER_TABLES:
            frame = pd.read_csv(os.path.join(folder, name), dtype=str,
                                encoding="utf-8-sig", keep_default_na=False,
                                na_values=[""])
            frames[table] = typed(frame, table)
    return frames


def read_workbook(path):
    """Returns {table: DataFrame} for the sheets of an .xlsx workbook."""
    sheets = pd.read_excel(path, sheet_name=None, dtype=str,
                           keep_default_na=False, na_values=[""])
    return {table: typed(frame, table) for table, frame in sheets.items()
            if table in dangjian_io.LEDGER_TABLES}


def months_as_text(frame):
    """The frame with its period[M] columns as 2017-12 text (blank: NaN),
    which neither CSV nor a workbook would write so by itself."""
    frame = frame.copy()
    for column in frame.columns:
        if str(frame[column].dtype) == "period[M]":
            frame[column] = frame[column].dt.strftime("%Y-%m")
    return frame


def write_ledgers(frames, folder, workbook):
    """Writes {table: DataFrame} as CSV ledgers into `folder` and as one
    workbook, a sheet per table, in the cells dangjian reads."""
    os.makedirs(folder, exist_ok=True)
    frames = {table: months_as_text(frame) for table, frame in frames.items()}
    for table, frame in frames.items():
        frame.to_csv(os.path.join(folder, table + ".csv"), index=False,
                     encoding="utf-8-sig", date_format="%Y-%m-%d")
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for table, frame in frames.items():
            frame.to_excel(writer, sheet_name=table, index=False)


# --- All of it ------------------------------------------------------------

def main(folder):
    records = read_records(folder)
    for ext, (header, got) in records.items():
        print("county.%s: %d records" % (ext, len(got)))
    csv_frames = read_csv_ledgers(folder + "/ledgers")
    workbook_frames = read_workbook(folder + "/county.xlsx")
    for table, frame in csv_frames.items():
        print("ledgers/%s.csv: %d rows; county.xlsx: %d rows"
              % (table, len(frame), len(workbook_frames[table])))

    out = folder + "/python"
    os.makedirs(out, exist_ok=True)
    header, stream = records["djr"]
    write_records(out, header, stream)
    write_ledgers(csv_frames, out + "/ledgers", out + "/python.xlsx")
    print("wrote %s: python.djr, .jsonl, .pb, .json, ledgers/, .xlsx" % out)
    return records, csv_frames, workbook_frames


if __name__ == "__main__":
    main(sys.argv[1])
