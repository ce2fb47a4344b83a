"""Signed-in sessions: who is signed in, ended after a spell of idleness or a maximum age."""

from __future__ import annotations

import time

from flask import current_app, g, has_request_context, session

from accounts import csrf, session_store
from accounts.models import User
from accounts.store import get_user, user_stamp

USER_COOKIE = "obs_user"  # the username for the navbar's "Signed in as" (display only, never trusted)
IDLE_DEFAULT = 8 * 3600
MAX_AGE_DEFAULT = 24 * 3600


def _limits() -> tuple[float, float]:
    cfg = current_app.config
    return float(cfg.get("ACCOUNTS_IDLE_SECONDS", IDLE_DEFAULT)), float(cfg.get("ACCOUNTS_MAX_AGE_SECONDS",
                                                                                 MAX_AGE_DEFAULT))


def current_user() -> User | None:
    """The signed-in user of this request (Flask views and Dash callbacks), or None outside a request or signed out."""
    if not has_request_context():
        return None
    if "user" not in session:  # the anonymous case: no file read, no cookie written
        return None
    if "accounts_user" in g:
        return g.accounts_user
    user = _valid_user()
    g.accounts_user = user
    return user


def _valid_user() -> User | None:
    name = session.get("user")
    idle, max_age = _limits()
    now = time.time()
    seen, since = float(session.get("seen", 0)), float(session.get("since", 0))
    user = get_user(name)
    # a removed or disabled user, a changed password (stamp), an expired or revoked session all sign out; the
    # server's record decides, so a cookie replayed after sign-out reads nothing
    if (user is None or session.get("stamp") != user_stamp(name) or now - seen > idle or now - since > max_age
            or not session_store.check(session.get("sid", ""), name, now, idle, max_age)):
        sign_out()
        return None
    if now - seen > 60:  # refresh the idle clock at most once a minute: fewer cookie rewrites
        session["seen"] = now
    return user


def sign_in(user: User) -> None:
    """Start a fresh session for the user (a new session and token: no fixation)."""
    session.clear()
    now = time.time()
    session.permanent = True
    session.update(user=user.username, stamp=user_stamp(user.username), since=now, seen=now,
                   sid=session_store.create(user.username, now))
    csrf.rotate()
    g.accounts_user = user


def sign_out() -> None:
    """End the session (the CSRF token is kept so the sign-in form still works)."""
    token = session.get("csrf")
    if session.get("sid"):
        session_store.revoke(session["sid"])
    session.clear()
    if token:
        session["csrf"] = token
    g.accounts_user = None
