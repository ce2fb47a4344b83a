-- Every area of one level, by name.
SELECT area_code, area_name, level, parent_code, parent_level, la_code, ward_code, msoa_code, lon, lat, area_sqkm
FROM areas_t
WHERE level = $level
ORDER BY area_name
