-- Every indicator's periods at each level (Persons only), with the indicator's theme, for Compare's filters.
SELECT v.indicator_id, i.theme, v.level, v.period, MIN(v.period_start) AS period_start, COUNT(*) AS n_areas
FROM values_t v
JOIN indicators_t i USING (indicator_id)
WHERE v.breakdown = $breakdown
GROUP BY v.indicator_id, i.theme, v.level, v.period
ORDER BY i.theme, v.indicator_id, v.level, period_start
