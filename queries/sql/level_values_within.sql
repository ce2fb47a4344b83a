-- One indicator and period for every area of a level within a parent area (areas without a value kept, value NULL).
WITH v AS (
    SELECT area_code, value, lower_ci, upper_ci, lower_ci_998, upper_ci_998, numerator, denominator,
           suppressed, estimated, provisional, period, period_start, period_end, published_judgement, published_comparator, published_by, derivation, release
    FROM values_t
    WHERE level = $level AND ($file IS NULL OR filename = $file) AND indicator_id = $indicator AND period = $period
      AND breakdown = $breakdown
)
SELECT a.area_code, a.area_name, v.* EXCLUDE (area_code)
FROM areas_t a
LEFT JOIN v ON v.area_code = a.area_code
WHERE a.level = $level AND ($parent IS NULL OR a.parent_code = $parent OR a.la_code = $parent)
ORDER BY a.area_name
