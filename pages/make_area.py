"""Make an area: choose 2021 LSOAs on a map or in a list, from a ward, from pasted postcodes or an uploaded boundary.

Postcodes travel only in the callback's POST body: they pick LSOAs and are dropped (never stored, logged or put in
an address); the result is a /area/custom?lsoa=... link.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import dash_leaflet as dl
from dash import Input, Output, State, callback, ctx, dcc, html, no_update
from dash_extensions.javascript import Namespace

from accounts.sessions import current_user
from components import custom_area as parts
from components import urls
from components.choropleth import TRAFFORD_BOUNDS
from components.ids import page_id
from queries import custom_area as q
from queries.db import StoreMissing
from queries.errors import QueryError
from queries.geometry import level_geometry
from report import custom_boundary
from report.custom_area import clean_name, custom_params, custom_path
from sharing import saved_areas

dash.register_page(__name__, path=parts.MAKE_PATH, name="Make an area", order=5,
                   title="Make an area · Trafford Data Observatory",
                   description="Make your own area from Trafford's LSOAs and get its profile and evidence pack.")

P = "make"
ID = {k: page_id(P, k) for k in ("map", "geojson", "boundary", "list", "name", "ward", "ward-btn", "clear",
                                 "postcodes", "pc-btn", "pc-result", "upload", "up-result", "status", "actions",
                                 "count")}
JS = Namespace("observatory_custom", "picker")


def _initial(lsoa) -> list[str]:
    try:
        return q.check_lsoas(lsoa) if lsoa else []
    except QueryError:
        return []


def layout(lsoa=None, name=None, **_query) -> html.Div:
    """The maker: map and list box side by side, then the other ways to choose, then the links to the results."""
    try:
        lsoas = q.all_lsoas()
        wards = q.wards()
    except (StoreMissing, QueryError) as err:
        return dbc.Alert(f"The indicator store is not available: {err}", color="danger")
    start = _initial(lsoa)
    title = clean_name(name, start) if name else ""
    layer = dl.GeoJSON(url=urls.geometry_url("lsoa_2021"), id=ID["geojson"], hideout={"selected": start},
                       style=JS("style"), onEachFeature=JS("tooltip"), zoomToBounds=False)
    outline = dl.GeoJSON(id=ID["boundary"], data=None, style={"color": "#d4351c", "weight": 3, "dashArray": "6 4",
                                                              "fillOpacity": 0})
    return html.Div([
        html.H1("Make an area", className="h2"),
        html.P("Community groups rarely serve a ward. Choose the small areas (LSOAs, about 1,500 residents each) your "
               "project serves, give the area a name, and get the same profile and evidence pack as any ward: counts "
               "added up over your LSOAs, with confidence intervals, compared with Trafford and England.",
               className="lead"),
        dbc.Row([
            dbc.Col(html.Figure([
                dl.Map([outline, layer], id=ID["map"], bounds=TRAFFORD_BOUNDS, style={"height": "520px"},
                       scrollWheelZoom=False, trackViewport=False,
                       className="make-map"),
                html.Figcaption("Click an LSOA to add it; click it again to remove it. The list box beside the "
                                "map does the same from the keyboard.", className="obs-meta small mt-1")]), md=7),
            dbc.Col([
                dbc.Label("Name of the area", html_for=ID["name"]),
                dbc.Input(id=ID["name"], value=title, maxLength=80, placeholder="e.g. Old Trafford youth project"),
                dbc.Label("LSOAs in the area", html_for=ID["list"], className="mt-2"),
                dcc.Dropdown(id=ID["list"], options=parts.lsoa_options(lsoas), value=start, multi=True,
                             placeholder="Type an LSOA, ward or code to add it", optionHeight=40),
                html.Div(id=ID["count"], className="small mt-1", role="status"),
                html.Div(id=ID["actions"], className="mt-2"),
                html.H2("Start from a ward", className="h6 mt-3"),
                dbc.Label("Ward to start from", html_for=ID["ward"], className="visually-hidden"),
                dbc.InputGroup([
                    dbc.Select(id=ID["ward"], options=[{"label": r.area_name, "value": r.area_code}
                                                       for r in wards.itertuples()],
                               value=wards["area_code"].iloc[0] if len(wards) else None),
                    dbc.Button("Use its LSOAs", id=ID["ward-btn"], color="secondary", n_clicks=0),
                ], size="sm"),
                dbc.Button("Clear the area", id=ID["clear"], color="link", size="sm", className="px-0", n_clicks=0),
                html.Div(id=ID["status"], className="small", role="status"),
            ], md=5),
        ], className="g-3"),
        dbc.Row([
            dbc.Col(html.Section([
                html.H2("From postcodes", className="h5"),
                html.P("Paste the postcodes where your members live, one a line: the area becomes the LSOAs they fall "
                       "in. The postcodes are only used to pick LSOAs: they are not kept, logged or put in the link.",
                       className="small"),
                dbc.Label("Postcodes", html_for=ID["postcodes"], className="visually-hidden"),
                dbc.Textarea(id=ID["postcodes"], rows=5, placeholder="M33 7AB\nM41 0NA", spellCheck="false",
                             maxLength=200_000),
                dbc.Button("Find their LSOAs", id=ID["pc-btn"], color="secondary", size="sm", className="mt-1",
                           n_clicks=0),
                html.Div(id=ID["pc-result"], className="mt-2", role="status"),
            ], className="explore-panel"), md=6),
            dbc.Col(html.Section([
                html.H2("From a boundary", className="h5"),
                html.P(f"Upload your area's boundary as GeoJSON (longitude and latitude, at most 2 MB). LSOAs with at "
                       f"least {custom_boundary.THRESHOLD:.0%} of their area inside are chosen, shown to confirm.",
                       className="small"),
                dcc.Upload(html.Div(["Drop a GeoJSON file here or ", html.A("choose one", href="#")]),
                           id=ID["upload"], accept=".geojson,.json,application/geo+json,application/json",
                           max_size=custom_boundary.MAX_BYTES, className="upload-drop p-3 border rounded text-center"),
                html.Div(id=ID["up-result"], className="mt-2", role="status"),
            ], className="explore-panel"), md=6),
        ], className="g-3 mt-1"),
        _saved_list(),
    ], className="make-area")


def _saved_list() -> html.Section | None:
    """The areas the signed-in user's organisation saved, each with its fixed link."""
    user = current_user()
    areas = saved_areas.saved_areas(user)
    if user is None:
        return None
    items = [html.Li([html.A(f"{a['name']} (version {a['version']}, {len(a['lsoa'])} LSOAs)",
                             href=custom_path(a["lsoa"], a["name"])),
                      html.Span(f" saved by {a['username']} on {a['created'][:10]}", className="obs-meta")])
             for a in areas]
    return html.Section([html.H2(f"Areas saved by {user.organisation}", className="h5"),
                         html.Ul(items, id="make-saved") if items else
                         html.P("None yet: open an area's profile and choose “Save this area”.", className="small")],
                        className="explore-panel mt-3")


