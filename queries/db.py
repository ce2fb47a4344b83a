"""The one DuckDB connection per process, with views over the parquet store, and a cursor per query."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from config import store_dir
from data.schema import LEVELS, indicator_bucket

SQL_DIR = Path(__file__).resolve().parent / "sql"
PARTITIONED = ("values", "latest")  # values_by_area: a view per level, below
TABLES = ("indicators", "areas", "area_links", "periods", "points", "sources", "stats")
OPTIONAL_TABLES = ("postcodes", "postcode_lookups")  # absent from stores written before them (and fixtures)

_lock = threading.Lock()
_conn: duckdb.DuckDBPyConnection | None = None
_store: Path | None = None
_target: str | None = None  # what the store symlink pointed at when the connection opened
_by_area: frozenset[str] = frozenset()
_values_files: frozenset[str] = frozenset()  # level folders split into indicator files
_sql_cache: dict[str, str] = {}
# Queries that return thousands of rows: their strings reach pandas far faster through Arrow than through
# DuckDB's .df(), which makes a Python object of every string (a map of 33,755 LSOAs: about 12 ms less, the
# LSOAs of areas_of_level about half). Small results stay on .df(), cheaper for them. See _arrow_frame.
MANY_ROWS = frozenset({"level_values", "level_values_within", "areas_all"})


class StoreMissing(RuntimeError):
    """The store has not been built."""


def _literal(path: Path) -> str:
    """A path as a SQL string literal (the store path is configuration, never user input)."""
    return "'" + str(path).replace("'", "''") + "'"


def connect(store: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The process's connection, opened on first use with a view per store table."""
    global _conn, _store, _target, _by_area, _values_files
    with _lock:
        store = (store or store_dir()).absolute()
        target = _link_target(store)
        if _conn is not None and _store == store and _target == target:
            return _conn
        if _conn is not None:  # a new store version was swapped in (a rebuild or a partner's publish)
            _clear_caches()
        if not (store / "VERSION").exists():
            raise StoreMissing(f"No indicator store at {store}: run `make store` (python -m data.ingest).")
        # One DuckDB thread: each query runs on the thread that asks (two callbacks at once still use both cores,
        # measured: 100 queries from two threads in half the time of one), no pool of workers whose allocations
        # linger (peak memory 300 -> 288 MB in `make bench`), and these selective reads were no slower.
        conn = duckdb.connect(":memory:", config={"threads": 1})
        for name in PARTITIONED:
            glob = _literal(store / name / "*" / "*.parquet")
            # filename: a map or rank names its indicator's file (values_file), and DuckDB opens only that one
            extra = ", filename = true" if name == "values" else ""
            conn.execute(f"CREATE VIEW {name}_t AS SELECT * FROM read_parquet({glob}, hive_partitioning = true{extra})")
        # the level folders laid out in indicator files (part-i00.parquet ...), where values_file applies
        files = {str(f.parent) for f in (store / "values").glob("*/part-i[0-9][0-9].parquet")}
        for name in TABLES:
            conn.execute(f"CREATE VIEW {name}_t AS SELECT * FROM read_parquet({_literal(store / (name + '.parquet'))})")
        for name in OPTIONAL_TABLES:
            if (store / f"{name}.parquet").exists():
                conn.execute(f"CREATE VIEW {name}_t AS SELECT * FROM read_parquet({_literal(store / (name + '.parquet'))})")
        coverage = store / "coverage.parquet"  # a store built before the table existed: the same rows from values
        conn.execute("CREATE VIEW coverage_t AS " + (f"SELECT * FROM read_parquet({_literal(coverage)})"
                                                     if coverage.exists() else sql("coverage_from_values")))
        by_area = set()
        # one view per level of the by-area copy, partitioned by bucket (data.schema.area_bucket): a series
        # branch opens one small file; view names only from LEVELS, never from input
        for level in LEVELS:
            part = store / "values_by_area" / f"level={level}"
            if part.is_dir():
                by_area.add(level)
                conn.execute(f"CREATE VIEW values_by_area_{level} AS SELECT * FROM "
                             f"read_parquet({_literal(part / '*' / '*.parquet')}, hive_partitioning = true)")
        # GLOBAL: every query runs on a cursor, a session of its own that does not see a plain SET. Set after the
        # views, once the parquet extension is loaded (it is not at connect). Measured with `make bench`:
        # - parquet footers parsed once per process, not per query (12 ms a query on a 100M-row store's
        #   532-row-group file); enable_object_cache, used before, is a no-op in DuckDB 1.x;
        # - no copy of the files' bytes in DuckDB's buffer pool (the OS page cache holds them already): about
        #   100 MB less peak memory at 100M rows, no slower.
        conn.execute("SET GLOBAL parquet_metadata_cache = true")
        conn.execute("SET GLOBAL enable_external_file_cache = false")
        if _conn is not None:
            _conn.close()
        _conn, _store, _target, _by_area, _values_files = conn, store, target, frozenset(by_area), frozenset(files)
        return conn


