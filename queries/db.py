"""The one DuckDB connection per process, with views over the parquet store, and a cursor per query."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pandas as pd

from config import store_dir

SQL_DIR = Path(__file__).resolve().parent / "sql"
PARTITIONED = ("values", "latest")
TABLES = ("indicators", "areas", "area_links", "periods", "points", "sources", "stats")

_lock = threading.Lock()
_conn: duckdb.DuckDBPyConnection | None = None
_store: Path | None = None
_sql_cache: dict[str, str] = {}


class StoreMissing(RuntimeError):
    """The store has not been built."""


def _literal(path: Path) -> str:
    """A path as a SQL string literal (the store path is configuration, never user input)."""
    return "'" + str(path).replace("'", "''") + "'"


def connect(store: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The process's connection, opened on first use with a view per store table."""
    global _conn, _store
    with _lock:
        store = (store or store_dir()).absolute()
        if _conn is not None and _store == store:
            return _conn
        if not (store / "VERSION").exists():
            raise StoreMissing(f"No indicator store at {store}: run `make store` (python -m data.ingest).")
        conn = duckdb.connect(":memory:", config={"threads": 2})
        for name in PARTITIONED:
            glob = _literal(store / name / "*" / "*.parquet")
            conn.execute(f"CREATE VIEW {name}_t AS SELECT * FROM read_parquet({glob}, hive_partitioning = true)")
        for name in TABLES:
            conn.execute(f"CREATE VIEW {name}_t AS SELECT * FROM read_parquet({_literal(store / (name + '.parquet'))})")
        # Parquet footers parsed once per process, not per query (12 ms a query on a 100M-row store's
        # 532-row-group file). GLOBAL, because every query runs on a cursor, a session of its own that does not
        # see a plain SET; and set after the views, once the parquet extension is loaded (it is not at connect).
        # (enable_object_cache, used before, is a no-op in DuckDB 1.x.)
        conn.execute("SET GLOBAL parquet_metadata_cache = true")
        if _conn is not None:
            _conn.close()
        _conn, _store = conn, store
        return conn


def reset() -> None:
    """Forget the connection (after a new store is swapped in, or in tests)."""
    global _conn, _store
    with _lock:
        if _conn is not None:
            _conn.close()
        _conn, _store = None, None
        from queries import catalog_cache, geometry

        catalog_cache.clear()
        geometry.clear()


def sql(name: str) -> str:
    """The text of queries/sql/<name>.sql."""
    if name not in _sql_cache:
        _sql_cache[name] = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return _sql_cache[name]


def frame(name: str, **params) -> pd.DataFrame:
    """Run a named .sql file with bound parameters and return a DataFrame."""
    cur = connect().cursor()  # a connection is not thread-safe: one cursor per call
    try:
        return cur.execute(sql(name), params).df()
    finally:
        cur.close()


def store_path() -> Path:
    """The folder the open connection reads."""
    connect()
    assert _store is not None
    return _store
