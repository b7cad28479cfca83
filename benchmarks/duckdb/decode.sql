-- The typed relations report.sql reads, decoded from the text relations
-- sources.sql defines: labels as small integers, dates as years, the id
-- lists split, reported counts as numbers. Every row of the text relation
-- is kept (a repeated id too: report.sql keeps the first record of an id in
-- a shard, by `line`, as dangjian does).
--
-- duck.mjs substitutes ${KIND} before running this file:
--   VIEW   (pairs A, B and C) the decoding is part of every query, as a
--          report over ledgers of text does it;
--   TABLE  (pair A') the ledgers are decoded once, at load, into typed
--          in-memory tables, as a DuckDB user who keeps the ledgers in a
--          database would hold them; the query reads the typed columns.
--
-- Labels: `dangjian convert` writes the first label of each value
-- (docs/ledger-format.md, "Labels"); the matches below take the aliases too.

-- The year of a ledger date: '2014-08-14', '2014-08' and '2014' are written.
CREATE OR REPLACE MACRO ledger_year(d) AS TRY_CAST(split_part(d, '-', 1) AS INTEGER);

-- MemberStatus of a label (0 = unspecified).
CREATE OR REPLACE MACRO member_status(label) AS
  CASE
    WHEN label IN ('正式党员', '中共党员', '党员', 'MEMBER_STATUS_FULL', 'FULL') THEN 5
    WHEN label IN ('预备党员', 'MEMBER_STATUS_PROBATIONARY', 'PROBATIONARY') THEN 4
    WHEN label IN ('发展对象', 'MEMBER_STATUS_DEVELOPMENT_TARGET', 'DEVELOPMENT_TARGET') THEN 3
    WHEN label IN ('入党积极分子', '积极分子', 'MEMBER_STATUS_ACTIVIST', 'ACTIVIST') THEN 2
    WHEN label IN ('入党申请人', 'MEMBER_STATUS_APPLICANT', 'APPLICANT') THEN 1
    ELSE 0
  END;

-- FormationModel of a label: 1 standalone, 2 joint, 3 affiliated, 4 regional.
CREATE OR REPLACE MACRO formation_model(label) AS
  CASE
    WHEN label IN ('单建', '单独组建', '独立组建', 'FORMATION_MODEL_STANDALONE', 'STANDALONE') THEN 1
    WHEN label IN ('联建', '联合组建', '联合党组织', 'FORMATION_MODEL_JOINT', 'JOINT') THEN 2
    WHEN label IN ('挂靠组建', '挂靠', 'FORMATION_MODEL_AFFILIATED', 'AFFILIATED') THEN 3
    WHEN label IN ('区域党支部', '1+N', '区域1+N', '区域组建', 'FORMATION_MODEL_REGIONAL', 'REGIONAL') THEN 4
    ELSE 0
  END;

CREATE OR REPLACE ${KIND} typed_regions AS
SELECT shard, line, id, parent_id,
       -- NULL when the level is blank: such a region is no county, and the
       -- walk up to a county stops there (report.sql).
       level IN ('县', '旗', '区', '县级市', 'REGION_LEVEL_COUNTY', 'COUNTY') AS is_county
FROM regions;

CREATE OR REPLACE ${KIND} typed_host_organizations AS
SELECT shard, line, id, region_id, grid_id,
       coalesce(status IN ('注销', '吊销', 'HOST_STATUS_CLOSED', 'CLOSED'), false) AS closed,
       ledger_year(registered_on) AS registered_year,
       -- A cell that is not a number fails the query (convert writes none);
       -- the query before decode.sql cast it only where it was used.
       CAST(reported_full AS BIGINT) AS reported_full,
       CAST(reported_probationary AS BIGINT) AS reported_probationary
FROM host_organizations;

CREATE OR REPLACE ${KIND} typed_members AS
SELECT shard, host_organization_id,
       CAST(member_status(status) AS TINYINT) AS status,
       ledger_year(applied_on) AS applied_year,
       ledger_year(activist_on) AS activist_year,
       ledger_year(development_target_on) AS development_target_year,
       ledger_year(probationary_on) AS probationary_year,
       ledger_year(full_on) AS full_year
FROM members;

CREATE OR REPLACE ${KIND} typed_party_organizations AS
SELECT shard, line, id, region_id,
       CAST(formation_model(formation) AS TINYINT) AS formation,
       ledger_year(founded_on) AS founded_year,
       ledger_year(dissolved_on) AS dissolved_year,
       -- The list cell: items separated by ';', '；' or '、'.
       list_filter(list_transform(regexp_split_to_array(coalesce(host_organization_ids, ''), '[;；、]'),
                                  x -> trim(x)),
                   x -> x <> '') AS host_ids
FROM party_organizations;

CREATE OR REPLACE ${KIND} typed_grids AS
SELECT shard, line, id, party_organization_id,
       instructor_name IS NOT NULL OR instructor_assignment_id IS NOT NULL AS has_instructor
FROM grids;

CREATE OR REPLACE ${KIND} typed_star_assessments AS
SELECT shard, party_organization_id, year
FROM star_assessments;
