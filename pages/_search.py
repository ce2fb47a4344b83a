"""The area search in the shell's navbar (and on the "no such area" page): matches as links to profiles.

Imported by pages/area.py, which registers these callbacks with the app.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, dcc, html, no_update

import queries
from components import ids
from components.ids import page_id
from report.profile import LEVEL_PREFERENCE, LEVEL_SINGULAR

MAX_RESULTS = 8
MISSING_SEARCH = page_id("area", "missing-search")
MISSING_RESULTS = page_id("area", "missing-results")


def profile_href(code: str, level: str) -> str:
    """The profile address of an area; LSOAs and MSOAs name their vintage (their code may stand at two)."""
    return f"/area/{code}" + (f"?level={level}" if level.startswith(("lsoa", "msoa")) else "")


def find_areas(text: str | None, limit: int = MAX_RESULTS) -> list[dict]:
    """Areas matching the text (name or code), exact code first, then newest boundaries, then by name.

    Each: code, name, level, level_label, href. Fewer than two letters give no results, never an error.
    """
    try:
        rows = queries.search_areas(text or "", limit=40)
    except queries.QueryError:
        return []
    order = {lv: i for i, lv in enumerate(LEVEL_PREFERENCE)}
    rows = rows.assign(_lv=rows["level"].map(lambda lv: order.get(lv, 99)))
    rows = rows.sort_values(["match_rank", "_lv", "area_name"]).head(limit)
    return [{"code": r.area_code, "name": r.area_name, "level": r.level,
             "level_label": LEVEL_SINGULAR.get(r.level, r.level), "href": profile_href(r.area_code, r.level)}
            for r in rows.itertuples()]


def results_list(text: str | None) -> list:
    """The results under a search box: a count for screen readers and a list of links."""
    if not text or len(text.strip()) < 2:
        return []
    found = find_areas(text)
    status = html.Div(f"{len(found)} area{'s' if len(found) != 1 else ''} found" if found else
                      "No area matches: try part of a name (e.g. Sale) or a code (e.g. E05015239).",
                      className="area-search-status")
    links = html.Ul([html.Li(dcc.Link([html.Span(f["name"], className="fw-semibold"),
                                       html.Span(f" {f['level_label']} · {f['code']}", className="small")],
                                      href=f["href"], className="area-search-link"))
                     for f in found], className="area-search-list")
    return [status, links] if found else [status]


@callback(Output(ids.AREA_SEARCH_RESULTS, "children"), Input(ids.AREA_SEARCH, "value"))
def navbar_results(text):
    """Matches as the person types."""
    return results_list(text)


@callback(Output(ids.AREA_SEARCH + "-go", "href"), Output(ids.AREA_SEARCH, "value"),
          Input(ids.AREA_SEARCH, "n_submit"), State(ids.AREA_SEARCH, "value"), prevent_initial_call=True)
def navbar_go(_n, text):
    """Enter opens the best match's profile and empties the box (a click on a result empties it in
    assets/50_area.js)."""
    found = find_areas(text, 1)
    return (found[0]["href"], "") if found else (no_update, no_update)


@callback(Output(MISSING_RESULTS, "children"), Input(MISSING_SEARCH, "value"))
def missing_results(text):
    """The same search on the "no such area" page."""
    return results_list(text)
