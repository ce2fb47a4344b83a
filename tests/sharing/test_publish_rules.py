"""Publishing without a real build: the lock, no rebuild for private data, background publishing, the embargo
check on requests, and recovery of a publish interrupted by a stopped app."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

import sharing.publish as pub
from accounts import User
from sharing.batches import create_batch, get_batch, update_batch
from tests.sharing.test_batches import META, rows

PAT = User("pat", "Trafford Housing Trust", "partner")


@pytest.fixture()
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    builds: list[str | None] = []

    def fake_rebuild(publishing=None):
        builds.append(publishing)
        time.sleep(0.2)
        return True, "built", 0.2

    monkeypatch.setattr(pub, "rebuild_store", fake_rebuild)
    # the fake build "holds" every batch that belongs in the public store
    monkeypatch.setattr(pub, "held_batch_ids", lambda: {b.batch_id for b in pub.list_batches()
                                                        if pub.belongs_in_public_store(b)})
    return builds


def make(visibility="public", embargo=None):
    return create_batch(rows(), indicator_meta=META, organisation="Trafford Housing Trust", uploaded_by="pat",
                        original=b"x", filename="a.csv", visibility=visibility, embargo=embargo)


def test_private_publish_needs_no_rebuild(state):
    b = make("private")
    result = pub.publish(b.batch_id, PAT)
    assert result.ok and state == [] and "only Trafford Housing Trust" in result.message
    assert not pub.publish(b.batch_id, PAT).ok  # already published


def test_public_publish_rebuilds_once_with_its_batch(state):
    b = make()
    assert pub.publish(b.batch_id, PAT).ok
    assert state == [b.batch_id] and get_batch(b.batch_id).in_public_store


def test_lock_refuses_a_second_rebuild(state):
    b = make()
    with pub.publish_lock(1):
        result = pub.publish(b.batch_id, PAT, wait=0.3)
    assert not result.ok and "Another publish is running" in result.message
    assert get_batch(b.batch_id).status == "draft" and state == []


def test_two_publishes_never_overlap(state, monkeypatch):
    active, most = [0], [0]

    def slow(publishing=None):
        active[0] += 1
        most[0] = max(most[0], active[0])
        time.sleep(0.3)
        active[0] -= 1
        return True, "built", 0.3

    monkeypatch.setattr(pub, "rebuild_store", slow)
    batches = [make(), make()]
    threads = [threading.Thread(target=pub.publish, args=(b.batch_id, PAT)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1 and all(get_batch(b.batch_id).status == "published" for b in batches)


def test_background_publish_shows_publishing_then_settles(state):
    b = make()
    result = pub.publish_in_background(b.batch_id, PAT)
    assert result.ok and result.status == "publishing" and "Publishing…" in result.message
    assert get_batch(b.batch_id).status == "publishing"
    deadline = time.time() + 10
    while get_batch(b.batch_id).status == "publishing" and time.time() < deadline:
        time.sleep(0.05)
    assert get_batch(b.batch_id).status == "published"


def test_passed_embargo_triggers_a_background_rebuild(state):
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    b = make(embargo=tomorrow)
    assert pub.publish(b.batch_id, PAT).ok and state == []
    assert not pub.refresh_if_due(force=True)
    update_batch(b.batch_id, embargo=dt.datetime.now(dt.UTC).date().isoformat())
    assert not pub.refresh_if_due()  # checked moments ago: not again yet
    assert pub.refresh_if_due(force=True)
    deadline = time.time() + 10
    while not get_batch(b.batch_id).in_public_store and time.time() < deadline:
        time.sleep(0.05)
    assert get_batch(b.batch_id).in_public_store and state == [None]


def test_interrupted_publish_marked_failed(state):
    b = make()
    update_batch(b.batch_id, status="publishing")
    assert pub.recover_interrupted() == [b.batch_id]
    after = get_batch(b.batch_id)
    assert after.status == "failed" and "interrupted" in after.message
    assert pub.publish(b.batch_id, PAT).ok  # a failed batch can be published again


def test_failed_withdrawal_retried(state, monkeypatch):
    b = make()
    assert pub.publish(b.batch_id, PAT).ok
    monkeypatch.setattr(pub, "rebuild_store", lambda publishing=None: (False, "disk full", 0.1))
    result = pub.withdraw(b.batch_id, PAT)
    assert not result.ok and result.status == "withdrawn" and "retried" in result.message
    assert pub.needs_rebuild()  # the scheduled check will rebuild


def test_withdrawn_message_is_true_while_its_rows_are_still_public(state, monkeypatch):
    """During the rebuild that removes a withdrawn batch its rows are still public: its message says so, and says
    "removed" only once they are (issue 19, Low)."""
    b = make()
    assert pub.publish(b.batch_id, PAT).ok and get_batch(b.batch_id).in_public_store
    release = threading.Event()
    real = pub.rebuild_store

    def held(publishing=None):
        release.wait(10)
        return real(publishing)

    monkeypatch.setattr(pub, "rebuild_store", held)
    result = pub.withdraw_in_background(b.batch_id, PAT)
    during = get_batch(b.batch_id)
    assert during.status == "withdrawn" and during.in_public_store
    for text in (result.message, during.message):
        assert "no longer shown" not in text and "still" in text, text
    release.set()
    deadline = time.time() + 10
    while get_batch(b.batch_id).in_public_store and time.time() < deadline:
        time.sleep(0.05)
    assert "removed from the public data" in get_batch(b.batch_id).message


def test_withdrawing_a_batch_never_public_says_it_is_not_shown(state):
    b = make("private")
    assert pub.publish(b.batch_id, PAT).ok
    assert pub.withdraw_in_background(b.batch_id, PAT).ok
    assert "no longer shown" in get_batch(b.batch_id).message
