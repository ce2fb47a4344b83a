"""Earlier versions kept state in files: accounts.json, the register's interventions.parquet log, the batches'
manifest.json, custom_areas.json, the secret_key file and the uploads_pending folder. The first start of a
database for a state folder reads them in, each once (a row in `migrations` says so, file or no file), and leaves
the files where they were (manifest.json stays the build's snapshot)."""

from __future__ import annotations

import base64
import json
import logging
import re
import time
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


def _saved_areas(db) -> str | None:
    path = state_dir() / "custom_areas.json"
    if not path.exists():
        return None
    areas = json.loads(path.read_text(encoding="utf-8")).get("areas", [])
    for rec in areas:
        db.execute(sql("saved_areas.add"), (rec["id"], rec["organisation"], rec["name"], json.dumps(rec)))
    return f"{len(areas)} saved areas from {path}"


def _secret_key(db) -> str | None:
    path = state_dir() / "secret_key"
    key = path.read_text(encoding="utf-8").strip() if path.exists() else ""
    if not key:
        return None
    db.execute(sql("settings.put_missing"), ("secret_key", key))  # sessions signed before the move stay valid
    return f"the secret key from {path}"


PENDING_TOKEN = re.compile(r"^[0-9a-f]{32}$")  # as sharing.pending makes them
PENDING_KEEP = 24 * 3600  # sharing.pending forgets an upload after a day


def _pending(db) -> str | None:
    root = state_dir() / "uploads_pending"
    if not root.is_dir():
        return None
    moved = 0
    for folder in sorted(root.iterdir()):
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            content = (folder / "file").read_bytes()
        except (OSError, ValueError):
            continue  # half-written by a process that stopped: the partner uploads it again
        if not PENDING_TOKEN.match(folder.name) or meta.get("saved", 0) < time.time() - PENDING_KEEP:
            continue
        db.execute(sql("pending.add"), (folder.name, meta["username"], meta["filename"], float(meta["saved"]),
                                        base64.b64encode(content).decode("ascii")))
        moved += 1
    return f"{moved} pending uploads from {root}"


STEPS = (("accounts.json", _accounts), ("interventions.parquet", _register), ("batches manifest", _batches),
         ("custom_areas.json", _saved_areas), ("secret_key", _secret_key), ("uploads_pending", _pending))


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
