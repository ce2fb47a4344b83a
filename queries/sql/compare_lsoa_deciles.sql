-- The LSOAs of a local authority with the national IMD decile of each (1 = most deprived 10%). imd_decile is
-- published for 2011 LSOAs only: a 2021 LSOA takes the decile of the 2011 LSOA with the same code, NULL if none.
WITH deciles AS (
    SELECT area_code, value, period FROM values_t
    WHERE level = 'lsoa_2011' AND indicator_id = 'imd_decile' AND breakdown = 'Persons'
      AND period = (SELECT max_by(period, period_start) FROM values_t
                    WHERE level = 'lsoa_2011' AND indicator_id = 'imd_decile' AND breakdown = 'Persons')
)
SELECT a.area_code, a.area_name, d.value AS decile, d.period
FROM areas_t a
LEFT JOIN deciles d ON d.area_code = a.area_code
WHERE a.level = $level AND a.la_code = $la
ORDER BY a.area_name
