"""Intervention marks on trends: a line at the start, a light span while it runs, the title on hover.

Marks are plain dicts {"title", "start", "end", "example"} (dates or ISO text; end None = still running).
Pure builders: the page decides which interventions cover the area and indicator shown.
"""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

MARK_COLOUR = "#6f3c96"  # purple: apart from the series colours and the judgement palette
SPAN_FILL = "rgba(111,60,150,0.08)"


def mark_label(mark: dict) -> str:
    """The title as shown on a chart: 'Example: ...' for the shipped examples."""
    title = str(mark.get("title") or "Intervention")
    return title if not mark.get("example") or title.startswith("Example: ") else f"Example: {title}"


def _when(value) -> pd.Timestamp | None:
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    try:
        return pd.Timestamp(value)
    except (ValueError, TypeError):
        return None


def period_text(mark: dict) -> str:
    """'from Apr 2016 to Mar 2017' or 'from Apr 2022, still running'."""
    start, end = _when(mark.get("start")), _when(mark.get("end"))
    if start is None:
        return ""
    return f"from {start:%b %Y}" + (f" to {end:%b %Y}" if end is not None else ", still running")


def add_plotly_marks(fig: go.Figure, marks: list[dict], right_edge) -> go.Figure:
    """Shapes for each intervention on a date x axis, and a hoverable ▼ marker at the top of the plot."""
    right = _when(right_edge)
    xs, texts = [], []
    for mark in marks or []:
        start = _when(mark.get("start"))
        if start is None:
            continue
        end = _when(mark.get("end")) or right or start
        label = mark_label(mark)
        fig.add_shape(type="rect", xref="x", yref="paper", x0=start, x1=max(end, start), y0=0, y1=1,
                      fillcolor=SPAN_FILL, line={"width": 0}, layer="below", name=f"intervention span: {label}")
        fig.add_shape(type="line", xref="x", yref="paper", x0=start, x1=start, y0=0, y1=1,
                      line={"color": MARK_COLOUR, "width": 1.5, "dash": "dash"}, name=f"intervention: {label}")
        xs.append(start)
        texts.append(f"<b>{escape(label)}</b><br>{period_text(mark)}" +
                     (f"<br>{escape(str(mark['area']))}" if mark.get("area") else ""))
    if xs:
        # shapes do not hover: a marker on an invisible 0-1 axis sits at the top and carries the title
        fig.add_trace(go.Scatter(x=xs, y=[1] * len(xs), yaxis="y2", mode="markers", name="Interventions",
                                 marker={"symbol": "triangle-down", "size": 12, "color": MARK_COLOUR},
                                 hovertext=texts, hoverinfo="text", showlegend=True, cliponaxis=False,
                                 meta="interventions"))
        fig.update_layout(yaxis2={"overlaying": "y", "range": [0, 1.02], "visible": False, "fixedrange": True})
    return fig


def _ordinal(value) -> float | None:
    when = _when(value)
    return None if when is None else float(when.date().toordinal())


def svg_marks(marks: list[dict], sx, lo: float, hi: float, height: float) -> str:
    """SVG for sparkline marks: a light span and a thin line, each group with a <title> (x in date ordinals)."""
    parts = []
    for mark in marks or []:
        start = _ordinal(mark.get("start"))
        if start is None or start > hi:
            continue
        end = _ordinal(mark.get("end"))
        end = hi if end is None else min(end, hi)
        a, b = sx(max(start, lo)), sx(max(end, lo))
        line = (f'<line x1="{a:.1f}" x2="{a:.1f}" y1="0" y2="{height:g}" stroke="{MARK_COLOUR}" stroke-width="1" '
                'stroke-dasharray="2,1"/>') if start >= lo else ""
        parts.append(f'<g class="intervention"><title>{escape(mark_label(mark))} {escape(period_text(mark))}'
                     f'</title><rect x="{a:.1f}" y="0" width="{max(b - a, 0.5):.1f}" height="{height:g}" '
                     f'fill="{MARK_COLOUR}" fill-opacity="0.12"/>{line}</g>')
    return "".join(parts)


def marks_sentence(marks: list[dict]) -> str:
    """The marks in words for a chart's text alternative: 'Interventions: X from Apr 2016 to Mar 2017.'"""
    items = [f"{mark_label(m)} {period_text(m)}" for m in marks or [] if _when(m.get("start")) is not None]
    return ("Intervention: " if len(items) == 1 else "Interventions: ") + "; ".join(items) + "." if items else ""
