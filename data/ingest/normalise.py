"""Turn the modules' raw value rows into clean store rows: known indicators, areas and periods, intervals, no duplicates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.stats import proportion_ci_vec, rate_ci_vec
from data.ingest.report import BuildReport
from data.periods import STORE, PeriodError, read_period
from data.schema import COMPARATOR_LEVELS, DEFAULT_BREAKDOWN, LEVELS, VALUE_COLUMNS

# Code prefixes a comparator level may hold; unknown codes of these shapes are added to the areas table.
COMPARATOR_PREFIXES = {"la": ("E06", "E07", "E08", "E09", "E10"), "combined_authority": ("E47", "E11"),
                       "region": ("E12",), "england": ("E92",)}
OPTIONAL_FLOATS = ("numerator", "denominator", "lower_ci", "upper_ci", "lower_ci_998", "upper_ci_998")
FLAGS = ("suppressed", "estimated", "provisional")


def _rejected(report: BuildReport, frame: pd.DataFrame, mask: pd.Series, reason) -> pd.DataFrame:
    """Report each masked row as rejected (reason may be a function of the row) and return the rest."""
    for row in frame.loc[mask].itertuples(index=False):
        why = reason(row) if callable(reason) else reason
        report.reject(row.source_path, None if pd.isna(row.source_row) else int(row.source_row), why)
    return frame.loc[~mask]


REQUIRED = ("indicator_id", "area_code", "level", "period", "value", "source_path")


def empty_values() -> pd.DataFrame:
    """A conformed frame with no rows (a build with no indicator modules)."""
    return conform(pd.DataFrame({c: pd.Series(dtype="string") for c in REQUIRED}), "none")


def conform(frame: pd.DataFrame, module: str) -> pd.DataFrame:
    """A module's rows with every optional column present and typed."""
    missing = set(REQUIRED) - set(frame.columns)
    if missing:
        raise ValueError(f"source module {module} returned no {', '.join(sorted(missing))} column")
    out = frame.copy()
    for col in OPTIONAL_FLOATS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float) if col in out else np.nan
    for col in FLAGS:
        out[col] = out[col].fillna(False).astype(bool) if col in out else False
    out["breakdown"] = out["breakdown"].fillna(DEFAULT_BREAKDOWN) if "breakdown" in out else DEFAULT_BREAKDOWN
    out["source_row"] = out["source_row"] if "source_row" in out else np.nan
    out["area_name"] = out["area_name"] if "area_name" in out else None
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype(float)
    for col in ("indicator_id", "area_code", "level", "period", "breakdown", "source_path"):
        out[col] = out[col].astype("string").str.strip()
    return out


