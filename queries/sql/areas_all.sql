-- Every area of every level (small: Trafford's areas and the comparators).
SELECT * FROM areas_t ORDER BY level, area_name
