"""Two app processes on two ports, sharing one PostgreSQL and one store and state folder, behave as one site: signed in
on one is signed in on the other (both sign cookies with the one secret key kept in the database), signed out on one
is signed out on both, a publish on one is seen on the other."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    out = open(log, "w")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
                            stdout=out, stderr=subprocess.STDOUT)
    proc.log = out
    return proc, f"http://127.0.0.1:{port}"


def _wait(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=5).status_code in (200, 503):
                return
        except requests.RequestException:
            if proc.poll() is not None:
                raise RuntimeError("app exited: " + log.read_text()[-2000:]) from None
            time.sleep(0.3)
    raise RuntimeError("app did not start within 120 s: " + log.read_text()[-2000:])


@pytest.fixture()
def site(postgres_server, seeded_store_path, tmp_path, monkeypatch):
    """Two processes, A and B, on one PostgreSQL schema, one store and one state folder; the test process shares
    them too (it makes the accounts and a partner's draft batch)."""
    from statedb import db

    state = tmp_path / "state"
    # no OBSERVATORY_SECRET_KEY: both sign cookies with the key the first of them made in the shared database
    env = {**{k: v for k, v in os.environ.items() if k != "OBSERVATORY_SECRET_KEY"},
           "OBSERVATORY_DATABASE_URL": postgres_server.new_database(),
           "OBSERVATORY_STATE": str(state), "OBSERVATORY_STORE": str(seeded_store_path), "OBSERVATORY_EXAMPLES": "0"}
    for name in ("OBSERVATORY_DATABASE_URL", "OBSERVATORY_STATE", "OBSERVATORY_STORE"):
        monkeypatch.setenv(name, env[name])
    from accounts.store import save_user

    save_user("pat", "Trafford Housing Trust", "partner", "pat-password-123")
    save_user("oli", "Other Org", "partner", "oli-password-123")
    procs = [_start(env, tmp_path / f"app-{n}.log") for n in "ab"]
    try:
        for (proc, url), n in zip(procs, "ab", strict=True):
            _wait(proc, url, tmp_path / f"app-{n}.log")
        yield [url for _, url in procs]
    finally:
        for proc, _ in procs:
            proc.terminate()
        for proc, _ in procs:
            proc.wait(timeout=20)
            proc.log.close()
        db.forget()


def _sign_in(url: str, username: str, password: str) -> requests.Session:
    s = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', s.get(url + "/login").text).group(1)
    answer = s.post(url + "/login", data={"username": username, "password": password, "csrf_token": token},
                    allow_redirects=False)
    assert answer.status_code == 303, answer.text[:300]
    return s


def _signed_in_as(url: str, cookies: dict) -> str | None:
    found = re.search(r"Signed in as <strong>([^<]+)</strong>", requests.get(url + "/login", cookies=cookies).text)
    return found.group(1) if found else None


def _publish(url: str, s: requests.Session, batch_id: str) -> requests.Response:
    """Click Publish on /partner as the browser would: the Dash callback, with the CSRF header."""
    deps = s.get(url + "/_dash-dependencies").json()
    key = next(d["output"] for d in deps if "partner-message.children" in d["output"])
    outputs = [dict(zip(("id", "property"), part.split(".", 1), strict=True)) for part in key.strip(".").split("...")]
    clicked = {"id": {"batch": batch_id, "type": "partner-publish"}, "property": "n_clicks", "value": 1}
    payload = {"output": key, "outputs": outputs, "inputs": [[clicked], []], "state": [],
               "changedPropIds": [json.dumps(clicked["id"], sort_keys=True, separators=(",", ":")) + ".n_clicks"]}
    return s.post(url + "/_dash-update-component", json=payload, headers={"X-CSRFToken": s.cookies["_csrf_token"]})


def test_two_processes_one_site(site):
    a, b = site
    # signed in on A: B knows the session too (it is in the shared database, not in A's memory)
    pat = _sign_in(a, "pat", "pat-password-123")
    cookies = pat.cookies.get_dict()
    assert _signed_in_as(a, cookies) == "pat" and _signed_in_as(b, cookies) == "pat"
    # signed out on B: the same cookie, replayed, is dead on both
    token = re.search(r'name="csrf_token" value="([^"]+)"', pat.get(b + "/logout").text).group(1)
    assert pat.post(b + "/logout", data={"csrf_token": token}, allow_redirects=False).status_code == 303
    assert _signed_in_as(a, cookies) is None and _signed_in_as(b, cookies) is None

    # a partner's draft, published on A, is seen on B by another organisation's partner
    from sharing.batches import create_batch, get_batch

    frame = pd.DataFrame({"indicator_id": ["x_ind"], "area_code": ["E05015239"], "area_name": ["Altrincham"],
                          "level": ["ward_2023"], "period": ["2024/25"], "breakdown": ["Persons"], "value": [7.0],
                          "lower_ci": [np.nan], "upper_ci": [np.nan], "numerator": [np.nan], "denominator": [np.nan]})
    batch = create_batch(frame, indicator_meta=None, organisation="Trafford Housing Trust", uploaded_by="pat",
                         original=b"x", filename="x.csv", visibility="partners", embargo=None)
    oli = _sign_in(b, "oli", "oli-password-123")
    rows = f"{b}/partner/batches/{batch.batch_id}/rows.csv"
    assert oli.get(rows).status_code == 404  # a draft: only its own organisation sees it
    pat = _sign_in(a, "pat", "pat-password-123")
    answer = _publish(a, pat, batch.batch_id)
    assert answer.status_code == 200 and "Published" in answer.text, answer.text[:500]
    assert get_batch(batch.batch_id).status == "published"
    seen = oli.get(rows)
    assert seen.status_code == 200 and "Altrincham" in seen.text
    assert oli.get(rows.replace(b, a)).status_code == 200  # and on A, with the session B started
