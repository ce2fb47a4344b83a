"""Check parsed upload rows one by one against the store's areas and the indicator, and normalise those that pass."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from data.periods import AmbiguousPeriod, PeriodError, describe, read_period
from data.schema import DEFAULT_BREAKDOWN, LEVELS
from sharing import fingertips
from sharing.parse import ParsedUpload, canonical_column

OUTPUT_COLUMNS = ["indicator_id", "area_code", "area_name", "level", "period", "breakdown", "value", "lower_ci",
                  "upper_ci", "numerator", "denominator"]
NUMERIC = ("value", "lower_ci", "upper_ci", "numerator", "denominator")
CODE = re.compile(r"^[A-Z]\d{8}$")
# 'E05000824 - Bucklow-St Martins' or 'E05000824: Bucklow' (ONS lookups and pivot tables put both in one cell)
CODE_AND_NAME = re.compile(r"^([A-Za-z]\d{8})\s*(?:[-–—:|,]|\s)\s*(\S.*)$")
# an area cell of a row that sums others: 'Total', 'Grand total', 'Trafford total', 'All wards'
TOTAL = re.compile(r"(^|\b)(grand |sub[- ]?)?totals?\b|^all( areas| wards| lsoas| msoas)?$|^sum$", re.I)
MAX_BREAKDOWN = 100  # characters: 'Most deprived quintile (IMD2019)' is 32
NEW_WARDS_FROM = date(2023, 5, 4)  # Trafford's wards changed at the May 2023 elections
GROUPED = ("bad_period", "ambiguous_period", "unknown_breakdown", "breakdown_too_long")  # one issue per value
# cells that mean "no value" in published tables (ONS, Fingertips, NHS, council spreadsheets)
MISSING = {"", "na", "n/a", "n.a.", ":", "*", "x", "c", "..", "-", "–", "—", "null", "none", "nan", "suppressed",
           "[c]", "[x]", "[z]", "[low]", "#n/a"}
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
VINTAGES = {"ward_2022": ("ward", "ward_2023"), "ward_2023": ("ward", "ward_2022"),
            "lsoa_2011": ("lsoa", "lsoa_2021"), "lsoa_2021": ("lsoa", "lsoa_2011"),
            "msoa_2011": ("msoa", "msoa_2021"), "msoa_2021": ("msoa", "msoa_2011")}
# the first day of the newer vintage: a period starting before it is read as the older when a code stands at both
VINTAGE_START = {"ward": (date(2023, 5, 4), "ward_2022", "ward_2023"), "lsoa": (date(2021, 3, 21), "lsoa_2011",
                 "lsoa_2021"), "msoa": (date(2021, 3, 21), "msoa_2011", "msoa_2021")}
PREFIX_NAMES = {"E12": "regions", "E10": "counties", "E11": "metropolitan counties", "E14": "constituencies",
                "E00": "output areas", "E04": "parishes", "E38": "sub-ICB locations", "E54": "ICBs", "E40": "NHS regions",
                "E22": "community safety partnerships", "E23": "police force areas", "W": "Welsh areas"}
FAR_OUTSIDE = 1.0  # a value more than this many times the store's range beyond it is flagged
RULES = {
    "missing_column": "Required column missing",
    "no_rows": "No rows to publish",
    "other_indicator": "Rows of another indicator",
    "several_indicators": "Several indicators in one file",
    "not_area_code": "Not an area code",
    "unknown_area": "Unknown area code",
    "mixed_vintage": "Area from another boundary vintage",
    "area_not_held": "Area type the observatory does not hold",
    "name_mismatch": "Area name differs from the code's",
    "bad_period": "Period not recognised",
    "ambiguous_period": "Period with more than one reading",
    "total_rows": "Rows that look like totals",
    "unknown_breakdown": "Breakdown the indicator does not have",
    "breakdown_too_long": "Breakdown too long",
    "not_whole_count": "Count that is not a whole number",
    "old_ward_after_change": "Ward from before May 2023 in a later period",
    "not_numeric": "Not a number",
    "missing_value": "Value missing",
    "negative_count": "Negative count",
    "numerator_above_denominator": "Numerator above denominator",
    "duplicate": "Duplicate row",
    "out_of_range": "Value outside the possible range",
    "far_outside_range": "Value far from the values held",
    "looks_like_proportion": "Percentages that look like proportions",
    "ci_not_bracketing": "Interval does not contain the value",
    "ci_incomplete": "Only one interval limit",
}
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Reference:
    """What the rows are checked against: the store's areas and the indicator's existing range of values."""

    areas: pd.DataFrame  # area_code, level, area_name
    value_range: tuple[float, float] | None = None
    breakdowns: frozenset[str] | None = None  # an existing indicator's breakdowns; None for a new indicator
    period_types: frozenset[str] = frozenset()  # the types of the periods the indicator already has


@dataclass(frozen=True)
class Issue:
    """One problem found, at the row and column the partner sees in their file."""

    row: int
    column: str
    value: str
    rule: str
    message: str
    suggestion: str = ""
    severity: str = ERROR


@dataclass
class ValidationResult:
    """The normalised rows (empty unless every error is fixed), every issue, and what was read."""

    frame: pd.DataFrame
    issues: list[Issue]
    parsed: ParsedUpload
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        """The issues that block publishing."""
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        """The issues worth a look that do not block."""
        return [i for i in self.issues if i.severity == WARNING]

    @property
    def ok(self) -> bool:
        """Whether the file passes: no errors and at least one row."""
        return not self.errors and len(self.frame) > 0


class _AreaIndex:
    """Codes to levels and names, names to codes, and close codes, built once per reference."""

    def __init__(self, areas: pd.DataFrame):
        order = {lv: i for i, lv in enumerate(LEVELS)}
        a = areas.assign(_o=areas["level"].map(order)).sort_values("_o")
        self.levels: dict[str, list[str]] = {}
        self.names: dict[tuple[str, str], str] = {}
        self.by_name: dict[str, list[tuple[str, str]]] = {}
        for code, level, name in zip(a["area_code"].tolist(), a["level"].tolist(), a["area_name"].tolist(), strict=True):
            self.levels.setdefault(code, []).append(level)
            self.names[(code, level)] = name
            self.by_name.setdefault(_name_key(name), []).append((code, level))
        self.prefixes = {c[:3] for c in self.levels}
        self.codes_by_prefix: dict[str, list[str]] = {}
        for c in self.levels:
            self.codes_by_prefix.setdefault(c[:3], []).append(c)

    def name(self, code: str, level: str | None = None) -> str:
        level = level or self.levels[code][0]
        return self.names.get((code, level), "")

    def describe(self, code: str, level: str | None = None) -> str:
        level = level or self.levels[code][0]
        return f"{code} ({self.name(code, level)}, {LEVELS[level]})"

    def close_codes(self, code: str) -> list[str]:
        """Known codes within two edits of `code`, nearest first."""
        found = []
        for c in self.codes_by_prefix.get(code[:3], []) or [c for cs in self.codes_by_prefix.values() for c in cs]:
            d = _distance(code, c)
            if d <= 2:
                found.append((d, c))
        return [c for _, c in sorted(found)]


def _name_key(name: object) -> str:
    text = str(name or "").lower().replace("&", " and ").replace("-", " ").replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=4096)
def _distance(a: str, b: str) -> int:
    """Levenshtein distance (codes are 9 characters: a small table)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def parse_number(text: object) -> tuple[float | None, str | None]:
    """(number or None for a missing marker, None) or (None, reason) when the cell is not a number."""
    return _parse_number(str(text if text is not None else ""))


