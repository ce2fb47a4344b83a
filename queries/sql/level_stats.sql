-- Spread of one indicator across a level in one period (precomputed at build).
SELECT * FROM stats_t
WHERE indicator_id = $indicator AND level = $level AND period = $period AND breakdown = $breakdown
