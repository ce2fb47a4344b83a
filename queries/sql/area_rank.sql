-- The rank of each area among its siblings (same parent) for one indicator and period; 1 = highest
-- value when $descending, else lowest. Ties share a rank. Counties (tier 'county') are left out.
WITH siblings AS (
    SELECT a.area_code FROM areas_t a
    WHERE a.level = $level AND a.parent_code IS NOT DISTINCT FROM $parent
      AND CAST(a.tier AS VARCHAR) IS DISTINCT FROM 'county'  -- counties are comparators, not ranked beside their districts
)
SELECT v.area_code, v.value,
       RANK() OVER (ORDER BY CASE WHEN $descending THEN -v.value ELSE v.value END) AS rank,
       COUNT(*) OVER () AS n
FROM values_t v
JOIN siblings s USING (area_code)
WHERE v.level = $level AND ($file IS NULL OR v.filename = $file) AND v.indicator_id = $indicator AND v.period = $period AND v.breakdown = $breakdown
  AND v.value IS NOT NULL
