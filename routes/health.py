"""/healthz: whether the store can be read and the state folder and database written; and the one answer given
when a request meets unwritable state (a clear 503, never a 500)."""

from __future__ import annotations

import os
import tempfile

from flask import Blueprint, current_app, jsonify, request

from config import STATE_UNWRITABLE, state_dir, store_dir
from statedb import StateUnavailable, backend, sql, transaction

blueprint = Blueprint("health", __name__)


def _state_writable() -> dict:
    folder = state_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, path = tempfile.mkstemp(dir=folder, prefix=".healthz.")
        os.close(fd)
        os.unlink(path)
    except OSError as err:
        return {"ok": False, "detail": f"{folder} is not writable ({err.strerror or err})"}
    return {"ok": True, "detail": str(folder)}


def _state_db() -> dict:
    try:
        with transaction() as db:
            db.execute(sql("sessions.count_all")).fetchone()
    except StateUnavailable as err:
        return {"ok": False, "detail": str(err)}
    return {"ok": True, "detail": f"writable ({backend()})"}


def _store() -> dict:
    folder = store_dir()
    ok = folder.is_dir() and any(folder.iterdir())
    return {"ok": ok, "detail": str(folder) if ok else f"{folder} is missing or empty: build it (make store)"}


@blueprint.get("/healthz")
def healthz():
    """200 with each check when all pass, else 503 naming what failed."""
    checks = {"store": _store(), "state": _state_writable(), "state_db": _state_db()}
    ok = all(c["ok"] for c in checks.values())
    # not a check: the app serves while the PDF engine warms, only the first evidence pack is slower until then
    warming = current_app.config.get("PDF_WARMING")
    pdf = "warming" if warming is not None and not warming.is_set() else "ready"
    response = jsonify({"ok": ok, "checks": checks, "pdf_engine": pdf})
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.app_errorhandler(StateUnavailable)
@blueprint.app_errorhandler(OSError)
def unwritable(err):
    """A request that met an unreadable or unwritable state folder: logged, and said in words."""
    current_app.logger.error("state storage failed on %s: %s", request.path, err, exc_info=err)
    if request.path.startswith("/api/") or request.is_json:
        return jsonify({"error": STATE_UNWRITABLE}), 503
    return STATE_UNWRITABLE, 503, {"Content-Type": "text/plain; charset=utf-8", "Retry-After": "60"}
