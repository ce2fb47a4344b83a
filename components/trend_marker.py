"""Recent-trend markers in words and arrows (never colour alone)."""

from __future__ import annotations

MARKERS = {"increasing": "↑ Increasing", "decreasing": "↓ Decreasing", "no_significant_change": "→ No significant change",
           "cannot_be_calculated": "Trend cannot be calculated"}
JUDGEMENTS = {"getting_better": "getting better", "getting_worse": "getting worse"}


def trend_label(trend) -> str:
    """'↑ Increasing, getting worse' from a recent_trend() result."""
    text = MARKERS.get(trend.marker, "")
    return f"{text}, {JUDGEMENTS[trend.judgement]}" if trend.judgement in JUDGEMENTS else text
