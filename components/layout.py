"""The shell around every page: skip link, navigation bar, main region and footer with sources and licence."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids, urls
from components.search_results import search_box

LICENCE_LINE = ("Contains public sector information licensed under the Open Government Licence v3.0. "
                "Boundaries: contains National Statistics and OS data © Crown copyright and database right.")


def area_search() -> html.Div:
    """The one search: areas, indicators and postcodes; results (links) appear as you type; Enter opens the first."""
    return search_box(ids.AREA_SEARCH, ids.AREA_SEARCH_RESULTS, "Search areas, postcodes and indicators",
                      "Area, postcode or topic…", "area-search ms-md-3", size="sm")


def navbar(pages: list[dict]) -> dbc.Navbar:
    """The top bar with a link to each page in the registry's order and the area search."""
    links = [dbc.NavItem(dbc.NavLink(p["name"], href=p["relative_path"], active="exact")) for p in pages]
    # "Sign in", or the signed-in user's "Partner data": filled in the browser (pages/_shell.py)
    links.append(dbc.NavItem(html.A("Sign in", href=urls.login_url(), id=ids.NAV_ACCOUNT, className="nav-link")))
    return dbc.Navbar(
        dbc.Container([
            dbc.NavbarBrand("Trafford Data Observatory", href="/"),
            html.Nav(dbc.Nav(links, className="flex-wrap"), className="ms-md-auto", **{"aria-label": "Main"}),
            area_search(),
        ]),
        className="obs-navbar", dark=True, expand="md",
    )


def footer() -> html.Footer:
    """Sources, licence and how to reuse the data."""
    return html.Footer(dbc.Container([
        html.P(LICENCE_LINE, className="mb-1"),
        html.P(["Every figure shows its source, period and licence. Built from open data published by ONS, OHID, "
                "DWP, DfE, MHCLG and Trafford Council via the ",
                html.A("Trafford Data Lab", href="https://www.trafforddatalab.io"), "."], className="mb-0"),
    ]), className="obs-footer")


def shell(pages: list[dict], content) -> html.Div:
    """The whole page frame around the page container."""
    return html.Div([
        html.A("Skip to main content", href="#main", className="skip-link"),
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        navbar(pages),
        html.Main(dbc.Container(content, fluid="xl"), id="main", className="obs-main", tabIndex="-1"),
        footer(),
    ])
