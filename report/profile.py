"""Everything about one area, assembled once for the profile page, the evidence pack PDF and its CSV.

The wiring of queries (a handful of bulk reads) -> analysis (judgements, recent trends) -> plain data
(dicts and frames, no Dash), so the page and the Flask routes show the same numbers.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

import queries
from analysis.judge import judge
from analysis.stats import explain_trend, recent_trend
from analysis.trend import CANNOT
from components.trend_marker import trend_label
from data.schema import ENGLAND, GREATER_MANCHESTER, LEVELS, THEMES, TRAFFORD
from queries import catalog_cache, profile
from queries.errors import QueryError
from report.needs import NeedLine, needs_summary

# key -> (code, level, name, comparator column prefix in area_latest); the keys are Explore's.
BENCHMARKS = {"england": (ENGLAND, "england", "England", "england"),
              "la": (TRAFFORD, "la", "Trafford", "trafford"),
              "combined_authority": (GREATER_MANCHESTER, "combined_authority", "Greater Manchester", "gm")}
ALIASES = {"trafford": "la", "gm": "combined_authority", "greater_manchester": "combined_authority",
           "greater-manchester": "combined_authority", "e92000001": "england", "e08000009": "la",
           "e47000001": "combined_authority"}
# Which profile a code opens when it stands at several levels: the newest boundaries first.
LEVEL_PREFERENCE = ["ward_2023", "ward_2022", "lsoa_2021", "lsoa_2011", "msoa_2021", "msoa_2011", "la",
                    "combined_authority", "region", "england"]
LEVEL_SINGULAR = {"ward_2023": "Ward (2023 boundaries)", "ward_2022": "Ward (pre-2023 boundaries)",
                  "lsoa_2011": "LSOA (2011)", "lsoa_2021": "LSOA (2021)", "msoa_2011": "MSOA (2011)",
                  "msoa_2021": "MSOA (2021)", "la": "Local authority", "combined_authority": "Combined authority",
                  "region": "Region", "england": "Country"}
LEVEL_PLURAL = {"ward_2023": "wards (2023 boundaries)", "ward_2022": "wards (pre-2023 boundaries)",
                "lsoa_2011": "LSOAs (2011)", "lsoa_2021": "LSOAs (2021)", "msoa_2011": "MSOAs (2011)",
                "msoa_2021": "MSOAs (2021)", "la": "local authorities", "combined_authority": "combined authorities",
                "region": "regions", "england": "countries"}
EXPLORE_LEVELS = {"ward_2023", "ward_2022", "lsoa_2021", "lsoa_2011", "msoa_2021", "msoa_2011", "la"}
TREND_TYPES = {"percentage": "proportion", "rate": "crude_rate"}
NEEDS_BENCHMARKS = ("England", "Trafford")


@dataclass
class ProfileRequest:
    """A checked request: the area code and level, the benchmark key, and notices for what was replaced."""

    code: str
    level: str
    benchmark: str = "england"
    notices: list[str] = field(default_factory=list)

    def query(self, **change) -> str:
        """The URL query string (with '?', or '') of this request, with changes."""
        bench = change.get("benchmark", self.benchmark)
        level = change.get("level", self.level)
        params = []
        if level != preferred_level(profile.area_levels(self.code)):
            params.append(f"level={level}")
        if bench != "england":
            params.append(f"benchmark={bench}")
        return ("?" + "&".join(params)) if params else ""


@dataclass
class AreaProfile:
    """One area's profile: identity, context, every indicator row and the needs summary."""

    code: str
    level: str
    name: str
    level_label: str
    parents: list[dict]
    population: dict | None
    benchmark: str
    benchmark_name: str
    benchmark_options: list[tuple[str, str]]
    rows: list[dict]
    needs_benchmarks: list[str]
    quarters: bool
    deciles: pd.DataFrame
    decile_note: str
    links: pd.DataFrame
    children: pd.DataFrame
    other_levels: list[str]
    version: str
    notices: list[str]
    made: date
    # interventions covering the area, by the indicator each expects to move (marked on its sparkline)
    marks: dict = field(default_factory=dict)

    def needs(self, max_names: int | None = None) -> list[NeedLine]:
        """The needs summary's sentences (names cut at max_names with "and N more")."""
        return needs_summary(self.rows, self.needs_benchmarks, LEVEL_PLURAL.get(self.level, "areas of this level"),
                             max_names=max_names, quarters=self.quarters)

    @property
    def themes(self) -> list[tuple[str, str, list[dict]]]:
        """(theme key, theme name, rows) in the catalogue's theme order."""
        out = []
        for key, name in THEMES.items():
            rows = [r for r in self.rows if r["theme"] == key]
            if rows:
                out.append((key, name, rows))
        return out

    @property
    def path(self) -> str:
        """The profile's address with its level (when not the default) and benchmark."""
        return f"/area/{self.code}" + ProfileRequest(self.code, self.level, self.benchmark).query()

    def decile_counts(self) -> dict[int, int]:
        """How many of the area's LSOAs fall in each national IMD decile (1 = most deprived)."""
        d = self.deciles["decile"].dropna().astype(int) if len(self.deciles) else pd.Series(dtype=int)
        return {k: int((d == k).sum()) for k in range(1, 11)}


