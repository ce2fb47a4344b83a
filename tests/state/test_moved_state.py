"""Saved custom areas, pending uploads and the secret key live in the state database on either backend (issue 19,
"a real database for state"), and the files earlier versions kept them in move in on first start, once."""

from __future__ import annotations

import json
import os
import time

import pytest

from accounts.models import User

pytestmark = pytest.mark.usefixtures("state_db")
PAT = User("pat", "Trafford Housing Trust", "partner")
LSOAS = ["E01006187", "E01006188", "E01006189"]


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    monkeypatch.delenv("OBSERVATORY_SECRET_KEY", raising=False)
    return tmp_path


def test_saved_areas_are_rows_versioned_per_organisation(folder):
    from sharing import saved_areas

    first = saved_areas.save_area(PAT, LSOAS[:2], "Estates")
    assert saved_areas.save_area(PAT, LSOAS[:2], "Estates") == first
    second = saved_areas.save_area(PAT, LSOAS, "Estates")
    assert (first["version"], second["version"]) == (1, 2)
    assert {a["id"] for a in saved_areas.saved_areas(PAT)} == {first["id"], second["id"]}
    assert saved_areas.saved_areas(User("o", "Other group", "partner")) == []
    assert not (folder / "custom_areas.json").exists()


def test_pending_uploads_are_rows_for_their_uploader_only(folder):
    from sharing import pending

    token = pending.save(b"area_code,value\nE05000819,1\n", "rates\n.csv", "pat")
    content, name = pending.load(token, "pat")
    assert content == b"area_code,value\nE05000819,1\n" and "\n" not in name
    with pytest.raises(pending.PendingError, match="upload it again"):
        pending.load(token, "val")
    pending.discard(token)
    with pytest.raises(pending.PendingError, match="expired"):
        pending.load(token, "pat")
    assert not (folder / "uploads_pending").exists()


def test_a_pending_upload_is_forgotten_after_a_day(folder, monkeypatch):
    from sharing import pending

    token = pending.save(b"x", "x.csv", "pat")
    later = time.time() + pending.KEEP_SECONDS + 1
    monkeypatch.setattr(pending.time, "time", lambda: later)
    with pytest.raises(pending.PendingError, match="expired"):
        pending.load(token, "pat")
    pending.save(b"y", "y.csv", "pat")  # each save forgets the old ones
    from statedb import read

    assert read("SELECT count(*) FROM pending_uploads")[0][0] == 1


def test_the_secret_key_is_made_once_and_shared(folder, monkeypatch):
    from accounts.secret import secret_key
    from statedb import db

    key = secret_key()
    assert len(key) == 64 and secret_key() == key
    db.forget()  # as another process would
    assert secret_key() == key
    assert not (folder / "secret_key").exists()
    monkeypatch.setenv("OBSERVATORY_SECRET_KEY", "from-the-environment")
    assert secret_key() == "from-the-environment"


def test_earlier_files_move_in_once(folder):
    from accounts.secret import secret_key
    from sharing import pending, saved_areas
    from statedb import db
    from statedb.migrate import migrate_files

    area = {"id": "abc123def456", "name": "Estates", "version": 1, "lsoa": LSOAS[:2],
            "organisation": PAT.organisation, "username": "pat", "created": "2026-03-01T12:00:00+00:00"}
    (folder / "custom_areas.json").write_text(json.dumps({"areas": [area]}))
    (folder / "secret_key").write_text("k" * 64)
    os.chmod(folder / "secret_key", 0o600)
    token = "0123456789abcdef" * 2
    (folder / "uploads_pending" / token).mkdir(parents=True)
    (folder / "uploads_pending" / token / "file").write_bytes(b"a,b\n1,2\n")
    (folder / "uploads_pending" / token / "meta.json").write_text(
        json.dumps({"filename": "old.csv", "username": "pat", "saved": time.time()}))
    stale = "f" * 32
    (folder / "uploads_pending" / stale).mkdir()
    (folder / "uploads_pending" / stale / "file").write_bytes(b"old")
    (folder / "uploads_pending" / stale / "meta.json").write_text(
        json.dumps({"filename": "stale.csv", "username": "pat", "saved": time.time() - 3 * 24 * 3600}))
    # first start: the first use of the database moves them in
    assert saved_areas.saved_areas(PAT) == [area]
    assert secret_key() == "k" * 64  # sessions signed before the move stay valid
    assert pending.load(token, "pat") == (b"a,b\n1,2\n", "old.csv")
    with pytest.raises(pending.PendingError):
        pending.load(stale, "pat")
    # again, and as a restarted process would: nothing is added twice
    assert migrate_files() == []
    db.forget()
    assert saved_areas.saved_areas(PAT) == [area]
    saved_areas.save_area(PAT, LSOAS, "Estates")
    db.forget()
    assert [a["version"] for a in saved_areas.saved_areas(PAT)] == [2, 1]
