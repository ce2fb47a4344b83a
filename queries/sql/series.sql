-- One (area, level) pair's every period of one indicator, from the by-area copy's view of that level
-- (values_by_area_<level>, a name queries.values takes from the checked level): its bucket (the code's first
-- characters, data.schema.area_bucket) picks one small file, then an equality on area_code,
-- which the row groups' min/max of area_code narrow to one small row group (a list filter over several codes
-- would prune none). queries.values joins one copy per pair with UNION ALL, numbering $pair_code and
-- $pair_level and $pair_bucket ($pair_code1, ...), plus series_comparators.sql for the comparators.
SELECT area_code, CAST($pair_level AS VARCHAR) AS level, area_name, period, period_start, period_end, value,
       lower_ci, upper_ci, numerator, denominator, suppressed, published_judgement, published_comparator, published_by, derivation, release
FROM values_by_area_LEVEL
WHERE bucket = $pair_bucket AND area_code = $pair_code AND indicator_id = $indicator AND breakdown = $breakdown