def _first(value) -> str | None:
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return None if value is None else str(value).strip()[:60]


def preferred_level(levels: list[str]) -> str:
    """The level a code opens at: the newest small areas first."""
    return sorted(levels, key=lambda lv: LEVEL_PREFERENCE.index(lv) if lv in LEVEL_PREFERENCE else 99)[0]


def parse_request(code, level=None, benchmark=None) -> ProfileRequest:
    """A checked request, or QueryError when the code is not an area the store knows (nothing else raises)."""
    code = catalog_cache.check_code(_first(code) or "")
    levels = profile.area_levels(code)
    notices = []
    want = _first(level)
    if want and want not in levels:
        shown = LEVEL_SINGULAR.get(preferred_level(levels), "")
        notices.append(f"{code} is not an area of level “{want[:30]}”: showing it as {shown}.")
    lv = want if want in levels else preferred_level(levels)
    asked = (_first(benchmark) or "").lower()
    key = ALIASES.get(asked, asked) or "england"
    others = [k for k, v in BENCHMARKS.items() if v[:2] != (code, lv)]
    if key not in BENCHMARKS:
        notices.append(f"Unknown benchmark “{str(benchmark)[:30]}”: comparing with {BENCHMARKS[others[0]][2]}.")
        key = others[0]
    elif key not in others:
        if asked:
            notices.append(f"{BENCHMARKS[key][2]} cannot be its own benchmark: comparing with "
                           f"{BENCHMARKS[others[0]][2]}.")
        key = others[0]
    return ProfileRequest(code, lv, key, notices)


def _num(x) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else float(x)


def _label(name: str, breakdown: str) -> str:
    return name if breakdown in ("Persons", None) else f"{name} ({breakdown.lower()})"


def _unit(unit) -> str:
    """The unit as judge() prints it after a number ('' for counts, scores and long descriptions)."""
    unit = unit if isinstance(unit, str) else ""
    return "" if unit in ("count", "score", "index", "ratio") or len(unit) > 14 else unit


def _trend(points: list[dict] | None, value_type: str, polarity: str):
    pts = [{"period": p["period_start"], "value": p["value"], "lower": p["lower_ci"], "upper": p["upper_ci"],
            "count": p["numerator"], "denominator": p["denominator"]} for p in points or []]
    return recent_trend(pts, TREND_TYPES.get(value_type, "other"), polarity)


def _published(r: dict, benchmark_code: str) -> dict:
    """judge()'s published arguments: the publisher's word when it compared with this benchmark, else none."""
    if _clean(r.get("published_comparator")) != benchmark_code:
        return {}
    return {"published": _clean(r.get("published_judgement")), "published_by": _clean(r.get("published_by"))}


