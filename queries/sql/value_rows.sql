-- One indicator's value rows for chosen levels and periods (and optionally one breakdown and some areas), in a
-- stable order for paging. list_contains, not IN: it is pushed into the parquet scan (see series.sql).
SELECT indicator_id, level, area_code, period, period_start, period_end, breakdown, value, lower_ci, upper_ci,
       lower_ci_998, upper_ci_998, numerator, denominator, suppressed, estimated, provisional, source_path,
       published_judgement, published_comparator, published_by, derivation, release
FROM values_t
WHERE indicator_id = $indicator
  AND list_contains($levels, level)
  AND list_contains($periods, period)
  AND ($breakdown IS NULL OR breakdown = $breakdown)
  AND ($codes IS NULL OR list_contains($codes, area_code))
ORDER BY level, period_start, period, area_code, breakdown
LIMIT $limit OFFSET $offset
