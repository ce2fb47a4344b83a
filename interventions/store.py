"""The register in the state database (statedb): every create, edit and delete a new version row, never overwritten,
read through a small in-process cache keyed by the number of versions (the log only grows).

Who may write: a partner adds, edits and withdraws only their own organisation's interventions, an administrator any,
as with batches. A caller that passes a plain name instead of a User is trusted (the command line, tests).
"""

from __future__ import annotations

import json
import threading
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from accounts.models import User
from config import STATE_UNWRITABLE, examples_enabled
from interventions.examples import example_interventions
from interventions.model import FIELDS, Catalogue, Intervention, validate
from statedb import StateUnavailable, audit, read, sql, target, transaction


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


def _from_db(intervention_id, version, action, changed_by, changed_at, fields) -> dict:
    row = {k: None for k in FIELDS} | json.loads(fields)
    for k in ("start", "end"):
        row[k] = date.fromisoformat(row[k]) if row[k] else None
    return {"intervention_id": intervention_id, "version": int(version), "action": action, "changed_by": changed_by,
            "changed_at": changed_at, **row}


def who(user: User | str) -> str:
    """How the log names whoever made a change: 'username (organisation)', or a trusted caller's own words."""
    if isinstance(user, str):
        return user[:120]
    return (f"{user.username} ({user.organisation})" if user.organisation else user.username)[:120]


def _check_owner(user: User | str, before: str | None, after: str | None) -> None:
    """Refuse a write the user may not make (a plain name is a trusted caller: the command line, a test)."""
    if isinstance(user, str):
        return
    if user.role not in ("partner", "admin"):
        raise RegisterError(f"Your role ({user.role}) may not change the register; partners and administrators may.")
    if user.is_admin:
        return
    if before is not None and before != user.organisation:
        raise RegisterError(f"This intervention belongs to {before[:80]}: only {before[:80]}'s partners or an "
                            "administrator may change or withdraw it.")
    if after is not None and after != user.organisation:
        raise RegisterError(f"You can record interventions only in the name of your own organisation "
                            f"({user.organisation}); an administrator can record another organisation's.")


class Register:
    """The intervention register of the configured state database (`path` is no longer used: kept for callers)."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._lock = threading.Lock()
        self._cache: tuple[tuple, list[dict]] | None = None

    # reading ---------------------------------------------------------------------------------------------------
    def log(self) -> list[dict]:
        """Every version ever written, oldest first (cached until another is written, by any process)."""
        key = (target(), read(sql("interventions.count"))[0][0])
        cached = self._cache
        if cached and cached[0] == key:
            return cached[1]
        rows = [_from_db(*r) for r in read(sql("interventions.log"))]
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
        return [_from_db(*r) for r in read(sql("interventions.versions"), (str(intervention_id)[:80],))]

    # writing ---------------------------------------------------------------------------------------------------
    def create(self, fields: dict, user: User | str, catalogue: Catalogue) -> Intervention:
        """Add an intervention; RegisterError (with every problem) if the fields are not valid or not the user's."""
        self._check(fields, catalogue)
        _check_owner(user, None, fields.get("organisation") or "")
        new_id = "iv-" + uuid.uuid4().hex[:10]
        with self._writing() as db:
            self._add(db, new_id, 1, "create", user, fields)
        return self.get(new_id)

    def edit(self, intervention_id: str, fields: dict, user: User | str, catalogue: Catalogue,
             expected_version: int | None = None) -> Intervention:
        """Record a new version of an intervention (the old one stays in the log)."""
        self._check(fields, catalogue)
        with self._writing() as db:
            last = self._last(db, intervention_id, expected_version)
            _check_owner(user, last["organisation"] or "", fields.get("organisation") or "")
            self._add(db, intervention_id, last["version"] + 1, "edit", user, fields)
        return self.get(intervention_id)

    def delete(self, intervention_id: str, user: User | str, expected_version: int | None = None) -> None:
        """Record that an intervention was withdrawn (its versions stay in the log)."""
        with self._writing() as db:
            last = self._last(db, intervention_id, expected_version)
            _check_owner(user, last["organisation"] or "", None)
            self._add(db, intervention_id, last["version"] + 1, "delete", user, {k: last[k] for k in FIELDS})

    def import_rows(self, records: list[dict], user: User | str, catalogue: Catalogue) -> tuple[int, int]:
        """Create or edit (by intervention_id) every record, all or nothing: (created, edited).

        `records` are parsed fields (see model.parse_fields) with an optional intervention_id.
        """
        problems = [f"Record {n}: " + " ".join(e) for n, rec in enumerate(records, 1) if (e := validate(rec, catalogue))]
        if problems:
            raise RegisterError("Nothing was imported: " + " ".join(problems), problems)
        with self._writing() as db:
            created = edited = 0
            for rec in records:
                iid = str(rec.get("intervention_id") or "")[:80]
                rows = db.execute(sql("interventions.versions"), (iid,)).fetchall() if iid else []
                last = _from_db(*rows[-1]) if rows else None
                if last is not None and last["action"] != "delete":
                    _check_owner(user, last["organisation"] or "", rec.get("organisation") or "")
                    self._add(db, iid, last["version"] + 1, "edit", user, rec)
                    edited += 1
                else:
                    _check_owner(user, None, rec.get("organisation") or "")
                    self._add(db, "iv-" + uuid.uuid4().hex[:10], 1, "create", user, rec)
                    created += 1
        return created, edited

    # internals -------------------------------------------------------------------------------------------------
    @staticmethod
    def _check(fields: dict, catalogue: Catalogue) -> None:
        errors = validate(fields, catalogue)
        if errors:
            raise RegisterError("The intervention was not saved: " + " ".join(errors), errors)

    @staticmethod
    def _last(db, intervention_id: str, expected_version: int | None) -> dict:
        if str(intervention_id).startswith("example-"):
            raise RegisterError("The shipped examples cannot be changed; add your own intervention instead.")
        rows = db.execute(sql("interventions.versions"), (str(intervention_id)[:80],)).fetchall()
        if not rows or rows[-1][2] == "delete":
            raise RegisterError(f"No intervention {str(intervention_id)[:40]!r} in the register.")
        last = _from_db(*rows[-1])
        if expected_version is not None and last["version"] != expected_version:
            raise RegisterError("Someone else changed this intervention since you opened it; reload and try again.")
        return last

    @staticmethod
    def _add(db, intervention_id: str, version: int, action: str, user, fields: dict) -> None:
        row = {k: fields.get(k) for k in FIELDS}
        for k in ("start", "end"):
            if isinstance(row[k], date):
                row[k] = row[k].isoformat()
            row[k] = row[k] or None
        for k in ("areas", "indicators", "directions"):
            row[k] = list(row[k] or [])
        for k in ("title", "organisation", "service", "theme", "description", "link"):
            row[k] = row[k] or ""
        name = who(user)
        db.execute(sql("interventions.add"), (intervention_id, version, action, name, _now(), row["organisation"],
                                              json.dumps(row, sort_keys=True)))
        audit(db, name, f"{action} intervention", intervention_id, version=version, title=row["title"][:80])

    @contextmanager
    def _writing(self):
        """A write transaction; an unusable state database is said in words, nothing changed."""
        try:
            with transaction() as db:
                yield db
        except StateUnavailable as err:
            raise RegisterError(STATE_UNWRITABLE) from err
        finally:
            self._cache = None


_register = Register()


def register() -> Register:
    """The register of the configured state database (one object, so its cache is shared)."""
    return _register
