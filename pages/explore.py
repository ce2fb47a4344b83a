"""Explore: one indicator as a linked map, ranked chart, trend and table, with its state in the URL."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import (
    ALL,
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    dash_table,
    dcc,
    html,
)
from dash.exceptions import PreventUpdate

import queries
from components import urls
from components.choropleth import (
    CLASSIFY,
    GM_BOUNDS,
    TRAFFORD_BOUNDS,
    choropleth_map,
    legend,
    map_styling,
    points_layer_id,
)
from components.explore_parts import download_rows, metadata_panel, period_marks, table_columns, table_records
from components.figures import empty_figure, ranking_figure, trend_figure
from components.ids import page_id
from components.trend_marker import trend_label
from config import tile_url
from data.schema import BENCHMARKS, GREATER_MANCHESTER, LEVELS, MAP_LEVELS
from pages._boundary import guarded
from pages._explore_data import benchmark_value, intervention_marks, level_rows, trend_series, trends
from pages._explore_profile import PROFILE_LINKS, profile_links
from pages._explore_state import ExploreState, explore_levels, parse_state
from queries import catalog_cache

dash.register_page(__name__, path=urls.EXPLORE, name="Explore", order=1, title="Explore · Trafford Data Observatory")

P = "explore"
ID = {k: page_id(P, k) for k in ("theme", "indicator", "level", "period", "periods", "play", "timer", "benchmark",
                                 "classify", "breakdown", "map", "geojson", "legend", "ranking", "trend", "table",
                                 "meta", "selected", "state", "hideout", "notices", "download", "download-btn",
                                 "title", "url-sink", "layers")}


def _indicator_options(catalogue: pd.DataFrame, theme: str | None) -> list[dict]:
    rows = catalogue if not theme else catalogue[catalogue["theme"] == theme]
    return [{"label": f"{r.name} ({r.unit}; latest {r.latest_period})", "value": r.indicator_id,
             "search": f"{r.name} {r.theme_name}"} for r in rows.sort_values("name").itertuples()
            if explore_levels(r.levels)]


def _level_options(have: list[str]) -> list[dict]:
    return [{"label": LEVELS[lv] if lv in have else f"{LEVELS[lv]} (no data for this indicator)", "value": lv,
             "disabled": lv not in have} for lv in MAP_LEVELS]


def classify_options(fallback: str | None) -> list[dict]:
    """The map colour choices; when significance cannot be shown its label says what the map shows instead."""
    return [{"label": f"{CLASSIFY[fallback].split(' (')[0]}: no significance here"
             if k == "significance" and fallback else v, "value": k} for k, v in CLASSIFY.items()]


def _play_title(periods: list) -> str:
    return "Only one period: nothing to play" if len(periods) < 2 else "Play through the periods"


def _control(label: str, control, width: dict) -> dbc.Col:
    return dbc.Col(html.Div([dbc.Label(label, html_for=control.id, className="small fw-semibold mb-1"), control]),
                   **width, className="mb-2")


@guarded("Explore")
def layout(**query) -> html.Div:
    """The page for a URL; invalid parameters fall back to defaults with a visible notice."""
    catalogue = queries.indicators()
    state, notices = parse_state(query, catalogue, catalog_cache.coverage)
    level_codes = set(queries.areas_of_level(state.level)["area_code"])
    unknown = [a for a in state.areas if a not in level_codes]
    if unknown:
        notices.append(f"Not areas of {LEVELS[state.level]}: {', '.join(unknown[:5])}; left out of the selection.")
        state.areas = [a for a in state.areas if a in level_codes]
    if "benchmark" not in query and benchmark_value(state)[0] is None:
        state.benchmark = "la"  # England lacks this period (e.g. a Trafford-only source): compare with Trafford
    cats = queries.geometry.point_categories()
    meta = catalogue.set_index("indicator_id").loc[state.indicator]
    cov = catalog_cache.coverage(state.indicator)
    cov = cov[cov["breakdown"] == state.breakdown]
    periods = cov[cov["level"] == state.level].sort_values("period_start")["period"].tolist()
    areas = queries.areas_of_level(state.level)
    if state.level == "la":
        areas = areas[areas["parent_code"] == GREATER_MANCHESTER]
    # the first paint carries its data: no round trip for the views after the page loads
    hideout, legend_view, ranking, table, meta_view, _q, title, highlight, classify_opts = update_views(
        state.indicator, state.level, periods.index(state.period) if state.period in periods else 0, state.benchmark,
        state.classify, state.breakdown, state.areas, periods)
    filters = dbc.Row([
        _control("Theme", dcc.Dropdown(id=ID["theme"], options=[{"label": t, "value": k} for k, t in
                 catalogue.drop_duplicates("theme").set_index("theme")["theme_name"].items()],
                 value=meta["theme"], clearable=True, placeholder="All themes"), {"md": 3}),
        _control("Indicator", dcc.Dropdown(id=ID["indicator"], options=_indicator_options(catalogue, meta["theme"]),
                 value=state.indicator, clearable=False, searchable=True), {"md": 5}),
        _control("Areas", dcc.Dropdown(id=ID["level"], options=_level_options(explore_levels(cov["level"].unique())),
                 value=state.level, clearable=False), {"md": 2}),
        _control("Breakdown", dcc.Dropdown(id=ID["breakdown"], options=sorted(cov["breakdown"].unique()) or
                 [state.breakdown], value=state.breakdown, clearable=False), {"md": 2}),
        _control("Compare with", dcc.Dropdown(id=ID["benchmark"], options=[{"label": b[2], "value": k} for k, b
                 in BENCHMARKS.items()], value=state.benchmark, clearable=False), {"md": 3}),
        _control("Map colours", dcc.Dropdown(id=ID["classify"], options=classify_opts,
                 value=state.classify, clearable=False), {"md": 4}),  # wide enough for its fallback label
        dbc.Col([dbc.Label("Period", html_for=ID["period"], className="small fw-semibold mb-1"),
                 html.Div([html.Button("▶ Play", id=ID["play"], className="btn btn-secondary btn-sm me-2",
                                       n_clicks=0, disabled=len(periods) < 2,
                                       title=_play_title(periods), **{"aria-label": "Play through the periods"}),
                           html.Div(dcc.Slider(id=ID["period"], min=0, max=max(len(periods) - 1, 0), step=1,
                                               value=periods.index(state.period) if state.period in periods else 0,
                                               marks=period_marks(periods), included=False,
                                               allow_direct_input=False),
                                    className="flex-grow-1 ms-3 me-3")],  # room for the end labels' halves
                          className="d-flex align-items-center")], md=5, className="mb-2"),
    ], className="explore-panel g-2")
    trend = update_trend(state.indicator, state.level, state.benchmark, state.breakdown, state.areas)
    selector_options = [{"label": r.area_name, "value": r.area_code} for r in areas.itertuples()]
    selector = _control("Selected areas (type to add; the map, chart and table also select)", dcc.Dropdown(
        id=ID["selected"], options=selector_options,
        value=state.areas, multi=True, placeholder="Click the map (Shift-click to add) or choose here"), {"md": 12})
    return html.Div([
        html.H1("Explore an indicator", className="h2"),
        html.Div([dbc.Alert(n, color="warning", className="py-1 mb-1") for n in notices], id=ID["notices"],
                 className="notice-list", role="status"),
        filters,
        dbc.Row(selector, className="explore-panel g-2"),
        html.Div(profile_links(state.areas, state.level, selector_options), id=PROFILE_LINKS, className="small mb-2",
                 **{"aria-live": "polite"}),
        dcc.Store(id=ID["periods"], data=periods),
        dcc.Store(id=ID["state"], data=state.query()),
        dcc.Store(id=ID["hideout"], data=hideout),
        dcc.Interval(id=ID["timer"], interval=1500, disabled=True),
        html.Div(id=ID["url-sink"], hidden=True),
        dbc.Row([
            dbc.Col([html.Section([html.H2(title, id=ID["title"]),
                                   choropleth_map(ID["geojson"], ID["map"], state.level, tile_url(),
                                                  [(r.category, r.category_label) for r in cats.itertuples()],
                                                  ID["layers"], P),
                                   html.Div(legend_view, id=ID["legend"], className="mt-2")],
                                  className="explore-panel", **{"aria-label": "Map"})], lg=7),
            dbc.Col(html.Section(dcc.Loading(html.Div(meta_view, id=ID["meta"])), className="explore-panel",
                                 **{"aria-label": "About this indicator"}), lg=5),
        ]),
        dbc.Row([
            dbc.Col(html.Section(dcc.Loading(dcc.Graph(id=ID["ranking"], figure=ranking,
                    config={"displaylogo": False, "toImageButtonOptions": {"filename": "ranking"}})),
                    className="explore-panel"), lg=6),
            dbc.Col(html.Section(dcc.Loading(dcc.Graph(id=ID["trend"], figure=trend,
                    config={"displaylogo": False, "toImageButtonOptions": {"filename": "trend"}})),
                    className="explore-panel"), lg=6),
        ]),
        html.Section([
            html.Div([html.H2("Table", className="me-auto"),
                      dbc.Button("Download CSV", id=ID["download-btn"], color="primary", size="sm")],
                     className="d-flex align-items-center mb-2"),
            dcc.Download(id=ID["download"]),
            dash_table.DataTable(id=ID["table"], columns=table_columns(), data=table, sort_action="native",
                                 style_data_conditional=highlight,
                                 page_size=25, style_table={"overflowX": "auto"}, cell_selectable=True,
                                 style_cell={"fontFamily": "inherit", "fontSize": "0.875rem", "textAlign": "left"},
                                 style_header={"fontWeight": "600", "backgroundColor": "#f3f2f1"}),
        ], className="explore-panel", **{"aria-label": "Table of values"}),
    ])


@callback(Output(ID["indicator"], "options"), Output(ID["indicator"], "value"), Input(ID["theme"], "value"),
          State(ID["indicator"], "value"), State(ID["level"], "value"), prevent_initial_call=True)
def filter_indicators(theme, current, level=None):
    """The indicator list of the chosen theme; the current indicator kept if it belongs, else the theme's first
    that has the current level (so the level stays), else the theme's first."""
    catalogue = queries.indicators()
    options = _indicator_options(catalogue, theme)
    values = [o["value"] for o in options]
    if current in values or not values:
        return options, current if current in values else dash.no_update
    levels = catalogue.set_index("indicator_id")["levels"]
    same_level = [v for v in values if level in set(levels.get(v, []))]
    return options, (same_level or values)[0]


