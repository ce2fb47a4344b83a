-- Several indicators across the areas of a level, each in one period: $period where the indicator has it, else
-- (when $period is NULL) the indicator's latest period at this level. Only areas with a row are returned.
WITH v AS (
    SELECT indicator_id, area_code, period, period_start, value, lower_ci, upper_ci, numerator, denominator,
           suppressed, published_judgement, published_comparator, published_by
    FROM values_t
    WHERE level = $level AND breakdown = $breakdown AND list_contains($indicators, indicator_id)
), chosen AS (
    SELECT indicator_id, max_by(period, period_start) AS period
    FROM v
    WHERE $period IS NULL OR period = $period
    GROUP BY indicator_id
)
SELECT v.indicator_id, v.area_code, a.area_name, v.period, v.value, v.lower_ci, v.upper_ci, v.numerator,
       v.denominator, v.suppressed, v.published_judgement, v.published_comparator, v.published_by
FROM v
JOIN chosen USING (indicator_id, period)
JOIN areas_t a ON a.area_code = v.area_code AND a.level = $level
WHERE $parent IS NULL OR a.parent_code = $parent OR a.la_code = $parent
ORDER BY v.indicator_id, a.area_name
