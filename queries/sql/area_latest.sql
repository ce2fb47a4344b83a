-- One area's latest value of every indicator it has, with the catalogue fields to show it.
SELECT l.indicator_id, l.breakdown, l.period, l.period_start, l.value, l.lower_ci, l.upper_ci, l.lower_ci_998,
       l.upper_ci_998, l.numerator, l.denominator, l.suppressed,
       i.name, i.theme, i.theme_name, i.unit, i.value_type, i.polarity, i.ci_method, i.publisher, i.licence
FROM latest_t l
JOIN indicators_t i USING (indicator_id)
WHERE l.level = $level AND l.area_code = $code
ORDER BY i.theme, i.name, l.breakdown
