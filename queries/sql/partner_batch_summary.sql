-- One partner batch's rows counted by indicator, level and period ($path: its rows.parquet), with how many have
-- a value and how many have a count below $threshold (suppressed in anything public).
SELECT indicator_id, level, period, count(*) AS n_rows, count(value) AS n_values,
       count(*) FILTER (WHERE numerator < $threshold OR denominator < $threshold) AS n_small
FROM read_parquet($path)
GROUP BY indicator_id, level, period
ORDER BY indicator_id, level, period
