-- Values of comparator areas for given (indicator, period, breakdown) triples.
SELECT v.indicator_id, v.period, v.breakdown, v.area_code, v.level, v.value, v.lower_ci, v.upper_ci
FROM values_t v
WHERE v.level IN ('la', 'combined_authority', 'region', 'england')
  AND v.area_code IN (SELECT UNNEST($codes))
  AND v.indicator_id IN (SELECT UNNEST($indicators))
