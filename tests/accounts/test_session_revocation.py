"""Sessions are kept on the server: a replayed cookie after sign-out, a password change or a disabled account
reads nothing (issue 19, item 1)."""

from __future__ import annotations

from tests.accounts.conftest import form_token, sign_in


def _stolen_cookie(client) -> str:
    return client.get_cookie("obs_session").value


def test_cookie_replayed_after_logout_is_refused(app):
    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    assert client.get("/private").status_code == 200
    stolen = _stolen_cookie(client)
    client.post("/logout", data={"csrf_token": form_token(client, "/logout")})
    replay = app.test_client()
    replay.set_cookie("obs_session", stolen)
    assert replay.get("/private").status_code in (302, 403)
    assert replay.post("/_dash-update-component", json={}).get_json() == {"user": None} or \
        replay.post("/_dash-update-component", json={}).status_code == 403


def test_password_change_revokes_a_replayed_cookie(app):
    from accounts.store import save_user

    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    stolen = _stolen_cookie(client)
    save_user("pat", "Trafford Housing Trust", "partner", "pat-new-password-456")
    # even if the password is set back, the old session stays ended
    save_user("pat", "Trafford Housing Trust", "partner", "pat-password-123")
    replay = app.test_client()
    replay.set_cookie("obs_session", stolen)
    assert replay.get("/private").status_code in (302, 403)


def test_disabled_account_is_signed_out_and_cannot_sign_in(app):
    from accounts.store import set_disabled

    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    set_disabled("pat", True)
    assert client.get("/private").status_code in (302, 403)
    again = app.test_client()
    response = sign_in(again, "pat", "pat-password-123")
    assert response.status_code == 200 and "do not match an account" in response.get_data(as_text=True)
    set_disabled("pat", False)
    assert sign_in(app.test_client(), "pat", "pat-password-123").status_code == 303


def test_sessions_live_in_the_state_database(app, state):
    from accounts import session_store

    client = app.test_client()
    sign_in(client, "pat", "pat-password-123")
    assert session_store.count("pat") == 1
    assert (state / "state.db").exists()
    client.post("/logout", data={"csrf_token": form_token(client, "/logout")})
    assert session_store.count("pat") == 0
