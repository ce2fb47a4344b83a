"""Explore's numbers for one state: the level's rows with judgements and ranks, the benchmark, and the series."""

from __future__ import annotations

import logging

import pandas as pd

import queries
from analysis.judgement import judge_frame
from analysis.stats import recent_trend
from analysis.trend import Trend, labelled
from data.schema import BENCHMARKS, GREATER_MANCHESTER
from pages._explore_state import ExploreState
from queries.interventions import trend_marks

log = logging.getLogger(__name__)

TREND_TYPES = {"percentage": "proportion", "rate": "crude_rate"}


def benchmark_value(state: ExploreState) -> tuple[float | None, str]:
    """The benchmark area's value in the state's period (None if it has none) and its name."""
    code, level, name = BENCHMARKS[state.benchmark][:3]
    s = queries.series(state.indicator, [(code, level)], state.breakdown)
    hit = s[s["period"] == state.period]["value"].dropna()
    return (float(hit.iloc[0]) if len(hit) else None), name


def level_rows(state: ExploreState, meta: dict) -> tuple[pd.DataFrame, float | None, str]:
    """The level's areas with value, limits, judgement against the benchmark and rank (1 = best)."""
    parent = GREATER_MANCHESTER if state.level == "la" else None
    rows = queries.level_values(state.indicator, state.level, state.period, state.breakdown, parent=parent)
    bench, name = benchmark_value(state)
    # the engine every page shares: our interval test, else the publisher's word against this same benchmark
    rows["judgement"] = judge_frame(rows, meta["polarity"], bench, BENCHMARKS[state.benchmark][0],
                                    meta.get("value_type") or "other")["judgement"]
    ascending = meta["polarity"] == "low_is_good"
    rows["rank"] = rows["value"].rank(ascending=ascending, method="min")
    return rows, bench, name


def trend_series(state: ExploreState, selected: list[str]) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The selected areas' series with Trafford, the benchmark and England, and the order to draw them."""
    pairs = [(c, state.level) for c in selected]
    for code, level, *_ in (BENCHMARKS["la"], BENCHMARKS[state.benchmark], BENCHMARKS["england"]):
        if (code, level) not in pairs:
            pairs.append((code, level))
    known = queries.areas_of_level(state.level)["area_code"]
    pairs = [(c, lv) for c, lv in pairs if lv != state.level or c in set(known)]
    return queries.series(state.indicator, pairs, state.breakdown), pairs


def trends(series: pd.DataFrame, meta: dict) -> dict[str, Trend]:
    """The recent-trend result of each area's series."""
    value_type = TREND_TYPES.get(meta["value_type"], "other")
    out = {}
    for code, s in series.groupby("area_code"):
        points = [{"period": r.period_start, "value": r.value, "lower": r.lower_ci, "upper": r.upper_ci,
                   "count": r.numerator, "denominator": r.denominator} for r in s.itertuples()]
        labels = dict(zip(s["period_start"], s["period"], strict=True))
        out[code] = labelled(recent_trend(points, value_type, meta["polarity"]), labels)
    return out


def intervention_marks(series: pd.DataFrame, order: list[tuple[str, str]], indicator: str) -> list[dict]:
    """Marks for the interventions covering any area drawn on the trend (none, logged, if the register fails)."""
    drawn = set(zip(series["area_code"], series["level"], strict=True))
    names = dict(zip(series["area_code"], series["area_name"], strict=True))
    try:
        return trend_marks([p for p in order if p in drawn], indicator, names)
    except Exception:  # a damaged register must never cost the trend chart
        log.exception("intervention register unreadable")
        return []
