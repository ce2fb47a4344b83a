"""The API's test client on the seeded store, with the response caches emptied for each test."""

from __future__ import annotations

import pytest


@pytest.fixture()
def client(dash_app, seeded_store):
    """Flask's test client of the app, reading the seeded store."""
    from queries import opendata
    from routes.api import CACHE

    CACHE.clear()
    opendata._store_memo()  # a fresh memo for the freshly opened store
    yield dash_app.server.test_client()
    CACHE.clear()

