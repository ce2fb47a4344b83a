"""The register on disk: an append-only parquet log (every create, edit and delete a new row), read through a
small in-process cache keyed by the file's modification time, written atomically (temp file + os.replace)."""

from __future__ import annotations

import fcntl
import os
import threading
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from config import STATE_UNWRITABLE, examples_enabled, state_dir
from interventions.examples import example_interventions
from interventions.model import FIELDS, Catalogue, Intervention, validate

SCHEMA = pa.schema([
    ("intervention_id", pa.string()), ("version", pa.int64()), ("action", pa.string()),
    ("changed_by", pa.string()), ("changed_at", pa.string()),
    ("title", pa.string()), ("organisation", pa.string()), ("service", pa.string()), ("theme", pa.string()),
    ("areas", pa.list_(pa.string())), ("start", pa.date32()), ("end", pa.date32()),
    ("cost_total", pa.float64()), ("cost_per_year", pa.float64()),
    ("indicators", pa.list_(pa.string())), ("directions", pa.list_(pa.string())),
    ("description", pa.string()), ("link", pa.string()),
])
ACTIONS = ("create", "edit", "delete")


class RegisterError(ValueError):
    """A change the register refuses, with the reason in words (or a list of reasons)."""

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.errors = errors or [message]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _intervention(row: dict, example: bool = False) -> Intervention:
    return Intervention(
        intervention_id=row["intervention_id"], title=row["title"] or "", organisation=row["organisation"] or "",
        service=row["service"] or "", theme=row["theme"] or "", areas=tuple(row["areas"] or ()),
        start=row["start"], end=row["end"], cost_total=row["cost_total"], cost_per_year=row["cost_per_year"],
        indicators=tuple(row["indicators"] or ()), directions=tuple(row["directions"] or ()),
        description=row["description"] or "", link=row["link"] or "", example=example,
        version=int(row.get("version") or 1), changed_by=row.get("changed_by") or "",
        changed_at=row.get("changed_at") or "")


