"""The upload callbacks re-derive the indicator from the server's catalogue, never from the browser's body, and a
partner writes into an official indicator only with an administrator's grant (issue 19, item 2)."""

from __future__ import annotations

import pytest

from accounts import User
from tests.pages.test_upload_page import GOOD, PARTNER, _choose, _send, _text
from tests.pages.test_upload_page import upload as upload  # noqa: F401  (the fixture)

WILD = GOOD.replace("20.0,18.0,22.0", "250.5,,").replace("25.0,23.0,27.0", "-40.25,,")


def test_forged_value_type_is_ignored(upload, monkeypatch):
    choice = dict(_choose(upload), value_type="other", unit="anything", multiplier=None)
    token, report, *_ = _send(upload, monkeypatch, choice, WILD)
    text = _text(report)
    assert "Passed" not in text and "0" in text  # a percentage indicator still refuses 250.5 and -40.25
    result, *_ = upload.save(1, None, token, None, choice, "public", None, 5)
    assert "Nothing was saved" in _text(result)


def test_forged_new_indicator_id_is_refused(upload, monkeypatch):
    from sharing import batches

    choice = {"id": "zz bad/id <b>x</b>'", "name": "x", "unit": "%", "value_type": "other", "multiplier": 1,
              "publisher": "p", "licence": "l",
              "new_meta": {"id": "zz bad/id <b>x</b>'", "name": "x", "theme": "health", "definition": "d",
                           "unit": "%", "value_type": "other", "polarity": "high_is_good", "publisher": "p",
                           "licence": "l"}}
    token = _send(upload, monkeypatch, _choose(upload), GOOD)[0]
    result, *_ = upload.save(1, None, token, None, choice, "public", None, 5)
    assert "Nothing was saved" in _text(result) and batches.list_batches() == []


def test_official_indicator_needs_a_grant(upload, monkeypatch):
    from sharing import batches, grants

    grants.revoke("Trafford Housing Trust", "smoking")
    data, msg, *_ = upload.use_indicator(1, "existing", "smoking", *[None] * len(upload.META_KEYS))
    assert data is None and "administrator" in _text(msg)
    forged = {"id": "smoking", "name": "x", "unit": "%", "value_type": "percentage", "multiplier": 100,
              "publisher": "p", "licence": "l", "new_meta": None}
    token = _send(upload, monkeypatch, forged, GOOD)[0]
    result, *_ = upload.save(1, None, token, None, forged, "public", None, 5)
    assert "Nothing was saved" in _text(result) and batches.list_batches() == []
    grants.grant("Trafford Housing Trust", "smoking", granted_by="admin")
    assert _choose(upload)["id"] == "smoking"


def test_admins_need_no_grant(upload, monkeypatch):
    from sharing import grants

    grants.revoke("Trafford Housing Trust", "smoking")
    monkeypatch.setattr(upload, "current_user", lambda: User("boss", "Trafford Data Observatory", "admin"))
    assert _choose(upload)["id"] == "smoking"


@pytest.mark.parametrize("ident", ["zz bad/id", "A_upper", "ab", "x" * 70, "1abc", "abc<b>"])
def test_ids_follow_a_strict_pattern(ident):
    from pages._upload_data import SLUG

    assert not SLUG.match(ident)


def test_partner_may_write_to_an_indicator_their_organisation_made():
    from sharing.grants import may_write

    made = {"households_in_fuel_poverty": "Trafford Housing Trust"}
    assert may_write(PARTNER, "households_in_fuel_poverty", made)
    assert not may_write(User("o", "Other Org", "partner"), "households_in_fuel_poverty", made)
