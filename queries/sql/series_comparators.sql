-- Every period of one indicator for comparator areas (local authority, combined authority, region, England),
-- from the indicator-sorted values: these levels' partitions are small and an indicator's rows in each are one
-- contiguous run, so one scan filtered by indicator serves every comparator at once (one branch, not four).
-- $files names the indicator's file at each of these levels, so only those four are opened.
SELECT area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
       denominator, suppressed, published_judgement, published_comparator, published_by, derivation, release
FROM values_t
WHERE level IN ('la', 'combined_authority', 'region', 'england') AND indicator_id = $indicator
  AND ($files IS NULL OR list_contains($files, filename)) AND breakdown = $breakdown
  AND list_contains($comparator_codes, area_code)