class Register:
    """The intervention register kept at `path` (default: the state folder's interventions.parquet)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else state_dir() / "interventions.parquet"
        self._lock = threading.Lock()
        self._cache: tuple[tuple, list[dict]] | None = None

    # reading ---------------------------------------------------------------------------------------------------
    def log(self) -> list[dict]:
        """Every row ever written, oldest first (cached until the file changes)."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return []
        key = (st.st_mtime_ns, st.st_size, st.st_ino)
        cached = self._cache
        if cached and cached[0] == key:
            return cached[1]
        rows = pq.read_table(self.path, schema=SCHEMA).to_pylist()
        self._cache = (key, rows)
        return rows

    def current(self, include_examples: bool | None = None) -> list[Intervention]:
        """The register now: the latest version of each intervention not deleted, examples first when enabled."""
        latest: dict[str, dict] = {}
        for row in self.log():
            latest[row["intervention_id"]] = row
        mine = [_intervention(r) for r in latest.values() if r["action"] != "delete"]
        mine.sort(key=lambda i: (i.start, i.title))
        show = examples_enabled() if include_examples is None else include_examples
        return ([*example_interventions(), *mine] if show else mine)

    def get(self, intervention_id: str) -> Intervention | None:
        """One current intervention by id, or None."""
        return next((i for i in self.current() if i.intervention_id == intervention_id), None)

    def history(self, intervention_id: str) -> list[dict]:
        """Every version of one intervention, oldest first (the audit trail)."""
        ex = next((i for i in example_interventions() if i.intervention_id == intervention_id), None)
        if ex is not None:
            return [{**ex.as_fields(), "intervention_id": ex.intervention_id, "version": 1, "action": "shipped",
                     "changed_by": ex.changed_by, "changed_at": ex.changed_at}]
        return [r for r in self.log() if r["intervention_id"] == intervention_id]

    # writing ---------------------------------------------------------------------------------------------------
    def create(self, fields: dict, user: str, catalogue: Catalogue) -> Intervention:
        """Add an intervention; RegisterError (with every problem) if the fields are not valid."""
        self._check(fields, catalogue)
        with self._writing() as rows:
            new_id = "iv-" + uuid.uuid4().hex[:10]
            rows.append(self._row(new_id, 1, "create", user, fields))
        return self.get(new_id)

    def edit(self, intervention_id: str, fields: dict, user: str, catalogue: Catalogue,
             expected_version: int | None = None) -> Intervention:
        """Record a new version of an intervention (the old one stays in the log)."""
        self._check(fields, catalogue)
        with self._writing() as rows:
            last = self._last(rows, intervention_id, expected_version)
            rows.append(self._row(intervention_id, last["version"] + 1, "edit", user, fields))
        return self.get(intervention_id)

    def delete(self, intervention_id: str, user: str, expected_version: int | None = None) -> None:
        """Record that an intervention was withdrawn (its versions stay in the log)."""
        with self._writing() as rows:
            last = self._last(rows, intervention_id, expected_version)
            fields = {k: last[k] for k in FIELDS}
            rows.append(self._row(intervention_id, last["version"] + 1, "delete", user, fields))

    def import_rows(self, records: list[dict], user: str, catalogue: Catalogue) -> tuple[int, int]:
        """Create or edit (by intervention_id) every record, all or nothing: (created, edited).

        `records` are parsed fields (see model.parse_fields) with an optional intervention_id.
        """
        problems = [f"Record {n}: " + " ".join(e) for n, rec in enumerate(records, 1) if (e := validate(rec, catalogue))]
        if problems:
            raise RegisterError("Nothing was imported: " + " ".join(problems), problems)
        with self._writing() as rows:
            current = {r["intervention_id"]: r for r in rows}
            created = edited = 0
            for rec in records:
                iid = rec.get("intervention_id") or ""
                last = current.get(iid)
                if last is not None and last["action"] != "delete":
                    row = self._row(iid, last["version"] + 1, "edit", user, rec)
                    edited += 1
                else:
                    row = self._row("iv-" + uuid.uuid4().hex[:10], 1, "create", user, rec)
                    created += 1
                rows.append(row)
                current[row["intervention_id"]] = row
        return created, edited

    # internals -------------------------------------------------------------------------------------------------
    @staticmethod
    def _check(fields: dict, catalogue: Catalogue) -> None:
        errors = validate(fields, catalogue)
        if errors:
            raise RegisterError("The intervention was not saved: " + " ".join(errors), errors)

    @staticmethod
    def _last(rows: list[dict], intervention_id: str, expected_version: int | None) -> dict:
        if str(intervention_id).startswith("example-"):
            raise RegisterError("The shipped examples cannot be changed; add your own intervention instead.")
        mine = [r for r in rows if r["intervention_id"] == intervention_id]
        if not mine or mine[-1]["action"] == "delete":
            raise RegisterError(f"No intervention {str(intervention_id)[:40]!r} in the register.")
        if expected_version is not None and mine[-1]["version"] != expected_version:
            raise RegisterError("Someone else changed this intervention since you opened it; reload and try again.")
        return mine[-1]

    @staticmethod
    def _row(intervention_id: str, version: int, action: str, user: str, fields: dict) -> dict:
        row = {k: fields.get(k) for k in FIELDS}
        for k in ("start", "end"):
            if isinstance(row[k], str):
                row[k] = date.fromisoformat(row[k]) if row[k] else None
        for k in ("areas", "indicators", "directions"):
            row[k] = list(row[k] or [])
        for k in ("title", "organisation", "service", "theme", "description", "link"):
            row[k] = row[k] or ""
        return {"intervention_id": intervention_id, "version": version, "action": action,
                "changed_by": str(user)[:120], "changed_at": _now(), **row}

    @contextmanager
    def _writing(self):
        """Hold the lock (this process and others), yield the log's rows to append to, then swap the file in."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = open(self.path.with_suffix(".lock"), "w")  # noqa: SIM115 (closed below)
        except OSError as err:
            raise RegisterError(STATE_UNWRITABLE) from err
        with self._lock, lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self._cache = None
                rows = list(self.log())
                n = len(rows)
                yield rows
                if len(rows) == n:
                    return
                tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
                try:
                    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), tmp)
                    os.replace(tmp, self.path)
                except OSError as err:
                    tmp.unlink(missing_ok=True)
                    raise RegisterError(STATE_UNWRITABLE) from err
                self._cache = None
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


_registers: dict[Path, Register] = {}


def register() -> Register:
    """The register of the configured state folder (one object per path, so its cache is shared)."""
    path = state_dir() / "interventions.parquet"
    if path not in _registers:
        _registers[path] = Register(path)
    return _registers[path]
