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
from analysis.judgement import (
    BENCHMARK_AREAS,
    Benchmark,
    default_benchmark,
    judge_row,
    judge_value,
    value_rank_text,
)
from analysis.stats import explain_trend, recent_trend
from analysis.trend import CANNOT, labelled
from components import urls
from components.params import Params
from components.trend_marker import trend_label
from data.schema import BENCHMARKS as SCHEMA_BENCHMARKS
from data.schema import (
    ENGLAND,
    LEVEL_PLURAL,
    LEVEL_PREFERENCE,
    LEVEL_SINGULAR,
    LEVELS,
    MAP_LEVELS,
    THEMES,
)
from queries import catalog_cache, profile
from queries.errors import QueryError
from report.needs import NeedLine, SummaryLine, how_we_judged, needs_summary, quotable_summary

# The profile offers England first; the benchmarks themselves are data.schema's.
BENCHMARKS = {k: SCHEMA_BENCHMARKS[k] for k in ("england", "la", "combined_authority")}
ALIASES = {"trafford": "la", "gm": "combined_authority", "greater_manchester": "combined_authority",
           "greater-manchester": "combined_authority", **{v[0].lower(): k for k, v in BENCHMARKS.items()}}
TREND_TYPES = {"percentage": "proportion", "rate": "crude_rate"}
NEEDS_BENCHMARKS = ("England", "Trafford")
SIBLINGS_IN_TRAFFORD = ("ward_2023", "ward_2022")  # ranks of wards are among Trafford's wards


@dataclass
class ProfileRequest:
    """A checked request: the area code and level, the benchmark key, and notices for what was replaced."""

    code: str
    level: str
    benchmark: str = ""  # '' for the level's default (Trafford for wards and small areas, else England)
    notices: list[str] = field(default_factory=list)

    def params(self, **change) -> dict:
        """The URL parameters of this request, with changes: the level and benchmark when not the defaults."""
        bench = change.get("benchmark", self.benchmark)
        level = change.get("level", self.level)
        return {"level": level if level != preferred_level(profile.area_levels(self.code)) else None,
                "benchmark": bench if bench and bench != default_benchmark(level) else None}


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

    def summary(self) -> list[SummaryLine]:
        """The quotable summary: need first (5 to 8 sentences with their numbers), then strengths, then worsening."""
        siblings = "Trafford's" if self.level in SIBLINGS_IN_TRAFFORD else \
            "Greater Manchester's" if self.level == "la" else ""
        return quotable_summary(self.rows, siblings, self.name)

    def how_judged(self) -> list[str]:
        """The 'how we judged this' note that keeps methods out of the summary's sentences."""
        return how_we_judged(self.benchmark_name, LEVEL_PLURAL.get(self.level, "areas"))

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
        return urls.area_url(self.code, **ProfileRequest(self.code, self.level, self.benchmark).params())

    def decile_counts(self) -> dict[int, int]:
        """How many of the area's LSOAs fall in each national IMD decile (1 = most deprived)."""
        d = self.deciles["decile"].dropna().astype(int) if len(self.deciles) else pd.Series(dtype=int)
        return {k: int((d == k).sum()) for k in range(1, 11)}


def preferred_level(levels: list[str]) -> str:
    """The level a code opens at: the newest small areas first."""
    return sorted(levels, key=lambda lv: LEVEL_PREFERENCE.index(lv) if lv in LEVEL_PREFERENCE else 99)[0]


def parse_request(code, level=None, benchmark=None) -> ProfileRequest:
    """A checked request, or QueryError when the code is not an area the store knows (nothing else raises)."""
    p = Params({"code": code, "level": level, "benchmark": benchmark}, limit=60)
    code = catalog_cache.check_code(p.text("code"))
    levels = profile.area_levels(code)
    shown = preferred_level(levels)
    lv = p.one("level", levels, shown, "{code} is not an area of level “{value:.30}”: showing it as {as_}.",
               code=code, as_=LEVEL_SINGULAR.get(shown, ""))
    notices = p.notices
    asked = p.text("benchmark").lower()
    key = ALIASES.get(asked, asked) or default_benchmark(lv)
    others = [k for k, v in BENCHMARKS.items() if v[:2] != (code, lv)]
    if default_benchmark(lv) in others:  # the level's default is the first choice when one must be made
        others.remove(default_benchmark(lv))
        others.insert(0, default_benchmark(lv))
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
    labels = {p["period_start"]: p["period"] for p in points or []}
    return labelled(recent_trend(pts, TREND_TYPES.get(value_type, "other"), polarity), labels)


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
                    # the publisher's comparison belongs to the same period as the value, so it still holds
                    **{k: _clean(last.get(k)) for k in ("published_judgement", "published_comparator",
                                                        "published_by", "derivation")},
                    "_stale": True})
    return out


def _row_fields(r: dict, value, lower, upper) -> dict:
    """A latest-table row as judge_row reads it (published fields are null until the store carries them)."""
    return {**r, "value": value, "lower_ci": lower, "upper_ci": upper,
            **{k: _clean(r.get(k)) for k in ("published_judgement", "published_comparator", "published_by")}}


