"""The one atomic write: a temporary file in the same folder, fsynced, then renamed over the target.

Readers (another worker, another process) see the old file or the new one, never half of one; a failure leaves
the old file and no temporary behind. Used by the evidence-pack cache, the whole-store download and account files.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: Path, mode: int | None = None) -> Iterator[Path]:
    """A temporary path to write in full (by any writer, e.g. zipfile); renamed over `target` when the block ends
    without error, else removed."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb") as fh:  # durable before it becomes visible
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def atomic_write(target: Path, data: bytes | str, mode: int | None = None) -> None:
    """Write bytes (or UTF-8 text) to `target` whole or not at all."""
    with atomic_path(target, mode) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
