"""Named locks held across threads, processes and hosts through the state database, released when their holder
dies (kill -9 included): on PostgreSQL a session advisory lock on a connection of its own (the server drops it
with the connection); on SQLite a row naming the holder's host and pid, with a lease the holder renews."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import threading
import time
import zlib
from collections.abc import Iterator

from statedb.db import StateUnavailable, _errors, database_url, transaction
from statedb.statements import sql

LEASE = 60.0  # seconds a SQLite lock row stays held without renewal (a holder on another host that vanished)
POLL = 0.25


class Busy(RuntimeError):
    """Another holder has the lock."""


def _alive(pid: int) -> bool:
    """Whether a process of this host is running (a zombie, killed but not yet reaped, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True


def _stale(row: tuple, now: float) -> bool:
    _, host, pid, expires = row
    return expires < now or (host == socket.gethostname() and not _alive(int(pid)))


def _try_row(name: str, holder: str) -> bool:
    now = time.time()
    with transaction() as db:
        rows = db.execute(sql("locks.get"), (name,)).fetchall()
        if rows and not _stale(rows[0], now):
            return False
        db.execute(sql("locks.take"), (name, holder, socket.gethostname(), os.getpid(), now + LEASE))
    return True


@contextlib.contextmanager
def _row_lock(name: str, wait: float) -> Iterator[None]:
    holder = secrets.token_hex(8)
    deadline = time.monotonic() + wait
    while not _try_row(name, holder):
        if time.monotonic() >= deadline:
            raise Busy(name)
        time.sleep(POLL)
    done = threading.Event()

    def renew():
        while not done.wait(LEASE / 3):
            with contextlib.suppress(StateUnavailable), transaction() as db:
                db.execute(sql("locks.renew"), (time.time() + LEASE, name, holder))

    renewer = threading.Thread(target=renew, daemon=True, name=f"lock-{name}")
    renewer.start()
    try:
        yield
    finally:
        done.set()
        renewer.join()
        with contextlib.suppress(StateUnavailable), transaction() as db:
            db.execute(sql("locks.release"), (name, holder))


@contextlib.contextmanager
def _advisory_lock(name: str, wait: float) -> Iterator[None]:
    import psycopg

    key = zlib.crc32(f"lock:{name}".encode())
    try:
        # a connection of its own: a session lock is re-entrant within one session, and threads share theirs
        conn = psycopg.connect(database_url(), autocommit=True, connect_timeout=10)
    except psycopg.Error as err:
        raise StateUnavailable(f"the PostgreSQL state database cannot be opened: {err}") from err
    try:
        deadline = time.monotonic() + wait
        while not _try_advisory(conn, key, name):
            if time.monotonic() >= deadline:
                raise Busy(name)
            time.sleep(POLL)
        yield  # closing the connection (below, or the process dying) lets the lock go
    finally:
        with contextlib.suppress(Exception):
            conn.close()


def _try_advisory(conn, key: int, name: str) -> bool:
    try:
        return bool(conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0])
    except _errors() as err:
        raise StateUnavailable(f"the state database cannot take the lock {name!r}: {err}") from err


def held(name: str, wait: float):
    """Hold the lock `name` for a with-block, waiting up to `wait` seconds (Busy after that)."""
    return _advisory_lock(name, wait) if database_url() else _row_lock(name, wait)
