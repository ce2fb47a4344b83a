"""Open data: the filtered catalogue, an indicator's coverage, value rows by page for the API and downloads."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa

from data.schema import DEFAULT_BREAKDOWN, LEVELS, THEMES
from queries import catalog_cache, db
from queries.catalogue import search_indicators
from queries.errors import QueryError
from queries.store_cache import on_swap, store_dict

# Columns of a value row as the API and downloads give it, in order.
DATA_COLUMNS = ["indicator_id", "level", "area_code", "area_name", "period", "period_start", "period_end", "breakdown",
                "value", "lower_ci", "upper_ci", "lower_ci_998", "upper_ci_998", "numerator", "denominator",
                "suppressed", "estimated", "provisional", "source_path", "published_judgement",
                "published_comparator", "published_by", "derivation", "release"]
MAX_AREAS = 500  # area codes in one request
ALL_ROWS = 2**62  # LIMIT for "every row" (a download)
# A page inside one or two blocks (one level and period each) of this many rows is cut from the blocks kept in
# memory; smaller blocks (a page would touch many) and larger ones are paged in SQL.
MIN_BLOCK_ROWS, MAX_BLOCK_ROWS = 2_000, 100_000
BLOCK_CACHE_BYTES = 64 * 2**20  # per process: about 9 LSOA-period blocks of the 10M-row store
_LICENCE_ALIASES = {"ogl": "open government licence"}
_memo = store_dict()
_blocks: OrderedDict[tuple, pa.Table] = OrderedDict()  # bounded by bytes, so not a plain store_dict
_blocks_bytes = 0
_blocks_lock = threading.Lock()


@on_swap
def _drop_blocks() -> None:
    """Forget the blocks of the previous store."""
    global _blocks_bytes
    with _blocks_lock:
        _blocks.clear()
        _blocks_bytes = 0


def _store_memo() -> dict:
    """The store-scoped memo, after checking that the store was not swapped (db.connect() empties it if so)."""
    db.connect()
    return _memo


def store_version() -> str:
    """The store's VERSION: the content hash of its build (changes whenever any number can change)."""
    memo = _store_memo()
    if "version" not in memo:
        memo["version"] = (db.store_path() / "VERSION").read_text(encoding="utf-8").strip()
    return memo["version"]


def organisation(publisher: str) -> str:
    """The publishing organisation, without the dataset in brackets or the 'via ...' route."""
    text = re.split(r" \(|, via | via ", str(publisher or ""), maxsplit=1)[0].strip()
    return text or str(publisher or "")


def catalogue(q: str | None = None, theme: str | None = None, level: str | None = None, source: str | None = None,
              licence: str | None = None) -> pd.DataFrame:
    """The catalogue filtered by theme, level, source and licence, and ranked by `q` when given.

    `source` and `licence` match any part of the publisher or licence text, ignoring case ("ogl" stands for the
    Open Government Licence). Columns: the catalogue's, `organisation` and (with q) `score`.
    """
    table = search_indicators(q, limit=10_000) if q and q.strip() else catalog_cache.indicators().reset_index(drop=True)
    if theme is not None:
        if theme not in THEMES:
            raise QueryError(f"Unknown theme {str(theme)[:40]!r}; expected one of {', '.join(list(THEMES))}.")
        table = table[table["theme"] == theme]
    if level is not None:
        catalog_cache.check_level(level)
        table = table[np.array([level in list(lv) for lv in table["levels"]], dtype=bool)]
    if source:
        table = table[table["publisher"].str.lower().str.contains(source.strip().lower(), regex=False)]
    if licence:
        want = _LICENCE_ALIASES.get(licence.strip().lower(), licence.strip().lower())
        table = table[table["licence"].str.lower().str.contains(want, regex=False)]
    return table.assign(organisation=table["publisher"].map(organisation)).reset_index(drop=True)