@callback(Output(ID["level"], "options"), Output(ID["level"], "value"), Output(ID["breakdown"], "options"),
          Output(ID["breakdown"], "value"), Input(ID["indicator"], "value"), State(ID["level"], "value"),
          State(ID["breakdown"], "value"), prevent_initial_call=True)
def indicator_changed(indicator, level, breakdown):
    """Levels this indicator has (others disabled with the reason) and its breakdowns."""
    if not indicator:  # the list was cleared while its options changed: keep the views as they are
        raise PreventUpdate
    cov = catalog_cache.coverage(catalog_cache.check_indicator(indicator))
    breakdowns = sorted(cov["breakdown"].unique(), key=lambda b: (b != "Persons", b))
    breakdown = breakdown if breakdown in breakdowns else breakdowns[0]
    have = explore_levels(cov.loc[cov["breakdown"] == breakdown, "level"].unique())
    return _level_options(have), level if level in have else (have[0] if have else "la"), breakdowns, breakdown


@callback(Output(ID["periods"], "data"), Output(ID["period"], "max"), Output(ID["period"], "marks"),
          Output(ID["period"], "value"), Output(ID["geojson"], "url"), Output(ID["map"], "bounds"),
          Output(ID["selected"], "options"), Output(ID["play"], "disabled"), Output(ID["play"], "title"),
          Input(ID["level"], "value"), Input(ID["breakdown"], "value"), State(ID["indicator"], "value"),
          State(ID["periods"], "data"), State(ID["period"], "value"), prevent_initial_call=True)
