"""Publishing and withdrawing batches: the public store is rebuilt by the normal build, one publish at a time.

The rebuild runs `python -m data.ingest` in a subprocess with the same raw folder and store; the build swaps
the new store in with one atomic rename only when it succeeds, so a crash leaves the previous store whole. The
running app notices the new store version by itself (queries/db.py). Private and partner-shared batches, and
public ones under embargo, need no rebuild: they never enter the public store (until the embargo passes).
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import pandas as pd

from config import ROOT, raw_dir, state_dir, store_dir
from sharing.batches import (
    Batch,
    BatchError,
    get_batch,
    list_batches,
    now_iso,
    update_batch,
    update_many,
)
from sharing.visibility import belongs_in_public_store, can_manage, embargo_passed
from statedb import locks

log = logging.getLogger(__name__)
PUBLISHING_MESSAGE = "Publishing… (about 20 to 40 s): the public data are being rebuilt with this batch."
REFRESH_EVERY = 300.0  # seconds between checks for passed embargoes or an unfinished removal
BUILD_TIMEOUT = 900

_last_check = 0.0
_check_lock = threading.Lock()


@dataclass(frozen=True)
class PublishResult:
    """What a publish or withdrawal did: whether it worked, the batch's status now, a message for people."""

    ok: bool
    batch_id: str
    status: str
    message: str
    seconds: float = 0.0


class LockBusy(RuntimeError):
    """Another publish is rebuilding the store."""


@contextlib.contextmanager
def publish_lock(wait: float):
    """Only one rebuild at a time, across threads, workers, processes and hosts sharing the state database
    (statedb.locks: let go when its holder dies, kill -9 included); LockBusy after `wait` seconds."""
    try:
        with locks.held("publish", wait):
            yield
    except locks.Busy:
        raise LockBusy("Another publish is running; try again in a minute.") from None


def rebuild_store(publishing: str | None = None) -> tuple[bool, str, float]:
    """Run the normal build into the public store (call under publish_lock): ok, a message, seconds taken."""
    started = time.monotonic()
    cmd = [sys.executable, "-m", "data.ingest", "--raw", str(raw_dir()), "--store", str(store_dir())]
    if os.environ.get("OBSERVATORY_BUILD_NO_EXPECT") == "1":  # small test raw folders lack the real counts
        cmd.append("--no-expect")
    env = {**os.environ, "OBSERVATORY_STATE": str(state_dir()), "OBSERVATORY_PUBLISHING_BATCH": publishing or ""}
    try:
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, f"the rebuild took longer than {BUILD_TIMEOUT} s and was stopped", time.monotonic() - started
    seconds = time.monotonic() - started
    if done.returncode != 0:
        lines = [ln for ln in (done.stderr or "").splitlines() if ln.strip() and "Building store" not in ln]
        why = lines[-1] if lines else f"the build process ended with code {done.returncode}"
        log.error("store rebuild failed (%s): %s", done.returncode, (done.stderr or "")[-4000:])
        return False, why[:400], seconds
    return True, (done.stdout or "").strip().splitlines()[-1][:400] if done.stdout else "built", seconds


def held_batch_ids() -> set[str]:
    """The batches whose rows the public store holds now, from its sources table (what the build really took)."""
    try:
        paths = pd.read_parquet(store_dir() / "sources.parquet", columns=["source_path"])["source_path"]
    except (FileNotFoundError, OSError, KeyError, ValueError):
        return set()
    return {p.split("/")[1] for p in paths.astype(str) if p.startswith("partner_batches/")}


def _sync_flags() -> None:
    """After a rebuild, record which batches the public store now holds."""
    held = held_batch_ids()
    update_many({b.batch_id: {"in_public_store": b.batch_id in held} for b in list_batches()})


def _check(batch_id: str, user, action: str) -> Batch | PublishResult:
    try:
        batch = get_batch(batch_id)
    except BatchError as err:
        return PublishResult(False, str(batch_id)[:40], "missing", str(err))
    if not can_manage(user, batch):
        return PublishResult(False, batch_id, batch.status, f"You may not {action} this batch: only partners of "
                             f"{batch.organisation} or an administrator may.")
    return batch


