"""The run-time state database: SQLite in the state folder (WAL, transactions), one connection per thread."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from config import state_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, username TEXT NOT NULL, created REAL NOT NULL,
                                     seen REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (username);
CREATE TABLE IF NOT EXISTS throttle (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS throttle_key ON throttle (key, at);
CREATE TABLE IF NOT EXISTS grants (organisation TEXT NOT NULL, indicator_id TEXT NOT NULL, granted_by TEXT NOT NULL,
                                   granted_at TEXT NOT NULL, PRIMARY KEY (organisation, indicator_id));
"""
_local = threading.local()


class StateUnavailable(RuntimeError):
    """The state folder or its database cannot be read or written."""


def db_path() -> Path:
    """Where the state database lives (config.state_dir()/state.db)."""
    return state_dir() / "state.db"


def _connection() -> sqlite3.Connection:
    path = db_path()
    conns = _local.__dict__.setdefault("conns", {})
    conn = conns.get(str(path))
    if conn is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # autocommit; writes take BEGIN IMMEDIATE so read-modify-write is atomic across processes
            conn = sqlite3.connect(path, timeout=15, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as err:
            raise StateUnavailable(f"the state database {path} cannot be opened: {err}") from err
        conns[str(path)] = conn
    return conn


@contextlib.contextmanager
def transaction() -> Iterator[sqlite3.Connection]:
    """A write transaction: committed whole or rolled back."""
    conn = _connection()
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise StateUnavailable(f"the state database cannot be written: {err}") from err
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as err:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise StateUnavailable(f"the state database cannot be written: {err}") from err


def read(sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of one read-only statement."""
    try:
        return _connection().execute(sql, params).fetchall()
    except sqlite3.Error as err:
        raise StateUnavailable(f"the state database cannot be read: {err}") from err
