"""Shared reader for the council dashboards' tidy local-authority series (SOURCES.md groups I, J, K, G).

Each output series is described by a `Spec`: which file, which rows (e.g. one `indicator` or `measure`),
which column carries the breakdown, how to spell the period, and how to scale the value. `read_spec` turns
a spec into rows of the long format the build expects; `merge_vintages` joins releases of the same
indicator, keeping each (area, period, breakdown) from the newest release that has a value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.judgements import published_columns
from data.ingest.sources._la_periods import same
from data.ingest.sources._trafford_areas import comparator_level, ward_level
from data.periods import STORE, PeriodError, read_period

OUT_COLUMNS = ["indicator_id", "area_code", "area_name", "level", "period", "breakdown", "value",
               "numerator", "denominator", "source_path", "source_row",
               "published_judgement", "published_comparator", "published_by"]
SEXES = {"male": "Male", "males": "Male", "female": "Female", "females": "Female", "persons": "Persons"}
NO_BREAKDOWN = {"", "na", "persons", "all persons"}  # compared in lower case
SIGNIFICANT = 6  # digits kept: the K files carry 17 (float noise such as 58132.00000000001)
TOLERANCE = 0.051  # two releases "agree" when they differ by no more than rounding to one decimal


# ---- value scalings ---------------------------------------------------------------------------------------

def fraction_to_percent(v: pd.Series) -> pd.Series:
    """Fractions (0.0147) as percentages (1.47)."""
    return v * 100


def complement(v: pd.Series) -> pd.Series:
    """100 minus a percentage, e.g. % free from decay -> % with decay."""
    return 100 - v


def round_sig(v: pd.Series, digits: int = SIGNIFICANT) -> pd.Series:
    """Values rounded to `digits` significant figures, never rounding away whole units."""
    def one(x: float) -> float:
        if not np.isfinite(x) or x == 0:
            return x
        return round(x, max(0, digits - 1 - int(math.floor(math.log10(abs(x))))))
    return v.map(one).astype(float)


# ---- specs ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    """One output series: rows of `path` matching `where`, read as `indicator_id`."""

    indicator_id: str
    path: str
    where: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    breakdown: str | None = None  # column holding the breakdown (sex, deprivation quintile, band)
    breakdown_prefix: str = ""  # e.g. "Band " for council-tax bands
    period: Callable[[str], str] = same
    scale: Callable[[pd.Series], pd.Series] | None = None
    value: str = "value"
    fraction: bool = False  # values are fractions: checked to be <= 1 and shown as percentages


class Tables:
    """Raw files read once per load, codes normalised (swapped code/name put back, aliases applied)."""

    def __init__(self, ctx: IngestContext, unswap: tuple[str, ...] = (),
                 renames: dict[str, dict[str, str]] | None = None):
        self.ctx = ctx
        self.unswap = set(unswap)
        self.renames = renames or {}  # per file: its own headers -> area_code, area_name, period, value
        self._cache: dict[str, pd.DataFrame] = {}

    def get(self, rel: str) -> pd.DataFrame:
        """The raw table at `rel`, with `area_code` normalised when it has one."""
        if rel not in self._cache:
            df = self.ctx.read_csv(rel).rename(columns=self.renames.get(rel, {}))
            if rel in self.unswap:
                df = self.ctx.unswap_code_name(df, rel)
            if "area_code" in df:
                df["area_code"] = self.ctx.code(df["area_code"], rel).astype(object)
            self._cache[rel] = df
        return self._cache[rel]


def level_of(code: str) -> str | None:
    """The store level of an area code: Trafford wards by vintage, LAs, GM, regions, England; else None."""
    return ward_level(code) or comparator_level(code)


def report_rows(ctx: IngestContext, rel: str, rows: pd.Series, reason: str, reject: bool = True) -> None:
    """Report rows left out (or fixed) for one reason: one line each when few, else one summary line."""
    rows = [int(r) for r in rows]
    note = ctx.report.reject if reject else ctx.report.fix
    if len(rows) <= 3:
        for r in rows:
            note(rel, r, reason)
    elif rows:
        note(rel, None, f"{reason} ({len(rows)} rows: {rows[0]}, {rows[1]} … {rows[-1]})")


def select(ctx: IngestContext, df: pd.DataFrame, rel: str, where: dict) -> pd.DataFrame:
    """Rows whose columns equal the wanted values; a wanted value found nowhere is reported (header drift)."""
    keep = pd.Series(True, index=df.index)
    for col, wanted in where.items():
        wanted = (wanted,) if isinstance(wanted, str) else wanted
        if col not in df:
            ctx.report.reject(rel, None, f"column {col!r} missing: rows for {wanted} not read")
            return df.iloc[0:0]
        for w in wanted:
            if not (df[col] == w).any():
                ctx.report.reject(rel, None, f"no rows with {col} = {w!r}")
        keep &= df[col].isin(wanted)
    return df[keep]


def periods(ctx: IngestContext, df: pd.DataFrame, rel: str, spell: Callable[[str], str],
            column: str = "period") -> pd.Series:
    """Canonical period labels (NaN where the label cannot be read, each such row reported)."""
    out = {}
    for raw in df[column].unique():
        try:
            out[raw] = read_period(spell(raw), hint=STORE).label
        except (ValueError, PeriodError) as err:
            out[raw] = None
            report_rows(ctx, rel, df.loc[df[column] == raw, "_row"], str(err))
    return df[column].map(out)


def breakdowns(df: pd.DataFrame, column: str | None, prefix: str = "") -> pd.Series:
    """The breakdown of each row: 'Persons' when none, sexes spelt Male/Female, others as given."""
    if column is None:
        return pd.Series("Persons", index=df.index)
    def one(cell: str) -> str:
        text = str(cell).strip()
        if text.lower() in NO_BREAKDOWN:
            return "Persons"
        return SEXES.get(text.lower(), f"{prefix}{text}")
    return df[column].map(one)


def tidy(ctx: IngestContext, df: pd.DataFrame, rel: str, indicator_id: str, value: pd.Series,
         period: pd.Series, breakdown: pd.Series, code: str = "area_code", name: str = "area_name",
         published: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows in the output columns, with areas outside the store's levels and unreadable periods left out.

    `published`: the publisher's own comparison of each row (data.ingest.judgements), kept beside the value.
    """
    out = pd.DataFrame({
        "indicator_id": indicator_id,
        "area_code": df[code].astype(str),
        "area_name": df[name] if name in df else None,
        "level": df[code].map(level_of),
        "period": period,
        "breakdown": breakdown,
        "value": round_sig(value.astype(float)),
        "numerator": np.nan,
        "denominator": np.nan,
        "source_path": rel,
        "source_row": df["_row"].astype(int),
    }, index=df.index)
    if published is not None:
        out = out.join(published)
    outside = out["level"].isna()
    if outside.any():
        codes = sorted(out.loc[outside, "area_code"].unique())
        shown = ", ".join(codes[:4]) + (" …" if len(codes) > 4 else "")
        report_rows(ctx, rel, out.loc[outside, "source_row"],
                    f"{indicator_id}: area outside the store's geographies ({shown}) left out")
    return out[~outside & out["period"].notna()].reset_index(drop=True)


