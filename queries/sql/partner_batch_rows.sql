-- Every row of one partner batch's rows.parquet ($path, a file under the state folder's batches/), in a stable
-- order: indicator, level, period, area, breakdown.
SELECT indicator_id, area_code, area_name, level, period, breakdown, value, lower_ci, upper_ci, numerator,
       denominator
FROM read_parquet($path)
ORDER BY indicator_id, level, period, area_code, breakdown
