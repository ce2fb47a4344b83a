"""Explore's "Open profile of <area>" links for the selected areas (drawn by pages/explore.py with the trend)."""

from __future__ import annotations

from dash import dcc, html

from components import urls
from components.ids import page_id

PROFILE_LINKS = page_id("explore", "profile-links")
MAX_LINKS = 12


def profile_links(selected, level, options) -> list:
    """A link to the profile of each selected area (its level named, since a code can stand at two)."""
    if not selected:
        return []
    names = {o["value"]: o["label"] for o in options or [] if isinstance(o, dict)}
    return [html.Span("Profiles: ", className="fw-semibold"),
            *[dcc.Link(f"Open profile of {names.get(code, code)}", href=urls.area_url(code, level=level),
                       className="me-3") for code in list(selected)[:MAX_LINKS]]]
