"""Cross-site request forgery: a random token per session, checked on every request that changes anything.

Forms send it as the `csrf_token` field; Dash's renderer sends the `_csrf_token` cookie's value as the
X-CSRFToken header on callback POSTs (the cookie is readable by scripts on purpose; the session cookie is not).
"""

from __future__ import annotations

import hmac
import secrets

from flask import Response, request, session

COOKIE = "_csrf_token"
HEADER = "X-CSRFToken"
FIELD = "csrf_token"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
DASH_POST = "/_dash-update-component"


def token() -> str:
    """The session's token, made on first need."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def rotate() -> str:
    """A fresh token (at sign-in and sign-out)."""
    session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def request_ok() -> bool:
    """Whether this request may go ahead: safe methods always; anonymous Dash callbacks (they change nothing
    private); everything else only with the session's token as a form field or header."""
    if request.method in SAFE:
        return True
    if request.path.endswith(DASH_POST) and "user" not in session:
        return True
    expected = session.get("csrf")
    sent = request.headers.get(HEADER) or (request.form.get(FIELD) if request.mimetype in (
        "application/x-www-form-urlencoded", "multipart/form-data") else None)
    return bool(expected and sent) and hmac.compare_digest(str(expected), str(sent))


def rejection() -> Response:
    """The answer to a request without a valid token."""
    return Response("This request did not carry this site's security token (it may have come from another site, "
                    "or the page was open too long). Reload the page and try again.", status=403,
                    mimetype="text/plain")


def set_cookie(response: Response) -> Response:
    """Give the browser the session's token as a cookie Dash can read (only when the session has one)."""
    value = session.get("csrf")
    if value and request.cookies.get(COOKIE) != value:
        response.set_cookie(COOKIE, value, httponly=False, samesite="Lax", secure=request.is_secure, path="/")
    elif not value and COOKIE in request.cookies:
        response.delete_cookie(COOKIE, path="/")
    return response
