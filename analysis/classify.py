"""Class breaks for choropleth maps: quantiles, equal intervals and Jenks natural breaks."""

from __future__ import annotations

import numpy as np

METHODS = ("quantiles", "equal", "jenks")
JENKS_MAX_POINTS = 400  # above this, breaks are found on evenly spaced quantiles of the values (same shape, fast)


def _valid(values) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    return np.sort(a[~np.isnan(a)])


def breaks(values, method: str = "quantiles", k: int = 5) -> list[float]:
    """k+1 ascending class edges (min ... max); fewer classes when there are fewer distinct values."""
    v = _valid(values)
    if v.size == 0:
        return []
    distinct = np.unique(v)
    k = max(1, min(k, distinct.size))
    if method == "quantiles":
        edges = np.quantile(v, np.linspace(0, 1, k + 1))
    elif method == "equal":
        edges = np.linspace(v[0], v[-1], k + 1)
    elif method == "jenks":
        sample = v if v.size <= JENKS_MAX_POINTS else np.quantile(v, np.linspace(0, 1, JENKS_MAX_POINTS))
        edges = np.array(jenks(sample, k))
    else:
        raise ValueError(f"unknown classification {method!r}; expected one of {', '.join(METHODS)}")
    return [float(e) for e in np.unique(edges)]


def jenks(sorted_values: np.ndarray, k: int) -> list[float]:
    """Fisher-Jenks optimal breaks minimising within-class variance (exact dynamic programme, O(k n^2))."""
    v = np.asarray(sorted_values, dtype=float)
    n = v.size
    if k >= n:
        return [float(x) for x in np.unique(v)]
    csum, csq = np.concatenate([[0], np.cumsum(v)]), np.concatenate([[0], np.cumsum(v * v)])

    def sse(i: int, j: int) -> float:  # values i..j inclusive
        m = j - i + 1
        s = csum[j + 1] - csum[i]
        return (csq[j + 1] - csq[i]) - s * s / m

    cost = np.full((k + 1, n), np.inf)
    back = np.zeros((k + 1, n), dtype=int)
    idx = np.arange(n)
    cost[1] = [sse(0, j) for j in range(n)]
    for c in range(2, k + 1):
        for j in range(c - 1, n):
            i = idx[c - 1 : j + 1]  # the last class is values i..j; the first c-1 classes end at i-1
            m = j - i + 1
            s = csum[j + 1] - csum[i]
            total = cost[c - 1, i - 1] + (csq[j + 1] - csq[i]) - s * s / m
            best = int(np.argmin(total))
            cost[c, j], back[c, j] = total[best], i[best]
    edges, j = [float(v[-1])], n - 1
    for c in range(k, 1, -1):
        i = back[c, j]
        edges.append(float(v[i - 1]))
        j = i - 1
    edges.append(float(v[0]))
    return sorted(edges)


def assign(values, edges: list[float]) -> np.ndarray:
    """The class (0-based) of each value for the given edges; -1 where the value is missing."""
    a = np.asarray(values, dtype=float)
    if len(edges) < 2:
        return np.where(np.isnan(a), -1, 0)
    idx = np.searchsorted(np.asarray(edges[1:-1]), a, side="right")  # upper edges belong to the lower class
    idx = np.clip(idx, 0, len(edges) - 2)
    return np.where(np.isnan(a), -1, idx)
