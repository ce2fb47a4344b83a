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


def _weights(population: pd.DataFrame, values: pd.DataFrame) -> np.ndarray:
    """Each value row's weight: its area's population in the period nearest the row's (NaN where none)."""
    pop = population.dropna(subset=["value"])
    if pop.empty or values.empty:
        return np.full(len(values), np.nan)
    grid = pop.pivot_table(index="area_code", columns="period_start", values="value", aggfunc="first")
    cols = np.array(grid.columns, dtype="datetime64[ns]")
    out = np.full(len(values), np.nan)
    row_of = {a: i for i, a in enumerate(grid.index)}
    table = grid.to_numpy(dtype=float)
    starts = values["period_start"].to_numpy(dtype="datetime64[ns]")
    areas = values["area_code"].to_numpy()
    for start in np.unique(starts):
        order = np.argsort(np.abs(cols - start))  # nearest period first; a part without it takes the next
        nearest = pd.DataFrame(table[:, order]).bfill(axis=1).iloc[:, 0].to_numpy()
        hit = np.flatnonzero(starts == start)
        idx = np.array([row_of.get(a, -1) for a in areas[hit]])
        out[hit] = np.where(idx >= 0, nearest[np.maximum(idx, 0)], np.nan)
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
    if values.empty:
        return pd.DataFrame(columns=COLUMNS), left
    keys = ["indicator_id", "breakdown", "period"]
    v = values[values["area_code"].isin(parts) & values["value"].notna()]
    if "suppressed" in v:
        v = v[~v["suppressed"].fillna(False).astype(bool)]
    v = v.drop_duplicates([*keys, "area_code"]).copy()
    pop = population if population is not None else pd.DataFrame(columns=["area_code", "period_start", "value"])
    v["w"] = _weights(pop, v)
    v["has_counts"] = v["numerator"].notna() & v["denominator"].notna()
    v["wv"] = v["w"] * v["value"]
    v["w_over_v"] = np.where(v["value"] > 0, v["w"] / v["value"].where(v["value"] > 0), np.nan)
    # one pass over all groups, then a small loop over the (about a hundred) combined rows
    agg = v.groupby(keys, sort=False).agg(
        n_parts=("area_code", "size"), counts=("has_counts", "sum"), num=("numerator", "sum"),
        den=("denominator", "sum"), total=("value", "sum"), vmin=("value", "min"), wv=("wv", "sum"),
        w=("w", "sum"), w_n=("w", "count"), w_over_v=("w_over_v", "sum"),
        period_start=("period_start", "first"), period_end=("period_end", "first")).reset_index()
    rows, had, incomplete = [], set(), set()
    rules = {}
    for indicator in sorted(set(agg["indicator_id"])):
        if indicator not in catalogue.index:
            continue
        meta = catalogue.loc[indicator]
        how = rule(meta)
        if how is None:
            left.append(LeftOut(indicator, why_left_out(meta)))
        rules[indicator] = (how, meta)
    for g in agg.itertuples(index=False):
        how, meta = rules.get(g.indicator_id, (None, None))
        if how is None:
            continue
        if g.n_parts < n:
            incomplete.add(g.indicator_id)
            continue
        mult = float(meta.get("multiplier") or (100 if meta.get("value_type") == "percentage" else 1))
        row = _one(g, how, mult, str(meta.get("ci_method") or "none"), meta.get("value_type"))
        if row is None:
            incomplete.add(g.indicator_id)
            continue
        had.add(g.indicator_id)
        rows.append({"indicator_id": g.indicator_id, "breakdown": g.breakdown, "period": g.period,
                     "period_start": g.period_start, "period_end": g.period_end, "n_parts": g.n_parts, **row})
    for indicator, (how, _meta) in rules.items():
        if how is not None and indicator not in had:
            left.append(LeftOut(indicator, "not every chosen LSOA has a value in any one period (a sum over some of "
                                           "them would understate the area)." if indicator in incomplete else
                                "no usable values."))
    left.sort(key=lambda x: x.indicator_id)
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(["indicator_id", "breakdown", "period_start", "period"], ignore_index=True), left


def _one(g, how: str, mult: float, ci_method: str, value_type) -> dict | None:
    """The combined figure of one indicator, breakdown and period (an aggregated row), or None when the parts
    cannot give one."""
    nan = float("nan")
    if how == "counts":
        if g.counts == g.n_parts and g.den > 0:
            if value_type == "percentage":
                ci, text = proportion_ci(float(g.num), float(g.den), multiplier=mult), SUMMED_WILSON
            else:
                ci, text = rate_ci(float(g.num), float(g.den), multiplier=mult), SUMMED_BYARS
            return {"value": ci.value, "lower_ci": ci.lower, "upper_ci": ci.upper, "numerator": float(g.num),
                    "denominator": float(g.den), "estimated": False, "derivation": text}
        how = "weighted"  # a part without counts: the sum is impossible, an estimate is not
    if how == "sum":
        total = float(g.total)
        lower = upper = nan
        if ci_method == "byars":
            ci = rate_ci(total, 1.0, multiplier=1.0)
            lower, upper = ci.lower, ci.upper
        return {"value": total, "lower_ci": lower, "upper_ci": upper, "numerator": nan, "denominator": nan,
                "estimated": False, "derivation": SUMMED}
    if g.w_n < g.n_parts or not g.w > 0:
        return None
    if how == "density":
        if not g.vmin > 0:
            return None
        value, text = float(g.w / g.w_over_v), DENSITY
    else:
        value, text = float(g.wv / g.w), WEIGHTED
    return {"value": value, "lower_ci": nan, "upper_ci": nan, "numerator": nan, "denominator": nan,
            "estimated": True, "derivation": text}


__all__ = ["COLUMNS", "LeftOut", "combine_parts", "rule", "why_left_out"]
