"""Compare's five views for one state: each returns the section's children (or a clear message) and its CSV."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
from dash import dcc, html

import queries
from components import urls
from components.compare_csv import csv_text
from components.compare_figures import inequality_figure, scatter_figure
from components.compare_grid import grid_caption, grid_html, quintile_key
from components.compare_tables import inequality_table, scatter_table, side_table, similar_table
from components.format import format_value
from components.ids import page_id
from data.schema import BENCHMARKS, LEVEL_PLURAL, LEVELS, THEMES
from pages._compare_data import (
    area_order,
    grid_rows,
    inequality_groups,
    level_areas,
    meta,
    scatter_rows,
    side_rows,
    similar_rows,
    similarity_on,
)
from pages._compare_state import CompareState

FAILURES = (queries.QueryError, ValueError, KeyError, IndexError)
GRID_HOST, GRID_HTML = page_id("compare", "grid-host"), page_id("compare", "grid-html")
GRAPH_CONFIG = {"displaylogo": False, "responsive": True}


def _names(level: str) -> dict[str, str]:
    return level_areas(level).set_index("area_code")["area_name"].to_dict()


def _bench_name(state: CompareState) -> str:
    return BENCHMARKS[state.benchmark][2]


def _source_line(ids: list[str]) -> html.P:
    """Who publishes the numbers shown and under which licence."""
    cat = meta()
    used = cat.loc[[i for i in dict.fromkeys(ids) if i in cat.index]]
    text = "; ".join(sorted({f"{r.publisher} ({r.licence})" for r in used.itertuples()}))
    return html.P(f"Sources: {text}.", className="small text-muted mt-2 mb-0")


def _message(text: str, color: str = "info") -> dbc.Alert:
    return dbc.Alert(text, color=color, className="mb-0")


def grid_view(state: CompareState, cov: pd.DataFrame) -> list:
    """The overview grid with a note of indicators lacking the chosen period."""
    try:
        rows, shown, absent = grid_rows(state, cov)
    except FAILURES as err:
        return [_message(f"Nothing to show: {err}", "warning")]
    if not shown:
        return [_message(f"No indicator of {THEMES[state.theme]} has data for {LEVELS[state.level]} in "
                         f"{state.period}. Choose another period or level.")]
    areas = level_areas(state.level)
    order = area_order(rows, areas, state.sort, state.order)
    plural = LEVEL_PLURAL.get(state.level, "areas")
    table = grid_html(rows, shown, meta(), order, _names(state.level), state.level, state.benchmark,
                      _bench_name(state), state.sort, plural)
    out = [html.P(grid_caption(_bench_name(state), plural), className="small mb-1", **{"aria-hidden": "true"}),
           quintile_key(),
           html.Div(className="cmp-grid-wrap", id=GRID_HOST, tabIndex=0, role="region",
                    **{"aria-label": "Overview grid, scrolls sideways and down"}),
           dcc.Store(id=GRID_HTML, data=table)]
    if absent:
        out.insert(0, html.P(f"Not available for {state.period}: " + ", ".join(meta().loc[absent, "name"]) + ".",
                             className="small text-muted"))
    return out + [_source_line(shown)]


def scatter_view(state: CompareState) -> list:
    """The scatter with its fit figures and a table alternative."""
    try:
        rows, fit = scatter_rows(state)
    except FAILURES as err:
        return [_message(f"Nothing to show: {err}", "warning")]
    cat = meta()
    xm, ym = cat.loc[state.x].to_dict(), cat.loc[state.y].to_dict()
    if state.x == state.y:
        note = "Both axes show the same indicator: choose another for one of them."
    elif fit.n < 3:
        note = f"Only {fit.n} areas have both values: too few to fit a line."
    else:
        direction = "rises" if fit.slope > 0 else "falls"
        note = (f"Across {fit.n} areas, {ym['name'].lower()} {direction} by "
                f"{format_value(abs(fit.slope), '', ym['value_type'])} {ym['unit']} for each 1 {xm['unit']} more "
                f"{xm['name'].lower()}; R² = {fit.r2:.2f} (the share of the spread the line accounts for). "
                "An association, not proof of cause.")
    periods = f"Periods: {', '.join(sorted(set(rows['x_period'].dropna())))} (x); " \
              f"{', '.join(sorted(set(rows['y_period'].dropna())))} (y). " + (
                  f"Dashed lines mark {_bench_name(state)}'s values: the quadrants." if rows[["x_bench", "y_bench"]]
                  .notna().any().any() else f"{_bench_name(state)} has no value in these periods: no quadrants.")
    return [html.P(note, className="cmp-stat", role="status"), html.P(periods, className="small text-muted"),
            dcc.Graph(figure=scatter_figure(rows, fit, xm, ym, state.areas, _bench_name(state)),
                      config=GRAPH_CONFIG, className="cmp-graph"),
            html.Details([html.Summary("Table of the values"), scatter_table(rows, xm, ym)]),
            _source_line([state.x, state.y])]


def inequality_view(state: CompareState, cov: pd.DataFrame) -> list:
    """The indicator by deprivation group with SII, RII and their intervals, and a table alternative."""
    try:
        groups, ineq, facts = inequality_groups(state, cov)
    except FAILURES as err:
        return [_message(f"Nothing to show: {err}", "warning")]
    m = meta().loc[state.ineq].to_dict()
    word = state.groups
    if groups.empty:
        return [_message("No LSOA has both a value and a deprivation decile for this indicator.")]
    how = ("Each group's figure is recomputed from the summed counts of its LSOAs." if facts["summed"] else
           "This indicator has no counts: each group's figure is the plain mean of its LSOAs, with a t interval.")
    lines = [html.P([f"{m['name']}, {LEVELS[facts['level']]}, {facts['period']}: {facts['n_lsoas']} LSOAs of "
                     f"Trafford by national IMD {facts['imd_period']} {word}. {how}"]
                    + ([f" {facts['no_decile']} LSOAs without a 2011 code have no decile and are left out."]
                       if facts["no_decile"] else []), className="small")]
    if ineq is None:
        lines.append(_message(f"Trafford's LSOAs fall in fewer than two {word}s: no gradient to measure."))
    else:
        sii_text = format_value(ineq.sii, "", m["value_type"])
        limits = "" if np.isnan(ineq.sii_lower) else \
            f" (95% interval {format_value(ineq.sii_lower, '', m['value_type'])} to " \
            f"{format_value(ineq.sii_upper, '', m['value_type'])})"
        rii = "" if np.isnan(ineq.rii) else f"{ineq.rii:.2f}" + ("" if np.isnan(ineq.rii_lower) else
                                                               f" (95% interval {ineq.rii_lower:.2f} to {ineq.rii_upper:.2f})")
        sig = "" if np.isnan(ineq.sii_lower) else (" The gap is significant." if ineq.sii_lower > 0 or ineq.sii_upper < 0
                                                    else " The gap is not significant.")
        lines.append(html.P([html.Strong("Slope index of inequality: "), f"{sii_text} {'percentage points' if m['unit'] == '%' else m['unit']}{limits}. ",
                             html.Strong("Relative index: "), f"{rii}.{sig}"], className="cmp-stat", role="status"))
        lines.append(html.P("The SII is the modelled gap from the most to the least deprived end of the country's "
                            "range (negative: lower in less deprived areas); the RII is their ratio.",
                            className="small text-muted"))
    return lines + [dcc.Graph(figure=inequality_figure(groups, m, word), config=GRAPH_CONFIG),
                    html.Details([html.Summary("Table of the groups"), inequality_table(groups, m, word)], open=True),
                    _source_line([state.ineq, "imd_decile"])]


def side_view(state: CompareState, cov: pd.DataFrame) -> list:
    """The chosen areas across the theme's indicators with differences from the first."""
    names = _names(state.level)
    areas = [a for a in state.areas if a in names]
    if len(areas) < 2:
        return [_message("Choose two to six areas in “Chosen areas” above to set them side by side.")]
    try:
        rows = side_rows(CompareState(**{**state.__dict__, "areas": areas}), cov)
    except FAILURES as err:
        return [_message(f"Nothing to show: {err}", "warning")]
    if rows.empty:
        return [_message("No indicator of this theme has values for these areas.")]
    return [side_table(rows, meta(), areas, names, _bench_name(state)), _source_line(rows["indicator_id"].tolist())]


