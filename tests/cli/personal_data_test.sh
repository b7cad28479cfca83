#!/usr/bin/env bash
# Personal data, end to end: personal_data_test.sh DANGJIAN SOURCE_DIR WORK_DIR
#
# Generates data with resident IDs and phone numbers (and planted faults), runs
# every output path of the CLI over it - validation findings in each format,
# each report format and language, partial reports and their merge, CSV export
# without --full-fidelity, and every file of the bad-input catalogue - and
# asserts that no resident ID or phone number of the input appears whole in any
# output file, standard output or standard error.
set -u
bin=$(realpath "$1") src=$(realpath "$2") work=$3
rm -rf "$work" && mkdir -p "$work/out" "$work/copies" && cd "$work" || exit 2
passed=0 failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
bad() { echo "not ok - $1"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
n=0
run() {  # run NAME ARGS...: stdout and stderr of the CLI into out/NAME.{out,err}
  local name=$1
  shift
  "$bin" "$@" >"out/$name.out" 2>"out/$name.err"
  n=$((n + 1))
}

"$bin" generate -q --units 1500 --units-per-county 500 --faults 0.05 -o data/ ||
  bad "generate"
first=$(ls data/*.djr | head -1)

# The personal data of the input: every resident ID and phone number, taken
# from a lossless JSON Lines copy, and every resident ID (18 or 15 digits)
# and mobile number in the catalogue of bad inputs (longer runs of digits,
# int64 figures, are nobody's and are shown whole).
"$bin" convert -q "$first" all.jsonl
for f in data/*.djr; do "$bin" convert -q "$f" "$(basename "$f" .djr).jsonl"; done
cat ./*.jsonl | grep -oE '"(nationalId|phone|instructorPhone)":"[^"]*"' |
  sed 's/.*:"\(.*\)"/\1/' | grep -E '[0-9]{11}' | sort -u >personal.txt
cat "$src"/tests/bad_inputs/* 2>/dev/null | grep -aoE '[0-9]{11,}[Xx]?' |
  grep -E '^([0-9]{17}[0-9Xx]|[0-9]{15}|1[3-9][0-9]{9})$' | sort -u >>personal.txt
sort -u -o personal.txt personal.txt
check "the input holds thousands of IDs and phone numbers to look for" \
  '[[ $(wc -l <personal.txt) -gt 1000 ]]'
check "the search finds them where they are whole (the test can fail)" \
  'grep -qFf personal.txt all.jsonl'

# Every output path: what is written for people (findings, reports, masked
# ledgers) goes to out/ and is searched, with every command's stdout and
# stderr; lossless copies of the data (JSON, JSON Lines) go to copies/.
run validate_text validate -q --as-of 2017-12-31 data/
run validate_json validate -q --as-of 2017-12-31 --format json data/
run validate_csv validate -q --as-of 2017-12-31 --format csv data/
run validate_csv_file validate -q --as-of 2017-12-31 --format csv -o out/findings.csv data/
run validate_jsonl validate -q --as-of 2017-12-31 all.jsonl
for lang in zh en; do
  for fmt in text json; do
    run "report_${fmt}_$lang" report -q --year 2017 --format "$fmt" --lang "$lang" data/
  done
done
run report_grouped report -q --year 2017 --format json --group-by county data/
for f in data/*.djr; do
  run "partial_$(basename "$f" .djr)" report -q --year 2017 --partial \
    -o "out/$(basename "$f" .djr).partial.pb" "$f"
done
run merge merge --format json -o out/merged.json out/*.partial.pb
run merge_text merge out/*.partial.pb
run convert_csv convert -q "$first" out/ledgers/
run convert_csv_en convert -q --headers en "$first" out/ledgers-en/
run convert_json convert -q "$first" copies/dataset.json  # the data itself: not searched
run validate_masked_csv validate -q --as-of 2017-12-31 out/ledgers/members.csv
run report_masked_csv report -q --year 2017 out/ledgers/
check "CSV export without --full-fidelity wrote member ledgers" '[[ -s out/ledgers/members.csv ]]'

# Planted faults in a CSV ledger: IDs and phones in the wrong columns, mangled.
id=$(grep -m1 -oE '[0-9]{17}[0-9X]' all.jsonl)
phone=$(grep -m1 -oE '"phone":"1[0-9]{10}"' all.jsonl | grep -oE '1[0-9]{10}')
printf 'id,name,status,host_organization_id,national_id,phone,birth_date\n' >faults.members.csv
printf 'm1,%s,%s,h1,%s,%s,%s\n' "$id" "$phone" "$phone" "$id" "$id" >>faults.members.csv
printf 'm2,x,正式党员,h1,%s1,%s9,\n' "$id" "$phone" >>faults.members.csv
printf '%s,x,正式党员,h1,,,\n' "$id" >>faults.members.csv
run validate_faults_csv validate -q --as-of 2017-12-31 faults.members.csv
run report_faults_csv report -q --year 2017 faults.members.csv
run convert_faults_csv convert -q faults.members.csv copies/faults.jsonl
check "planted CSV faults are reported" 'grep -q "io.csv" out/validate_faults_csv.out'

# Every file of the bad-input catalogue through validate and convert.
for f in "$src"/tests/bad_inputs/*; do
  case $f in *.djr | *.jsonl | *.csv | *.json | *.pb) ;; *) continue ;; esac
  b=$(basename "$f")
  run "bad_validate_$b" validate -q --as-of 2017-12-31 "$f"
  run "bad_convert_$b" convert -q "$f" "copies/bad_$b.jsonl"
done

check "ran $n commands" '[[ $n -gt 100 ]]'
leaks=$(grep -rlaFf personal.txt out/ | sort)
check "no resident ID or phone number appears whole in any output" '[[ -z $leaks ]]'
if [[ -n $leaks ]]; then
  for f in $leaks; do
    echo "# $f: $(grep -aoFf personal.txt "$f" | head -3 | sed 's/\(......\).*\(....\)/\1...\2/' | tr '\n' ' ')"
  done
fi
check "no output holds 18 characters of a resident ID in a row" \
  '! grep -rlaE "(^|[^0-9])[1-9][0-9]{16}[0-9X]([^0-9]|$)" out/ --exclude=*.pb >/dev/null'

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
