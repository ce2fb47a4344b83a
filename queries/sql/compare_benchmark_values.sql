-- One comparator area's values of several indicators in every period (to match each indicator's chosen period).
SELECT indicator_id, period, value, lower_ci, upper_ci
FROM values_t
WHERE level = $level AND area_code = $code AND breakdown = $breakdown AND list_contains($indicators, indicator_id)
ORDER BY indicator_id, period_start
