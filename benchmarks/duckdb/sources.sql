-- The relations of text that decode.sql reads (and report.sql through it),
-- defined over the CSV ledgers that
-- `dangjian convert --headers en --full-fidelity county.djr csv/<county>/`
-- writes (one folder per county = one shard), the star ledger
-- star_assessments.csv included.
--
-- duck.mjs substitutes placeholders before running this file:
--   ${KIND}         VIEW  (pair C: every query reads the CSV files again;
--                   pair A': decode.sql's typed tables are loaded through
--                   them) or
--                   TABLE (pairs A and B: the files are loaded once into
--                   memory as text);
--   ${READ:<table>} read_csv over CSV/*/<table>.csv with
--                   filename = true, header = true and every column VARCHAR.
--                   By default the columns are declared from the header line
--                   (duck.mjs checks that every file of the table has the same
--                   one) and DuckDB's sniffer is off: the ledger format is
--                   fixed, and sniffing 30 small files per table costs more
--                   than reading them. duck.mjs --sniff lets DuckDB sniff.
--
-- Every relation keeps
--   shard  the county folder (or file) name: dangjian aggregates each folder
--          as one shard, so ids are only ever joined within a shard;
--   line   the row's ordinal in the scan (WITH ORDINALITY): when an id
--          repeats in a shard, dangjian keeps the first record
--          (aggregate.<kind>.duplicate_id). That DuckDB numbers a file's rows
--          in file order with 2 threads was checked (no inversion among the
--          293,223 member rows of the 100,000-unit dataset), not found
--          documented.
-- Cells are read as text (no type sniffing, no surprises from ids that look
-- like numbers); blank cells are NULL, as the ledger reader
-- leaves a blank cell's field unset; and the writer's CSV-injection guard
-- (a ' before a leading =, +, -, @, tab or CR: a reported count of -3 is
-- written '-3) is removed, as the ledger reader removes it.

CREATE OR REPLACE MACRO ledger_cell(c) AS
  NULLIF(regexp_replace(trim(c), '^''([=+@\t\r-])', '\1'), '');
-- The county folder of a ledger file: csv/<county>/members.csv -> <county>.
CREATE OR REPLACE MACRO shard_of_ledger(path) AS regexp_extract(path, '([^/]+)/[^/]+$', 1);

CREATE OR REPLACE ${KIND} regions AS
SELECT shard_of_ledger(filename) AS shard,
       ordinality AS line,
       ledger_cell(id) AS id,
       ledger_cell(parent_id) AS parent_id,
       ledger_cell(level) AS level
FROM ${READ:regions} WITH ORDINALITY;

CREATE OR REPLACE ${KIND} host_organizations AS
SELECT shard_of_ledger(filename) AS shard,
       ordinality AS line,
       ledger_cell(id) AS id,
       ledger_cell(region_id) AS region_id,
       ledger_cell(grid_id) AS grid_id,
       ledger_cell(status) AS status,
       ledger_cell(registered_on) AS registered_on,
       ledger_cell("reported_member_counts.full") AS reported_full,
       ledger_cell("reported_member_counts.probationary") AS reported_probationary
FROM ${READ:host_organizations} WITH ORDINALITY;

CREATE OR REPLACE ${KIND} members AS
SELECT shard_of_ledger(filename) AS shard,
       ledger_cell(host_organization_id) AS host_organization_id,
       ledger_cell(status) AS status,
       ledger_cell(applied_on) AS applied_on,
       ledger_cell(activist_on) AS activist_on,
       ledger_cell(development_target_on) AS development_target_on,
       ledger_cell(probationary_on) AS probationary_on,
       ledger_cell(full_on) AS full_on
FROM ${READ:members};

CREATE OR REPLACE ${KIND} party_organizations AS
SELECT shard_of_ledger(filename) AS shard,
       ordinality AS line,
       ledger_cell(id) AS id,
       ledger_cell(formation) AS formation,
       ledger_cell(host_organization_ids) AS host_organization_ids,
       ledger_cell(region_id) AS region_id,
       ledger_cell(founded_on) AS founded_on,
       ledger_cell(dissolved_on) AS dissolved_on
FROM ${READ:party_organizations} WITH ORDINALITY;

CREATE OR REPLACE ${KIND} grids AS
SELECT shard_of_ledger(filename) AS shard,
       ordinality AS line,
       ledger_cell(id) AS id,
       ledger_cell(party_organization_id) AS party_organization_id,
       ledger_cell(instructor_name) AS instructor_name,
       ledger_cell(instructor_assignment_id) AS instructor_assignment_id
FROM ${READ:grids} WITH ORDINALITY;

-- The star ledger: one row per assessment, naming its organization. convert
-- writes the nested assessments of a party organization record here, but not
-- those of a second record of the same id (which dangjian ignores), so every
-- row counts for the organization it names.
CREATE OR REPLACE ${KIND} star_assessments AS
SELECT shard_of_ledger(filename) AS shard,
       ledger_cell(party_organization_id) AS party_organization_id,
       TRY_CAST(ledger_cell(year) AS INTEGER) AS year
FROM ${READ:star_assessments};