def _publishable(batch: Batch) -> PublishResult | None:
    if batch.status not in ("draft", "failed"):
        return PublishResult(False, batch.batch_id, batch.status,
                             f"This batch is {batch.status}; only a draft or a failed batch can be published.")
    return None


def _publish_now(batch: Batch, user, wait: float) -> PublishResult:
    """Publish a checked batch: no rebuild unless it goes public today."""
    started = time.monotonic()
    stamp = {"published_at": now_iso(), "published_by": user.username}
    if not (batch.visibility == "public" and embargo_passed(batch)):
        message = ("Published: signed-in partners can see it." if batch.visibility == "partners" else
                   f"Published: only {batch.organisation} can see it." if batch.visibility == "private" else
                   f"Published under embargo: it enters the public data on {batch.embargo}.")
        update_batch(batch.batch_id, status="published", message=message, **stamp)
        return PublishResult(True, batch.batch_id, "published", message, time.monotonic() - started)
    try:
        with publish_lock(wait):
            update_batch(batch.batch_id, status="publishing", message=PUBLISHING_MESSAGE)
            ok, detail, seconds = rebuild_store(publishing=batch.batch_id)
            if not ok:
                message = f"Publishing failed; the public data are unchanged. {detail}"
                update_batch(batch.batch_id, status="failed", message=message)
                return PublishResult(False, batch.batch_id, "failed", message, seconds)
            message = f"Published into the public data (rebuilt in {seconds:.0f} s)."
            update_batch(batch.batch_id, status="published", message=message, **stamp)
            _sync_flags()
            return PublishResult(True, batch.batch_id, "published", message, seconds)
    except LockBusy as err:
        update_batch(batch.batch_id, status=batch.status, message=str(err))
        return PublishResult(False, batch.batch_id, batch.status, str(err))
    except Exception as err:  # anything unexpected: the batch is marked, the store was never touched
        log.exception("publish of %s failed", batch.batch_id)
        message = f"Publishing failed; the public data are unchanged. {type(err).__name__}: {err}"
        update_batch(batch.batch_id, status="failed", message=message)
        return PublishResult(False, batch.batch_id, "failed", message)


def publish(batch_id: str, user, wait: float = 120.0) -> PublishResult:
    """Publish a draft (or failed) batch; rebuilds the public store when the batch is public and past embargo."""
    checked = _check(batch_id, user, "publish")
    if isinstance(checked, PublishResult):
        return checked
    return _publishable(checked) or _publish_now(checked, user, wait)


def publish_in_background(batch_id: str, user) -> PublishResult:
    """As publish, but a rebuild runs in a thread: the answer is at once, status "publishing" until it ends."""
    checked = _check(batch_id, user, "publish")
    if isinstance(checked, PublishResult):
        return checked
    refused = _publishable(checked)
    if refused:
        return refused
    if not (checked.visibility == "public" and embargo_passed(checked)):
        return _publish_now(checked, user, 0)
    update_batch(batch_id, status="publishing", message=PUBLISHING_MESSAGE)
    threading.Thread(target=_publish_now, args=(checked, user, BUILD_TIMEOUT), daemon=True,
                     name=f"publish-{batch_id}").start()
    return PublishResult(True, batch_id, "publishing", PUBLISHING_MESSAGE)


WITHDRAWING_MESSAGE = ("Withdrawn; its rows are still in the public data until the rebuild removing them "
                       "finishes (about 20 to 40 s). The record and original file are kept.")


def _remove_from_store(batch_id: str, wait: float) -> tuple[bool, str, float]:
    try:
        with publish_lock(wait):
            ok, detail, seconds = rebuild_store()
            if ok:
                _sync_flags()
            return ok, detail, seconds
    except LockBusy as err:
        return False, str(err), 0.0


def _withdrawable(batch: Batch, user) -> PublishResult | None:
    if batch.status in ("withdrawn", "publishing"):
        return PublishResult(False, batch.batch_id, batch.status, f"This batch is {batch.status}; it cannot be "
                             "withdrawn now.")
    # rows in the public store stay public until the rebuild removing them finishes: say so, not "no longer shown"
    message = (WITHDRAWING_MESSAGE if batch.in_public_store else
               "Withdrawn: its rows are no longer shown; the record and original file are kept.")
    update_batch(batch.batch_id, status="withdrawn", withdrawn_at=now_iso(), withdrawn_by=user.username,
                 message=message)
    return None


