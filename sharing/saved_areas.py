"""Named custom areas saved by signed-in partners: an append-only table of the state database (statedb).

A saved area never changes: saving a name again with other LSOAs adds a new version with its own link (the link
holds the LSOAs and name, so it always shows what was saved)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from statedb import read, sql, transaction

SAVERS = ("partner", "admin")


def can_save(user) -> bool:
    """Partners and admins save areas for their organisation."""
    return user is not None and user.role in SAVERS


def save_area(user, codes: list[str], name: str) -> dict:
    """Save (or re-find) a named area for the user's organisation; a changed area under a saved name is a new
    version. Returns the record: id, name, version, lsoa (codes), organisation, username, created."""
    if not can_save(user):
        raise PermissionError("Only signed-in partners can save areas.")
    with transaction() as db:  # one writer at a time: two saves of one name cannot both be version 2
        rows = db.execute(sql("saved_areas.of_name"), (user.organisation, name)).fetchall()
        mine = [json.loads(r[0]) for r in rows]
        for a in mine:
            if a["lsoa"] == list(codes):
                return a  # the same area saved again: the same record and link
        record = {"id": hashlib.sha256(f"{user.organisation}|{name}|{','.join(codes)}".encode()).hexdigest()[:12],
                  "name": name, "version": len(mine) + 1, "lsoa": list(codes), "organisation": user.organisation,
                  "username": user.username, "created": datetime.now(UTC).isoformat(timespec="seconds")}
        db.execute(sql("saved_areas.add"), (record["id"], user.organisation, name, json.dumps(record)))
        return record


def saved_areas(user) -> list[dict]:
    """The areas saved by the user's organisation, newest first (none for visitors)."""
    if user is None:
        return []
    rows = [json.loads(r[0]) for r in read(sql("saved_areas.of_organisation"), (user.organisation,))]
    return sorted(rows, key=lambda a: a["created"], reverse=True)