def similar_view(state: CompareState, cov: pd.DataFrame) -> list:
    """The areas most like the target on the chosen indicators, with a link to set them side by side."""
    names = _names(state.level)
    target = state.target if state.target in names else (state.areas[0] if state.areas and state.areas[0] in names
                                                         else next(iter(sorted(names, key=names.get)), ""))
    if not target:
        return [_message("This level has no areas.")]
    try:
        near, matrix = similar_rows(state, cov, target)
    except FAILURES as err:
        return [_message(f"Nothing to show: {err}", "warning")]
    if near.empty:
        return [_message(f"{names[target]} has no values on these indicators to compare.")]
    on = similarity_on(state, cov)
    side = CompareState(**{**state.__dict__, "view": "side", "areas": [target] + near["area_code"].tolist()[:5]})
    return [html.P(f"Compared on {len(on)} indicators, each scaled to standard deviations across "
                   f"{LEVELS[state.level]} so that none dominates by its units.", className="small"),
            similar_table(near, matrix, target, names[target], meta()),
            html.A(f"Set {names[target]} and these areas side by side", href=urls.compare_url(**side.params()),
                   className="btn btn-outline-primary btn-sm"), _source_line(on)]


def view_csv(view: str, state: CompareState, cov: pd.DataFrame) -> tuple[str, str]:
    """The CSV text and file name of one view."""
    cat, bench = meta(), f"Benchmark: {_bench_name(state)}."
    level = LEVELS[state.level]
    if view == "grid":
        rows, shown, _ = grid_rows(state, cov)
        rows = rows.assign(indicator_name=rows["indicator_id"].map(cat["name"]), unit=rows["indicator_id"].map(cat["unit"]))
        cols = ["indicator_id", "indicator_name", "unit", "period", "area_code", "area_name", "value", "lower_ci",
                "upper_ci", "numerator", "denominator", "bench_value", "judgement"]
        return csv_text(rows[cols], f"Compare overview: {THEMES[state.theme]}, {level}, {state.period}", cat, shown,
                        bench), f"compare_grid_{state.theme}_{state.level}.csv"
    if view == "scatter":
        rows, fit = scatter_rows(state)
        frame = rows.rename(columns={"x": state.x, "y": state.y})
        title = f"Compare: {state.y} against {state.x}, {level}; fit y = {fit.intercept:.4g} + {fit.slope:.4g} x, " \
                f"R² = {fit.r2:.3f}, n = {fit.n}"
        return csv_text(frame, title, cat, [state.x, state.y], bench), f"compare_scatter_{state.x}_{state.y}.csv"
    if view == "inequality":
        groups, ineq, facts = inequality_groups(state, cov)
        stats = "no gradient" if ineq is None else (f"SII {ineq.sii:.4g} ({ineq.sii_lower:.4g} to {ineq.sii_upper:.4g}),"
                                                    f" RII {ineq.rii:.4g} ({ineq.rii_lower:.4g} to {ineq.rii_upper:.4g})")
        return csv_text(groups, f"Compare: {state.ineq} by national IMD {state.groups}, {LEVELS[facts['level']]} "
                        f"{facts['period']}; {stats}", cat, [state.ineq, "imd_decile"], bench), \
            f"compare_inequality_{state.ineq}.csv"
    if view == "side":
        rows = side_rows(state, cov)
        return csv_text(rows, f"Compare side by side: {', '.join(state.areas)}, {THEMES[state.theme]}, {level}; "
                        f"differences from {state.areas[0] if state.areas else ''}", cat,
                        rows["indicator_id"].tolist(), bench), "compare_side_by_side.csv"
    names = _names(state.level)
    target = state.target if state.target in names else (state.areas[0] if state.areas else min(names, key=names.get))
    near, _ = similar_rows(state, cov, target)
    near = near.assign(alike_on=near["alike_on"].map(";".join))
    return csv_text(near, f"Compare: areas most like {names.get(target, target)} ({target}), {level}", cat,
                    similarity_on(state, cov), bench), f"compare_similar_{target}.csv"