def read_spec(tables: Tables, spec: Spec) -> pd.DataFrame:
    """The rows of one spec in the output columns."""
    ctx, rel = tables.ctx, spec.path
    df = select(ctx, tables.get(rel), rel, spec.where)
    value = ctx.numbers_checked(df, spec.value, rel)
    if spec.fraction:
        over = value > 1
        if over.any():
            report_rows(ctx, rel, df.loc[over, "_row"], f"{spec.indicator_id}: value above 1 in a file of fractions")
            df, value = df[~over], value[~over]
        value = fraction_to_percent(value)
    if spec.scale is not None:
        value = spec.scale(value)
    period = periods(ctx, df, rel, spec.period)
    published = published_columns(df, rel, flipped=spec.scale is complement)
    return tidy(ctx, df, rel, spec.indicator_id, value, period, breakdowns(df, spec.breakdown, spec.breakdown_prefix),
                published=published)


def read_specs(tables: Tables, specs: list[Spec]) -> pd.DataFrame:
    """All specs' rows, releases of the same indicator merged (specs listed newest first)."""
    frames: dict[str, list[pd.DataFrame]] = {}
    for spec in specs:
        frames.setdefault(spec.indicator_id, []).append(read_spec(tables, spec))
    return concat([merge_vintages(tables.ctx, f) for f in frames.values()])


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames stacked in the output columns (an empty frame when there are none)."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=OUT_COLUMNS)
    return pd.concat([f.reindex(columns=OUT_COLUMNS) for f in frames], ignore_index=True)


