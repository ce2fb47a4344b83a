"""The users file: config.state_dir()/accounts.json, written atomically under a lock, 0600."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from accounts import session_store
from accounts.hashing import hash_password, hash_stamp, verify_password
from accounts.models import AccountError, User, check_password, check_role, clean_username
from config import state_dir

_cache: dict[str, tuple[float, dict]] = {}


def users_path() -> Path:
    """Where the users are kept."""
    return state_dir() / "accounts.json"


@contextlib.contextmanager
def _locked():
    """An exclusive lock across processes (gunicorn workers, the CLI) for read-modify-write."""
    path = users_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read() -> dict:
    path = users_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {}
    hit = _cache.get(str(path))
    if hit and hit[0] == mtime:
        return hit[1]
    users = json.loads(path.read_text(encoding="utf-8")).get("users", {})
    _cache[str(path)] = (mtime, users)
    return users


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


def _write(users: dict) -> None:
    write_atomic(users_path(), json.dumps({"users": users}, indent=1, sort_keys=True))
    _cache.pop(str(users_path()), None)


def _user(name: str, rec: dict) -> User:
    return User(username=name, organisation=rec["organisation"], role=rec["role"])


def get_user(username: str, include_disabled: bool = False) -> User | None:
    """The user of that name, or None (also for a disabled account unless asked)."""
    rec = _read().get((username or "").strip().lower())
    if not rec or (rec.get("disabled") and not include_disabled):
        return None
    return _user(username.strip().lower(), rec)


def is_disabled(username: str) -> bool:
    """Whether the account exists and is disabled."""
    return bool(_read().get(username, {}).get("disabled"))


def set_disabled(username: str, disabled: bool) -> bool:
    """Disable (every session ends, sign-in refused) or enable an account; False if there is no such user."""
    name = (username or "").strip().lower()
    with _locked():
        users = dict(_read())
        if name not in users:
            return False
        users[name] = dict(users[name], disabled=bool(disabled),
                           updated=datetime.now(UTC).isoformat(timespec="seconds"))
        _write(users)
    if disabled:
        session_store.revoke_user(name)
    return True


def user_stamp(username: str) -> str | None:
    """The fingerprint of the user's current password hash (None for no such user)."""
    rec = _read().get(username)
    return hash_stamp(rec["password_hash"]) if rec else None


def list_users() -> list[User]:
    """Every user, by name."""
    return [_user(n, r) for n, r in sorted(_read().items())]


def save_user(username: str, organisation: str, role: str, password: str | None) -> User:
    """Create or update a user; a new user needs a password, an existing one keeps theirs when None."""
    name = clean_username(username)
    check_role(role)
    organisation = (organisation or "").strip()
    if not organisation or len(organisation) > 120:
        raise AccountError("An organisation name is needed (at most 120 characters).")
    with _locked():
        users = dict(_read())
        rec = dict(users.get(name, {}))
        if password is None and "password_hash" not in rec:
            raise AccountError("A new user needs a password.")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        if password is not None:
            rec["password_hash"] = hash_password(check_password(password))
        rec.update(organisation=organisation, role=role, updated=now)
        rec.setdefault("created", now)
        users[name] = rec
        _write(users)
    if password is not None:  # a new password ends every session, even one set back to the old password
        session_store.revoke_user(name)
    return _user(name, rec)


def remove_user(username: str) -> bool:
    """Delete a user (their sessions end at their next request); False if there was none."""
    name = (username or "").strip().lower()
    with _locked():
        users = dict(_read())
        if users.pop(name, None) is None:
            return False
        _write(users)
    session_store.revoke_user(name)
    return True


def authenticate(username: str, password: str) -> User | None:
    """The user if the password is theirs, else None (the same work either way)."""
    name = (username or "").strip().lower()
    rec = _read().get(name)
    if not verify_password(rec["password_hash"] if rec else None, password) or rec.get("disabled"):
        return None
    return _user(name, rec)


def ensure_admin(username: str, password: str, organisation: str = "Trafford Data Observatory") -> User:
    """Create the local admin, or reset their password and role when they differ (start-up from the environment)."""
    name = clean_username(username)
    rec = _read().get(name)
    if rec and rec["role"] == "admin" and verify_password(rec["password_hash"], password):
        return _user(name, rec)
    return save_user(name, rec["organisation"] if rec else organisation, "admin", password)
