-- The areas whose parent is the given area.
SELECT area_code, area_name, level
FROM areas_t
WHERE parent_code = $code AND ($level IS NULL OR level = $level)
ORDER BY level, area_name
