-- The spread across Trafford's wards (min, quartiles, max) of some indicators in some periods (spine charts).
SELECT indicator_id, breakdown, period, n, min, q1, median, q3, max, mean
FROM stats_t
WHERE level = $level AND list_contains($indicators, indicator_id) AND list_contains($periods, period)
