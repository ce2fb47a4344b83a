"""Uploaded files waiting to pass validation, kept in the state database so the browser holds only a token and
every worker (or host) sharing the database finds them."""

from __future__ import annotations

import base64
import re
import secrets
import time

from config import STATE_UNWRITABLE
from sharing.filenames import safe_filename
from statedb import StateUnavailable, read, sql, transaction

TOKEN = re.compile(r"^[0-9a-f]{32}$")
KEEP_SECONDS = 24 * 3600  # a file left half-way through the wizard is forgotten after a day


class PendingError(LookupError):
    """No such pending upload for this user (expired, never made, or someone else's)."""


def save(content: bytes, filename: str, username: str) -> str:
    """Keep an uploaded file for its uploader; returns the token naming it."""
    token = secrets.token_hex(16)
    now = time.time()
    try:
        with transaction() as db:
            db.execute(sql("pending.forget_old"), (now - KEEP_SECONDS,))
            db.execute(sql("pending.add"), (token, username, safe_filename(filename), now,
                                            base64.b64encode(content).decode("ascii")))
    except StateUnavailable as err:
        raise PendingError(STATE_UNWRITABLE) from err
    return token


def load(token: object, username: str) -> tuple[bytes, str]:
    """(content, filename) of a pending upload, only for the user who uploaded it."""
    if not isinstance(token, str) or not TOKEN.match(token):
        raise PendingError("No uploaded file: upload it again.")
    try:
        rows = read(sql("pending.get"), (token,))
    except StateUnavailable as err:
        raise PendingError(STATE_UNWRITABLE) from err
    if not rows or rows[0][2] < time.time() - KEEP_SECONDS:
        raise PendingError("The uploaded file has expired: upload it again.")
    owner, filename, _, content = rows[0]
    if owner != username:
        raise PendingError("No uploaded file: upload it again.")
    return base64.b64decode(content), filename


def discard(token: object) -> None:
    """Forget a pending upload (once kept as a batch)."""
    if isinstance(token, str) and TOKEN.match(token):
        try:
            with transaction() as db:
                db.execute(sql("pending.remove"), (token,))
        except StateUnavailable:
            pass  # forgotten a day later anyway
