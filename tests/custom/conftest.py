"""The custom-area fixture store, opened by the query layer for one test."""

import pytest

from tests.fixtures.custom_store import build_custom_store


@pytest.fixture(scope="session")
def custom_store_path(tmp_path_factory):
    return build_custom_store(tmp_path_factory.mktemp("custom") / "store")


@pytest.fixture()
def custom_store(custom_store_path, monkeypatch, tmp_path):
    from queries import db

    monkeypatch.setenv("OBSERVATORY_STORE", str(custom_store_path))
    monkeypatch.setenv("OBSERVATORY_CACHE", str(tmp_path / "cache"))
    db.reset()
    yield custom_store_path
    db.reset()
