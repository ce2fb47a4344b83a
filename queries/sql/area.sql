-- One area by code (a code can stand at two levels, e.g. an LSOA unchanged between vintages).
SELECT * FROM areas_t WHERE area_code = $code ORDER BY level