@lru_cache(maxsize=65536)  # counts and denominators repeat a lot in a file
def _parse_number(s: str) -> tuple[float | None, str | None]:
    s = s.strip()
    if s.lower() in MISSING:
        return None, None
    s = s.replace("£", "").replace("$", "").replace("%", "").replace("\u00a0", "").replace(" ", "")
    if THOUSANDS.match(s):
        s = s.replace(",", "")
    if NUMBER.match(s):
        v = float(s)
        return (v, None) if np.isfinite(v) else (None, "not a finite number")
    if re.fullmatch(r"[+-]?\d+,\d+", s):
        return None, "uses a comma for decimals: write 12.5, not 12,5"
    return None, "not a number"


def breakdown_label(text: object) -> str:
    """A breakdown in the store's spelling: 'Persons' when none, sexes spelt Male/Female, others as given."""
    s = str(text if text is not None and text == text else "").strip()
    if s.lower() in {"", "na", "persons", "all persons", "all", "total"}:
        return DEFAULT_BREAKDOWN
    return fingertips.SEXES.get(s.lower(), s)


def validate(parsed: ParsedUpload, indicator_id: str, value_type: str, reference: Reference,
             multiplier: float | None = None, convert_proportions: bool = False) -> ValidationResult:
    """Every issue in the parsed rows; the normalised frame only when there is no error. `convert_proportions` is
    the partner's confirmation that values between 0 and 1 for a percentage indicator are proportions."""
    issues: list[Issue] = []
    notes = list(parsed.notes)
    df = parsed.frame
    header = _header_names(parsed)

    def add(row, column, value, rule, message, suggestion="", severity=ERROR):
        issues.append(Issue(int(row), header.get(column, column), "" if value is None else str(value)[:200], rule,
                            message, suggestion, severity))

    for col in parsed.missing:
        add(parsed.header_row, col, "", "missing_column", f"The required column {col!r} is missing.",
            f"Add a column headed {col} (the template has every column).")
    if parsed.missing:
        return ValidationResult(_empty(), issues, parsed, len(df))
    if parsed.shape == "fingertips":
        ids = sorted({str(v) for v in df["source_indicator_id"].dropna() if str(v).strip()})
        if len(ids) > 1:
            add(parsed.header_row, "Indicator ID", ", ".join(ids[:10]), "several_indicators",
                f"The export holds {len(ids)} Fingertips indicators; upload one indicator at a time.",
                "Filter the export to one Indicator ID, or download one indicator from Fingertips.")
            return ValidationResult(_empty(), issues, parsed, len(df))

    index = _index(reference.areas)
    rows, seen = [], {"totals": [], "code_and_name": None}
    for r in df.astype(object).itertuples(index=False):  # plain objects: arrow-backed strings iterate slowly
        out = _check_row(r, parsed.shape, indicator_id, value_type, multiplier, index, reference, add, seen)
        if out is not None:
            rows.append(out)
    _totals(seen["totals"], add)
    if seen["code_and_name"]:
        notes.append(f"Area cells such as {seen['code_and_name']!r} hold a code and a name: the code was used.")
    frame = pd.DataFrame(rows, columns=[*OUTPUT_COLUMNS, "source_row", "ok_", "start_", "levels_"])
    notes.extend(_periods_read(df["period"], reference.period_types))
    frame = _resolve_levels(frame, index, add)
    frame = _old_wards(frame, index, add)
    frame = _duplicates(frame, add)
    frame = _file_checks(frame, value_type, multiplier, parsed, add, convert_proportions, notes)
    if frame.empty or not frame["ok_"].any():
        add(parsed.header_row, "value", "", "no_rows", "No row of the file can be published.",
            "Check that the file holds the indicator's values, one row per area and period.")
    issues = _grouped(issues)
    has_errors = any(i.severity == ERROR for i in issues)
    clean = _empty() if has_errors else frame[frame["ok_"]][OUTPUT_COLUMNS].reset_index(drop=True)
    issues.sort(key=lambda i: (i.row, i.severity != ERROR))
    return ValidationResult(_typed(clean), issues, parsed, len(df), notes)


