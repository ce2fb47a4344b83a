"""/partner as plain functions: signed out it asks to sign in; signed in it lists only the batches the user may
see, with status words, and shows a batch's rows with the public's view of each."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from accounts import User
from accounts.sessions import sign_in
from accounts.store import save_user
from sharing.batches import create_batch, update_batch

ORG = "Trafford Housing Trust"


@pytest.fixture()
def batches(dash_app, seeded_store, tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    save_user("pat", ORG, "partner", "pat-password-123")
    save_user("oli", "Other Org", "partner", "oli-password-123")
    frame = pd.DataFrame({"indicator_id": "x_arrears", "area_code": ["E05015239", "E05015240"],
                          "area_name": ["Altrincham", "Ashton upon Mersey"], "level": "ward_2023",
                          "period": "2024/25", "breakdown": "Persons", "value": [1.0, 10.0], "lower_ci": np.nan,
                          "upper_ci": np.nan, "numerator": [3.0, 30.0], "denominator": 300.0})
    made = {}
    for key, visibility in (("private", "private"), ("shared", "partners")):
        made[key] = create_batch(frame, indicator_meta=None, organisation=ORG, uploaded_by="pat",
                                 original=b"csv", filename=f"{key}.csv", visibility=visibility, embargo=None)
    update_batch(made["shared"].batch_id, status="published")
    return made


def _as(dash_app, username, organisation, role, fn):
    with dash_app.server.test_request_context("/partner"):
        if username:
            sign_in(User(username, organisation, role))
        return str(fn())


def test_signed_out_asks_to_sign_in(dash_app, batches):
    from pages import partner

    text = _as(dash_app, None, None, None, partner.layout)
    assert "/login?next=/partner" in text and "shared.csv" not in text


def test_partner_sees_own_batches_with_status_words(dash_app, batches):
    from pages import partner

    text = _as(dash_app, "pat", ORG, "partner", partner.layout)
    assert "private.csv" in text and "shared.csv" in text
    assert "✎ Draft" in text and "✓ Published" in text and "Publish" in text and "Withdraw" in text
    assert batches["private"].sha256 in text


def test_other_organisation_sees_only_shared(dash_app, batches):
    from pages import partner

    text = _as(dash_app, "oli", "Other Org", "partner", partner.layout)
    assert "shared.csv" in text and "private.csv" not in text
    assert "'Withdraw'" not in text  # may not manage another organisation's batch
    detail = _as(dash_app, "oli", "Other Org", "partner",
                 lambda: partner.layout(batch=batches["private"].batch_id))
    assert "that you may see" in detail


def test_batch_rows_marked_with_the_public_view(dash_app, batches):
    from pages import partner

    text = _as(dash_app, "pat", ORG, "partner", lambda: partner.layout(batch=batches["private"].batch_id))
    assert "Suppressed (count under 5)" in text and "Shown" in text
    assert "rows.csv" in text and "Rows by indicator, level and period" in text


def test_unknown_batch_and_hostile_ids(dash_app, batches):
    from pages import partner

    for bad in ("nope", "../../etc/passwd", "<script>", "x" * 5000):
        text = _as(dash_app, "pat", ORG, "partner", lambda bad=bad: partner.layout(batch=bad))
        assert "that you may see" in text
