"""Compare: a theme's indicators across areas (grid), two indicators, inequality, side by side and similar areas."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html
from dash.exceptions import PreventUpdate

from components import urls
from components.compare_tables import legend_line
from components.ids import page_id
from data.schema import BENCHMARKS, LEVELS, MAP_LEVELS, THEMES
from pages._boundary import guarded
from pages._compare_data import level_areas, meta
from pages._compare_state import (
    LSOA_LEVELS,
    MAX_AREAS,
    VIEWS,
    best_level,
    level_indicators,
    parse_state,
    theme_indicators,
    theme_periods,
)
from pages._compare_views import (
    GRID_HOST,
    GRID_HTML,
    grid_view,
    inequality_view,
    scatter_view,
    side_view,
    similar_view,
    view_csv,
)
from queries import compare as cq

dash.register_page(__name__, path=urls.COMPARE, name="Compare", order=2, title="Compare areas · Trafford Data Observatory")

P = "compare"
ID = {k: page_id(P, k) for k in ("theme", "level", "period", "benchmark", "view", "areas", "sort", "order", "x", "y",
                                 "ineq", "groups", "target", "on", "notices", "state", "url-sink", "grid-sink", "download")}
for _v in VIEWS:
    ID[f"{_v}-section"], ID[f"{_v}-body"], ID[f"{_v}-csv"] = (page_id(P, f"{_v}-section"), page_id(P, f"{_v}-body"),
                                                              page_id(P, f"{_v}-csv"))
CONTROLS = ("theme", "level", "period", "benchmark", "view", "areas", "sort", "order", "x", "y", "ineq", "groups",
            "target", "on")


def _control(label: str, control, width: dict, help_text: str | None = None) -> dbc.Col:
    """A labelled control in a grid column (the label names the control for screen readers)."""
    parts = [dbc.Label(label, html_for=control.id, className="small fw-semibold mb-1"), control]
    if help_text:
        parts.append(html.Div(help_text, className="form-text"))
    return dbc.Col(html.Div(parts), **width, className="mb-2")


def _level_options(cov, theme: str) -> list[dict]:
    out = []
    for lv in MAP_LEVELS:
        n = len(theme_indicators(cov, theme, lv))
        out.append({"label": f"{LEVELS[lv]} ({n} indicators)" if n else f"{LEVELS[lv]} (no data for this theme)",
                    "value": lv, "disabled": n == 0})
    return out


def _indicator_options(ids: list[str]) -> list[dict]:
    cat = meta()
    return sorted(({"label": f"{cat.at[i, 'name']} ({cat.at[i, 'unit']})", "value": i} for i in ids),
                  key=lambda o: o["label"].lower())


def _dependent(cov, theme: str, level: str) -> dict:
    """Options that follow theme and level: periods, sort keys, scatter and similarity indicators, areas."""
    ids = theme_indicators(cov, theme, level)
    areas = level_areas(level)
    lsoa = list(dict.fromkeys(i for lv in LSOA_LEVELS for i in level_indicators(cov, lv)))
    return {"period": [{"label": "Latest for each indicator", "value": "latest"}]
            + [{"label": p, "value": p} for p in reversed(theme_periods(cov, theme, level))],
            "sort": [{"label": "Area name (A to Z)", "value": "name"}] + _indicator_options(ids),
            "x": _indicator_options(level_indicators(cov, level)), "ineq": _indicator_options(lsoa),
            "areas": [{"label": r.area_name, "value": r.area_code} for r in areas.itertuples()]}


def _section(view: str, controls: list, body, hidden: bool) -> html.Section:
    """One view: its own controls, a download button and its body under a loading indicator."""
    return html.Section([
        html.Div([html.H2(VIEWS[view], className="h5 me-auto mb-0"),
                  dbc.Button("Download CSV", id=ID[f"{view}-csv"], color="primary", size="sm", outline=True)],
                 className="d-flex align-items-center flex-wrap gap-2 mb-2"),
        dbc.Row(controls, className="g-2") if controls else None,
        dcc.Loading(html.Div(body, id=ID[f"{view}-body"]), delay_show=300),
    ], id=ID[f"{view}-section"], hidden=hidden, className="explore-panel", **{"aria-label": VIEWS[view]})


@guarded("Compare")
def layout(**query) -> html.Div:
    """The page for a URL; invalid parameters fall back to defaults with a visible notice."""
    try:
        cov = cq.coverage()
        state, notices = parse_state(query, cov)
        names = level_areas(state.level).set_index("area_code")["area_name"]
        unknown = [a for a in state.areas if a not in names.index]
        if unknown:
            notices.append(f"Not areas of {LEVELS[state.level]}: {', '.join(unknown[:5])}; left out.")
            state.areas = [a for a in state.areas if a in names.index]
        if state.target and state.target not in names.index:
            notices.append(f"{state.target} is not an area of {LEVELS[state.level]}: choose the area to match.")
            state.target = ""
        opts = _dependent(cov, state.theme, state.level)
    except ValueError as err:  # a store with no small-area data: parse_state says so
        return dbc.Alert(f"Compare is not available: {err}", color="danger")
    target = state.target or (state.areas[0] if state.areas else (names.sort_values().index[0] if len(names) else None))
    bodies = {v: None for v in VIEWS}
    bodies[state.view] = _render(state.view, state, cov)
    filters = dbc.Row([
        _control("Theme", dcc.Dropdown(id=ID["theme"], options=[{"label": n, "value": k} for k, n in THEMES.items()
                 if best_level(cov, k)], value=state.theme, clearable=False), {"md": 4}),
        _control("Areas", dcc.Dropdown(id=ID["level"], options=_level_options(cov, state.theme), value=state.level,
                 clearable=False), {"md": 4}),  # a third of the row: "Wards (pre-2023) (12 indicators)" whole
        _control("Period", dcc.Dropdown(id=ID["period"], options=opts["period"], value=state.period, clearable=False),
                 {"md": 4}),
        _control("Compare with", dcc.Dropdown(id=ID["benchmark"], options=[{"label": b[2], "value": k} for k, b
                 in BENCHMARKS.items()], value=state.benchmark, clearable=False), {"md": 4}),
        _control(f"Chosen areas (up to {MAX_AREAS}: labelled in the scatter, set side by side)",
                 dcc.Dropdown(id=ID["areas"], options=opts["areas"], value=state.areas, multi=True,
                              placeholder="Type an area name to choose it"), {"md": 8}),
    ], className="explore-panel g-2")
    switcher = html.Fieldset([
        html.Legend("View", className="small fw-semibold mb-1"),
        dbc.RadioItems(id=ID["view"], options=[{"label": n, "value": k} for k, n in VIEWS.items()],
                       value=state.view, inline=True, className="btn-group flex-wrap cmp-views",
                       inputClassName="btn-check", labelClassName="btn btn-outline-primary btn-sm",
                       labelCheckedClassName="active"),
    ], className="mb-2")
    grid_controls = [
        _control("Sort areas by", dcc.Dropdown(id=ID["sort"], options=opts["sort"], value=state.sort,
                 clearable=False), {"md": 6}),
        _control("Order", dcc.Dropdown(id=ID["order"], options=[{"label": "Highest value first", "value": "desc"},
                 {"label": "Lowest value first", "value": "asc"}], value=state.order, clearable=False), {"md": 3}),
    ]
    scatter_controls = [
        _control("Across (x)", dcc.Dropdown(id=ID["x"], options=opts["x"], value=state.x, clearable=False), {"md": 6}),
        _control("Up (y)", dcc.Dropdown(id=ID["y"], options=opts["x"], value=state.y, clearable=False), {"md": 6}),
    ]
    inequality_controls = [
        _control("Indicator (LSOA data)", dcc.Dropdown(id=ID["ineq"], options=opts["ineq"], value=state.ineq,
                 clearable=False), {"md": 8}),
        _control("Groups", dcc.Dropdown(id=ID["groups"], options=[{"label": "Deciles (tenths)", "value": "decile"},
                 {"label": "Quintiles (fifths)", "value": "quintile"}], value=state.groups, clearable=False),
                 {"md": 4}),
    ]
    similar_controls = [
        _control("Area", dcc.Dropdown(id=ID["target"], options=opts["areas"], value=target, clearable=False),
                 {"md": 4}),
        _control("Alike on", dcc.Dropdown(id=ID["on"], options=opts["x"], value=state.on, multi=True,
                 placeholder="All indicators of the theme"), {"md": 8}),
    ]
    return html.Div([
        html.H1("Compare areas", className="h2"),
        html.P("Set a theme's indicators side by side across wards and small areas, judged against a benchmark.",
               className="lead fs-6"),
        html.Div([dbc.Alert(n, color="warning", className="py-1 mb-1") for n in notices], id=ID["notices"],
                 className="notice-list", role="status"),
        filters,
        switcher,
        legend_line(),
        dcc.Store(id=ID["state"], data=state.query()),
        dcc.Download(id=ID["download"]),
        html.Div(id=ID["url-sink"], hidden=True),
        html.Div(id=ID["grid-sink"], hidden=True),
        _section("grid", grid_controls, bodies["grid"], state.view != "grid"),
        _section("scatter", scatter_controls, bodies["scatter"], state.view != "scatter"),
        _section("inequality", inequality_controls, bodies["inequality"], state.view != "inequality"),
        _section("side", [], bodies["side"], state.view != "side"),
        _section("similar", similar_controls, bodies["similar"], state.view != "similar"),
    ], className="cmp-page")


def _render(view: str, state, cov):
    """The children of one view's body."""
    if view == "grid":
        return grid_view(state, cov)
    if view == "scatter":
        return scatter_view(state)
    if view == "inequality":
        return inequality_view(state, cov)
    if view == "side":
        return side_view(state, cov)
    return similar_view(state, cov)


