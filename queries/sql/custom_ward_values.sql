-- Every ward's value of some indicators in some periods (to rank a custom area among Trafford's wards).
SELECT v.indicator_id, v.breakdown, v.period, v.area_code, v.value
FROM values_t v
WHERE v.level = $level AND list_contains($indicators, v.indicator_id) AND list_contains($periods, v.period)
  AND v.value IS NOT NULL
