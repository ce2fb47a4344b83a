"""The state database as accounts first knew it: now the shared data-access module statedb (kept for imports)."""

from statedb.db import StateUnavailable, db_path, read, transaction

__all__ = ["StateUnavailable", "db_path", "read", "transaction"]
