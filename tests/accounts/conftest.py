"""A small Flask app with accounts installed, in a fresh state folder per test."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from tests.conftest import TEST_ADMIN


@pytest.fixture()
def state(tmp_path, monkeypatch):
    """A fresh state folder with the test admin in the environment."""
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.delenv("OBSERVATORY_SECRET_KEY", raising=False)
    monkeypatch.setenv("OBSERVATORY_ADMIN_USER", TEST_ADMIN[0])
    monkeypatch.setenv("OBSERVATORY_ADMIN_PASSWORD", TEST_ADMIN[1])
    return tmp_path


@pytest.fixture()
def app(state):
    """Flask with accounts, a page for partners, a write route and a stand-in Dash callback endpoint."""
    from accounts import current_user, init_accounts, require_role
    from accounts.store import save_user

    server = Flask("accounts-test")
    init_accounts(server)
    server.extensions["accounts_throttle"].base_delay = 0.01

    @server.get("/private")
    @require_role("partner", "admin")
    def private():
        return f"hello {current_user().username}"

    @server.post("/write")
    @require_role("partner", "admin")
    def write():
        return "written"

    @server.post("/_dash-update-component")
    def dash_update():
        user = current_user()
        return {"user": user.username if user else None}

    save_user("pat", "Trafford Housing Trust", "partner", "pat-password-123")
    save_user("val", "GMP", "viewer", "val-password-123")
    return server


def form_token(client, path: str = "/login") -> str:
    """The CSRF token in a page's form."""
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client, username: str, password: str, next_path: str = "/partner"):
    """Post the sign-in form with a valid token."""
    token = form_token(client)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token,
                                       "next": next_path})
