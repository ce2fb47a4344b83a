-- The coverage table (data.ingest.summaries.coverage_table) computed from the values, for a store built before
-- coverage.parquet existed: each indicator's levels, periods and breakdowns with how many areas have a row.
SELECT indicator_id, level, period, breakdown, MIN(period_start) AS period_start, COUNT(*) AS n_areas
FROM values_t
GROUP BY indicator_id, level, period, breakdown