def toggle(selected: list[str] | None, code: str | None) -> list[str]:
    """The selection with one LSOA added, or removed when it was in."""
    have = list(selected or [])
    if not code:
        return have
    return [c for c in have if c != code] if code in have else sorted([*have, code])


def from_postcodes(text: str | None) -> tuple[list[str] | None, object]:
    """(LSOAs, result shown) for pasted postcodes; (None, message) when none can be used."""
    try:
        result = q.postcode_lsoas(text or "")
    except QueryError as err:
        return None, dbc.Alert(str(err), color="warning", className="py-1 mb-0")
    if not result["lsoas"]:
        return None, dbc.Alert(f"None of the {result['not_found']} postcodes is in Trafford (or they are newer than "
                               "March 2025): the area is unchanged.", color="warning", className="py-1 mb-0")
    names = dict(zip(*[q.lsoa_names(list(result["lsoas"]))[c] for c in ("area_code", "area_name")], strict=True))
    return sorted(result["lsoas"]), parts.postcode_result(result, names)


def from_boundary(contents: str | None) -> tuple[list[str] | None, object, dict | None]:
    """(LSOAs, result shown, boundary GeoJSON to draw) for an uploaded file; (None, message, None) when refused."""
    from shapely.geometry import mapping

    try:
        shape = custom_boundary.read_boundary(custom_boundary.decode_upload(contents))
        shares = custom_boundary.lsoa_shares(shape, level_geometry("lsoa_2021"))
    except custom_boundary.BoundaryError as err:
        return None, dbc.Alert(f"{err} The area is unchanged.", color="warning", className="py-1 mb-0"), None
    picked = custom_boundary.chosen(shares)
    if not picked:
        return None, dbc.Alert(f"The boundary covers no LSOA by at least {custom_boundary.THRESHOLD:.0%} of its "
                               "area (it is smaller than one LSOA): choose LSOAs on the map instead.",
                               color="warning", className="py-1 mb-0"), None
    drawn = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                                                         "geometry": mapping(shape)}]}
    return picked, parts.boundary_result(shares, picked, custom_boundary.THRESHOLD), drawn


