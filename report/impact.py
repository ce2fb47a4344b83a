"""One intervention's impact result, assembled once for the /impact page, the API and the CSV: series from the store
cut to the windows (baseline, during, follow-up), the models from analysis.impact, default comparators from
analysis.similarity (similar areas the intervention does not cover)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

import queries
from analysis.impact import (
    CAVEAT,
    CostResult,
    before_after,
    bounds_for,
    cost_per_change,
    decimal_year,
    difference_in_differences,
    interrupted_time_series,
    spc,
)
from analysis.impact_windows import FOLLOW_UP_MONTHS, Windows, impact_windows
from analysis.similarity import similar_areas
from data.schema import DEFAULT_BREAKDOWN, LEVELS
from queries import catalog_cache
from queries.interventions import containing
from queries.store_cache import store_cached

UNIT_WORDS = {"%": "percentage point", "count": "unit", "years": "year"}
N_COMPARATORS = 5


@dataclass
class Analysis:
    """Everything the analysis panel shows; `message` says why there is nothing when `ok` is False."""

    ok: bool
    message: str = ""
    item: object = None
    meta: dict = field(default_factory=dict)
    code: str = ""
    level: str = ""
    area_name: str = ""
    area_options: list[dict] = field(default_factory=list)
    comparator_options: list[dict] = field(default_factory=list)
    comparators: list[str] = field(default_factory=list)
    comparator_note: str = ""
    comparators_default: bool = True  # the similar areas (False: chosen by hand)
    t: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    start: float | None = None
    end: float | None = None
    comparator_mean: list[float] = field(default_factory=list)
    results: dict = field(default_factory=dict)
    spc_note: str = ""
    change_used: str = ""
    windows: Windows | None = None
    bounds: tuple = (None, None)  # the values the indicator can take
    window_of: list[str] = field(default_factory=list)  # each analysed point's window
    all_t: list[float] = field(default_factory=list)  # the whole series, for the chart (points outside greyed)
    all_y: list[float] = field(default_factory=list)
    all_periods: list[str] = field(default_factory=list)


def window_rows(a: Analysis) -> list[dict]:
    """Each window as plain data: name, what it is, first and last day, the points in it and their periods."""
    rows = []
    for w in a.windows.windows if a.windows else []:
        periods = [p for p, x in zip(a.periods, a.window_of, strict=True) if x == w.name]
        rows.append({"window": w.name, "label": w.label, "first_day": w.first.isoformat(),
                     "last_day": w.last.isoformat() if w.last else None, "points": len(periods),
                     "first_period": periods[0] if periods else None, "last_period": periods[-1] if periods else None})
    return rows


def spans(a: Analysis) -> list[tuple[str, float, float]]:
    """(name, first, end) of each window in decimal years, for the charts."""
    return [(w.name, *w.bounds()) for w in a.windows.windows] if a.windows else []


def _breakdown(indicator: str) -> str:
    have = set(catalog_cache.coverage(indicator)["breakdown"])
    return DEFAULT_BREAKDOWN if DEFAULT_BREAKDOWN in have or not have else sorted(have)[0]


def _name(code: str, level: str) -> str:
    a = catalog_cache.areas()
    hit = a[(a["area_code"] == code) & (a["level"] == level)]["area_name"]
    return str(hit.iloc[0]) if len(hit) else code


def area_choices(item, indicator: str) -> list[tuple[str, str]]:
    """(code, level) of each listed area at a level where the indicator has data."""
    levels = set(catalog_cache.coverage(indicator)["level"])
    return [(code, lv) for code in item.areas for lv in catalog_cache.levels_of_code(code) if lv in levels]


def _mid_years(s: pd.DataFrame) -> list[float]:
    mid = s["period_start"] + (s["period_end"] - s["period_start"]) / 2
    return [decimal_year(m.to_pydatetime()) for m in mid]


@store_cached(maxsize=32)
def _theme_matrix(theme: str, level: str) -> pd.DataFrame:
    """Latest value of each of the theme's indicators for every area of a level (one column per indicator)."""
    cat = catalog_cache.indicators()
    cols = {}
    for ind in cat[cat["theme"] == theme].index:
        cov = catalog_cache.coverage(ind)
        cov = cov[(cov["level"] == level) & (cov["breakdown"] == DEFAULT_BREAKDOWN)].sort_values("period_start")
        if cov.empty:
            continue
        rows = queries.level_values(ind, level, cov["period"].iloc[-1])
        cols[ind] = rows.set_index("area_code")["value"]
    return pd.DataFrame(cols)


