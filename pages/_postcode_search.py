"""Postcodes in the search box: a full or partial Trafford postcode leads to its 2023 ward and 2021 LSOA."""

from __future__ import annotations

import re

# A full postcode ("M15 4AB", "m154ab") or its start ("M33", "M33 7"); the space is optional.
POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{0,2})?$")


def normalise_postcode(text: str | None) -> str | None:
    """The text as an upper-case postcode or postcode start with one space, or None if it is not one."""
    raw = re.sub(r"\s+", " ", str(text or "").strip().upper())[:10]
    m = POSTCODE.match(raw)
    if not m or not any(ch.isdigit() for ch in raw):
        return None
    outward, inward = m.group(1), m.group(2) or ""
    if not inward and " " not in raw and len(raw) > 4:  # "M154AB" read as "M15 4AB", not outward "M154"
        return None
    return f"{outward} {inward}".strip()


def find_postcode(text: str | None) -> dict | None:
    """The postcode's areas as search results, or None when the text is not a postcode.

    The lookup (queries.postcodes) arrives with the ward-history work; until then a postcode is searched as text.
    """
    return None
