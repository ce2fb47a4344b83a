"""/impact: the intervention register, its history, and what changed around one intervention (and at what cost)."""

from __future__ import annotations

import logging

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html

import pages._impact_register as reg  # registers the register's callbacks (form, import, export, table)
from analysis.impact_windows import FOLLOW_UP_CHOICES, FOLLOW_UP_MONTHS
from components import urls
from components.ids import page_id
from components.impact_register import history_table
from data.schema import THEMES
from interventions import register
from pages._boundary import guarded
from pages._impact_results import (
    before_after_card,
    cost_card,
    did_card,
    its_card,
    source_panel,
    spc_card,
    theme_table,
    verdict_panel,
    windows_panel,
)
from pages._impact_state import MAX_COMPARATORS, ImpactState, parse_state
from queries import catalog_cache
from queries.errors import QueryError
from report.impact import analyse, area_choices, record, result_rows, theme_rows
from routes.api_support import csv_body

dash.register_page(__name__, path=urls.IMPACT, name="Impact", order=4, title="Impact · Trafford Data Observatory",
                   description="Interventions in Trafford, the trends around them and what changed at what cost.")

log = logging.getLogger(__name__)
P = "impact"
ID = {k: page_id(P, k) for k in ("intervention", "indicator", "area", "comparators", "follow-up", "analysis", "history",
                                 "result-csv", "result-download",
                                 "state", "url-sink", "notices")}


def _indicator_options(item) -> list[dict]:
    cat = catalog_cache.indicators()
    return [{"label": f"{cat.at[i, 'name']} ({'↓ expected to fall' if d == 'decrease' else '↑ expected to rise'})"
             if i in cat.index else i, "value": i} for i, d in zip(item.indicators, item.directions, strict=False)]


def _intervention_options(items) -> list[dict]:
    return [{"label": i.label, "value": i.intervention_id} for i in items]


def _control(label: str, control, md: int) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=control.id, className="small fw-semibold mb-1"), control],
                   md=md, className="mb-2")


def analysis_view(item, indicator: str, area: str, comparators: list[str] | None, items: list,
                  follow_up: int = FOLLOW_UP_MONTHS):
    """The analysis content and the resolved (area, comparators, area options, comparator options)."""
    try:
        a = analyse(item, indicator, area, comparators, follow_up)
    except (QueryError, ValueError, KeyError) as err:
        return dbc.Alert(f"This analysis could not be made: {err}", color="warning"), area, [], [], []
    except Exception as err:  # a model or chart failing must cost its panel, never the page
        log.exception("impact analysis")
        return dbc.Alert(f"This analysis could not be made: {err}", color="danger"), area, [], [], []
    if not a.ok:
        return html.Div(a.message, className="alert alert-secondary", role="status"), area, [], a.area_options, []
    theme = THEMES.get(item.theme, item.theme)
    body = html.Div([
        source_panel(a),
        verdict_panel(a),
        dbc.Row([dbc.Col(windows_panel(a), lg=7), dbc.Col(cost_card(a), lg=5)]),
        did_card(a, None),
        before_after_card(a),
        its_card(a),
        spc_card(a),
        theme_table(theme_rows(items, item.theme), theme),
    ])
    return body, a.code, a.comparators, a.area_options, a.comparator_options


@guarded("The impact page")
def layout(**query) -> html.Div:
    """The page for a URL; unknown parameters fall back with a notice; never raises."""
    return _layout(query)


