"""Open data: a searchable, filterable catalogue of every indicator, the whole-store download and the API how-to."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import flask
from dash import ClientsideFunction, Input, Output, callback, clientside_callback, dcc, html

from components import urls
from components.ids import page_id
from components.opendata import api_section, catalogue_results, search_box
from components.params import Params
from data.schema import LEVELS, THEMES
from pages._boundary import guarded
from queries import QueryError, catalog_cache, opendata

dash.register_page(__name__, path=urls.DATA, name="Open data", order=8, title="Open data · Trafford Data Observatory")

P = "data"
ID = {k: page_id(P, k) for k in ("q", "theme", "level", "source", "licence", "results", "query", "url-sink")}
FILTERS = ("theme", "level", "source", "licence")


def _host() -> str:
    """The address the examples should use: this request's, or the default local one."""
    return flask.request.host_url.rstrip("/") if flask.has_request_context() else "http://127.0.0.1:8050"


def _query_string(q, theme, level, source, licence) -> str:
    """The page's state as a URL query (only what is set)."""
    args = {"q": (q or "").strip(), "theme": theme, "level": level, "source": source, "licence": licence}
    return urls.query(args)


def results(q=None, theme=None, level=None, source=None, licence=None) -> html.Div:
    """The catalogue results for a search and filters (a clear message, never an error)."""
    try:
        table = opendata.catalogue(q=(q or "").strip()[:100] or None, theme=theme, level=level, source=source,
                                   licence=licence)
    except QueryError as err:
        return dbc.Alert(str(err), color="warning")
    return catalogue_results(table.to_dict("records"), (q or "").strip() or None)


def _dropdown(key: str, label: str, options: list[dict], value) -> dbc.Col:
    return dbc.Col(html.Div([
        dbc.Label(label, html_for=ID[key], className="small fw-semibold mb-1"),
        dcc.Dropdown(id=ID[key], options=options, value=value, clearable=True, placeholder="Any",
                     optionHeight=48 if key in ("source", "licence") else 35),
    ]), xs=12, className="mb-2")


@guarded("The catalogue")
def layout(q=None, theme=None, level=None, source=None, licence=None, **_other) -> html.Div:
    """The catalogue page for a URL (?q=&theme=&level=&source=&licence=); unknown values are ignored, and said so."""
    facets = opendata.facets()
    ids = catalog_cache.indicators().index
    example = "claimant_rate" if "claimant_rate" in ids else ids[0]
    p = Params({"theme": theme, "level": level, "source": source, "licence": licence})
    checks = {"theme": facets["themes"], "level": facets["levels"], "source": facets["sources"],
              "licence": facets["licences"]}
    state = {key: p.one(key, allowed, None, lambda v, k=key: f"Ignored {k} {v[:40]!r}: not one of the catalogue's "
                        "values.") for key, allowed in checks.items()}
    notices = p.notices
    q = str(q)[:100] if q else ""
    filters = [
        _dropdown("theme", "Theme", [{"label": THEMES[t], "value": t} for t in facets["themes"]], state["theme"]),
        _dropdown("level", "Area level", [{"label": LEVELS[lv], "value": lv} for lv in facets["levels"]],
                  state["level"]),
        _dropdown("source", "Source", [{"label": s, "value": s} for s in facets["sources"]], state["source"]),
        _dropdown("licence", "Licence", [{"label": lc, "value": lc} for lc in facets["licences"]], state["licence"]),
    ]
    return html.Div([
        html.H1("Open data", className="h2"),
        html.P(["Every indicator the observatory holds: search it, read how it is made, and download it as CSV or "
                "Parquet, or all of it at once. Programs can use the same numbers through the ",
                html.A("API", href="#api"), "."], className="lead"),
        html.Div([dbc.Alert(n, color="warning", className="py-1 mb-1") for n in notices], role="status"),
        dbc.Row([
            dbc.Col(html.Section([
                html.H2("Find indicators", className="h5"),
                search_box(ID["q"], q),
                html.Div(dbc.Row(filters, className="g-2 mt-2")),
            ], className="explore-panel", **{"aria-label": "Search and filters"}), lg=4),
            dbc.Col(html.Section([
                html.H2("Indicators", className="h5"),
                dcc.Loading(html.Div(results(q, **state), id=ID["results"], **{"aria-live": "polite"})),
            ], className="explore-panel", **{"aria-label": "Results"}), lg=8),
        ]),
        dcc.Store(id=ID["query"], data=_query_string(q, **state)),
        html.Div(id=ID["url-sink"], hidden=True),
        html.Section([
            html.H2("Everything at once", className="h4", id="everything"),
            html.P(["The whole observatory as one file: ",
                    html.A("observatory.zip", href=urls.api_url("downloads/observatory.zip")),
                    " holds every table of the store as Parquet (values, indicators, areas, periods, statistics, "
                    "facilities, sources), the boundaries as GeoJSON, a README describing every table and column, "
                    "and a load.sql for DuckDB, so every number on this site can be reproduced offline. The "
                    "statistics are the observatory's ", html.Code("analysis"), " package."]),
        ], className="explore-panel", **{"aria-labelledby": "everything"}),
        api_section(example, _host()),
    ])


@callback(Output(ID["results"], "children"), Output(ID["query"], "data"),
          Input(ID["q"], "value"), Input(ID["theme"], "value"), Input(ID["level"], "value"),
          Input(ID["source"], "value"), Input(ID["licence"], "value"), prevent_initial_call=True)
def update_results(q, theme, level, source, licence):
    """The results for the current search and filters, and the URL query that reopens them."""
    return results(q, theme, level, source, licence), _query_string(q, theme, level, source, licence)


clientside_callback(ClientsideFunction("observatory_url", "replace"), Output(ID["url-sink"], "children"),
                    Input(ID["query"], "data"), prevent_initial_call=True)
