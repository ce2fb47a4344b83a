-- Every value of every indicator for a chosen set of areas of one level (a custom area's parts), with the counts
-- behind each value: summed over the parts by analysis.combine.
SELECT indicator_id, breakdown, period, period_start, period_end, area_code, value, numerator, denominator,
       suppressed
FROM values_t
WHERE level = $level AND list_contains($codes, area_code)
ORDER BY indicator_id, breakdown, period_start, period, area_code
