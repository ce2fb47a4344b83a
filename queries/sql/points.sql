-- Facility points of one category (or all), for a map layer.
SELECT point_id, category, category_label, name, address, postcode, lon, lat, source_path
FROM points_t
WHERE $category IS NULL OR category = $category
ORDER BY category, name
