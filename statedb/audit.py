"""The audit log: who did what to which account, intervention or batch, written in the same transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from statedb.statements import sql


def audit(db, actor: str, action: str, target: str, **detail) -> None:
    """Add one line to the audit log inside an open transaction `db` (never a password or a hash in detail)."""
    # to the microsecond: lines written one after another sort in that order
    db.execute(sql("audit.add"), (datetime.now(UTC).isoformat(timespec="microseconds"), str(actor)[:200], action,
                                  str(target)[:200], json.dumps(detail, default=str, sort_keys=True)[:2000]))


def recent(limit: int = 100) -> list[dict]:
    """The latest lines, newest first."""
    from statedb.db import read

    return [{"at": at, "actor": actor, "action": action, "target": target, "detail": json.loads(detail)}
            for at, actor, action, target, detail in read(sql("audit.recent"), (int(limit),))]
