-- The four 100% targets (四个100%) per county and in total, in DuckDB SQL: an
-- independent implementation of docs/report.md, "The four targets", written
-- to agree exactly with src/aggregate/aggregator_finish.cc and ClassifyHost() /
-- ClassifyStarTarget() in src/core/coverage.cc. benchmarks/duckdb/compare.mjs
-- checks that it does, number for number.
--
-- Reads the typed relations decode.sql defines over those of sources.sql
-- (typed_regions, typed_host_organizations, typed_members,
-- typed_party_organizations, typed_grids, typed_star_assessments; each with
-- `shard`, the county folder, and most with `line`, the row's place in its
-- file) and two variables:
--   SET VARIABLE report_year = 2017;          -- the report year Y
--   SET VARIABLE min_full_members_to_found = 3; -- the policy minimum (default 3)
--
-- Returns one row per county (county_id: the COUNTY-level ancestor of the
-- unit's region, '' when there is none on file, as dangjian's group with an
-- empty region id) and one row with is_total = true, each with eligible and
-- met for the four targets.
--
-- typed_star_assessments is the star ledger (star_assessments.csv): `dangjian
-- convert` writes each party organization's nested assessments there, one row
-- naming it, and dangjian counts such a row for its organization as it counts
-- a nested one.
--
-- Everything is joined within a shard (a county folder), as dangjian
-- aggregates each shard on its own before merging.

WITH RECURSIVE
-- The first record of each id in a shard; later ones are ignored.
region AS (
  SELECT shard, id, parent_id, is_county
  FROM typed_regions
  QUALIFY row_number() OVER (PARTITION BY shard, id ORDER BY line) = 1
),
host AS (
  SELECT * FROM typed_host_organizations
  QUALIFY row_number() OVER (PARTITION BY shard, id ORDER BY line) = 1
),
org AS (
  SELECT shard, id, line, region_id, formation,
         -- Exists in Y: founded by its end and not dissolved before it
         -- (a dissolution date of year 0 is no date).
         NOT coalesce(founded_year > getvariable('report_year'), false)
           AND NOT coalesce(dissolved_year <> 0
                            AND dissolved_year < getvariable('report_year'), false)
           AS exists_in_year,
         host_ids
  FROM typed_party_organizations
  QUALIFY row_number() OVER (PARTITION BY shard, id ORDER BY line) = 1
),
grid AS (
  SELECT shard, id, party_organization_id, has_instructor
  FROM typed_grids
  QUALIFY row_number() OVER (PARTITION BY shard, id ORDER BY line) = 1
),

-- The county of each region on file: walk up the parent chain until a
-- COUNTY-level region (at most 64 steps, as TierAncestor()).
walk(shard, start_id, cur_id, steps) AS (
  SELECT shard, id, id, 0 FROM region
  UNION ALL
  SELECT w.shard, w.start_id, r.parent_id, w.steps + 1
  FROM walk w JOIN region r ON r.shard = w.shard AND r.id = w.cur_id
  WHERE NOT r.is_county AND r.parent_id IS NOT NULL AND w.steps < 63
),
county_of AS (
  SELECT w.shard, w.start_id AS region_id, w.cur_id AS county_id
  FROM walk w JOIN region r ON r.shard = w.shard AND r.id = w.cur_id AND r.is_county
),

-- full(h) and all(h) from the member records naming h. A person who had not
-- applied by the end of Y is no record; a record of unspecified status is.
member_count AS (
  SELECT shard, host_organization_id AS host_id,
         count(*) FILTER (WHERE s >= 0) AS records,
         count(*) FILTER (WHERE s = 5) AS full_members,
         count(*) FILTER (WHERE s IN (4, 5)) AS all_members
  FROM (
    -- The status at the end of Y (core/member_status.h): each dated
    -- step of the pipeline that falls after Y takes the person back one
    -- stage, whatever stage the record holds now; -1 when the person had not
    -- even applied by then. One step per level of nesting (a chain of
    -- aliases in one SELECT would be expanded into an exponentially large
    -- expression).
    SELECT shard, host_organization_id,
           CASE WHEN s >= 1 AND applied_year > getvariable('report_year') THEN -1 ELSE s END AS s
    FROM (
      SELECT shard, host_organization_id, applied_year,
             CASE WHEN s >= 2 AND activist_year > getvariable('report_year') THEN 1 ELSE s END AS s
      FROM (
        SELECT shard, host_organization_id, applied_year, activist_year,
               CASE WHEN s >= 3 AND development_target_year > getvariable('report_year') THEN 2 ELSE s END AS s
        FROM (
          SELECT shard, host_organization_id, applied_year, activist_year, development_target_year,
                 CASE WHEN s >= 4 AND probationary_year > getvariable('report_year') THEN 3 ELSE s END AS s
          FROM (
            SELECT shard, host_organization_id, applied_year, activist_year,
                   development_target_year, probationary_year,
                   CASE WHEN s >= 5 AND full_year > getvariable('report_year') THEN 4 ELSE s END AS s
            FROM (SELECT *, status AS s FROM typed_members
                  WHERE host_organization_id IS NOT NULL))))))
  GROUP BY ALL
),

