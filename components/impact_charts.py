"""Plotly figures for the impact analysis: interrupted time series, SPC, before and after, and against comparators."""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from analysis.impact_spc import RULE_LABELS
from components.colours import SERIES
from components.figures import FONT, empty_figure

OBSERVED = SERIES[0]
COMPARATOR = "#505a5f"
COUNTERFACTUAL = "#505a5f"
SPAN_FILL = "rgba(29,79,145,0.08)"
FLAG_COLOUR = "#f47738"
FLAG_SYMBOL = "diamond"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def year_label(t: float) -> str:
    """A decimal year as text: 2021.0 -> '2021', 2021.5 -> 'Jul 2021'."""
    year = math.floor(t + 1e-9)
    frac = t - year
    return str(year) if frac < 1e-6 else f"{MONTHS[min(11, int(frac * 12 + 1e-6))]} {year}"


def _unit_suffix(unit: str) -> str:
    return "" if not unit else (unit if unit == "%" else f" {unit}")


def wrap(text: str, width: int = 40) -> str:
    """Break a long title into lines of about `width` characters (plotly never wraps, and phones are narrow)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _title(fig: go.Figure, title: str, top: int = 50) -> None:
    text = wrap(title)
    fig.update_layout(title={"text": text, "x": 0, "font": {"size": 15}},
                      margin={"l": 60, "r": 20, "t": top + 18 * text.count("<br>"), "b": 40})


def _layout(fig: go.Figure, title: str, unit: str, tmin: float, tmax: float, height: int = 400) -> go.Figure:
    """Common look; the x axis in whole years (plotly would print 2,021.5 for a decimal-year axis)."""
    lo, hi = math.floor(tmin), math.ceil(tmax)
    step = max(1, math.ceil((hi - lo) / 8))
    ticks = list(range(lo, hi + 1, step))
    pad = max(0.3, (tmax - tmin) * 0.03)
    fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=[str(v) for v in ticks], range=[tmin - pad, tmax + pad],
                     title_text="Year", showgrid=False, zeroline=False)
    fig.update_yaxes(title_text=unit, gridcolor="#e5e7ea", zeroline=False)
    fig.update_layout(height=height, font=FONT, plot_bgcolor="#fff", paper_bgcolor="#fff",
                      hoverlabel={"bgcolor": "#fff"}, legend={"orientation": "h", "y": -0.2, "x": 0})
    _title(fig, title)
    return fig


def _labels(t: Sequence[float], labels: Sequence[str] | None) -> list[str]:
    if labels is not None and len(labels) == len(t):
        return [str(x) for x in labels]
    return [year_label(float(a)) for a in t]


def _mark_start(fig: go.Figure, start: float, stop: float | None, text: str, lo: float, hi: float) -> None:
    """A line at the start and, when `stop` is after it, a shaded span while the intervention runs."""
    if stop is not None and stop > start:
        fig.add_vrect(x0=start, x1=stop, fillcolor=SPAN_FILL, line_width=0, layer="below")
    fig.add_vline(x=start, line={"color": "#0b0c0c", "width": 1.5})
    # Label on the side with more room, so it is not cut off at the right edge on a phone.
    right_half = hi > lo and (start - lo) / (hi - lo) > 0.5
    fig.add_annotation(x=start, y=1, yref="paper", text=text, showarrow=False, yanchor="bottom",
                       xanchor="right" if right_half else "left",
                       font={"size": 12, "color": "#0b0c0c"}, bgcolor="rgba(255,255,255,0.8)")


WINDOW_FILL = {"before": "rgba(80,90,95,0.07)", "during": SPAN_FILL, "after": "rgba(244,119,56,0.12)"}
WINDOW_TEXT = {"before": "Baseline", "during": "During", "after": "Follow-up"}


def mark_windows(fig: go.Figure, spans: Sequence[tuple[str, float, float]], lo: float, hi: float) -> None:
    """Shade each window (name, first, end in decimal years; an open end stops at `hi`) and name it at the top."""
    # a label's half-width as a share of the x range, at about 6.5 px a letter on a phone's ~300 px plot
    def half(text: str) -> float:
        return len(text) * 6.5 / 300 / 2 * (hi - lo)

    above_right = -math.inf  # where the last label above the plot ends
    for name, a, b in spans:
        b = min(b, hi) if math.isfinite(b) else hi
        a = max(a, lo)
        if b <= a:
            continue
        fig.add_vrect(x0=a, x1=b, fillcolor=WINDOW_FILL.get(name, SPAN_FILL), line_width=0, layer="below")
        text, mid = WINDOW_TEXT.get(name, name), (a + b) / 2
        above = mid - half(text) > above_right  # two short windows' names overprinted: the second goes inside
        if above:
            above_right = mid + half(text)
        fig.add_annotation(x=mid, y=1, yref="paper", text=text, showarrow=False,
                           yanchor="bottom" if above else "top", font={"size": 11, "color": "#0b0c0c"},
                           bgcolor=None if above else "rgba(255,255,255,0.8)")
    starts = [a for name, a, _ in spans if name == "during"]
    if starts:
        fig.add_vline(x=starts[0], line={"color": "#0b0c0c", "width": 1.5})


def series_figure(t: Sequence[float], y: Sequence[float], spans: Sequence[tuple[str, float, float]], title: str,
                  unit: str, labels: Sequence[str] | None = None, used: Sequence[bool] | None = None) -> go.Figure:
    """The whole series with the windows shaded; points outside every window are grey (not used)."""
    pts = [(float(a), float(b), lab, u) for a, b, lab, u in
           zip(t, y, _labels(t, labels), used if used is not None else [True] * len(t), strict=True)]
    if not pts:
        return empty_figure("No values for this area and indicator.")
    suffix = _unit_suffix(unit)
    tt = [p[0] for p in pts]
    first = min([tt[0]] + [a for _, a, _ in spans])
    last = max([tt[-1]] + [b for _, _, b in spans if math.isfinite(b)])
    fig = go.Figure()
    mark_windows(fig, spans, first, last)
    for inside, name, colour in ((True, "Analysed", OBSERVED), (False, "Outside the windows (not used)", "#b1b4b6")):
        part = [p for p in pts if p[3] == inside]
        if part:
            fig.add_trace(go.Scatter(x=[p[0] for p in part], y=[p[1] for p in part], mode="markers", name=name,
                                     marker={"color": colour, "size": 7}, customdata=[p[2] for p in part],
                                     hovertemplate="%{customdata}: %{y:,.4~g}" + suffix + "<extra></extra>"))
    return _layout(fig, title, unit, first, last, height=340)


def _line(x0: float, y0: float, x1: float, y1: float, bounds) -> dict[str, list[float]]:
    """A straight segment held within (lowest, highest): where it would cross a bound it bends and runs along it."""
    xs, ys = [x0, x1], [y0, y1]
    lo, hi = bounds or (None, None)
    for b in (lo, hi):
        if b is not None and (y0 - b) * (y1 - b) < 0:  # crosses the bound between the ends
            xc = x0 + (b - y0) * (x1 - x0) / (y1 - y0)
            xs, ys = [x0, xc, x1], [y0, b, y1]
    ys = [max(v, lo) if lo is not None else v for v in ys]
    return {"x": xs, "y": [min(v, hi) if hi is not None else v for v in ys]}


def its_figure(t: Sequence[float], y: Sequence[float], result, start: float, end: float | None, title: str,
               unit: str, labels: Sequence[str] | None = None,
               spans: Sequence[tuple[str, float, float]] | None = None, bounds=None) -> go.Figure:
    """Observed points, the fitted line each side of the start, the dashed counterfactual and the intervention span.

    `bounds` (lowest, highest) hold the lines within what the indicator can take (a projection never below zero).
    """
    if not getattr(result, "ok", False):
        return empty_figure(wrap(getattr(result, "message", "") or "No analysis to show.", 50))
    pts = sorted((float(a), float(b)) for a, b in zip(t, y, strict=True)
                 if a is not None and b is not None and math.isfinite(float(a)) and math.isfinite(float(b)))
    tt = [p[0] for p in pts]
    text = _labels(tt, labels if labels is not None and len(labels) == len(pts) else None)
    suffix = _unit_suffix(unit)
    s, b0, b1 = result.start, result.level_at_start, result.pre_slope
    first, last = tt[0], tt[-1]
    fig = go.Figure()
    if spans:
        mark_windows(fig, spans, first, max(last, s))
    else:
        stop = end if end is not None and math.isfinite(end) else last
        _mark_start(fig, s, stop, "Intervention starts", first, max(last, s))
    fig.add_trace(go.Scatter(**_line(first, b0 + b1 * (first - s), s, b0, bounds), mode="lines", name="Fitted trend before",
                             line={"color": OBSERVED, "width": 2.5}, hoverinfo="skip"))
    after0 = b0 + result.level_change
    fig.add_trace(go.Scatter(**_line(s, after0, last, after0 + result.post_slope * (last - s), bounds), mode="lines",
                             name="Fitted trend after", line={"color": SERIES[2], "width": 2.5}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(**_line(s, b0, last, b0 + b1 * (last - s), bounds), mode="lines",
                             name="Earlier trend continued",
                             line={"color": COUNTERFACTUAL, "width": 2, "dash": "dash"},
                             hovertemplate="Earlier trend continued: %{y:,.4~g}" + suffix + "<extra></extra>"))
    fig.add_trace(go.Scatter(x=tt, y=[p[1] for p in pts], mode="markers", name="Observed",
                             marker={"color": OBSERVED, "size": 8, "line": {"color": "#fff", "width": 1}},
                             customdata=text, hovertemplate="%{customdata}: %{y:,.4~g}" + suffix + "<extra></extra>"))
    return _layout(fig, title, unit, first, max(last, s))


def spc_figure(result, title: str, unit: str, labels: Sequence[str] | None = None,
               spans: Sequence[tuple[str, float, float]] | None = None) -> go.Figure:
    """The series with centre and limits as steps per phase; special-cause points get a diamond, not only a colour."""
    if not getattr(result, "ok", False):
        return empty_figure(wrap(getattr(result, "message", "") or "No chart to show.", 50))
    pts = result.points
    tt = [p["t"] for p in pts]
    text = _labels(tt, labels)
    suffix = _unit_suffix(unit)
    fig = go.Figure()
    if spans:
        mark_windows(fig, spans, min(tt), max(tt))
    elif result.start is not None:
        _mark_start(fig, result.start, None, "Limits recalculated from the start", min(tt), max(tt))
    for i, phase in enumerate(result.phases):
        ph = [p for p in pts if p["phase"] == phase["name"]]
        x = [p["t"] for p in ph]
        shape = "hvh" if result.kind == "p" else "linear"
        show = i == 0
        fig.add_trace(go.Scatter(x=x, y=[p["centre"] for p in ph], mode="lines", name="Centre line",
                                 legendgroup="centre", showlegend=show, line={"color": "#505a5f", "width": 1.5,
                                 "shape": shape}, hovertemplate="Centre: %{y:,.4~g}" + suffix + "<extra></extra>"))
        for key, label in (("upper", "Upper"), ("lower", "Lower")):
            fig.add_trace(go.Scatter(x=x, y=[p[key] for p in ph], mode="lines", name="Control limits (3 sigma)",
                                     legendgroup="limits", showlegend=show and key == "upper",
                                     line={"color": "#0b0c0c", "width": 1, "dash": "dash",
                                           "shape": shape},
                                     hovertemplate=f"{label} limit: " + "%{y:,.4~g}" + suffix + "<extra></extra>"))
    fig.add_trace(go.Scatter(x=tt, y=[p["y"] for p in pts], mode="lines+markers", name="Observed",
                             line={"color": OBSERVED, "width": 2}, marker={"size": 7, "color": OBSERVED},
                             customdata=text, hovertemplate="%{customdata}: %{y:,.4~g}" + suffix + "<extra></extra>"))
    flagged = [(p, lab) for p, lab in zip(pts, text, strict=True) if p["flags"]]
    if flagged:
        fig.add_trace(go.Scatter(
            x=[p["t"] for p, _ in flagged], y=[p["y"] for p, _ in flagged], mode="markers",
            name="Special cause (diamond)",
            marker={"symbol": FLAG_SYMBOL, "size": 13, "color": FLAG_COLOUR, "line": {"color": "#0b0c0c", "width": 1.5}},
            customdata=[f"{lab}<br>" + "<br>".join(RULE_LABELS.get(f, f) for f in p["flags"]) for p, lab in flagged],
            hovertemplate="%{customdata}<br>%{y:,.4~g}" + suffix + "<extra>Special cause</extra>",
        ))
    return _layout(fig, title, unit, min(tt), max(tt))


def before_after_figure(result, title: str = "", unit: str = "",
                        names: tuple[str, str] = ("Before the start", "From the start")) -> go.Figure:
    """The mean before and after with 95% error bars, and the difference written above."""
    if not getattr(result, "ok", False):
        return empty_figure(wrap(getattr(result, "message", "") or "No comparison to show.", 50))
    suffix = _unit_suffix(unit)
    x = [f"{names[0]}<br>({result.n_before} points)", f"{names[1]}<br>({result.n_after} points)"]
    means = [result.before_mean, result.after_mean]
    plus = [result.before_upper - result.before_mean, result.after_upper - result.after_mean]
    minus = [result.before_mean - result.before_lower, result.after_mean - result.after_lower]
    ci = [(result.before_lower, result.before_upper), (result.after_lower, result.after_upper)]
    fig = go.Figure(go.Scatter(
        x=x, y=means, mode="markers", name="Mean with 95% interval",
        marker={"size": 14, "color": [COMPARATOR, OBSERVED], "symbol": ["circle", "square"]},
        error_y={"type": "data", "array": plus, "arrayminus": minus, "color": "#0b0c0c", "thickness": 1.5, "width": 8},
        customdata=[f"{lo:,.4g} to {hi:,.4g}" for lo, hi in ci],
        hovertemplate="%{x}<br>Mean %{y:,.4~g}" + suffix + "<br>95% interval %{customdata}<extra></extra>",
    ))
    sign = "+" if result.difference > 0 else ""
    dsuffix = " percentage points" if unit == "%" else suffix  # a difference of percentages is in points
    fig.add_annotation(x=0.5, y=1.02, xref="paper", yref="paper", showarrow=False, yanchor="bottom",
                       text=(f"Difference {sign}{result.difference:,.3g}{dsuffix}<br>95% interval "
                             f"{result.difference_lower:,.3g} to {result.difference_upper:,.3g}"),
                       font={"size": 13})
    fig.update_xaxes(type="category", showgrid=False, range=[-0.6, 1.6])
    fig.update_yaxes(title_text=unit, gridcolor="#e5e7ea", zeroline=False)
    fig.update_layout(height=380, font=FONT, showlegend=False, plot_bgcolor="#fff", paper_bgcolor="#fff")
    _title(fig, title, top=95)
    return fig


def did_figure(t: Sequence[float], y_treated: Sequence[float], comparators_mean: Sequence[float], start: float,
               title: str, unit: str, result=None, labels: Sequence[str] | None = None,
               treated_name: str = "This area", comparator_name: str = "Comparators (mean)",
               spans: Sequence[tuple[str, float, float]] | None = None) -> go.Figure:
    """Treated and comparator-mean series, the start, and (with a result) where the treated would be had it moved like them."""
    if result is not None and not result.ok:
        return empty_figure(wrap(result.message or "No comparison to show.", 50))
    rows = [(float(a), b, c) for a, b, c in zip(t, y_treated, comparators_mean, strict=True)
            if a is not None and math.isfinite(float(a))]
    if not rows:
        return empty_figure("No points to compare.")
    rows.sort()
    tt = [r[0] for r in rows]
    text = _labels(tt, labels if labels is not None and len(labels) == len(rows) else None)
    suffix = _unit_suffix(unit)
    hover = "%{customdata}: %{y:,.4~g}" + suffix
    fig = go.Figure()
    if spans:
        mark_windows(fig, spans, tt[0], max(tt[-1], start))
    else:
        _mark_start(fig, start, None, "Intervention starts", tt[0], max(tt[-1], start))
    fig.add_trace(go.Scatter(x=tt, y=[r[2] for r in rows], mode="lines+markers", name=comparator_name,
                             line={"color": COMPARATOR, "width": 2, "dash": "dot"},
                             marker={"symbol": "square", "size": 7, "color": COMPARATOR},
                             customdata=text, hovertemplate=hover + f"<extra>{comparator_name}</extra>"))
    fig.add_trace(go.Scatter(x=tt, y=[r[1] for r in rows], mode="lines+markers", name=treated_name,
                             line={"color": OBSERVED, "width": 2.5}, marker={"size": 8, "color": OBSERVED},
                             customdata=text, hovertemplate=hover + f"<extra>{treated_name}</extra>"))
    post = [a for a in tt if a >= start]
    if result is not None and post:
        pre = [a for a in tt if a < start]
        for xs, mean, name in (([pre[0], start], result.treated_before, "before"),
                               ([start, post[-1]], result.treated_after, "after")):
            fig.add_trace(go.Scatter(x=xs, y=[mean, mean], mode="lines", name="Period means",
                                     legendgroup="means", showlegend=name == "after",
                                     line={"color": OBSERVED, "width": 1.2},
                                     hovertemplate=f"Mean {name}: " + "%{y:,.4~g}" + suffix + "<extra></extra>"))
        level = result.treated_before + result.comparator_change
        fig.add_trace(go.Scatter(x=[start, post[-1]], y=[level, level], mode="lines",
                                 name="Had it changed like the comparators",
                                 line={"color": COUNTERFACTUAL, "width": 2, "dash": "dash"},
                                 hovertemplate="Expected from the comparators: %{y:,.4~g}" + suffix + "<extra></extra>"))
    return _layout(fig, title, unit, tt[0], tt[-1])
