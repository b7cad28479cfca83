#!/usr/bin/env python3
"""Turns a folder of CSV ledgers into one Excel workbook, a sheet per file, as
an officer who pastes the ledgers into Excel gets it: text in the shared string
table, numbers as numbers, dates as serial numbers in a date-formatted cell, a
title row merged above each header. Resident IDs and other long digit strings
stay text (typed with a leading apostrophe), as a careful officer keeps them.
Python's standard library only (zipfile); the parts are written as they are
made, so a ledger of millions of rows does not sit in memory as XML.

usage: make_workbook.py CSV_FOLDER OUT.xlsx [--no-title] [--inline]
"""
import csv
import datetime
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
NUMBER = re.compile(r'-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?$')
DATE = re.compile(r'([0-9]{4})-([0-9]{2})-([0-9]{2})$')
EPOCH = datetime.date(1899, 12, 30)
SHEET_NAMES = {
    'regions': '区域', 'grids': '网格', 'host_organizations': '单位',
    'party_organizations': '党组织', 'venues': '活动场所', 'funding': '经费',
    'members': '党员', 'activities': '活动', 'star_assessments': '星级评定',
}


def column_letters(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main(argv):
    args = [a for a in argv[1:] if not a.startswith('--')]
    title = '--no-title' not in argv
    inline = '--inline' in argv
    folder, out = args
    files = sorted(f for f in os.listdir(folder) if f.endswith('.csv'))
    shared, order = {}, []

    def string_cell(ref, text):
        if inline:
            return ('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s'
                    '</t></is></c>' % (ref, escape(text)))
        i = shared.get(text)
        if i is None:
            i = shared[text] = len(order)
            order.append(text)
        return '<c r="%s" t="s"><v>%d</v></c>' % (ref, i)

    def cell(ref, text):
        if text == '':
            return ''
        m = DATE.match(text)
        if m:
            d = datetime.date(int(m[1]), int(m[2]), int(m[3]))
            return '<c r="%s" s="1"><v>%d</v></c>' % (ref, (d - EPOCH).days)
        if NUMBER.match(text):
            return '<c r="%s"><v>%s</v></c>' % (ref, text)
        return string_cell(ref, text)

    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        names = []
        for n, f in enumerate(files, 1):
            stem = f[:-4]
            names.append(SHEET_NAMES.get(stem, stem))
            with open(os.path.join(folder, f), encoding='utf-8-sig',
                      newline='') as src, \
                    z.open('xl/worksheets/sheet%d.xml' % n, 'w',
                           force_zip64=True) as part:
                w = lambda s: part.write(s.encode('utf-8'))
                w('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<worksheet xmlns="%s"><sheetData>' % NS)
                r = 0
                width = 1
                header = True
                for row in csv.reader(src):
                    if r == 0 and title:
                        r = 1
                        w('<row r="1">%s</row>' %
                          string_cell('A1', names[-1] + '台账'))
                    r += 1
                    width = max(width, len(row))
                    w('<row r="%d">' % r)
                    for i, text in enumerate(row):
                        ref = '%s%d' % (column_letters(i), r)
                        # The header row is text.
                        w(string_cell(ref, text) if (header and text)
                          else cell(ref, text))
                    w('</row>')
                    header = False
                w('</sheetData>')
                if title:
                    w('<mergeCells count="1"><mergeCell ref="A1:%s1"/>'
                      '</mergeCells>' % column_letters(width - 1))
                w('</worksheet>')
        sheets = ''.join(
            '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(s), i, i)
            for i, s in enumerate(names, 1))
        z.writestr('xl/workbook.xml',
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s"'
                   ' xmlns:r="%s"><sheets>%s</sheets></workbook>'
                   % (NS, REL, sheets))
        rels = ''.join(
            '<Relationship Id="rId%d" Type="%s/worksheet" '
            'Target="worksheets/sheet%d.xml"/>' % (i, REL, i)
            for i in range(1, len(names) + 1))
        rels += ('<Relationship Id="rIdS" Type="%s/sharedStrings" '
                 'Target="sharedStrings.xml"/><Relationship Id="rIdY" '
                 'Type="%s/styles" Target="styles.xml"/>' % (REL, REL))
        z.writestr('xl/_rels/workbook.xml.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                   'xmlns="%s">%s</Relationships>' % (PKG, rels))
        z.writestr('_rels/.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                   'xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument"'
                   ' Target="xl/workbook.xml"/></Relationships>' % (PKG, REL))
        z.writestr('xl/styles.xml',
                   '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns='
                   '"%s"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId='
                   '"14" applyNumberFormat="1"/></cellXfs></styleSheet>' % NS)
        with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as part:
            part.write(('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s"'
                        ' uniqueCount="%d">' % (NS, len(order))).encode())
            for s in order:
                part.write(('<si><t xml:space="preserve">%s</t></si>'
                            % escape(s)).encode('utf-8'))
            part.write(b'</sst>')
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
                   'schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '</Types>')


if __name__ == '__main__':
    main(sys.argv)
