"""The API's test client on the seeded store, with the response caches emptied for each test."""

from __future__ import annotations

import pytest


def fresh_client(dash_app):
    """Flask's test client on the store OBSERVATORY_STORE names now, nothing cached from another: the store is
    swapped (db.reset), which empties every store cache, the API's responses included (queries/store_cache.py)."""
    from queries import db

    db.reset()
    yield dash_app.server.test_client()
    db.reset()


@pytest.fixture()
def client(dash_app, seeded_store):
    """Flask's test client of the app, reading the seeded store."""
    yield from fresh_client(dash_app)

