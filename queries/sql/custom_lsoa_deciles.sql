-- Chosen 2021 LSOAs with each one's national IMD decile (published for 2011 LSOAs: a 2021 LSOA takes the decile
-- of the 2011 LSOA with the same code, NULL when it has none), as area_lsoa_deciles.sql does for a 2023 ward.
WITH members AS (
    SELECT area_code, area_name, level FROM areas_t WHERE level = $level AND list_contains($codes, area_code)
), deciles AS (
    SELECT area_code, value, period FROM values_t
    WHERE level = 'lsoa_2011' AND indicator_id = 'imd_decile' AND breakdown = 'Persons'
      AND period = (SELECT max_by(period, period_start) FROM values_t
                    WHERE level = 'lsoa_2011' AND indicator_id = 'imd_decile' AND breakdown = 'Persons')
)
SELECT m.area_code, m.area_name, m.level, d.value AS decile, d.period
FROM members m
LEFT JOIN deciles d ON d.area_code = m.area_code
ORDER BY d.value NULLS LAST, m.area_name
