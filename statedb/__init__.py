"""Run-time state (accounts, sessions, sign-in throttle, grants, the intervention register, audit log) in one
database: SQLite in the state folder by default, PostgreSQL when OBSERVATORY_DATABASE_URL names one.

`from statedb import transaction, read, sql`: `with transaction() as db: db.execute(sql("sessions.create"), ...)`.
"""

from statedb.audit import audit
from statedb.db import StateUnavailable, backend, database_url, db_path, read, target, transaction
from statedb.statements import sql

__all__ = ["StateUnavailable", "audit", "backend", "database_url", "db_path", "read", "sql", "target",
           "transaction"]
