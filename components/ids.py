"""Component ids, made by factories so pages and tests name them the same way."""

from __future__ import annotations


def page_id(page: str, part: str) -> str:
    """A plain id scoped to a page, e.g. page_id('explore', 'map') -> 'explore-map'."""
    return f"{page}-{part}"


URL = "url"
AREA_SEARCH = "area-search"
AREA_SEARCH_RESULTS = "area-search-results"
NAV_ACCOUNT = "nav-account"
