"""How large a request body may be: small for visitors (a Dash callback's inputs), room for an upload when signed
in. Checked on Content-Length before anything reads the body, so a 300 MB POST costs no memory."""

from __future__ import annotations

import json

from flask import Response, request, session

from sharing.parse import MAX_BYTES

ANONYMOUS = 2 * 1024 * 1024  # the largest public callback (500 area codes and the URL state) is a few KB
SIGNED_IN = MAX_BYTES * 4 // 3 + 4 * 1024 * 1024  # a 20 MB file as base64 in a callback body, and its inputs


def body_limit(signed_in: bool) -> int:
    """The most bytes a request body may hold."""
    return SIGNED_IN if signed_in else ANONYMOUS


def too_large() -> Response | None:
    """A 413 for a body over the limit (a body without a length is cut at the signed-in limit by Flask)."""
    length = request.content_length
    if length is None or length <= body_limit("user" in session):
        return None
    limit = body_limit("user" in session)
    message = (f"This request is too large ({length / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)."
               + ("" if "user" in session else " Uploading files needs a partner account: sign in first."))
    if request.is_json or request.path.startswith("/api/"):
        return Response(json.dumps({"error": message}), status=413, mimetype="application/json")
    return Response(message, status=413, mimetype="text/plain")