def _periods_read(periods: pd.Series, series_types: frozenset[str]) -> list[str]:
    """Say how periods written otherwise than the store's spelling were read: '2010-11' as the financial year
    2010/11 (April 2010 to March 2011), so a partner sees it is not November 2010."""
    read = []
    for text in dict.fromkeys(str(p).strip() for p in periods.dropna()):
        try:
            period = _period(text, series_types)
        except (PeriodError, ValueError):
            continue
        if period.label != text:
            read.append(f"{text!r} as {describe(period)}")
    if not read:
        return []
    more = f" and {len(read) - 4} more" if len(read) > 4 else ""
    return [f"Periods read as: {'; '.join(read[:4])}{more}."]


def _grouped(issues: list[Issue]) -> list[Issue]:
    """One issue per value for rules a whole column repeats (a period or breakdown on 276 rows), saying the rows."""
    rows: dict[tuple[str, str], list[int]] = {}
    for i in issues:
        if i.rule in GROUPED:
            rows.setdefault((i.rule, i.value), []).append(i.row)
    out, done = [], set()
    for i in issues:
        key = (i.rule, i.value)
        if i.rule not in GROUPED:
            out.append(i)
        elif key not in done:
            done.add(key)
            found = sorted(set(rows[key]))
            where = "" if len(found) == 1 else f" ({len(found):,} rows: {_row_list(found)})"
            out.append(Issue(found[0], i.column, i.value, i.rule, i.message + where, i.suggestion, i.severity))
    return out


