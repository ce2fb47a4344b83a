"""Earlier versions kept state in files: accounts.json, the register's interventions.parquet log and the batches'
manifest.json. The first start of a database for a state folder reads them in, each once (a row in `migrations`
says so, file or no file), and leaves the files where they were (manifest.json stays the build's snapshot)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime

from config import state_dir
from statedb.statements import sql

log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _accounts(db) -> str | None:
    path = state_dir() / "accounts.json"
    if not path.exists():
        return None
    users = json.loads(path.read_text(encoding="utf-8")).get("users", {})
    for name, rec in users.items():
        created = rec.get("created") or _now()
        db.execute(sql("users.put_missing"), (name, rec["organisation"], rec["role"], rec["password_hash"],
                                              int(bool(rec.get("disabled"))), created, rec.get("updated") or created))
    return f"{len(users)} accounts from {path}"


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def _register(db) -> str | None:
    path = state_dir() / "interventions.parquet"
    if not path.exists():
        return None
    import pyarrow.parquet as pq

    rows = pq.read_table(path).to_pylist()
    for row in rows:
        fields = {k: _plain(v) for k, v in row.items()
                  if k not in ("intervention_id", "version", "action", "changed_by", "changed_at")}
        db.execute(sql("interventions.add_missing"), (
            row["intervention_id"], int(row["version"]), row["action"], row["changed_by"] or "",
            row["changed_at"] or "", fields.get("organisation") or "", json.dumps(fields, sort_keys=True)))
    return f"{len(rows)} register versions from {path}"


def _batches(db) -> str | None:
    path = state_dir() / "batches" / "manifest.json"
    if not path.exists():
        return None
    records = json.loads(path.read_text(encoding="utf-8"))
    records = records["batches"] if isinstance(records, dict) else records
    for rec in records:
        db.execute(sql("batches.add_missing"), (rec["batch_id"], rec.get("organisation") or "",
                                                rec.get("status") or "draft", json.dumps(rec, sort_keys=True)))
    return f"{len(records)} batch records from {path}"


STEPS = (("accounts.json", _accounts), ("interventions.parquet", _register), ("batches manifest", _batches))


def migrate_files() -> list[str]:
    """Move each earlier file into the database unless done before (by any process); what was moved, in words."""
    from statedb.db import transaction

    moved = []
    for name, step in STEPS:
        # the marker is per state folder: two folders may share one PostgreSQL
        key = f"{name}@{state_dir()}"
        with transaction() as db:
            if db.execute(sql("migrations.done"), (key,)).fetchall():
                continue
            detail = step(db)
            # marked even when there was no file: what the database writes later is never read in again
            db.execute(sql("migrations.mark"), (key, _now(), detail or "no file"))
            if detail:
                moved.append(detail)
                log.warning("moved into the state database: %s", detail)
    return moved
