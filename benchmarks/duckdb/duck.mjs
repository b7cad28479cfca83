// Runs one DuckDB side of a pair and prints {"seconds", "rows"} as JSON on
// standard output; compare.mjs runs it under /usr/bin/time -v for peak RSS.
//
//   node duck.mjs --pair A|A'|B|C --csv CSV_DIR [--year 2017]
//                 [--threads 2] [--min-full 3] [--sniff]
//
//   A   load the ledgers into in-memory tables of text (not timed), then time
//       the query of report.sql alone, which decodes labels, dates and lists
//       as it reads (decode.sql's views);
//   A'  load the ledgers into typed in-memory tables (decode.sql's tables:
//       labels as small integers, dates as years, lists split; not timed),
//       then time the query of report.sql alone;
//   B   time loading the ledgers into tables of text plus the query;
//   C   time the query straight over the CSV files (views over read_csv).
// seconds is node's high-resolution clock around the timed part only
// (creating the database, reading the SQL files and the header lines that
// declare the columns are not timed). --sniff: let DuckDB's CSV sniffer find
// the columns instead (slower: it samples every file).
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    pair: { type: 'string' },
    csv: { type: 'string' },
    year: { type: 'string', default: '2017' },
    threads: { type: 'string', default: '2' },
    'min-full': { type: 'string', default: '3' },
    sniff: { type: 'boolean', default: false },
  },
});
if (!['A', "A'", 'B', 'C'].includes(opt.pair) || !opt.csv) {
  console.error("usage: node duck.mjs --pair A|A'|B|C --csv CSV_DIR [--year Y]");
  process.exit(2);
}
const year = Number.parseInt(opt.year, 10);
const minFull = Number.parseInt(opt['min-full'], 10);
const threads = Number.parseInt(opt.threads, 10);
if (!Number.isInteger(year) || !Number.isInteger(minFull) || !Number.isInteger(threads)) {
  console.error('duck.mjs: --year, --min-full and --threads take whole numbers');
  process.exit(2);
}

// A single-quoted SQL string literal.
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

// The files of a table: CSV/*/<table>.csv.
function tableFiles(table) {
  const inDir = (d, name) => (existsSync(join(d, name)) ? [join(d, name)] : []);
  return readdirSync(opt.csv, { withFileTypes: true }).filter((e) => e.isDirectory())
    .map((e) => e.name).sort().flatMap((d) => inDir(join(resolve(opt.csv), d), `${table}.csv`));
}

// The header line of a file, without a byte order mark and line end.
function headerOf(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.subarray(0, n).toString('utf8').split('\n')[0].replace(/^\uFEFF/, '').replace(/\r$/, '');
}

// read_csv(...) of a table: every column VARCHAR, declared from the header
// (identical in every file, or the run fails) unless --sniff.
function readCsv(table) {
  const files = tableFiles(table);
  if (files.length === 0) throw new Error(`no ${table}.csv under ${opt.csv}`);
  const glob = join(resolve(opt.csv), '*', `${table}.csv`);
  const common = `${sqlString(glob)}, header = true, filename = true`;
  if (opt.sniff) return `read_csv(${common}, all_varchar = true)`;
  const header = headerOf(files[0]);
  for (const f of files) {
    if (headerOf(f) !== header) throw new Error(`${f}: header differs from ${files[0]}'s`);
  }
  if (/["\t;]/.test(header)) throw new Error(`${files[0]}: header is not plain comma-separated names`);
  const columns = header.split(',').map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ');
  return `read_csv(${common}, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
    `columns = {${columns}})`;
}

const sources = (kind) =>
  readFileSync(join(here, 'sources.sql'), 'utf8')
    .replaceAll('${KIND}', kind)
    .replace(/\$\{READ:(\w+)\}/g, (_, table) => readCsv(table));
const decoded = (kind) => readFileSync(join(here, 'decode.sql'), 'utf8').replaceAll('${KIND}', kind);
const report = readFileSync(join(here, 'report.sql'), 'utf8');

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`SET threads = ${threads}`);
await con.run(`SET VARIABLE report_year = ${year}`);
await con.run(`SET VARIABLE min_full_members_to_found = ${minFull}`);

const query = async () => (await con.runAndReadAll(report)).getRowObjectsJS();

let seconds;
let rows;
if (opt.pair === 'A' || opt.pair === "A'") {
  // A' reads the CSVs through views straight into the typed tables, so the
  // text is never held: only the typed tables stay in memory.
  const typed = opt.pair === "A'";
  await con.run(sources(typed ? 'VIEW' : 'TABLE'));
  await con.run(decoded(typed ? 'TABLE' : 'VIEW'));
  const t0 = process.hrtime.bigint();
  rows = await query();
  seconds = Number(process.hrtime.bigint() - t0) / 1e9;
} else {
  const t0 = process.hrtime.bigint();
  await con.run(sources(opt.pair === 'B' ? 'TABLE' : 'VIEW'));
  await con.run(decoded('VIEW'));
  rows = await query();
  seconds = Number(process.hrtime.bigint() - t0) / 1e9;
}

const numbers = rows.map((r) => {
  const out = { county_id: r.is_total ? null : r.county_id };
  for (const k of Object.keys(r)) {
    if (/^t[1-4]_(eligible|met)$/.test(k)) out[k] = Number(r[k]);
  }
  return out;
});
process.stdout.write(`${JSON.stringify({ seconds, rows: numbers })}\n`);