def level_changed(level, breakdown, indicator, old_periods, old_index):
    """The periods of the indicator at this level (keeping the chosen one if present), this level's shapes, and
    Play (off with one period)."""
    if not indicator or not level:
        raise PreventUpdate
    cov = catalog_cache.coverage(catalog_cache.check_indicator(indicator))
    cov = cov[(cov["level"] == level) & (cov["breakdown"] == breakdown)].sort_values("period_start")
    periods = cov["period"].tolist()
    old = old_periods[old_index] if old_periods and old_index is not None and old_index < len(old_periods) else None
    index = periods.index(old) if old in periods else max(len(periods) - 1, 0)
    areas = queries.areas_of_level(level)
    if level == "la":
        areas = areas[areas["parent_code"] == GREATER_MANCHESTER]
    options = [{"label": r.area_name, "value": r.area_code} for r in areas.itertuples()]
    return (periods, max(len(periods) - 1, 0), period_marks(periods), index, urls.geometry_url(level),
            GM_BOUNDS if level == "la" else TRAFFORD_BOUNDS, options, len(periods) < 2, _play_title(periods))


@callback(Output(ID["hideout"], "data"), Output(ID["legend"], "children"), Output(ID["ranking"], "figure"),
          Output(ID["table"], "data"), Output(ID["meta"], "children"), Output(ID["state"], "data"),
          Output(ID["title"], "children"), Output(ID["table"], "style_data_conditional"),
          Output(ID["classify"], "options"), Input(ID["indicator"], "value"), Input(ID["level"], "value"), Input(ID["period"], "value"),
          Input(ID["benchmark"], "value"), Input(ID["classify"], "value"), Input(ID["breakdown"], "value"),
          State(ID["selected"], "value"), State(ID["periods"], "data"), prevent_initial_call=True)