def check_keys(values: pd.DataFrame, catalog: dict, areas: pd.DataFrame, report: BuildReport) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows with a catalogued indicator, a known level and a known area; new comparator areas are added."""
    values = _rejected(report, values, ~values["indicator_id"].isin(catalog),
                       lambda r: f"indicator {r.indicator_id!r} is not in the catalogue")
    values = _rejected(report, values, ~values["level"].isin(LEVELS), lambda r: f"unknown level {r.level!r}")
    known = set(zip(areas["area_code"], areas["level"], strict=True))
    key = list(zip(values["area_code"], values["level"], strict=True))
    unknown = pd.Series([k not in known for k in key], index=values.index, dtype=bool)
    new_rows = []
    for level in COMPARATOR_LEVELS:
        shape_ok = values["area_code"].str.startswith(COMPARATOR_PREFIXES[level]).fillna(False).astype(bool)
        at_level = (values["level"] == level).fillna(False).astype(bool)
        addable = unknown & at_level & shape_ok & values["area_name"].notna()
        for code, group in values.loc[addable].groupby("area_code"):
            new_rows.append({"area_code": code, "level": level, "area_name": group["area_name"].iloc[0],
                             "parent_code": "E92000001" if level != "england" else None,
                             "parent_level": "england" if level != "england" else None,
                             "la_code": code if level == "la" else None, "derived_parent": False})
            report.fix(group["source_path"].iloc[0], None, f"comparator area {code} ({group['area_name'].iloc[0]}) "
                       f"added to the areas table at level {level}")
        unknown &= ~addable
    values = _rejected(report, values, unknown,
                       lambda r: f"unknown area code {r.area_code!r} for level {r.level}")
    if new_rows:
        areas = pd.concat([areas, pd.DataFrame(new_rows)], ignore_index=True)
    return values, areas


def attach_periods(values: pd.DataFrame, report: BuildReport) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Canonical period labels with start and end dates; unparseable periods rejected."""
    parsed, errors = {}, {}
    for label in values["period"].dropna().unique():
        try:
            parsed[label] = read_period(label, hint=STORE)
        except PeriodError as err:
            errors[label] = str(err)
    bad = ~values["period"].isin(parsed)
    values = _rejected(report, values, bad, lambda r: f"period {r.period!r} not understood: {errors.get(r.period, 'missing')}")
    values = values.assign(
        period=values["period"].map(lambda p: parsed[p].label),
        period_start=pd.to_datetime(values["period"].map(lambda p: parsed[p].start)).astype("datetime64[ms]"),
        period_end=pd.to_datetime(values["period"].map(lambda p: parsed[p].end)).astype("datetime64[ms]"),
    )
    periods = pd.DataFrame([{"period": p.label, "period_start": p.start, "period_end": p.end, "period_type": p.type}
                            for p in parsed.values()], columns=["period", "period_start", "period_end", "period_type"])
    periods = periods.drop_duplicates("period")
    raw_labels = pd.DataFrame([{"source_label": k, "period": v.label} for k, v in parsed.items()],
                              columns=["source_label", "period"])
    periods = periods.merge(raw_labels.groupby("period")["source_label"].agg(lambda s: sorted(set(s))).reset_index(),
                            on="period", how="left")
    return values, periods


# The method for counts whose catalogue names none: a share of a whole is a proportion, anything per head a rate.
METHOD_BY_TYPE = {"percentage": "wilson", "rate": "byars"}


def interval_method(meta: dict) -> str | None:
    """The interval method for an indicator's rows with counts: its catalogue's, else by its value type."""
    if meta["ci_method"] in ("wilson", "byars"):
        return meta["ci_method"]
    return METHOD_BY_TYPE.get(meta["value_type"])


def add_intervals(values: pd.DataFrame, catalog: dict, report: BuildReport) -> pd.DataFrame:
    """Value and 95%/99.8% limits from numerator and denominator (analysis.stats), for every row with both, at
    every level: by the catalogue's method, else by the value type (METHOD_BY_TYPE) where no limits are given.

    Impossible counts are rejected for an indicator whose catalogue names the method (its values come from the
    counts); for one whose catalogue does not, the row keeps its published value without an interval.
    """
    values = values.copy()
    for method, ci in (("wilson", proportion_ci_vec), ("byars", rate_ci_vec)):
        for ind in [i for i, meta in catalog.items() if interval_method(meta) == method]:
            own = catalog[ind]["ci_method"] == method  # else: by value type, only where no limits are published
            rows = ((values["indicator_id"] == ind) & values["numerator"].notna() & values["denominator"].notna()
                    & (own | values["lower_ci"].isna()))
            if not rows.any():
                continue
            mult = float(catalog[ind].get("multiplier") or 1)
            invalid = rows & ~_valid_counts(values, method)
            if own:
                values = _rejected(report, values, invalid, lambda r: f"impossible numerator {r.numerator} and "
                                   f"denominator {r.denominator} for {r.indicator_id}")
            elif invalid.any():
                report.fix(str(values.loc[invalid, "source_path"].iloc[0]), None,
                           f"{ind}: {int(invalid.sum())} rows have counts a {method} interval cannot take "
                           f"(numerator above denominator or no denominator); kept without an interval")
            rows = rows.loc[values.index] & ~invalid.loc[values.index]
            num, den = values.loc[rows, "numerator"].to_numpy(), values.loc[rows, "denominator"].to_numpy()
            for conf, lo, hi in ((0.95, "lower_ci", "upper_ci"), (0.998, "lower_ci_998", "upper_ci_998")):
                res = ci(num, den, confidence=conf, multiplier=mult)
                values.loc[rows, lo] = res["lower"].to_numpy()
                values.loc[rows, hi] = res["upper"].to_numpy()
            computed = ci(num, den, multiplier=mult)["value"].to_numpy()
            current = values.loc[rows, "value"].to_numpy()
            values.loc[rows, "value"] = np.where(np.isnan(current), computed, current)
            if not own:
                values = _drop_foreign_limits(values, rows, ind, method, report)
    return values


