-- The periods and breakdowns one indicator has at each level, with start dates for ordering (coverage_t: a small
-- table sorted by indicator, written by the build).
SELECT level, period, breakdown, period_start, n_areas
FROM coverage_t
WHERE indicator_id = $indicator
ORDER BY level, period_start, breakdown