def default_comparators(item, indicator: str, code: str, level: str) -> tuple[list[str], str]:
    """The areas of the same level most like this one on the theme's indicators, not covered by the intervention."""
    matrix = _theme_matrix(item.theme, level)
    covered = {c for c in matrix.index if containing(c, level) & set(item.areas)}
    if code not in matrix.index or matrix.shape[1] == 0:
        return [], "No theme indicators at this level to find similar areas; choose comparators yourself."
    try:
        near = similar_areas(matrix, code, n=N_COMPARATORS, exclude=covered)
    except ValueError as err:
        return [], f"Similar areas could not be found: {err}"
    return near["area_code"].tolist(), (f"By default the {len(near)} {LEVELS[level].lower()} most like "
                                        f"{_name(code, level)} on the latest values of {matrix.shape[1]} "
                                        "indicators of the theme, leaving out areas the intervention covers.")


def analyse(item, indicator: str, area: str, comparators: list[str] | None,
            follow_up_months: int = FOLLOW_UP_MONTHS) -> Analysis:
    """Run every method for one intervention x indicator x area within its windows; refusals carry the reason."""
    meta = queries.indicator(indicator)
    choices = area_choices(item, indicator)
    options = [{"label": f"{_name(c, lv)} ({LEVELS[lv]})", "value": c} for c, lv in choices]
    if not choices:
        return Analysis(ok=False, item=item, meta=meta, message=(
            f"{meta['name']} has no data at the level of the areas this intervention covers, so its change there "
            "cannot be measured."))
    code, level = next(((c, lv) for c, lv in choices if c == area), choices[0])
    out = Analysis(ok=True, item=item, meta=meta, code=code, level=level, area_name=_name(code, level),
                   area_options=options)
    breakdown = _breakdown(indicator)
    s = queries.series(indicator, [(code, level)], breakdown).dropna(subset=["value"])
    s = s.sort_values("period_start")
    out.all_t, out.all_y, out.all_periods = _mid_years(s), s["value"].astype(float).tolist(), s["period"].tolist()
    out.windows = impact_windows(item.start, item.end, follow_up_months=follow_up_months)
    which = out.windows.which(out.all_t)
    keep = [w is not None for w in which]
    s = s[keep]  # every method sees the same points: the baseline, the time it ran and the follow-up only
    out.window_of = [w for w in which if w is not None]
    out.t, out.y, out.periods = [t for t, k in zip(out.all_t, keep, strict=True) if k], s["value"].astype(float).tolist(), \
        s["period"].tolist()
    out.start = out.windows.start
    out.end = out.windows.end
    if comparators is None:
        comparators, out.comparator_note = default_comparators(item, indicator, code, level)
    else:
        out.comparator_note = "Comparators chosen by hand (clear the box to return to the similar areas)."
        out.comparators_default = False
    known = set(catalog_cache.areas().query("level == @level")["area_code"])
    out.comparators = [c for c in comparators if c in known and c != code][:10]
    cands = queries.areas_of_level(level)
    out.comparator_options = [{"label": f"{r.area_name} ({r.area_code})", "value": r.area_code}
                              for r in cands.itertuples() if r.area_code != code]
    res = out.results
    out.bounds = bounds_for(meta["value_type"])
    res["before_after"] = before_after(out.t, out.y, out.start, bounds=out.bounds)
    res["its"] = interrupted_time_series(out.t, out.y, out.start, bounds=out.bounds)
    comp = queries.series(indicator, [(c, level) for c in out.comparators], breakdown) if out.comparators else None
    mapping = {}
    if comp is not None and not comp.empty:
        wide = comp.pivot_table(index="period", columns="area_code", values="value", aggfunc="first")
        for c in out.comparators:
            if c in wide.columns:
                mapping[c] = [float(wide.at[p, c]) if p in wide.index and pd.notna(wide.at[p, c]) else np.nan
                              for p in out.periods]
        if mapping:
            out.comparator_mean = [float(v) for v in np.nanmean(np.vstack(list(mapping.values())), axis=0)]
    res["did"] = difference_in_differences(out.t, out.y, mapping, out.start)
    res["spc"] = _spc(out, s, meta)
    res["cost"] = _cost(out, item, meta, indicator, s)
    return out


