"""Earlier versions' files (accounts.json, the register's parquet log, the batches' manifest) move into the state
database on first start, once, on either backend: a second start, or a second process, adds nothing."""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.usefixtures("state_db")

# the register's file as earlier versions wrote it (interventions/store.py before the database)
OLD_SCHEMA = pa.schema([
    ("intervention_id", pa.string()), ("version", pa.int64()), ("action", pa.string()),
    ("changed_by", pa.string()), ("changed_at", pa.string()),
    ("title", pa.string()), ("organisation", pa.string()), ("service", pa.string()), ("theme", pa.string()),
    ("areas", pa.list_(pa.string())), ("start", pa.date32()), ("end", pa.date32()),
    ("cost_total", pa.float64()), ("cost_per_year", pa.float64()),
    ("indicators", pa.list_(pa.string())), ("directions", pa.list_(pa.string())),
    ("description", pa.string()), ("link", pa.string()),
])


def _old_state(folder) -> None:
    from accounts.hashing import hash_password

    users = {"pat": {"organisation": "Trafford Housing Trust", "role": "partner", "created": "2026-01-02T03:04:05+00:00",
                     "updated": "2026-01-02T03:04:05+00:00", "password_hash": hash_password("pat-password-123")},
             "old": {"organisation": "GMP", "role": "viewer", "disabled": True, "created": "2026-01-01T00:00:00+00:00",
                     "updated": "2026-01-01T00:00:00+00:00", "password_hash": hash_password("old-password-123")}}
    (folder / "accounts.json").write_text(json.dumps({"users": users}))
    base = {"title": "Job club", "organisation": "Trafford Council", "service": "Skills", "theme": "economy",
            "areas": ["E05000824"], "start": date(2016, 4, 1), "end": None, "cost_total": 180000.0,
            "cost_per_year": None, "indicators": ["claimant_rate"], "directions": ["decrease"], "description": "",
            "link": ""}
    rows = [{"intervention_id": "iv-old1", "version": 1, "action": "create", "changed_by": "alice (Trafford)",
             "changed_at": "2026-02-01T10:00:00Z", **base},
            {"intervention_id": "iv-old1", "version": 2, "action": "edit", "changed_by": "bob (DWP)",
             "changed_at": "2026-02-02T10:00:00Z", **base, "title": "Job club and hub"},
            {"intervention_id": "iv-old2", "version": 1, "action": "create", "changed_by": "alice (Trafford)",
             "changed_at": "2026-02-03T10:00:00Z", **base, "title": "Warm homes", "end": date(2018, 3, 31)}]
    pq.write_table(pa.Table.from_pylist(rows, schema=OLD_SCHEMA), folder / "interventions.parquet")
    batch = {"batch_id": "b20260301120000-abcd1234", "sha256": "0" * 64, "filename": "rates.csv",
             "organisation": "Trafford Housing Trust", "uploaded_by": "pat", "uploaded_at": "2026-03-01T12:00:00+00:00",
             "visibility": "partners", "embargo": None, "suppress_below": 5, "status": "published", "rows": 2,
             "indicator_ids": ["x_ind"], "new_indicator": None, "value_type": None, "message": "Published.",
             "in_public_store": False, "published_at": "2026-03-01T12:05:00+00:00", "published_by": "pat",
             "withdrawn_at": None, "withdrawn_by": None}
    (folder / "batches").mkdir()
    (folder / "batches" / "manifest.json").write_text(json.dumps({"batches": [batch]}))


def test_files_move_in_once_and_again_adds_nothing(tmp_path, monkeypatch):
    from accounts.store import authenticate, is_disabled, list_users
    from interventions.store import Register
    from statedb import db, read, sql
    from statedb.migrate import migrate_files

    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    _old_state(tmp_path)
    # first start: the first use of the database moves the files in
    assert [u.username for u in list_users()] == ["old", "pat"]
    assert authenticate("pat", "pat-password-123").organisation == "Trafford Housing Trust"
    assert is_disabled("old") and authenticate("old", "old-password-123") is None
    reg = Register()
    assert [(i.intervention_id, i.title, i.version, i.end) for i in reg.current()] == [
        ("iv-old1", "Job club and hub", 2, None), ("iv-old2", "Warm homes", 1, date(2018, 3, 31))]
    assert [r["changed_by"] for r in reg.history("iv-old1")] == ["alice (Trafford)", "bob (DWP)"]
    from sharing.batches import get_batch, list_batches, update_batch

    (old_batch,) = list_batches()
    assert (old_batch.status, old_batch.organisation, old_batch.indicator_ids) == (
        "published", "Trafford Housing Trust", ("x_ind",))
    # again, and as a restarted process would: nothing is added twice
    assert migrate_files() == []
    db.forget()
    assert len(list_users()) == 2 and read(sql("interventions.count"))[0][0] == 3 and len(list_batches()) == 1
    # a change is the database's, and the build's manifest follows it
    update_batch(old_batch.batch_id, status="withdrawn", withdrawn_by="pat")
    db.forget()
    assert get_batch(old_batch.batch_id).status == "withdrawn"
    manifest = json.loads((tmp_path / "batches" / "manifest.json").read_text())["batches"]
    assert [b["status"] for b in manifest] == ["withdrawn"]
    # the files stay where they were; the database is now the record
    assert (tmp_path / "accounts.json").exists() and (tmp_path / "interventions.parquet").exists()
    Register().create({**reg.history("iv-old2")[0], "title": "New"}, "carol", _catalogue())
    db.forget()
    assert read(sql("interventions.count"))[0][0] == 4


def _catalogue():
    from tests.interventions.test_register_log import CAT

    return CAT