def facets() -> dict[str, list[str]]:
    """The values the catalogue can be filtered by: themes, levels, sources (organisations) and licences present."""
    memo = _store_memo()
    if "facets" not in memo:
        table = catalog_cache.indicators()
        levels = {lv for lvs in table["levels"] for lv in lvs}
        memo["facets"] = {
            "themes": [t for t in list(THEMES) if t in set(table["theme"])],
            "levels": [lv for lv in LEVELS if lv in levels],
            "sources": sorted(set(table["publisher"].map(organisation)), key=str.lower),
            "licences": sorted(set(table["licence"].dropna()), key=lambda s: (not s.startswith("Open"), s)),
        }
    return memo["facets"]


def coverage(indicator: str) -> pd.DataFrame:
    """The rows an indicator has at each level, period and breakdown, with the period's dates, in time order.

    Columns: level, period, breakdown, period_start, period_end, n_rows.
    """
    catalog_cache.check_indicator(indicator)
    memo = _store_memo().setdefault("coverage", {})
    if indicator not in memo:
        if len(memo) > 2000:  # bounded (300 indicators on the benchmark store)
            memo.clear()
        cov = catalog_cache.coverage(indicator)
        ends = _period_ends()
        memo[indicator] = (cov.assign(period_end=cov["period"].map(ends))
                           .rename(columns={"n_areas": "n_rows"})
                           [["level", "period", "breakdown", "period_start", "period_end", "n_rows"]]
                           .sort_values(["level", "period_start", "period", "breakdown"], kind="stable")
                           .reset_index(drop=True))
    return memo[indicator]


def _period_ends() -> pd.Series:
    memo = _store_memo()
    if "period_ends" not in memo:
        periods = db.frame("periods_all")
        memo["period_ends"] = periods.set_index("period")["period_end"]
    return memo["period_ends"]


def coverage_by_level(indicator: str) -> pd.DataFrame:
    """One row per level the indicator has: periods (in time order), first and latest period, breakdowns, areas.

    Columns: level, level_name, periods, n_periods, first_period, latest_period, breakdowns, n_areas, n_rows.
    """
    cov = coverage(indicator)
    rows = []
    for level in [lv for lv in LEVELS if lv in set(cov["level"])]:
        part = cov[cov["level"] == level].sort_values(["period_start", "period"])
        periods = list(dict.fromkeys(part["period"]))
        persons = part[part["breakdown"] == DEFAULT_BREAKDOWN]
        rows.append({"level": level, "level_name": LEVELS[level], "periods": periods, "n_periods": len(periods),
                     "first_period": periods[0], "latest_period": periods[-1],
                     "breakdowns": sorted(set(part["breakdown"]), key=lambda b: (b != DEFAULT_BREAKDOWN, b)),
                     "n_areas": int((persons if len(persons) else part)["n_rows"].max()),
                     "n_rows": int(part["n_rows"].sum())})
    return pd.DataFrame(rows, columns=["level", "level_name", "periods", "n_periods", "first_period", "latest_period",
                                       "breakdowns", "n_areas", "n_rows"])


def _chunks(indicator: str, level: str | None, period: str | None, start: date | None, end: date | None,
            breakdown: str | None) -> pd.DataFrame:
    """The (level, period) blocks a request covers, in the rows' order, with how many rows each holds (cached)."""
    memo = _store_memo().setdefault("chunks", {})
    key = (indicator, level, period, start, end, breakdown)
    if key not in memo:
        if len(memo) > 5000:  # bounded
            memo.clear()
        memo[key] = _chunks_uncached(*key)
    return memo[key]


