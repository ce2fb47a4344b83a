"""Uploaded files waiting to pass validation, kept server-side so the browser holds only a token."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from config import STATE_UNWRITABLE, state_dir
from sharing.filenames import safe_filename

TOKEN = re.compile(r"^[0-9a-f]{32}$")
KEEP_SECONDS = 24 * 3600  # a file left half-way through the wizard is forgotten after a day


class PendingError(LookupError):
    """No such pending upload for this user (expired, never made, or someone else's)."""


def pending_dir() -> Path:
    """The folder of pending uploads."""
    return state_dir() / "uploads_pending"


def save(content: bytes, filename: str, username: str) -> str:
    """Keep an uploaded file for its uploader; returns the token naming it."""
    token = secrets.token_hex(16)
    folder = pending_dir() / token
    try:
        _forget_old()
        folder.mkdir(parents=True, mode=0o700)
        (folder / "file").write_bytes(content)
        (folder / "meta.json").write_text(json.dumps({"filename": safe_filename(filename),
                                                      "username": username, "saved": time.time()}))
    except OSError as err:
        shutil.rmtree(folder, ignore_errors=True)
        raise PendingError(STATE_UNWRITABLE) from err
    return token


def load(token: object, username: str) -> tuple[bytes, str]:
    """(content, filename) of a pending upload, only for the user who uploaded it."""
    if not isinstance(token, str) or not TOKEN.match(token):
        raise PendingError("No uploaded file: upload it again.")
    folder = pending_dir() / token
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError) as err:
        raise PendingError("The uploaded file has expired: upload it again.") from err
    if meta.get("username") != username:
        raise PendingError("No uploaded file: upload it again.")
    return (folder / "file").read_bytes(), meta["filename"]


def discard(token: object) -> None:
    """Forget a pending upload (once kept as a batch)."""
    if isinstance(token, str) and TOKEN.match(token):
        shutil.rmtree(pending_dir() / token, ignore_errors=True)


def _forget_old() -> None:
    root = pending_dir()
    if not root.exists():
        return
    cutoff = time.time() - KEEP_SECONDS
    for folder in root.iterdir():
        try:
            if os.path.getmtime(folder) < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
