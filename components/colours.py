"""Colours: a colour-blind-safe sequential scale for values and the GOV.UK judgement palette (FingertipsNext)."""

SEQUENTIAL = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"]  # ColorBrewer PuBu: safe for colour blindness
NO_DATA = "#d9d9d9"
JUDGEMENT = {"better": "#00703c", "best": "#00703c", "similar": "#ffdd00", "worse": "#d4351c", "worst": "#d4351c",
             "higher": "#003078", "highest": "#003078", "lower": "#5694ca", "lowest": "#5694ca",
             "not_compared": "#ffffff"}
JUDGEMENT_ORDER = ["better", "similar", "worse", "higher", "lower", "not_compared"]
SERIES = ["#1d4f91", "#d4351c", "#00703c", "#912b88", "#f47738", "#28a197", "#6f72af", "#b58840"]
COMPARATOR_COLOURS = {"la": "#505a5f", "combined_authority": "#8d6e63", "england": "#0b0c0c"}
