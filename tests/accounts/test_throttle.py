"""Repeated failed sign-ins are slowed down, then refused for a while."""

from __future__ import annotations

from accounts.throttle import Throttle
from tests.accounts.conftest import sign_in


def test_delay_grows_then_locks(app, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr("accounts.routes.time.sleep", waits.append)
    throttle = app.extensions["accounts_throttle"]
    client = app.test_client()
    for _ in range(throttle.lock_after):
        failed = sign_in(client, "pat", "wrong-password-000")
        assert failed.status_code == 200 and "do not match an account" in failed.get_data(as_text=True)
    assert waits[0] == 0 and all(b > a for a, b in zip(waits[1:], waits[2:], strict=False))
    # locked: even the right password is refused, with a message saying what to do
    response = sign_in(client, "pat", "pat-password-123")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.get_data(as_text=True)


def test_other_usernames_unaffected_until_address_limit():
    t = Throttle(lock_after=3, address_limit=5)
    for _ in range(3):
        t.failed("pat", "1.2.3.4")
    assert t.locked_for("pat", "1.2.3.4") > 0
    assert t.locked_for("val", "1.2.3.4") == 0
    assert t.locked_for("pat", "5.6.7.8") == 0
    t.failed("val", "1.2.3.4")
    t.failed("sam", "1.2.3.4")
    assert t.locked_for("kim", "1.2.3.4") > 0  # spraying many names from one address


def test_success_forgets_failures():
    t = Throttle(base_delay=1)
    t.failed("pat", "a")
    t.failed("pat", "a")
    assert t.delay("pat", "a") == 2
    t.succeeded("pat", "a")
    assert t.delay("pat", "a") == 0
