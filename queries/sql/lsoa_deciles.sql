-- LSOAs with the national IMD decile of each (imd_decile is published for 2011 LSOAs only: a 2021 LSOA takes the
-- decile of the 2011 LSOA with the same code, NULL when it has none): either the chosen ones ($codes, of $level: a
-- custom area) or, when $codes is NULL, the members of the area $code of $level.
-- Members: pre-2023 wards and 2011 MSOAs by the 2011 LSOAs' parent and MSOA; 2023 wards by the 2021 LSOAs'
-- best-fit ward; 2021 MSOAs by the 2021 LSOAs' MSOA; a local authority by the 2011 LSOAs' la_code.
WITH members AS (
    SELECT area_code, area_name, level FROM areas_t
    WHERE (level = $level AND list_contains(coalesce($codes, []::VARCHAR[]), area_code))
       OR ($level = 'ward_2022' AND level = 'lsoa_2011' AND parent_code = $code)
       OR ($level = 'msoa_2011' AND level = 'lsoa_2011' AND msoa_code = $code)
       OR ($level = 'ward_2023' AND level = 'lsoa_2021' AND parent_code = $code)
       OR ($level = 'msoa_2021' AND level = 'lsoa_2021' AND msoa_code = $code)
       OR ($level = 'la' AND level = 'lsoa_2011' AND la_code = $code)
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