def _row_list(rows: list[int], shown: int = 8) -> str:
    """'2, 3, 4 and 273 more'."""
    head = ", ".join(str(r) for r in rows[:shown])
    return head + (f" and {len(rows) - shown:,} more" if len(rows) > shown else "")


def _totals(rows: list[tuple[int, str]], add) -> None:
    """Rows whose area is 'Total' (or the like), reported once: they are left out."""
    if not rows:
        return
    found = sorted({n for n, _ in rows})
    add(found[0], "area_code", rows[0][1], "total_rows",
        f"These look like total rows ({f'{len(found):,} rows: ' if len(found) > 1 else 'row '}{_row_list(found)}): "
        "they are left out.", "Nothing to do: totals are worked out from the areas. Delete them from the file if you prefer.",
        WARNING)


_index_cache: dict[int, tuple[pd.DataFrame, _AreaIndex]] = {}


def _index(areas: pd.DataFrame) -> _AreaIndex:
    """The area index of a reference's areas, reused while the same frame is passed."""
    hit = _index_cache.get(id(areas))
    if hit is not None and hit[0] is areas:
        return hit[1]
    _index_cache.clear()
    idx = _AreaIndex(areas)
    _index_cache[id(areas)] = (areas, idx)
    return idx


def _header_names(parsed: ParsedUpload) -> dict[str, str]:
    """Long column -> the header the partner's file uses for it."""
    if parsed.shape == "fingertips":
        return {c: fingertips.column_label(c) for c in ("area_code", "area_name", "period", "value", "lower_ci",
                                                        "upper_ci", "numerator", "denominator")}
    out = {}
    for h in parsed.columns:
        c = canonical_column(h)
        if c and c not in out:
            out[c] = h
    return out


