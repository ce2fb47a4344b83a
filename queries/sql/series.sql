-- Every period of one indicator for a set of (area, level) pairs: an area and its comparators.
SELECT v.area_code, v.level, a.area_name, v.period, v.period_start, v.period_end, v.value, v.lower_ci,
       v.upper_ci, v.numerator, v.denominator, v.suppressed
FROM values_t v
JOIN areas_t a ON a.area_code = v.area_code AND a.level = v.level
WHERE v.indicator_id = $indicator AND v.breakdown = $breakdown
  AND v.level IN (SELECT UNNEST($levels)) AND v.area_code IN (SELECT UNNEST($codes))
ORDER BY v.area_code, v.period_start, v.period
