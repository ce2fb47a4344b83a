"""An uploaded boundary (GeoJSON, at most 2 MB) read and checked, and the 2021 LSOAs it covers by share of area."""

from __future__ import annotations

import base64
import json

from shapely.geometry import shape
from shapely.ops import unary_union
from shapely.validation import explain_validity

MAX_BYTES = 2 * 1024 * 1024
THRESHOLD = 0.5  # an LSOA is chosen when at least half of its area lies inside the boundary
SHOWN = 0.02  # LSOAs with less than 2% inside are not listed (a boundary drawn along a road grazes its neighbours)
POLYGONS = ("Polygon", "MultiPolygon")


class BoundaryError(ValueError):
    """The upload cannot be used as a boundary; the message says why in plain words."""


def decode_upload(contents: str | None) -> bytes:
    """The bytes of a dcc.Upload data URL ('data:...;base64,...'), or BoundaryError."""
    if not contents or "," not in contents:
        raise BoundaryError("No file was received: choose a GeoJSON file of your area's boundary.")
    data = contents.split(",", 1)[1]
    if len(data) * 3 // 4 > MAX_BYTES + 3:
        raise BoundaryError("The file is over 2 MB: simplify the boundary (for example in mapshaper) and try again.")
    try:
        return base64.b64decode(data, validate=False)
    except ValueError as err:
        raise BoundaryError("The file could not be read.") from err


def read_boundary(raw: bytes):
    """The boundary as one shapely (Multi)Polygon in longitude/latitude, or BoundaryError saying what is wrong."""
    if len(raw) > MAX_BYTES:
        raise BoundaryError("The file is over 2 MB: simplify the boundary (for example in mapshaper) and try again.")
    try:
        gj = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BoundaryError("This is not a GeoJSON file (it is not JSON): export the boundary as GeoJSON.") from err
    if not isinstance(gj, dict) or gj.get("type") not in ("FeatureCollection", "Feature", *POLYGONS,
                                                          "GeometryCollection"):
        raise BoundaryError("This is not GeoJSON: expected a FeatureCollection, Feature or Polygon.")
    geoms = list(_geometries(gj))
    polys = [g for g in geoms if isinstance(g, dict) and g.get("type") in POLYGONS]
    if not polys:
        raise BoundaryError("The file holds no polygon: a boundary must be an area (Polygon or MultiPolygon), "
                            "not points or lines.")
    shapes = []
    for g in polys:
        try:
            s = shape(g)
        except (ValueError, TypeError, AttributeError, IndexError) as err:
            raise BoundaryError("A polygon in the file is malformed (its coordinates cannot be read).") from err
        if s.is_empty:
            continue
        if not s.is_valid:  # before the area: a bow tie's two halves cancel to an area of 0
            why = explain_validity(s)
            raise BoundaryError("The boundary crosses itself (" + why.split("[")[0].strip().lower() +
                                "): redraw it so its edges do not cross.")
        if s.area > 0:
            shapes.append(s)
    if not shapes:
        raise BoundaryError("The boundary is empty: it encloses no area.")
    out = unary_union(shapes)
    x0, y0, x1, y1 = out.bounds
    if x0 < -180 or x1 > 180 or y0 < -90 or y1 > 90:
        raise BoundaryError("The coordinates are not longitude and latitude: save the GeoJSON in WGS84 "
                            "(EPSG:4326), as GeoJSON requires.")
    return out


def _geometries(gj: dict):
    kind = gj.get("type")
    if kind == "FeatureCollection":
        for f in gj.get("features") or []:
            if isinstance(f, dict):
                yield from _geometries(f)
    elif kind == "Feature":
        if isinstance(gj.get("geometry"), dict):
            yield from _geometries(gj["geometry"])
    elif kind == "GeometryCollection":
        for g in gj.get("geometries") or []:
            if isinstance(g, dict):
                yield from _geometries(g)
    else:
        yield gj


def lsoa_shares(boundary, lsoas: dict) -> list[dict]:
    """Each 2021 LSOA (of the level's FeatureCollection) with its share of area inside the boundary, largest first;
    only those at least SHOWN inside. BoundaryError when the boundary misses Trafford's LSOAs."""
    out = []
    for f in lsoas.get("features", []):
        props = f.get("properties") or {}
        try:
            area = shape(f["geometry"])
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
        if area.is_empty or not area.intersects(boundary):
            continue
        if not area.is_valid:
            area = area.buffer(0)
        share = area.intersection(boundary).area / area.area if area.area else 0.0
        if share >= SHOWN:
            out.append({"area_code": props.get("area_code"), "area_name": props.get("area_name"),
                        "share": round(share, 4)})
    if not out:
        raise BoundaryError("The boundary lies outside Trafford: it covers none of Trafford's LSOAs.")
    return sorted(out, key=lambda r: (-r["share"], r["area_code"]))


def chosen(shares: list[dict], threshold: float = THRESHOLD) -> list[str]:
    """The LSOAs with at least `threshold` of their area inside."""
    return sorted(r["area_code"] for r in shares if r["share"] >= threshold)
