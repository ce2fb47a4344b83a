-- One indicator and period for every area of a level that has a row. No join and no sort: the values carry
-- their area's name and each (indicator, period, breakdown) run is stored in name order (VALUE_SORT), which a
-- scan keeps (preserve_insertion_order); queries.values checks the order and pads areas with no row.
-- No source_path: one indicator and period comes from one file, named with the indicator (per row it cost
-- a quarter of the read).
SELECT area_code, area_name, value, lower_ci, upper_ci, lower_ci_998, upper_ci_998, numerator, denominator,
       suppressed, estimated, provisional, period, period_start, period_end, published_judgement, published_comparator, published_by, derivation, release
FROM values_t
WHERE level = $level AND ($file IS NULL OR filename = $file) AND indicator_id = $indicator AND period = $period
      AND breakdown = $breakdown
