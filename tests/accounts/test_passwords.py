"""Passwords are kept only as scrypt hashes; the state database and secret key are private to the owner."""

from __future__ import annotations

import stat

import pytest

from accounts.models import AccountError
from accounts.store import authenticate, list_users, save_user
from statedb import db_path, read, sql
from tests.conftest import TEST_ADMIN


def _hashes() -> dict[str, str]:
    return {row[0]: row[3] for row in read(sql("users.all"))}


def test_no_plaintext_anywhere_in_the_users_table(app, state):
    users = _hashes()
    for password in ("pat-password-123", "val-password-123", TEST_ADMIN[1]):
        assert all(password not in h for h in users.values())
    assert set(users) == {"admin", "pat", "val"}
    assert all(h.startswith("scrypt:") for h in users.values())
    assert stat.S_IMODE(db_path().stat().st_mode) == 0o600
    # the secret key is a row of that same owner-only database, not a file beside it
    assert not (state / "secret_key").exists() and read(sql("settings.get"), ("secret_key",))
    # nothing else in the state folder holds a password either
    for f in state.rglob("*"):
        if f.is_file():
            assert b"pat-password-123" not in f.read_bytes()


def test_same_password_two_users_two_hashes(state):
    save_user("a1", "Org", "partner", "same-password-123")
    save_user("b1", "Org", "partner", "same-password-123")
    users = _hashes()
    assert users["a1"] != users["b1"]  # salted


def test_authenticate(app):
    assert authenticate("PAT", "pat-password-123").organisation == "Trafford Housing Trust"
    assert authenticate("pat", "wrong-password-123") is None
    assert authenticate("nobody", "pat-password-123") is None
    assert [u.username for u in list_users()] == ["admin", "pat", "val"]


@pytest.mark.parametrize("username,role,password", [
    ("x", "partner", "long-enough-pass"),        # too short a name
    ("bad name", "partner", "long-enough-pass"),
    ("ok_name", "superuser", "long-enough-pass"),
    ("ok_name", "partner", "short"),
])
def test_bad_accounts_refused(state, username, role, password):
    with pytest.raises(AccountError):
        save_user(username, "Org", role, password)


def test_admin_from_environment_is_refreshed(app, state, monkeypatch):
    from accounts.store import ensure_admin

    ensure_admin(TEST_ADMIN[0], "a-new-admin-password")
    assert authenticate(TEST_ADMIN[0], TEST_ADMIN[1]) is None
    ensure_admin(TEST_ADMIN[0], TEST_ADMIN[1])
    assert authenticate(TEST_ADMIN[0], TEST_ADMIN[1]).role == "admin"


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "AAAAaaaaAAAAaaaa", "abababababab", "abcdefabcdef",
                                      "abcdefghijklm", "zyxwvutsrqponm", "Password1234", "qwerty123456!",
                                      "111111111111"])
def test_guessable_passwords_refused(state, password):
    """A 12-character password of one repeated letter passed the length rule (issue 19, Low)."""
    with pytest.raises(AccountError, match="too easy to guess"):
        save_user("ok_name", "Org", "partner", password)


@pytest.mark.parametrize("password", ["correct-horse-battery-staple-7", "pat-password-123", "long-enough-pass",
                                      "Tr4fford-data-obs", "x7#Kp2!mQ9zL"])
def test_ordinary_passwords_still_accepted(state, password):
    save_user("ok_name", "Org", "partner", password)
