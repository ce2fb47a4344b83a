"""Shared fixtures: a seeded store built in code, opened by the query layer."""

from __future__ import annotations

import pytest

from tests.fixtures.seeded_store import build_seeded_store

# the local admin the test app starts with (accounts read OBSERVATORY_ADMIN_USER/_PASSWORD at start)
TEST_ADMIN = ("admin", "correct-horse-battery-staple-7")


@pytest.fixture(scope="session", autouse=True)
def _private_state(tmp_path_factory):
    """A throwaway state folder (accounts, secret key, batches) so no test writes into data/private."""
    import os

    if "OBSERVATORY_STATE" not in os.environ:
        os.environ["OBSERVATORY_STATE"] = str(tmp_path_factory.mktemp("state"))
    os.environ.setdefault("OBSERVATORY_PRERENDER", "0")  # no evidence packs made ahead in child processes
    yield


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the session (Debian's package; CI fails without it, elsewhere a skip)."""
    import os

    from tests.fixtures import postgres

    try:
        server = postgres.start()
    except postgres.Unavailable as why:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is needed on CI: {why}")
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def state_db(request, monkeypatch):
    """Run the test against each state database: the embedded SQLite file, then a fresh PostgreSQL database."""
    from statedb import db

    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        monkeypatch.setenv("OBSERVATORY_DATABASE_URL", server.new_database())
    else:
        monkeypatch.delenv("OBSERVATORY_DATABASE_URL", raising=False)
    yield request.param
    db.forget()


@pytest.fixture(scope="session")
def seeded_store_path(tmp_path_factory):
    """The seeded store's folder (built once per test session)."""
    return build_seeded_store(tmp_path_factory.mktemp("store") / "store")


@pytest.fixture()
def seeded_store(seeded_store_path, monkeypatch):
    """The query layer pointed at the seeded store for one test."""
    from queries import db

    monkeypatch.setenv("OBSERVATORY_STORE", str(seeded_store_path))
    db.reset()
    yield seeded_store_path
    db.reset()


@pytest.fixture(scope="session")
def real_store(tmp_path_factory):
    """The store built from the real raw folder once per session (skipped where the raw data is absent)."""
    from config import raw_dir
    from data.ingest.build import build_store
    from data.ingest.checks import REAL_DATA_EXPECT

    raw = raw_dir()
    if not raw.is_dir():
        pytest.skip(f"raw data folder {raw} not found")
    store = tmp_path_factory.mktemp("real") / "store"
    result = build_store(raw, store, expect=REAL_DATA_EXPECT)
    assert result.ok, f"real build failed: {result.summary.get('error')} (report {result.report_path})"
    return store


@pytest.fixture(scope="session")
def app_url(request):
    """The app served from a subprocess on a free loopback port, reading the real store.

    OBSERVATORY_TEST_URL points the browser tests at an app already running (for quick local runs).
    """
    import os

    if os.environ.get("OBSERVATORY_TEST_URL"):
        yield os.environ["OBSERVATORY_TEST_URL"].rstrip("/")
        return
    real_store = request.getfixturevalue("real_store")
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = Path(__file__).resolve().parents[1]
    # a fresh writable state folder (accounts, uploads, the register): tests never touch data/private
    state = request.getfixturevalue("tmp_path_factory").mktemp("app-state")
    env = {**os.environ, "OBSERVATORY_STORE": str(real_store), "OBSERVATORY_STATE": str(state),
           "OBSERVATORY_ADMIN_USER": TEST_ADMIN[0], "OBSERVATORY_ADMIN_PASSWORD": TEST_ADMIN[1],
           "HOST": "127.0.0.1", "PORT": str(port), "OBSERVATORY_PRERENDER": "0"}  # no packs made ahead in tests
    logs = root / "test-artifacts"
    logs.mkdir(exist_ok=True)
    log = open(logs / "app-server.log", "w")  # noqa: SIM115 - closed when the fixture ends
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    # generous, as a busy machine needs: a start that fails says so at once (the process exits), not at the deadline
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("app exited: " + (logs / "app-server.log").read_text()[-2000:]) from None
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("app did not start within 300 s")
    # the app warms its PDF engine in the background; a test's first evidence pack must not race that on a busy
    # machine (a cold pack took 24 s there), so the server counts as started once it says it is warm
    import json
    import urllib.error

    def pdf_engine() -> str:
        try:
            return json.load(urllib.request.urlopen(url + "/healthz", timeout=10)).get("pdf_engine")
        except urllib.error.HTTPError as err:  # 503 names a failed check; the body still says how the PDF engine is
            return json.load(err).get("pdf_engine")

    deadline = time.time() + 180
    while pdf_engine() == "warming":
        if time.time() > deadline:
            proc.kill()
            raise RuntimeError("the app's PDF engine did not warm within 180 s")
        time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(exe):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make system` installs Debian's chromium")
        pytest.skip("chromium is not installed (make system)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium, request):
    """A fresh browser page at 1280x900 that fails the test on console errors; screenshots kept on failure."""
    from pathlib import Path

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.console_errors = errors
    yield pg
    out = Path(__file__).resolve().parents[1] / "test-artifacts"
    out.mkdir(exist_ok=True)
    pg.screenshot(path=str(out / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture(scope="session")
def dash_app():
    """The Dash app, built once per process (pages register their callbacks on import)."""
    from app import create_app

    return create_app()
