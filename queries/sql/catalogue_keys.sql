-- Everything a request may name, to check identifiers before a query runs.
SELECT 'indicator' AS kind, indicator_id AS key, NULL AS level FROM indicators_t
UNION ALL SELECT 'area', area_code, level FROM areas_t
