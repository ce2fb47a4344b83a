-- The vintage links (area_links rows) that start or end at one area code.
SELECT * FROM area_links_t WHERE from_code = $code OR to_code = $code
