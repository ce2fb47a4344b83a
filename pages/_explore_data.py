"""Explore's numbers for one state: the level's rows with judgements and ranks, the benchmark, and the series."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

import queries
from analysis.compare import compare_vec, with_published
from analysis.stats import recent_trend
from analysis.trend import Trend
from pages._explore_state import BENCHMARKS, ExploreState
from queries.interventions import trend_marks

log = logging.getLogger(__name__)

GREATER_MANCHESTER = "E47000001"
TREND_TYPES = {"percentage": "proportion", "rate": "crude_rate"}


def benchmark_value(state: ExploreState) -> tuple[float | None, str]:
    """The benchmark area's value in the state's period (None if it has none) and its name."""
    code, level, name = BENCHMARKS[state.benchmark]
    s = queries.series(state.indicator, [(code, level)], state.breakdown)
    hit = s[s["period"] == state.period]["value"].dropna()
    return (float(hit.iloc[0]) if len(hit) else None), name


def level_rows(state: ExploreState, meta: dict) -> tuple[pd.DataFrame, float | None, str]:
    """The level's areas with value, limits, judgement against the benchmark and rank (1 = best)."""
    parent = GREATER_MANCHESTER if state.level == "la" else None
    rows = queries.level_values(state.indicator, state.level, state.period, state.breakdown, parent=parent)
    bench, name = benchmark_value(state)
    rows["judgement"] = compare_vec(rows["value"], rows["lower_ci"], rows["upper_ci"],
                                    np.nan if bench is None else bench, meta["polarity"])
    if "published_judgement" in rows:  # the publisher's own word where it compared with this benchmark
        mine = rows["published_comparator"].eq(BENCHMARKS[state.benchmark][0]).fillna(False).astype(bool)
        rows["judgement"] = with_published(rows["judgement"], rows["published_judgement"].where(mine),
                                           meta["polarity"], rows["value"], bench)
    ascending = meta["polarity"] == "low_is_good"
    rows["rank"] = rows["value"].rank(ascending=ascending, method="min")
    return rows, bench, name


def trend_series(state: ExploreState, selected: list[str]) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The selected areas' series with Trafford, the benchmark and England, and the order to draw them."""
    pairs = [(c, state.level) for c in selected]
    for code, level, _ in (BENCHMARKS["la"], BENCHMARKS[state.benchmark], BENCHMARKS["england"]):
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
        out[code] = recent_trend(points, value_type, meta["polarity"])
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
