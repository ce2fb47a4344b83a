"""Every write refuses without permission: each non-GET Flask route (found from the url_map, so new ones are
checked too) without the CSRF token or a signed-in user; each Dash callback that writes re-checks the user on the
server; the /partner publish and withdraw callbacks refuse signed-out and wrong-organisation users over HTTP."""

from __future__ import annotations

import inspect
import json
import re

import numpy as np
import pandas as pd
import pytest

from accounts.store import save_user
from tests.conftest import TEST_ADMIN

SAFE = {"GET", "HEAD", "OPTIONS"}
# anonymous Dash callbacks are how every public page works; writes inside them are checked below
# Dash callbacks (writing ones check the user inside: see below); the read-only API's catch-all, which only
# answers 404 or 405 to any method (tests/api/test_api_http.py)
# POST on the API's /data and downloads reads a long selection from a form body and writes nothing
ANONYMOUS_OK = {"/_dash-update-component", "/api/v1/<path:rest>", "/api/v1/data", "/api/v1/downloads/<filename>"}
# a call to one of these inside a callback means it writes something
WRITES = re.compile(r"\b(create_batch|publish\w*|withdraw\w*|save_\w*|delete_\w*|remove_\w*|import_\w*|"
                    r"append_\w*|record_\w*|write_\w*|add_intervention|edit_intervention)\(")
CHECKS = re.compile(r"\b(current_user|can_edit_register|can_upload|can_manage)\(")


@pytest.fixture()
def users(tmp_path, monkeypatch):
    """A fresh state folder with a viewer, a partner of another organisation and the test admin."""
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    save_user("val", "Trafford Housing Trust", "viewer", "val-password-123")
    save_user("oli", "Other Org", "partner", "oli-password-123")
    save_user(TEST_ADMIN[0], "Observatory", "admin", TEST_ADMIN[1])
    return tmp_path


@pytest.fixture()
def server(dash_app):
    """The app's Flask server with Dash's routes and callbacks in place."""
    dash_app.server.test_client().get("/_dash-layout")  # Dash fills callback_map on the first request
    return dash_app.server


def _token(client) -> str:
    html = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _sign_in(server, username, password):
    client = server.test_client()
    token = _token(client)
    assert client.post("/login", data={"username": username, "password": password, "csrf_token": token}
                       ).status_code == 303
    return client


def _write_rules(server):
    for rule in server.url_map.iter_rules():
        methods = set(rule.methods or ()) - SAFE
        if methods and rule.rule not in ANONYMOUS_OK:
            url = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "x", rule.rule)
            yield rule.rule, url, sorted(methods)


def test_there_are_write_routes_to_check(server):
    rules = {r for r, _, _ in _write_rules(server)}
    assert {"/login", "/logout"} <= rules


def test_every_write_route_refuses_a_request_without_token(server, users):
    anonymous = server.test_client()
    viewer = _sign_in(server, "val", "val-password-123")
    for rule, url, methods in _write_rules(server):
        for method in methods:
            for client in (anonymous, viewer):
                response = client.open(url, method=method)
                assert response.status_code == 403, (rule, method, response.status_code)


def test_every_write_route_refuses_signed_out_users_even_with_a_token(server, users):
    client = server.test_client()
    token = _token(client)
    for rule, url, methods in _write_rules(server):
        if rule in ("/logout", "/login"):  # signing out needs no account; /login checks the password
            continue
        for method in methods:
            response = client.open(url, method=method, headers={"X-CSRFToken": token})
            assert response.status_code in (400, 401, 403, 404, 405), (rule, method, response.status_code)
            assert response.status_code != 200


def test_dash_callbacks_that_write_check_the_user(server):
    checked = 0
    import dash

    app = dash.get_app()
    for key, entry in app.callback_map.items():
        if entry.get("callback") is None:  # a clientside callback: runs in the browser, cannot write
            continue
        fn = inspect.unwrap(entry["callback"])
        try:
            source = inspect.getsource(fn)
        except (OSError, TypeError):
            continue
        if WRITES.search(source):
            checked += 1
            assert _checks_user(fn, source), f"callback {fn.__module__}.{fn.__name__} ({key[:60]}) writes without " \
                                          "checking current_user()"
    assert checked >= 1  # at least /partner's publish and withdraw


def _checks_user(fn, source: str) -> bool:
    """Whether the callback checks the user itself or through a helper of its module (one call deep)."""
    if CHECKS.search(source):
        return True
    for name in set(re.findall(r"\b(\w+)\(", source)):
        helper = fn.__globals__.get(name)
        if inspect.isfunction(helper) and helper is not fn:
            try:
                if CHECKS.search(inspect.getsource(helper)):
                    return True
            except (OSError, TypeError):
                continue
    return False


def _act_payload(app, batch_id: str, kind: str = "publish") -> dict:
    key = next(k for k in app.callback_map if "partner-message.children" in k)
    outputs = []
    for part in key.strip(".").split("..."):
        ident, prop = part.split(".", 1)
        outputs.append({"id": ident, "property": prop})
    clicked = {"id": {"batch": batch_id, "type": f"partner-{kind}"}, "property": "n_clicks" if kind == "publish"
               else "submit_n_clicks", "value": 1}
    inputs = [[clicked], []] if kind == "publish" else [[], [clicked]]
    changed = json.dumps(clicked["id"], sort_keys=True, separators=(",", ":")) + "." + clicked["property"]
    return {"output": key, "outputs": outputs, "inputs": inputs, "changedPropIds": [changed], "state": []}


def test_partner_callbacks_refuse_over_http(server, users):
    import dash

    from sharing.batches import create_batch, get_batch

    frame = pd.DataFrame({"indicator_id": ["x_ind"], "area_code": ["E05015239"], "area_name": ["Altrincham"],
                          "level": ["ward_2023"], "period": ["2024/25"], "breakdown": ["Persons"], "value": [1.0],
                          "lower_ci": [np.nan], "upper_ci": [np.nan], "numerator": [np.nan],
                          "denominator": [np.nan]})
    batch = create_batch(frame, indicator_meta=None, organisation="Trafford Housing Trust", uploaded_by="pat",
                         original=b"x", filename="x.csv", visibility="private", embargo=None)
    app = dash.get_app()
    for kind in ("publish", "withdraw"):
        payload = _act_payload(app, batch.batch_id, kind)
        anonymous = server.test_client().post("/_dash-update-component", json=payload)
        assert anonymous.status_code == 200 and "session has ended" in anonymous.get_data(as_text=True)
        for name, password in (("val", "val-password-123"), ("oli", "oli-password-123")):
            client = _sign_in(server, name, password)
            token = client.get_cookie("_csrf_token").value
            assert client.post("/_dash-update-component", json=payload).status_code == 403  # no token
            answer = client.post("/_dash-update-component", json=payload, headers={"X-CSRFToken": token})
            assert answer.status_code == 200 and "You may not" in answer.get_data(as_text=True), name
    assert get_batch(batch.batch_id).status == "draft"
    admin = _sign_in(server, *TEST_ADMIN)
    answer = admin.post("/_dash-update-component", json=_act_payload(app, batch.batch_id),
                        headers={"X-CSRFToken": admin.get_cookie("_csrf_token").value})
    assert answer.status_code == 200 and get_batch(batch.batch_id).status == "published"
