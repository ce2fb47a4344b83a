"""An intervention's fields, how they are parsed from form or CSV text, and how they are checked."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

DIRECTIONS = {"decrease": "expected to fall", "increase": "expected to rise"}
# editable fields in the order of the form and the CSV (intervention_id and example are set by the register)
FIELDS = ("title", "organisation", "service", "theme", "areas", "start", "end", "cost_total", "cost_per_year",
          "indicators", "directions", "description", "link")
MAX_TEXT = {"title": 160, "organisation": 160, "service": 160, "description": 4000, "link": 500}
CODE = re.compile(r"^[A-Z]\d{8}$")
INDICATOR = re.compile(r"^[a-z0-9_]{1,80}$")


@dataclass(frozen=True)
class Catalogue:
    """What an intervention may name: known indicator ids, area codes and themes."""

    indicators: frozenset[str]
    areas: frozenset[str]
    themes: frozenset[str]


@dataclass(frozen=True)
class Intervention:
    """One intervention as the register holds it now (its latest version)."""

    intervention_id: str
    title: str
    organisation: str
    service: str
    theme: str
    areas: tuple[str, ...]
    start: date
    end: date | None
    cost_total: float | None
    cost_per_year: float | None
    indicators: tuple[str, ...]
    directions: tuple[str, ...]
    description: str = ""
    link: str = ""
    example: bool = False
    version: int = 1
    changed_by: str = ""
    changed_at: str = ""

    @property
    def label(self) -> str:
        """The title as shown everywhere: examples say so."""
        return f"Example: {self.title}" if self.example else self.title

    def direction_of(self, indicator: str) -> str | None:
        """'decrease' or 'increase' for an indicator it expects to move, else None."""
        for ind, d in zip(self.indicators, self.directions, strict=False):
            if ind == indicator:
                return d
        return None

    def mark(self, area: str | None = None) -> dict:
        """What a trend chart needs to mark it (components.intervention_marks)."""
        return {"id": self.intervention_id, "title": self.title, "example": self.example,
                "start": self.start.isoformat(), "end": self.end.isoformat() if self.end else None,
                **({"area": area} if area else {})}

    def as_fields(self) -> dict:
        """The editable fields as plain values (dates ISO, lists as lists)."""
        d = asdict(self)
        out = {k: d[k] for k in FIELDS}
        out["areas"], out["indicators"], out["directions"] = list(self.areas), list(self.indicators), list(self.directions)
        out["start"] = self.start.isoformat()
        out["end"] = self.end.isoformat() if self.end else None
        return out


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _list(value) -> list[str]:
    """A list from a list or ';'/','-separated text."""
    if isinstance(value, list | tuple):
        items = value
    else:
        items = re.split(r"[;,\n]", _text(value))
    return [_text(v) for v in items if _text(v)]


def _date(value, name: str, errors: list[str]) -> date | None:
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        errors.append(f"{name}: “{text[:30]}” is not a date (use YYYY-MM-DD).")
        return None


def _money(value, name: str, errors: list[str]) -> float | None:
    text = _text(value).replace("£", "").replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        errors.append(f"{name}: “{text[:30]}” is not an amount of money.")
        return None
    if not number >= 0 or number > 1e12:
        errors.append(f"{name}: must be between £0 and £1,000,000,000,000.")
        return None
    return number


def parse_fields(raw: dict) -> tuple[dict, list[str]]:
    """Typed fields from form or CSV values, and the format errors found (nothing checked against the store)."""
    errors: list[str] = []
    out = {k: _text(raw.get(k)) for k in ("title", "organisation", "service", "theme", "description", "link")}
    out["areas"] = [a.upper() for a in _list(raw.get("areas"))]
    pairs = _list(raw.get("indicators"))
    directions = _list(raw.get("directions"))
    inds, dirs = [], []
    for i, item in enumerate(pairs):  # "claimant_rate:decrease" or a separate directions list
        ind, _, d = item.partition(":")
        inds.append(ind.strip().lower())
        dirs.append((d or (directions[i] if i < len(directions) else "")).strip().lower())
    out["indicators"], out["directions"] = inds, dirs
    out["start"] = _date(raw.get("start"), "Start date", errors)
    out["end"] = _date(raw.get("end"), "End date", errors)
    out["cost_total"] = _money(raw.get("cost_total"), "Total cost", errors)
    out["cost_per_year"] = _money(raw.get("cost_per_year"), "Cost per year", errors)
    return out, errors


def validate(fields: dict, catalogue: Catalogue) -> list[str]:
    """Every problem with parsed fields, in words a person can act on; empty when valid."""
    errors: list[str] = []
    for name, label in (("title", "Title"), ("organisation", "Organisation"), ("theme", "Theme")):
        if not fields.get(name):
            errors.append(f"{label} is required.")
    for name, limit in MAX_TEXT.items():
        if len(fields.get(name) or "") > limit:
            errors.append(f"{name.capitalize()} is longer than {limit} characters.")
    if fields.get("theme") and fields["theme"] not in catalogue.themes:
        errors.append(f"Unknown theme “{fields['theme'][:40]}”.")
    areas = fields.get("areas") or []
    if not areas:
        errors.append("Name at least one area it covers (an area code such as E05000824).")
    bad = [a for a in areas if not CODE.match(a) or a not in catalogue.areas]
    if bad:
        errors.append(f"Unknown area codes: {', '.join(b[:12] for b in bad[:5])}.")
    inds = fields.get("indicators") or []
    if not inds:
        errors.append("Name at least one indicator it is expected to move.")
    unknown = [i for i in inds if not INDICATOR.match(i) or i not in catalogue.indicators]
    if unknown:
        errors.append(f"Unknown indicators: {', '.join(u[:40] for u in unknown[:5])}.")
    wrong = [d for d in fields.get("directions") or [] if d not in DIRECTIONS]
    if wrong or len(fields.get("directions") or []) != len(inds):
        errors.append("Each indicator needs a direction: decrease or increase (e.g. claimant_rate:decrease).")
    if len(set(inds)) < len(inds):
        errors.append("An indicator is listed twice.")
    if fields.get("start") is None:
        errors.append("Start date is required (YYYY-MM-DD).")
    elif fields.get("end") is not None and fields["end"] < fields["start"]:
        errors.append("The end date is before the start date.")
    link = fields.get("link") or ""
    if link and not re.match(r"^https?://[^\s<>\"']+$", link):
        errors.append("The link must be a web address starting http:// or https://.")
    return errors