@callback(Output(ID["list"], "value"), Output(ID["pc-result"], "children"), Output(ID["up-result"], "children"),
          Output(ID["boundary"], "data"), Output(ID["postcodes"], "value"),
          Input(ID["geojson"], "n_clicks"), Input(ID["ward-btn"], "n_clicks"), Input(ID["clear"], "n_clicks"),
          Input(ID["pc-btn"], "n_clicks"), Input(ID["upload"], "contents"),
          State(ID["geojson"], "clickData"), State(ID["ward"], "value"), State(ID["postcodes"], "value"),
          State(ID["list"], "value"), prevent_initial_call=True)
def edit_area(_click, _ward, _clear, _pc, contents, feature, ward, postcodes, selected):
    """Every way of choosing LSOAs, into the one list box (the selection's single home)."""
    trigger = ctx.triggered_id
    keep = (no_update,) * 4
    if trigger == ID["geojson"]:
        code = ((feature or {}).get("properties") or {}).get("area_code")
        return toggle(selected, code), *keep
    if trigger == ID["ward-btn"] and ward:
        try:
            return q.ward_lsoas(ward), *keep
        except QueryError:
            return no_update, *keep
    if trigger == ID["clear"]:
        return [], None, None, None, no_update
    if trigger == ID["pc-btn"]:
        picked, shown = from_postcodes(postcodes)
        # the box is emptied once its postcodes have picked LSOAs: nothing of them stays on the page
        return (picked if picked is not None else no_update), shown, no_update, no_update, \
            ("" if picked is not None else no_update)
    if trigger == ID["upload"]:
        picked, shown, drawn = from_boundary(contents)
        if picked is None:
            return no_update, no_update, shown, None, no_update
        return picked, no_update, shown, drawn, no_update
    return no_update, *keep


@callback(Output(ID["geojson"], "hideout"), Output(ID["count"], "children"), Output(ID["actions"], "children"),
          Input(ID["list"], "value"), Input(ID["name"], "value"))
def show_area(selected, name):
    """The map's fill, the count and the links to the area's profile and evidence pack."""
    codes = sorted(set(selected or []))
    if not codes:
        return {"selected": []}, "No LSOAs chosen yet.", html.P(
            "Choose at least one LSOA to see its profile.", className="small obs-meta mb-0")
    title = clean_name(name, codes)
    files = custom_params(codes, title)
    return {"selected": codes}, f"{len(codes)} LSOA{'s' if len(codes) != 1 else ''} chosen.", html.Div([
        dbc.Button(f"Open the profile of {title}", href=custom_path(codes, title), color="primary", size="sm",
                   id=page_id(P, "open"), className="me-2"),
        html.A("Evidence pack (PDF)", href=urls.evidence_url("custom", "pdf", **files), className="small me-2",
               target="_blank", rel="noopener"),
        html.A("CSV", href=urls.evidence_url("custom", "csv", **files), className="small", download=""),
    ], className="d-flex flex-wrap align-items-center gap-1")
