-- Every period of one indicator for a set of (area, level) pairs: an area and its comparators.
-- list_contains, not IN (SELECT UNNEST(...)): it is pushed into the parquet scan as a filter (a semi join is
-- not), so only the matching rows of the indicator's row groups are read on (about 2x faster).
SELECT v.area_code, v.level, a.area_name, v.period, v.period_start, v.period_end, v.value, v.lower_ci,
       v.upper_ci, v.numerator, v.denominator, v.suppressed
FROM values_t v
JOIN areas_t a ON a.area_code = v.area_code AND a.level = v.level
WHERE v.indicator_id = $indicator AND v.breakdown = $breakdown
  AND list_contains($levels, v.level) AND list_contains($codes, v.area_code)
ORDER BY v.area_code, v.period_start, v.period