def _check_row(r, shape, indicator_id, value_type, multiplier, index: _AreaIndex, reference: Reference, add,
               seen: dict):
    """One row's checks; the normalised row (with `ok_`), or None when the row is left out."""
    ok = True
    n = r.source_row
    value_col = r.source_column if shape == "wide" else "value"
    ind = str(r.indicator_id).strip() if r.indicator_id is not None and r.indicator_id == r.indicator_id else ""
    if ind and ind != indicator_id:
        add(n, "indicator_id", ind, "other_indicator", f"This row is for indicator {ind!r}, not {indicator_id!r}.",
            f"Upload one indicator per file; write {indicator_id} or leave the column empty.")
        ok = False
    raw_code = str(r.area_code or "").strip()
    code = raw_code.upper().replace(" ", "")
    name = str(r.area_name).strip() if r.area_name is not None and r.area_name == r.area_name else ""
    both = CODE_AND_NAME.match(raw_code) if not CODE.match(code) else None
    if both:
        code, name = both[1].upper(), name or both[2].strip()
        seen["code_and_name"] = seen["code_and_name"] or raw_code
    if not CODE.match(code) and (TOTAL.search(raw_code) or (not raw_code and TOTAL.search(name))):
        seen["totals"].append((n, raw_code or name))
        return None
    if not CODE.match(code):
        hits = index.by_name.get(_name_key(raw_code)) or index.by_name.get(_name_key(name)) or []
        tip = ("Did you mean " + " or ".join(index.describe(c, lv) for c, lv in hits[:2]) + "?") if hits else \
            "Area codes are ONS GSS codes of a letter and eight digits, such as E05015239."
        add(n, "area_code", raw_code, "not_area_code", "This is not an area code." if raw_code else
            "The area code is empty.", tip)
        ok = False
    elif code not in index.levels:
        if code[:3] not in index.prefixes:
            kind = PREFIX_NAMES.get(code[:3], PREFIX_NAMES.get(code[0], f"{code[:3]} areas"))
            add(n, "area_code", raw_code, "area_not_held", f"The observatory holds no {kind}; this row is left out.",
                "Nothing to do unless you meant another area.", WARNING)
            return None
        add(n, "area_code", raw_code, "unknown_area", f"Unknown area code {code}.", _suggest(code, name, index))
        ok = False
    elif name and code in index.levels:
        known = [index.name(code, lv) for lv in index.levels[code]]
        if _name_key(name) not in {_name_key(k) for k in known}:
            add(n, "area_name", name, "name_mismatch", f"{code} is {known[0]}, not {name}.",
                "Check the code is right; the name in the file is not used.", WARNING)
    period_text = str(r.period or "").strip()
    try:
        period = _period(period_text, reference.period_types)
    except AmbiguousPeriod as err:
        add(n, "period", period_text, "ambiguous_period", f"Which period do you mean? {err}.",
            "Write the period in the spelling of the reading you mean, then upload the file again.")
        period, ok = None, False
    except (PeriodError, ValueError) as err:
        add(n, "period", period_text, "bad_period", f"The period cannot be read: {err}.",
            "Write years as 2021, financial years as 2021/22, quarters as 2021 Q1, months as 2021-04, "
            "multi-year periods as 2019 - 21.")
        period, ok = None, False
    ok &= _check_breakdown(n, r.breakdown, reference, add)
    nums = {}
    for col in NUMERIC:
        cell = getattr(r, col)
        if cell is None or cell != cell:
            nums[col] = None
            continue
        v, problem = parse_number(cell)
        if problem:
            add(n, value_col if col == "value" else col, cell, "not_numeric", f"{cell!r} is {problem}.",
                "Write plain numbers (1234.5); leave the cell empty or write NA where there is no value.")
            ok = False
        nums[col] = v
    if nums["value"] is None and not ok_value(r.value):
        return _row_out(indicator_id, code, name, period, r, nums, n, False, index)
    ok &= _whole_counts(n, value_col, nums, value_type, add)
    ok &= _check_numbers(n, value_col, nums, value_type, multiplier, reference, add)
    return _row_out(indicator_id, code, name, period, r, nums, n, ok, index)


def _check_breakdown(n, cell, reference: Reference, add) -> bool:
    """A breakdown of sensible length that the indicator defines (a new indicator defines its own)."""
    text = str(cell if cell is not None and cell == cell else "").strip()
    if len(text) > MAX_BREAKDOWN:
        add(n, "breakdown", text[:60] + "…", "breakdown_too_long", f"The breakdown is {len(text):,} characters "
            f"long; at most {MAX_BREAKDOWN} are allowed.", "A breakdown names a group, such as Female or Aged 65+.")
        return False
    label = breakdown_label(text)
    if reference.breakdowns is not None and label not in reference.breakdowns:
        have = ", ".join(sorted(reference.breakdowns)[:12]) or "none"
        add(n, "breakdown", label, "unknown_breakdown", f"{label!r} is not a breakdown this indicator has "
            f"(it has: {have}).", "A breakdown splits the same measure into groups (such as Male and Female). "
            "Different measures, such as the ten domains of the IMD, are separate indicators: upload each as a new "
            "indicator, or leave the breakdown column empty.")
        return False
    return True