-- Organization coverage: units listed by a party organization existing in Y.
listed AS (
  SELECT shard, unnest(host_ids) AS host_id, formation
  FROM org WHERE exists_in_year
),
host_cover AS (
  SELECT shard, host_id,
         bool_or(formation = 1) AS in_standalone,
         bool_or(formation IN (2, 3)) AS in_joint_or_affiliated
  FROM listed GROUP BY ALL
),

-- Grids of a REGIONAL branch existing in Y that have an instructor.
regional_grid_with_instructor AS (
  SELECT g.shard, g.id
  FROM grid g JOIN org o ON o.shard = g.shard AND o.id = g.party_organization_id
  WHERE o.exists_in_year AND o.formation = 4 AND g.has_instructor
),

-- The units of Y: not closed, registered by the end of Y.
unit AS (
  SELECT h.shard, h.id, coalesce(c.county_id, '') AS county_id,
         CASE
           WHEN coalesce(m.records, 0) > 0 THEN m.full_members
           ELSE greatest(0, coalesce(h.reported_full, 0))
         END AS full_members,
         CASE
           WHEN coalesce(m.records, 0) > 0 THEN m.all_members
           ELSE greatest(0, coalesce(h.reported_full, 0))
                + greatest(0, coalesce(h.reported_probationary, 0))
         END AS all_members,
         coalesce(v.in_standalone, false) AS in_standalone,
         coalesce(v.in_joint_or_affiliated, false) AS in_joint_or_affiliated,
         rg.id IS NOT NULL AS in_regional_grid_with_instructor
  FROM host h
  LEFT JOIN county_of c ON c.shard = h.shard AND c.region_id = h.region_id
  LEFT JOIN member_count m ON m.shard = h.shard AND m.host_id = h.id
  LEFT JOIN host_cover v ON v.shard = h.shard AND v.host_id = h.id
  LEFT JOIN regional_grid_with_instructor rg ON rg.shard = h.shard AND rg.id = h.grid_id
  WHERE NOT h.closed
    AND NOT coalesce(h.registered_year > getvariable('report_year'), false)
),

-- Targets 1, 3 and 4 (ClassifyHost): each unit is eligible for exactly one.
unit_target AS (
  SELECT county_id,
         CASE
           WHEN full_members >= getvariable('min_full_members_to_found') AND all_members > 0 THEN 1
           WHEN all_members >= 1 THEN 3
           ELSE 4
         END AS target,
         CASE
           WHEN full_members >= getvariable('min_full_members_to_found') AND all_members > 0 THEN in_standalone
           WHEN all_members >= 1 THEN in_joint_or_affiliated
           ELSE in_regional_grid_with_instructor
         END AS met
  FROM unit
),

-- Target 2 (ClassifyStarTarget): STANDALONE organizations existing in Y; met
-- with a star assessment for Y. An organization belongs to the county of its
-- first listed unit when that unit is on file, else of its own region.
org_target AS (
  SELECT coalesce(c.county_id, '') AS county_id,
         2 AS target,
         EXISTS (SELECT 1 FROM typed_star_assessments a
                 WHERE a.shard = o.shard AND a.party_organization_id = o.id
                   AND a.year = getvariable('report_year')) AS met
  FROM org o
  LEFT JOIN host anchor ON anchor.shard = o.shard AND anchor.id = o.host_ids[1]
  LEFT JOIN county_of c
    ON c.shard = o.shard
   AND c.region_id = CASE WHEN anchor.id IS NOT NULL THEN anchor.region_id ELSE o.region_id END
  WHERE o.exists_in_year AND o.formation = 1
),

outcome AS (
  SELECT * FROM unit_target
  UNION ALL
  SELECT * FROM org_target
)
SELECT CASE WHEN grouping(county_id) = 1 THEN NULL ELSE county_id END AS county_id,
       grouping(county_id) = 1 AS is_total,
       count(*) FILTER (WHERE target = 1) AS t1_eligible,
       count(*) FILTER (WHERE target = 1 AND met) AS t1_met,
       count(*) FILTER (WHERE target = 2) AS t2_eligible,
       count(*) FILTER (WHERE target = 2 AND met) AS t2_met,
       count(*) FILTER (WHERE target = 3) AS t3_eligible,
       count(*) FILTER (WHERE target = 3 AND met) AS t3_met,
       count(*) FILTER (WHERE target = 4) AS t4_eligible,
       count(*) FILTER (WHERE target = 4 AND met) AS t4_met
FROM outcome
GROUP BY GROUPING SETS ((county_id), ())
ORDER BY is_total, county_id;