def update_views(indicator, level, period_index, benchmark, classify, breakdown, selected, periods):
    """The map colours, legend, ranking, table and metadata for the current choice; the colour choices' labels
    (significance says when it cannot be shown). A change of selection alone does not come here: the browser
    outlines it (observatory_explore.highlight), so a click costs one query, the trend's."""
    selected = selected or []
    try:
        period = periods[int(period_index or 0)] if periods else ""
        if classify not in CLASSIFY:  # a forged callback body: a message, not a server error
            raise ValueError(f"unknown map colouring {str(classify)[:30]!r}")
        state = ExploreState(indicator, level, period, benchmark, classify, breakdown, selected)
        meta = queries.indicator(indicator)
        rows, bench, bench_name = level_rows(state, meta)
    except (queries.QueryError, IndexError, ValueError) as err:
        msg = dbc.Alert(f"Nothing to show: {err}", color="warning")
        return {}, msg, empty_figure(str(err)), [], msg, dash.no_update, "", [], classify_options(None)
    colour_by = classify
    judged = rows["value"].notna() & (rows["judgement"] != "not_compared")
    if classify == "significance" and not judged.any():
        colour_by = "quantiles"  # nothing can be judged: colour by value, said in the legend and the colour box
    hideout, items = map_styling(rows, colour_by, meta["unit"], meta["value_type"], bench_name)
    legend_title = CLASSIFY[colour_by]
    note = None if colour_by == classify else (
        f"Significance cannot be shown: {bench_name} has no value for {period}" if bench is None else
        f"Significance cannot be shown: none of these areas has a confidence interval to judge against {bench_name}"
    ) + ". The colours show the values in five equal-sized groups instead."
    if "derivation" in rows and rows["derivation"].notna().any():  # estimates never pass as published figures
        legend_title += (". Estimated by the observatory, not published: "
                         + "; ".join(sorted(rows["derivation"].dropna().unique())))
    title = f"{meta['name']}, {LEVELS[level]}, {period}" + (f" ({breakdown})" if breakdown != "Persons" else "")
    highlight = [{"if": {"filter_query": f'{{area_code}} = "{c}"'}, "backgroundColor": "#fff7bf", "fontWeight": "600"}
                 for c in selected]
    return (hideout, legend(items, legend_title, note),
            ranking_figure(rows, selected, bench, bench_name, meta["unit"], meta["value_type"], meta["name"]),
            table_records(rows, meta), metadata_panel(meta, state, bench, bench_name), state.query(), title, highlight,
            classify_options(None if colour_by == classify else colour_by))


@callback(Output(ID["trend"], "figure"), Output(PROFILE_LINKS, "children"), Input(ID["indicator"], "value"),
          Input(ID["level"], "value"), Input(ID["benchmark"], "value"), Input(ID["breakdown"], "value"),
          Input(ID["selected"], "value"), State(ID["selected"], "options"), prevent_initial_call=True)