def state_of(*values):
    """A valid state from the controls' values (in CONTROLS order), parsed as a URL would be."""
    query = {k: (",".join(v) if isinstance(v, list) else v) for k, v in zip(CONTROLS, values, strict=True)
             if v not in (None, "", [])}
    cov = cq.coverage()
    return parse_state(query, cov)[0], cov


@callback(Output(ID["level"], "options"), Output(ID["level"], "value"), Input(ID["theme"], "value"),
          State(ID["level"], "value"), prevent_initial_call=True)
def theme_changed(theme, level):
    """The theme's levels (others disabled, with the reason); the level kept if the theme has it."""
    cov = cq.coverage()
    if theme not in THEMES or not best_level(cov, theme):
        raise PreventUpdate
    return _level_options(cov, theme), level if theme_indicators(cov, theme, level) else best_level(cov, theme)


@callback(Output(ID["period"], "options"), Output(ID["period"], "value"), Output(ID["sort"], "options"),
          Output(ID["sort"], "value"), Output(ID["x"], "options"), Output(ID["x"], "value"), Output(ID["y"], "options"),
          Output(ID["y"], "value"), Output(ID["on"], "options"), Output(ID["on"], "value"),
          Output(ID["areas"], "options"), Output(ID["areas"], "value"), Output(ID["target"], "options"),
          Output(ID["target"], "value"),
          Input(ID["theme"], "value"), Input(ID["level"], "value"),
          *(State(ID[k], "value") for k in ("period", "sort", "x", "y", "on", "areas", "target")),
          prevent_initial_call=True)
