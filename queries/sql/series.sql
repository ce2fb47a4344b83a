-- Every period of one indicator for up to 8 (area, level) pairs ($c1/$l1 ...; unused pairs NULL), in time order.
-- Read from the by-area copy: each branch is an equality on the level partition and on area_code, which the
-- row groups' min/max of area_code narrow to one small row group (a list filter would prune none of them).
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed
FROM values_by_area_t
WHERE level = $l1 AND area_code = $c1 AND indicator_id = $indicator AND breakdown = $breakdown
UNION ALL
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed
FROM values_by_area_t
WHERE level = $l2 AND area_code = $c2 AND indicator_id = $indicator AND breakdown = $breakdown
UNION ALL
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed
FROM values_by_area_t
WHERE level = $l3 AND area_code = $c3 AND indicator_id = $indicator AND breakdown = $breakdown
UNION ALL
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed
FROM values_by_area_t
WHERE level = $l4 AND area_code = $c4 AND indicator_id = $indicator AND breakdown = $breakdown
UNION ALL
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed
FROM values_by_area_t
WHERE level = $l5 AND area_code = $c5 AND indicator_id = $indicator AND breakdown = $breakdown
UNION ALL
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed
FROM values_by_area_t
WHERE level = $l6 AND area_code = $c6 AND indicator_id = $indicator AND breakdown = $breakdown
UNION ALL
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed
FROM values_by_area_t
WHERE level = $l7 AND area_code = $c7 AND indicator_id = $indicator AND breakdown = $breakdown
UNION ALL
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed
FROM values_by_area_t
WHERE level = $l8 AND area_code = $c8 AND indicator_id = $indicator AND breakdown = $breakdown
ORDER BY area_code, period_start, period
