"""The key that signs session cookies: from the environment, else made once and kept in the state database, so
every worker and every host sharing the database signs alike."""

from __future__ import annotations

import os
import secrets

from statedb import read, sql, transaction

NAME = "secret_key"


def secret_key() -> str:
    """OBSERVATORY_SECRET_KEY, or the key in the state database (made by the first process to need it)."""
    if os.environ.get("OBSERVATORY_SECRET_KEY"):
        return os.environ["OBSERVATORY_SECRET_KEY"]
    rows = read(sql("settings.get"), (NAME,))
    if rows:
        return rows[0][0]
    with transaction() as db:  # two workers starting together: the first insert wins, both read it back
        db.execute(sql("settings.put_missing"), (NAME, secrets.token_hex(32)))
        return db.execute(sql("settings.get"), (NAME,)).fetchall()[0][0]
