#!/usr/bin/env bash
# End-to-end tests of the dangjian CLI: cli_test.sh DANGJIAN WORK_DIR
# Each check prints "ok - ..." or "not ok - ..."; the last line counts them.
set -u
bin=$(realpath "$1") work=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
passed=0 failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
bad() { echo "not ok - $1"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
bom=$'\xEF\xBB\xBF'  # The UTF-8 byte order mark CSV output starts with in zh.

# Help and usage errors.
"$bin" --help >help.txt; check "--help exits 0 and lists the commands" \
  '[[ $? -eq 0 ]] && grep -q generate help.txt && grep -q convert help.txt'
"$bin" help report >help_report.txt && "$bin" report --help >report_help.txt
check "help COMMAND is COMMAND --help" '[[ -s help_report.txt ]] && cmp -s help_report.txt report_help.txt'
"$bin" help nosuch 2>err.txt
check "help of no command exits 2 and says so" '[[ $? -eq 2 ]] && grep -q "no command .nosuch." err.txt'
"$bin" help --man >dangjian.1
if command -v groff >/dev/null; then
  check "the man page renders without a warning, every command in it" \
    '[[ -z $(groff -man -Tutf8 -ww -z dangjian.1 2>&1) ]] && [[ $(groff -man -Tutf8 -P-cbu dangjian.1 2>/dev/null | grep -c "^   [a-z]*$") -ge 5 ]]'
fi
"$bin" help --bash-completion >completion.bash
complete_words() {  # completes the words given, the last one being typed
  bash -c 'source ./completion.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dangjian; echo "${COMPREPLY[*]}"' _ "$@"
}
touch kompletion-file.djr "kompletion 台账 2017.xlsx"
count_words() {  # how many completions the words give
  bash -c 'source ./completion.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dangjian; echo "${#COMPREPLY[@]}"' _ "$@"
}
check "bash completion: a file name with spaces is one word" \
  '[[ $(count_words dangjian validate "kompletion 台") -eq 1 && $(count_words dangjian validate kompletion) -eq 2 ]]'
"$bin" help --help >help_help.txt
check "help --help is the program's help" '[[ $? -eq 0 ]] && cmp -s help_help.txt help.txt'
check "bash completion: commands, flags, and file names where a file goes" \
  '[[ $(complete_words dangjian rep) == report && $(complete_words dangjian report --worklist-c) == --worklist-cap && $(complete_words dangjian help val) == validate && $(complete_words dangjian report -o kompletion-) == kompletion-file.djr && -z $(complete_words dangjian report --lang kompletion) ]]'
"$bin" bogus 2>err.txt; check "an unknown command exits 2 with a message" \
  '[[ $? -eq 2 ]] && grep -q "unknown command" err.txt'
"$bin" report --bogus x 2>err.txt; check "an unknown option exits 2 and names it" \
  '[[ $? -eq 2 ]] && grep -q -- "--bogus" err.txt'
for c in generate validate report merge convert; do
  "$bin" $c --help >h.txt; check "$c --help has an example" '[[ $? -eq 0 ]] && grep -q Example h.txt'
done

# generate: deterministic, one stream per county.
"$bin" generate -q --units 3000 --units-per-county 1000 -o a/; rc=$?
check "generate into a folder writes one stream per county" '[[ $rc -eq 0 && $(ls a/*.djr | wc -l) -eq 3 ]]'
"$bin" generate -q --units 3000 --units-per-county 1000 -o b/
check "same seed, same bytes" 'diff -r a b >/dev/null'
"$bin" generate -q --units 3000 --units-per-county 1000 --threads 1 -o a1/
"$bin" generate -q --units 3000 --units-per-county 1000 --threads 3 -o a3/
check "same bytes on 1 and 3 threads" 'diff -r a a1 >/dev/null && diff -r a a3 >/dev/null'
"$bin" generate -q --units 3000 --units-per-county 1000 --faults 0.05 -j 1 -o f1/
"$bin" generate -q --units 3000 --units-per-county 1000 --faults 0.05 -j 2 -o f2/
check "same faults on 1 and 2 threads" 'diff -r f1 f2 >/dev/null'
"$bin" generate -q --units 3000 --units-per-county 1000 --faults 0.05 -j 1 -o one1.djr
"$bin" generate -q --units 3000 --units-per-county 1000 --faults 0.05 -j 2 -o one2.djr
check "one file: same bytes on 1 and 2 threads" 'cmp -s one1.djr one2.djr'
"$bin" generate -q --units 3000 --threads -1 -o t/ 2>err.txt
check "generate refuses --threads -1, creating nothing" '[[ $? -eq 2 ]] && grep -q -- --threads err.txt && [[ ! -e t ]]'
"$bin" generate -q --units 3000 --units-per-county 1000 --seed 2 -o c/
check "another seed, other bytes" '! diff -r a c >/dev/null'
"$bin" generate -q --units 0 -o z/ 2>err.txt
check "generate refuses 0 units" '[[ $? -eq 2 ]] && grep -q host_organizations err.txt'

# validate: clean data has no ERROR; planted faults are found, IDs never whole.
"$bin" validate -q --as-of 2017-12-31 a/ >v.txt; rc=$?
check "clean generated data validates with exit 0" '[[ $rc -eq 0 ]] && grep -q "：错误 0 条，" v.txt'
"$bin" validate -q --lang en a/ >va.txt; rc=$?
check "validate takes the as-of date of the stream header" '[[ $rc -eq 0 ]] && grep -q "0 errors" va.txt && ! grep -q member.probation.overdue va.txt'
"$bin" validate -q --as-of 2030-01-01 a/ >vt.txt
check "--as-of overrides the header" 'grep -q member.probation.overdue vt.txt'
"$bin" generate -q --units 3000 --units-per-county 1000 --faults 0.05 -o f/
"$bin" validate -q --as-of 2017-12-31 f/ >vf.txt; rc=$?
check "planted faults give exit 1" '[[ $rc -eq 1 ]]'
check "planted faults are found by rule" 'grep -q "member.national_id" vf.txt && grep -q "funding" vf.txt'
check "no resident ID is printed whole" '[[ -s vf.txt ]] && ! grep -Eq "[0-9]{17}[0-9X]" vf.txt'
"$bin" validate -q --as-of 2017-12-31 --format csv -o vf.csv f/; rc=$?
check "csv findings with a BOM and a Chinese header row" '[[ $rc -eq 1 ]] && head -1 vf.csv | grep -q "^${bom}文件,行号,记录序号,严重程度,规则标识,"'
check "csv findings in Chinese: severity, kind, message and rule title" \
  'grep -q ",错误,member.national_id.checksum,党员,.*校验码错误，可能有数字录错,,0,公民身份号码校验码错误" vf.csv'
"$bin" validate -q --as-of 2017-12-31 --format csv --no-bom -o vfn.csv f/
check "validate --no-bom: the header first" 'head -1 vfn.csv | grep -q "^文件,行号"'
"$bin" validate -q --as-of 2017-12-31 --format csv --lang en -o vfe.csv f/
check "validate --lang en: English CSV with the BOM, the rule title last" \
  'head -1 vfe.csv | grep -q "^${bom}file,line,record_index,severity,rule_id,record_kind,record_id,field,message,sheet,column,rule_title" && grep -q ",ERROR,member.national_id.checksum,member,.*wrong check character.*,resident ID check character" vfe.csv'
"$bin" validate -q --as-of 2017-12-31 --lang fr f/ >/dev/null 2>err.txt
check "validate --lang fr is refused" '[[ $? -eq 2 ]] && grep -q "zh or en" err.txt'
"$bin" validate -q --format json f/ >vf.json
check "json findings" 'grep -q "\"ruleId\"" vf.json'
first=$(ls a/*.djr | head -1)
head -c 20000 "$first" >truncated.djr
"$bin" validate -q truncated.djr >vt.txt 2>&1; rc=$?
check "a truncated stream exits 2 and says where" '[[ $rc -eq 2 ]] && grep -q "truncated.djr) could not be read whole" vt.txt && grep -qi "offset" vt.txt && grep -q "bytes not read" vt.txt'
"$bin" validate -q --allow-damaged truncated.djr >vt.txt 2>vt.err; rc=$?
check "validate --allow-damaged lists io.read and exits 3" '[[ $rc -eq 3 ]] && grep -q "io.read" vt.txt && grep -q "damaged input" vt.err'
rm -f cut.jsonl
"$bin" convert -q truncated.djr cut.jsonl 2>conv.err; rc=$?
check "convert of a truncated stream exits 2 and leaves no output" '[[ $rc -eq 2 && ! -e cut.jsonl && ! -e cut.jsonl.tmp ]] && grep -q "was not written" conv.err'
"$bin" report -q --year 2017 truncated.djr >rt.txt 2>rt.err; rc=$?
check "report of a truncated stream exits 2 and writes nothing" '[[ $rc -eq 2 && ! -s rt.txt ]] && grep -q "could not be read whole" rt.err'
"$bin" report -q --year 2017 --allow-damaged --partial -o rt.damaged-partial.pb truncated.djr 2>/dev/null; rc=$?
"$bin" merge rt.damaged-partial.pb >rt.txt 2>rt.err; rc2=$?
"$bin" merge --allow-damaged rt.damaged-partial.pb >rt.txt 2>/dev/null; rc3=$?
check "a partial of damaged input is marked, and merge refuses it unless allowed" '[[ $rc -eq 3 && $rc2 -eq 2 && $rc3 -eq 3 ]] && grep -q "damaged input" rt.err && grep -q "受损文件" rt.txt'
printf '{"member":{"id":"m1","bogus":1}}\n' >unknown_key.jsonl
"$bin" report -q --year 2017 unknown_key.jsonl >rt.txt 2>rt.err; rc=$?
check "a JSON Lines line that is not a record fails the report" '[[ $rc -eq 2 && ! -s rt.txt ]] && grep -q "unknown_key.jsonl:1" rt.err'
"$bin" report -q --year 2017 f/ >rf.txt; rc=$?
check "report exits 1 when the data has ERROR findings" '[[ $rc -eq 1 ]] && grep -q "校验发现" rf.txt'
"$bin" report -q --year 2017 --no-validate f/ >/dev/null; rc=$?
check "report --no-validate exits 0 on the same data" '[[ $rc -eq 0 ]]'

# report and merge: the partials of the shards merge to the whole report.
"$bin" report -q --year 2017 --format json -o whole.json a/; rc=$?
check "report over a folder" '[[ $rc -eq 0 ]] && grep -q "\"targets\"\|\"target" whole.json'
for f in a/*.djr; do
  "$bin" report -q --year 2017 --partial -o "$(basename "$f" .djr).partial.pb" "$f" || bad "partial of $f"
done
"$bin" merge --format json -o merged.json *.partial.pb; rc=$?
check "merging the county partials equals the whole report" '[[ $rc -eq 0 ]] && cmp -s whole.json merged.json'
# The same shard twice: a partial and a partial of its copy, or a copy of
# the county among the shards of one report.
first=$(ls a/*.djr | head -1)
cp "$first" copy-of-county.djr
"$bin" report -q --year 2017 --partial -o copy.partial.json copy-of-county.djr
"$bin" merge -o twice.txt *.partial.pb copy.partial.json 2>err.txt; rc=$?
check "merge refuses two partials of one shard, naming both files" \
  '[[ $rc -eq 2 && ! -e twice.txt ]] && grep -q "a shard counted twice" err.txt && grep -q "copy-of-county.djr" err.txt && grep -q "$first" err.txt'
"$bin" report -q --year 2017 -o twice.txt a/ copy-of-county.djr 2>err.txt; rc=$?
check "report refuses a copy of a shard among its inputs" \
  '[[ $rc -eq 2 && ! -e twice.txt ]] && grep -q "a shard counted twice" err.txt'
"$bin" report -q --year 2017 --lang en a/ >en.txt
check "an English text report" 'grep -q "target 1" en.txt'
"$bin" report -q --year 2017 a/ >zh.txt
check "a Chinese text report" 'grep -q "目标1" zh.txt'
"$bin" report -q a/ 2>err.txt
check "report without --year says so" '[[ $? -eq 2 ]] && grep -q -- "--year" err.txt'
"$bin" report -q --year 2017 --group-by county --format json a/ >g.json
check "group by county" '[[ $(grep -c "\"regionId\"" g.json) -ge 3 ]]'

# convert: stream -> JSON Lines -> stream keeps every record; CSV masks IDs.
"$bin" convert -q "$first" one.jsonl && "$bin" convert -q one.jsonl one.djr &&
  "$bin" convert -q one.djr two.jsonl
check "stream -> jsonl -> stream -> jsonl is lossless" 'cmp -s one.jsonl two.jsonl'
check "JSON Lines has one record a line" '[[ $(wc -l <one.jsonl) -gt 1000 ]]'
"$bin" convert -q "$first" ledgers/ 2>conv.txt; rc=$?
check "convert to CSV ledgers writes one file per table" '[[ -f ledgers/members.csv && -f ledgers/host_organizations.csv ]]'
check "every kind has a ledger, every field a column: exit 0" \
  '[[ $rc -eq 0 && -f ledgers/cadre_assignments.csv && -f ledgers/region_economies.csv ]] && ! grep -q "written without" conv.txt && ! grep -q "were not written" conv.txt && grep -q "党员示范岗" ledgers/members.csv && grep -q "书记：" ledgers/party_organizations.csv'
"$bin" convert -q --full-fidelity "$first" fled/ 2>/dev/null
"$bin" convert -q --full-fidelity "$first" fled.xlsx 2>/dev/null
"$bin" convert -q fled.xlsx fled.djr 2>/dev/null
"$bin" convert -q --full-fidelity fled.djr fled2/ 2>/dev/null
check "stream -> workbook -> stream -> ledgers gives the same ledgers" 'diff -r fled fled2 >/dev/null'
"$bin" report -q --no-validate --year 2017 --format csv "$first" >rs.csv
"$bin" report -q --no-validate --year 2017 --format csv fled/ >rl.csv
check "the ledgers report every figure as the stream does" 'cmp -s rs.csv rl.csv && [[ $(wc -l <rs.csv) -gt 100 ]]'
printf '%s\n' '{"member":{"id":"m1","name":"张三","posts":[{"kind":"POST_KIND_DEMONSTRATION_POST","name":"质检；包装"}]}}' >semi.jsonl
"$bin" convert -q semi.jsonl semi/ 2>err.txt; rc=$?
check "a post whose name holds a separator is named and left out, exit 2" \
  '[[ $rc -eq 2 ]] && grep -q "written without member.posts" err.txt && ! grep -q "质检" semi/members.csv'
check "CSV ledgers mask resident IDs" '[[ -s ledgers/members.csv ]] && ! grep -Eq "[0-9]{17}[0-9X]" ledgers/members.csv'
"$bin" validate -q --as-of 2017-12-31 ledgers/members.csv >vcsv.txt; rc=$?
check "a masked CSV ledger is refused row by row, not crashed on" '[[ $rc -ne 0 ]] && grep -q "io.csv" vcsv.txt'

# The article's banner, report formats, and standard input/output.
"$bin" generate -q --scenario keshiketeng-2014 -o k.djr; rc=$?
check "generate --scenario keshiketeng-2014" '[[ $rc -eq 0 && -s k.djr ]]'
"$bin" generate -q --scenario keshiketeng-2014 -o k2.djr
check "keshiketeng-2014 is the same bytes every time" 'cmp -s k.djr k2.djr'
"$bin" generate -q --scenario keshiketeng-2014 --units 5 -o k3.djr 2>err.txt
check "keshiketeng-2014 refuses --units, naming it" '[[ $? -eq 2 ]] && grep -q -- "--units" err.txt'
"$bin" generate -q --scenario nowhere -o n.djr 2>err.txt
check "an unknown scenario lists the scenarios" '[[ $? -eq 2 ]] && grep -q "keshiketeng-2014" err.txt'
"$bin" report -q --year 2014 --lang en k.djr >k.txt
check "the banner's report: 98 + 18 standalone, full coverage" \
  'grep -q "standalone, non-public  *98$" k.txt && grep -q "standalone, social  *18$" k.txt && grep -q "full coverage: yes" k.txt'
check "text numbers have thousands separators and one-decimal rates" \
  'grep -Eq "^  units  +7,000$" k.txt && grep -Eq "target 1 found where possible +116 +116 +100[.]0% +0$" k.txt'
"$bin" report -q --year 2014 --group-by township --format csv -o k.csv k.djr; rc=$?
check "report --format csv: a BOM, a header and one row per figure per group" \
  '[[ $rc -eq 0 ]] && head -1 k.csv | grep -q "^${bom}group,region_id,figure,label,value,unit" && [[ $(grep -c ",targets.target_1.met," k.csv) -eq 25 ]]'
"$bin" report -q --year 2014 --format csv --no-bom -o kn.csv k.djr
"$bin" report -q --year 2014 --format csv --lang en -o ke.csv k.djr
check "report csv without a BOM: --no-bom, or --lang en" \
  'head -1 kn.csv | grep -q "^group,region_id" && head -1 ke.csv | grep -q "^group,region_id"'
check "csv rows end in CRLF" '[[ $(head -1 k.csv | tail -c 2 | od -An -tx1 | tr -d " ") == 0d0a ]]'
"$bin" report -q --year 2014 --group-by township --format html -o k.html k.djr; rc=$?
check "report --format html: one page with the four charts" \
  '[[ $rc -eq 0 ]] && grep -q "<svg id=\"chart-targets\"" k.html && grep -q "<svg id=\"chart-stars\"" k.html && grep -q "<svg id=\"chart-funding\"" k.html && grep -q "<svg id=\"chart-six-haves\"" k.html'
check "the html page loads nothing from elsewhere" '! grep -Eq "<script|<link|src=|https?://[a-z]" <(grep -v "xmlns=" k.html)'
"$bin" report -q --year 2014 --format pdf k.djr 2>err.txt
check "an unknown report format names the formats" '[[ $? -eq 2 ]] && grep -q "html" err.txt'
"$bin" report -q --year 2014 --partial -o k.partial.json k.djr
"$bin" merge --format html -o merged.html k.partial.json
check "merge --format html" 'grep -q "chart-targets" merged.html'
"$bin" report -q --year 2014 --reporting-unit 中共克什克腾旗委组织部 --made-on 2015-01-08 \
  --title 克什克腾旗党建统计 -o kh.html k.djr
check "report to hand up: title, reporting unit, data date, date made" \
  'grep -q "<h1>克什克腾旗党建统计</h1>" kh.html && grep -q "<dd>中共克什克腾旗委组织部</dd>" kh.html && grep -q "<dt>统计截止日期：</dt><dd>2014年12月31日</dd>" kh.html && grep -q "<dt>制表日期：</dt><dd>2015年1月8日</dd>" kh.html'
"$bin" merge --made-on 2015-01-09 --reporting-unit 赤峰市委组织部 -o merged.txt k.partial.json
check "merge: the partial's data date, the flags' unit and date" \
  'grep -q "填报单位: 赤峰市委组织部  统计截止日期: 2014年12月31日  制表日期: 2015年1月9日" merged.txt'
# Year over year: an earlier year's partial beside this year's report.
"$bin" generate -q --units 2000 --units-per-county 1000 --year 2016 --seed 3 -o y16/
"$bin" generate -q --units 2200 --units-per-county 1100 --year 2017 -o y17/
"$bin" report -q --year 2016 --group-by county --partial -o p16.json y16/
# Each year's units (the generator closes some of the units it writes: the
# units of the year and the closed ones make --units).
units_of() {  # YEAR DIR FIGURE
  "$bin" report -q --year "$1" --format csv --lang en "$2" |
    awk -F, -v f="units.$3" '$1 == "total" && $3 == f {print $(NF - 1)}'
}
u16=$(units_of 2016 y16/ total) u17=$(units_of 2017 y17/ total)
check "generate --units N writes N units, the closed ones among them" \
  '[[ $((u16 + $(units_of 2016 y16/ closed))) -eq 2000 && $((u17 + $(units_of 2017 y17/ closed))) -eq 2200 && $u16 -lt 2000 && $u17 -lt 2200 ]]'
"$bin" report -q --year 2017 --group-by county --compare p16.json y17/ >cmp.txt; rc=$?
check "report --compare: both years and the change, the total and each county" \
  '[[ $rc -eq 0 ]] && grep -q "^2017年度 与 2016年度 对比" cmp.txt && grep -Eq "^  单位总数 +$(printf "%d,%03d" $((u16 / 1000)) $((u16 % 1000))) +$(printf "%d,%03d" $((u17 / 1000)) $((u17 % 1000))) +\+$((u17 - u16))$" cmp.txt && [[ $(grep -c "^== " cmp.txt) -ge 3 ]]'
"$bin" report -q --year 2017 --group-by county --compare p16.json --format csv --lang en y17/ >cmp.csv
check "report --compare --format csv: earlier, later and change a row" \
  'grep -q "^total,,units.total,units,$u16,$u17,$((u17 - u16)),count" cmp.csv'
"$bin" report -q --year 2017 --group-by county --compare p16.json --reporting-unit 某县委组织部 -o cmp.html y17/; rc=$?
check "report --compare -o .html: a page of both years per county" \
  '[[ $rc -eq 0 ]] && grep -q "<h1>2017年度与2016年度对比" cmp.html && grep -q "<dd>某县委组织部</dd>" cmp.html && grep -q "id=\"chart-targets-compare\"" cmp.html && grep -q "id=\"compare-group-2\"" cmp.html'
"$bin" report -q --year 2017 --group-by county --compare p16.json -o cmp.xlsx y17/; rc=$?
check "report --compare -o .xlsx: both years' targets and figures as sheets" \
  '[[ $rc -eq 0 ]] && /usr/bin/python3 -c "
import openpyxl, sys
wb = openpyxl.load_workbook(\"cmp.xlsx\", read_only=True)
assert wb.sheetnames == [\"四个100%对比\", \"全部指标对比\"], wb.sheetnames
rows = list(wb[\"全部指标对比\"].iter_rows(values_only=True))
assert rows[0][4:] == (\"2016年\", \"2017年\", \"增减\"), rows[0]
total = [r for r in rows if r[0] == \"合计\" and r[3] == \"units.total\"]
assert total == [(\"合计\", None, \"单位总数\", \"units.total\", $u16, $u17, $((u17 - u16)))], total
"'
"$bin" report -q --year 2017 --compare p16.json --format pdf -o cmp.pdf y17/ 2>err.txt
check "report --compare --format pdf is refused, saying what works" '[[ $? -eq 2 ]] && grep -q "text, json, csv, html or xlsx" err.txt && [[ ! -e cmp.pdf ]]'
"$bin" report -q --year 2016 --compare p16.json y16/ 2>err.txt
check "report --compare of the same year is refused" '[[ $? -eq 2 ]] && grep -q "is not before" err.txt'
"$bin" report -q --year 2014 --made-on 2015-1-8 -o bad.html k.djr 2>err.txt
check "a --made-on that is no YYYY-MM-DD date exits 2" '[[ $? -eq 2 ]] && grep -q "made-on" err.txt && [[ ! -e bad.html ]]'
"$bin" report -q --year 2014 --made-on 2015-02-30 -o bad.html k.djr 2>err.txt
check "a --made-on of no calendar day exits 2" '[[ $? -eq 2 ]] && grep -q "not a calendar date" err.txt && [[ ! -e bad.html ]]'
"$bin" report -q --year 2014 --format json --reporting-unit "联系人 13812345678" -o kj.json k.djr
check "the reporting unit is masked in JSON too" '! grep -q 13812345678 kj.json && grep -q reportingUnit kj.json'
# Worklists people act on: complete, named, a file per township.
"$bin" report -q --year 2017 --format csv --lang en --worklist all.csv -o r.csv a/; rc=$?
short=$(grep -E "^total,,targets[.]target_[1-4][.]shortfall," r.csv | awk -F, '{s += $(NF - 1)} END {print s + 0}')
check "report --worklist FILE.csv lists every unit that falls short" \
  '[[ $rc -eq 0 && $short -gt 100 && $(($(wc -l <all.csv) - 1)) -eq $short ]] && head -1 all.csv | grep -q "target,region,township,name,id"'
"$bin" report -q --year 2017 --worklist-cap 2 --worklist capped.csv -o /dev/null a/
check "--worklist-cap still caps what --worklist writes" '[[ $(($(wc -l <capped.csv) - 1)) -le 8 ]]'
"$bin" report -q --year 2017 --worklist wl -o /dev/null a/; rc=$?
check "report --worklist FOLDER writes a CSV per township with a BOM" \
  '[[ $rc -eq 0 && $(ls wl/*.csv | wc -l) -gt 1 ]] && [[ $(head -c 3 "$(ls wl/*.csv | head -1)" | od -An -tx1 | tr -d " ") == efbbbf ]]'
check "the townships' files hold every unit, each named with its reason" \
  '[[ $(cat wl/*.csv | grep -vc "^.*目标,所属区域") -eq $short ]] && grep -hq "名正式党员" wl/*.csv'
"$bin" report -q --year 2017 --partial --worklist x.csv -o p.json a/ 2>err.txt
check "--worklist with --partial is refused, saying why" '[[ $? -eq 2 ]] && grep -q "merge --worklist" err.txt && [[ ! -e x.csv ]]'
"$bin" report -q --year 2017 --worklist-cap -1 a/ 2>err.txt
check "a negative --worklist-cap is refused" '[[ $? -eq 2 ]] && grep -q -- "--worklist-cap" err.txt'
# Townships whose names make one file name, and a phone number split across
# a county's and a township's names.
"$bin" generate -q --units 300 --units-per-county 300 --format jsonl -o - |
  sed -e 's/"name":"北京市第1市第1县第1镇"/"name":"开发区\/高新区"/' \
    -e 's/"name":"北京市第1市第1县第2镇"/"name":"开发区:高新区"/' \
    -e 's/"name":"北京市第1市第1县第3镇"/"name":"0013-8000镇"/' \
    -e 's/"name":"北京市第1市第1县"/"name":"某县138"/' >named.jsonl
"$bin" report -q --year 2017 --worklist one.csv -o /dev/null named.jsonl
"$bin" report -q --year 2017 --worklist named/ -o /dev/null named.jsonl; rc=$?
check "townships of one file name each get a file; no unit is lost" \
  '[[ $rc -eq 0 && $(ls named | grep -c "开发区_高新区") -eq 2 && $(cat named/*.csv | grep -vc "目标,所属区域") -eq $(($(wc -l <one.csv) - 1)) ]]'
check "a phone number split across region names is masked in a file name" \
  '! ls named | grep -q "138-0013-8000" && ls named | grep -q "8000镇"'
"$bin" report -q --year 2017 --worklist - a/ >out.txt 2>err.txt
check "--worklist - beside a report on standard output is refused" '[[ $? -eq 2 && ! -s out.txt ]] && grep -q "standard output" err.txt'
"$bin" report -q --year 2017 --worklist same.csv -o same.csv a/ 2>err.txt
check "--worklist naming the -o file is refused" '[[ $? -eq 2 && ! -e same.csv ]] && grep -q -- "-o file" err.txt'
cp -r a/ ain/
"$bin" report -q --year 2017 --worklist ain/wl -o /dev/null ain/ 2>err.txt
check "a --worklist folder inside an input folder is refused, making nothing" '[[ $? -eq 2 && ! -e ain/wl ]] && grep -q "inside the input" err.txt'
: >afile; "$bin" report -q --year 2017 --worklist afile -o rep2.txt a/ 2>err.txt
check "a --worklist folder that is a file fails before the report is written" '[[ $? -eq 2 && ! -e rep2.txt ]] && grep -q "cannot make the folder" err.txt'
# Workbooks out: the report and the worklists, read back by openpyxl.
"$bin" report -q --year 2017 --group-by township -o r.xlsx a/; rc=$?
/usr/bin/python3 "$src/tests/cli/workbook_summary.py" r.xlsx >r.xlsx.txt 2>&1
check "report -o FILE.xlsx writes a workbook another program reads" \
  '[[ $rc -eq 0 ]] && grep -q "^四个100%	[0-9]*	B2	合计		[0-9]" r.xlsx.txt && grep -q "^全部指标	" r.xlsx.txt && grep -q "^清单4 党的工作覆盖	13	E2	目标4" r.xlsx.txt'
"$bin" report -q --year 2017 --worklist wl.xlsx -o /dev/null a/; rc=$?
/usr/bin/python3 "$src/tests/cli/workbook_summary.py" wl.xlsx >wl.xlsx.txt 2>&1
check "report --worklist FILE.xlsx: a sheet per township, every unit" \
  '[[ $rc -eq 0 && $(wc -l <wl.xlsx.txt) -eq $(ls wl | wc -l) && $(awk -F"\t" "{s += \$2 - 1} END {print s}" wl.xlsx.txt) -eq $short ]]'
"$bin" report -q --year 2017 -o same2.xlsx --worklist ./same2.xlsx a/ 2>err.txt
check "--worklist naming the -o file another way is refused" '[[ $? -eq 2 && ! -e same2.xlsx ]] && grep -q -- "-o file" err.txt'
"$bin" report -q --year 2017 -o r3.xlsx --worklist ain/wl.xlsx ain/ 2>err.txt
check "a --worklist file inside an input folder is refused" '[[ $? -eq 2 && ! -e r3.xlsx && ! -e ain/wl.xlsx ]] && grep -q "inside the input" err.txt'
"$bin" report -q --year 2017 --format xlsx a/ >piped.xlsx
check "--format xlsx to a pipe writes the workbook" '[[ $(head -c 2 piped.xlsx) == PK ]]'
"$bin" generate -q --scenario keshiketeng-2014 -o - | "$bin" report -q --year 2014 --from djr --lang en - >piped.txt
check "generate -o - streams into report -" 'cmp -s k.txt piped.txt'
"$bin" generate -q --scenario keshiketeng-2014 --format jsonl -o - >k.jsonl
check "generate -o - --format jsonl writes JSON Lines" '[[ $(wc -l <k.jsonl) -eq 9126 ]] && head -1 k.jsonl | grep -q "^{\"region\""'
"$bin" generate -q --scenario keshiketeng-2014 --format pb -o - >/dev/null 2>err.txt
check "standard output refuses a whole-dataset format" '[[ $? -eq 2 ]] && grep -q "streaming" err.txt'
# The refusal comes from the writing thread while records keep coming: every
# run must end with exit 2, never a crash.
codes=""
for i in 1 2 3 4 5 6 7 8; do
  "$bin" generate -q -j 2 --scenario keshiketeng-2014 --format pb -o - >/dev/null 2>/dev/null
  codes+="$? "
done
check "a failing writer thread stops generate cleanly, every time" '[[ $codes == "2 2 2 2 2 2 2 2 " ]]'
"$bin" convert -q k.djr - >conv.jsonl
check "convert IN - writes JSON Lines to standard output" 'cmp -s k.jsonl conv.jsonl'
"$bin" convert -q --to djr k.djr - | "$bin" convert -q --from djr - back.jsonl
check "convert - to - round trip through a record stream" \
  'grep -v "^{\"header\"\|^{\"trailer\"" back.jsonl | cmp -s k.jsonl -'
# The stream header (provenance, as_of) survives every format with a place
# for it: converted back to a record stream, the bytes are the original's,
# and validate takes the as-of date from it again.
"$bin" validate -q --lang en k.djr >vk.txt
for e in jsonl pb json; do
  "$bin" convert -q k.djr "kh.$e" && "$bin" convert -q "kh.$e" "kh-$e.djr"
  check "convert .djr -> .$e -> .djr gives the original bytes" "cmp -s k.djr kh-$e.djr"
  "$bin" validate -q --lang en "kh-$e.djr" >"vkh-$e.txt"
  check "validate after the round trip through .$e counts as the original" \
    "grep -q ' 0 errors, 64 warnings, 0 notes' vk.txt && cmp -s vk.txt <(sed 's/kh-$e.djr/k.djr/g' vkh-$e.txt)"
done
check "convert to .jsonl writes a header line with the as-of date, a trailer last" \
  'head -1 kh.jsonl | grep -q "^{\"header\":.*\"asOf\":{\"year\":2014,\"month\":12,\"day\":31}" &&
   tail -1 kh.jsonl | grep -q "^{\"trailer\":{\"recordCount\":\"9126\"}}"'
check "convert to .json keeps the provenance" 'grep -q "\"asOf\":{\"year\":2014" kh.json'
"$bin" convert -q --from jsonl - kh-stdin.djr <kh.jsonl
check "a JSON Lines header read from standard input survives too" 'cmp -s k.djr kh-stdin.djr'
"$bin" report --year 2014 k.djr 2>progress.txt >/dev/null
check "no progress line when stderr is not a terminal" '[[ ! -s progress.txt ]]'

# Every input is read once: a pipe gives what the file gives (the defect: a
# CSV ledger piped in lost rows to a second open; --from pb - failed).
"$bin" convert -q --full-fidelity k.djr kled/ 2>/dev/null
tail -c +4 kled/members.csv >members-nobom.csv
"$bin" report -q --year 2014 members-nobom.csv >mfile.txt
cat members-nobom.csv | "$bin" report -q --year 2014 --from csv - >mpipe.txt
check "a CSV ledger without a BOM piped in reports as the file does" \
  'cmp -s mfile.txt mpipe.txt && grep -q "正式党员 *532" mpipe.txt'
# A subtotal row (合计) is normal in a ledger: a note, not an error.
cp -r kled ksub && printf '合计,,,,,,,,,7000\r\n' >>ksub/host_organizations.csv
"$bin" validate -q --as-of 2014-12-31 kled/ >vled.txt; rc_clean=$?
"$bin" validate -q --as-of 2014-12-31 ksub/ >vsub.txt; rc=$?
check "a subtotal row is a note (提示) and changes no exit status" \
  '[[ $rc -eq $rc_clean && $rc -ne 2 ]] && grep -q "提示 合计行未导入 \[io.csv.subtotal_row\]" vsub.txt && ! grep -q "io.csv.row_skipped" vsub.txt'
"$bin" report -q --year 2014 kled/ >rled.txt
"$bin" report -q --year 2014 ksub/ >rsub.txt
check "a subtotal row changes no figure, only the count of findings" \
  'cmp -s <(grep -v "io.csv\|校验发现" rled.txt) <(grep -v "io.csv\|合计行\|校验发现" rsub.txt)'
# Excel workbooks: the same ledgers as one .xlsx (a sheet per table, a title
# row, numbers and dates as Excel stores them) give the same report.
python3 "$src/tests/cli/make_workbook.py" kled k.xlsx
"$bin" report -q --year 2014 k.xlsx >kx.txt; rc=$?
"$bin" report -q --year 2014 kled/ >kc.txt
check "a workbook of the ledgers reports as the CSV ledgers do" \
  '[[ $rc -eq 0 ]] && cmp -s kx.txt kc.txt && grep -q "正式党员 *532" kx.txt'
"$bin" convert -q --full-fidelity k.djr kw.xlsx 2>err.txt; rc=$?
"$bin" report -q --year 2014 kw.xlsx >kw.txt
check "convert to .xlsx: one workbook that reports as the CSV ledgers do" \
  '[[ $rc -eq 0 ]] && ! grep -q "written without" err.txt && cmp -s kw.txt kc.txt'
/usr/bin/python3 "$src/tests/cli/workbook_summary.py" kw.xlsx >kw.xlsx.txt 2>&1
check "the converted workbook opens in another program, a sheet a table" \
  'grep -q "^党员	794	A2	m-0" kw.xlsx.txt && grep -q "^单位	7001	A2	h-0" kw.xlsx.txt'
cat k.xlsx | "$bin" report -q --year 2014 --from xlsx - >kxpipe.txt
check "a workbook piped in reports as the file does" 'cmp -s kx.txt kxpipe.txt'
mkdir -p badled && cp kled/*.csv badled/ && sed -i '5s/正式党员/党员候补/' badled/members.csv
python3 "$src/tests/cli/make_workbook.py" badled bad.xlsx
"$bin" validate -q --as-of 2014-12-31 bad.xlsx >vbad.txt; rc=$?
check "a bad cell of a workbook is found at its sheet, column and row" \
  '[[ $rc -eq 1 ]] && grep -q "^bad.xlsx:党员!C6：错误 台账行被跳过 \[io.csv.row_skipped\]：\"党员候补\"" vbad.txt'
"$bin" validate -q --as-of 2014-12-31 --format csv -o vbad.csv bad.xlsx
check "findings CSV names the sheet and column" \
  'head -1 vbad.csv | grep -q ",说明,工作表,列," && grep -q "^bad.xlsx,6,.*,党员,3,台账行被跳过" vbad.csv'
printf 'not a workbook' >fake.xlsx
"$bin" validate -q fake.xlsx >/dev/null 2>err.txt
check "a file that is no workbook is exit 2, named" '[[ $? -eq 2 ]] && grep -q "fake.xlsx: not an Excel workbook" err.txt'
: >old.xls
"$bin" validate -q old.xls >/dev/null 2>err.txt
check "an .xls workbook is refused with what to do" '[[ $? -eq 2 ]] && grep -q "97-2003" err.txt'
cat kh.pb | "$bin" report -q --year 2014 --lang en --from pb - >pbpipe.txt
check "a binary Dataset piped in reports as the stream does" 'cmp -s k.txt pbpipe.txt'
: >empty.pb; : >empty.jsonl
for f in empty.pb empty.jsonl; do
  "$bin" validate -q "$f" >/dev/null 2>err.txt
  check "an empty $f is an error that names it, not 0 records" \
    '[[ $? -eq 2 ]] && grep -q "$f: is empty" err.txt'
done
"$bin" validate -q --from pb - </dev/zero >/dev/null 2>err.txt
check "endless input as a Dataset stops at the limit" '[[ $? -eq 2 ]] && grep -q "the limit" err.txt'
"$bin" validate -q --policy /dev/zero k.djr >/dev/null 2>err.txt
check "--policy /dev/zero is refused at 4 MiB" '[[ $? -eq 2 ]] && grep -q "4 MiB" err.txt'

# Outputs: never over an input, never half written, folders made.
cp k.djr victim.djr
"$bin" validate -q -o victim.djr victim.djr 2>err.txt
check "validate -o IN IN is refused and the input left whole" \
  '[[ $? -eq 2 ]] && grep -q "is the input" err.txt && cmp -s k.djr victim.djr'
ln -f victim.djr victim-link.djr
"$bin" report -q --year 2014 -o victim-link.djr ./victim.djr 2>err.txt
check "report -o onto a hard link of the input is refused" '[[ $? -eq 2 ]] && cmp -s k.djr victim.djr'
"$bin" merge -o k.partial.json k.partial.json 2>err.txt
check "merge -o IN IN is refused" '[[ $? -eq 2 ]] && grep -q "is the input" err.txt'
"$bin" report -q --year 2014 -o /dev/full k.djr 2>err.txt
check "a write that fails (a full disk) exits 2 naming the output" '[[ $? -eq 2 ]] && grep -q "/dev/full" err.txt'
"$bin" report -q --year 2014 --format json -o /dev/full k.djr 2>err.txt
check "JSON written in pieces to a full disk exits 2 naming the output" '[[ $? -eq 2 ]] && grep -q "/dev/full: write failed" err.txt'
"$bin" report -q --year 2014 --format json --group-by township -o json-out/r.json k.djr
"$bin" report -q --year 2014 --format json --group-by township k.djr > r-stdout.json
check "JSON written in pieces: the file equals standard output, no .tmp left" \
  'cmp -s json-out/r.json r-stdout.json && [[ -z $(ls json-out/ | grep tmp) ]] && grep -q "\"groups\": \[" r-stdout.json'
"$bin" report -q --year 2014 -o made/for/it/r.txt k.djr
check "report -o into missing folders makes them, and leaves no .tmp" \
  '[[ -s made/for/it/r.txt ]] && [[ -z $(ls made/for/it/ | grep tmp) ]]'
rm -rf g1; "$bin" generate -q --units 200 -o g1/g2/
check "generate -o a/b/ makes both folders (mkdir -p)" '[[ $(ls g1/g2/*.djr | wc -l) -ge 1 ]]'
echo '{}' >empty.partial.json
"$bin" merge empty.partial.json 2>err.txt
check "merge refuses {} as a partial report" '[[ $? -eq 2 ]] && grep -q "empty partial report" err.txt'
"$bin" merge k.djr 2>err.txt
check "merge of a binary file names it, with no raw bytes on standard error" \
  '[[ $? -eq 2 ]] && grep -q "not UTF-8 text" err.txt && ! LC_ALL=C grep -q "[^[:print:][:space:]]" <(tr -d "\200-\377" <err.txt)'

# convert to one CSV ledger: the table from the name or --table.
"$bin" convert -q k.djr one/members.csv 2>err.txt; rc=$?
check "convert IN members.csv writes the members' ledger, naming what it left out" \
  '[[ $rc -eq 0 ]] && [[ $(wc -l <one/members.csv) -eq 794 ]] && grep -q "holds one table" err.txt && ! grep -q "written without" err.txt'
"$bin" convert -q k.djr one/单位.csv 2>err.txt; rc=$?
check "convert IN 单位.csv writes the units' ledger alone" \
  '[[ $rc -eq 0 ]] && grep -q "holds one table" err.txt && ! grep -q "written without" err.txt'
"$bin" convert -q k.djr one/党员.csv 2>/dev/null
check "convert IN 党员.csv: the Chinese name works too" 'cmp -s one/members.csv one/党员.csv'
"$bin" convert -q k.djr one/x.csv 2>err.txt
check "a CSV name that names no table is refused, pointing to --table" '[[ $? -eq 2 ]] && grep -q -- "--table" err.txt'
"$bin" convert -q --table 单位 k.djr one/x.csv 2>/dev/null
tail -c +4 one/x.csv | "$bin" convert -q --from csv --table host_organizations - one/x.jsonl
check "--table names the table of a CSV ledger written or read from standard input" \
  '[[ $(wc -l <one/x.jsonl) -eq 7000 ]]'
"$bin" convert -q "$src/tests/bad_inputs/stream_empty_record.djr" er.jsonl 2>err.txt
check "an empty record is named where it is and skipped; the rest is written" \
  '[[ $? -eq 2 ]] && grep -q "record 1 (byte offset 30) carries no entity" err.txt && grep -q trailer er.jsonl'

# Shards: threads change nothing; a folder of CSV ledgers is one shard.
"$bin" report -q --year 2017 --group-by county --format csv --threads 1 a/ >t1.csv
"$bin" report -q --year 2017 --group-by county --format csv --threads 2 a/ >t2.csv
check "report --threads 2 gives the bytes of --threads 1" '[[ -s t1.csv ]] && cmp -s t1.csv t2.csv'
# Each thread merges its partials 64 at a time: over 140 small counties (two
# batches and a rest on one thread) the report equals the merge of each
# county's own partial, grouped by county and not.
"$bin" generate -q --units 7000 --units-per-county 50 -o many/
mkdir -p manyp
[[ $(ls many/*.djr | wc -l) -gt 128 ]] || bad "expected more than 128 counties in many/"
for f in many/*.djr; do
  "$bin" report -q --year 2017 --group-by county --partial -o "manyp/$(basename "$f" .djr).partial.pb" "$f" || bad "partial of $f"
done
"$bin" merge --format json -o many_merged.json manyp/*.partial.pb
"$bin" report -q --year 2017 --group-by county --format json --threads 1 many/ >many1.json
"$bin" report -q --year 2017 --group-by county --format json --threads 2 many/ >many2.json
check "report in batches of 64 shards equals the merge of every shard's partial" \
  '[[ -s many1.json ]] && cmp -s many1.json many_merged.json && cmp -s many2.json many_merged.json'
"$bin" report -q --year 2017 --no-validate --threads 1 many/ >many_total1.txt
"$bin" report -q --year 2017 --no-validate --threads 2 many/ >many_total2.txt
check "batched report, not grouped: the same on 1 and 2 threads" \
  '[[ -s many_total1.txt ]] && cmp -s many_total1.txt many_total2.txt'
"$bin" report -q --year 2017 --threads -1 a/ 2>err.txt
check "report refuses a negative --threads" '[[ $? -eq 2 ]] && grep -q -- "--threads" err.txt'
mkdir -p counties
for f in a/*.djr; do "$bin" convert -q --full-fidelity "$f" "counties/$(basename "$f" .djr)/" 2>/dev/null; done
"$bin" report -q --year 2017 --no-validate --group-by county --format csv a/ >from_djr.csv
"$bin" report -q --year 2017 --no-validate --group-by county --format csv counties/ >from_csv.csv
targets() { grep -E ",targets[.]target_[1-4][.](eligible|met)," "$1" | sort; }
check "a folder of county ledger folders: one shard per county, the stream's targets" \
  '[[ $(targets from_djr.csv | wc -l) -eq 40 ]] && diff <(targets from_djr.csv) <(targets from_csv.csv) >/dev/null'
check "the stars travel in star_assessments.csv: target 2 is met in the CSV folders too" \
  '[[ -f "counties/$(basename "$(ls a/*.djr | head -1)" .djr)/star_assessments.csv" ]] && awk -F, '"'"'$3 == "targets.target_2.met" && $5 > 0'"'"' from_csv.csv | grep -q .'
one=$(ls a/*.djr | head -1)
"$bin" report -q --year 2017 --no-validate --format csv "$one" >one_djr.csv
"$bin" report -q --year 2017 --no-validate --format csv "counties/$(basename "$one" .djr)/" >one_csv.csv
check "one county's ledger folder is one shard" \
  '[[ $(targets one_djr.csv | wc -l) -eq 8 ]] && diff <(targets one_djr.csv) <(targets one_csv.csv) >/dev/null'
"$bin" convert -q "$one" new/deep/folder/ 2>/dev/null
check "convert creates the missing parent folders of a CSV folder" \
  '[[ -f new/deep/folder/party_organizations.csv ]]'
# A second record of an organization id: report ignores it with its stars, so
# convert does not write them as rows naming the id, and says so.
printf '%s\n' '{"partyOrganization":{"id":"p1","starAssessments":[{"year":2017,"stars":3}]}}' \
  '{"partyOrganization":{"id":"p1","starAssessments":[{"year":2017,"stars":5}]}}' >dup.jsonl
"$bin" convert -q dup.jsonl dup/ 2>dup.txt; rc=$?
check "a duplicate organization's star assessments are reported, not written" \
  '[[ $rc -eq 2 && $(wc -l <dup/star_assessments.csv) -eq 2 ]] && grep -q "1 star assessments of duplicate" dup.txt'

# A record with a wrong wire type part way: the reader leaves the check of a
# record's bytes to the run, which checks them as it decodes (the aggregator
# alone, or the decoder both engines share); reading stops there, with the
# same account of the damage whether or not the run validates, and the
# records before it count the same.
python3 - "$one" corrupt.djr <<'PY'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
i = n = 0
while i < len(data):
    length = shift = 0
    while True:
        b = data[i]; i += 1; length |= (b & 0x7F) << shift; shift += 7
        if b < 0x80: break
    if data[i] == 0x4A and n > 100:  # a member record
        j = i + 1
        while data[j] & 0x80: j += 1
        data[j + 1] = 0x08  # member.id (field 1) as a varint: wrong wire type
        break
    i += length; n += 1
open(sys.argv[2], 'wb').write(data)
PY
"$bin" report -q --year 2017 --no-validate --allow-damaged --lang en corrupt.djr >c_fast.txt 2>c_fast.err; rc1=$?
"$bin" report -q --year 2017 --allow-damaged --lang en corrupt.djr >c_slow.txt 2>c_slow.err; rc2=$?
check "a corrupt record stops reading with io.read, validated or not" \
  '[[ $rc1 -eq 3 && $rc2 -eq 3 ]] && grep -Eq "^    file not read whole \(io.read\) +1$" c_fast.txt && grep -Eq "^    file not read whole \(io.read\) +1$" c_slow.txt && diff <(grep -E "^  target" c_fast.txt) <(grep -E "^  target" c_slow.txt) >/dev/null && grep -Eq "^  target 1" c_fast.txt && grep -q "record 101 at byte offset [0-9]* is corrupt: not a well-formed dangjian.v1.Record" c_slow.err && diff c_fast.err c_slow.err >/dev/null'

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
