"""The catalogue of indicators grouped by theme, as accessible tables."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from data.schema import LEVELS, THEMES


def _levels_text(levels) -> str:
    return ", ".join(LEVELS.get(lv, lv) for lv in levels)


def theme_table(theme: str, table: pd.DataFrame) -> html.Section:
    """One theme's indicators: name (linked), unit, latest period, periods, levels and source."""
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in ("Indicator", "Unit", "Latest", "Periods",
                                                                  "Areas", "Source")]))
    rows = [html.Tr([
        html.Td(html.A(r["name"], href=f"/explore?indicator={r['indicator_id']}")),
        html.Td(r["unit"], className="unit"),
        html.Td(r["latest_period"]),
        html.Td(str(r["n_periods"])),
        html.Td(_levels_text(r["levels"])),
        html.Td(r["publisher"]),
    ]) for r in table.sort_values("name").to_dict("records")]
    return html.Section([
        html.H3(f"{THEMES[theme]} ({len(table)})", id=f"theme-{theme}"),
        dbc.Table([head, html.Tbody(rows)], className="catalogue-table", striped=True, hover=True, responsive=True,
                  size="sm"),
    ], className="catalogue-theme")


def catalogue_by_theme(themes: dict[str, pd.DataFrame]) -> html.Div:
    """Every theme's table with a contents line of theme links."""
    if not themes:
        return dbc.Alert("The catalogue is empty: build the store with `make store`.", color="warning")
    contents = html.Nav([html.A(f"{THEMES[t]}", href=f"#theme-{t}", className="me-3") for t in themes],
                        **{"aria-label": "Themes"}, className="mb-2")
    return html.Div([contents, *[theme_table(t, table) for t, table in themes.items()]])
