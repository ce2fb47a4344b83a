"""Shared pieces of the impact models: the caveat, input cleaning, minimum points and refusal messages."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

CAVEAT = ("This shows what changed around the time the intervention started: an association in time, "
          "not proof that the intervention caused it. Other things may have changed at the same time.")

CONFIDENCE = 0.95

# Each method's minimum points (docs/impact-methods.md says why and cites the guidance); below these a method refuses
# to give numbers. The interrupted time series follows Wagner et al. (2002): about 12 points each side of the start.
# A control chart's limits need a baseline of at least 12 points before the start, 20 preferred (trial limits from
# 12, firmer from 20: Provost and Murray, The Health Care Data Guide, 2011); a later phase is rebased only at a
# registered event and only when it has 12 points too.
MIN_POINTS: dict[str, dict[str, int]] = {
    "before_after": {"before": 2, "after": 2},
    "interrupted_time_series": {"before": 12, "after": 12},
    "difference_in_differences": {"before": 2, "after": 2, "comparators": 1},
    "spc": {"baseline": 12, "preferred": 20, "per_phase": 12},
}
ITS_NEEDS = ("An interrupted time series fits a trend line on each side of the start, which takes about {n} points "
             "a side (Wagner et al. 2002): with yearly figures that is {n} years each side, so a monthly or "
             "quarterly series of this indicator, or a longer one, would be needed.")

# The values an indicator can take: counts, rates and percentages are never negative; percentages stop at 100.
Bounds = tuple[float | None, float | None]
NO_BOUNDS: Bounds = (None, None)


NON_NEGATIVE = frozenset({"count", "rate", "percentage", "currency", "mean", "ratio", "years"})


def bounds_for(value_type: str) -> Bounds:
    """The values an indicator of this type can take: (0, 100) for percentages, (0, None) for counts and rates."""
    if value_type == "percentage":
        return (0.0, 100.0)
    return (0.0, None) if value_type in NON_NEGATIVE else NO_BOUNDS


def clip(value: float | None, bounds: Bounds) -> float | None:
    """A value held within the indicator's bounds (None stays None)."""
    if value is None:
        return None
    lo, hi = bounds
    if lo is not None and value < lo:
        return float(lo)
    if hi is not None and value > hi:
        return float(hi)
    return value


@dataclass(frozen=True)
class MethodResult:
    """What every impact method's result starts with: whether it gave numbers, why not, the caveat, the method."""

    ok: bool
    message: str = ""
    caveat: str = CAVEAT
    method: str | None = None


class InputProblem(ValueError):
    """Input a model cannot use; its text is shown to the reader as the result's message."""


def as_array(values: Sequence[float] | None, name: str) -> np.ndarray:
    """Values as a float array (None and non-numbers become NaN); infinities are refused."""
    if values is None:
        raise InputProblem(f"No {name} were given.")
    out = []
    for v in values:
        try:
            x = float(v) if v is not None else math.nan
        except (TypeError, ValueError):
            raise InputProblem(f"The {name} contain a value that is not a number: {v!r}.") from None
        if math.isinf(x):
            raise InputProblem(f"The {name} contain an infinite value.")
        out.append(x)
    return np.asarray(out, dtype=float)


def as_time(value: float | None, name: str) -> float:
    """A finite time in decimal years, or InputProblem."""
    if value is None:
        raise InputProblem(f"The {name} is missing.")
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputProblem(f"The {name} is not a date in decimal years: {value!r}.") from None
    if not math.isfinite(x):
        raise InputProblem(f"The {name} is missing.")
    return x


def paired(t: Sequence[float], *series: tuple[Sequence[float] | None, str]) -> tuple[np.ndarray, ...]:
    """Times and series of equal length, rows with a missing value dropped, sorted by time, times distinct."""
    tt = as_array(t, "times")
    arrays = [as_array(s, name) for s, name in series]
    for a, (_, name) in zip(arrays, series, strict=True):
        if len(a) != len(tt):
            raise InputProblem(f"The {name} have {len(a)} values but there are {len(tt)} times.")
    keep = np.isfinite(tt)
    for a in arrays:
        keep &= np.isfinite(a)
    order = np.argsort(tt[keep], kind="stable")
    tt = tt[keep][order]
    if len(np.unique(tt)) != len(tt):
        raise InputProblem("Two points share the same time; each period must appear once.")
    return (tt, *(a[keep][order] for a in arrays))


def too_few(what: str, need: int, have: int) -> str:
    """The plain refusal message, e.g. 'Needs at least 3 points before the start; this series has 2.'"""
    unit = "point" if need == 1 else "points"
    return f"Needs at least {need} {unit} {what}; this series has {have}."


def decimal_year(when: date | datetime | str) -> float:
    """A date as decimal years (2021-07-02 -> about 2021.5), the time scale every impact model uses."""
    if isinstance(when, str):
        when = date.fromisoformat(when[:10])
    if isinstance(when, datetime):
        when = when.date()
    first = date(when.year, 1, 1)
    days = (date(when.year + 1, 1, 1) - first).days
    return when.year + (when - first).days / days