def _layout(query: dict) -> html.Div:
    items = register().current()
    state = parse_state(query, items, catalog_cache.levels_of_code)
    by_id = {i.intervention_id: i for i in items}
    item = by_id.get(state.intervention)
    if item is not None:
        view, area, comps, area_opts, comp_opts = analysis_view(item, state.indicator, state.area,
                                                                state.comparators, items, state.follow_up)
        state.area = area
        history = history_table(register().history(item.intervention_id), item.label)
    else:
        view = html.P("The register is empty: add an intervention below to analyse it.", className="obs-meta")
        area, comps, area_opts, comp_opts, history = "", [], [], [], html.P("Nothing to show.", className="obs-meta")
    controls = dbc.Row([
        _control("Intervention", dcc.Dropdown(id=ID["intervention"], options=_intervention_options(items),
                                              value=state.intervention or None, clearable=False), 5),
        _control("Indicator", dcc.Dropdown(id=ID["indicator"], options=_indicator_options(item) if item else [],
                                           value=state.indicator or None, clearable=False), 4),
        _control("Area", dcc.Dropdown(id=ID["area"], options=area_opts, value=area or None, clearable=False), 3),
        _control(f"Comparator areas (up to {MAX_COMPARATORS}; clear to use the similar areas)",
                 dcc.Dropdown(id=ID["comparators"], options=comp_opts, value=comps, multi=True,
                              placeholder="Similar areas not covered by the intervention"), 9),
        _control("Follow-up after it ended", dcc.Dropdown(
            id=ID["follow-up"], options=[{"label": f"{n} months", "value": n} for n in FOLLOW_UP_CHOICES],
            value=state.follow_up, clearable=False), 3),
    ], className="explore-panel g-2")
    return html.Div([
        html.H1("Impact: interventions and what changed", className="h2"),
        html.P("A register of services and schemes in Trafford, marked on every trend in Explore and the area "
               "profiles, and for one intervention, indicator and area: the level before and after, an interrupted "
               "time series, a comparison with similar areas, a control chart and the cost per unit change."),
        html.Div([dbc.Alert(n, color="warning", className="py-1 mb-1") for n in state.notices], id=ID["notices"],
                 role="status"),
        reg.register_section(items, state.theme),
        html.Section([html.H2("What changed", className="h4", id="impact-analysis-heading"), controls,
                      html.Button("Download this result (CSV)", id=ID["result-csv"], n_clicks=0,
                                  className="btn btn-outline-primary btn-sm mb-2"),
                      dcc.Download(id=ID["result-download"]),
                      dcc.Loading(html.Div(view, id=ID["analysis"]), type="circle")],
                     **{"aria-labelledby": "impact-analysis-heading"}),
        html.Section([html.H2("History of this intervention", className="h4", id="history"),
                      html.P("Every change is kept: who made it and when.", className="small obs-meta"),
                      html.Div(history, id=ID["history"])], className="explore-panel",
                     **{"aria-labelledby": "history"}),
        reg.form_section(),
        dcc.Store(id=ID["state"], data=ImpactState(state.intervention, state.indicator, state.area,
                                                   state.comparators, state.theme, state.follow_up).query()),
        html.Div(id=ID["url-sink"], hidden=True),
    ], className="impact-page")


@callback(Output(ID["indicator"], "options"), Output(ID["indicator"], "value"), Output(ID["area"], "options"),
          Output(ID["area"], "value"), Output(ID["comparators"], "options"), Output(ID["comparators"], "value"),
          Output(ID["analysis"], "children"), Output(ID["history"], "children"), Output(ID["state"], "data"),
          Input(ID["intervention"], "value"), Input(ID["indicator"], "value"), Input(ID["area"], "value"),
          Input(ID["comparators"], "value"), Input(ID["follow-up"], "value"), State(reg.ID["theme-filter"], "value"),
          prevent_initial_call=True)
def update_analysis(intervention, indicator, area, comparators, follow_up=FOLLOW_UP_MONTHS, theme=None):
    """A new choice: reset what depends on it (comparators back to the similar areas unless chosen by hand)."""
    items = register().current()
    item = next((i for i in items if i.intervention_id == intervention), None)
    if item is None:
        msg = dbc.Alert("Choose an intervention from the register.", color="secondary")
        return [], None, [], None, [], [], msg, "", ""
    trigger = ctx.triggered_id
    if trigger == ID["intervention"] or indicator not in item.indicators:
        indicator, area = item.indicators[0], None
    if trigger != ID["comparators"] or not comparators:
        comparators = None  # the defaults: similar areas the intervention does not cover
    if area and area not in {c for c, _ in area_choices(item, indicator)}:
        area = None
    follow_up = follow_up if follow_up in FOLLOW_UP_CHOICES else FOLLOW_UP_MONTHS
    view, area, comps, area_opts, comp_opts = analysis_view(item, indicator, area or "", comparators, items, follow_up)
    state = ImpactState(item.intervention_id, indicator, area, None if comparators is None else comps, theme or "",
                        follow_up)
    history = history_table(register().history(item.intervention_id), item.label)
    return (_indicator_options(item), indicator, area_opts, area or None, comp_opts, comps, view, history,
            state.query())


@callback(Output(ID["result-download"], "data"), Input(ID["result-csv"], "n_clicks"),
          State(ID["intervention"], "value"), State(ID["indicator"], "value"), State(ID["area"], "value"),
          State(ID["comparators"], "value"), State(ID["follow-up"], "value"), prevent_initial_call=True)
def download_result(_clicks, intervention, indicator, area, comparators, follow_up=FOLLOW_UP_MONTHS):
    """The result shown as CSV (the API's /impact?format=csv): verdict, windows, methods, cost, values."""
    item = register().get(intervention)
    if item is None or indicator not in item.indicators:
        return dash.no_update
    a = analyse(item, indicator, area or "", comparators or None,
                follow_up if follow_up in FOLLOW_UP_CHOICES else FOLLOW_UP_MONTHS)
    if not a.ok:
        return dash.no_update
    head = [f"Trafford Data Observatory: impact of {item.label}", "The same result as /api/v1/impact?format=csv"]
    return dcc.send_string(csv_body(result_rows(record(a)), head).decode("utf-8"),
                           filename=f"impact-{item.intervention_id}-{indicator}-{a.code}.csv")


# the state into the address bar (a copied link reopens the same analysis); back/forward reload the page
clientside_callback(ClientsideFunction("observatory_url", "push"), Output(ID["url-sink"], "children"),
                    Input(ID["state"], "data"))
