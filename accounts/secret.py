"""The key that signs session cookies: from the environment, else made once and kept in the state folder."""

from __future__ import annotations

import os
import secrets
import time

from config import state_dir


def secret_key() -> str:
    """OBSERVATORY_SECRET_KEY, or config.state_dir()/secret_key (created 0600 by the first process to need it)."""
    if os.environ.get("OBSERVATORY_SECRET_KEY"):
        return os.environ["OBSERVATORY_SECRET_KEY"]
    path = state_dir() / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two gunicorn workers starting together agree on one key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # the creating process may not have written it yet
            key = path.read_text(encoding="utf-8").strip()
            if key:
                return key
            time.sleep(0.05)
        raise RuntimeError(f"{path} is empty: delete it and restart") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip()
