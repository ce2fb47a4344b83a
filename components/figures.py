"""Plotly figures for Explore: the ranked chart with intervals and the trend over time with bands."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.colours import COMPARATOR_COLOURS, JUDGEMENT, NO_DATA, SERIES
from components.format import format_value
from components.intervention_marks import add_plotly_marks
from components.judgement import LABELS

OUTLINE, OUTLINE_WIDTH, SELECTED_OUTLINE, SELECTED_WIDTH = "#6f777b", 0.5, "#0b0c0c", 3  # a ranking bar's edge
TITLE_CHARS = 44  # about what fits on one line of a chart at 390 px at 15 px type
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 13, "color": "#0b0c0c"}


def _wrapped(title: str, width: int = TITLE_CHARS) -> list[str]:
    """A title as lines short enough for a phone (plotly clips a title wider than the chart, it never wraps)."""
    return textwrap.wrap(title, width) or [""]


def _base(fig: go.Figure, title: str, height: int) -> go.Figure:
    lines = _wrapped(title)
    # the legend sits at the very bottom of the figure, below the axis title, so the two never collide
    fig.update_layout(title={"text": "<br>".join(lines), "x": 0, "font": {"size": 15}}, height=height, font=FONT,
                      margin={"l": 60, "r": 20, "t": 30 + 20 * len(lines), "b": 40}, plot_bgcolor="#fff",
                      paper_bgcolor="#fff", hoverlabel={"bgcolor": "#fff"},
                      legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0})
    shown = [t.showlegend for t in fig.data if t.showlegend is not False]
    if len(shown) > 1 or True in shown:  # plotly draws a legend for two traces or more, or when asked
        fig.update_layout(margin={"b": 90})  # room for the legend below the axis title and ticks
    fig.update_yaxes(gridcolor="#e5e7ea", zeroline=False)
    return fig


def empty_figure(message: str, height: int = 320) -> go.Figure:
    """A blank figure carrying a message, for when there is nothing to draw."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font={"size": 14})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base(fig, "", height)


def ranking_figure(rows: pd.DataFrame, selected: list[str], benchmark: float | None, benchmark_name: str,
                   unit: str, value_type: str, title: str) -> go.Figure:
    """Every area ordered by value with 95% whiskers, bars coloured by judgement, benchmark line, selection outlined."""
    data = rows.dropna(subset=["value"]).sort_values("value", ascending=False)
    if data.empty:
        return empty_figure("No values for this indicator, level and period.")
    colours = [JUDGEMENT.get(j, NO_DATA) for j in data["judgement"]]
    # the browser redraws these on a change of selection (assets/30_explore.js, highlight): keep the two in step
    outline = [SELECTED_OUTLINE if c in selected else OUTLINE for c in data["area_code"]]
    width = [SELECTED_WIDTH if c in selected else OUTLINE_WIDTH for c in data["area_code"]]
    err_plus = (data["upper_ci"] - data["value"]).to_numpy()
    err_minus = (data["value"] - data["lower_ci"]).to_numpy()
    how = _derivations(data)
    hover = [f"<b>{n}</b><br>{format_value(v, unit, value_type)}<br>{LABELS.get(j, '')}"
             + ("" if pd.isna(h) else f"<br>Estimated: {h}")
             for n, v, j, h in zip(data["area_name"], data["value"], data["judgement"], how, strict=True)]
    # estimates are hatched, so a map of derived values never reads as published figures
    pattern = {"shape": ["/" if pd.notna(h) else "" for h in how], "fgcolor": "#0b0c0c", "solidity": 0.2}
    fig = go.Figure(go.Bar(
        x=data["area_name"], y=data["value"], customdata=data["area_code"], marker={"color": colours,
        "line": {"color": outline, "width": width}, "pattern": pattern}, hovertext=hover, hoverinfo="text", name=title,
        error_y={"type": "data", "array": err_plus, "arrayminus": err_minus, "visible": bool(np.isfinite(err_plus).any()),
                 "color": "#0b0c0c", "thickness": 1, "width": 2},
    ))
    if benchmark is not None and np.isfinite(benchmark):
        fig.add_hline(y=benchmark, line={"color": "#0b0c0c", "dash": "dash", "width": 1.5},
                      annotation_text=f"{benchmark_name} {format_value(benchmark, unit, value_type)}",
                      annotation_position="top right")
    fig.update_xaxes(showticklabels=len(data) <= 40, tickangle=-60, categoryorder="array",
                     categoryarray=list(data["area_name"]))
    fig.update_yaxes(title_text=unit)
    if how.notna().any():
        fig.add_annotation(text="Hatched bars are estimates: " + "; ".join(sorted(how.dropna().unique())),
                           showarrow=False, x=0, y=1.0, xref="paper", yref="paper", xanchor="left",
                           yanchor="bottom", font={"size": 11, "color": "#505a5f"})
    return _base(fig, f"Ranked: {title}", 380)