def _spc(out: Analysis, s: pd.DataFrame, meta: dict):
    """A p-chart when the indicator is a percentage with a denominator at every point, else an XmR chart."""
    den = s["denominator"]
    if meta["value_type"] == "percentage" and len(s) and den.notna().all() and (den > 0).all():
        out.spc_note = "p-chart: limits from each point's denominator (3 sigma around the phase's mean proportion)."
        return spc(out.t, out.y, out.start, kind="p", n=den.astype(float).tolist(), scale=100.0)
    out.spc_note = ("XmR chart: limits at the mean ± 2.66 × the mean moving range" +
                    (" (a p-chart needs a denominator at every point; some are missing)."
                     if meta["value_type"] == "percentage" else "."))
    return spc(out.t, out.y, out.start, bounds=out.bounds)


def unit_word(unit: str) -> str:
    """The unit of a change as words: '%' changes are percentage points."""
    return UNIT_WORDS.get(unit, unit or "unit")


def people_per_unit(meta: dict, denominators: list[float]) -> float | None:
    """How many people one unit of the indicator is: a count's unit is a person; a percentage point (or a rate's
    unit) is the denominator over the multiplier; None when the denominator is not known."""
    if meta["value_type"] == "count" and meta["unit"] == "count":
        return 1.0
    den = [d for d in denominators if d is not None and np.isfinite(d) and d > 0]
    mult = float(meta.get("multiplier") or 0)
    if meta["value_type"] in ("percentage", "rate") and den and mult > 0:
        return float(np.mean(den)) / mult
    return None


def _cost(out: Analysis, item, meta: dict, indicator: str, s: pd.DataFrame):
    """Cost per unit change and per person, set against the change relative to the comparators only."""
    did = out.results["did"]
    after = [w != "before" for w in out.window_of]
    ppu = people_per_unit(meta, [float(d) for d, a in zip(s["denominator"], after, strict=True) if a])
    if not did.ok:
        out.change_used = ""
        return CostResult(ok=False, cost=item.cost_total, unit=unit_word(meta["unit"]), message=(
            "A cost per outcome needs a change measured against similar areas, and that comparison could not be "
            f"made here: {did.message[:1].lower() + did.message[1:]}"))
    out.change_used = "the change against the comparators"
    return cost_per_change(item.cost_total or 0, did.difference, unit_word(meta["unit"]),
                           direction=item.direction_of(indicator), p_value=did.p_value, lower=did.difference_lower,
                           upper=did.difference_upper, people_per_unit=ppu)