def _chunks_uncached(indicator: str, level: str | None, period: str | None, start: date | None, end: date | None,
                     breakdown: str | None) -> pd.DataFrame:
    cov = coverage(indicator)
    if level is not None:
        catalog_cache.check_level(level)
        if level not in set(cov["level"]):
            raise QueryError(f"Indicator {indicator} has no data at level {LEVELS[level]}; it has "
                             f"{', '.join(LEVELS[lv] for lv in LEVELS if lv in set(cov['level']))}.")
        cov = cov[cov["level"] == level]
    if breakdown is not None:
        if breakdown not in set(cov["breakdown"]):
            raise QueryError(f"Indicator {indicator} has no breakdown {str(breakdown)[:40]!r}"
                             + (f" at level {LEVELS[level]}" if level else "")
                             + f"; it has {', '.join(sorted(set(cov['breakdown'])))}.")
        cov = cov[cov["breakdown"] == breakdown]
    if period is not None:
        if period not in set(cov["period"]):
            have = list(dict.fromkeys(cov.sort_values("period_start")["period"]))
            raise QueryError(f"Indicator {indicator} has no period {str(period)[:40]!r}"
                             + (f" at level {LEVELS[level]}" if level else "") + f"; it has {', '.join(have[-5:])}"
                             + (" (the latest five)." if len(have) > 5 else "."))
        cov = cov[cov["period"] == period]
    if start is not None:
        cov = cov[cov["period_start"] >= pd.Timestamp(start)]
    if end is not None:
        cov = cov[cov["period_end"] <= pd.Timestamp(end)]
    # coverage is sorted by level, period_start, period, breakdown: sum the breakdowns of each block in order
    sizes: dict[tuple, int] = {}
    for lv, ps, per, n in zip(cov["level"], cov["period_start"], cov["period"], cov["n_rows"], strict=True):
        sizes[(lv, ps, per)] = sizes.get((lv, ps, per), 0) + int(n)
    return pd.DataFrame([(*k, n) for k, n in sizes.items()], columns=["level", "period_start", "period", "n_rows"])


def value_count(indicator: str, level: str | None = None, period: str | None = None, start: date | None = None,
                end: date | None = None, areas: list[str] | None = None, breakdown: str | None = None) -> int:
    """How many value rows value_rows gives for these filters (without paging)."""
    chunks = _chunks(indicator, level, period, start, end, breakdown)
    if chunks.empty:
        return 0
    if not areas:
        return int(chunks["n_rows"].sum())
    codes = _check_codes(areas, level)
    return int(db.frame("value_count", indicator=indicator, levels=sorted(set(chunks["level"])),
                        periods=sorted(set(chunks["period"])), breakdown=breakdown, codes=codes).iloc[0, 0])


def value_rows(indicator: str, level: str | None = None, period: str | None = None, start: date | None = None,
               end: date | None = None, areas: list[str] | None = None, breakdown: str | None = None,
               limit: int | None = 1000, offset: int = 0) -> pd.DataFrame:
    """One indicator's value rows (all levels, periods, breakdowns and areas unless filtered), a page at a time.

    Rows are ordered by level, period start, period, area code and breakdown, so pages are stable. `start` and
    `end` keep periods lying wholly within them. Columns: DATA_COLUMNS.
    """
    catalog_cache.check_indicator(indicator)
    if offset < 0 or (limit is not None and limit < 0):
        raise QueryError("limit and offset must not be negative.")
    chunks = _chunks(indicator, level, period, start, end, breakdown)
    codes = _check_codes(areas, level) if areas else None
    if chunks.empty or limit == 0:
        return _empty()
    paging = limit is not None
    limit = ALL_ROWS if limit is None else int(limit)
    if codes is None:
        # Without an area filter each block's (level and period's) size is known: read only the blocks this page
        # touches (a deep page of an LSOA indicator reads one period, not all of them).
        ends = chunks["n_rows"].cumsum().to_numpy()
        starts = ends - chunks["n_rows"].to_numpy()
        touched = chunks[(ends > offset) & (starts < offset + limit)]
        if touched.empty:
            return _empty()
        first = touched.index[0]
        if paging and len(touched) <= 2 and MIN_BLOCK_ROWS <= touched["n_rows"].min() \
                and touched["n_rows"].max() <= MAX_BLOCK_ROWS:
            # Pages are slices of whole blocks kept in memory (as Arrow): paging through an indicator reads each
            # block once, and only the page's rows become Python objects.
            blocks = [_block(indicator, lv, per, breakdown) for lv, per in
                      zip(touched["level"], touched["period"], strict=True)]
            block = blocks[0] if len(blocks) == 1 else pa.concat_tables(blocks)
            return _with_names(block.slice(offset - int(starts[first]), limit).to_pandas())
        levels, periods = set(touched["level"]), set(touched["period"])
        inside = chunks["level"].isin(levels) & chunks["period"].isin(periods)
        offset = offset - int(starts[first]) + int(chunks.loc[inside & (chunks.index < first), "n_rows"].sum())
    else:
        levels, periods = set(chunks["level"]), set(chunks["period"])
    rows = _arrow("value_rows", indicator=indicator, levels=sorted(levels), periods=sorted(periods),
                  breakdown=breakdown, codes=codes, limit=limit, offset=int(offset))
    return _with_names(rows.to_pandas())