def _whole_counts(n, value_col, nums, value_type, add) -> bool:
    """Numerators, denominators and count values are whole numbers."""
    ok = True
    cols = [("numerator", "numerator"), ("denominator", "denominator")]
    if value_type == "count":
        cols.append(("value", value_col))
    for col, shown in cols:
        x = nums[col]
        if x is not None and abs(x - round(x)) > 1e-9:
            add(n, shown, f"{x:g}", "not_whole_count", f"{x:g} is not a whole number, but the {col} is a count "
                "(of people, events or households).", "Write whole numbers; if the figure is an estimate with "
                "decimals, give it as the value of a rate or score indicator instead.")
            ok = False
    return ok


def ok_value(cell: object) -> bool:
    """Whether a value cell is a number or a missing marker (not text that failed to read)."""
    return cell is None or cell != cell or parse_number(cell)[1] is None


def _row_out(indicator_id, code, name, period, r, nums, n, ok, index: _AreaIndex) -> dict:
    """A checked row in the output columns, with what level resolution needs."""
    return {"indicator_id": indicator_id, "area_code": code, "area_name": name or None, "level": None,
            "period": period.label if period else None, "breakdown": breakdown_label(r.breakdown), **nums,
            "source_row": n, "ok_": ok, "start_": period.start if period else None,
            "levels_": tuple(index.levels.get(code, ()))}


def _check_numbers(n, value_col, nums, value_type, multiplier, reference: Reference, add) -> bool:
    """Counts, numerator/denominator, plausible ranges and intervals of one row; False on an error."""
    ok = True
    v, lo, hi, num, den = (nums[c] for c in NUMERIC)
    for col, x in (("numerator", num), ("denominator", den)):
        if x is not None and x < 0:
            add(n, col, x, "negative_count", f"The {col} is negative ({x:g}); counts cannot be.",
                "Check the sign; write NA if the count is not known.")
            ok = False
    if num is not None and den is not None and num > den and value_type != "rate":
        add(n, "numerator", num, "numerator_above_denominator",
            f"The numerator ({num:g}) is larger than the denominator ({den:g}).",
            "The columns may be swapped: the numerator counts events among the denominator's people.")
        ok = False
    if v is None:
        add(n, value_col, "", "missing_value", "No value: the row is kept as missing (for example suppressed).",
            "Nothing to do if the value is not available.", WARNING)
        return ok
    proportion = value_type == "percentage" and multiplier == 1
    if value_type == "percentage" and not (0 <= v <= (1 if proportion else 100)):
        add(n, value_col, v, "out_of_range", f"A {'proportion' if proportion else 'percentage'} must lie between 0 "
            f"and {1 if proportion else 100}; this is {v:g}.", "Check the value and the indicator's unit.")
        ok = False
    elif value_type in ("rate", "count", "years") and v < 0:
        rule = "negative_count" if value_type == "count" else "out_of_range"
        add(n, value_col, v, rule, f"A {value_type} cannot be negative ({v:g}).", "Check the sign.")
        ok = False
    elif reference.value_range is not None:
        a, b = reference.value_range
        span = max(b - a, abs(b) * 0.1, 1e-9)
        if v < a - FAR_OUTSIDE * span or v > b + FAR_OUTSIDE * span:
            add(n, value_col, v, "far_outside_range", f"{v:g} is far outside the values already held for this "
                f"indicator ({a:g} to {b:g}).", "Check the unit and scale (per 100 or per 1,000? % or proportion?).",
                WARNING)
    if (lo is None) != (hi is None):
        add(n, "lower_ci" if lo is None else "upper_ci", "", "ci_incomplete",
            "Only one limit of the interval is given; the interval is left out.", "Give both limits or neither.",
            WARNING)
        nums["lower_ci"] = nums["upper_ci"] = None
    elif lo is not None and not (lo <= v <= hi):
        add(n, "lower_ci" if lo > v or lo > hi else "upper_ci", f"{lo:g} to {hi:g}", "ci_not_bracketing",
            f"The interval {lo:g} to {hi:g} does not contain the value {v:g}.",
            "The limits may be swapped or belong to another row.")
        ok = False
    return ok


