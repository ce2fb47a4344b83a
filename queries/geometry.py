"""Boundary GeoJSON per level and facility points, read from the store."""

from __future__ import annotations

import json

import pandas as pd

from queries import catalog_cache, db
from queries.errors import QueryError
from queries.store_cache import store_cached


@store_cached
def level_geometry_bytes(level: str) -> bytes:
    """The simplified GeoJSON FeatureCollection of a level, as stored (sent to browsers once)."""
    catalog_cache.check_level(level)
    path = db.store_path() / "geometry" / f"{level}.geojson"
    if not path.exists():
        raise QueryError(f"No boundaries are stored for level {level}.")
    return path.read_bytes()


def level_geometry(level: str) -> dict:
    """The GeoJSON of a level as a dict."""
    return json.loads(level_geometry_bytes(level))


def point_categories() -> pd.DataFrame:
    """Facility categories with label and count."""
    return db.frame("point_categories")


def points(category: str | None = None) -> pd.DataFrame:
    """Facility points (of one category if given): name, address, lon, lat, source."""
    if category is not None and category not in set(point_categories()["category"]):
        raise QueryError(f"Unknown facility category {str(category)[:40]!r}.")
    return db.frame("points", category=category)


@store_cached
def points_geojson_bytes(category: str) -> bytes:
    """One category's points as GeoJSON with a tooltip per point."""
    rows = points(category)
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                 "properties": {"name": r.name, "tooltip": f"{r.name} ({r.category_label})"}}
                for r in rows.itertuples()]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def sources() -> pd.DataFrame:
    """The raw files behind the store, with publisher and licence."""
    return db.frame("sources")
