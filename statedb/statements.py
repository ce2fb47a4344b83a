"""The state database's SQL, kept in statedb/sql/*.sql as named statements (`-- name: topic.verb`)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "sql"
NAME = re.compile(r"^--\s*name:\s*([a-z_]+)\s*$", re.MULTILINE)


@functools.cache
def statements() -> dict[str, str]:
    """Every named statement as 'file.name' -> SQL text (bound parameters written ?)."""
    found: dict[str, str] = {}
    for path in sorted(FOLDER.glob("*.sql")):
        if path.stem == "schema":
            continue
        parts = NAME.split(path.read_text(encoding="utf-8"))
        for name, body in zip(parts[1::2], parts[2::2], strict=True):
            key = f"{path.stem}.{name}"
            if key in found:
                raise ValueError(f"{key} is named twice in {path.name}")
            found[key] = body.strip().rstrip(";")
    return found


def sql(name: str) -> str:
    """One named statement, e.g. sql('sessions.create'); KeyError for an unknown name."""
    return statements()[name]


def schema_sql() -> str:
    """The tables and indexes, written so SQLite and PostgreSQL both take them."""
    return (FOLDER / "schema.sql").read_text(encoding="utf-8")