def theme_rows(items: list, theme: str) -> list[dict]:
    """Each of the theme's interventions with its spend and measured change (first indicator with data)."""
    rows = []
    for item in [i for i in items if i.theme == theme]:
        row = {"item": item, "indicator": "", "area": "", "change": None, "lower": None, "upper": None,
               "p": None, "unit": "", "cost": None, "message": ""}
        for ind in item.indicators:
            choices = area_choices(item, ind)
            if not choices:
                continue
            code, level = choices[0]
            meta = queries.indicator(ind)
            s = queries.series(ind, [(code, level)], _breakdown(ind)).dropna(subset=["value"])
            win = impact_windows(item.start, item.end)
            t = _mid_years(s)
            inside = [w is not None for w in win.which(t)]
            ba = before_after([a for a, k in zip(t, inside, strict=True) if k],
                              s["value"][inside].astype(float).tolist(), win.start,
                              bounds=bounds_for(meta["value_type"]))
            row.update(indicator=meta["name"], area=_name(code, level), unit=meta["unit"])
            if ba.ok:
                row.update(change=ba.difference, lower=ba.difference_lower, upper=ba.difference_upper, p=ba.p_value)
                row["cost"] = cost_per_change(item.cost_total or 0, ba.difference, unit_word(meta["unit"]),
                                              direction=item.direction_of(ind), p_value=ba.p_value,
                                              lower=ba.difference_lower, upper=ba.difference_upper)
            else:
                row["message"] = ba.message
            break
        else:
            row["message"] = "None of its indicators has data at the level of its areas."
        rows.append(row)
    return rows


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
NOUNS = {"ward_2023": "wards", "ward_2022": "wards", "lsoa_2011": "neighbourhoods", "lsoa_2021": "neighbourhoods",
         "msoa_2011": "neighbourhoods", "msoa_2021": "neighbourhoods", "la": "local authorities"}


def _month(day) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def amount(x: float) -> str:
    """A plain number for a sentence: 0.19, 1.2, 17, 1,250."""
    a = abs(x)
    return f"{a:,.0f}" if a >= 100 else f"{a:.1f}" if a >= 10 else f"{a:.2f}" if a >= 0.1 else f"{a:.3f}"


def _units(unit: str) -> str:
    return " percentage points" if unit == "%" else "" if unit in ("count", "") else f" {unit}"


def _when(a: Analysis) -> str:
    """'between April 2016 and March 2018' or 'since April 2022'."""
    w = a.windows
    last = w.after.last if w.after is not None else None
    return f"between {_month(w.during.first)} and {_month(last)}" if last else f"since {_month(w.during.first)}"


def _indicator(meta: dict) -> str:
    name = str(meta["name"])
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _significant(p, lo, hi) -> bool:
    return p is not None and p < 0.05 and lo is not None and hi is not None and (lo > 0 or hi < 0)


def verdict(a: Analysis) -> str:
    """The answer first, in one or two plain sentences: what changed against the comparators (or the baseline),
    how sure, and that it is not proof of cause. No method names, no p-values."""
    if not a.ok:
        return a.message
    item, m = a.item, a.meta
    head = f"After “{item.title}” started, {_indicator(m)} in {a.area_name}"
    u = _units(m["unit"])
    did, ba = a.results.get("did"), a.results.get("before_after")
    if did is not None and did.ok:
        d, lo, hi, tc = did.difference, did.difference_lower, did.difference_upper, did.treated_change
        k = len(did.comparators)
        others = f"{k} similar {NOUNS.get(a.level, 'areas')}" if a.comparators_default else f"{k} comparator areas"
        if d < 0:
            moved = "fell" if tc < 0 else "rose"
            size = "more" if tc < 0 else "less"
        else:
            moved = "rose" if tc > 0 else "fell"
            size = "more" if tc > 0 else "less"
        if _significant(did.p_value, lo, hi):
            a_lo, a_hi = sorted((abs(lo), abs(hi)))
            return (f"{head} {moved} {amount(d)}{u} {size} than in {others} {_when(a)} (95% interval {amount(a_lo)} "
                    f"to {amount(a_hi)}). That is unlikely to be chance, but it does not prove the intervention "
                    "caused it.")
        return (f"{head} {moved} {amount(d)}{u} {size} than in {others} {_when(a)}, but the 95% interval runs from "
                f"{amount(lo)} lower to {amount(hi)} higher{u.replace(' percentage points', '')}. A difference this "
                "size could well be chance, so this does not show the intervention changed anything.")
    if ba is not None and ba.ok:
        way = "higher" if ba.difference > 0 else "lower"
        sure = ("That is unlikely to be chance" if _significant(ba.p_value, ba.difference_lower, ba.difference_upper)
                else "That could well be chance")
        return (f"{head} averaged {amount(ba.difference)}{u} {way} {_when(a)} than in the baseline before it "
                f"(95% interval {amount(ba.difference_lower) if ba.difference_lower >= 0 else '−' + amount(ba.difference_lower)} "
                f"to {'−' if ba.difference_upper < 0 else ''}{amount(ba.difference_upper)}). {sure}, and with no "
                "comparison with similar areas it may reflect wider changes rather than the intervention.")
    return (f"There are too few points in the windows to say whether {_indicator(m)} in {a.area_name} changed after "
            f"“{item.title}” started. Each method below says what it would need.")


