#!/usr/bin/env bash
# Opens the HTML report in headless Chromium and checks what a reader sees:
# html_in_chromium.sh DANGJIAN WORK_DIR (WORK_DIR is removed and made anew).
#  - The DOM Chromium builds holds the charts and figures.
#  - Every Chinese character of the report is drawn as a glyph of its own, not as
#    the missing-glyph box, on screen (1280 px and A4's 794 px) and in print.
#    Chromium draws every character no font has as one and the same box, so a
#    page of boxes looks exactly like a copy with every Chinese character
#    replaced by U+E000, which no font has; the report must not. Rerun with the
#    Chinese fonts taken out (FONTCONFIG_FILE), these checks must fail.
#  - Nothing is wider than the window at 1280 px and at 794 px (A4 at 96 dpi),
#    and nothing hides content in a scroll or clip box (a chart in a scroll box
#    fits on screen but not on paper).
#  - Printed (--print-to-pdf), every page is A4.
#  - The year-over-year page (report --compare) fits both widths and prints
#    on A4 too.
# Exit 77 (skipped) when Chromium is not installed (Debian: apt-get install
# chromium; ./build.sh installs it). Without a Chinese font, Pillow or
# poppler-utils the checks that need them fail, naming the package to install.
set -u
bin=$(realpath "$1") work=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "chromium not found: skipped"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
work=$(pwd)
passed=0 failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
bad() { echo "not ok - $1"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# Headless Chromium on FILE of the work directory, with ARGS.
chrome() {  # FILE ARGS...
  local file=$1
  shift
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$(mktemp -d -p "$work")" "$@" "file://$work/$file" 2>/dev/null
}
# The DOM Chromium builds from FILE, serialized.
dom() { chrome "$1" --dump-dom; }
# A screenshot of FILE in a window of W x H px.
shot() {  # FILE W,H PNG
  chrome "$1" --window-size="$2" --screenshot="$work/$3" >/dev/null
}
# FILE printed to PDF, and the PDF's first page as a PNG at 96 dpi (x.pdf: x.png).
print_pdf() {  # FILE PDF
  chrome "$1" --no-pdf-header-footer --print-to-pdf="$work/$2" >/dev/null &&
    { ! command -v pdftoppm >/dev/null ||
      pdftoppm -r 96 -f 1 -l 1 -singlefile -png "$2" "${2%.pdf}" 2>/dev/null; }
}
count() { grep -o -- "$1" "$2" | wc -l; }

# Debian's python3: Pillow is a Debian package, and the python3 first on PATH
# may be another one without it.
py=/usr/bin/python3
[[ -x $py ]] || py=$(command -v python3 || echo python3)
py() { "$py" "$work/check.py" "$@"; }
# The Debian packages the screen and print checks need, when they are missing.
missing=" "
if command -v fc-list >/dev/null; then
  [[ -n $(fc-list :lang=zh family 2>/dev/null) ]] || missing+="fonts-noto-cjk "
else
  missing+="fontconfig "
fi
"$py" -c 'import PIL' 2>/dev/null || missing+="python3-pil "
command -v pdfinfo >/dev/null && command -v pdftoppm >/dev/null || missing+="poppler-utils "
needs() {  # PACKAGE...: fails, saying what to install, when one is missing
  local p
  for p; do
    [[ $missing != *" $p "* ]] || { echo "  needs $p: apt-get install $p"; return 1; }
  done
}

cat >check.py <<'PY'
"""html_in_chromium.sh's helper: the parts bash can't do (HTML, JSON, images)."""
import html, json, os, re, subprocess, sys

BOX, BOX2 = "\ue000", "\ue001"  # private use: no font draws them
CELL = 48  # px, a character's cell on the glyph page

# Appended to a copy of the report: the report itself stays script-free.
LAYOUT_SCRIPT = r"""<script>(function () {
  var de = document.documentElement, w = de.clientWidth;
  var out = {scrollWidth: de.scrollWidth, clientWidth: w, scrollHeight: de.scrollHeight,
             widest: null, past: [], hidden: []};
  function name(e) {
    var c = e.getAttribute('class');
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (c ? '.' + c.trim().split(/\s+/).join('.') : '');
  }
  function past(e) { return e.getBoundingClientRect().right > w + 0.5; }
  var all = [document.body].concat([].slice.call(document.body.getElementsByTagName('*')));
  all.forEach(function (e) {
    var p = e.parentElement;
    if (p.closest('svg')) return;  // a chart's insides: the svg itself counts
    var r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (!out.widest || r.width > out.widest.width)
      out.widest = {element: name(e), width: Math.round(r.width), right: Math.round(r.right)};
    if (past(e) && !past(p)) out.past.push(name(e) + ' (right edge ' + Math.round(r.right) + ')');
    if (e.tagName.toLowerCase() != 'svg' &&
        (s.overflowX != 'visible' && e.scrollWidth > e.clientWidth + 1 ||
         s.overflowY != 'visible' && e.scrollHeight > e.clientHeight + 1))
      out.hidden.push(name(e) + ' (' + e.scrollWidth + 'x' + e.scrollHeight + ' in ' +
                      e.clientWidth + 'x' + e.clientHeight + ')');
  });
  var pre = document.createElement('pre');
  pre.id = 'layout-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();</script>"""


def chinese(c):
    o = ord(c)
    return (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3FFFF or 0x3001 <= o <= 0x303F
            or 0xFF01 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFE6)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def report_chars(page):
    return sorted({c for c in read(page) if chinese(c)})


def glyph_page(page, out, cells_json):
    """A page of every Chinese character of PAGE in PAGE's body font, normal and
    bold, after U+E000 and U+E001; prints the window size that shows it all."""
    src = read(page)
    m = re.search(r"\bbody\s*\{[^}]*?font-family\s*:\s*([^;}]+)", src)
    fonts = m.group(1).strip() if m else "sans-serif"
    m = re.search(r'<html[^>]*\blang="([^"]*)"', src)
    lang = m.group(1) if m else "zh-CN"
    chars = [BOX, BOX2] + report_chars(page)
    cols, rows = 24, (len(chars) + 23) // 24
    cells, divs = [], []
    for w, weight in enumerate(("normal", "bold")):
        for i, c in enumerate(chars):
            x, y = i % cols * CELL, (w * rows + i // cols) * CELL
            cells.append((c, weight, x, y))
            divs.append(f'<div class="{weight}" style="left:{x}px;top:{y}px">{c}</div>')
    write(out, f'<!DOCTYPE html><html lang="{html.escape(lang)}"><meta charset="utf-8">'
          f"<style>body{{margin:0;background:#fff;color:#000}}div{{position:absolute;"
          f"width:{CELL}px;height:{CELL}px;font:36px/{CELL}px {fonts}}}"
          ".normal{font-weight:normal}.bold{font-weight:bold}</style><body>"
          + "".join(divs) + "</body></html>\n")
    with open(cells_json, "w") as f:
        json.dump(cells, f)
    print(f"{cols * CELL},{2 * rows * CELL}")


def ink_mask(img):
    # A byte per pixel, 1 where it is dark: popcount(a ^ b) counts the pixels that differ.
    return int.from_bytes(bytes(1 if v < 128 else 0 for v in img.getdata()), "big")


def glyph_check(shot, cells_json):
    """Each character of the glyph page has ink, is not the box, and looks like no other."""
    from PIL import Image
    im = Image.open(shot).convert("L")
    with open(cells_json) as f:
        cells = json.load(f)
    good = True
    for weight in ("normal", "bold"):
        masks = [(c, ink_mask(im.crop((x, y, x + CELL, y + CELL))))
                 for c, w, x, y in cells if w == weight]
        (_, box), (_, box2), real = masks[0], masks[1], masks[2:]

        def alike(a, b):  # the same shape, give or take antialiasing
            return (a ^ b).bit_count() <= max(2, min(a.bit_count(), b.bit_count()) // 50)

        problems = []
        if not box.bit_count():
            problems.append("U+E000 (no font has it) draws nothing: boxes can't be told")
        elif not alike(box, box2):
            problems.append("U+E000 and U+E001 (no font has them) look different: "
                            "a box per code point")
        blank = "".join(c for c, m in real if not m.bit_count())
        boxes = "".join(c for c, m in real if m.bit_count() and alike(m, box))
        if blank:
            problems.append(f"{len(blank)} draw nothing: {blank[:40]}")
        if boxes:
            problems.append(f"{len(boxes)} are the missing-glyph box: {boxes[:40]}")
        glyphs = [(c, m) for c, m in real if m.bit_count() and not alike(m, box)]
        closest, same = None, []
        for i, (c, m) in enumerate(glyphs):
            for d, n in glyphs[i + 1:]:
                diff = (m ^ n).bit_count()
                if closest is None or diff < closest[0]:
                    closest = (diff, c + d)
                if alike(m, n):
                    same.append(c + d)
        if same:
            problems.append(f"{len(same)} pairs look alike: {' '.join(same[:20])}")
        print(f"  {weight}: {len(real)} characters, the box {box.bit_count()} ink px"
              + (f", closest pair {closest[1]} {closest[0]} px apart" if closest else ""))
        for p in problems:
            print(f"  {weight}: {p}")
        good = good and not problems
    return good


def boxed(page, out):
    """PAGE with every Chinese character replaced by U+E000: PAGE without a Chinese font."""
    write(out, "".join(BOX if chinese(c) else c for c in read(page)))


def compare(real, boxes):
    """REAL differs from BOXES in at least 5% as many pixels as REAL has ink."""
    from PIL import Image, ImageChops
    a = Image.open(real).convert("L")
    b = Image.new("L", a.size, 255)
    b.paste(Image.open(boxes).convert("L"), (0, 0))
    ink = a.point(lambda v: 255 if v < 128 else 0).histogram()[255]
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 64 else 0).histogram()[255]
    print(f"  {a.size[0]}x{a.size[1]} px, {ink} ink px, {diff} px differ from the boxed copy "
          f"({100 * diff / max(ink, 1):.1f}% of the ink; needs 5%)")
    return ink > 0 and diff >= 0.05 * ink


def fonts_conf(page, out):
    """A fonts.conf with every installed font but those with a Chinese character of PAGE."""
    want = {ord(c) for c in report_chars(page)}
    fonts = subprocess.run(["fc-list", "--format", r"%{file}\t%{charset}\n"], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    left_out, kept = set(), set()
    for line in fonts:
        path, _, charset = line.partition("\t")
        covers = False
        for r in charset.split():
            lo, _, hi = r.partition("-")
            lo, hi = int(lo, 16), int(hi or lo, 16)
            if any(lo <= o <= hi for o in want):
                covers = True
                break
        (left_out if covers else kept).add(path)
    now = os.path.abspath(os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf"))
    write(out, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
          f'<fontconfig>\n  <include ignore_missing="yes">{html.escape(now)}</include>\n'
          "  <selectfont><rejectfont>\n"
          + "".join(f"    <glob>{html.escape(p)}</glob>\n" for p in sorted(left_out))
          + "  </rejectfont></selectfont>\n</fontconfig>\n")
    print(f"  {len(kept)} font files kept, {len(left_out)} with Chinese left out")


def layout_page(page, out):
    """A copy of PAGE that writes what its layout measures into the DOM."""
    src = read(page)
    at = src.rfind("</body>")
    write(out, src[:at] + LAYOUT_SCRIPT + src[at:] if at >= 0 else src + LAYOUT_SCRIPT)


def layout(dom):
    m = re.search(r'<pre id="layout-check">(.*?)</pre>', read(dom), re.S)
    return json.loads(html.unescape(m.group(1))) if m else None


def height(dom):
    """The page's height, for a window that shows all of it."""
    print(layout(dom)["scrollHeight"])


def layout_check(dom):
    """Nothing is wider than the window, nothing hides content in a scroll box."""
    m = layout(dom)
    if not m:
        print("  the layout script did not run")
        return False
    w = m["widest"]
    print(f"  scrollWidth={m['scrollWidth']} clientWidth={m['clientWidth']} "
          f"scrollHeight={m['scrollHeight']}; widest: {w['element']}, {w['width']} px, "
          f"right edge {w['right']}")
    for e in m["past"][:10]:
        print(f"  past the right edge: {e}")
    for e in m["hidden"][:10]:
        print(f"  hides content in a scroll or clip box: {e}")
    return m["scrollWidth"] <= m["clientWidth"] and not m["past"] and not m["hidden"]


def pdf_a4(pdf):
    """Every page of PDF is A4, 595.28 x 841.89 pt."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", pdf], capture_output=True,
                          text=True).stdout
    sizes = [(float(w), float(h)) for w, h in
             re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]
    print(f"  {len(sizes)} pages: " + ", ".join(sorted({f"{w} x {h} pt" for w, h in sizes})))
    return bool(sizes) and all(abs(w - 595.28) < 2 and abs(h - 841.89) < 2 for w, h in sizes)


COMMANDS = {"glyph-page": glyph_page, "glyph-check": glyph_check, "boxed": boxed,
            "compare": compare, "fonts-conf": fonts_conf, "layout-page": layout_page,
            "height": height, "layout-check": layout_check, "pdf-a4": pdf_a4}

if __name__ == "__main__":
    sys.exit(0 if COMMANDS[sys.argv[1]](*sys.argv[2:]) in (None, True) else 1)
PY

# Checks a report page of the Keshiketeng scenario by township; returns how
# many checks failed.
check_page() {  # DOM_FILE
  local d=$1 f=0
  for id in chart-targets chart-stars chart-funding chart-six-haves; do
    grep -q "<svg id=\"$id\"" "$d" || { echo "  missing svg#$id"; f=$((f + 1)); }
  done
  # Total and 23 townships, a bar per target.
  for t in 1 2 3 4; do
    [[ $(count "class=\"bar t$t\"" "$d") -eq 24 ]] || { echo "  bars of target $t"; f=$((f + 1)); }
  done
  [[ $(count 'class="bar star' "$d") -eq 6 ]] || { echo "  star bars"; f=$((f + 1)); }
  [[ $(count 'class="bar fund' "$d") -eq 5 ]] || { echo "  funding bars"; f=$((f + 1)); }
  [[ $(count 'class="bar have' "$d") -eq 7 ]] || { echo "  six-haves bars"; f=$((f + 1)); }
  grep -q 'id="worklist-4"' "$d" || { echo "  worklists"; f=$((f + 1)); }
  return $f
}

"$bin" generate -q --scenario keshiketeng-2014 -o k.djr || exit 2
"$bin" report -q --year 2014 --group-by township --format html -o zh.html k.djr
dom zh.html >zh.dom
check "Chromium builds a DOM from the Chinese page" '[[ -s zh.dom ]] && grep -q "<body" zh.dom'
check "it holds the four charts with a bar per target per township" 'check_page zh.dom'
check "the headline cards: 116 / 116 standalone, full coverage" \
  'grep -q "116 / 116" zh.dom && grep -A3 "card-full-coverage" zh.dom | grep -q "是"'
check "the star distribution: 12 five-star, 15 four-star" \
  'grep -q ">12</text>" zh.dom && grep -q ">15</text>" zh.dom'
check "the 红山水泥 funding" 'grep -q "100,000.00 元" zh.dom'
check "the six haves: 103 of 123 venues" 'grep -q "83.7% (103/123)" zh.dom'
check "every figure table: 7,000 units" 'grep -q "<td>7,000</td>" zh.dom'
check "nothing loaded from elsewhere" '! grep -Eq "<script|<link|src=" zh.dom'

"$bin" report -q --year 2014 --group-by township --format html --lang en -o en.html k.djr
dom en.html >en.dom
check "the English page holds the charts too" 'check_page en.dom && grep -q "found where possible" en.dom'

# The same checks fail on a page without the charts: the text report.
"$bin" report -q --year 2014 --group-by township --format text -o text.html k.djr
dom text.html >text.dom
check "the checks fail on a page without charts" '! check_page text.dom >/dev/null'

# --- What a reader sees: the width ---------------------------------------------------
# A small page with both faults: a 900 px chart, and a chart in a scroll box.
cat >wide.html <<'EOF'
<!DOCTYPE html><html><body><svg id="wide" width="900" height="40"></svg>
<div id="scroll" style="width:400px;overflow-x:auto"><svg width="600" height="40"></svg></div>
</body></html>
EOF
py layout-page zh.html zh-layout.html && py layout-page wide.html wide-layout.html
chrome zh-layout.html --window-size=1280,800 --dump-dom >zh-1280.dom &
chrome zh-layout.html --window-size=794,1123 --dump-dom >zh-794.dom &
chrome wide-layout.html --window-size=794,1123 --dump-dom >wide.dom &
wait
check "at 1280 px nothing is wider than the window or hidden in a scroll box" \
  'py layout-check zh-1280.dom'
check "at A4 width, 794 px, neither" 'py layout-check zh-794.dom'
check "the width check fails on a 900 px chart and on a chart in a scroll box" \
  '! py layout-check wide.dom >wide.txt && grep -q "edge: svg#wide" wide.txt &&
   grep -q "box: div#scroll" wide.txt'

# --- What a reader sees: Chinese glyphs, not boxes -----------------------------------
py boxed zh.html zh-boxed.html
size=$(py glyph-page zh.html glyphs.html glyphs.json)
# Every installed font but those with the report's Chinese characters.
[[ $missing == *" fontconfig "* ]] || py fonts-conf zh.html nocjk.conf
nocjk_shot() { [[ -s nocjk.conf ]] && FONTCONFIG_FILE="$work/nocjk.conf" shot "$@"; }
shot glyphs.html "$size" glyphs.png &
nocjk_shot glyphs.html "$size" glyphs-nocjk.png &
wait
for w in 1280 794; do  # a window as tall as the page: the screenshot shows all of it
  h=$(py height "zh-$w.dom" 2>/dev/null || echo 1123)
  shot zh.html "$w,$h" "zh-$w.png" &
  shot zh-boxed.html "$w,$h" "zh-boxed-$w.png" &
  nocjk_shot zh.html "$w,$h" "zh-nocjk-$w.png" &
  wait
done
check "every Chinese character of the report is a glyph of its own, normal and bold" \
  'needs python3-pil fonts-noto-cjk && py glyph-check glyphs.png glyphs.json'
check "at 1280 px the report is not its copy with boxes" \
  'needs python3-pil fonts-noto-cjk && py compare zh-1280.png zh-boxed-1280.png'
check "at 794 px neither" \
  'needs python3-pil fonts-noto-cjk && py compare zh-794.png zh-boxed-794.png'
check "without the Chinese fonts the glyph check fails" \
  'needs fontconfig python3-pil && [[ -s glyphs-nocjk.png ]] &&
   ! py glyph-check glyphs-nocjk.png glyphs.json'
check "without them the report at 1280 px is its copy with boxes: that check fails" \
  'needs fontconfig python3-pil && [[ -s zh-nocjk-1280.png && -s zh-boxed-1280.png ]] &&
   ! py compare zh-nocjk-1280.png zh-boxed-1280.png'
check "at 794 px too" \
  'needs fontconfig python3-pil && [[ -s zh-nocjk-794.png && -s zh-boxed-794.png ]] &&
   ! py compare zh-nocjk-794.png zh-boxed-794.png'

# --- What a reader sees: on paper -----------------------------------------------------
print_pdf zh.html zh.pdf &
print_pdf zh-boxed.html zh-boxed.pdf &
wait
check "Chromium prints the report to PDF" '[[ $(head -c 5 zh.pdf 2>/dev/null) == %PDF- ]]'
check "every printed page is A4 (595 x 842 pt)" 'needs poppler-utils && py pdf-a4 zh.pdf'
check "printed, page 1 is not its copy with boxes" \
  'needs poppler-utils python3-pil fonts-noto-cjk && py compare zh.png zh-boxed.png'

# --- The year-over-year page: the same width and paper checks ------------------------
"$bin" report -q --year 2013 --group-by township --partial -o k13.json k.djr
"$bin" report -q --year 2014 --group-by township --compare k13.json -o cmp.html k.djr
py layout-page cmp.html cmp-layout.html
chrome cmp-layout.html --window-size=1280,800 --dump-dom >cmp-1280.dom &
chrome cmp-layout.html --window-size=794,1123 --dump-dom >cmp-794.dom &
print_pdf cmp.html cmp.pdf &
wait
check "the year-over-year page fits 1280 px and 794 px" \
  'grep -q "id=\"chart-targets-compare\"" cmp-1280.dom && py layout-check cmp-1280.dom &&
   py layout-check cmp-794.dom'
check "printed, every page of it is A4" 'needs poppler-utils && py pdf-a4 cmp.pdf'

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
