"""Area profile: everything about one place (any level), its needs summary and a citable evidence pack."""

from __future__ import annotations

import time

import dash
import flask
from dash import Input, Output, State, callback, dcc, html
from flask import request

from components import area_profile as parts
from components import urls
from components.ids import page_id
from data.schema import LEVEL_PLURAL, LEVEL_SINGULAR, LEVELS
from pages._boundary import guarded
from pages._search import MISSING_RESULTS, MISSING_SEARCH, find_areas
from queries.catalog_cache import CODE
from queries.errors import QueryError
from report import evidence, prerender
from report.custom_area import load_custom
from report.profile import (
    ProfileRequest,
    area_name,
    build_profile,
    parse_request,
)


@guarded("The area profile's title", fallback="Area profile · Trafford Data Observatory")
def _title(code=None, **_query) -> str:
    """The browser tab's title: the area's name when it is known (a title must never stop the page)."""
    return f"{load_name(parse_request(code))} · Area profile · Trafford Data Observatory"


def load_name(req: ProfileRequest) -> str:
    """The area's name (a cheap lookup for the page title)."""
    from queries import catalog_cache

    a = catalog_cache.areas()
    return str(a[(a["area_code"] == req.code) & (a["level"] == req.level)]["area_name"].iloc[0])


dash.register_page(__name__, path_template=urls.AREA_TEMPLATE, name="Area profile", nav=False, title=_title,
                   description="Everything the observatory knows about one area, with an evidence pack.")

P = "area"
ID = {k: page_id(P, k) for k in ("map", "pdf-btn", "pdf-download", "pdf-status", "request")}
BUTTON = "Download evidence pack (PDF)"


def _missing(code) -> html.Div:
    text = str(code or "").strip()[:60]
    if not CODE.match(text.upper()):
        reason = "Area codes look like E05015239 (a ward) or E01006074 (an LSOA); search for a name below."
    else:
        reason = ("The observatory holds Trafford's wards, LSOAs and MSOAs, England's local authorities, Greater "
                  "Manchester and England; this code is none of them.")
    suggestions = find_areas(text) if len(text) >= 2 else []
    return parts.not_found(text, reason, suggestions, MISSING_SEARCH, MISSING_RESULTS)


@guarded("This profile")
def layout(code=None, **query) -> html.Div:
    """The profile for /area/<code>?level=&benchmark=; a "no such area" page for an unknown code; never raises."""
    try:
        req = parse_request(code, query.get("level"), query.get("benchmark"))
    except QueryError:
        return _missing(code)
    profile = build_profile(req)
    if flask.has_request_context():  # its evidence pack is made while the page is read
        prerender.ahead(flask.request.host_url, profile)
    return profile_page(profile, profile.code, req.params, {"code": profile.code, "level": profile.level,
                                                                        "benchmark": profile.benchmark})


def profile_page(profile, code: str, params, request_data: dict, extra=None) -> html.Div:
    """The page of a built profile (any area, or 'custom' for a custom one): `params(benchmark=...)` gives its links'
    parameters, `request_data` what the PDF button needs to make the pack again, `extra` sections after the summary."""
    plural = LEVEL_PLURAL.get(profile.level, "areas")
    return html.Div([
        parts.notices(profile.notices),
        parts.header(profile, plural, ID["map"], tools=[
            parts.benchmark_selector(profile, lambda key: urls.area_url(code, **params(benchmark=key))),
            parts.evidence_panel(profile, ID["pdf-btn"], ID["pdf-download"], urls.evidence_url(code, "pdf", **params()),
                                 urls.evidence_url(code, "csv", **params())),
            html.Div(id=ID["pdf-status"], role="status", className="small mt-1"),
        ]),
        dcc.Store(id=ID["request"], data=request_data),
        parts.needs_panel(profile),
        *(extra or []),
        parts.vintage_links(profile),
        parts.deprivation_panel(profile),
        html.Section([
            html.H2(f"Every indicator for {profile.name}", className="h4"),
            html.P(f"Latest value of each of {len(profile.rows)} indicators, compared with {profile.benchmark_name}. "
                   "Open a theme to see its indicators; an indicator's name opens it in Explore.",
                   className="small"),
            parts.spine_key(profile, plural),
            parts.theme_accordion(profile, plural, profile.marks),
        ], className="explore-panel", **{"aria-label": "Indicators by theme"}),
        parts.children_panel(profile, {k: LEVEL_SINGULAR.get(k, LEVELS.get(k, k)) for k in LEVELS}),
    ], className="area-profile")


@callback(Output(ID["pdf-download"], "data"), Output(ID["pdf-status"], "children"),
          Input(ID["pdf-btn"], "n_clicks"), State(ID["request"], "data"), prevent_initial_call=True,
          running=[(Output(ID["pdf-btn"], "disabled"), True, False),
                   (Output(ID["pdf-btn"], "children"), "Preparing the PDF…", BUTTON)])
def download_pack(_clicks, req):
    """The evidence pack PDF (made or read from the cache) and a status line saying so."""
    start = time.perf_counter()
    try:
        pdf = None
        if req.get("lsoa"):  # a custom area (pages/area_custom.py)
            profile = load_custom(req["lsoa"], req.get("name"), req["benchmark"])
        else:
            checked = parse_request(req["code"], req["level"], req["benchmark"])
            pdf = evidence.cached_pdf(checked, request.host_url)  # made while the page was read: no profile
            name = evidence.filename(checked, "pdf", area_name(checked.code, checked.level))
            profile = None if pdf is not None else build_profile(checked)
        if pdf is None:
            pdf, name = evidence.evidence_pdf(profile, request.host_url), evidence.filename(profile, "pdf")
    except (QueryError, KeyError, TypeError) as err:
        return dash.no_update, f"The evidence pack could not be made: {err}"
    took = time.perf_counter() - start
    return (dcc.send_bytes(pdf, name), f"Evidence pack ready: {name} ({len(pdf) // 1024} KB, {took:.1f} s).")
