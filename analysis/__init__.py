"""Pure numeric statistics for the observatory; the public API is `analysis.stats`."""
