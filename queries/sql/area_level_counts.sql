-- How many areas each level has.
SELECT level, count(*) AS n FROM areas_t GROUP BY level