def _f(x) -> float | None:
    """A finite float or None (JSON has no NaN)."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if np.isfinite(v) else None


def _method_record(name: str, r) -> dict:
    """One method as data: its estimate with the 95% interval, or its refusal with the reason."""
    out = {"method": name, "ok": bool(r.ok), "reason": None if r.ok else r.message,
           "details": getattr(r, "method", None), "note": getattr(r, "note", "") or None}
    if not r.ok:
        return out | {"estimate": None, "lower": None, "upper": None}
    if name == "before_after":
        return out | {"estimate": _f(r.difference), "lower": _f(r.difference_lower), "upper": _f(r.difference_upper),
                      "p_value": _f(r.p_value), "what": "mean from the start minus mean in the baseline",
                      "before_mean": _f(r.before_mean), "before_lower": _f(r.before_lower),
                      "before_upper": _f(r.before_upper), "after_mean": _f(r.after_mean),
                      "after_lower": _f(r.after_lower), "after_upper": _f(r.after_upper),
                      "points_before": r.n_before, "points_after": r.n_after}
    if name == "interrupted_time_series":
        return out | {"estimate": _f(r.level_change), "lower": _f(r.level_change_lower),
                      "upper": _f(r.level_change_upper), "p_value": _f(r.level_change_p),
                      "what": "change in level at the start", "slope_change_per_year": _f(r.slope_change),
                      "slope_change_lower": _f(r.slope_change_lower), "slope_change_upper": _f(r.slope_change_upper),
                      "projection": [{"t": _f(t), "value": _f(v)} for t, v in r.counterfactual],
                      "points_before": r.n_before, "points_after": r.n_after}
    if name == "difference_in_differences":
        return out | {"estimate": _f(r.difference), "lower": _f(r.difference_lower), "upper": _f(r.difference_upper),
                      "p_value": _f(r.p_value), "what": "change in the area minus the comparators' mean change",
                      "area_change": _f(r.treated_change), "comparators_change": _f(r.comparator_change),
                      "points_before": r.n_before, "points_after": r.n_after}
    base = r.phases[0]
    return out | {"estimate": None, "lower": None, "upper": None, "what": "control chart",
                  "signals": r.signals, "points": len(r.points), "baseline_points": base["n"],
                  "provisional": bool(r.provisional), "warnings": list(r.warnings),
                  "phases": [{k: (_f(v) if isinstance(v, float) else v) for k, v in p.items()} for p in r.phases],
                  "limits": [{"t": _f(p["t"]), "lower": _f(p["lower"]), "upper": _f(p["upper"])} for p in r.points]}


def _cost_record(c, used: str) -> dict:
    keys = ("value", "value_lower", "value_upper", "people", "people_lower", "people_upper", "per_person",
            "per_person_lower", "per_person_upper")
    return {"ok": bool(c.ok), "reason": None if c.ok else c.message, "cost": _f(c.cost), "currency": "GBP",
            "unit": c.unit, "set_against": used or None, "label": c.label or None,
            "person_label": c.person_label or None, **{("per_unit" if k == "value" else
                                                         k.replace("value", "per_unit")): _f(getattr(c, k))
                                                        for k in keys}}


def record(a: Analysis) -> dict:
    """The result as plain data (what the page shows): the API's JSON and, flattened, the CSV download."""
    item, m = a.item, a.meta
    res = a.results
    names = dict(zip(catalog_cache.areas()["area_code"], catalog_cache.areas()["area_name"], strict=False))
    methods = [_method_record(k, res[key]) for k, key in (("difference_in_differences", "did"),
                                                          ("before_after", "before_after"),
                                                          ("interrupted_time_series", "its"), ("spc", "spc"))
               if key in res]
    return {
        "verdict": verdict(a),
        "caveat": CAVEAT,
        "intervention": {"id": item.intervention_id, "title": item.title, "example": bool(item.example),
                         "start": item.start.isoformat(), "end": item.end.isoformat() if item.end else None,
                         "cost_total": _f(item.cost_total)},
        "indicator": {"id": m["indicator_id"], "name": m["name"], "unit": m["unit"], "value_type": m["value_type"],
                      "expected_direction": item.direction_of(m["indicator_id"]),
                      "lowest_possible": a.bounds[0], "highest_possible": a.bounds[1]},
        "area": {"code": a.code, "name": a.area_name, "level": a.level},
        "follow_up_months": a.windows.follow_up_months if a.windows else None,
        "windows": window_rows(a),
        "comparators": [{"code": c, "name": names.get(c, c)} for c in a.comparators],
        "comparators_chosen": "similar areas" if a.comparators_default else "by hand",
        "comparator_note": a.comparator_note,
        "methods": methods,
        "cost_per_outcome": _cost_record(res["cost"], a.change_used),
        "series": [{"period": p, "t": _f(t), "value": _f(y), "window": w}
                   for p, t, y, w in zip(a.periods, a.t, a.y, a.window_of, strict=True)],
    }


