"""Evidence packs made ahead of the first request: the 2023 wards' and Trafford's default packs, rendered into the
PDF cache by a low-priority child process when the server sees its first request (so a pack asked for after a
fresh start is read from the cache, not laid out while the reader waits). Run: python -m report.prerender URL."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from data.schema import TRAFFORD

ROOT = Path(__file__).resolve().parents[1]
_started: set[str] = set()
_children: list = []  # the children this process started that may still run
_lock = threading.Lock()
MAX_CHILDREN = 2  # never more at once: page views (or forged Host headers) must not fork without bound
MAX_REMEMBERED = 5000
STALE_LOCK_S = 20 * 60  # a lock older than this belongs to a run that died


def enabled() -> bool:
    """Off with OBSERVATORY_PRERENDER=0 (tests, or a server that should not spend CPU ahead of requests)."""
    return os.environ.get("OBSERVATORY_PRERENDER", "1") not in ("0", "false", "no")


def _lock_path(base_url: str) -> Path:
    from report.evidence import cache_dir

    return cache_dir() / f"prerender-{hashlib.sha256(base_url.encode()).hexdigest()[:16]}.lock"


def _running(lock: Path) -> bool:
    """Whether a run holds the lock: the file is recent and names a live process (a killed run leaves it behind)."""
    try:
        if time.time() - lock.stat().st_mtime >= STALE_LOCK_S:
            return False
        pid = int(lock.read_text().strip() or 0)
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return True  # written by a worker that could not know the pid: trust its age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # alive, owned by another user
    return True


def _room() -> bool:
    """Whether another child may start (finished ones are forgotten); called under _lock."""
    _children[:] = [c for c in _children if getattr(c, "poll", lambda: 0)() is None]
    return len(_children) < MAX_CHILDREN


def _spawn(args: list[str]):
    env = {**os.environ, "OBSERVATORY_PRERENDER_PARENT": str(os.getpid())}
    child = subprocess.Popen([sys.executable, "-m", "report.prerender", *args], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _children.append(child)
    return child


def start(base_url: str) -> bool:
    """Start the child that makes the packs for the site's address, once per process (the first address seen: a
    forged Host header cannot start more), with a lock file so a server's other workers do not start a second;
    True when one was started."""
    if not enabled():
        return False
    with _lock:
        if "*bulk*" in _started or not _room():
            return False
        _started.add("*bulk*")
    lock = _lock_path(base_url)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        if _running(lock):
            return False
        with _lock:
            child = _spawn([base_url])
        lock.write_text(str(getattr(child, "pid", "")))
    except OSError:  # only speed is lost: packs are then made on request
        logging.getLogger(__name__).warning("evidence pack prerender not started", exc_info=True)
        return False
    return True


def ahead(base_url: str, profile) -> bool:
    """Make one area's pack in a low-priority child while its profile page is read, unless it is cached or on its
    way; True when a child was started (the reader's click on "Download PDF" then finds it made)."""
    from report.evidence import cache_path

    key = "|".join([base_url, profile.code, profile.level, profile.benchmark])
    if not enabled() or profile.level == "custom" or cache_path(profile, base_url).exists():
        return False
    with _lock:
        if key in _started or not _room():
            return False
        if len(_started) > MAX_REMEMBERED:
            _started.intersection_update({"*bulk*"})
        _started.add(key)
        try:
            _spawn([base_url, profile.code, profile.level, profile.benchmark])
        except OSError:
            return False
    return True


def codes() -> list[str]:
    """The areas whose default packs are made ahead: every 2023 ward, then Trafford."""
    from queries import catalog_cache

    areas = catalog_cache.areas()
    wards = areas[areas["level"] == "ward_2023"]["area_code"].tolist()
    return wards + [TRAFFORD]


def _orphaned() -> bool:
    """Whether the server that started this child has gone (the child was handed to another parent)."""
    parent = os.environ.get("OBSERVATORY_PRERENDER_PARENT", "")
    return parent.isdigit() and os.getppid() != int(parent)


def main(base_url: str, one: list[str] | None = None) -> None:
    """Make each missing pack at low priority (or only `one` area: code, level, benchmark); a pack already in the
    cache costs nothing."""
    from report import evidence
    from report.profile import load_profile

    try:
        os.nice(10 if one else 15)  # the server's requests come first; a page being read before the bulk
    except OSError:
        pass
    if one:
        evidence.evidence_pdf(load_profile(*one), base_url)
        return
    lock = _lock_path(base_url)
    try:
        for code in codes():
            if _orphaned():  # the server stopped: packs for it are no longer wanted
                return
            try:
                evidence.evidence_pdf(load_profile(code), base_url)
            except Exception:  # one bad area must not stop the others
                logging.getLogger(__name__).warning("prerender of %s failed", code, exc_info=True)
    finally:
        lock.unlink(missing_ok=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:5] or None)
