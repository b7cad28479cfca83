// Times dangjian's report against DuckDB (report.sql) on the same data and
// checks that their numbers agree exactly. Normally run through
// benchmarks/duckdb_compare.sh, which prepares DATA_DIR:
//
//   node compare.mjs --data DATA_DIR --dangjian BIN [--year 2017] [--repeat 3]
//                    [--threads 2] [--sniff]
//
// DATA_DIR holds djr/<county>.djr (the record streams) and csv/<county>/*.csv
// (their CSV ledgers, English headers, the star ledger star_assessments.csv
// included); and, optionally, roundtrip/<county>.jsonl (the ledgers read back
// by dangjian's CSV reader one file at a time), for an untimed check of the
// CSV round trip.
//
// Pairs (each side a fresh process, run --repeat times, the fastest kept):
//   A  DuckDB: the query alone over tables of text already loaded in memory
//      (decode.sql's views decode labels, dates and id lists inside the query)
//      dangjian: report from the record streams djr/
//   A' DuckDB: the query alone over typed tables already loaded in memory
//      (decode.sql at load: labels as small integers, dates as years, lists
//      split), as an expert who keeps the ledgers in a database holds them
//      dangjian: the same runs as A (timed once, shown on both rows)
//   B  DuckDB: load csv/ into tables, then query (load + query timed)
//      dangjian: report from csv/ (one folder per county)
//   C  DuckDB: query straight over csv/ (read_csv views, no load)
//      dangjian: report from csv/, as in B
// dangjian runs `report --year Y --no-validate --group-by county --format
// json` (DuckDB does not validate either); its seconds are the wall time of
// the process (node's high-resolution clock around it), DuckDB's the timed
// part inside duck.mjs. Peak RSS is /usr/bin/time -v's, of the whole process.
//
// The reference is dangjian's report from the record streams (pair A's
// dangjian run). Every other result must equal it, per county and in total,
// for eligible and met of the four targets, target 2 included: the star
// assessments travel in star_assessments.csv.
//
// Exit status: 0 all agree; 1 some numbers disagree; 2 a run failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    data: { type: 'string' },
    dangjian: { type: 'string' },
    year: { type: 'string', default: '2017' },
    repeat: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    sniff: { type: 'boolean', default: false },
  },
});
if (!opt.data || !opt.dangjian) {
  console.error('usage: node compare.mjs --data DATA_DIR --dangjian BIN [--year 2017] [--repeat 3]');
  process.exit(2);
}
const repeat = Math.max(1, Number.parseInt(opt.repeat, 10) || 1);
const djrDir = join(opt.data, 'djr');
const csvDir = join(opt.data, 'csv');
for (const d of [djrDir, csvDir]) {
  if (!existsSync(d)) {
    console.error(`compare.mjs: ${d} is missing (run benchmarks/duckdb_compare.sh)`);
    process.exit(2);
  }
}
const FIELDS = ['t1_eligible', 't1_met', 't2_eligible', 't2_met',
  't3_eligible', 't3_met', 't4_eligible', 't4_met'];
const TOTAL = '(total)';

// Runs argv under /usr/bin/time -v; returns wall seconds, peak RSS in MiB,
// exit status, standard output and the command's own standard error.
const scratch = mkdtempSync(join(tmpdir(), 'duckdb-compare-'));
function measure(argv) {
  const timeLog = join(scratch, 'time.log');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', '-o', timeLog, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const log = existsSync(timeLog) ? readFileSync(timeLog, 'utf8') : '';
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(log);
  return {
    seconds,
    rssMiB: kb ? Number(kb[1]) / 1024 : NaN,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '') + (r.error ? String(r.error) : ''),
  };
}

// Keeps the fastest of `repeat` runs; any failed run fails the side.
function best(argv, parse) {
  let keep = null;
  for (let i = 0; i < repeat; i++) {
    const m = measure(argv);
    if (m.status !== 0) {
      // The error itself, not the stack: node prints the Error line last but
      // for the stack; dangjian prints its message first.
      const lines = m.stderr.trim().split('\n').filter((l) => !/^\s+at /.test(l));
      const error = lines.findIndex((l) => /Error/.test(l));
      const why = (error >= 0 ? lines.slice(error, error + 2) : lines.slice(0, 2)).join(' / ');
      return { failed: `exit ${m.status}: ${why}` };
    }
    const parsed = parse(m);
    if (keep === null || parsed.seconds < keep.seconds) keep = { ...parsed, rssMiB: m.rssMiB };
  }
  return keep;
}

// Numbers keyed by county id ('' for dangjian's group without a county) and
// TOTAL; each a map of FIELDS.
function fromDangjian(m) {
  const report = JSON.parse(m.stdout);
  const pick = (figures) => {
    const t = figures?.targets ?? {};
    const out = {};
    for (const n of [1, 2, 3, 4]) {
      out[`t${n}_eligible`] = Number(t[`target${n}`]?.eligible ?? 0);
      out[`t${n}_met`] = Number(t[`target${n}`]?.met ?? 0);
    }
    return out;
  };
  const numbers = new Map([[TOTAL, pick(report.total)]]);
  for (const g of report.groups ?? []) numbers.set(g.key?.regionId ?? '', pick(g.figures));
  return { seconds: m.seconds, numbers };
}

