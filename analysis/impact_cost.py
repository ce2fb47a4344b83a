"""Cost per unit change in an indicator, refused where a number would mislead."""

from __future__ import annotations

import math
from dataclasses import dataclass

from analysis.impact_common import CAVEAT

COST_CAVEAT = (CAVEAT + " A cost per unit change assumes the whole change is due to the intervention, "
               "which this analysis cannot show.")

_DIRECTIONS = {"increase": 1, "up": 1, "higher": 1, "rise": 1, "high_is_good": 1,
               "decrease": -1, "down": -1, "lower": -1, "fall": -1, "low_is_good": -1}


@dataclass(frozen=True)
class CostResult:
    """Pounds per `per` units of change, or None with the reason."""

    ok: bool
    message: str = ""
    caveat: str = COST_CAVEAT
    value: float | None = None  # £ per `per` units of change
    cost: float | None = None
    change: float | None = None
    unit: str = ""
    per: float = 1.0
    label: str = ""  # e.g. "£12,500 per percentage point"
    note: str = ""  # a remark on a usable figure, e.g. that no expected direction was given


def _num(x: object) -> float | None:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _per_text(per: float, unit: str) -> str:
    return f"per {unit}" if per == 1 else f"per {per:,g} {unit}"


def format_pounds(value: float) -> str:
    """£ with thousands separators, pence only under £100."""
    return f"£{value:,.2f}" if abs(value) < 100 else f"£{value:,.0f}"


def cost_per_change(cost: float, change: float, unit: str, per: float = 1.0, *, direction: str | None = None,
                    p_value: float | None = None, lower: float | None = None, upper: float | None = None,
                    alpha: float = 0.05) -> CostResult:
    """cost / (change / per); refused when the change is zero, not significant, or against `direction`."""
    c, d, pr = _num(cost), _num(change), _num(per)
    unit = str(unit or "unit")
    fail = dict(ok=False, cost=c, change=d, unit=unit, per=pr or 1.0)
    if c is None or c <= 0:
        return CostResult(message="No cost is recorded for this intervention, so no cost per change can be given.",
                          **fail)
    if pr is None or pr <= 0:
        return CostResult(message="The 'per' amount must be a positive number.", **fail)
    if d is None:
        return CostResult(message="There is no measured change to set the cost against.", **fail)
    if d == 0:
        return CostResult(message="The indicator did not change, so a cost per unit change cannot be given.", **fail)
    sign = None
    if direction is not None:
        sign = _DIRECTIONS.get(str(direction).strip().lower().replace(" ", "_").replace("-", "_"))
        if sign is None:
            return CostResult(message=f"Unknown expected direction {direction!r}: use 'increase' or 'decrease'.",
                              **fail)
        if d * sign < 0:
            went, wanted = ("down", "up") if d < 0 else ("up", "down")
            return CostResult(message=(f"The indicator went {went} but the intervention aimed to move it {wanted}, "
                                       "so a cost per unit change would mislead."), **fail)
    p = _num(p_value)
    lo, hi = _num(lower), _num(upper)
    if (p is not None and p >= alpha) or (lo is not None and hi is not None and lo <= 0 <= hi):
        return CostResult(message=("The change is not statistically significant (its interval includes no change), "
                                   "so a cost per unit change would mislead."), **fail)
    value = c / (abs(d) / pr)
    label = f"{format_pounds(value)} {_per_text(pr, unit)}"
    note = "" if sign is not None else "The expected direction was not given, so this is per unit of change either way."
    return CostResult(ok=True, note=note, value=value, cost=c, change=d, unit=unit, per=pr, label=label)