def _quarter(value, stats: dict | None, polarity: str) -> str | None:
    """'worst' when the value lies in the least favourable quarter of the level (by value alone)."""
    if value is None or not stats or (stats.get("n") or 0) < 4:
        return None
    if polarity == "high_is_good" and _num(stats.get("q1")) is not None and value < stats["q1"]:
        return "worst"
    if polarity == "low_is_good" and _num(stats.get("q3")) is not None and value > stats["q3"]:
        return "worst"
    return None


def _one_latest(records: list[dict], groups: dict) -> list[dict]:
    """One latest row per indicator and breakdown: where cumulative periods share a start (the store's latest
    table keeps them all), the one that ends last."""
    ends = {(k[0], k[1], p["period"]): p["period_end"] for k, pts in groups.items() for p in pts}
    best: dict[tuple, dict] = {}
    for r in records:
        key = (r["indicator_id"], r["breakdown"])
        end = ends.get((*key, r["period"]))
        old = best.get(key)
        if old is None or (end is not None and not pd.isna(end) and (old["_end"] is None or pd.isna(old["_end"])
                                                                      or end > old["_end"])):
            best[key] = {**r, "_end": end}
    return list(best.values())


def _not_in_latest(records: list[dict], groups: dict, catalogue: pd.DataFrame) -> list[dict]:
    """Rows for indicators the area has in its series but not in the latest table: its latest value was
    suppressed or is older than its level's latest period. Each shows the area's last period, not compared."""
    have = {(r["indicator_id"], r["breakdown"]) for r in records}
    out = []
    for (indicator, breakdown), pts in groups.items():
        if (indicator, breakdown) in have or indicator not in catalogue.index or not pts:
            continue
        last = pts[-1]
        meta = catalogue.loc[indicator]
        out.append({**{k: meta.get(k) for k in ("name", "theme", "theme_name", "unit", "value_type", "polarity",
                                                "ci_method", "publisher", "licence")},
                    "indicator_id": indicator, "breakdown": breakdown, "period": last["period"],
                    "value": last["value"], "lower_ci": last["lower_ci"], "upper_ci": last["upper_ci"],
                    "suppressed": bool(_clean(last.get("suppressed"))),
                    "_stale": True})
    return out


def _clean(x):
    """None for a missing catalogue field (None, NaN or pandas NA)."""
    return None if x is None or (not isinstance(x, str) and pd.isna(x)) else x


def _parents(code: str, level: str, areas: pd.DataFrame) -> list[dict]:
    """The area's parents up to England, each with name and whether the link is a best fit."""
    names = areas.set_index(["area_code", "level"])
    out = []
    chain = queries.comparator_chain(code, level)
    for i, (c, lv) in enumerate(chain[1:], start=1):
        row = names.loc[(c, lv)] if (c, lv) in names.index else None
        child = names.loc[chain[i - 1]] if chain[i - 1] in names.index else None
        derived = bool(child is not None and pd.notna(child.get("derived_parent")) and bool(child["derived_parent"]))
        out.append({"code": c, "level": lv, "name": row["area_name"] if row is not None else c, "best_fit": derived})
    me = names.loc[(code, level)] if (code, level) in names.index else None
    msoa = me.get("msoa_code") if me is not None else None
    if isinstance(msoa, str):
        msoa_level = "msoa_2021" if level == "lsoa_2021" else "msoa_2011"
        if (msoa, msoa_level) in names.index:
            out.insert(1 if out else 0, {"code": msoa, "level": msoa_level, "name": names.loc[(msoa, msoa_level),
                                         "area_name"], "best_fit": False})
    return out


