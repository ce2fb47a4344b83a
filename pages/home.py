"""Home: Trafford at a glance (headline figures against England) and the catalogue by theme."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

import queries
from analysis.judge import judge
from components.catalogue import catalogue_by_theme
from components.headlines import headline_grid
from data.schema import ENGLAND, TRAFFORD

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
        judgement, text = judge(r["value"], r["lower_ci"], r["upper_ci"], r["england_value"], polarity=r["polarity"],
                                ci_method=r["ci_method"], benchmark_name="England", unit=r["unit"],
                                **({"published": r["published_judgement"], "published_by": r["published_by"]}
                                   if r.get("published_comparator") == ENGLAND else {}))
        figures.append({"name": r["name"], "value": r["value"], "lower": r["lower_ci"], "upper": r["upper_ci"],
                        "unit": r["unit"], "value_type": r["value_type"], "period": r["period"], "breakdown": key[1],
                        "england_value": r["england_value"], "judgement": judgement, "explanation": text,
                        "publisher": r["publisher"], "licence": r["licence"],
                        "href": f"/explore?indicator={key[0]}&level=la"})
    return figures


def layout(**_query) -> html.Div:
    """The home page; a clear message instead of an error when the store is missing."""
    try:
        latest = queries.area_latest(TRAFFORD, "la")
        themes = queries.indicators_by_theme()
    except Exception as err:  # a missing store must not give a server error page
        return dbc.Alert(f"The indicator store is not available: {err}", color="danger")
    n = sum(len(t) for t in themes.values())
    return html.Div([
        html.H1("Trafford at a glance", className="h2"),
        html.P(f"{n} indicators across {len(themes)} themes, for Trafford's wards, small areas and comparators. "
               "Each figure shows its period, how it compares with England and where it comes from.",
               className="lead"),
        html.Section(headline_grid(headline_figures(latest)), **{"aria-label": "Headline figures"}),
        html.H2("Catalogue of indicators", className="h3 mt-4"),
        catalogue_by_theme(themes),
    ])
