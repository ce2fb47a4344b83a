-- Trafford's, Greater Manchester's and England's values of some indicators in every period (a custom area's
-- comparators, matched to its latest period of each indicator after the sums).
SELECT indicator_id, breakdown, period, level, value, lower_ci, upper_ci
FROM values_t
WHERE list_contains($indicators, indicator_id)
  AND ((level = 'la' AND area_code = $la) OR (level = 'combined_authority' AND area_code = $ca)
       OR (level = 'england' AND area_code = $england))
