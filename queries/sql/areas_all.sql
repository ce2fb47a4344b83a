-- Every area of every level. No ORDER BY: the build stores the table in AREA_SORT order, which a scan keeps
-- (sorting 48k rows here cost about 18 MB of peak memory); catalog_cache.areas checks it.
SELECT * FROM areas_t
