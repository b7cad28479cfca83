// Writes the star assessments of each county's party organizations as a
// small side file, because the CSV ledgers have no column for them
// (PartyOrganization.star_assessments; docs/ledger-format.md, "Writing") and
// target 2 is met by an assessment for the report year.
//
//   node extract_stars.mjs DANGJIAN STARS_DIR COUNTY.djr...
//
// For each COUNTY.djr, runs `DANGJIAN convert -q COUNTY.djr -` (JSON Lines on
// standard output) and writes STARS_DIR/COUNTY.csv with the header
// party_organization_id,occurrence,year: one row per assessment, occurrence
// being 1 for the first record of that organization id in the stream, 2 for a
// duplicate record, and so on (dangjian keeps the first record of an id).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';

const [dangjian, starsDir, ...streams] = process.argv.slice(2);
if (!dangjian || !starsDir || streams.length === 0) {
  console.error('usage: node extract_stars.mjs DANGJIAN STARS_DIR COUNTY.djr...');
  process.exit(2);
}
mkdirSync(starsDir, { recursive: true });

// Ids are written as-is; quote a cell only when it needs it (RFC 4180).
const cell = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

async function extract(stream) {
  const out = createWriteStream(join(starsDir, `${basename(stream, '.djr')}.csv`));
  out.write('party_organization_id,occurrence,year\n');
  const child = spawn(dangjian, ['convert', '-q', stream, '-'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seen = new Map();
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('{"partyOrganization"')) continue;
    const org = JSON.parse(line).partyOrganization;
    const id = org.id ?? '';
    const occurrence = (seen.get(id) ?? 0) + 1;
    seen.set(id, occurrence);
    for (const a of org.starAssessments ?? []) {
      out.write(`${cell(id)},${occurrence},${a.year ?? 0}\n`);
    }
  }
  const code = await new Promise((resolve) => child.on('close', resolve));
  await new Promise((resolve) => out.end(resolve));
  if (code !== 0) throw new Error(`${dangjian} convert ${stream} - exited with ${code}`);
}

for (const stream of streams) await extract(stream);