def _drop_foreign_limits(values: pd.DataFrame, rows: pd.Series, ind: str, method: str,
                         report: BuildReport) -> pd.DataFrame:
    """Limits taken off rows whose published value lies outside them: the publisher divided by another
    denominator (e.g. that year's population where the file gives one year's), so the counts do not measure it."""
    v = values.loc[rows]
    outside = (v["value"] < v["lower_ci"] - 1e-9) | (v["value"] > v["upper_ci"] + 1e-9)
    if outside.any():
        idx = outside[outside].index
        values.loc[idx, ["lower_ci", "upper_ci", "lower_ci_998", "upper_ci_998"]] = np.nan
        report.fix(str(v.loc[idx, "source_path"].iloc[0]), None,
                   f"{ind}: {len(idx)} of {len(v)} rows' published values lie outside the {method} interval of their "
                   f"counts (the publisher's denominator differs); kept without an interval")
    return values


def _valid_counts(values: pd.DataFrame, method: str) -> pd.Series:
    """Counts the interval methods accept: non-negative, a positive denominator, a proportion at most 1."""
    ok = (values["numerator"] >= 0) & (values["denominator"] > 0)
    return ok & (values["numerator"] <= values["denominator"]) if method == "wilson" else ok


def drop_duplicates(values: pd.DataFrame, report: BuildReport) -> pd.DataFrame:
    """One row per indicator, level, area, period and breakdown; the last module's row wins, conflicts reported."""
    key = ["indicator_id", "level", "area_code", "period", "breakdown"]
    dup = values.duplicated(key, keep="last")
    if dup.any():
        kept = values.loc[~dup].set_index(key)["value"]
        for row in values.loc[dup].itertuples(index=False):
            other = kept.get(tuple(getattr(row, k) for k in key))
            same = pd.isna(other) and pd.isna(row.value) or (not pd.isna(other) and np.isclose(other, row.value, rtol=1e-6))
            why = "same figure given twice" if same else f"conflicting figure {row.value} (kept {other})"
            report.fix(row.source_path, None if pd.isna(row.source_row) else int(row.source_row),
                       f"duplicate of {row.indicator_id} {row.area_code} {row.period}: {why}; one kept")
    return values.loc[~dup]


def drop_empty(values: pd.DataFrame, report: BuildReport) -> pd.DataFrame:
    """Leave out rows with no value that are not marked suppressed (a missing cell is not a zero)."""
    empty = values["value"].isna() & ~values["suppressed"]
    for (path, ind), n in values.loc[empty].groupby(["source_path", "indicator_id"]).size().items():
        report.reject(path, None, f"{n} rows of {ind} have no value (NA, ':', '*' or empty); left out")
    return values.loc[~empty]


def finish(values: pd.DataFrame, areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """The store's columns in order and typed, with each area's name from the areas table when given."""
    out = values.reindex(columns=list(VALUE_COLUMNS))
    if areas is not None:  # the store's one spelling of each name, not each source's
        names = areas.set_index(["area_code", "level"])["area_name"]
        key = pd.MultiIndex.from_arrays([out["area_code"], out["level"]])
        out["area_name"] = names.reindex(key).to_numpy()
    return out.astype({k: v for k, v in VALUE_COLUMNS.items() if not k.startswith("period_")}).reset_index(drop=True)