function fromDuck(m) {
  const { seconds, rows } = JSON.parse(m.stdout);
  const numbers = new Map();
  for (const r of rows) {
    const out = {};
    for (const f of FIELDS) out[f] = r[f];
    numbers.set(r.county_id === null ? TOTAL : r.county_id, out);
  }
  return { seconds, numbers };
}

// Differences between two results; a group missing on one side counts as
// all zeros (dangjian lists groups that hold only region records).
function differences(expected, got) {
  const diffs = [];
  const zero = Object.fromEntries(FIELDS.map((f) => [f, 0]));
  const keys = [...new Set([...expected.keys(), ...got.keys()])].sort();
  for (const k of keys) {
    const e = expected.get(k) ?? zero;
    const g = got.get(k) ?? zero;
    for (const f of FIELDS) {
      if (e[f] !== g[f]) diffs.push(`${k === '' ? "''" : k} ${f}: expected ${e[f]}, got ${g[f]}`);
    }
  }
  return diffs;
}

const reportArgs = ['report', '--year', opt.year, '--no-validate', '--group-by', 'county',
  '--format', 'json', '-q'];
const duckArgs = (pair) => [process.execPath, join(here, 'duck.mjs'), '--pair', pair,
  '--csv', csvDir, '--year', opt.year, '--threads', opt.threads,
  ...(opt.sniff ? ['--sniff'] : [])];

const results = [];
let reference = null;
for (const pair of ['A', "A'", 'B', 'C']) {
  const dj = pair === "A'" ? results[0].dj
    : best([opt.dangjian, ...reportArgs, `${pair === 'A' ? djrDir : csvDir}/`], fromDangjian);
  const duck = best(duckArgs(pair), fromDuck);
  if (pair === 'A') reference = dj.failed ? null : dj.numbers;
  results.push({ pair, dj, duck });
}
// The CSV round trip: the ledgers read back by dangjian's CSV reader one file
// at a time, one JSON Lines shard per county (untimed).
const roundtripDir = join(opt.data, 'roundtrip');
const roundtrip = existsSync(roundtripDir)
  ? best([opt.dangjian, ...reportArgs, `${roundtripDir}/`], fromDangjian)
  : null;
rmSync(scratch, { recursive: true, force: true });

const fmt = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
let exit = 0;
const notes = [];
console.log(`dangjian ${opt.dangjian}; DuckDB threads=${opt.threads}, CSV columns ` +
  `${opt.sniff ? 'sniffed' : 'declared'}; year ${opt.year}; best of ${repeat}`);
console.log('pair  DuckDB s  dangjian s  DuckDB/dangjian  DuckDB MiB  dangjian MiB  agree');
for (const { pair, dj, duck } of results) {
  let agree;
  if (reference === null) {
    agree = 'no reference';
    exit = 2;
  } else {
    const parts = [];
    const check = (who, side, expected, label) => {
      if (side.failed) {
        parts.push(`${who} failed`);
        notes.push(`pair ${pair} ${who}: ${side.failed}`);
        exit = Math.max(exit, 2);
        return;
      }
      const diffs = differences(expected, side.numbers);
      if (diffs.length === 0) {
        parts.push(`${who} yes${label}`);
      } else {
        parts.push(`${who} NO`);
        exit = Math.max(exit, 1);
        notes.push(`pair ${pair} ${who}: ${diffs.length} numbers differ from the reference:`,
          ...diffs.slice(0, 20).map((d) => `  ${d}`));
      }
    };
    check('DuckDB', duck, reference, '');
    if (pair === 'B' || pair === 'C') check('dangjian', dj, reference, '');
    agree = parts.join(', ');
  }
  const ratio = !dj.failed && !duck.failed ? duck.seconds / dj.seconds : NaN;
  console.log(`${pair.padEnd(4)}  ${fmt(duck.seconds, 3).padStart(8)}  ${fmt(dj.seconds, 3).padStart(10)}  ` +
    `${fmt(ratio, 2).padStart(15)}  ${fmt(duck.rssMiB, 0).padStart(10)}  ${fmt(dj.rssMiB, 0).padStart(12)}  ${agree}`);
}
if (reference !== null) {
  const t = reference.get(TOTAL);
  console.log(`reference (dangjian, record streams), total: ` +
    FIELDS.map((f) => `${f}=${t[f]}`).join(' '));
}
if (roundtrip !== null && reference !== null) {
  let verdict;
  if (roundtrip.failed) {
    verdict = `failed: ${roundtrip.failed}`;
    exit = Math.max(exit, 2);
  } else {
    const diffs = differences(reference, roundtrip.numbers);
    verdict = diffs.length === 0 ? 'agrees'
      : `DISAGREES in ${diffs.length} numbers`;
    if (diffs.length) {
      exit = Math.max(exit, 1);
      notes.push('CSV round trip:', ...diffs.slice(0, 20).map((d) => `  ${d}`));
    }
  }
  console.log(`dangjian over the CSV ledgers read back one county a shard (roundtrip/): ${verdict}`);
}
for (const n of notes) console.log(n);
process.exit(exit);
