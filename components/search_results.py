"""The one search box of the app and its results: a postcode's areas, areas and indicators, as keyboard-ready links."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html


def search_box(box_id: str, results_id: str, label: str, placeholder: str, class_name: str,
               hide_label: bool = True, size: str | None = None) -> html.Div:
    """A search box, its results (links, filled by pages/_search.py) and the location Enter sets."""
    return html.Div([
        html.Label(label, htmlFor=box_id, className="visually-hidden" if hide_label else "form-label fw-semibold"),
        # not dcc.Input: its debounce restores the caret on a timer (see components.opendata.search_box)
        dbc.Input(id=box_id, type="search", placeholder=placeholder, debounce=250, autocomplete="off",
                  size=size),
        html.Div(id=results_id, className="area-search-results", **{"aria-live": "polite"}),
        dcc.Location(id=box_id + "-go", refresh="callback-nav"),
    ], className=class_name, role="search")


def _link(name: str, detail: str, href: str) -> html.Li:
    return html.Li(dcc.Link([html.Span(name, className="fw-semibold"), html.Span(f" {detail}", className="small")],
                            href=href, className="area-search-link"))


def _heading(text: str) -> html.Li:
    return html.Li(text, className="area-search-heading", role="presentation")


def _count(n: int, one: str) -> str:
    return f"{n} {one}{'' if n == 1 else 's'}"


def search_results(found: dict) -> list:
    """A status line for screen readers, then the links: a postcode's ward and LSOA, areas, indicators.

    `found`: postcode (None or dict with status, message, links [{name, detail, href}]), areas
    [{name, level_label, code, href, near}], indicators [{name, theme, href}].
    """
    postcode, areas, indicators = found.get("postcode"), found.get("areas", []), found.get("indicators", [])
    if postcode:
        items = [_link(x["name"], x["detail"], x["href"]) for x in postcode.get("links", [])]
        status = html.Div(postcode["message"], className="area-search-status")
        return [status, html.Ul(items, className="area-search-list")] if items else [status]
    if not areas and not indicators:
        return [html.Div("No area or indicator matches: try part of a name (e.g. Sale), a code (e.g. E05015239), "
                         "a postcode (e.g. M33 7XX) or a topic (e.g. child poverty).", className="area-search-status")]
    near = areas and all(a.get("near") for a in areas)
    parts = [_count(len(areas), "area") if areas else "", _count(len(indicators), "indicator") if indicators else ""]
    status = " and ".join(p for p in parts if p) + " found" + (": no exact match, nearest spellings" if near else "")
    items = []
    if areas:
        items += [_heading("Did you mean" if near else "Areas"),
                  *[_link(a["name"], f"{a['level_label']} · {a['code']}", a["href"]) for a in areas]]
    if indicators:
        items += [_heading("Indicators"), *[_link(i["name"], f"· {i['theme']}", i["href"]) for i in indicators]]
    return [html.Div(status, className="area-search-status"), html.Ul(items, className="area-search-list")]