def trend_figure(series: pd.DataFrame, order: list[tuple[str, str]], title: str, unit: str, value_type: str,
                 trend_text: dict[str, str], interventions: list[dict] | None = None) -> go.Figure:
    """Each series over true time (period mid-points) with its 95% band; comparators in grey and black.

    `interventions` (dicts of title, start, end, example) are marked: a line at the start, a span while they run.
    """
    if series.empty:
        return empty_figure("No time series for this choice.")
    fig = go.Figure()
    estimated: set[str] = set()
    for i, (code, level) in enumerate(order):
        s = series[(series["area_code"] == code) & (series["level"] == level)].dropna(subset=["value"])
        if s.empty:
            continue
        mid = s["period_start"] + (s["period_end"] - s["period_start"]) / 2
        colour = COMPARATOR_COLOURS.get(level, SERIES[i % len(SERIES)])
        name = s["area_name"].iloc[0] + (f" · {trend_text[code]}" if trend_text.get(code) else "")
        if s["lower_ci"].notna().any():
            fig.add_trace(go.Scatter(x=list(mid) + list(mid[::-1]), y=list(s["upper_ci"]) + list(s["lower_ci"][::-1]),
                                     fill="toself", fillcolor=_alpha(colour, 0.15), line={"width": 0}, mode="lines",
                                     hoverinfo="skip", showlegend=False, name=f"{name} 95% interval"))
        dash = "dot" if level in COMPARATOR_COLOURS else "solid"
        how = _derivations(s)
        hover = "%{customdata}: %{y:,.4~g}" + (unit if unit == "%" else f" {unit}") + f"<extra>{s['area_name'].iloc[0]}</extra>"
        official = how.isna().to_numpy()
        if official.any():
            fig.add_trace(go.Scatter(
                x=mid[official], y=s["value"][official], mode="lines+markers", name=name,
                line={"color": colour, "dash": dash, "width": 2.5}, marker={"size": 7},
                customdata=s["period"][official], hovertemplate=hover))
        if not official.all():
            estimated.update(how.dropna().unique())
            # the dotted run of estimates joins the official points either side, so the line stays one series
            ends = np.flatnonzero(~official)
            keep = np.zeros(len(s), dtype=bool)
            keep[max(ends.min() - 1, 0):min(ends.max() + 2, len(s))] = True
            fig.add_trace(go.Scatter(
                x=mid[keep], y=s["value"][keep], mode="lines+markers", name=f"{s['area_name'].iloc[0]} (estimated)",
                line={"color": colour, "dash": "dot", "width": 2},
                marker={"size": 8, "symbol": np.where(official[keep], "circle", "circle-open").tolist(),
                        "line": {"width": 2, "color": colour}},
                customdata=[p if o else f"{p} (estimated)" for p, o in zip(s["period"][keep], official[keep], strict=True)],
                hovertemplate=hover))
    days = (series["period_end"] - series["period_start"]).dt.days
    fig.update_xaxes(type="date", title_text="Period (placed at its mid-point)",
                     tickformat="%Y" if days.min() >= 300 else "%b %Y", dtick="M12" if days.min() >= 300 else None)
    if series["period_start"].nunique() == 1:  # one period: give the point some room and say there is no trend
        mid = series["period_start"].iloc[0] + (series["period_end"].iloc[0] - series["period_start"].iloc[0]) / 2
        fig.update_xaxes(range=[mid - pd.Timedelta(days=730), mid + pd.Timedelta(days=730)])
        fig.add_annotation(text="Only one period: no trend to show", showarrow=False, x=0.5, y=1.02,
                           xref="paper", yref="paper", font={"size": 12, "color": "#505a5f"})
    fig.update_yaxes(title_text=unit)
    lines: list[str] = []
    if estimated:
        # under the axis title as wrapped lines of its own: a free annotation at a fixed height ran into the axis
        # title and past the edge at phone width
        lines = _wrapped("Hollow points on a dotted line are estimates: " + "; ".join(sorted(estimated)), 52)
        note = "<br>".join(f"<span style='font-size:11px;color:#505a5f'>{line}</span>" for line in lines)
        fig.update_xaxes(title_text=f"Period (placed at its mid-point)<br>{note}")
    if interventions:
        add_plotly_marks(fig, interventions, series["period_end"].max())
    _mark_release_joins(fig, series, order)
    fig = _base(fig, f"Trend: {title}", 380 + 22 * len(lines))
    if lines:
        fig.update_layout(margin={"b": 90 + 22 * len(lines)})  # _base sets the legend's room; the note needs more
    return fig


