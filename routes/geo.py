"""Boundary and facility GeoJSON for the maps: sent once per page, cacheable (ETag), compressed by the app."""

from __future__ import annotations

import hashlib

from flask import Blueprint, Response, jsonify, request

from queries import QueryError, geometry

blueprint = Blueprint("geo", __name__)


def _cached(body: bytes) -> Response:
    """A JSON response with an ETag; 304 when the browser already has it."""
    tag = hashlib.sha256(body).hexdigest()[:32]
    if request.if_none_match and tag in request.if_none_match:
        return Response(status=304)
    resp = Response(body, mimetype="application/geo+json")
    resp.set_etag(tag)
    resp.cache_control.public = True
    resp.cache_control.max_age = 3600
    return resp


@blueprint.get("/geometry/<level>.geojson")
def level_geometry(level: str):
    """The boundaries of one level."""
    try:
        return _cached(geometry.level_geometry_bytes(level))
    except QueryError as err:
        return jsonify(error=str(err)), 404


@blueprint.get("/points/<category>.geojson")
def category_points(category: str):
    """The facility points of one category."""
    try:
        return _cached(geometry.points_geojson_bytes(category))
    except QueryError as err:
        return jsonify(error=str(err)), 404
