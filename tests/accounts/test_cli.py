"""`python -m accounts`: create an admin, add users, list them; bad input is refused with a message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(state, *args, stdin=""):
    env = {**os.environ, "OBSERVATORY_STATE": str(state)}
    return subprocess.run([sys.executable, "-m", "accounts", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)


def test_create_admin_add_user_list(tmp_path):
    done = run(tmp_path, "create-admin", "--username", "Boss", "--password-stdin", stdin="boss-password-123\n")
    assert done.returncode == 0, done.stderr
    assert run(tmp_path, "add-user", "--username", "pat", "--organisation", "Trafford Housing Trust", "--role",
               "partner", "--password-stdin", stdin="pat-password-123\n").returncode == 0
    listed = run(tmp_path, "list").stdout.splitlines()
    assert listed == ["boss\tadmin\tTrafford Data Observatory", "pat\tpartner\tTrafford Housing Trust"]
    assert (tmp_path / "state.db").exists()
    for f in (f for f in tmp_path.rglob("*") if f.is_file()):  # the database and its write-ahead log
        assert b"boss-password-123" not in f.read_bytes() and b"pat-password-123" not in f.read_bytes()

    from accounts.store import authenticate
    os.environ["OBSERVATORY_STATE"], saved = str(tmp_path), os.environ.get("OBSERVATORY_STATE")
    try:
        assert authenticate("boss", "boss-password-123").role == "admin"
    finally:
        if saved is None:
            del os.environ["OBSERVATORY_STATE"]
        else:
            os.environ["OBSERVATORY_STATE"] = saved


def test_short_password_refused(tmp_path):
    done = run(tmp_path, "create-admin", "--username", "boss", "--password-stdin", stdin="short\n")
    assert done.returncode == 1 and "at least 12 characters" in done.stderr
    assert run(tmp_path, "list").stdout == ""


def test_remove_unknown_user(tmp_path):
    done = run(tmp_path, "remove-user", "--username", "ghost")
    assert done.returncode == 1 and "No user" in done.stderr


def test_disable_and_enable_user(tmp_path):
    run(tmp_path, "create-admin", "--username", "boss", "--password-stdin", stdin="boss-password-123\n")
    done = run(tmp_path, "disable-user", "--username", "boss")
    assert done.returncode == 0, done.stderr
    assert "disabled" in run(tmp_path, "list").stdout
    assert run(tmp_path, "enable-user", "--username", "boss").returncode == 0
    assert "disabled" not in run(tmp_path, "list").stdout
    assert run(tmp_path, "disable-user", "--username", "nobody").returncode == 1
