"""The one door to the run-time state database: SQLite in the state folder by default (WAL, no set-up), PostgreSQL
when OBSERVATORY_DATABASE_URL names one. One connection per thread; every write transaction is serialised."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

from config import state_dir
from statedb.statements import schema_sql

_local = threading.local()
_ready: set[str] = set()  # databases whose schema this process has made sure of
_ready_lock = threading.Lock()
WRITE_LOCK = zlib.crc32(b"observatory-state")  # the advisory lock that serialises PostgreSQL writers, as SQLite's


class StateUnavailable(RuntimeError):
    """The state folder or its database cannot be read or written."""


def database_url() -> str | None:
    """The PostgreSQL URL from the environment, or None for the embedded SQLite file."""
    url = (os.environ.get("OBSERVATORY_DATABASE_URL") or "").strip()
    return url or None


def backend() -> str:
    """'postgresql' or 'sqlite': which database holds the state now."""
    return "postgresql" if database_url() else "sqlite"


def db_path() -> Path:
    """Where the SQLite state database lives (config.state_dir()/state.db)."""
    return state_dir() / "state.db"


def _errors() -> tuple[type[BaseException], ...]:
    try:
        import psycopg
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, psycopg.Error)


class Connection:
    """A connection of either kind with one call: execute(sql with ? parameters, params) -> cursor."""

    def __init__(self, raw, kind: str):
        self.raw, self.kind = raw, kind

    def execute(self, sql: str, params: tuple | list = ()):
        """Run one statement with bound parameters (written with ?, PostgreSQL's %s made here)."""
        if self.kind == "postgresql":
            return self.raw.execute(sql.replace("?", "%s"), tuple(params), prepare=False)
        return self.raw.execute(sql, tuple(params))

    def script(self, sql: str) -> None:
        """Run several statements (the schema), no parameters."""
        lines = [line for line in sql.splitlines() if not line.lstrip().startswith("--")]
        for statement in (s.strip() for s in "\n".join(lines).split(";")):
            if statement:
                self.raw.execute(statement)


def _open_sqlite(path: Path) -> Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # password hashes: the owner only (WAL files follow)
    # autocommit; writes take BEGIN IMMEDIATE so read-modify-write is atomic across processes
    raw = sqlite3.connect(path, timeout=15, isolation_level=None, check_same_thread=False)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("PRAGMA busy_timeout=15000")
    return Connection(raw, "sqlite")


def _open_postgresql(url: str) -> Connection:
    import psycopg

    raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    return Connection(raw, "postgresql")


def target() -> str:
    """Which database the state is in now: its URL or the SQLite file's path."""
    return database_url() or str(db_path())


def connection() -> Connection:
    """This thread's connection to the configured database (opened, and its schema made, on first use)."""
    key = target()
    # keyed by process too: a connection made before a fork (gunicorn --preload) is never used by the child
    conns = _local.__dict__.setdefault("conns", {})
    conn = conns.get((os.getpid(), key))
    if conn is None:
        try:
            conn = _open_postgresql(key) if database_url() else _open_sqlite(Path(key))
        except (OSError, *_errors()) as err:
            where = "the PostgreSQL state database" if database_url() else f"the state database {key}"
            raise StateUnavailable(f"{where} cannot be opened: {err}") from err
        conns[(os.getpid(), key)] = conn
        _ensure_schema(conn, key)
    return conn


def _ensure_schema(conn: Connection, key: str) -> None:
    from statedb.migrate import migrate_files  # the JSON/parquet state of earlier versions, moved in once

    with _ready_lock:
        if key in _ready:
            return
        try:
            with _write(conn):
                conn.script(schema_sql())
            migrate_files()
        except _errors() as err:
            _drop(key)
            raise StateUnavailable(f"the state database cannot be set up: {err}") from err
        _ready.add(key)


def forget() -> None:
    """Close this thread's connections and forget which schemas were made (tests that drop a database)."""
    for (pid, _), conn in _local.__dict__.pop("conns", {}).items():
        if pid == os.getpid():
            with contextlib.suppress(Exception):
                conn.raw.close()
    with _ready_lock:
        _ready.clear()


def _drop(key: str) -> None:
    conn = _local.__dict__.get("conns", {}).pop((os.getpid(), key), None)
    if conn is not None:
        with contextlib.suppress(Exception):
            conn.raw.close()


@contextlib.contextmanager
def _write(conn: Connection) -> Iterator[Connection]:
    if conn.kind == "postgresql":
        conn.raw.execute("BEGIN")
        # one writer at a time, as SQLite: a count-then-insert (the sign-in throttle) cannot be raced
        conn.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    else:
        conn.raw.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        with contextlib.suppress(*_errors()):
            conn.raw.execute("ROLLBACK")
        raise
    conn.raw.execute("COMMIT")


@contextlib.contextmanager
def transaction() -> Iterator[Connection]:
    """A write transaction, committed whole or rolled back; writers queue one behind another."""
    conn = connection()
    key = target()
    try:
        with _write(conn) as db:
            yield db
    except _errors() as err:
        _drop(key)  # a broken connection (server restarted) is opened afresh next time
        raise StateUnavailable(f"the state database cannot be written: {err}") from err


def read(sql: str, params: tuple | list = ()) -> list[tuple]:
    """Rows of one read-only statement."""
    conn = connection()
    try:
        return conn.execute(sql, params).fetchall()
    except _errors() as err:
        _drop(target())
        raise StateUnavailable(f"the state database cannot be read: {err}") from err
