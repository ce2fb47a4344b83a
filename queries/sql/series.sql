-- One (area, level) pair's every period of one indicator, from the by-area copy's view of that level
-- (values_by_area_<level>, a name queries.values takes from the checked level): an equality on area_code,
-- which the row groups' min/max of area_code narrow to one small row group (a list filter over several codes
-- would prune none). queries.values joins one copy per pair with UNION ALL, numbering $pair_code and
-- $pair_level ($pair_code1, $pair_level1, ...), plus series_comparators.sql for the comparators.
SELECT area_code, CAST($pair_level AS VARCHAR) AS level, area_name, period, period_start, period_end, value,
       lower_ci, upper_ci, numerator, denominator, suppressed
FROM values_by_area_LEVEL
WHERE area_code = $pair_code AND indicator_id = $indicator AND breakdown = $breakdown