@lru_cache(maxsize=4096)  # a file has few distinct periods and many rows
def _period(text: str, series_types: frozenset[str] = frozenset()):
    return read_period(text, series_types)


def _suggest(code: str, name: str, index: _AreaIndex) -> str:
    """A suggestion for an unknown code: a known code within two characters, or the code of the named area."""
    tips = []
    named_codes = {c for c, _ in index.by_name.get(_name_key(name), [])} if name else set()
    # a close code whose area has the row's name is the likeliest slip: offer it first
    close = sorted(index.close_codes(code), key=lambda c: c not in named_codes)
    if close:
        tips.append("Did you mean " + " or ".join(index.describe(c) for c in close[:2]) + "?")
    if name and not named_codes.intersection(close):  # the close code of that name was offered already
        named = [(c, lv) for c, lv in index.by_name.get(_name_key(name), []) if c not in close]
        if named:
            tips.append(f"{name} is " + " or ".join(index.describe(c, lv) for c, lv in named[:2]) + ".")
    return " ".join(tips) or "Check the code against the ONS geography lookups (codes change with boundaries)."


def _resolve_levels(frame: pd.DataFrame, index: _AreaIndex, add) -> pd.DataFrame:
    """Each row's level: a code standing at both vintages takes the vintage of the period's other rows."""
    if frame.empty:
        return frame
    chosen = {key: max(count, key=lambda lv: (count[lv], lv)) for key, count in _vintage_counts(frame).items()}
    levels, failed = [], []
    for i, r in enumerate(frame.itertuples(index=False)):
        family = VINTAGES.get(r.levels_[0], (None,))[0] if r.levels_ else None
        if family is None:
            levels.append(r.levels_[0] if r.levels_ else None)
            continue
        pick = chosen.get((r.period, family))
        if pick is None:  # every code of this period stands at both vintages: the period's date decides
            start, older, newer = VINTAGE_START[family]
            pick = older if r.start_ is not None and r.start_ < start else newer
        if pick in r.levels_:
            levels.append(pick)
            continue
        other = r.levels_[0]
        levels.append(other)
        failed.append(i)
        same = [c for c, lv in index.by_name.get(_name_key(index.name(r.area_code, other)), []) if lv == pick]
        tip = (f"Use {index.describe(same[0], pick)}, or put the {LEVELS[other]} rows in a file of their own."
               if same else f"Use a {LEVELS[pick]} code, or upload the {LEVELS[other]} rows separately.")
        add(r.source_row, "area_code", r.area_code, "mixed_vintage",
            f"{r.area_code} is a {LEVELS[other]} area ({index.name(r.area_code, other)}); the other rows for "
            f"{r.period} are {LEVELS[pick]}. Series are never joined across a boundary change.", tip)
    names = [index.name(c, lv) if lv else n for c, lv, n in zip(frame["area_code"], levels, frame["area_name"],
                                                                  strict=True)]
    frame = frame.assign(level=levels, area_name=names)
    mixed = np.zeros(len(frame), dtype=bool)
    mixed[failed] = True
    frame["mixed_"] = mixed  # said already: the old-ward check passes over these rows
    ok = frame["ok_"].to_numpy(dtype=bool).copy()
    ok[failed] = False
    ok[frame["level"].isna().to_numpy()] = False
    frame["ok_"] = ok
    return frame


def _old_wards(frame: pd.DataFrame, index: _AreaIndex, add) -> pd.DataFrame:
    """Pre-2023 ward codes for periods that start after the May 2023 boundary change fail, once per code."""
    if frame.empty:
        return frame
    mixed = frame["mixed_"] if "mixed_" in frame else False
    late = frame[(frame["level"] == "ward_2022") & ~mixed
                 & frame["start_"].map(lambda d: d is not None and d >= NEW_WARDS_FROM)]
    for code, rows in late.groupby("area_code", sort=False):
        name = index.name(code, "ward_2022")
        same = [c for c, lv in index.by_name.get(_name_key(name), []) if lv == "ward_2023"]
        periods = ", ".join(dict.fromkeys(rows["period"]))
        tip = (f"Use the 2023 ward {index.describe(same[0], 'ward_2023')} if it is the area you mean, "
               if same else "Use the 2023 ward codes, ") + "or check the period."
        n = len(rows)
        add(rows["source_row"].min(), "area_code", code, "old_ward_after_change",
            f"{code} ({name}) is a ward from before the May 2023 boundary change, but the period ({periods}) is "
            f"after it: Trafford's wards changed then" + (f" ({n} rows: {_row_list(sorted(rows['source_row']))})."
                                                          if n > 1 else "."), tip)
    frame.loc[late.index, "ok_"] = False
    return frame