def _link_target(store: Path) -> str | None:
    """Where the store symlink points now (one readlink, microseconds): a change means a new version."""
    try:
        return os.readlink(store)
    except OSError:
        return None


def _clear_caches() -> None:
    """Forget what was cached from the previous store version."""
    from queries import store_cache

    store_cache.clear()


def reset() -> None:
    """Forget the connection (after a new store is swapped in, or in tests)."""
    global _conn, _store, _target
    with _lock:
        if _conn is not None:
            _conn.close()
        _conn, _store, _target = None, None, None
        _clear_caches()


def sql(name: str) -> str:
    """The text of queries/sql/<name>.sql."""
    if name not in _sql_cache:
        _sql_cache[name] = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return _sql_cache[name]


def frame(name: str, **params) -> pd.DataFrame:
    """Run a named .sql file with bound parameters and return a DataFrame."""
    return frame_text(sql(name), many=name in MANY_ROWS, **params)


def frame_text(text: str, many: bool = False, **params) -> pd.DataFrame:
    """Run SQL text built from the .sql files (never from values) with bound parameters."""
    cur = connect().cursor()  # a connection is not thread-safe: one cursor per call
    try:
        result = cur.execute(text, params)
        return _arrow_frame(cur, result) if many else result.df()
    finally:
        cur.close()


def _same_through_arrow(column: pa.ChunkedArray, n: int) -> bool:
    """Whether Arrow's to_pandas gives this column exactly as DuckDB's .df() does."""
    t, nulls = column.type, column.null_count
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return nulls < n  # `str` dtype, NaN for NULL (.df() leaves an all-NULL column object)
    if pa.types.is_float64(t):
        return True  # float64, NaN for NULL
    if pa.types.is_timestamp(t) and t.tz is None and t.unit == "us":
        return True  # datetime64[us], NaT for NULL
    return (pa.types.is_boolean(t) or pa.types.is_int64(t)) and nulls == 0  # .df() masks them when NULLs


def _arrow_frame(cur: duckdb.DuckDBPyConnection, result: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The same frame as result.df(), built faster for many rows.

    Columns whose conversion through Arrow is the same as .df()'s (strings above all: .df() makes a Python
    object of each) go through Arrow; the others (timestamps, nullable booleans, lists, an all-NULL string
    column...) through DuckDB's own .df() of just those columns, so every dtype is .df()'s.
    tests/bench/test_frame_paths.py checks both paths give equal frames.
    """
    table = result.to_arrow_table()
    n, names = table.num_rows, table.schema.names
    fast = [i for i in range(table.num_columns) if n and _same_through_arrow(table.column(i), n)]
    if not fast or len(set(names)) < len(names):
        return cur.from_arrow(table).df()
    if len(fast) == table.num_columns:  # the usual case: one conversion of the whole table
        return table.to_pandas()
    rest = table.select([i for i in range(table.num_columns) if i not in fast])
    slow = cur.from_arrow(rest).df()
    columns = {name: (table.column(i).to_pandas() if i in fast else slow[name]) for i, name in enumerate(names)}
    return pd.DataFrame(columns, index=pd.RangeIndex(n))


def has_table(name: str) -> bool:
    """Whether the open store has one of the OPTIONAL_TABLES."""
    return name in OPTIONAL_TABLES and (store_path() / f"{name}.parquet").exists()


def by_area_levels() -> frozenset[str]:
    """The levels with a by-area view (values_by_area_<level>) in the open store."""
    connect()
    return _by_area


def values_file(level: str, indicator: str) -> str | None:
    """The one values file holding this indicator at this level (as the view names it), or None when the store
    is laid out otherwise (then every file of the level is read: slower, same rows)."""
    connect()
    assert _store is not None
    folder = _store / "values" / f"level={level}"
    if str(folder) not in _values_files:
        return None
    # the path even when no file has it: then this indicator has no values at the level, and none are read
    return str(folder / f"part-{indicator_bucket(indicator)}.parquet")


def store_path() -> Path:
    """The folder the open connection reads."""
    connect()
    assert _store is not None
    return _store
