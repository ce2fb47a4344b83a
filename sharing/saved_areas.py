"""Named custom areas saved by signed-in partners: an append-only list in $OBSERVATORY_STATE/custom_areas.json.

A saved area never changes: saving a name again with other LSOAs adds a new version with its own link (the link
holds the LSOAs and name, so it always shows what was saved)."""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC, datetime
from pathlib import Path

from accounts.store import write_atomic
from config import state_dir

_lock = threading.Lock()
SAVERS = ("partner", "admin")


def path() -> Path:
    """Where saved areas are kept."""
    return state_dir() / "custom_areas.json"


def _read() -> list[dict]:
    try:
        return json.loads(path().read_text(encoding="utf-8")).get("areas", [])
    except FileNotFoundError:
        return []


def can_save(user) -> bool:
    """Partners and admins save areas for their organisation."""
    return user is not None and user.role in SAVERS


def save_area(user, codes: list[str], name: str) -> dict:
    """Save (or re-find) a named area for the user's organisation; a changed area under a saved name is a new
    version. Returns the record: id, name, version, lsoa (codes), organisation, username, created."""
    if not can_save(user):
        raise PermissionError("Only signed-in partners can save areas.")
    with _lock:
        areas = _read()
        mine = [a for a in areas if a["organisation"] == user.organisation and a["name"] == name]
        for a in mine:
            if a["lsoa"] == list(codes):
                return a  # the same area saved again: the same record and link
        record = {"id": hashlib.sha256(f"{user.organisation}|{name}|{','.join(codes)}".encode()).hexdigest()[:12],
                  "name": name, "version": len(mine) + 1, "lsoa": list(codes), "organisation": user.organisation,
                  "username": user.username, "created": datetime.now(UTC).isoformat(timespec="seconds")}
        write_atomic(path(), json.dumps({"areas": [*areas, record]}, indent=1))
        return record


def saved_areas(user) -> list[dict]:
    """The areas saved by the user's organisation, newest first (none for visitors)."""
    if user is None:
        return []
    return sorted((a for a in _read() if a["organisation"] == user.organisation), key=lambda a: a["created"],
                  reverse=True)
