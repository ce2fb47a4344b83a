-- How many rows value_rows.sql gives for the same filters (without paging).
SELECT COUNT(*) AS n
FROM values_t
WHERE indicator_id = $indicator
  AND list_contains($levels, level)
  AND list_contains($periods, period)
  AND ($breakdown IS NULL OR breakdown = $breakdown)
  AND ($codes IS NULL OR list_contains($codes, area_code))
