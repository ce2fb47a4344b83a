"""The preview before publishing: a ranked chart with suppressed areas named, and a table marking suppressed cells."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import html

from components.figures import FONT, empty_figure
from components.format import format_interval, format_value

BAR = "#1d4f91"


def preview_figure(rows: pd.DataFrame, unit: str, value_type: str, title: str, threshold: int) -> go.Figure:
    """Areas ordered by value with 95% whiskers; suppressed areas listed under the chart, not drawn."""
    shown = rows[~rows["suppressed"] & rows["value"].notna()].sort_values("value", ascending=False)
    hidden = rows[rows["suppressed"]]
    if shown.empty:
        return empty_figure("Nothing to draw: every value here is missing or suppressed.")
    err_plus = (shown["upper_ci"] - shown["value"]).to_numpy(dtype=float)
    err_minus = (shown["value"] - shown["lower_ci"]).to_numpy(dtype=float)
    hover = [f"<b>{n}</b><br>{format_value(v, unit, value_type)} {format_interval(lo, hi, unit, value_type)}"
             for n, v, lo, hi in zip(shown["area_name"], shown["value"], shown["lower_ci"], shown["upper_ci"],
                                     strict=True)]
    fig = go.Figure(go.Bar(x=shown["area_name"], y=shown["value"], marker={"color": BAR}, hovertext=hover,
                           hoverinfo="text", error_y={"type": "data", "array": err_plus, "arrayminus": err_minus,
                                                      "visible": bool(np.isfinite(err_plus).any()),
                                                      "color": "#0b0c0c", "thickness": 1, "width": 2}))
    if len(hidden):  # named in the title: an annotation under the axis would collide with the area names
        names = ", ".join(hidden["area_name"].fillna(hidden["area_code"]).head(6))
        more = f" and {len(hidden) - 6} more" if len(hidden) > 6 else ""
        title += f"<br><sup>Not drawn, suppressed (counts under {threshold}): {names}{more}</sup>"
    fig.update_layout(title={"text": title, "x": 0, "font": {"size": 15}}, height=400, font=FONT,
                      margin={"l": 60, "r": 20, "t": 70, "b": 40}, plot_bgcolor="#fff", paper_bgcolor="#fff",
                      showlegend=False)
    fig.update_xaxes(showticklabels=len(shown) <= 40, tickangle=-60)
    fig.update_yaxes(title_text=unit, gridcolor="#e5e7ea", zeroline=False)
    return fig


def preview_table(rows: pd.DataFrame, unit: str, value_type: str, threshold: int, source: str,
                  limit: int = 60) -> html.Div:
    """Each area's value, interval and counts as the public would see them; suppressed rows say so in words."""
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in ("Area", "Code", "Value", "95% interval",
                                                                   "Numerator", "Denominator")]))
    body = []
    for r in rows.sort_values("area_name").head(limit).itertuples():
        if r.suppressed:
            cells = [html.Td(html.Span(f"⊘ Suppressed (count under {threshold})", className="upload-suppressed"),
                             colSpan=4)]
        else:
            cells = [html.Td(format_value(r.value, unit, value_type)),
                     html.Td(format_interval(r.lower_ci, r.upper_ci, unit, value_type) or "—"),
                     html.Td(format_value(r.numerator, "", "count")), html.Td(format_value(r.denominator, "", "count"))]
        body.append(html.Tr([html.Td(r.area_name), html.Td(r.area_code), *cells]))
    caption = f"{len(rows):,} areas; {int(rows['suppressed'].sum()):,} suppressed" + (
        f" (first {limit} shown)" if len(rows) > limit else "")
    return html.Div([
        html.P(source, className="small mb-1"),  # outside the table, so it wraps on a phone
        html.Div(html.Table([html.Caption(caption), head, html.Tbody(body)],
                            className="table table-sm table-striped caption-top upload-preview-table"),
                 className="table-responsive"),
    ])
