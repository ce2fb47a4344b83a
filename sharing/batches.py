"""Batches: each publishable upload kept with its original file, its rows (parquet) and a record in the state
database (statedb), the one account of every batch's status.

Layout under config.state_dir()/batches/: <batch_id>/ holding original<ext> (the file as uploaded, never changed),
rows.parquet (the validated rows) and indicator.json (a new indicator's metadata, when the batch brings one); and
manifest.json, every record, oldest first: a snapshot written in the same transaction as each change, for the
store's build (a separate process) and its staleness check. Every write is atomic.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from config import STATE_UNWRITABLE, state_dir
from sharing.filenames import safe_filename
from sharing.visibility import check_visibility
from statedb import StateUnavailable, audit, read, sql, transaction

STATUSES = ("draft", "publishing", "published", "withdrawn", "failed")
ROW_COLUMNS = ["indicator_id", "area_code", "area_name", "level", "period", "breakdown", "value", "lower_ci",
               "upper_ci", "numerator", "denominator"]


class BatchError(ValueError):
    """A batch that cannot be made, found or changed as asked."""


@dataclasses.dataclass(frozen=True)
class Batch:
    """One upload's record: who, when, what file (and its hash), who may see it, and where it stands."""

    batch_id: str
    sha256: str
    filename: str
    organisation: str
    uploaded_by: str
    uploaded_at: str                # ISO 8601, UTC
    visibility: str                 # private | partners | public
    embargo: str | None             # ISO date: public only from this day
    suppress_below: int
    status: str                     # draft | publishing | published | withdrawn | failed
    rows: int
    indicator_ids: tuple[str, ...]
    new_indicator: str | None = None
    value_type: str | None = None   # "count" means small values themselves are suppressed
    message: str = ""
    in_public_store: bool = False   # whether the current public store holds its rows
    published_at: str | None = None
    published_by: str | None = None
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None

    @property
    def folder(self) -> Path:
        """Where the batch's files are."""
        return batches_dir() / self.batch_id

    @property
    def original_path(self) -> Path:
        """The file as uploaded."""
        return self.folder / ("original" + Path(self.filename).suffix.lower()[:8])

    @property
    def source_path(self) -> str:
        """How the store's sources table names this batch's file."""
        return f"partner_batches/{self.batch_id}/{self.filename}"


def batches_dir() -> Path:
    """The folder of every batch."""
    return state_dir() / "batches"


def manifest_path() -> Path:
    """The manifest of every batch (the store's staleness check watches it)."""
    return batches_dir() / "manifest.json"


def now_iso() -> str:
    """The time now, UTC, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _from_dict(d: dict) -> Batch:
    fields = {f.name for f in dataclasses.fields(Batch)}
    d = {k: v for k, v in d.items() if k in fields}
    return Batch(**{**d, "indicator_ids": tuple(d.get("indicator_ids", ()))})


def _record(batch: Batch) -> dict:
    return dataclasses.asdict(batch) | {"indicator_ids": list(batch.indicator_ids)}


def list_batches() -> list[Batch]:
    """Every batch, oldest first."""
    return [_from_dict(json.loads(record)) for (record,) in read(sql("batches.all"))]


def get_batch(batch_id: str) -> Batch:
    """One batch, or BatchError."""
    rows = read(sql("batches.get"), (str(batch_id)[:80],))
    if not rows:
        raise BatchError(f"No batch {str(batch_id)[:40]!r}.")
    return _from_dict(json.loads(rows[0][0]))


def _export(db) -> None:
    """Write manifest.json from the database inside the open transaction (writers are serialised: never stale)."""
    records = [json.loads(record) for (record,) in db.execute(sql("batches.all")).fetchall()]
    batches_dir().mkdir(parents=True, exist_ok=True)
    _atomic_write(manifest_path(), json.dumps({"batches": records}, indent=1).encode())


def write_manifest() -> None:
    """Write manifest.json afresh from the database (a state folder whose snapshot went missing)."""
    with transaction() as db:
        _export(db)


def _change(db, changes: dict[str, dict]) -> list[Batch]:
    changed = []
    for batch_id, fields in changes.items():
        rows = db.execute(sql("batches.get"), (batch_id,)).fetchall()
        if not rows:
            raise BatchError(f"No batch {str(batch_id)[:40]!r}.")
        batch = dataclasses.replace(_from_dict(json.loads(rows[0][0])), **fields)
        db.execute(sql("batches.put"), (batch.organisation, batch.status, json.dumps(_record(batch)), batch_id))
        if "status" in fields:
            actor = fields.get("published_by") or fields.get("withdrawn_by") or "the publishing process"
            audit(db, actor, f"batch {batch.status}", batch_id, message=batch.message[:200])
        changed.append(batch)
    return changed


def update_batch(batch_id: str, **changes) -> Batch:
    """Change fields of one batch's record (one transaction) and return it."""
    if "status" in changes and changes["status"] not in STATUSES:
        raise BatchError(f"Unknown status {changes['status']!r}.")
    with transaction() as db:
        (batch,) = _change(db, {batch_id: changes})
        _export(db)
    return batch


