-- Every period label with its dates and type.
SELECT period, period_start, period_end, period_type FROM periods_t ORDER BY period_start, period
