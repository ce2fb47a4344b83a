"""Who sees a batch: its organisation, partners when shared, the public only when published, public and past
embargo; who may publish or withdraw it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from accounts import User
from sharing.visibility import belongs_in_public_store, can_manage, can_view, visible

TODAY = dt.date(2026, 11, 25)
PAT = User("pat", "Trafford Housing Trust", "partner")
VAL = User("val", "Trafford Housing Trust", "viewer")
OLI = User("oli", "Other Org", "partner")
ADMIN = User("admin", "Observatory", "admin")


def batch(visibility="private", status="published", embargo=None, org="Trafford Housing Trust", when="1"):
    return SimpleNamespace(visibility=visibility, status=status, embargo=embargo, organisation=org, uploaded_at=when)


def test_private_batch_seen_by_its_organisation_and_admins_only():
    b = batch("private")
    assert can_view(PAT, b, TODAY) and can_view(VAL, b, TODAY) and can_view(ADMIN, b, TODAY)
    assert not can_view(OLI, b, TODAY) and not can_view(None, b, TODAY)
    assert not belongs_in_public_store(b, TODAY)


def test_shared_batch_seen_by_all_partners_once_published():
    assert can_view(OLI, batch("partners"), TODAY)
    assert not can_view(OLI, batch("partners", status="draft"), TODAY)
    assert not can_view(None, batch("partners"), TODAY)
    assert not belongs_in_public_store(batch("partners"), TODAY)


def test_embargo():
    later = batch("public", embargo="2026-11-26")
    assert not belongs_in_public_store(later, TODAY)
    assert not can_view(None, later, TODAY) and not can_view(OLI, later, TODAY)
    assert can_view(PAT, later, TODAY)
    assert belongs_in_public_store(later, dt.date(2026, 11, 26))  # on the day itself
    assert belongs_in_public_store(batch("public"), TODAY)


def test_withdrawn_draft_and_failed_never_public():
    for status in ("draft", "withdrawn", "failed", "publishing"):
        assert not belongs_in_public_store(batch("public", status=status), TODAY)


def test_manage_rights():
    b = batch("partners")
    assert can_manage(PAT, b) and can_manage(ADMIN, b)
    assert not can_manage(VAL, b) and not can_manage(OLI, b) and not can_manage(None, b)


def test_visible_newest_first():
    items = [batch("private", when="2"), batch("private", org="Other Org", when="3"), batch("partners", when="1")]
    assert [b.uploaded_at for b in visible(PAT, items, TODAY)] == ["2", "1"]
    assert [b.uploaded_at for b in visible(ADMIN, items, TODAY)] == ["3", "2", "1"]
