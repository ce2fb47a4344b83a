"""The upload wizard's data: the chosen or new indicator, the reference to validate against, and cached results."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd

import queries
from accounts.models import User
from config import STATE_UNWRITABLE
from data.periods import STORE, PeriodError, read_period
from data.schema import DEFAULT_BREAKDOWN, MAP_LEVELS, POLARITIES, THEMES, VALUE_TYPES
from queries import catalog_cache
from queries.store_cache import on_swap
from sharing.grants import may_write
from sharing.parse import parse_upload
from sharing.validate import Reference, ValidationResult, validate
from statedb import StateUnavailable

SLUG = re.compile(r"^[a-z][a-z0-9_]{2,59}$")
REQUIRED_META = {"name": "Name", "definition": "Definition", "unit": "Unit", "value_type": "Value type",
                 "polarity": "Polarity", "theme": "Theme", "publisher": "Source (publisher)", "licence": "Licence"}
DEFAULT_LICENCE = "Open Government Licence v3.0"


@dataclass(frozen=True)
class IndicatorChoice:
    """The indicator an upload is for: an existing one, or a new one with its catalogue metadata."""

    id: str
    name: str
    unit: str
    value_type: str
    multiplier: float | None
    publisher: str
    licence: str
    new_meta: dict | None = None  # the catalogue fields of a new indicator

    def as_store(self) -> dict:
        """Small enough for a dcc.Store."""
        return {"id": self.id, "name": self.name, "unit": self.unit, "value_type": self.value_type,
                "multiplier": self.multiplier, "publisher": self.publisher, "licence": self.licence,
                "new_meta": self.new_meta}


def choice_from_store(data: dict | None) -> IndicatorChoice | None:
    """The choice kept in the page's store (None before step 1 is done)."""
    if not isinstance(data, dict) or not data.get("id"):
        return None
    keys = ("id", "name", "unit", "value_type", "multiplier", "publisher", "licence", "new_meta")
    return IndicatorChoice(**{k: data.get(k) for k in keys})


class ChoiceRefused(ValueError):
    """An indicator choice the server will not accept (unknown, malformed or not the user's to write into)."""


NEW_KEYS = ("id", "name", "definition", "unit", "value_type", "polarity", "theme", "publisher", "licence", "source_url")


def checked_choice(data: object, user: User | None) -> IndicatorChoice:
    """The choice the browser sent, re-derived on the server: an existing indicator's unit, type and range come from
    the catalogue; a new one's fields are validated again; the user must be allowed to write into it."""
    if not isinstance(data, dict) or not data.get("id"):
        raise ChoiceRefused("Choose the indicator in step 1 first.")
    meta = data.get("new_meta")
    if meta:
        if not isinstance(meta, dict):
            raise ChoiceRefused("The new indicator's details did not arrive whole: fill in step 1 again.")
        choice, errors = new_choice({k: meta.get(k) for k in NEW_KEYS})
        if choice is None:
            raise ChoiceRefused("The new indicator's details are not valid: " + " ".join(errors.values()))
        return choice
    try:
        choice = existing_choice(data["id"])
    except queries.QueryError as err:
        raise ChoiceRefused(str(err)) from None
    try:
        allowed = may_write(user, choice.id)
    except StateUnavailable:  # the grants and batches cannot be read: say so, never a 500
        raise ChoiceRefused(STATE_UNWRITABLE) from None
    if not allowed:
        raise ChoiceRefused(f"'{choice.name}' is an official indicator: your organisation may add to it only when the "
                            "observatory's administrator has granted it. Ask them, or define a new indicator.")
    return choice


def slug(name: str) -> str:
    """An indicator id made from its name, e.g. 'Households in fuel poverty' -> 'households_in_fuel_poverty'."""
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", str(name or "").lower())).strip("_")[:60]


def existing_choice(indicator_id: object) -> IndicatorChoice:
    """An indicator of the catalogue; QueryError if unknown."""
    meta = queries.indicator(catalog_cache.check_indicator(indicator_id))
    return IndicatorChoice(meta["indicator_id"], meta["name"], meta["unit"], meta["value_type"],
                           _float(meta.get("multiplier")), meta["publisher"], meta["licence"])


