"""Home page pieces: "Find your area" (the one search), the clickable map of the 21 wards, and their links."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import dash_leaflet as dl
from dash import dcc, html
from dash_extensions.javascript import Namespace

from components import urls
from components.choropleth import TRAFFORD_BOUNDS
from components.search_results import search_box

WARDS_JS = Namespace("observatory_home", "wards")
WARD_LEVEL = "ward_2023"


def find_your_area(box_id: str, results_id: str) -> html.Section:
    """The first thing on the page: one box for a ward, a neighbourhood, a postcode or a topic."""
    return html.Section([
        html.H1("Find your area", className="h2 mb-1", id="home-find-heading"),
        html.P("Type a ward, a neighbourhood, a postcode or a topic (for example Old Trafford, M33 7, child "
               "poverty) to see what is known about the place and how it compares with Trafford and England.",
               className="mb-2"),
        search_box(box_id, results_id, "Find your area: a place, postcode or topic",
                   "e.g. Old Trafford or M33 7", "area-search home-search", hide_label=True,
                   size="lg"),
    ], className="home-find mb-4", **{"aria-labelledby": "home-find-heading"})


def ward_map(map_id: str) -> html.Figure:
    """The 2023 wards on a map: hover for the name, click to open the ward's profile (the links beside are the
    keyboard route)."""
    layer = dl.GeoJSON(url=urls.geometry_url(WARD_LEVEL), style=WARDS_JS("style"),
                       onEachFeature=WARDS_JS("bind"), zoomToBounds=False, hoverStyle=WARDS_JS("hover"))
    m = dl.Map([layer], id=map_id, bounds=TRAFFORD_BOUNDS, style={"height": "360px", "width": "100%"},
               scrollWheelZoom=False, attributionControl=False, trackViewport=False, className="home-ward-map")
    return html.Figure([m, html.Figcaption("Trafford's 21 wards (May 2023 boundaries): select one to open its "
                                           "profile.", className="obs-meta small mt-1")],
                       className="mb-0", **{"aria-label": "Map of Trafford's wards",
                                            "data-area-href": urls.area_url_template()})


def ward_links(wards: list[tuple[str, str]]) -> html.Nav:
    """Every ward as a link to its profile, in columns (what the map offers, for keyboards and screen readers)."""
    return html.Nav([
        html.H2("Wards", className="h5", id="home-wards-heading"),
        html.Ul([html.Li(dcc.Link(name, href=urls.area_url(code))) for code, name in wards], className="home-ward-list"),
        html.P(dcc.Link("All areas and levels in Explore", href=urls.explore_url()), className="small mb-0 mt-2"),
    ], **{"aria-labelledby": "home-wards-heading"})


def wards_section(map_id: str, wards: list[tuple[str, str]]) -> html.Section:
    """The map and the ward links side by side (stacked on a phone)."""
    if not wards:
        return html.Section(dbc.Alert("No wards are in the store yet.", color="secondary"))
    return html.Section(dbc.Row([dbc.Col(ward_map(map_id), lg=7, className="mb-3"),
                                 dbc.Col(ward_links(wards), lg=5, className="mb-3")]),
                        className="home-wards mb-3", **{"aria-label": "Wards"})


def catalogue_link(n_indicators: int, n_themes: int) -> html.P:
    """Where the full catalogue lives now: the Open data page."""
    return html.P([f"{n_indicators} indicators across {n_themes} themes: ",
                   dcc.Link("browse and download the whole catalogue", href=urls.data_url()), "."], className="mt-2")
