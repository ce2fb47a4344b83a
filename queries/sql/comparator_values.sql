-- Values of comparator areas for given (indicator, period, breakdown) triples.
-- list_contains is pushed into the parquet scan; the indicator semi join prunes row groups by indicator.
SELECT v.indicator_id, v.period, v.breakdown, v.area_code, v.level, v.value, v.lower_ci, v.upper_ci
FROM values_t v
WHERE v.level IN ('la', 'combined_authority', 'region', 'england')
  AND list_contains($codes, v.area_code)
  AND v.indicator_id IN (SELECT UNNEST($indicators))
