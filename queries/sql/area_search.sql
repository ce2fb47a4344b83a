-- Areas whose name or code matches text, Trafford's small areas first.
SELECT area_code, area_name, level,
    CASE WHEN upper(area_code) = upper($q) THEN 0 WHEN lower(area_name) LIKE $q || '%' THEN 1 ELSE 2 END AS match_rank
FROM areas_t
WHERE lower(area_name) LIKE '%' || $q || '%' OR upper(area_code) LIKE upper($q) || '%'
ORDER BY match_rank, CASE WHEN la_code = 'E08000009' THEN 0 ELSE 1 END, area_name, level
LIMIT $limit
