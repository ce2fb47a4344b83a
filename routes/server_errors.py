"""Errors gunicorn answers itself, before the app reads a request (a request line over the limit, a malformed
request), written as the API's JSON instead of gunicorn's HTML page; installed by gunicorn.conf.py."""

from __future__ import annotations

import json

HINTS = {414: " Send long selections by POST as a form body (see /api/v1/openapi.json).",
         431: " Send fewer or shorter headers."}


def json_error(status: int, reason: str, message: str) -> bytes:
    """The whole HTTP response for an error found while reading the request: JSON, closing the connection."""
    body = json.dumps({"error": f"{reason}: {message}.{HINTS.get(status, '')}", "status": status}).encode()
    head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"Cache-Control: no-store\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


def install() -> None:
    """Replace gunicorn's HTML error writer (its workers call gunicorn.util.write_error)."""
    from gunicorn import util

    def write_error(sock, status_int, reason, mesg):
        util.write_nonblock(sock, json_error(int(status_int), str(reason), str(mesg)))

    util.write_error = write_error
