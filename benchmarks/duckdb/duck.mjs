// Runs one DuckDB side of a pair and prints {"seconds", "rows"} as JSON on
// standard output; compare.mjs runs it under /usr/bin/time -v for peak RSS.
//
//   node duck.mjs --pair A|B|C --csv CSV_DIR --stars STARS_DIR [--year 2017]
//                 [--threads 2] [--min-full 3]
//
//   A  load the ledgers into in-memory tables (not timed), then time the
//      query of report.sql alone;
//   B  time loading the ledgers into tables plus the query;
//   C  time the query straight over the CSV files (views over read_csv).
// seconds is node's high-resolution clock around the timed part only
// (creating the database and reading the SQL files are not timed).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    pair: { type: 'string' },
    csv: { type: 'string' },
    stars: { type: 'string' },
    year: { type: 'string', default: '2017' },
    threads: { type: 'string', default: '2' },
    'min-full': { type: 'string', default: '3' },
  },
});
if (!['A', 'B', 'C'].includes(opt.pair) || !opt.csv || !opt.stars) {
  console.error('usage: node duck.mjs --pair A|B|C --csv CSV_DIR --stars STARS_DIR [--year Y]');
  process.exit(2);
}
const year = Number.parseInt(opt.year, 10);
const minFull = Number.parseInt(opt['min-full'], 10);
const threads = Number.parseInt(opt.threads, 10);
if (!Number.isInteger(year) || !Number.isInteger(minFull) || !Number.isInteger(threads)) {
  console.error('duck.mjs: --year, --min-full and --threads take whole numbers');
  process.exit(2);
}

// A path inside a single-quoted SQL string literal.
const sqlPath = (p) => resolve(p).replaceAll("'", "''");
const sources = (kind) =>
  readFileSync(join(here, 'sources.sql'), 'utf8')
    .replaceAll('${KIND}', kind)
    .replaceAll('${CSV}', sqlPath(opt.csv))
    .replaceAll('${STARS}', sqlPath(opt.stars));
const report = readFileSync(join(here, 'report.sql'), 'utf8');

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`SET threads = ${threads}`);
await con.run(`SET VARIABLE report_year = ${year}`);
await con.run(`SET VARIABLE min_full_members_to_found = ${minFull}`);

const query = async () => (await con.runAndReadAll(report)).getRowObjectsJS();

let seconds;
let rows;
if (opt.pair === 'A') {
  await con.run(sources('TABLE'));
  const t0 = process.hrtime.bigint();
  rows = await query();
  seconds = Number(process.hrtime.bigint() - t0) / 1e9;
} else {
  const t0 = process.hrtime.bigint();
  await con.run(sources(opt.pair === 'B' ? 'TABLE' : 'VIEW'));
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
