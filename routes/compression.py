"""Compress each static bundle once, not on every request (plotly.min.js alone is 4.8 MB)."""

from __future__ import annotations

from flask import Flask, Request

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")


def _key(request: Request) -> str:
    """Static GETs are keyed by URL (Dash fingerprints them); everything else is never cached."""
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return "static:" + request.full_path
    return "dynamic"


class StaticOnlyCache:
    """A cache backend for flask-compress that keeps compressed static bundles and nothing else."""

    def __init__(self) -> None:
        self._items: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._items.get(key)

    def set(self, key: str, value: bytes) -> None:
        if ";static:" in key and len(self._items) < 500:
            self._items[key] = value


def compressing_server(name: str) -> Flask:
    """A Flask server configured so Dash(compress=True) caches compressed static files."""
    server = Flask(name)
    server.config.update(COMPRESS_CACHE_BACKEND=StaticOnlyCache, COMPRESS_CACHE_KEY=_key)
    return server
