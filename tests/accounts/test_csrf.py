"""Cross-site request forgery: forms and Dash callback POSTs without the session's token are refused."""

from __future__ import annotations

from tests.accounts.conftest import form_token, sign_in


def test_login_without_token_refused(app):
    client = app.test_client()
    client.get("/login")
    response = client.post("/login", data={"username": "pat", "password": "pat-password-123"})
    assert response.status_code == 403
    assert client.get("/private").status_code in (302, 403)  # not signed in


def test_login_with_wrong_token_refused(app):
    client = app.test_client()
    form_token(client)
    response = client.post("/login", data={"username": "pat", "password": "pat-password-123", "csrf_token": "forged"})
    assert response.status_code == 403


def test_login_token_from_another_session_refused(app):
    other = form_token(app.test_client())
    client = app.test_client()
    form_token(client)
    response = client.post("/login", data={"username": "pat", "password": "pat-password-123", "csrf_token": other})
    assert response.status_code == 403


def test_dash_callback_needs_header_when_signed_in(app):
    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    cookie = client.get_cookie("_csrf_token")
    assert cookie is not None and not cookie.http_only  # dash-renderer must read it
    assert client.post("/_dash-update-component", json={}).status_code == 403
    assert client.post("/_dash-update-component", json={}, headers={"X-CSRFToken": "forged"}).status_code == 403
    ok = client.post("/_dash-update-component", json={}, headers={"X-CSRFToken": cookie.value})
    assert ok.status_code == 200 and ok.json == {"user": "pat"}


def test_anonymous_dash_callbacks_need_no_token(app):
    response = app.test_client().post("/_dash-update-component", json={})
    assert response.status_code == 200 and response.json == {"user": None}


def test_write_route_needs_token_and_role(app):
    client = app.test_client()
    assert client.post("/write").status_code == 403  # no token at all
    sign_in(client, "pat", "pat-password-123")
    token = client.get_cookie("_csrf_token").value
    assert client.post("/write").status_code == 403
    assert client.post("/write", headers={"X-CSRFToken": token}).get_data(as_text=True) == "written"


def test_logout_needs_token(app):
    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    assert client.post("/logout").status_code == 403
    assert client.get("/private").status_code == 200  # still signed in