def _strict(r: dict, key: str):
    """The judgement against one benchmark only (no fallback); a published one only when it names that area."""
    code, _lv, name, prefix = BENCHMARK_AREAS[key]
    against = _clean(r.get("published_comparator")) or ENGLAND
    published = _clean(r.get("published_judgement")) if against == code else None
    return judge_value(_num(r["value"]), _num(r["lower_ci"]), _num(r["upper_ci"]),
                       [Benchmark(key, code, name, _num(r.get(f"{prefix}_value")))], polarity=r["polarity"],
                       value_type=r["value_type"] or "other", unit=r["unit"] if isinstance(r["unit"], str) else "",
                       published=published, published_comparator=against, published_by=_clean(r.get("published_by")))


def _rank_plural(level: str) -> str:
    """How ranks name the siblings: 'wards', 'LSOAs', 'local authorities'."""
    return {"ward_2023": "wards", "ward_2022": "wards", "lsoa_2011": "LSOAs", "lsoa_2021": "LSOAs",
            "msoa_2011": "MSOAs", "msoa_2021": "MSOAs"}.get(level, LEVEL_PLURAL.get(level, "areas"))


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
             "ward_2023": "2021 LSOAs assigned to the 2023 ward holding most of their postcodes (ONS Postcode "
                          "Directory; no official lookup exists; postcodes stand in for addresses, not residents). "
                          "Deciles are published for 2011 LSOAs, so each 2021 LSOA takes the decile of the 2011 "
                          "LSOA with the same code.",
             "la": "every 2011 LSOA in the local authority.",
             "custom": "the 2021 LSOAs chosen; deciles are published for 2011 LSOAs, so each 2021 LSOA takes the "
                       "decile of the 2011 LSOA with the same code."}
    text = f"National deciles of the {iod} (1 = the 10% most deprived LSOAs in England), counting {notes[level]}"
    if missing:
        text += f" {missing} LSOA{'s have' if missing > 1 else ' has'} no 2011 code (split or merged in 2021) and no decile."
    return text


