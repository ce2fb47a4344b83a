"""A custom area's own pieces: what it is made of, how its figures were made, and a clear refusal of bad input."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import urls

MAKE_PATH = urls.MAKE_AREA


def made_of_panel(profile, change_href: str, save=None) -> html.Section:
    """The LSOAs counted (code, name, best-fit ward), how the figures were made, and what was left out and why."""
    lsoas = profile.lsoas
    table = dbc.Table([
        html.Thead(html.Tr([html.Th("LSOA code", scope="col"), html.Th("Name", scope="col"),
                            html.Th("Ward (2023, best fit)", scope="col")])),
        html.Tbody([html.Tr([html.Td(dcc.Link(r.area_code, href=urls.area_url(r.area_code, level="lsoa_2021"))),
                             html.Td(r.area_name), html.Td(r.ward_name if isinstance(r.ward_name, str) else "—")])
                    for r in lsoas.itertuples()]),
    ], size="sm", bordered=True, className="mb-2 custom-lsoa-table", id="custom-lsoas")
    how = [html.Li("Where an indicator is held as counts for every LSOA (people with a characteristic and the "
                   "people counted), the counts are added up over the chosen LSOAs and the value and its 95% "
                   "interval are worked out from the totals, as for a ward."),
           html.Li("Counts such as the population are added up."),
           html.Li("Ranks and the spread charts place this area among Trafford's 21 wards (2023 boundaries), as if it "
                   "were one of them: “3rd best of 22” means two wards do better.")]
    if profile.estimated:
        how.append(html.Li([html.Strong("Estimated, no interval: "), ", ".join(profile.estimated),
                            ". These are held only as rates or scores, so each is the LSOAs' values weighted by "
                            "their population; they are not tested for significance."]))
    left = html.Div([html.H3("Left out", className="h6"),
                     html.Ul([html.Li([html.Strong(x.indicator_id + ": "), x.reason]) for x in profile.left_out],
                             className="small mb-0")]) if profile.left_out else None
    return html.Section([
        html.H2(f"What {profile.name} is made of", className="h4"),
        html.P([f"{len(lsoas)} LSOAs (2021 boundaries). ", dcc.Link("Change this area", href=change_href),
                " (a changed area gets a new link; this one keeps showing these LSOAs)."], className="mb-1"),
        html.Details([html.Summary(f"The {len(lsoas)} LSOAs"), table], open=len(lsoas) <= 8),
        html.H3("How its figures were made", className="h6 mt-2"),
        html.Ul(how, className="small"),
        left,
        save,
    ], className="explore-panel", id="custom-made-of", **{"aria-label": "What this area is made of"})


def refused(message: str) -> html.Div:
    """A clear page for a custom area that cannot be made (bad codes, none), with the way to make one."""
    return html.Div([
        html.H1("This custom area cannot be shown", className="h2"),
        dbc.Alert(message, color="warning", id="custom-error"),
        html.P(["Custom areas are groups of Trafford's 2021 LSOAs, written as ",
                html.Code(urls.custom_area_url(lsoa=["E01006109", "E01006110"], name="My area")), ". ",
                dcc.Link("Make an area on the map", href=MAKE_PATH), " by clicking LSOAs, starting from a ward, "
                "pasting postcodes or uploading a boundary."]),
    ])


def lsoa_options(lsoas) -> list[dict]:
    """The list box's options: 'Trafford 001A · Old Trafford (E01006109)' for each 2021 LSOA, by name."""
    rows = lsoas.sort_values("area_name")
    return [{"label": f"{r.area_name} · {r.ward_name if isinstance(r.ward_name, str) else 'no ward'} ({r.area_code})",
             "value": r.area_code} for r in rows.itertuples()]


def postcode_result(result: dict, names: dict[str, str]) -> html.Div:
    """How many postcodes each chosen LSOA holds (the postcodes themselves are not shown back or kept)."""
    notes = []
    if result["not_found"]:
        notes.append(f"{result['not_found']} postcode{'s' if result['not_found'] != 1 else ''} not found in Trafford "
                     "(outside Trafford, mistyped, or newer than March 2025)")
    if result["not_postcodes"]:
        notes.append(f"{result['not_postcodes']} line{'s' if result['not_postcodes'] != 1 else ''} not read as a "
                     "whole postcode")
    return html.Div([
        html.P(f"{result['found']} postcode{'s' if result['found'] != 1 else ''} fall in "
               f"{len(result['lsoas'])} LSOA{'s' if len(result['lsoas']) != 1 else ''}; these are now the area. "
               + ("; ".join(notes) + ". " if notes else "") + "The postcodes were not kept.", className="small mb-1"),
        dbc.Table([html.Thead(html.Tr([html.Th("LSOA", scope="col"), html.Th("Postcodes", scope="col")])),
                   html.Tbody([html.Tr([html.Td(f"{names.get(c, c)} ({c})"), html.Td(str(n))])
                               for c, n in result["lsoas"].items()])],
                  size="sm", bordered=True, className="small mb-0", id="custom-postcode-table"),
    ])


def boundary_result(shares: list[dict], chosen: list[str], threshold: float) -> html.Div:
    """The LSOAs the uploaded boundary covers, with the share of each inside, the chosen ones marked."""
    return html.Div([
        html.P(f"The boundary covers {len(chosen)} LSOA{'s' if len(chosen) != 1 else ''} by at least "
               f"{threshold:.0%} of their area; these are now the area (filled on the map, the boundary dashed). "
               "Add or remove LSOAs to adjust.", className="small mb-1"),
        dbc.Table([html.Thead(html.Tr([html.Th("LSOA", scope="col"), html.Th("Share inside", scope="col"),
                                       html.Th("Chosen", scope="col")])),
                   html.Tbody([html.Tr([html.Td(f"{r['area_name']} ({r['area_code']})"), html.Td(f"{r['share']:.0%}"),
                                        html.Td("✓ yes" if r["area_code"] in chosen else "no")]) for r in shares])],
                  size="sm", bordered=True, className="small mb-0", id="custom-boundary-table"),
    ])
