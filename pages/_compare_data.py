"""Compare's numbers for one state: judged values for the grid, pairs for the scatter, groups, differences, likeness."""

from __future__ import annotations

import numpy as np
import pandas as pd

import queries
from analysis.by_deprivation import by_group, counts_usable, gradient
from analysis.difference import difference_vec
from analysis.fit import linear_fit
from analysis.judgement import judge_frame
from analysis.quantiles import quantiles
from analysis.similarity import similar_areas
from data.schema import BENCHMARKS, GREATER_MANCHESTER
from pages._compare_state import LSOA_LEVELS, CompareState, level_indicators, theme_indicators
from queries import catalog_cache
from queries import compare as cq


def meta() -> pd.DataFrame:
    """The catalogue indexed by indicator id."""
    return catalog_cache.indicators()


def level_areas(level: str) -> pd.DataFrame:
    """The areas of a level as columns of the grid (local authorities: those of Greater Manchester)."""
    areas = queries.areas_of_level(level)
    if level == "la":
        areas = areas[areas["parent_code"] == GREATER_MANCHESTER]
    return areas[["area_code", "area_name"]].reset_index(drop=True)


def _parent(level: str) -> str | None:
    return GREATER_MANCHESTER if level == "la" else None


def judged_values(ids: list[str], level: str, period: str | None, benchmark: str,
                  fallback_latest: bool = False) -> pd.DataFrame:
    """Each indicator across the level with the benchmark's value in the same period and the judgement.

    With `fallback_latest` an indicator lacking `period` is shown in its latest period instead of left out.
    Columns: those of queries.compare.theme_values plus bench_value, bench_lower, bench_upper, judgement.
    """
    rows = cq.theme_values(ids, level, period, parent=_parent(level))
    have = set(rows["indicator_id"])
    missing = [i for i in ids if i not in have]
    if fallback_latest and period is not None and missing:
        rows = pd.concat([rows, cq.theme_values(missing, level, None, parent=_parent(level))], ignore_index=True)
    code, blevel = BENCHMARKS[benchmark][:2]
    bench = cq.benchmark_values(ids, code, blevel).rename(
        columns={"value": "bench_value", "lower_ci": "bench_lower", "upper_ci": "bench_upper"})
    rows = rows.merge(bench, on=["indicator_id", "period"], how="left")
    rows["judgement"] = "not_compared"
    cat = meta()
    for ind, part in rows.groupby("indicator_id", sort=False):
        # the engine every page shares: our interval test, else the publisher's word against this same benchmark
        rows.loc[part.index, "judgement"] = judge_frame(part, cat.at[ind, "polarity"], "bench_value", code,
                                                        cat.at[ind, "value_type"])["judgement"]
    return rows


def with_quintiles(rows: pd.DataFrame) -> pd.DataFrame:
    """Each value's fifth within its indicator and period across the level: 1 lowest .. 5 highest (NaN when
    fewer than five areas have values), for the cells no judgement covers."""
    rows = rows.copy()
    rows["quintile"] = np.nan
    for _key, part in rows.groupby(["indicator_id", "period"], sort=False):
        rows.loc[part.index, "quintile"] = quantiles(part["value"].to_numpy(dtype=float), 5, invert=False)
    return rows


def grid_rows(state: CompareState, cov: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The grid's judged values (with each value's quintile within the level), the indicators shown (in order)
    and those without the chosen period."""
    ids = theme_indicators(cov, state.theme, state.level)
    rows = with_quintiles(judged_values(ids, state.level, None if state.period == "latest" else state.period,
                                        state.benchmark))
    have = set(rows["indicator_id"])
    shown = [i for i in ids if i in have]
    return rows, shown, [i for i in ids if i not in shown]


def area_order(rows: pd.DataFrame, areas: pd.DataFrame, sort: str, order: str) -> list[str]:
    """The area codes in column order: by name, or by one indicator's value (missing values last)."""
    if sort == "name":
        return areas.sort_values("area_name", key=lambda s: s.str.lower())["area_code"].tolist()
    values = rows[rows["indicator_id"] == sort].set_index("area_code")["value"]
    ordered = areas.assign(v=areas["area_code"].map(values)).sort_values(
        ["v", "area_name"], ascending=[order == "asc", True], na_position="last")
    return ordered["area_code"].tolist()


def scatter_rows(state: CompareState) -> tuple[pd.DataFrame, object]:
    """One row per area with x and y values (and names), and the fit of y on x."""
    period = None if state.period == "latest" else state.period
    rows = judged_values(list(dict.fromkeys([state.x, state.y])), state.level, period, state.benchmark,
                         fallback_latest=True)
    areas = level_areas(state.level)
    wide = areas.copy()
    for axis, ind in (("x", state.x), ("y", state.y)):
        part = rows[rows["indicator_id"] == ind].set_index("area_code")
        wide[axis] = wide["area_code"].map(part["value"])
        wide[f"{axis}_period"] = wide["area_code"].map(part["period"])
        wide[f"{axis}_bench"] = part["bench_value"].dropna().iloc[0] if part["bench_value"].notna().any() else np.nan
    return wide, linear_fit(wide["x"], wide["y"])


