-- The areas the matched Trafford postcodes lie in, at each level, with how many of them each holds: one postcode
-- asked for in full ($postcode), or every current postcode (March 2025 edition) starting with $prefix (a sector
-- 'M33 7' or a district 'M33 '; '' for none). Order: 2023 wards, 2021 LSOAs, pre-2023 wards, 2021 MSOAs, each by
-- postcodes held.
WITH pc AS (
    SELECT * FROM postcodes_t
    WHERE postcode = $postcode OR ($prefix <> '' AND starts_with(postcode, $prefix) AND in_2025_edition)
), long AS (
    SELECT 'ward_2023' AS level, ward_2023 AS area_code FROM pc
    UNION ALL SELECT 'lsoa_2021', lsoa_2021 FROM pc
    UNION ALL SELECT 'ward_2022', ward_2022 FROM pc
    UNION ALL SELECT 'msoa_2021', msoa_2021 FROM pc
)
SELECT l.level, l.area_code, a.area_name, count(*) AS postcodes,
       count(*) / (SELECT count(*) FROM pc) AS share
FROM long l
LEFT JOIN areas_t a ON a.area_code = l.area_code AND a.level = l.level
WHERE l.area_code IS NOT NULL
GROUP BY l.level, l.area_code, a.area_name
ORDER BY CASE l.level WHEN 'ward_2023' THEN 0 WHEN 'lsoa_2021' THEN 1 WHEN 'ward_2022' THEN 2 ELSE 3 END,
         postcodes DESC, a.area_name, l.area_code