def level_changed(theme, level, period, sort, x, y, on, areas, target):
    """Options that follow the theme and level, keeping each choice that still applies."""
    cov = cq.coverage()
    if theme not in THEMES or level not in MAP_LEVELS or not theme_indicators(cov, theme, level):
        raise PreventUpdate
    o = _dependent(cov, theme, level)
    values = {k: [opt["value"] for opt in o[k]] for k in o}
    ids = theme_indicators(cov, theme, level)
    x = x if x in values["x"] else ids[0]
    y = y if y in values["x"] else next((i for i in ids if i != x), x)
    codes = set(values["areas"])
    areas = [a for a in (areas or []) if a in codes]
    by_name = [opt["value"] for opt in sorted(o["areas"], key=lambda opt: opt["label"].lower())]
    target = target if target in codes else (areas[0] if areas else (by_name[0] if by_name else None))
    return (o["period"], period if period in values["period"] else "latest", o["sort"],
            sort if sort in values["sort"] else "name", o["x"], x, o["x"], y, o["x"],
            [i for i in (on or []) if i in values["x"]], o["areas"], areas, o["areas"], target)


@callback(Output(ID["target"], "value", allow_duplicate=True), Input(ID["areas"], "value"),
          State(ID["target"], "value"), prevent_initial_call=True)
