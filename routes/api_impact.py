"""The register and one intervention's impact result through the API: /api/v1/interventions and /api/v1/impact.

The result is report.impact.record, the same one the /impact page shows and its CSV download holds.
"""

from __future__ import annotations

import pandas as pd

from analysis.impact_windows import FOLLOW_UP_MONTHS
from interventions import register
from report.impact import analyse, area_choices, record, result_rows
from routes.api import _csv, _json, endpoint
from routes.api_support import ApiError, area_code, area_codes, choice, integer, text

MAX_COMPARATORS = 10
FORMATS = choice(["json", "csv"])
FIELDS = ["id", "title", "organisation", "service", "theme", "areas", "indicators", "expected_directions", "start",
          "end", "cost_total", "cost_per_year", "example", "description", "link", "version", "changed_at"]


def register_version() -> str:
    """Changes whenever the register does (a create, edit or withdrawal is a new row of its log)."""
    return str(len(register().log()))


def _entry(item) -> dict:
    return {"id": item.intervention_id, "title": item.title, "organisation": item.organisation,
            "service": item.service, "theme": item.theme, "areas": list(item.areas),
            "indicators": list(item.indicators), "expected_directions": list(item.directions),
            "start": item.start.isoformat(), "end": item.end.isoformat() if item.end else None,
            "cost_total": item.cost_total, "cost_per_year": item.cost_per_year, "example": bool(item.example),
            "description": item.description, "link": item.link or None, "version": item.version,
            "changed_at": item.changed_at or None}


@endpoint("/interventions", {"format": FORMATS}, version=register_version)
def interventions(args):
    """The register now: each intervention with its areas, indicators, dates and costs; examples are labelled."""
    rows = [_entry(i) for i in register().current()]
    if args.get("format") == "csv":
        frame = pd.DataFrame([{**r, "areas": ";".join(r["areas"]), "indicators": ";".join(r["indicators"]),
                               "expected_directions": ";".join(r["expected_directions"])} for r in rows],
                             columns=FIELDS)
        return _csv(frame, "trafford-interventions.csv")
    return _json({"interventions": rows, "count": len(rows),
                  "note": "Entries with example true are illustrative, not real schemes."})


@endpoint("/impact", {"intervention": text(100), "indicator": text(100), "area": area_code,
                      "comparators": area_codes, "follow_up": integer(1, 60, " months"), "format": FORMATS},
          version=register_version)
def impact(args):
    """What changed around one intervention: windows, each method's estimate or refusal, cost per outcome, verdict."""
    # well-formed names of things this register or store lacks are 404 (as the rest of the API); malformed, 400
    wanted = args.get("intervention")
    if not wanted:
        raise ApiError(400, "Parameter intervention is required (an id from /api/v1/interventions).")
    item = register().get(wanted)
    if item is None:
        raise ApiError(404, f"Parameter intervention: no intervention {wanted[:60]!r} in the register "
                            "(see /api/v1/interventions).")
    indicator = args.get("indicator") or item.indicators[0]
    if indicator not in item.indicators:
        raise ApiError(404, f"Parameter indicator: {indicator[:60]!r} is not one this intervention is expected to "
                            f"move ({', '.join(item.indicators)}).")
    area = (args.get("area") or "").upper()
    if area and area not in {c for c, _ in area_choices(item, indicator)}:
        raise ApiError(404, f"Parameter area: {area} is not an area this intervention covers with data for "
                            f"{indicator} ({', '.join(c for c, _ in area_choices(item, indicator)) or 'none'}).")
    comparators = args.get("comparators")
    if comparators is not None:
        comparators = [c.upper() for c in comparators]
        if len(comparators) > MAX_COMPARATORS:
            raise ApiError(400, f"Parameter comparators: at most {MAX_COMPARATORS} areas; {len(comparators)} given.")
    a = analyse(item, indicator, area, comparators, args.get("follow_up") or FOLLOW_UP_MONTHS)
    if not a.ok:
        raise ApiError(404, a.message)
    if comparators is not None and sorted(set(comparators) - {a.code}) != sorted(a.comparators):
        unknown = sorted(set(comparators) - set(a.comparators) - {a.code})
        raise ApiError(404, f"Parameter comparators: not areas of the same level as {a.code}: {', '.join(unknown)}.")
    rec = record(a)
    if args.get("format") == "csv":
        return _csv(result_rows(rec), f"impact-{item.intervention_id}-{indicator}-{a.code}.csv")
    return _json(rec)
