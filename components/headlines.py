"""Headline figure cards: a value with its period, the England comparison and the source."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from components.format import format_interval, format_value
from components.judgement import judgement_badge
from components.licence import short_licence


def headline_card(fig: dict) -> dbc.Card:
    """One headline: name, big value, interval, period, judgement against England, source and licence.

    `fig` keys: name, value, lower, upper, unit, value_type, period, breakdown, england_value, judgement,
    explanation, publisher, licence, href; data_href (the indicator's /data page, where the licence is in full).
    """
    label = fig["name"] + (f" ({fig['breakdown'].lower()})" if fig.get("breakdown") not in (None, "Persons") else "")
    return dbc.Card(dbc.CardBody([
        html.H2(html.A(label, href=fig.get("href")), className="h6 mb-2"),
        html.Div(format_value(fig["value"], fig["unit"], fig["value_type"]), className="headline-value"),
        html.Div(format_interval(fig.get("lower"), fig.get("upper"), fig["unit"], fig["value_type"]), className="obs-meta"),
        html.Div(f"Trafford, {fig['period']}", className="headline-period mb-2"),
        html.Div([judgement_badge(fig["judgement"], fig["explanation"], "England") if fig.get("tested", True) or
                  not fig.get("gap_text") else html.Span("Not tested", className="judgement judgement-not_compared",
                                                         title=fig["explanation"]),
                  html.Span(f" England {format_value(fig.get('england_value'), fig['unit'], fig['value_type'])}",
                            className="obs-meta ms-1")]),
        html.Div(fig.get("gap_text") or "", className="small mt-1"),
        html.P(fig["explanation"], className="obs-meta mt-2 mb-1 small"),
        html.P([f"Source: {fig['publisher']}. Licence: ",  # the short name keeps the cards even; the full text a hover
                html.A(short_licence(fig.get("licence")), href=fig.get("data_href"), title=fig.get("licence") or None),
                "."], className="obs-meta small mb-0"),
    ]), className="headline-card shadow-sm")


def headline_grid(figures: list[dict]) -> html.Div:
    """The headline cards in a responsive grid, or a clear note when there are none."""
    if not figures:
        return dbc.Alert("No headline figures are available yet: the store has none of the headline indicators.",
                         color="secondary")
    return dbc.Row([dbc.Col(headline_card(f), xs=12, sm=6, lg=3, className="mb-3") for f in figures])
