-- The periods and breakdowns one indicator has at each level, with start dates for ordering.
SELECT level, period, breakdown, MIN(period_start) AS period_start, COUNT(*) AS n_areas
FROM values_t
WHERE indicator_id = $indicator
GROUP BY level, period, breakdown
ORDER BY level, period_start, breakdown