def new_choice(fields: dict) -> tuple[IndicatorChoice | None, dict[str, str]]:
    """A new indicator from the form, or None and the message of each field that needs fixing."""
    f = {k: str(v).strip() if v is not None else "" for k, v in fields.items()}
    errors = {k: f"{label} is required." for k, label in REQUIRED_META.items() if not f.get(k)}
    ident = f.get("id") or slug(f.get("name", ""))
    if not SLUG.match(ident):
        errors["id"] = "The id must be 3 to 60 lower-case letters, digits or underscores, starting with a letter."
    elif ident in catalog_cache.indicators().index:
        errors["id"] = f"An indicator {ident!r} exists already: choose it under 'An existing indicator', or rename."
    checks = (("value_type", VALUE_TYPES), ("polarity", POLARITIES), ("theme", THEMES))
    for key, allowed in checks:
        if f.get(key) and f[key] not in allowed:
            errors[key] = f"Choose one of the listed values for {REQUIRED_META[key].lower()}."
    if f.get("source_url") and not re.match(r"^https?://\S+$", f["source_url"]):
        errors["source_url"] = "The source link must start with http:// or https://."
    for key in ("name", "unit", "publisher", "licence"):
        if len(f.get(key, "")) > 200:
            errors[key] = "At most 200 characters."
    if len(f.get("definition", "")) > 2000:
        errors["definition"] = "At most 2,000 characters."
    if errors:
        return None, errors
    multiplier = 100.0 if f["value_type"] == "percentage" else 1.0
    meta = {"id": ident, "name": f["name"], "theme": f["theme"], "definition": f["definition"], "unit": f["unit"],
            "value_type": f["value_type"], "multiplier": multiplier, "polarity": f["polarity"], "ci_method": "none",
            "publisher": f["publisher"], "licence": f["licence"], "source_url": f.get("source_url", ""),
            "notes": "Uploaded by a partner."}
    return IndicatorChoice(ident, f["name"], f["unit"], f["value_type"], multiplier, f["publisher"], f["licence"],
                           meta), {}


def _float(v: object) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def reference(choice: IndicatorChoice) -> Reference:
    """The store's areas, and an existing indicator's range of values, breakdowns and kinds of period."""
    areas = catalog_cache.areas()[["area_code", "level", "area_name"]]
    if choice.new_meta is not None:
        return Reference(areas)  # a new indicator defines its own breakdowns
    value_range = None
    values = queries.opendata.value_rows_all(choice.id)["value"].dropna()
    if len(values) >= 5:
        value_range = (float(values.min()), float(values.max()))
    cov = catalog_cache.coverage(choice.id)
    breakdowns = frozenset(cov["breakdown"].dropna().astype(str)) | {DEFAULT_BREAKDOWN}
    return Reference(areas, value_range, breakdowns, frozenset(_period_types(tuple(cov["period"].unique()))))


def _period_types(labels: tuple[str, ...]) -> set[str]:
    """The kinds of period (financial year, month, ...) of an indicator's own labels."""
    out = set()
    for label in labels:
        try:
            out.add(read_period(label, hint=STORE).type)
        except PeriodError:
            continue
    return out


_results: OrderedDict[tuple, ValidationResult] = OrderedDict()  # checked against the store: a swap empties it
on_swap(_results.clear)


def validated(token: str, content: bytes, filename: str, sheet: str | None, choice: IndicatorChoice,
              proportions: bool = False) -> ValidationResult:
    """Parse and validate once per file, sheet, indicator and the partner's 'these are proportions' answer
    (callbacks ask again for the report and preview)."""
    proportions = bool(proportions)
    key = (token, sheet, proportions, repr(sorted(choice.as_store().items())))
    if key in _results:
        _results.move_to_end(key)
        return _results[key]
    parsed = parse_upload(content, filename, sheet=sheet)
    result = validate(parsed, choice.id, choice.value_type, reference(choice), choice.multiplier, proportions)
    _results[key] = result
    while len(_results) > 8:  # a few recent files per process: results hold DataFrames
        _results.popitem(last=False)
    return result


def preview_levels(frame: pd.DataFrame) -> list[str]:
    """The levels of the rows that have boundaries to map, most rows first."""
    counts = frame["level"].value_counts()
    return [lv for lv in counts.index if lv in MAP_LEVELS]
