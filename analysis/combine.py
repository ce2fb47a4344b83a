"""One value for a group of small areas from the values of its parts: sums where counts exist, estimates where not.

The rules (methods.md sections 1 and 2 for the intervals):
* a percentage held as counts in every part: numerators and denominators summed, the value their ratio, the
  interval Wilson's of the sums (`proportion_ci`);
* a rate held as counts in every part: summed the same way, the interval exact Poisson below 10 events and
  Byar's from 10 (`rate_ci`);
* a count: the parts' counts summed (with Poisson limits on the total where the indicator has them);
* a density (people per unit of land): total people over total land, the land of each part taken as its
  population over its density: an estimate, no interval;
* any other rate, percentage or score held without counts: the parts' values weighted by their population in
  the nearest period: an estimate, marked so, with no interval;
* ranks, deciles, medians and prices cannot be combined from their parts' values: left out, with the reason.
A period counts only when every part has a value in it (a sum over some of the parts would be too small).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.stats import proportion_ci, rate_ci

SUMMED_WILSON = "summed counts of the LSOAs; 95% interval from the sums (Wilson)"
SUMMED_BYARS = "summed counts of the LSOAs; 95% interval from the sums (exact Poisson under 10 events, else Byar's)"
SUMMED = "sum of the LSOAs' counts"
WEIGHTED = "estimated: the LSOAs' values weighted by their population (no interval)"
DENSITY = "estimated: total residents over total land of the LSOAs (no interval)"
COLUMNS = ["indicator_id", "breakdown", "period", "period_start", "period_end", "value", "lower_ci", "upper_ci",
           "numerator", "denominator", "estimated", "derivation", "n_parts"]


@dataclass(frozen=True)
class LeftOut:
    """An indicator the combination leaves out, and why in plain words."""

    indicator_id: str
    reason: str


def rule(meta: dict) -> str | None:
    """How an indicator combines: 'counts', 'sum', 'density', 'weighted', or None when it cannot be combined."""
    unit = str(meta.get("unit") or "").lower()
    kind = str(meta.get("value_type") or "")
    if "rank" in unit or "decile" in unit or "quintile" in unit or kind in ("index", "currency", "years", "mean"):
        return None
    if "median" in str(meta.get("name") or "").lower():
        return None
    if kind == "count":
        return "sum"
    if "per sq km" in unit or "per hectare" in unit:
        return "density"
    if kind in ("percentage", "rate"):
        return "counts"
    if kind in ("score", "ratio", "other"):
        return "weighted"
    return None


def why_left_out(meta: dict) -> str:
    """The reason an indicator without a combining rule is left out of a custom area."""
    unit = str(meta.get("unit") or "").lower()
    if "rank" in unit or "decile" in unit or "quintile" in unit or meta.get("value_type") == "index":
        return "a rank or decile places each LSOA among all of England's; it cannot be added up or averaged."
    if "median" in str(meta.get("name") or "").lower() or meta.get("value_type") == "currency":
        return "a median (or price) of a group cannot be worked out from the medians of its parts."
    return "values of this kind (averages, life expectancies) cannot be combined from the LSOAs' figures alone."


def _weights(population: pd.DataFrame, starts: pd.Series) -> dict:
    """{(area_code, period_start): population in the nearest period}: the weight of each part in each period."""
    out = {}
    if population.empty:
        return out
    pop = population.dropna(subset=["value"])
    by_area = {a: g.sort_values("period_start") for a, g in pop.groupby("area_code")}
    for start in pd.Series(starts).dropna().unique():
        for area, g in by_area.items():
            gaps = (g["period_start"] - start).abs()
            out[(area, start)] = float(g["value"].iloc[int(np.argmin(gaps.to_numpy()))])
    return out


def combine_parts(values: pd.DataFrame, catalogue: pd.DataFrame, parts: list[str],
                  population: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[LeftOut]]:
    """Each indicator, breakdown and period of a group of areas from its parts' values.

    values: indicator_id, breakdown, period, period_start, period_end, area_code, value, numerator, denominator
    (suppressed optional), for the parts. catalogue: indexed by indicator_id with unit, value_type, multiplier,
    ci_method, name. parts: the group's area codes. population: area_code, period_start, value (each part's
    total population; the weights of estimated means).
    Returns (rows with COLUMNS, left out indicators with reasons).
    """
    n = len(set(parts))
    left: list[LeftOut] = []
    rows = []
    if values.empty:
        return pd.DataFrame(columns=COLUMNS), left
    values = values[values["area_code"].isin(parts)]
    if "suppressed" in values:
        values = values[~values["suppressed"].fillna(False).astype(bool)]
    values = values[values["value"].notna()]
    weights = _weights(population if population is not None else pd.DataFrame(
        columns=["area_code", "period_start", "value"]), values["period_start"])
    incomplete: set[str] = set()
    for indicator, group in values.groupby("indicator_id", sort=True):
        if indicator not in catalogue.index:
            continue
        meta = catalogue.loc[indicator]
        how = rule(meta)
        if how is None:
            left.append(LeftOut(indicator, why_left_out(meta)))
            continue
        mult = float(meta.get("multiplier") or (100 if meta.get("value_type") == "percentage" else 1))
        had = 0
        for (breakdown, period), g in group.groupby(["breakdown", "period"], sort=False):
            g = g.drop_duplicates("area_code")
            if len(g) < n:
                incomplete.add(indicator)
                continue
            row = _one(g, how, mult, str(meta.get("ci_method") or "none"), meta.get("value_type"), weights)
            if row is None:
                incomplete.add(indicator)
                continue
            had += 1
            rows.append({"indicator_id": indicator, "breakdown": breakdown, "period": period,
                         "period_start": g["period_start"].iloc[0], "period_end": g["period_end"].iloc[0],
                         "n_parts": len(g), **row})
        if not had:
            left.append(LeftOut(indicator, "not every chosen LSOA has a value in any one period (a sum over some "
                                           "of them would understate the area)." if indicator in incomplete else
                                "no usable values."))
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(["indicator_id", "breakdown", "period_start", "period"], ignore_index=True), left


def _one(g: pd.DataFrame, how: str, mult: float, ci_method: str, value_type, weights: dict) -> dict | None:
    """The combined figure of one indicator, breakdown and period, or None when the parts cannot give one."""
    nan = float("nan")
    if how == "counts":
        num, den = g["numerator"], g["denominator"]
        if num.notna().all() and den.notna().all() and float(den.sum()) > 0:
            s_num, s_den = float(num.sum()), float(den.sum())
            if value_type == "percentage":
                ci = proportion_ci(s_num, s_den, multiplier=mult)
                text = SUMMED_WILSON
            else:
                ci = rate_ci(s_num, s_den, multiplier=mult)
                text = SUMMED_BYARS
            return {"value": ci.value, "lower_ci": ci.lower, "upper_ci": ci.upper, "numerator": s_num,
                    "denominator": s_den, "estimated": False, "derivation": text}
        how = "weighted"  # a part without counts: the sum is impossible, an estimate is not
    if how == "sum":
        total = float(g["value"].sum())
        lower = upper = nan
        if ci_method == "byars":
            ci = rate_ci(total, 1.0, multiplier=1.0)
            lower, upper = ci.lower, ci.upper
        return {"value": total, "lower_ci": lower, "upper_ci": upper, "numerator": nan, "denominator": nan,
                "estimated": False, "derivation": SUMMED}
    w = np.array([weights.get((a, s), nan) for a, s in zip(g["area_code"], g["period_start"], strict=True)])
    v = g["value"].to_numpy(dtype=float)
    if np.isnan(w).any() or w.sum() <= 0:
        return None
    if how == "density":
        if (v <= 0).any():
            return None
        value, text = float(w.sum() / (w / v).sum()), DENSITY
    else:
        value, text = float((w * v).sum() / w.sum()), WEIGHTED
    return {"value": value, "lower_ci": nan, "upper_ci": nan, "numerator": nan, "denominator": nan,
            "estimated": True, "derivation": text}


__all__ = ["COLUMNS", "LeftOut", "combine_parts", "rule", "why_left_out"]
