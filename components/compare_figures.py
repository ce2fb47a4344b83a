"""Compare's charts: one indicator against another with a fitted line, and an indicator by deprivation group.

Built as plain figure dicts, not plotly.graph_objects: the objects' validation costs tens of milliseconds a
figure, a good share of the 300 ms a view may take.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from components.figures import FONT, TITLE_CHARS
from components.format import format_value


def _layout(title: str, height: int, x_title: str, y_title: str) -> dict:
    """The house layout (as components.figures._base) as a dict."""
    return {"title": {"text": title, "x": 0, "font": {"size": 15}}, "height": height, "font": FONT,
            "margin": {"l": 70, "r": 20, "t": 50, "b": 40}, "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
            # the legend at the very bottom, below the axis title (at a fixed height under the plot it ran into a
            # two-line title on a phone)
            "hoverlabel": {"bgcolor": "#fff"},
            "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
            "xaxis": {"title": {"text": x_title}, "gridcolor": "#e5e7ea", "zeroline": False, "automargin": True},
            "yaxis": {"title": {"text": y_title}, "gridcolor": "#e5e7ea", "zeroline": False, "automargin": True},
            "shapes": [], "annotations": []}


def message_figure(message: str, height: int = 320) -> dict:
    """A blank figure carrying a message, for when there is nothing to draw."""
    layout = _layout("", height, "", "")
    layout["xaxis"]["visible"] = layout["yaxis"]["visible"] = False
    layout["annotations"] = [{"text": message, "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper",
                              "yref": "paper", "font": {"size": 14}}]
    return {"data": [], "layout": layout}


def _axis_title(meta: dict, limit: int = 36, line: int | None = None) -> str:
    """An axis title short enough to fit beside the plot (the full name is in the controls and hover); with `line`,
    in lines of at most that many characters (the x axis: one long line ran off a phone's screen)."""
    if line:
        text = f"{meta['name']} ({meta['unit']})" if len(meta["unit"]) <= 6 else meta["name"]
        lines = textwrap.wrap(text, line)
        if len(lines) > 2:
            lines = [lines[0], lines[1][: line - 1].rstrip() + "…"]
        return "<br>".join(lines)
    name = meta["name"] if len(meta["name"]) <= limit else meta["name"][: limit - 1].rstrip() + "…"
    return f"{name} ({meta['unit']})" if len(meta["unit"]) <= 6 else name


def _list(values) -> list:
    """Floats for JSON, None where missing."""
    return [None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v) for v in values]