def _decile_note(level: str, deciles: pd.DataFrame) -> str:
    if deciles.empty:
        return ""
    period = deciles["period"].dropna()
    iod = f"Index of Multiple Deprivation {period.iloc[0]}" if len(period) else "Index of Multiple Deprivation"
    missing = int(deciles["decile"].isna().sum())
    notes = {"ward_2022": "2011 LSOAs by their best-fit pre-2023 ward (ONS lookup).",
             "msoa_2011": "the 2011 LSOAs that make up this MSOA.",
             "msoa_2021": "the 2021 LSOAs that make up this MSOA; deciles are published for 2011 LSOAs, so each "
                          "2021 LSOA takes the decile of the 2011 LSOA with the same code.",
             "ward_2023": "2021 LSOAs assigned to 2023 wards by best fit (largest overlap of boundaries, derived "
                          "here: no official lookup exists). Deciles are published for 2011 LSOAs, so each 2021 "
                          "LSOA takes the decile of the 2011 LSOA with the same code.",
             "la": "every 2011 LSOA in the local authority."}
    text = f"National deciles of the {iod} (1 = the 10% most deprived LSOAs in England), counting {notes[level]}"
    if missing:
        text += f" {missing} LSOA{'s have' if missing > 1 else ' has'} no 2011 code (split or merged in 2021) and no decile."
    return text


