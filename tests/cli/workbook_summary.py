#!/usr/bin/env python3
"""Prints what a workbook holds, as openpyxl (another program) reads it:
one line per sheet: name, rows, frozen cell, then the first data row.

Usage: workbook_summary.py FILE.xlsx
"""
import sys

import openpyxl


def main():
    wb = openpyxl.load_workbook(sys.argv[1], read_only=False)
    for ws in wb.worksheets:
        first = next(ws.iter_rows(min_row=2, max_row=2, values_only=True), ())
        print("\t".join([ws.title, str(ws.max_row), str(ws.freeze_panes)] +
                        ["" if v is None else str(v) for v in first]))


if __name__ == "__main__":
    main()
