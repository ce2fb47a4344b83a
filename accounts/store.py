"""The users: a table of the state database (statedb), each change one transaction with its audit line."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from accounts.hashing import hash_password, hash_stamp, verify_password
from accounts.models import AccountError, User, check_password, check_role, clean_username
from statedb import audit, backend, db_path, read, sql, transaction


def users_path() -> Path | str:
    """Where the users are kept, as said to an administrator (the SQLite file, or 'PostgreSQL')."""
    return db_path() if backend() == "sqlite" else "the PostgreSQL state database"


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, fsynced, then renamed over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _record(username: str) -> tuple | None:
    rows = read(sql("users.get"), ((username or "").strip().lower(),))
    return rows[0] if rows else None


def _user(row: tuple) -> User:
    return User(username=row[0], organisation=row[1], role=row[2])


def get_user(username: str, include_disabled: bool = False) -> User | None:
    """The user of that name, or None (also for a disabled account unless asked)."""
    row = _record(username)
    if not row or (row[4] and not include_disabled):
        return None
    return _user(row)


def is_disabled(username: str) -> bool:
    """Whether the account exists and is disabled."""
    row = _record(username)
    return bool(row and row[4])


def set_disabled(username: str, disabled: bool, actor: str = "command line") -> bool:
    """Disable (every session ends, sign-in refused) or enable an account; False if there is no such user."""
    name = (username or "").strip().lower()
    with transaction() as db:
        if db.execute(sql("users.set_disabled"), (int(bool(disabled)), _now(), name)).rowcount == 0:
            return False
        audit(db, actor, "disable user" if disabled else "enable user", name)
        if disabled:
            db.execute(sql("sessions.remove_user"), (name,))
    return True


def user_stamp(username: str) -> str | None:
    """The fingerprint of the user's current password hash (None for no such user)."""
    row = _record(username)
    return hash_stamp(row[3]) if row else None


def list_users() -> list[User]:
    """Every user, by name."""
    return [_user(r) for r in read(sql("users.all"))]


def save_user(username: str, organisation: str, role: str, password: str | None,
              actor: str = "command line") -> User:
    """Create or update a user; a new user needs a password, an existing one keeps theirs when None."""
    name = clean_username(username)
    check_role(role)
    organisation = (organisation or "").strip()
    if not organisation or len(organisation) > 120:
        raise AccountError("An organisation name is needed (at most 120 characters).")
    new_hash = hash_password(check_password(password)) if password is not None else None  # slow: outside the lock
    with transaction() as db:
        rows = db.execute(sql("users.get"), (name,)).fetchall()
        if new_hash is None and not rows:
            raise AccountError("A new user needs a password.")
        now = _now()
        db.execute(sql("users.put"), (name, organisation, role, new_hash or rows[0][3], now, now))
        audit(db, actor, "save user" if rows else "create user", name, organisation=organisation, role=role,
              password_changed=new_hash is not None)
        if new_hash is not None:  # a new password ends every session, even one set back to the old password
            db.execute(sql("sessions.remove_user"), (name,))
    return User(username=name, organisation=organisation, role=role)


def remove_user(username: str, actor: str = "command line") -> bool:
    """Delete a user and end their sessions; False if there was none."""
    name = (username or "").strip().lower()
    with transaction() as db:
        if db.execute(sql("users.remove"), (name,)).rowcount == 0:
            return False
        db.execute(sql("sessions.remove_user"), (name,))
        audit(db, actor, "remove user", name)
    return True


def authenticate(username: str, password: str) -> User | None:
    """The user if the password is theirs, else None (the same work either way)."""
    row = _record(username)
    if not verify_password(row[3] if row else None, password) or row[4]:
        return None
    return _user(row)


def ensure_admin(username: str, password: str, organisation: str = "Trafford Data Observatory") -> User:
    """Create the local admin, or reset their password and role when they differ (start-up from the environment)."""
    name = clean_username(username)
    row = _record(name)
    if row and row[2] == "admin" and verify_password(row[3], password):
        return _user(row)
    return save_user(name, row[1] if row else organisation, "admin", password, actor="start-up (environment)")