def scatter_figure(rows: pd.DataFrame, fit, x_meta: dict, y_meta: dict, selected: list[str],
                   bench_name: str) -> dict:
    """Areas as points (hover names each), the fitted line with R² and n, quadrants at the benchmark values."""
    data = rows.dropna(subset=["x", "y"])
    if data.empty:
        return message_figure("No area has values for both indicators.")
    hover = [f"<b>{n}</b><br>{x_meta['name']}: {format_value(x, x_meta['unit'], x_meta['value_type'])}"
             f"<br>{y_meta['name']}: {format_value(y, y_meta['unit'], y_meta['value_type'])}"
             for n, x, y in zip(data["area_name"], data["x"], data["y"], strict=True)]
    traces = [{"type": "scatter", "x": _list(data["x"]), "y": _list(data["y"]), "mode": "markers", "name": "Areas",
               "hovertext": hover, "hoverinfo": "text", "customdata": data["area_code"].tolist(),
               "marker": {"size": 9, "color": "#1d4f91", "opacity": 0.75, "line": {"color": "#fff", "width": 1}}}]
    if np.isfinite(fit.slope):
        xs = np.array([data["x"].min(), data["x"].max()])
        traces.append({"type": "scatter", "x": _list(xs), "y": _list(fit.intercept + fit.slope * xs),
                       "mode": "lines", "name": "Fitted line", "line": {"color": "#d4351c", "width": 2},
                       "hoverinfo": "skip"})
    sel = data[data["area_code"].isin(selected)]
    if len(sel):
        traces.append({"type": "scatter", "x": _list(sel["x"]), "y": _list(sel["y"]), "mode": "markers+text",
                       "text": sel["area_name"].tolist(), "name": "Chosen", "textposition": "top center",
                       "hoverinfo": "skip", "marker": {"size": 14, "symbol": "diamond", "color": "#f47738",
                                                       "line": {"color": "#0b0c0c", "width": 1.5}}})
    r2 = "n/a" if not np.isfinite(fit.r2) else f"{fit.r2:.2f}"
    layout = _layout(f"R² = {r2}, n = {fit.n} areas", 480, _axis_title(x_meta, line=34), _axis_title(y_meta))
    layout["margin"]["b"] = 100  # the axis title's two lines, then the legend
    line = {"color": "#505a5f", "dash": "dash", "width": 1}
    x_bench, y_bench = data["x_bench"].iloc[0], data["y_bench"].iloc[0]
    if pd.notna(x_bench):
        layout["shapes"].append({"type": "line", "xref": "x", "yref": "paper", "x0": float(x_bench),
                                 "x1": float(x_bench), "y0": 0, "y1": 1, "line": line})
        layout["annotations"].append({"text": f"{bench_name} {format_value(x_bench, x_meta['unit'])}", "x": float(x_bench),
                                      "xref": "x", "y": 1, "yref": "paper", "showarrow": False, "yanchor": "bottom"})
    if pd.notna(y_bench):
        layout["shapes"].append({"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1,
                                 "y0": float(y_bench), "y1": float(y_bench), "line": line})
        layout["annotations"].append({"text": f"{bench_name} {format_value(y_bench, y_meta['unit'])}", "x": 1,
                                      "xref": "paper", "y": float(y_bench), "yref": "y", "showarrow": False,
                                      "xanchor": "right", "yanchor": "bottom"})
    return {"data": traces, "layout": layout}


def inequality_figure(groups: pd.DataFrame, meta: dict, group_word: str) -> dict:
    """The value of each deprivation group with 95% whiskers; 1 is the most deprived."""
    g = groups.dropna(subset=["value"])
    if g.empty:
        return message_figure("No LSOA values with a deprivation decile.")
    labels = [f"{int(k)}" for k in g["group"]]  # the axis title says 1 is the most deprived (a long first label
    # turned every label on its side and took a third of the chart on a phone)
    hover = [f"<b>{group_word.title()} {int(k)}</b><br>{format_value(v, meta['unit'], meta['value_type'])} "
             f"({format_value(lo, '', meta['value_type'])} to {format_value(hi, '', meta['value_type'])})<br>"
             f"{int(n)} LSOAs" for k, v, lo, hi, n in zip(g["group"], g["value"], g["lower"], g["upper"],
                                                          g["n_areas"], strict=True)]
    bar = {"type": "bar", "x": labels, "y": _list(g["value"]), "name": meta["name"], "hovertext": hover,
           "hoverinfo": "text", "marker": {"color": "#5694ca", "line": {"color": "#003078", "width": 1}},
           "error_y": {"type": "data", "array": _list(g["upper"] - g["value"]),
                       "arrayminus": _list(g["value"] - g["lower"]), "visible": bool(g["lower"].notna().any()),
                       "color": "#0b0c0c", "width": 3}}
    title = "<br>".join(textwrap.wrap(f"{meta['name']} by deprivation {group_word}", TITLE_CHARS))
    layout = _layout(title, 400 + 20 * title.count("<br>"),
                     f"National deprivation {group_word}<br>(1 = most deprived)", meta["unit"])
    layout["margin"]["t"] = 30 + 20 * (title.count("<br>") + 1)  # plotly clips a title wider than the chart
    layout["xaxis"]["type"] = "category"
    return {"data": [bar], "layout": layout}
