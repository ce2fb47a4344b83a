-- The catalogue: every indicator with its metadata and coverage, optionally of one theme.
SELECT *
FROM indicators_t
WHERE $theme IS NULL OR theme = $theme
ORDER BY theme, name