def withdraw(batch_id: str, user, wait: float = 120.0) -> PublishResult:
    """Withdraw a batch: its rows leave every view (the public store is rebuilt if it held them); record kept."""
    checked = _check(batch_id, user, "withdraw")
    if isinstance(checked, PublishResult):
        return checked
    refused = _withdrawable(checked, user)
    if refused:
        return refused
    if not checked.in_public_store:
        return PublishResult(True, batch_id, "withdrawn", "Withdrawn. The record and the original file are kept.")
    ok, detail, seconds = _remove_from_store(batch_id, wait)
    if not ok:
        message = (f"Withdrawn, but removing its rows from the public data failed ({detail}); "
                   "it is retried automatically within a few minutes.")
        update_batch(batch_id, message=message)
        return PublishResult(False, batch_id, "withdrawn", message, seconds)
    message = f"Withdrawn and removed from the public data (rebuilt in {seconds:.0f} s). The record is kept."
    update_batch(batch_id, message=message)
    return PublishResult(True, batch_id, "withdrawn", message, seconds)


def withdraw_in_background(batch_id: str, user) -> PublishResult:
    """As withdraw, but the rebuild (if any) runs in a thread."""
    checked = _check(batch_id, user, "withdraw")
    if isinstance(checked, PublishResult):
        return checked
    refused = _withdrawable(checked, user)
    if refused:
        return refused
    if not checked.in_public_store:
        return PublishResult(True, batch_id, "withdrawn", "Withdrawn. The record and the original file are kept.")
    threading.Thread(target=_finish_withdraw, args=(batch_id,), daemon=True, name=f"withdraw-{batch_id}").start()
    return PublishResult(True, batch_id, "withdrawn", WITHDRAWING_MESSAGE)


def _finish_withdraw(batch_id: str) -> None:
    ok, detail, seconds = _remove_from_store(batch_id, BUILD_TIMEOUT)
    update_batch(batch_id, message=f"Withdrawn and removed from the public data (rebuilt in {seconds:.0f} s)."
                 if ok else f"Withdrawn, but removing its rows from the public data failed ({detail}); retried "
                 "within a few minutes.")


def needs_rebuild() -> bool:
    """Whether the public store's batches differ from those it should hold (a passed embargo, an unfinished
    removal)."""
    return any(b.in_public_store != belongs_in_public_store(b) for b in list_batches()
               if b.status != "publishing")


def _refresh() -> None:
    try:
        with publish_lock(0):
            if not needs_rebuild():
                return
            ok, detail, _ = rebuild_store()
            if ok:
                _sync_flags()
            else:
                log.error("scheduled store rebuild for partner batches failed: %s", detail)
    except LockBusy:
        pass  # a publish is rebuilding anyway; the next check looks again
    except Exception:
        log.exception("scheduled store rebuild for partner batches failed")


def refresh_if_due(force: bool = False) -> bool:
    """At most every few minutes: start a background rebuild if an embargo has passed (or a removal is
    unfinished). True when one was started."""
    global _last_check
    now = time.monotonic()
    if not force and now - _last_check < REFRESH_EVERY:
        return False
    with _check_lock:
        if not force and now - _last_check < REFRESH_EVERY:
            return False
        _last_check = now
    try:
        due = needs_rebuild()
    except Exception:
        log.exception("could not read the batches manifest")
        return False
    if due:
        threading.Thread(target=_refresh, daemon=True, name="partner-refresh").start()
    return due


def recover_interrupted() -> list[str]:
    """Batches left "publishing" by a process that stopped mid-publish: marked failed (the store was not
    changed, as the build swaps in only when it completes)."""
    stuck = [b.batch_id for b in list_batches() if b.status == "publishing"]
    if not stuck:
        return []
    try:
        with publish_lock(0):
            update_many({i: {"status": "failed", "message": "Publishing was interrupted (the app stopped); the "
                             "public data are unchanged. Publish again."} for i in stuck})
    except LockBusy:
        return []  # another worker is publishing right now: not interrupted
    return stuck


def init_sharing(server) -> None:
    """At start, recover interrupted publishes and check embargoes; then re-check every few minutes on requests."""
    recover_interrupted()
    refresh_if_due(force=True)

    @server.before_request
    def _embargo_check():
        refresh_if_due()
        return None
