-- The area's rank among its siblings (same parent) for every indicator at the area's latest period; 1 is the
-- best (the highest value where no judgement is made, as in area_rank.sql). Ties share a rank.
WITH mine AS (
    SELECT indicator_id, period, breakdown FROM latest_t WHERE level = $level AND area_code = $code
), siblings AS (
    SELECT area_code FROM areas_t WHERE level = $level AND parent_code IS NOT DISTINCT FROM $parent
      AND CAST(tier AS VARCHAR) IS DISTINCT FROM 'county'  -- counties are comparators, not ranked beside their districts
), vals AS (
    SELECT v.indicator_id, v.breakdown, v.period, v.area_code, v.value, i.polarity
    FROM values_t v
    JOIN mine m ON m.indicator_id = v.indicator_id AND m.period = v.period AND m.breakdown = v.breakdown
    JOIN siblings s ON s.area_code = v.area_code
    JOIN indicators_t i ON i.indicator_id = v.indicator_id
    WHERE v.level = $level AND v.value IS NOT NULL
), ranked AS (
    SELECT indicator_id, breakdown, period, area_code,
           RANK() OVER (PARTITION BY indicator_id, breakdown, period
                        ORDER BY CASE WHEN polarity = 'low_is_good' THEN value ELSE -value END) AS rank,
           COUNT(*) OVER (PARTITION BY indicator_id, breakdown, period) AS n
    FROM vals
)
SELECT indicator_id, breakdown, period, rank, n FROM ranked WHERE area_code = $code