def inequality_level(state: CompareState, cov: pd.DataFrame) -> str | None:
    """The LSOA level to split the inequality indicator by: the chosen level if it is one, else where it has data."""
    have = [lv for lv in LSOA_LEVELS if state.ineq in level_indicators(cov, lv)]
    if not have:
        return None
    return state.level if state.level in have else have[0]


def inequality_groups(state: CompareState, cov: pd.DataFrame) -> tuple[pd.DataFrame, object, dict]:
    """The indicator by deprivation group, its SII/RII (or None) and facts to state beside them."""
    level = inequality_level(state, cov)
    if level is None:
        raise queries.QueryError(f"{state.ineq} has no LSOA data to split by deprivation.")
    m = meta().loc[state.ineq]
    period = None if state.period == "latest" else state.period
    rows = cq.theme_values([state.ineq], level, period)
    if rows.empty:
        rows = cq.theme_values([state.ineq], level, None)
    deciles = cq.lsoa_deciles(level)
    rows = rows.merge(deciles[["area_code", "decile"]], on="area_code", how="left")
    multiplier = float(m["multiplier"]) if pd.notna(m["multiplier"]) else 1.0
    groups = by_group(rows, m["value_type"], multiplier, state.groups)
    ineq = gradient(groups, m["value_type"], multiplier)
    facts = {"level": level, "period": rows["period"].iloc[0] if len(rows) else "", "n_lsoas": int(rows["value"].notna().sum()),
             "no_decile": int(rows["decile"].isna().sum()), "summed": counts_usable(rows.dropna(subset=["decile"]),
                                                                                   m["value_type"]),
             "imd_period": deciles["period"].dropna().iloc[0] if deciles["period"].notna().any() else ""}
    return groups, ineq, facts


def side_rows(state: CompareState, cov: pd.DataFrame) -> pd.DataFrame:
    """The theme's indicators for the chosen areas side by side, each area after the first with its difference.

    Columns: indicator_id, period, bench_value, then per area <code>_value/_lower/_upper/_judgement, and for each
    area after the first <code>_diff, <code>_diff_lower, <code>_diff_upper, <code>_sig (True/False/None).
    """
    ids = theme_indicators(cov, state.theme, state.level)
    period = None if state.period == "latest" else state.period
    rows = judged_values(ids, state.level, period, state.benchmark, fallback_latest=True)
    out = rows.drop_duplicates("indicator_id").set_index("indicator_id")[["period", "bench_value"]]
    out = out.reindex([i for i in ids if i in out.index])
    for code in state.areas:
        part = rows[rows["area_code"] == code].set_index("indicator_id").reindex(out.index)
        for col in ("value", "lower_ci", "upper_ci", "judgement"):
            out[f"{code}_{col}"] = part[col]
    first = state.areas[0] if state.areas else None
    for code in state.areas[1:]:
        d = difference_vec(out[f"{code}_value"], out[f"{code}_lower_ci"], out[f"{code}_upper_ci"],
                           out[f"{first}_value"], out[f"{first}_lower_ci"], out[f"{first}_upper_ci"])
        out[f"{code}_diff"], out[f"{code}_diff_lower"] = d["difference"].to_numpy(), d["lower"].to_numpy()
        out[f"{code}_diff_upper"], out[f"{code}_sig"] = d["upper"].to_numpy(), d["significant"].to_numpy()
    return out.reset_index()


def similarity_on(state: CompareState, cov: pd.DataFrame) -> list[str]:
    """The indicators likeness is measured on: the chosen ones, else the theme's at this level."""
    return state.on or theme_indicators(cov, state.theme, state.level)


def similar_rows(state: CompareState, cov: pd.DataFrame, target: str, n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The areas most like `target` (area_code, area_name, distance, alike_on, shared) and the value matrix."""
    ids = similarity_on(state, cov)
    period = None if state.period == "latest" else state.period
    rows = cq.theme_values(ids, state.level, period, parent=_parent(state.level))
    have = set(rows["indicator_id"])
    missing = [i for i in ids if i not in have]
    if period is not None and missing:
        rows = pd.concat([rows, cq.theme_values(missing, state.level, None, parent=_parent(state.level))])
    matrix = rows.pivot_table(index="area_code", columns="indicator_id", values="value", aggfunc="first")
    matrix = matrix.reindex(level_areas(state.level)["area_code"])
    if target not in matrix.index:
        raise queries.QueryError(f"{target} is not an area of this level.")
    near = similar_areas(matrix, target, n=n)
    names = level_areas(state.level).set_index("area_code")["area_name"]
    near.insert(1, "area_name", near["area_code"].map(names))
    return near, matrix
