"""A judgement badge: colour and word together, so colour is never the only cue."""

from __future__ import annotations

from dash import html

LABELS = {"better": "▲ Better", "worse": "▼ Worse", "similar": "● Similar", "best": "▲▲ Best", "worst": "▼▼ Worst",
          "higher": "▲ Higher", "lower": "▼ Lower", "highest": "▲▲ Highest", "lowest": "▼▼ Lowest",
          "not_compared": "○ Not compared"}


def judgement_badge(judgement: str, explanation: str = "", comparator: str = "") -> html.Span:
    """A coloured badge with a symbol and word; the explanation is its tooltip and screen-reader text."""
    label = LABELS.get(judgement, "○ Not compared")
    text = f"{label} than {comparator}" if comparator and judgement not in ("similar", "not_compared") else label
    if comparator and judgement == "similar":
        text = f"{label} to {comparator}"
    return html.Span(text, className=f"judgement judgement-{judgement}", title=explanation,
                     **{"aria-label": explanation or text})
