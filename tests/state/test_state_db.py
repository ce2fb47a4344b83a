"""The run-time state database (statedb) on both backends: SQLite by default and a real PostgreSQL server that the
tests start themselves. Each test runs once per backend (the state_db fixture)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from accounts.models import User
from tests.interventions.test_register_log import CAT, _fields

pytestmark = pytest.mark.usefixtures("state_db")


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    """A fresh state folder (the SQLite file and any earlier files live there)."""
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    return tmp_path


def test_the_backend_is_the_one_asked_for(state_db, folder):
    from statedb import backend, read, sql

    assert backend() == state_db
    assert read(sql("sessions.count_all")) == [(0,)]
    assert (folder / "state.db").exists() == (state_db == "sqlite")


def test_users_sessions_and_their_revocation(state_db):
    from accounts import session_store
    from accounts.store import authenticate, list_users, save_user, set_disabled

    save_user("pat", "Trafford Housing Trust", "partner", "pat-password-123")
    assert authenticate("PAT", "pat-password-123") == User("pat", "Trafford Housing Trust", "partner")
    assert authenticate("pat", "wrong-password-123") is None
    now = time.time()
    sid = session_store.create("pat", now)
    assert session_store.check(sid, "pat", now, 60, 600) and not session_store.check(sid, "val", now, 60, 600)
    assert not session_store.check(sid, "pat", now + 61, 60, 600)  # idle too long: ended
    sid = session_store.create("pat", now)
    set_disabled("pat", True)
    assert session_store.count("pat") == 0 and authenticate("pat", "pat-password-123") is None
    assert [u.username for u in list_users()] == ["pat"]
    from statedb.audit import recent

    assert [(line["actor"], line["action"]) for line in recent(2)] == [("command line", "disable user"),
                                                                       ("pat", "sign in")]


def test_a_burst_of_attempts_gets_exactly_the_limit(state_db):
    """Counting and admitting an attempt is one transaction: 30 at once, 8 admitted, on either database."""
    from accounts.throttle import Throttle

    throttle = Throttle(lock_after=8)
    barrier = threading.Barrier(30)

    def attempt(_):
        barrier.wait()
        return throttle.begin("pat", "198.51.100.7")[0] == 0

    with ThreadPoolExecutor(30) as pool:
        admitted = sum(pool.map(attempt, range(30)))
    assert admitted == 8
    assert throttle.locked_for("pat", "198.51.100.7") > 0
    assert throttle.locked_for("pat", "198.51.100.8") == 0 and throttle.locked_for("val", "198.51.100.7") == 0


def test_a_success_takes_its_attempt_back(state_db):
    from accounts.throttle import Throttle

    throttle = Throttle(lock_after=3, address_limit=3)
    for _ in range(2):
        throttle.begin("pat", "a")
    _, delay, stamp = throttle.begin("val", "a")
    assert delay == 0
    throttle.succeeded("val", "a", stamp)
    assert throttle.begin("kim", "a")[0] == 0  # val's success is no failure: 2 counted at the address, not 3
    assert throttle.begin("sam", "a")[0] > 0


def test_register_history_ownership_and_audit(state_db):
    from interventions import RegisterError
    from interventions.store import Register
    from statedb.audit import recent

    council, dwp = User("cara", "Trafford Council", "partner"), User("dan", "DWP", "partner")
    reg = Register()
    item = reg.create(_fields(organisation="Trafford Council"), council, CAT)
    reg.edit(item.intervention_id, _fields(organisation="Trafford Council", title="Job hub"), council, CAT,
             expected_version=1)
    with pytest.raises(RegisterError, match="only Trafford Council"):
        reg.delete(item.intervention_id, dwp)
    with pytest.raises(RegisterError, match="Someone else changed"):
        reg.edit(item.intervention_id, _fields(organisation="Trafford Council"), council, CAT, expected_version=1)
    reg.delete(item.intervention_id, council, expected_version=2)
    assert [(r["version"], r["action"], r["title"]) for r in reg.history(item.intervention_id)] == [
        (1, "create", "Job club"), (2, "edit", "Job hub"), (3, "delete", "Job hub")]
    assert reg.current() == [] and Register().log() == reg.log()
    assert [line["action"] for line in recent(3)] == ["delete intervention", "edit intervention",
                                                      "create intervention"]


def test_grants_replace_and_revoke(state_db):
    from sharing import grants

    grants.grant("DWP", "claimant_rate", "ada")
    grants.grant("DWP", "claimant_rate", "bob")
    assert [row[:3] for row in grants.list_grants()] == [("DWP", "claimant_rate", "bob")]
    assert grants.granted("DWP", "claimant_rate") and grants.revoke("DWP", "claimant_rate")
    assert not grants.revoke("DWP", "claimant_rate")


def test_a_forked_child_opens_its_own_connection(state_db):
    """gunicorn --preload forks after the app has used the database: a child must never share the parent's socket."""
    import os

    from statedb import read, sql
    from statedb.db import connection

    parent = connection()
    pid = os.fork()
    if pid == 0:  # the child: its own connection, and it works
        ok = connection() is not parent and read(sql("sessions.count_all")) == [(0,)]
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert connection() is parent and read(sql("sessions.count_all")) == [(0,)]  # the parent's still works
