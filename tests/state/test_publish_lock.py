"""The publish lock is the state database's, on either backend: one holder at a time across threads and processes
(and hosts sharing PostgreSQL), and a holder killed with kill -9 lets it go (issue 19, "a real database for state")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("state_db")
ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from sharing.publish import publish_lock
with publish_lock(5):
    print("held", flush=True)
    time.sleep(120)
"""


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    return tmp_path


def test_one_holder_at_a_time_across_threads():
    from sharing.publish import LockBusy, publish_lock

    inside, peak, busy = [0], [0], []
    guard = threading.Lock()

    def publish():
        try:
            with publish_lock(0):
                with guard:
                    inside[0] += 1
                    peak[0] = max(peak[0], inside[0])
                time.sleep(0.3)
                with guard:
                    inside[0] -= 1
        except LockBusy as err:
            busy.append(str(err))

    threads = [threading.Thread(target=publish) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 1 and len(busy) == 5 and "Another publish is running" in busy[0]
    with publish_lock(0):  # let go after each holder
        pass


def test_a_waiter_gets_the_lock_when_the_holder_lets_go():
    from sharing.publish import publish_lock

    released = threading.Event()

    def hold():
        with publish_lock(0):
            time.sleep(0.5)
        released.set()

    t = threading.Thread(target=hold)
    t.start()
    time.sleep(0.1)
    with publish_lock(5):
        assert released.is_set()
    t.join()


def test_a_holder_killed_with_kill_9_lets_the_lock_go():
    """As a worker killed mid-publish: another process is refused while it lives and gets the lock once it is dead."""
    from sharing.publish import LockBusy, publish_lock

    child = subprocess.Popen([sys.executable, "-c", HOLDER], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(LockBusy), publish_lock(0.5):
            pass
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        started = time.monotonic()
        with publish_lock(10):
            assert time.monotonic() - started < 5  # at once, not after a lease runs out
    finally:
        child.kill()
        child.wait()


def test_a_sqlite_lock_row_of_a_vanished_host_is_taken_once_its_lease_runs_out(state_db):
    if state_db != "sqlite":
        pytest.skip("the lock row is SQLite's; PostgreSQL's server lets go of a dead connection's lock itself")
    from sharing.publish import LockBusy, publish_lock
    from statedb import sql, transaction

    with transaction() as db:
        db.execute(sql("locks.take"), ("publish", "other", "another-host", 1, time.time() + 30))
    with pytest.raises(LockBusy), publish_lock(0):
        pass
    with transaction() as db:
        db.execute(sql("locks.take"), ("publish", "other", "another-host", 1, time.time() - 1))
    with publish_lock(0):
        pass
