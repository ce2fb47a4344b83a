"""Postcodes: which 2023 ward, 2021 LSOA (and pre-2023 ward, MSOA) a whole or partial Trafford postcode is in."""

from __future__ import annotations

import re

from data.schema import POSTCODE_WEIGHT_NOTE
from queries import db
from queries.errors import QueryError

FULL = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")  # without its space: M154AB
DISTRICT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")  # M33, WA15
SECTOR = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]?)$")  # M33 7, M33 7A, M337
EXAMPLE = "a postcode looks like M33 7AB (or the start of one, like M33 7 or M33)"


def parse_postcode(text: str) -> tuple[str, str]:
    """(kind, normalised) for a whole or partial postcode: ('postcode', 'M15 4AB'), ('sector', 'M33 7'),
    ('district', 'M33'); QueryError with an example when it is not one."""
    spaced = re.sub(r"\s+", " ", str(text or "")).strip().upper()
    key = spaced.replace(" ", "")
    if not key:
        raise QueryError(f"Type a postcode: {EXAMPLE}.")
    if FULL.match(key):
        return "postcode", f"{key[:-3]} {key[-3:]}"
    if DISTRICT.match(key) and " " not in spaced:
        return "district", key
    m = SECTOR.match(spaced)
    if m:
        return "sector", f"{m.group(1)} {m.group(2)}"
    raise QueryError(f"{str(text).strip()[:20]!r} is not a postcode: {EXAMPLE}.")


def postcode_areas(postcode: str) -> dict:
    """The areas a whole or partial postcode ('M15 4AB', 'm154ab', 'M33 7', 'M33') lies in.

    Returns {"query": normalised text, "kind": "postcode" | "sector" | "district", "in_trafford": bool,
    "postcodes": how many Trafford postcodes matched, "message": a plain sentence, "areas": [{"level",
    "area_code", "area_name", "postcodes", "share"}, ...]} with 2023 wards first, then 2021 LSOAs, pre-2023 wards
    and 2021 MSOAs, each by the number of matched postcodes it holds. Raises QueryError for text that is not a
    postcode, or a store without postcodes.
    """
    kind, query = parse_postcode(postcode)
    if not db.has_table("postcodes"):
        raise QueryError("This store has no postcode lookups: rebuild it (python -m data.ingest).")
    prefix = "" if kind == "postcode" else (query + " " if kind == "district" else query)
    rows = db.frame("postcode_areas", postcode=query, prefix=prefix)
    areas = [{"level": r.level, "area_code": r.area_code, "area_name": r.area_name if isinstance(r.area_name, str)
              else None, "postcodes": int(r.postcodes), "share": float(r.share)} for r in rows.itertuples(index=False)]
    n = sum(a["postcodes"] for a in areas if a["level"] == "lsoa_2021")
    wards = [a for a in areas if a["level"] == "ward_2023"]
    if not n:
        message = (f"{query} is not a Trafford postcode (or is newer than March 2025): the observatory covers "
                   "Trafford only." if kind == "postcode" else
                   f"No Trafford postcode starts {query}: the observatory covers Trafford only.")
    elif kind == "postcode" and wards:
        message = f"{query} is in {wards[0]['area_name']} ward (2023 boundaries)."
    elif kind == "postcode":
        message = f"{query} was withdrawn before March 2025; its 2021 LSOA and pre-2023 ward are shown."
    else:
        names = ", ".join(f"{a['area_name']} ({a['share']:.0%})" for a in wards)
        message = (f"{n} Trafford postcodes start {query}; by 2023 ward: {names}. Shares count postcodes: "
                   + POSTCODE_WEIGHT_NOTE.split(": ", 1)[1])
    return {"query": query, "kind": kind, "in_trafford": bool(n), "postcodes": n, "message": message,
            "areas": areas}
