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
    value_lower: float | None = None  # £ per `per` units at the far end of the change's interval (smallest cost)
    value_upper: float | None = None  # £ per `per` units at the near end (largest cost)
    people: float | None = None  # the change in people: |change| / multiplier x denominator (or the count itself)
    people_lower: float | None = None
    people_upper: float | None = None
    per_person: float | None = None  # £ per person
    per_person_lower: float | None = None
    per_person_upper: float | None = None
    person_label: str = ""  # e.g. "£10,484 per person (95% interval £7,060 to £20,360)"


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
                    alpha: float = 0.05, people_per_unit: float | None = None) -> CostResult:
    """cost / (change / per); refused when the change is zero, not significant, or against `direction`.

    With the change's interval (`lower`, `upper`) the cost gets one too: the cost over each end of the change.
    `people_per_unit` turns a change into people (a percentage point of a denominator of 6,331 is 63.31 people; a
    count's unit is one person): then also £ per person with its interval.
    """
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
    out: dict = {}
    if lo is not None and hi is not None and lo * hi > 0:  # significant: both ends on one side of zero
        near, far = sorted((abs(lo), abs(hi)))
        out.update(value_lower=c / (far / pr), value_upper=c / (near / pr))
        label += f" (95% interval {format_pounds(out['value_lower'])} to {format_pounds(out['value_upper'])})"
    ppu = _num(people_per_unit)
    if ppu is not None and ppu > 0:
        people = abs(d) * ppu
        out.update(people=people, per_person=c / people)
        person_label = f"{format_pounds(c / people)} per person"
        if "value_lower" in out:
            near, far = sorted((abs(lo), abs(hi)))
            out.update(people_lower=near * ppu, people_upper=far * ppu, per_person_lower=c / (far * ppu),
                       per_person_upper=c / (near * ppu))
            person_label += (f" (95% interval {format_pounds(out['per_person_lower'])} to "
                             f"{format_pounds(out['per_person_upper'])})")
        out["person_label"] = person_label
    note = "" if sign is not None else "The expected direction was not given, so this is per unit of change either way."
    return CostResult(ok=True, note=note, value=value, cost=c, change=d, unit=unit, per=pr, label=label, **out)
