-- The spread across the area's level (min, quartiles, max) of each indicator at the area's latest period.
SELECT s.indicator_id, s.breakdown, s.period, s.n, s.min, s.q1, s.median, s.q3, s.max, s.mean
FROM latest_t l
JOIN stats_t s ON s.indicator_id = l.indicator_id AND s.level = l.level AND s.period = l.period
              AND s.breakdown = l.breakdown
WHERE l.level = $level AND l.area_code = $code
