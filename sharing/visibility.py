"""Who sees a batch: private to its organisation, shared with partners, or public from an embargo date."""

from __future__ import annotations

import datetime as dt

VISIBILITIES = {"private": "Private to my organisation", "partners": "Shared with signed-in partners",
                "public": "Public (from the embargo date, if any)"}


def check_visibility(visibility: str) -> str:
    """The visibility if known, else ValueError naming the choices."""
    if visibility not in VISIBILITIES:
        raise ValueError(f"Unknown visibility {visibility!r}; expected one of {', '.join(VISIBILITIES)}.")
    return visibility


def _embargo(batch) -> dt.date | None:
    value = batch.embargo
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def embargo_passed(batch, today: dt.date | None = None) -> bool:
    """Whether the batch has no embargo or its date has come (dates are UK calendar days, compared in UTC)."""
    embargo = _embargo(batch)
    return embargo is None or embargo <= (today or dt.datetime.now(dt.UTC).date())


def belongs_in_public_store(batch, today: dt.date | None = None) -> bool:
    """Published, public and past its embargo: the public store must hold its rows."""
    return batch.status == "published" and batch.visibility == "public" and embargo_passed(batch, today)


def can_view(user, batch, today: dt.date | None = None) -> bool:
    """Whether the user may see the batch's rows on /partner (None: the public, who see only public data)."""
    if user is None:
        return belongs_in_public_store(batch, today)
    if user.is_admin or user.organisation == batch.organisation:
        return True
    if batch.status != "published":
        return False
    return batch.visibility == "partners" or belongs_in_public_store(batch, today)


def can_manage(user, batch) -> bool:
    """Whether the user may publish or withdraw the batch: its organisation's partners, or an admin."""
    if user is None:
        return False
    return user.is_admin or (user.role == "partner" and user.organisation == batch.organisation)


def visible(user, batches: list, today: dt.date | None = None) -> list:
    """The batches the user may see, newest first."""
    return sorted((b for b in batches if can_view(user, b, today)), key=lambda b: b.uploaded_at, reverse=True)
