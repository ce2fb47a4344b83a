"""One cache for what is read from the store: its entries live as long as the open store, and a store swap (a new
version seen by db.connect(), or db.reset()) empties all of them at once.

    @store_cached                      # as functools.cache
    def indicators() -> pd.DataFrame: ...

    @store_cached(maxsize=32)          # as functools.lru_cache(32)
    def _theme_matrix(theme, level): ...

    _memo = store_dict()               # a dict for lookups a function builds by hand
    on_swap(_drop_blocks)              # anything else with its own bounds (a byte-bounded LRU) says how to empty it

Code-only caches (SQL text, templates, a hash of the code) are not store-scoped and keep functools.cache.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

_emptiers: list[Callable[[], None]] = []


def on_swap(empty: Callable[[], None]) -> Callable[[], None]:
    """Call `empty` whenever the store is swapped; returns it (usable as a decorator)."""
    _emptiers.append(empty)
    return empty


def store_cached(fn=None, *, maxsize: int | None = None):
    """functools.lru_cache(maxsize) (unbounded by default) whose entries a store swap forgets."""

    def wrap(f):
        cached = functools.lru_cache(maxsize=maxsize)(f)
        on_swap(cached.cache_clear)
        return cached

    return wrap(fn) if fn is not None else wrap


def store_dict() -> dict:
    """A dict that a store swap empties."""
    d: dict = {}
    on_swap(d.clear)
    return d


def clear() -> None:
    """Forget everything read from the store (called by queries.db when the store changes)."""
    for empty in _emptiers:
        empty()