def result_rows(rec: dict) -> pd.DataFrame:
    """The record as one table for a CSV: section, item, value, lower, upper, note (the same content as the JSON)."""
    rows = [("verdict", "", rec["verdict"], None, None, ""), ("caveat", "", rec["caveat"], None, None, "")]
    for k, v in rec["intervention"].items():
        rows.append(("intervention", k, v, None, None, ""))
    for k, v in rec["indicator"].items():
        rows.append(("indicator", k, v, None, None, ""))
    for k, v in rec["area"].items():
        rows.append(("area", k, v, None, None, ""))
    for w in rec["windows"]:
        rows.append(("window", w["window"], f"{w['first_day']} to {w['last_day'] or 'latest'}", None, None,
                     f"{w['label']}; {w['points']} points"
                     + (f", {w['first_period']} to {w['last_period']}" if w["points"] else "")))
    for c in rec["comparators"]:
        rows.append(("comparator", c["code"], c["name"], None, None, rec["comparators_chosen"]))
    for mth in rec["methods"]:
        shown = (f"{mth['signals']} of {mth['points']} points flagged" if mth["method"] == "spc" else mth["estimate"])
        rows.append(("method", mth["method"], shown if mth["ok"] else "not worked out", mth["lower"],
                     mth["upper"], mth.get("what", "") if mth["ok"] else mth["reason"]))
        for w in mth.get("warnings", []):
            rows.append(("method", mth["method"], "warning", None, None, w))
    c = rec["cost_per_outcome"]
    if c["ok"]:
        rows.append(("cost_per_outcome", f"per {c['unit']}", c["per_unit"], c["per_unit_lower"], c["per_unit_upper"],
                     f"£, set against {c['set_against']}"))
        if c["per_person"] is not None:
            rows.append(("cost_per_outcome", "per person", c["per_person"], c["per_person_lower"],
                         c["per_person_upper"], f"£; about {c['people']:.0f} people"))
    else:
        rows.append(("cost_per_outcome", "", "not given", None, None, c["reason"]))
    for s in rec["series"]:
        rows.append(("value", s["period"], s["value"], None, None, s["window"]))
    return pd.DataFrame(rows, columns=["section", "item", "value", "lower", "upper", "note"])