def build_profile(request: ProfileRequest, source=None) -> AreaProfile:
    """The whole profile for a checked request (QueryError only if the store changed under it); `source` reads
    the area (default: the store's area of request.code and level)."""
    code, level = request.code, request.level
    src = source or StoreArea(code, level)
    bench_code, bench_level, bench_name, bench_prefix = BENCHMARKS[request.benchmark]
    latest = src.latest()
    catalogue = catalog_cache.indicators()
    series = src.series()
    groups: dict[tuple[str, str], list[dict]] = {}
    for point in series.to_dict("records"):  # plain dicts: pandas row access costs ~1 ms a row here
        groups.setdefault((point["indicator_id"], point["breakdown"]), []).append(point)
    stats = {(r["indicator_id"], r["breakdown"], r["period"]): r
             for r in src.level_stats().to_dict("records")}
    ranks = {(r["indicator_id"], r["breakdown"], r["period"]): r
             for r in src.ranks().to_dict("records")}
    rows = []
    records = _one_latest(latest.to_dict("records"), groups)
    records += _not_in_latest(records, groups, catalogue)
    for r in records:
        key = (r["indicator_id"], r["breakdown"])
        meta = catalogue.loc[r["indicator_id"]]
        value, lower, upper = _num(r["value"]), _num(r["lower_ci"]), _num(r["upper_ci"])
        comps = {p: _num(r.get(f"{p}_value")) for p in ("trafford", "gm", "england")}
        judgements, explanations = {}, {}
        for b_key, (b_code, b_level, b_name, _b_prefix) in BENCHMARKS.items():
            if (b_code, b_level) == (code, level):
                judgements[b_name], explanations[b_name] = "not_compared", f"This is {b_name} itself."
                continue
            if r.get("_stale") and (r["suppressed"] or not _clean(r.get("published_judgement"))):
                judgements[b_name] = "not_compared"
                explanations[b_name] = (f"Not compared with {b_name}: " + (
                    "this area's latest value is suppressed (too few events to publish)." if r["suppressed"]
                    else "this area's latest value is older than its level's latest period, so its last value, "
                         f"for {r['period']}, is shown."))
                continue
            strict = _strict(r, b_key)  # each benchmark by itself, for the per-benchmark counts
            judgements[b_name], explanations[b_name] = strict.judgement, strict.explanation
        j = judge_row(_row_fields(r, value, lower, upper), level, request.benchmark, own_code=code)
        if r.get("_stale") and bench_name in explanations and judgements[bench_name] == "not_compared":
            j = judge_value(None, None, None, [], polarity=r["polarity"], chosen=request.benchmark)
        comparator = j.comparator
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
            "judgement": j.judgement, "explanation": j.explanation if j.tested or not r.get("_stale") else
            explanations.get(bench_name, j.explanation), "judgements": judgements, "explanations": explanations,
            "comparator_used": j.comparator_name, "comparator_code": comparator.code if comparator else None,
            "comparator_key": comparator.key if comparator else None, "comparator_value": j.comparator_value,
            "fallback": j.fallback, "judged_by": j.judged_by, "judged_source": j.source, "tested": j.tested,
            "gap": j.gap, "ratio": j.ratio, "gap_text": j.gap_text, "derivation": _clean(r.get("derivation")),
            "published_judgement": _clean(r.get("published_judgement")),
            "rank": int(rank["rank"]) if rank else None, "rank_n": int(rank["n"]) if rank else None,
            "rank_text": value_rank_text(rank["rank"], rank["n"], r["polarity"], _rank_plural(level))
            if rank and r["value_type"] != "count" else "",
            "trend": trend.judgement, "trend_marker": trend.marker, "trend_tested": trend.marker != CANNOT,
            "trend_label": trend_label(trend), "trend_explanation": explain_trend(trend, r["polarity"]),
            "stats": st, "quarter": None if r["value_type"] == "count" else _quarter(value, st, r["polarity"]),
            "series": [(p["period"], p["period_start"], _num(p["value"])) for p in pts or []],
            # estimated values (derived 2023-ward series): their method, and which points of the series they are
            "estimated_periods": [p["period"] for p in pts or [] if _clean(p.get("derivation"))],
            "publisher": _clean(r["publisher"]) or "", "licence": _clean(r["licence"]) or "",
            "source_url": _clean(meta.get("source_url")), "definition": _clean(meta.get("definition")),
            "plain": _clean(meta.get("plain")), "explore": urls.explore_url(
                indicator=r["indicator_id"], level=level, areas=code, benchmark=request.benchmark,
                breakdown=None if r["breakdown"] == "Persons" else r["breakdown"])
            if level in MAP_LEVELS else None,
        })
    theme_order = {k: i for i, k in enumerate(THEMES)}
    rows.sort(key=lambda x: (theme_order.get(x["theme"], 99), x["name"], x["breakdown"] != "Persons", x["breakdown"]))
    pop = next((x for x in rows if x["indicator_id"] == "population_total" and x["breakdown"] == "Persons"), None)
    needs_bench = [b for b in NEEDS_BENCHMARKS
                   if BENCHMARKS["england" if b == "England" else "la"][:2] != (code, level)]
    deciles = src.deciles()
    kids = src.children()
    if len(kids):
        best = preferred_level(list(kids["level"].unique()))
        kids = kids[kids["level"] == best].reset_index(drop=True)
    options = [(k, v[2]) for k, v in BENCHMARKS.items() if v[:2] != (code, level)]
    return AreaProfile(
        code=code, level=level, name=src.name(), level_label=LEVEL_SINGULAR.get(level, LEVELS.get(level, level)),
        parents=src.parents(),
        population={"value": pop["value"], "period": pop["period"]} if pop and pop["value"] is not None else None,
        benchmark=request.benchmark, benchmark_name=bench_name, benchmark_options=options, rows=rows,
        needs_benchmarks=needs_bench, quarters=any(r["stats"] and (r["stats"].get("n") or 0) >= 4 for r in rows),
        deciles=deciles, decile_note=_decile_note(level, deciles), links=src.links(),
        children=kids, other_levels=src.other_levels(),
        version=profile.store_version(), notices=list(request.notices), made=date.today(),
        marks=src.marks())


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


class StoreArea:
    """Where build_profile reads an area of the store (report.custom_area.CustomArea reads a group of LSOAs)."""

    def __init__(self, code: str, level: str):
        self.code, self.level = code, level

    def name(self) -> str:
        a = catalog_cache.areas()
        return str(a[(a["area_code"] == self.code) & (a["level"] == self.level)]["area_name"].iloc[0])

    def latest(self) -> pd.DataFrame:
        return queries.area_latest(self.code, self.level)

    def series(self) -> pd.DataFrame:
        return profile.area_all_series(self.code, self.level)

    def level_stats(self) -> pd.DataFrame:
        return profile.area_level_stats(self.code, self.level)

    def ranks(self) -> pd.DataFrame:
        return profile.area_ranks(self.code, self.level)

    def deciles(self) -> pd.DataFrame:
        return profile.area_lsoa_deciles(self.code, self.level)

    def links(self) -> pd.DataFrame:
        return profile.area_vintage_links(self.code, self.level)

    def children(self) -> pd.DataFrame:
        return queries.children(self.code)

    def parents(self) -> list[dict]:
        return _parents(self.code, self.level, catalog_cache.areas())

    def other_levels(self) -> list[str]:
        return [lv for lv in profile.area_levels(self.code) if lv != self.level]

    def marks(self) -> dict:
        return intervention_marks(self.code, self.level)


def area_name(code: str, level: str) -> str:
    """The name of a store area (a checked code and level)."""
    return StoreArea(code, level).name()


def load_profile(code, level=None, benchmark=None) -> AreaProfile:
    """parse_request then build_profile; QueryError for an unknown area."""
    return build_profile(parse_request(code, level, benchmark))


__all__ = ["BENCHMARKS", "AreaProfile", "ProfileRequest", "QueryError", "area_name", "build_profile", "load_profile",
           "parse_request", "preferred_level"]
