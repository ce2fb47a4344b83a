-- One area's latest value of every indicator it has, with the catalogue fields to show it and the benchmarks
-- (Trafford, Greater Manchester, England) in the same period, which the latest table carries beside each row.
SELECT l.indicator_id, l.breakdown, l.period, l.period_start, l.value, l.lower_ci, l.upper_ci, l.lower_ci_998,
       l.upper_ci_998, l.numerator, l.denominator, l.suppressed,
       l.published_judgement, l.published_comparator, l.published_by, l.derivation, l.release,
       i.name, i.theme, i.theme_name, i.unit, i.value_type, i.polarity, i.ci_method, i.publisher, i.licence,
       l.trafford_value, l.trafford_lower, l.trafford_upper, l.gm_value, l.gm_lower, l.gm_upper,
       l.england_value, l.england_lower, l.england_upper
FROM latest_t l
JOIN indicators_t i USING (indicator_id)
WHERE l.level = $level AND l.area_code = $code
ORDER BY i.theme, i.name, l.breakdown