def _vintage_counts(frame: pd.DataFrame) -> dict[tuple[str, str], dict[str, int]]:
    """Per period and family, how many rows have codes found only in each vintage."""
    out: dict[tuple[str, str], dict[str, int]] = {}
    for period, levels in zip(frame["period"], frame["levels_"], strict=True):
        vint = [lv for lv in levels if lv in VINTAGES]
        if len(vint) == 1:
            count = out.setdefault((period, VINTAGES[vint[0]][0]), {})
            count[vint[0]] = count.get(vint[0], 0) + 1
    return out


def _duplicates(frame: pd.DataFrame, add) -> pd.DataFrame:
    """Later rows repeating an (indicator, area, period, breakdown) fail, naming the first."""
    if frame.empty:
        return frame
    key = ["indicator_id", "area_code", "period", "breakdown"]
    known = frame.dropna(subset=["period"])
    first = known.groupby(key, sort=False)["source_row"].transform("min")
    dup = known.index[known["source_row"] != first]
    for i in dup:
        r = frame.loc[i]
        add(r["source_row"], "area_code", r["area_code"], "duplicate",
            f"Same area, period and breakdown as row {int(first.loc[i])} ({r['area_code']}, {r['period']}, "
            f"{r['breakdown']}).", "Keep one of the rows. If they are groups of the same measure that this indicator "
            "has (such as Male and Female), fill in the breakdown column; if they are different measures, upload "
            "each as its own indicator.")
    frame.loc[dup, "ok_"] = False
    return frame


def _file_checks(frame: pd.DataFrame, value_type, multiplier, parsed: ParsedUpload, add, convert: bool,
                 notes: list[str]) -> pd.DataFrame:
    """Checks of the file as a whole: percentages that all look like proportions are refused, or multiplied by 100
    when the partner has confirmed they are proportions."""
    values = frame["value"].dropna().astype(float) if not frame.empty else pd.Series(dtype=float)
    if not (value_type == "percentage" and multiplier != 1 and len(values) >= 3 and values.between(0, 1).all()
            and values.max() > 0):
        if convert:
            notes.append("You said the values are proportions, but they are not all between 0 and 1: nothing was "
                         "multiplied.")
        return frame
    if convert:
        frame = frame.copy()
        for col in ("value", "lower_ci", "upper_ci"):
            frame[col] = frame[col].map(lambda x: None if x is None or x != x else round(float(x) * 100, 10))
        notes.append(f"As you confirmed, the values were proportions: multiplied by 100 ({values.min():g} to "
                     f"{values.max():g} became {values.min() * 100:g} to {values.max() * 100:g} per cent).")
        return frame
    add(parsed.header_row, "value", f"{values.min():g} to {values.max():g}", "looks_like_proportion",
        f"Every value lies between 0 and 1 ({values.min():g} to {values.max():g}), but this indicator is a "
        "percentage (0 to 100): 0.25 would be published as 0.25%, not 25%.",
        "If the values are proportions, tick 'My values are proportions: multiply them by 100' and check again, "
        "or multiply them by 100 in your file.")
    return frame


def _empty() -> pd.DataFrame:
    return _typed(pd.DataFrame(columns=OUTPUT_COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The output columns with the store's dtypes."""
    out = frame.copy()
    for col in ("indicator_id", "area_code", "area_name", "level", "period", "breakdown"):
        out[col] = out[col].astype("string")
    for col in NUMERIC:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    return out