KEY = ["indicator_id", "level", "area_code", "period", "breakdown"]


def drop_empty(ctx: IngestContext, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with a value, the others reported once per (file, indicator); source_row as a nullable integer.

    Empty rows are kept until releases are merged (an older release may fill them) and dropped here, so no
    module emits an empty row for a key another module fills.
    """
    empty = rows["value"].isna()
    for (rel, ind), n in rows[empty].groupby(["source_path", "indicator_id"]).size().items():
        ctx.report.reject(rel, None, f"{ind}: {n} rows have no value (NA, ':', empty or unreadable); left out")
    out = rows[~empty].reset_index(drop=True)
    out["source_row"] = out["source_row"].astype("Int64")
    return out


def merge_vintages(ctx: IngestContext, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of several releases, newest first: each key from the newest release that has a value.

    Rows dropped because a newer release covers them are reported once per (indicator, file), with how
    many differ by more than rounding and a few examples (Trafford's first).
    """
    frames = [f for f in frames if not f.empty]
    if not frames:
        return concat(frames)
    stacked = pd.concat([f.reindex(columns=OUT_COLUMNS).assign(_rank=i) for i, f in enumerate(frames)],
                        ignore_index=True)
    stacked["_missing"] = stacked["value"].isna()
    stacked = stacked.sort_values([*KEY, "_missing", "_rank"], kind="stable")
    first = ~stacked.duplicated(KEY, keep="first")
    kept, dropped = stacked[first], stacked[~first]
    if not dropped.empty:
        _report_overlap(ctx, kept, dropped)
    return kept.drop(columns=["_rank", "_missing"]).reset_index(drop=True)


def _report_overlap(ctx: IngestContext, kept: pd.DataFrame, dropped: pd.DataFrame) -> None:
    """One line per (indicator, dropped file, kept file) on rows another release covers."""
    both = dropped.merge(kept[[*KEY, "value", "source_path", "_rank"]], on=KEY, suffixes=("", "_kept"))
    diff = (both["value"] - both["value_kept"]).abs()
    both["_disagree"] = diff > np.maximum(TOLERANCE, 0.001 * both["value_kept"].abs())
    for (ind, rel, kept_rel), g in both.groupby(["indicator_id", "source_path", "source_path_kept"], sort=True):
        if rel == kept_rel:
            bad = int(g["_disagree"].sum())
            ctx.report.fix(rel, None, f"{ind}: {len(g)} rows repeat another row of this file for the same area, "
                           f"period and breakdown; one kept" + (f" ({bad} with a different value)" if bad else ""))
            continue
        filled = g["_rank_kept"] > g["_rank"]  # the newer release has no value: the older one fills in
        if filled.any():
            ctx.report.fix(rel, None, f"{ind}: {int(filled.sum())} rows with no value here filled from the "
                           f"older {kept_rel}")
            g = g[~filled]
            if g.empty:
                continue
        bad = g[g["_disagree"]].sort_values("area_code", key=lambda s: s != "E08000009", kind="stable")
        examples = "; ".join(f"{r.area_code} {r.period} {r.breakdown}: {r.value:g} here, {r.value_kept:g} kept"
                             for r in bad.head(3).itertuples())
        text = f"{ind}: {len(g)} rows also in {kept_rel} left out in favour of that release"
        text += f"; {len(bad)} differ by more than rounding (e.g. {examples})" if len(bad) else "; values agree"
        ctx.report.fix(rel, None, text)
