"""One indicator's open data page: definition, method, source, licence, coverage, Trafford's series and downloads."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import flask
from dash import dcc, html

import queries
from components import urls
from components.figures import trend_figure
from components.opendata import (
    coverage_table,
    downloads_panel,
    explore_href,
    explore_level,
    indicator_facts,
    periods_grid,
)
from data.schema import DEFAULT_BREAKDOWN, ENGLAND, GREATER_MANCHESTER, TRAFFORD
from queries import catalog_cache, opendata

COMPARATORS = [(TRAFFORD, "la"), (GREATER_MANCHESTER, "combined_authority"), (ENGLAND, "england")]


def _title(indicator: str | None = None, **_other) -> str:
    """The browser tab's title: the indicator's name when it is known."""
    try:
        return f"{queries.indicator(indicator)['name']} · Open data · Trafford Data Observatory"
    except Exception:  # an unknown id or no store: the generic title
        return "Open data · Trafford Data Observatory"


dash.register_page(__name__, path_template=urls.DATA_TEMPLATE, name="Indicator", nav=False, title=_title)


def trafford_series(indicator: str) -> tuple:
    """Trafford's series with Greater Manchester and England where the indicator has them (Persons, else the first
    breakdown), the (code, level) order to draw them in, and the breakdown used."""
    cov = opendata.coverage(indicator)
    breakdowns = sorted(set(cov["breakdown"]), key=lambda b: (b != DEFAULT_BREAKDOWN, b))
    breakdown = breakdowns[0] if breakdowns else DEFAULT_BREAKDOWN
    have = set(cov.loc[cov["breakdown"] == breakdown, "level"])
    pairs = [(c, lv) for c, lv in COMPARATORS if lv in have]
    if not any(lv == "la" for _, lv in pairs):
        return None, [], breakdown
    return queries.series(indicator, pairs, breakdown), pairs, breakdown


def series_figure(series, pairs: list[tuple[str, str]], meta: dict, breakdown: str):
    """The small trend chart: Trafford solid and blue, its comparators dotted, no axis title, legend below."""
    fig = trend_figure(series, pairs, meta["name"], meta["unit"], meta["value_type"], {})
    fig.for_each_trace(lambda t: t.update(line={"color": "#1d4f91", "dash": "solid"}, marker={"color": "#1d4f91"})
                       if t.name == "Trafford" else None)
    title = "Trafford" + ("" if breakdown == DEFAULT_BREAKDOWN else f" ({breakdown})")
    fig.update_layout(title={"text": title, "font": {"size": 14}}, height=340,
                      margin={"l": 50, "r": 15, "t": 40, "b": 30}, legend={"orientation": "h", "y": -0.12})
    fig.update_xaxes(title_text=None)
    return fig


def layout(indicator: str | None = None, **_query) -> html.Div:
    """The page of one indicator; an unknown id gets a clear message and a way back."""
    back = html.P(html.A("← All indicators", href=urls.data_url()), className="mb-2")
    try:
        meta = queries.indicator(indicator)
    except queries.QueryError:
        return html.Div([back, html.H1("Indicator not found", className="h2"),
                         dbc.Alert(f"There is no indicator {str(indicator)[:80]!r} in the catalogue. Search the "
                                   "catalogue for it instead.", color="warning")])
    except Exception as err:  # no store: explain, never error
        return dbc.Alert(f"The catalogue is not available: {err}", color="danger")
    cov = opendata.coverage_by_level(indicator)
    ordered = list(dict.fromkeys(opendata.coverage(indicator).sort_values(["period_start", "period"])["period"]))
    series, pairs, breakdown = trafford_series(indicator)
    level = explore_level(meta["levels"])
    if series is None or series.empty:
        chart = dbc.Alert([f"No Trafford-wide figure is published for this indicator: it covers "
                           f"{', '.join(cov['level_name'])}. ",
                           html.A("Explore it on the map", href=explore_href(indicator, level)) if level else None],
                          color="light", className="mb-0")
    else:
        chart = dcc.Graph(id="data-indicator-trend", figure=series_figure(series, pairs, meta, breakdown),
                          config={"displaylogo": False, "responsive": True})
    grid = periods_grid(cov, ordered)
    return html.Div([
        back,
        html.H1(meta["name"], className="h2"),
        html.P(meta.get("definition") or "", className="lead"),
        html.P([dbc.Badge(meta.get("theme_name") or meta["theme"], color="secondary", className="me-2"),
                html.A("Explore on the map", href=explore_href(indicator, level), className="btn btn-primary btn-sm me-2")
                if level else None,
                html.A("Download CSV", href=urls.download_url(indicator, "csv"),
                       className="btn btn-sm obs-btn-outline me-2"),
                html.A("Download Parquet", href=urls.download_url(indicator, "parquet"),
                       className="btn btn-sm obs-btn-outline")]),
        dbc.Row([
            dbc.Col(html.Section([html.H2("About this indicator", className="h5", id="about"),
                                  indicator_facts(meta, opendata.organisation(meta["publisher"]))],
                                 className="explore-panel", **{"aria-labelledby": "about"}), lg=7),
            dbc.Col(html.Section([html.H2("Trafford over time", className="h5", id="series"),
                                  chart,
                                  html.P("Trafford beside Greater Manchester and England where they are published"
                                         + ("; the bands are 95% confidence intervals." if meta.get("has_intervals")
                                            else "."), className="obs-meta small")],
                                 className="explore-panel", **{"aria-labelledby": "series"}), lg=5),
        ]),
        html.Section([html.H2("Coverage", className="h5", id="coverage"),
                      html.P(f"{meta['n_values']:,} values across {len(cov)} area level"
                             f"{'s' if len(cov) != 1 else ''} and {len(ordered)} period{'s' if len(ordered) != 1 else ''}.",
                             className="small"),
                      coverage_table(cov, indicator), grid],
                     className="explore-panel", **{"aria-labelledby": "coverage"}),
        html.Section([html.H2("Downloads and API", className="h5", id="downloads"),
                      downloads_panel(indicator, meta["name"], _host()),
                      html.P(["Built from: ", ", ".join(_sources(indicator))], className="obs-meta small mb-0")],
                     className="explore-panel", **{"aria-labelledby": "downloads"}),
    ])


def _host() -> str:
    """The address the examples should use: this request's, or the default local one."""
    return flask.request.host_url.rstrip("/") if flask.has_request_context() else "http://127.0.0.1:8050"


def _sources(indicator: str) -> list[str]:
    """The raw files the indicator was built from."""
    meta = catalog_cache.indicators().loc[indicator]
    sources = meta.get("sources")
    return [str(s) for s in sources] if sources is not None and len(sources) else ["(not recorded)"]
