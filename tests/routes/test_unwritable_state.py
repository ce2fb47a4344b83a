"""An unwritable state folder gives a clear message, never a 500, and the health check reports it (issue 19,
item 3). Root ignores file modes, so the folder is made unusable by putting it under a plain file."""

from __future__ import annotations

import pandas as pd
import pytest
from flask import Flask

from tests.accounts.conftest import form_token
from tests.interventions.test_register_log import CAT, _fields


@pytest.fixture()
def broken_state(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("OBSERVATORY_STATE", str(blocker / "state"))
    monkeypatch.setenv("OBSERVATORY_SECRET_KEY", "test-secret")
    return blocker / "state"


def test_pending_upload_says_storage_is_unavailable(broken_state):
    from pages import _upload_pending as pending

    with pytest.raises(pending.PendingError, match="not writable"):
        pending.save(b"a,b\n", "x.csv", "pat")


def test_batch_says_storage_is_unavailable(broken_state):
    from sharing import batches

    frame = pd.DataFrame([{c: "x" for c in batches.ROW_COLUMNS}])
    with pytest.raises(batches.BatchError, match="not writable"):
        batches.create_batch(frame, indicator_meta=None, organisation="o", uploaded_by="pat", original=b"x",
                             filename="x.csv", visibility="private", embargo=None)


def test_register_says_storage_is_unavailable(broken_state, monkeypatch):
    from interventions import RegisterError
    from interventions.store import Register

    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    with pytest.raises(RegisterError, match="not writable"):
        Register().create(_fields(), "pat", CAT)


def _server() -> Flask:
    from accounts import init_accounts
    from routes.health import blueprint

    server = Flask("health-test")
    server.register_blueprint(blueprint)
    init_accounts(server)
    return server


def test_sign_in_with_unwritable_state_is_a_clear_503(broken_state):
    client = _server().test_client()
    response = client.post("/login", data={"username": "pat", "password": "pat-password-123"})
    assert response.status_code in (403, 503)
    token = form_token(client)
    response = client.post("/login", data={"username": "pat", "password": "pat-password-123", "csrf_token": token})
    assert response.status_code == 503 and "not writable" in response.get_data(as_text=True)


def test_health_check_reports_unwritable_state(broken_state):
    response = _server().test_client().get("/healthz")
    body = response.get_json()
    assert response.status_code == 503 and body["ok"] is False and body["checks"]["state"]["ok"] is False


def test_health_check_ok(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_SECRET_KEY", "test-secret")
    response = _server().test_client().get("/healthz")
    body = response.get_json()
    assert body["checks"]["state"]["ok"] is True and body["checks"]["state_db"]["ok"] is True