def target_follows_chosen(areas, target):
    """Similar areas starts from the chosen area: the first chosen, unless the area to match is one of them."""
    if not areas or target in areas:
        raise PreventUpdate
    return areas[0]


@callback(Output(ID["state"], "data"), *(Output(ID[f"{v}-section"], "hidden") for v in VIEWS),
          *(Input(ID[k], "value") for k in CONTROLS), prevent_initial_call=True)
def state_changed(*values):
    """The URL state of the controls, and which view's section shows."""
    state, _ = state_of(*values)
    return (state.query(), *(state.view != v for v in VIEWS))


def _trigger() -> str | None:
    """The id of the control that fired the callback (None when called as a plain function)."""
    try:
        return ctx.triggered_id
    except dash.exceptions.MissingCallbackContextException:
        return None


def _view_callback(view: str, inputs: tuple[str, ...]):
    """Register the callback that redraws one view when its inputs change while it is shown."""
    @callback(Output(ID[f"{view}-body"], "children"), *(Input(ID[k], "value") for k in CONTROLS),
              prevent_initial_call=True)
    def redraw(*values):
        trigger = _trigger()
        state, cov = state_of(*values)
        if state.view != view or (trigger and trigger != ID["view"] and trigger.removeprefix(P + "-") not in inputs):
            raise PreventUpdate  # hidden, or a control this view ignores changed
        return _render(view, state, cov)
    redraw.__name__ = f"redraw_{view}"
    return redraw


SHARED = ("theme", "level", "period", "benchmark")
redraw_grid = _view_callback("grid", SHARED + ("sort", "order"))
redraw_scatter = _view_callback("scatter", SHARED + ("x", "y", "areas"))
redraw_inequality = _view_callback("inequality", ("level", "period", "ineq", "groups"))
redraw_side = _view_callback("side", SHARED + ("areas",))
redraw_similar = _view_callback("similar", ("theme", "level", "period", "target", "on"))


@callback(Output(ID["download"], "data"), *(Input(ID[f"{v}-csv"], "n_clicks") for v in VIEWS),
          State(ID["state"], "data"), prevent_initial_call=True)
def download_csv(*args):
    """The clicked view's rows as CSV with source and licence lines."""
    from urllib.parse import parse_qs

    trigger = ctx.triggered_id
    if not trigger or not any(args[:-1]):
        raise PreventUpdate
    view = trigger.removeprefix(P + "-").removesuffix("-csv")
    params = {k: v[0] for k, v in parse_qs(args[-1] or "").items()}
    cov = cq.coverage()
    state, _ = parse_state(params, cov)
    try:
        text, name = view_csv(view, state, cov)
    except (ValueError, KeyError, IndexError) as err:
        text, name = f"# Nothing to download: {err}\n", "compare_empty.csv"
    return dcc.send_string(text, filename=name.replace(" ", "").replace("/", "-"))


clientside_callback(ClientsideFunction("observatory_url", "push"), Output(ID["url-sink"], "children"),
                    Input(ID["state"], "data"))

# the grid arrives as an escaped HTML string (see components.compare_grid.grid_html): set it into its empty host,
# waiting a frame or two if the host is not in the page yet
clientside_callback(
    """function (table) {
        let tries = 0;
        const put = () => {
            const host = document.getElementById("HOST_ID");
            if (host) { host.innerHTML = table || ""; return; }
            if (tries++ < 50) { window.requestAnimationFrame(put); }
        };
        put();
        return "";
    }""".replace("HOST_ID", GRID_HOST), Output(ID["grid-sink"], "children"), Input(GRID_HTML, "data"))
