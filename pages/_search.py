"""The one search of the app (the top bar's box, the home page's "Find your area" and the "no such area" page):
areas by name or code forgiving typos, indicators by words and synonyms, and postcodes, as links.

The navbar's two callbacks are registered by the shell (pages/_shell.py); the home page's and the "no such area"
page's are registered here, imported by pages/home.py and pages/area.py for their ids.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, no_update

import queries
from components import urls
from components.ids import page_id
from components.search_results import search_results
from data.schema import LEVEL_PREFERENCE, LEVEL_SINGULAR
from queries.postcodes import parse_postcode, postcode_areas

MAX_RESULTS = 8
MAX_INDICATORS = 4
POSTCODE_LEVELS = ("ward_2023", "lsoa_2021", "msoa_2021")  # what a whole postcode leads to, in this order
# An indicator's search score (queries.catalogue.search_indicators) worth showing: a weak word match is noise
# beside areas that matched ("old traford" half-matches "Older people"), less so when no area matched.
INDICATOR_SCORE = {"with_areas": 5.0, "alone": 1.5}
MISSING_SEARCH = page_id("area", "missing-search")
MISSING_RESULTS = page_id("area", "missing-results")
HOME_SEARCH = page_id("home", "search")
HOME_RESULTS = page_id("home", "search-results")


def profile_href(code: str, level: str) -> str:
    """The profile address of an area; LSOAs and MSOAs name their vintage (their code may stand at two)."""
    return urls.area_url(code, level=level if level.startswith(("lsoa", "msoa")) else None)


def find_areas(text: str | None, limit: int = MAX_RESULTS) -> list[dict]:
    """Areas matching the text (name or code): exact code first, then newest boundaries, then by name; near
    spellings ("old traford") only when nothing matches directly.

    Each: code, name, level, level_label, href, near (True for a near spelling). Fewer than two letters give no
    results, never an error.
    """
    try:
        rows = queries.search_areas(text or "", limit=40)
    except queries.QueryError:
        return []
    direct = rows[rows["match_rank"] < 3]
    rows = direct if len(direct) else rows
    order = {lv: i for i, lv in enumerate(LEVEL_PREFERENCE)}
    rows = rows.assign(_lv=rows["level"].map(lambda lv: order.get(lv, 99)), _near=-rows["similarity"].round(2))
    rows = rows.sort_values(["match_rank", "_near", "_lv", "area_name"]).head(limit)
    return [{"code": r.area_code, "name": r.area_name, "level": r.level, "near": r.match_rank == 3,
             "level_label": LEVEL_SINGULAR.get(r.level, r.level), "href": profile_href(r.area_code, r.level)}
            for r in rows.itertuples()]


def find_postcode(text: str | None) -> dict | None:
    """A whole or partial postcode's areas as search results (message, links), or None when the text is not a
    postcode; a partial one outside Trafford is None too, so "E05" (the start of a ward code) still finds areas.

    A whole postcode leads to its 2023 ward, 2021 LSOA and MSOA; a partial one to the 2023 wards its postcodes
    lie in, with their share of the postcodes.
    """
    try:
        kind, query = parse_postcode(text or "")
    except queries.QueryError:
        return None
    try:
        found = postcode_areas(query)
    except queries.QueryError as err:
        return {"message": str(err), "links": []} if kind == "postcode" else None
    if not found["in_trafford"]:
        return {"message": found["message"], "links": []} if kind == "postcode" else None
    areas = [a for a in found["areas"] if a["level"] in POSTCODE_LEVELS]
    if kind == "postcode":
        links = [{"name": a["area_name"] or a["area_code"], "href": profile_href(a["area_code"], a["level"]),
                  "detail": f"{LEVEL_SINGULAR.get(a['level'], a['level'])} · {a['area_code']}"}
                 for level in POSTCODE_LEVELS for a in areas if a["level"] == level][:len(POSTCODE_LEVELS)]
        return {"message": found["message"], "links": links}
    wards = [a for a in areas if a["level"] == "ward_2023"]
    links = [{"name": a["area_name"] or a["area_code"], "href": profile_href(a["area_code"], a["level"]),
              "detail": f"Ward (2023 boundaries) · {a['share']:.0%} of the postcodes"} for a in wards]
    return {"message": f"{found['postcodes']} Trafford postcodes start {query}; the 2023 wards they lie in "
                       "(shares count postcodes, not residents):", "links": links}


def find_indicators(text: str | None, with_areas: bool, limit: int = MAX_INDICATORS) -> list[dict]:
    """Indicators matching the text (words, synonyms, small typos), as links to Explore: name, theme, href."""
    text = (text or "").strip()
    if len(text) < 3:
        return []
    found = queries.search_indicators(text, limit=limit)
    found = found[found["score"] >= INDICATOR_SCORE["with_areas" if with_areas else "alone"]]
    return [{"id": r.indicator_id, "name": r.name, "theme": r.theme_name, "href": urls.explore_url(indicator=r.indicator_id)}
            for r in found.itertuples()]


def find_all(text: str | None) -> dict:
    """Everything the text finds: postcode (dict or None), areas and indicators."""
    postcode = find_postcode(text)
    areas = [] if postcode else find_areas(text)
    return {"postcode": postcode, "areas": areas, "indicators": [] if postcode else find_indicators(text, bool(areas))}


def results_list(text: str | None) -> list:
    """The results under a search box: a count for screen readers and lists of links."""
    if not text or len(text.strip()) < 2:
        return []
    return search_results(find_all(text))


def best_href(text: str | None) -> str | None:
    """Where Enter goes: the postcode's ward, else the best area, else the best indicator in Explore."""
    found = find_all(text)
    links = [*(found["postcode"] or {}).get("links", []), *found["areas"], *found["indicators"]]
    return links[0]["href"] if links else None


def navbar_results(text):
    """Matches as the person types."""
    return results_list(text)


def navbar_go(_n, text):
    """Enter opens the best match and empties the box (a click on a result empties it in assets/50_area.js)."""
    href = best_href(text)
    return (href, "") if href else (no_update, no_update)


@callback(Output(MISSING_RESULTS, "children"), Input(MISSING_SEARCH, "value"))
def missing_results(text):
    """The same search on the "no such area" page."""
    return results_list(text)


@callback(Output(HOME_RESULTS, "children"), Input(HOME_SEARCH, "value"))
def home_results(text):
    """The same search as the home page's "Find your area"."""
    return results_list(text)


@callback(Output(HOME_SEARCH + "-go", "href"), Input(HOME_SEARCH, "n_submit"), State(HOME_SEARCH, "value"),
          prevent_initial_call=True)
def home_go(_n, text):
    """Enter in "Find your area" opens the best match."""
    return best_href(text) or no_update

