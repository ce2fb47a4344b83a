"""Every address of the app, built in one place: a path and its parameters, escaped (no I/O).

Pages, components, reports and routes call these functions; tests/test_urls.py fails when a link is built
anywhere else. `query` is the one way parameters become a query string: empty values left out, lists joined
with commas, values escaped as forms are. A custom area's list of LSOAs keeps its commas (AREA_LIST), so the
address people copy reads as codes.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

HOME = "/"
EXPLORE = "/explore"
COMPARE = "/compare"
AREA = "/area"
AREA_TEMPLATE = "/area/<code>"
CUSTOM_AREA = "/area/custom"
MAKE_AREA = "/make-area"
DATA = "/data"
DATA_TEMPLATE = "/data/<indicator>"
IMPACT = "/impact"
PARTNER = "/partner"
UPLOAD = "/upload"
LOGIN = "/login"
LOGOUT = "/logout"
API = "/api/v1"
AREA_LIST = ","  # kept literal in the addresses of custom areas
SLOT = "{code}"  # where a script puts an area's code in an address the server gave it (area_url_template)


def query(params: dict, keep_empty: tuple[str, ...] = (), safe: str = "") -> str:
    """Parameters as a query string without '?': None and '' left out (unless named in keep_empty), lists joined
    with commas, values escaped as forms are (a space as '+'); characters in `safe` kept literal (then a space
    is '%20')."""
    clean = {}
    for key, value in params.items():
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        if value is None or (value == "" and key not in keep_empty):
            continue
        clean[key] = value
    return urlencode(clean, safe=safe, quote_via=quote) if safe else urlencode(clean)


def link(path: str, params: dict | None = None, fragment: str = "", keep_empty: tuple[str, ...] = (),
         safe: str = "") -> str:
    """A path with its query string and fragment."""
    q = query(params or {}, keep_empty, safe)
    return path + ("?" + q if q else "") + ("#" + quote(fragment) if fragment else "")


def _segment(value: str) -> str:
    """One path segment, escaped (a slash in it cannot reach another route)."""
    return quote(str(value), safe="")


def explore_url(**params) -> str:
    """Explore with indicator, level, period, benchmark, classify, breakdown and areas."""
    return link(EXPLORE, params)


def compare_url(**params) -> str:
    """Compare with its view, theme, level and the rest of its state."""
    return link(COMPARE, params)


def area_url(code: str, **params) -> str:
    """An area's profile (level, benchmark as parameters)."""
    return link(f"{AREA}/{_segment(code)}", params)


def area_url_template(**params) -> str:
    """An area's profile address with SLOT for the code, for a script to fill in (a map click): the page writes it
    into a data attribute, so no script spells a path."""
    return link(f"{AREA}/{SLOT}", params)


def custom_area_url(**params) -> str:
    """A custom area's profile (lsoa, name, benchmark)."""
    return link(CUSTOM_AREA, params, safe=AREA_LIST)


def evidence_url(code: str, fmt: str, **params) -> str:
    """An area's evidence pack as 'pdf' or 'csv' ('custom' for a custom area, with its lsoa and name)."""
    return link(f"{AREA}/{_segment(code)}/evidence.{fmt}", params, safe=AREA_LIST)


def make_area_url(**params) -> str:
    """The make-an-area page (lsoa, name to start from)."""
    return link(MAKE_AREA, params, safe=AREA_LIST)


def data_url(indicator: str | None = None, fragment: str = "", **params) -> str:
    """The open-data catalogue, or one indicator's page."""
    return link(DATA if indicator is None else f"{DATA}/{_segment(indicator)}", params, fragment)


def impact_url(fragment: str = "", **params) -> str:
    """The impact page (intervention, indicator, area, comparators, theme, follow_up)."""
    return link(IMPACT, params, fragment)


def partner_url(batch: str | None = None) -> str:
    """A partner's batches, or one batch's rows shown below them."""
    return link(PARTNER, {"batch": batch})


def batch_file_url(batch_id: str, name: str) -> str:
    """A batch's 'original' file or its 'rows.csv'."""
    return f"{PARTNER}/batches/{_segment(batch_id)}/{name}"


def upload_url() -> str:
    """The upload page."""
    return UPLOAD


def login_url(next_path: str = "", **params) -> str:
    """Sign in, then go to next_path (its own '?' and '=' kept readable; '&' escaped so it stays one value)."""
    nxt = f"next={quote(next_path, safe='/?=,')}" if next_path else ""
    rest = query(params)
    return LOGIN + ("?" if nxt or rest else "") + "&".join(p for p in (nxt, rest) if p)


def geometry_url(level: str) -> str:
    """A level's boundaries as GeoJSON."""
    return f"/geometry/{_segment(level)}.geojson"


def points_url(category: str) -> str:
    """A facility layer's points as GeoJSON."""
    return f"/points/{_segment(category)}.geojson"


def api_url(path: str = "", *segments: str, template: bool = False, **params) -> str:
    """An address of the public API: api_url('data', indicator='smoking'), api_url('indicators', indicator_id)
    (each further segment escaped); template=True keeps a value's {placeholder} braces for a link template."""
    full = "/".join([path.strip("/"), *(_segment(s) for s in segments)])
    return link(f"{API}/{full}", params, safe="{}" if template else "")


def download_url(indicator: str, fmt: str, **params) -> str:
    """An indicator's values as 'csv' or 'parquet' (level, period... as filters)."""
    return api_url("downloads", f"{indicator}.{fmt}", **params)