def update_many(changes: dict[str, dict]) -> None:
    """Change several batches at once (batch_id -> fields); ids no longer there are skipped."""
    with transaction() as db:
        known = {json.loads(record)["batch_id"] for (record,) in db.execute(sql("batches.all")).fetchall()}
        _change(db, {k: v for k, v in changes.items() if k in known})
        _export(db)


def batch_rows(batch: Batch) -> pd.DataFrame:
    """The batch's validated rows as uploaded (before disclosure control)."""
    return pd.read_parquet(batch.folder / "rows.parquet")


def batch_indicator(batch: Batch) -> dict | None:
    """The new indicator's metadata the batch brings, or None."""
    path = batch.folder / "indicator.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def create_batch(frame: pd.DataFrame, *, indicator_meta: dict | None, organisation: str, uploaded_by: str,
                 original: bytes, filename: str, visibility: str, embargo: dt.date | None,
                 suppress_below: int = 5, value_type: str | None = None) -> Batch:
    """Keep a validated upload as a draft batch: its original file, rows and manifest row, all or nothing."""
    check_visibility(visibility)
    missing = [c for c in ROW_COLUMNS if c not in frame.columns]
    if missing:
        raise BatchError(f"The rows lack the columns {', '.join(missing)}.")
    if frame.empty:
        raise BatchError("The upload has no rows to keep.")
    if not isinstance(suppress_below, int) or not 0 <= suppress_below <= 1000:
        raise BatchError("The suppression threshold must be a whole number from 0 to 1000.")
    if embargo is not None and not isinstance(embargo, dt.date):
        raise BatchError("The embargo must be a date.")
    if indicator_meta is not None and not indicator_meta.get("id"):
        raise BatchError("A new indicator's metadata needs its id.")
    name = safe_filename(filename)
    if value_type is None and indicator_meta is not None:
        value_type = indicator_meta.get("value_type")
    batch = Batch(
        batch_id=f"b{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}-{secrets.token_hex(4)}",
        sha256=hashlib.sha256(original).hexdigest(), filename=name, organisation=organisation,
        uploaded_by=uploaded_by, uploaded_at=now_iso(), visibility=visibility,
        embargo=embargo.isoformat() if embargo else None, suppress_below=suppress_below, status="draft",
        rows=len(frame), indicator_ids=tuple(sorted(frame["indicator_id"].astype(str).unique())),
        new_indicator=indicator_meta.get("id") if indicator_meta else None, value_type=value_type)
    try:
        _keep(batch, frame, original, indicator_meta)
        with transaction() as db:
            db.execute(sql("batches.add"), (batch.batch_id, organisation, batch.status, json.dumps(_record(batch))))
            audit(db, uploaded_by, "batch draft", batch.batch_id, rows=batch.rows, visibility=visibility)
            _export(db)
    except (OSError, StateUnavailable) as err:  # an unwritable state folder: said in words, nothing half-kept
        shutil.rmtree(batch.folder, ignore_errors=True)
        raise BatchError(STATE_UNWRITABLE) from err
    return batch


def _keep(batch: Batch, frame: pd.DataFrame, original: bytes, indicator_meta: dict | None) -> None:
    """Write the batch's folder (original, rows, new indicator) whole or not at all."""
    batches_dir().mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=batches_dir(), prefix=f".{batch.batch_id}."))
    try:
        (staging / batch.original_path.name).write_bytes(original)
        rows = frame.reindex(columns=ROW_COLUMNS).reset_index(drop=True)
        for col in ("value", "lower_ci", "upper_ci", "numerator", "denominator"):
            rows[col] = pd.to_numeric(rows[col], errors="coerce").astype(float)
        for col in ("indicator_id", "area_code", "area_name", "level", "period", "breakdown"):
            rows[col] = rows[col].astype("string")
        rows.to_parquet(staging / "rows.parquet", index=False)
        if indicator_meta is not None:
            (staging / "indicator.json").write_text(json.dumps(indicator_meta, indent=1, default=str))
        os.rename(staging, batch.folder)  # the folder appears whole
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
