"""Shared fixtures: a seeded store built in code, opened by the query layer."""

from __future__ import annotations

import pytest

from tests.fixtures.seeded_store import build_seeded_store


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
