-- One area's every value of every indicator and breakdown, in time order (sparklines of an area profile).
SELECT indicator_id, breakdown, period, period_start, period_end, value, lower_ci, upper_ci, numerator, denominator,
       suppressed, published_judgement, published_comparator, published_by, derivation, release
FROM values_t
WHERE level = $level AND area_code = $code
ORDER BY indicator_id, breakdown, period_start, period
