"""Signed-in sessions kept on the server: the cookie holds only a random id, so ending a session is a delete."""

from __future__ import annotations

import secrets

from statedb import audit, read, sql, transaction


def create(username: str, now: float) -> str:
    """A new session for the user; its random id."""
    sid = secrets.token_urlsafe(32)
    with transaction() as db:
        db.execute(sql("sessions.create"), (sid, username, now, now))
        audit(db, username, "sign in", username)
    return sid


def check(sid: str, username: str, now: float, idle: float, max_age: float) -> bool:
    """Whether the session is live for that user; an expired one is deleted, a live one's idle clock refreshed."""
    if not sid:
        return False
    rows = read(sql("sessions.get"), (sid,))
    if not rows or rows[0][0] != username:
        return False
    _, created, seen = rows[0]
    if now - seen > idle or now - created > max_age:
        revoke(sid)
        return False
    if now - seen > 60:  # at most one write a minute per session
        with transaction() as db:
            db.execute(sql("sessions.touch"), (now, sid))
    return True


def revoke(sid: str) -> None:
    """End one session."""
    with transaction() as db:
        db.execute(sql("sessions.remove"), (sid,))


def revoke_user(username: str) -> None:
    """End every session of a user (password changed, account disabled or removed)."""
    with transaction() as db:
        db.execute(sql("sessions.remove_user"), (username,))


def count(username: str) -> int:
    """How many live sessions the user has."""
    return read(sql("sessions.count_user"), (username,))[0][0]