def selection_changed(indicator, level, benchmark, breakdown, selected, options):
    """The one round trip of a click: the trend of the selected areas (one query) and links to their profiles."""
    return update_trend(indicator, level, benchmark, breakdown, selected), profile_links(selected, level, options)


def update_trend(indicator, level, benchmark, breakdown, selected):
    """The selected areas over time beside Trafford and the benchmark, with recent-trend markers."""
    try:
        meta = queries.indicator(indicator)
        state = ExploreState(indicator, level, "", benchmark, "quantiles", breakdown, selected or [])
        series, order = trend_series(state, selected or [])
    except (queries.QueryError, ValueError) as err:
        return empty_figure(str(err))
    marks = {code: trend_label(t) for code, t in trends(series, meta).items() if t.marker != "cannot_be_calculated"}
    return trend_figure(series, order, meta["name"], meta["unit"], meta["value_type"], marks,
                        interventions=intervention_marks(series, order, indicator))


@callback(Output(points_layer_id(P, ALL), "url"), Input(ID["layers"], "overlays"),
          State(points_layer_id(P, ALL), "id"), State(points_layer_id(P, ALL), "url"), prevent_initial_call=True)
def load_point_layers(checked, layer_ids, loaded):
    """Fetch a facility layer the first time it is ticked (and keep it loaded after)."""
    labels = queries.geometry.point_categories().set_index("category")["category_label"].to_dict()
    checked = set(checked or [])
    return [url or (urls.points_url(i["key"]) if labels.get(i["key"]) in checked else None)
            for i, url in zip(layer_ids, loaded, strict=True)]


@callback(Output(ID["timer"], "disabled"), Output(ID["play"], "children"), Input(ID["play"], "n_clicks"),
          State(ID["timer"], "disabled"), prevent_initial_call=True)
def toggle_play(_clicks, disabled):
    """Start or stop stepping through the periods."""
    return (not disabled), ("⏸ Pause" if disabled else "▶ Play")


@callback(Output(ID["period"], "value", allow_duplicate=True), Input(ID["timer"], "n_intervals"),
          State(ID["period"], "value"), State(ID["periods"], "data"), prevent_initial_call=True)
def step_period(_n, index, periods):
    """The next period, wrapping round to the first."""
    return 0 if not periods else (int(index or 0) + 1) % len(periods)


@callback(Output(ID["download"], "data"), Input(ID["download-btn"], "n_clicks"), State(ID["state"], "data"),
          prevent_initial_call=True)
def download_csv(_clicks, query):
    """The current view's rows as CSV with source and licence lines."""
    from urllib.parse import parse_qs

    params = {k: v[0] for k, v in parse_qs(query or "").items()}
    state, _ = parse_state(params, queries.indicators(), catalog_cache.coverage)
    meta = queries.indicator(state.indicator)
    rows, bench, bench_name = level_rows(state, meta)
    return dcc.send_string(download_rows(rows, meta, state, bench, bench_name),
                           filename=f"{state.indicator}_{state.level}_{state.period}.csv".replace(" ", "").replace("/", "-"))


clientside_callback(ClientsideFunction("observatory_explore", "select"), Output(ID["selected"], "value"),
                    Input(ID["geojson"], "n_clicks"), Input(ID["ranking"], "clickData"),
                    Input(ID["table"], "active_cell"), State(ID["geojson"], "clickData"),
                    State(ID["table"], "derived_viewport_data"), State(ID["selected"], "value"),
                    prevent_initial_call=True)
clientside_callback(ClientsideFunction("observatory_explore", "highlight"),
                    Output(ID["ranking"], "figure", allow_duplicate=True),
                    Output(ID["table"], "style_data_conditional", allow_duplicate=True),
                    Input(ID["selected"], "value"), State(ID["ranking"], "figure"), prevent_initial_call=True)
clientside_callback(ClientsideFunction("observatory_explore", "hideout"), Output(ID["geojson"], "hideout"),
                    Input(ID["hideout"], "data"), Input(ID["selected"], "value"), Input(ID["ranking"], "hoverData"))
clientside_callback(ClientsideFunction("observatory_url", "push_with_areas"), Output(ID["url-sink"], "children"),
                    Input(ID["state"], "data"), Input(ID["selected"], "value"))
