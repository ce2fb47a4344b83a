"""Random valid arguments for each timed query function, picked from a store's own catalogue tables.

Works on any store (synthetic or real): the map level is the level with the most areas that has statistics,
the rank level is ward_2023 when it has statistics (else the map level). The same arguments are given to the
DuckDB query worker and the pandas baseline, so their timings compare like with like.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.schema import DEFAULT_BREAKDOWN, LEVELS, SMALL_AREA_LEVELS

# The query functions timed, in the order they are reported, with what each stands for.
FUNCTIONS = {
    "level_values": "map: one indicator and period, every area of the map level",
    "area_series": "series: one area with its parents up to England",
    "area_latest": "one area's latest value of every indicator",
    "area_rank": "rank of one area among its siblings",
    "level_stats": "precomputed spread of one indicator, level, period",
    "indicators": "the catalogue (all, or one theme)",
    "search_indicators": "catalogue free-text search",
    "areas_of_level": "every area of one level",
    "children": "the areas within one area",
}
SEARCH_WORDS = ["smoking", "obesity", "unemployment", "crime", "broadband", "house prices", "life expectancy",
                "turnout", "deprivation", "school", "pollution", "smokng", "emplyment", "children", "homes"]


def _areas(store: Path) -> pd.DataFrame:
    return pd.read_parquet(store / "areas.parquet", columns=["area_code", "level", "parent_code"])


def store_levels(store: Path) -> tuple[str, str]:
    """(map level, rank level) of a store: where the biggest maps are, and wards if there are any."""
    stats = pd.read_parquet(store / "stats.parquet", columns=["indicator_id", "level", "period", "breakdown"])
    if stats.empty:
        raise ValueError(f"the store at {store} has no values (its stats table is empty)")
    sizes = _areas(store).groupby("level").size()
    have = [lv for lv in LEVELS if lv in set(stats["level"])]
    small = [lv for lv in have if lv in SMALL_AREA_LEVELS] or have
    map_level = max(small, key=lambda lv: sizes.get(lv, 0))
    rank_level = "ward_2023" if "ward_2023" in have else map_level
    return map_level, rank_level


def pick(store: Path, reps: int, seed: int = 1) -> dict:
    """{"levels": {...}, "calls": {function: [args, ...] (reps of them)}}, every argument valid for the store."""
    rng = np.random.default_rng(seed)
    stats = pd.read_parquet(store / "stats.parquet", columns=["indicator_id", "level", "period", "breakdown"])
    areas = _areas(store)
    inds = pd.read_parquet(store / "indicators.parquet", columns=["indicator_id", "name", "theme"])
    map_level, rank_level = store_levels(store)

    def rows(level: str | None) -> pd.DataFrame:
        s = stats if level is None else stats[stats["level"] == level]
        persons = s[s["breakdown"] == DEFAULT_BREAKDOWN]
        s = persons if len(persons) else s
        return s.iloc[rng.integers(0, len(s), reps)].reset_index(drop=True)

    def codes(level: str, n: int = reps) -> list[str]:
        c = areas.loc[areas["level"] == level, "area_code"].to_numpy()
        return [str(x) for x in c[rng.integers(0, len(c), n)]]

    maps = rows(map_level)
    series = rows(map_level)
    ranks = rows(rank_level)
    spread = rows(None)
    themes = sorted(inds["theme"].unique())
    names = inds["name"].str.lower().tolist()
    words = [w for n in names for w in n.replace(",", " ").split() if len(w) >= 4]
    texts = []
    for k in range(reps):
        pool = (SEARCH_WORDS, words, names)[k % 3]
        texts.append(str(pool[rng.integers(0, len(pool))]))
    parents = areas.dropna(subset=["parent_code"])
    parents = parents[parents["level"].isin(["la", "ward_2023", "ward_2022", "region"])]
    parent_codes = parents["parent_code"].unique()
    levels = sorted(areas["level"].unique())
    calls = {
        "level_values": [[r.indicator_id, r.level, r.period, r.breakdown] for r in maps.itertuples()],
        "area_series": [[r.indicator_id, c, r.level, r.breakdown]
                        for r, c in zip(series.itertuples(), codes(map_level), strict=True)],
        "area_latest": [[c, map_level] for c in codes(map_level)],
        "area_rank": [[r.indicator_id, c, r.level, r.period, r.breakdown]
                      for r, c in zip(ranks.itertuples(), codes(rank_level), strict=True)],
        "level_stats": [[r.indicator_id, r.level, r.period, r.breakdown] for r in spread.itertuples()],
        "indicators": [[None if k % 2 == 0 else str(themes[rng.integers(0, len(themes))])] for k in range(reps)],
        "search_indicators": [[t] for t in texts],
        "areas_of_level": [[str(levels[rng.integers(0, len(levels))])] for _ in range(reps)],
        "children": [[str(parent_codes[rng.integers(0, len(parent_codes))])] for _ in range(reps)],
    }
    return {"levels": {"map": map_level, "rank": rank_level}, "calls": calls}
