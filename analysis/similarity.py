"""Nearest areas on a set of indicators by standardised Euclidean distance."""

from collections.abc import Iterable

import numpy as np
import pandas as pd

COLUMNS = ["area_code", "distance", "alike_on", "shared"]


def _empty() -> pd.DataFrame:
    """An empty answer with the documented columns."""
    return pd.DataFrame({c: pd.Series(dtype=object if c in ("area_code", "alike_on") else float)
                         for c in COLUMNS})


def standardise(matrix: pd.DataFrame) -> pd.DataFrame:
    """Z-scores per column (population sd); columns with fewer than two values or no spread dropped."""
    x = matrix.apply(pd.to_numeric, errors="coerce").astype(float)
    mean, sd = x.mean(), x.std(ddof=0)
    keep = (x.count() >= 2) & (sd > 0) & np.isfinite(sd)
    return (x.loc[:, keep] - mean[keep]) / sd[keep]


def similar_areas(matrix: pd.DataFrame, target: str, n: int = 5, exclude: Iterable[str] = (),
                  *, alike: int = 3, min_shared: int = 1) -> pd.DataFrame:
    """The n areas nearest `target` on the matrix's indicators, nearest first."""
    if target not in matrix.index:
        raise ValueError(f"area {target!r} is not in the comparison matrix")
    z = standardise(matrix[~matrix.index.duplicated()])
    t = z.loc[target]
    z = z.loc[:, t.notna()]  # an indicator the target lacks says nothing about likeness
    if z.shape[1] == 0 or n <= 0:
        return _empty()
    skip = set(exclude) | {target}
    others = z[~z.index.isin(skip)]
    diff = (others - z.loc[target]).abs()
    shared = diff.notna().sum(axis=1)
    # Scale the sum over shared columns up to all columns, so areas missing a value are
    # neither favoured (fewer terms) nor dropped outright.
    dist = np.sqrt((diff ** 2).sum(axis=1) * z.shape[1] / shared.where(shared > 0))
    ok = (shared >= max(1, min_shared)) & dist.notna()
    if not ok.any():
        return _empty()
    out = pd.DataFrame({"area_code": others.index[ok], "distance": dist[ok].to_numpy(),
                        "shared": shared[ok].to_numpy()})
    out = out.sort_values(["distance", "area_code"], kind="mergesort").head(n)
    cols = diff.columns.to_numpy()
    out["alike_on"] = [
        [str(c) for c in cols[np.argsort(diff.loc[a].to_numpy(), kind="mergesort")][:alike]
         if pd.notna(diff.at[a, c])]
        for a in out["area_code"]
    ]
    return out[COLUMNS].reset_index(drop=True)