def build_profile(request: ProfileRequest) -> AreaProfile:
    """The whole profile for a checked request (QueryError only if the store changed under it)."""
    code, level = request.code, request.level
    areas = catalog_cache.areas()
    me = areas[(areas["area_code"] == code) & (areas["level"] == level)].iloc[0]
    bench_code, bench_level, bench_name, bench_prefix = BENCHMARKS[request.benchmark]
    latest = queries.area_latest(code, level)
    catalogue = catalog_cache.indicators()
    series = profile.area_all_series(code, level)
    groups: dict[tuple[str, str], list[dict]] = {}
    for point in series.to_dict("records"):  # plain dicts: pandas row access costs ~1 ms a row here
        groups.setdefault((point["indicator_id"], point["breakdown"]), []).append(point)
    stats = {(r["indicator_id"], r["breakdown"], r["period"]): r
             for r in profile.area_level_stats(code, level).to_dict("records")}
    ranks = {(r["indicator_id"], r["breakdown"], r["period"]): r
             for r in profile.area_ranks(code, level).to_dict("records")}
    rows = []
    records = _one_latest(latest.to_dict("records"), groups)
    records += _not_in_latest(records, groups, catalogue)
    for r in records:
        key = (r["indicator_id"], r["breakdown"])
        meta = catalogue.loc[r["indicator_id"]]
        value, lower, upper = _num(r["value"]), _num(r["lower_ci"]), _num(r["upper_ci"])
        comps = {p: _num(r.get(f"{p}_value")) for p in ("trafford", "gm", "england")}
        judgements, explanations = {}, {}
        for b_code, b_level, b_name, b_prefix in BENCHMARKS.values():
            if (b_code, b_level) == (code, level):
                judgements[b_name], explanations[b_name] = "not_compared", f"This is {b_name} itself."
                continue
            if r.get("_stale"):
                judgements[b_name] = "not_compared"
                explanations[b_name] = (f"Not compared with {b_name}: " + (
                    "this area's latest value is suppressed (too few events to publish)." if r["suppressed"]
                    else "this area has no value for the latest period of its level, so its last value, for "
                         f"{r['period']}, is shown."))
                continue
            if r["value_type"] == "count":
                judgements[b_name] = "not_compared"
                explanations[b_name] = (f"Not compared with {b_name}: a count depends on the size of the area, so "
                                        "it is not compared with larger areas.")
                continue
            judgements[b_name], explanations[b_name] = judge(
                value, lower, upper, comps[b_prefix], polarity=r["polarity"], ci_method=r["ci_method"],
                benchmark_name=b_name, unit=_unit(r["unit"]), **_published(r, b_code))
        trend = _trend(groups.get(key), r["value_type"], r["polarity"])
        st = stats.get((*key, r["period"]))
        rank = ranks.get((*key, r["period"]))
        pts = groups.get(key)
        rows.append({
            "indicator_id": r["indicator_id"], "breakdown": r["breakdown"], "name": r["name"],
            "label": _label(r["name"], r["breakdown"]), "theme": r["theme"], "theme_name": r["theme_name"],
            "unit": r["unit"], "value_type": r["value_type"], "polarity": r["polarity"], "ci_method": r["ci_method"],
            "period": r["period"], "value": value, "lower": lower, "upper": upper,
            "suppressed": bool(_clean(r.get("suppressed"))), "trafford": comps["trafford"], "gm": comps["gm"],
            "england": comps["england"], "benchmark_value": comps[bench_prefix],
            "judgement": judgements[bench_name], "explanation": explanations[bench_name],
            "judgements": judgements, "explanations": explanations,
            "rank": int(rank["rank"]) if rank else None, "rank_n": int(rank["n"]) if rank else None,
            "trend": trend.judgement, "trend_marker": trend.marker, "trend_tested": trend.marker != CANNOT,
            "trend_label": trend_label(trend), "trend_explanation": explain_trend(trend, r["polarity"]),
            "stats": st, "quarter": None if r["value_type"] == "count" else _quarter(value, st, r["polarity"]),
            "series": [(p["period"], p["period_start"], _num(p["value"])) for p in pts or []],
            "publisher": _clean(r["publisher"]) or "", "licence": _clean(r["licence"]) or "",
            "source_url": _clean(meta.get("source_url")), "definition": _clean(meta.get("definition")), "explore": (f"/explore?indicator={r['indicator_id']}&level={level}"
                                                              f"&areas={code}&benchmark={request.benchmark}"
                                                              + ("" if r["breakdown"] == "Persons"
                                                                 else f"&breakdown={r['breakdown']}"))
            if level in EXPLORE_LEVELS else None,
        })
    theme_order = {k: i for i, k in enumerate(THEMES)}
    rows.sort(key=lambda x: (theme_order.get(x["theme"], 99), x["name"], x["breakdown"] != "Persons", x["breakdown"]))
    pop = next((x for x in rows if x["indicator_id"] == "population_total" and x["breakdown"] == "Persons"), None)
    needs_bench = [b for b in NEEDS_BENCHMARKS
                   if BENCHMARKS["england" if b == "England" else "la"][:2] != (code, level)]
    deciles = profile.area_lsoa_deciles(code, level)
    kids = queries.children(code)
    if len(kids):
        best = preferred_level(list(kids["level"].unique()))
        kids = kids[kids["level"] == best].reset_index(drop=True)
    options = [(k, v[2]) for k, v in BENCHMARKS.items() if v[:2] != (code, level)]
    return AreaProfile(
        code=code, level=level, name=str(me["area_name"]), level_label=LEVEL_SINGULAR.get(level, LEVELS.get(level, level)),
        parents=_parents(code, level, areas),
        population={"value": pop["value"], "period": pop["period"]} if pop and pop["value"] is not None else None,
        benchmark=request.benchmark, benchmark_name=bench_name, benchmark_options=options, rows=rows,
        needs_benchmarks=needs_bench, quarters=any(r["stats"] and (r["stats"].get("n") or 0) >= 4 for r in rows),
        deciles=deciles, decile_note=_decile_note(level, deciles), links=profile.area_vintage_links(code, level),
        children=kids, other_levels=[lv for lv in profile.area_levels(code) if lv != level],
        version=profile.store_version(), notices=list(request.notices), made=date.today(),
        marks=intervention_marks(code, level))


def intervention_marks(code: str, level: str) -> dict[str, list[dict]]:
    """Marks of the interventions covering this area, by the indicator each expects to move."""
    from queries.interventions import covering

    out: dict[str, list[dict]] = {}
    try:
        for item in covering(code, level):
            for indicator in item.indicators:
                out.setdefault(indicator, []).append(item.mark())
    except Exception:  # a damaged register must never cost the profile
        logging.getLogger(__name__).exception("intervention register unreadable")
    return out


def load_profile(code, level=None, benchmark=None) -> AreaProfile:
    """parse_request then build_profile; QueryError for an unknown area."""
    return build_profile(parse_request(code, level, benchmark))


__all__ = ["BENCHMARKS", "AreaProfile", "ProfileRequest", "QueryError", "build_profile", "load_profile",
           "parse_request", "preferred_level"]
