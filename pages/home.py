"""Home: a way in (find your area: search, a map of the wards, their links), then Trafford's headline figures."""

from __future__ import annotations

import dash
import pandas as pd
from dash import html

import queries
from analysis.judgement import judge_row
from components import urls
from components.headlines import headline_grid
from components.home_parts import catalogue_link, find_your_area, wards_section
from components.ids import page_id
from data.schema import TRAFFORD
from pages._boundary import guarded
from pages._search import HOME_RESULTS, HOME_SEARCH

dash.register_page(__name__, path="/", name="Home", order=0, title="Trafford Data Observatory")

# The headline indicators, in order; those missing from the store are skipped.
HEADLINES = [("population_total", "Persons"), ("life_expectancy_birth", "Female"), ("life_expectancy_birth", "Male"),
             ("claimant_rate", "Persons"), ("employment_rate", "Persons"), ("imd_score", "Persons"),
             ("fuel_poverty", "Persons"), ("obesity_year6", "Persons"), ("broadband_download_speed", "Persons"),
             ("no_qualifications", "Persons"), ("smoking_prevalence", "Persons"), ("bad_health", "Persons")]
MAX_HEADLINES = 8


def headline_figures(latest: pd.DataFrame) -> list[dict]:
    """Headline dicts for the cards from Trafford's latest values with their England comparison."""
    figures = []
    rows = latest.set_index(["indicator_id", "breakdown"])
    for key in HEADLINES:
        if key not in rows.index or len(figures) >= MAX_HEADLINES:
            continue
        r = rows.loc[key]
        j = judge_row(r.to_dict(), "la", "england", own_code=TRAFFORD)  # the engine every page shares
        figures.append({"name": r["name"], "value": r["value"], "lower": r["lower_ci"], "upper": r["upper_ci"],
                        "unit": r["unit"], "value_type": r["value_type"], "period": r["period"], "breakdown": key[1],
                        "england_value": r["england_value"], "judgement": j.judgement,
                        "explanation": j.explanation, "gap_text": j.gap_text, "tested": j.tested,
                        "publisher": r["publisher"], "licence": r["licence"],
                        "href": urls.explore_url(indicator=key[0], level="la"), "data_href": urls.data_url(key[0])})
    return figures


WARD_MAP = page_id("home", "ward-map")


@guarded("The home page")
def layout(**_query) -> html.Div:
    """The home page; a clear message instead of an error when the store is missing."""
    latest = queries.area_latest(TRAFFORD, "la")
    themes = queries.indicators_by_theme()
    wards = queries.areas_of_level("ward_2023")
    n = sum(len(t) for t in themes.values())
    return html.Div([
        find_your_area(HOME_SEARCH, HOME_RESULTS),
        wards_section(WARD_MAP, list(zip(wards["area_code"], wards["area_name"], strict=True))),
        html.Section([
            html.H2("Trafford at a glance", className="h3"),
            html.P("Headline figures for Trafford as a whole, each with its period, how it compares with England "
                   "and where it comes from.", className="obs-meta"),
            headline_grid(headline_figures(latest)),
            catalogue_link(n, len(themes)),
        ], **{"aria-label": "Headline figures"}),
    ])