def release_joins(series: pd.DataFrame, order: list[tuple[str, str]]) -> list[tuple[pd.Timestamp, str, str]]:
    """(where, release before, release after) of each join between releases in the drawn series, once per place:
    half-way between the last point of one release and the first of the next."""
    if "release" not in series:
        return []
    joins: dict[pd.Timestamp, tuple[str, str]] = {}
    for code, level in order:
        s = series[(series["area_code"] == code) & (series["level"] == level)].dropna(subset=["value", "release"])
        s = s.sort_values("period_start")
        mid = s["period_start"] + (s["period_end"] - s["period_start"]) / 2
        rel = s["release"].tolist()
        for i in range(1, len(rel)):
            if rel[i] != rel[i - 1]:
                joins.setdefault(mid.iloc[i - 1] + (mid.iloc[i] - mid.iloc[i - 1]) / 2, (rel[i - 1], rel[i]))
    return [(x, a, b) for x, (a, b) in sorted(joins.items())]


def _mark_release_joins(fig: go.Figure, series: pd.DataFrame, order: list[tuple[str, str]]) -> None:
    """A dotted line where the series passes from one release to another, named in its hover and label."""
    joins = release_joins(series, order)
    span = (series["period_end"].max() - series["period_start"].min()) or pd.Timedelta(days=1)
    groups: list[list[tuple]] = []
    for join in joins:  # joins closer than a label's width share one label (two labels overprinted each other)
        if groups and (join[0] - groups[-1][0][0]) < span * 0.22:
            groups[-1].append(join)
        else:
            groups.append([join])
    for group in groups:
        for x, _, _ in group:
            fig.add_vline(x=x, line={"dash": "dot", "color": "#505a5f", "width": 1.5})
        text = "Release join" if len(group) == 1 else f"{len(group)} release joins"
        fig.add_annotation(x=group[0][0], y=1, yref="paper", text=text, showarrow=False, yanchor="bottom",
                           xanchor="left" if len(group) > 1 else "center", font={"size": 11, "color": "#505a5f"},
                           hovertext=" | ".join(f"Before: {before}; after: {after}" for _, before, after in group))


def _derivations(rows: pd.DataFrame) -> pd.Series:
    """How each row was estimated (None for values as published); 'estimated' where the flag has no method."""
    how = rows["derivation"] if "derivation" in rows else pd.Series(None, index=rows.index, dtype="object")
    flag = rows["estimated"].fillna(False).astype(bool) if "estimated" in rows else pd.Series(False, index=rows.index)
    return how.where(how.notna(), pd.Series(np.where(flag, "estimated", None), index=rows.index)).reset_index(drop=True)


def _alpha(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
