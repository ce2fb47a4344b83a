"""Signing in and out, sessions that expire, role checks and safe redirects."""

from __future__ import annotations

import time

from tests.accounts.conftest import form_token, sign_in


def test_sign_in_reaches_private_page(app):
    client = app.test_client()
    response = sign_in(client, "pat", "pat-password-123", "/private")
    assert response.status_code == 303 and response.headers["Location"] == "/private"
    cookie = client.get_cookie("obs_session")
    assert cookie.http_only and cookie.same_site == "Lax"
    assert client.get("/private").get_data(as_text=True) == "hello pat"


def test_signed_out_page_redirects_to_login(app):
    response = app.test_client().get("/private?x=1", headers={"Accept": "text/html"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/private?x=1"


def test_wrong_role_is_forbidden(app):
    client = app.test_client()
    sign_in(client, "val", "val-password-123")
    assert client.get("/private").status_code == 403


def test_next_never_leaves_the_site(app):
    client = app.test_client()
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = sign_in(client, "pat", "pat-password-123", target)
        assert response.headers["Location"] == "/partner"


def test_idle_session_expires(app, monkeypatch):
    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    assert client.get("/private").status_code == 200
    later = time.time() + app.config["ACCOUNTS_IDLE_SECONDS"] + 5
    monkeypatch.setattr("accounts.sessions.time.time", lambda: later)
    response = client.get("/private", headers={"Accept": "text/html"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_activity_keeps_session_but_max_age_ends_it(app, monkeypatch):
    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    start = time.time()
    step = app.config["ACCOUNTS_IDLE_SECONDS"] * 0.9
    for i in range(1, 3):  # active within every idle spell: still signed in
        monkeypatch.setattr("accounts.sessions.time.time", lambda i=i: start + i * step)
        assert client.get("/private").status_code == 200
    monkeypatch.setattr("accounts.sessions.time.time", lambda: start + app.config["ACCOUNTS_MAX_AGE_SECONDS"] + 1)
    assert client.get("/private").status_code in (302, 403)


def test_password_change_ends_other_sessions(app):
    from accounts.store import save_user

    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    save_user("pat", "Trafford Housing Trust", "partner", "pat-new-password-456")
    assert client.get("/private").status_code in (302, 403)


def test_sign_out(app):
    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    token = form_token(client, "/logout")
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303
    assert client.get("/private").status_code in (302, 403)
    assert client.get_cookie("obs_user") is None


def test_public_request_sets_no_cookie(app):
    response = app.test_client().post("/_dash-update-component", json={})
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_hostile_sign_in_input_gets_a_clear_answer(app):
    client = app.test_client()
    token = form_token(client)
    for username, password, nxt in (("<script>alert(1)</script>", "x" * 5000, "/\r\nSet-Cookie: a=b"),
                                    ("a" * 10_000, "", "javascript:alert(1)"), ("", "pat-password-123", "")):
        response = client.post("/login", data={"username": username, "password": password, "csrf_token": token,
                                                "next": nxt})
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and "do not match an account" in body
        assert "<script>alert(1)" not in body and "Set-Cookie: a" not in body
    ok = client.post("/login", data={"username": "pat", "password": "pat-password-123", "csrf_token": token,
                                     "next": "/partner\r\nX: y"})
    assert ok.status_code == 303 and ok.headers["Location"] == "/partner"


def test_login_page_escapes_next(app):
    body = app.test_client().get('/login?next=/"><script>x</script>').get_data(as_text=True)
    assert "<script>x" not in body