def _arrow(name: str, **params) -> pa.Table:
    """A named query's result as an Arrow table (value rows reach pandas faster this way than through .df())."""
    cur = db.connect().cursor()
    try:
        return cur.execute(db.sql(name), params).to_arrow_table()
    finally:
        cur.close()


def _footprint(table: pa.Table) -> int:
    """Memory a cached block holds: its buffers' allocated sizes (more than nbytes for slices of bigger ones)."""
    return sum(b.size for col in table.columns for chunk in col.chunks for b in chunk.buffers() if b is not None)


def _block(indicator: str, level: str, period: str, breakdown: str | None) -> pa.Table:
    """Every row of one indicator at one level in one period (one breakdown or all), kept in a bounded LRU."""
    _store_memo()  # empties the blocks when the store changed
    key = (indicator, level, period, breakdown)
    with _blocks_lock:
        hit = _blocks.get(key)
        if hit is not None:
            _blocks.move_to_end(key)
            return hit
    rows = _arrow("value_rows", indicator=indicator, levels=[level], periods=[period], breakdown=breakdown,
                  codes=None, limit=ALL_ROWS, offset=0)
    with _blocks_lock:
        global _blocks_bytes
        if key not in _blocks:
            _blocks[key] = rows
            _blocks_bytes += _footprint(rows)
        while _blocks_bytes > BLOCK_CACHE_BYTES and len(_blocks) > 1:
            _, dropped = _blocks.popitem(last=False)
            _blocks_bytes -= _footprint(dropped)
    return rows


def _check_codes(areas: list[str], level: str | None) -> list[str]:
    if len(areas) > MAX_AREAS:
        raise QueryError(f"At most {MAX_AREAS} area codes in one request; {len(areas)} given.")
    return sorted({catalog_cache.check_code(a, level) for a in areas})


def _empty() -> pd.DataFrame:
    """No rows, with the columns and dtypes value_rows gives."""
    dtypes = {"period_start": "datetime64[us]", "period_end": "datetime64[us]", "suppressed": "bool",
              "estimated": "bool", "provisional": "bool"}
    floats = {"value", "lower_ci", "upper_ci", "lower_ci_998", "upper_ci_998", "numerator", "denominator"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "float64" if c in floats else "str")) for c in DATA_COLUMNS})


def _with_names(rows: pd.DataFrame) -> pd.DataFrame:
    """Add each row's area name from the cached areas table (faster than joining it in SQL on a large store)."""
    memo = _store_memo()
    if "names" not in memo:
        a = catalog_cache.areas()
        memo["names"] = dict(zip(zip(a["area_code"], a["level"], strict=True), a["area_name"], strict=True))
    names = memo["names"]
    area_name = [names.get(k) for k in zip(rows["area_code"], rows["level"], strict=True)]
    rows.insert(3, "area_name", pd.Series(area_name, index=rows.index, dtype="str"))
    return rows


def value_rows_all(indicator: str, **filters) -> pd.DataFrame:
    """Every row value_rows gives for these filters (a download)."""
    return value_rows(indicator, limit=None, offset=0, **filters)
