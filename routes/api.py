"""The public API, /api/v1: the catalogue, areas and values as JSON or CSV, downloads, and its OpenAPI document.

Every answer comes from the same queries/ functions the pages call, so the API and the website cannot disagree.
Responses carry a weak ETag made from the store VERSION and the request (304 on If-None-Match), are public for
five minutes, are gzipped when the client accepts it, and are kept in a small per-process cache. Bad input gets a
4xx with {"error": ...}; anything unexpected is logged and answered 503, never 500.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Callable

import pandas as pd
from flask import Blueprint, Response, current_app, jsonify, request, send_file
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

import queries
from components import urls
from data.schema import THEMES
from queries import catalog_cache, export, opendata
from queries.db import StoreMissing
from queries.errors import QueryError
from queries.store_cache import on_swap
from routes import openapi
from routes.api_support import (
    DEFAULT_PAGE_SIZE,
    FORMAT,
    MAX_PAGE_SIZE,
    ApiError,
    Cached,
    ResponseCache,
    accepts_gzip,
    area_code,
    area_codes,
    choice,
    csv_body,
    finish,
    gzip_bytes,
    integer,
    json_body,
    level,
    not_modified,
    not_modified_response,
    parquet_body,
    parse_args,
    records,
    request_key,
    respond,
    text,
    url_with,
    when,
)

PREFIX = urls.API
blueprint = Blueprint("api", __name__, url_prefix=PREFIX)
log = logging.getLogger("observatory.api")
CACHE = ResponseCache()  # keys carry the store version; a swap empties it too (old versions never return)
on_swap(CACHE.clear)
JSON, CSV, PARQUET = "application/json", "text/csv", "application/vnd.apache.parquet"
PAGE = integer(1, 10**9)
PAGE_SIZE = integer(1, MAX_PAGE_SIZE, " (the most one page holds)")
INDICATOR_LIST_FIELDS = ["indicator_id", "name", "theme", "theme_name", "definition", "unit", "value_type",
                         "multiplier", "polarity", "ci_method", "publisher", "organisation", "licence", "source_url",
                         "levels", "breakdowns", "first_period", "latest_period", "n_periods", "n_values",
                         "data_date", "has_intervals"]
AREA_FIELDS = ["area_code", "area_name", "level", "parent_code", "parent_level", "la_code", "lon", "lat", "area_sqkm"]
FILTERS = {"level": level, "period": text(60), "from": when("from"), "to": when("to"), "areas": area_codes,
           "breakdown": text(100)}


def endpoint(rule: str, spec: dict[str, Callable[[str], object]], version: Callable[[], str] | None = None,
             post: bool = False):
    """Register a GET view taking parsed parameters; add ETag/304, the response cache and gzip around it.

    `post` also takes the parameters as a form body, for selections too long for a URL (500 area codes).

    `version` adds to the store's version whatever else the answer depends on (the register, which changes
    without a new store), so an edit is never answered from the cache.
    """
    def decorate(fn: Callable[..., Cached | Response]):
        @functools.wraps(fn)
        def view(**path):
            tag = request_key(opendata.store_version() + (f":{version()}" if version else ""))
            if not_modified(tag):
                return not_modified_response(tag)
            hit = CACHE.get(tag)
            if hit is not None:
                return respond(hit, tag)
            result = fn(parse_args(spec), **path)
            if isinstance(result, Response):  # a file sent from disk
                return finish(result, tag)
            if result.mimetype in (JSON, CSV) and (len(result.body) <= CACHE.max_entry or accepts_gzip()):
                result.gzipped = gzip_bytes(result.body)  # a big download only when asked: it is not kept
            CACHE.put(tag, result.compact())
            return respond(result, tag)
        # OPTIONS is answered by `unknown` below from this rule's own methods (Flask's automatic answer would add
        # the methods of the catch-all, which then give 405)
        blueprint.add_url_rule(rule, view_func=view, methods=["GET", "POST"] if post else ["GET"],
                               provide_automatic_options=False)
        return view
    return decorate


def _json(payload: object) -> Cached:
    return Cached(json_body(payload), JSON)


def _csv(frame: pd.DataFrame, filename: str | None = None, head: list[str] | None = None) -> Cached:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else {}
    return Cached(csv_body(frame, head), CSV, headers)


# ---- the endpoints -------------------------------------------------------------------------------------------

@endpoint("/", {})
def index(_args):
    """What the API offers, its limits and where its OpenAPI document is."""
    return _json({
        "name": "Trafford Data Observatory API", "version": "v1", "store_version": opendata.store_version(),
        "openapi": urls.api_url("openapi.json"), "documentation": urls.data_url(fragment="api"),
        "endpoints": {k: urls.api_url(v) for k, v in {
            "indicators": "indicators", "indicator": "indicators/{indicator_id}", "areas": "areas",
            "area": "areas/{code}", "data": "data", "download_csv": "downloads/{indicator_id}.csv",
            "download_parquet": "downloads/{indicator_id}.parquet", "everything": "downloads/observatory.zip",
            "interventions": "interventions", "impact": "impact"}.items()},
        "limits": {"page_size_default": DEFAULT_PAGE_SIZE, "page_size_max": MAX_PAGE_SIZE, "areas_max": 500},
        "licence": export.LICENCE,
    })


@endpoint("/openapi.json", {})
def openapi_document(_args):
    """The OpenAPI 3 document describing every endpoint (enums from the current store)."""
    return _json(openapi.document(opendata.facets(), list(catalog_cache.indicators().index)))


@endpoint("/indicators", {"q": text(100), "theme": choice(THEMES), "level": level, "source": text(200),
                          "licence": text(200), "format": FORMAT})
def indicators(args):
    """The catalogue, filtered and (with q) ranked by relevance."""
    table = opendata.catalogue(q=args.get("q"), theme=args.get("theme"), level=args.get("level"),
                               source=args.get("source"), licence=args.get("licence"))
    table = table.assign(first_period=[_first(p) for p in table["periods"]])
    fields = INDICATOR_LIST_FIELDS + (["score"] if "score" in table else [])
    table = table[fields].rename(columns={"indicator_id": "id"})
    if args.get("format") == "csv":
        return _csv(table)
    rows = records(table)
    for r in rows:
        r["links"] = _indicator_links(r["id"])
    return _json({"count": len(rows), "indicators": rows})


def _first(periods) -> str | None:
    return None if periods is None or len(periods) == 0 else str(periods[0])


def _indicator_links(indicator_id: str) -> dict[str, str]:
    return {"self": urls.api_url("indicators", indicator_id), "data": urls.api_url("data", indicator=indicator_id),
            "csv": urls.download_url(indicator_id, "csv"), "parquet": urls.download_url(indicator_id, "parquet"),
            "page": urls.data_url(indicator_id)}


@endpoint("/indicators/<indicator_id>", {"format": FORMAT})
def indicator(args, indicator_id: str):
    """One indicator: its catalogue entry and its coverage (periods and breakdowns at each level)."""
    meta = _known_indicator(indicator_id)
    cov = opendata.coverage_by_level(indicator_id)
    if args.get("format") == "csv":
        return _csv(cov.assign(indicator_id=indicator_id))
    entry = {k: v for k, v in records(pd.DataFrame([meta]))[0].items() if k != "sources"}
    entry["id"] = entry.pop("indicator_id")
    entry["organisation"] = opendata.organisation(meta["publisher"])
    entry["coverage"] = records(cov)
    entry["links"] = _indicator_links(indicator_id) | {
        f"explore_{lv}": urls.explore_url(indicator=indicator_id, level=lv) for lv in cov["level"]}
    return _json(entry)


def _known_indicator(indicator_id: str) -> dict:
    try:
        return queries.indicator(indicator_id)
    except QueryError as err:
        raise ApiError(404, str(err) + f" The catalogue is at {PREFIX}/indicators.") from None


@endpoint("/areas", {"level": level, "parent": area_code, "page": PAGE, "page_size": PAGE_SIZE, "format": FORMAT})
def areas(args):
    """Areas of a level, or the children of a parent (both: the parent's children at that level), paged."""
    lv, parent = args.get("level"), args.get("parent")
    if parent is not None:
        table = queries.children(parent, lv)
        full = catalog_cache.areas().set_index(["area_code", "level"])
        table = full.loc[list(zip(table["area_code"], table["level"], strict=True))].reset_index()
    elif lv is not None:
        table = queries.areas_of_level(lv)
    else:
        table = catalog_cache.areas()
    page, size, _ = _page(len(table), args)
    rows = table.reindex(columns=AREA_FIELDS).iloc[(page - 1) * size: page * size]
    return _paged(rows, len(table), args, "areas")


def _page(total: int, args: dict) -> tuple[int, int, int]:
    """The page asked for, its size and how many pages there are; past the last page is refused."""
    page, size = args.get("page", 1), args.get("page_size", DEFAULT_PAGE_SIZE)
    pages = max(1, math.ceil(total / size))
    if page > pages:
        raise ApiError(404, f"Page {page:,} is past the last page ({pages:,} pages of {size:,} rows; "
                            f"{total:,} rows in all).")
    return page, size, pages


def _paged(rows: pd.DataFrame, total: int, args: dict, key: str, about: dict | None = None) -> Cached:
    """One page of rows as JSON (with paging links) or CSV (paging in headers)."""
    page, size, pages = _page(total, args)
    links = {"next": url_with(page=page + 1) if page < pages else None,
             "previous": url_with(page=page - 1) if page > 1 else None}
    if args.get("format") == "csv":
        out = _csv(rows)
        out.headers.update({"X-Total-Count": str(total), "X-Page": str(page), "X-Pages": str(pages)})
        if links["next"]:
            out.headers["Link"] = f'<{links["next"]}>; rel="next"'
        return out
    return _json({**(about or {}), "page": page, "page_size": size, "pages": pages, "total": total, **links,
                  key: records(rows)})


@endpoint("/areas/<code>", {"level": level, "format": FORMAT})
def area(args, code: str):
    """One area: its row, the levels it stands at, its parents up to England and its children."""
    try:
        code = area_code(code)
        row = queries.area(code, args.get("level"))
    except (ValueError, QueryError) as err:
        raise ApiError(404, str(err)) from None
    lv = row["level"]
    chain = queries.comparator_chain(code, lv)
    names = catalog_cache.areas().set_index(["area_code", "level"])["area_name"]
    kids = queries.children(code)
    if args.get("format") == "csv":
        return _csv(pd.DataFrame([row]).reindex(columns=AREA_FIELDS))
    return _json({
        **records(pd.DataFrame([row]).reindex(columns=AREA_FIELDS))[0],
        "levels": catalog_cache.levels_of_code(code),
        "parents": [{"area_code": c, "level": p, "area_name": names.get((c, p))} for c, p in chain[1:]],
        "children": records(kids[["area_code", "area_name", "level"]]),
        "links": {"self": urls.api_url("areas", code), "children": urls.api_url("areas", parent=code),
                  "data": urls.api_url("data", indicator="{indicator_id}", areas=code, template=True)},
    })


@endpoint("/data", {"indicator": text(100), **FILTERS, "page": PAGE, "page_size": PAGE_SIZE, "format": FORMAT},
          post=True)
def data(args):
    """Values of one indicator, filtered by level, period or from/to, areas and breakdown; paged."""
    if "indicator" not in args:
        raise ApiError(400, f"Parameter indicator is required (an id from {PREFIX}/indicators).")
    filters = _filters(args)
    indicator_id = args["indicator"]
    meta = queries.indicator(indicator_id)
    total = opendata.value_count(indicator_id, **filters)
    page, size, _ = _page(total, args)
    rows = opendata.value_rows(indicator_id, limit=size, offset=(page - 1) * size, **filters)
    about = {"indicator": indicator_id, "name": meta["name"], "unit": meta["unit"], "publisher": meta["publisher"],
             "licence": meta["licence"], "source_url": meta["source_url"],
             "filters": {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in args.items()
                         if k in FILTERS}}
    return _paged(rows, total, args, "rows", about)


def _filters(args: dict) -> dict:
    """The value filters of a data or download request, as value_rows takes them."""
    # period and from/to together keep what satisfies both; from after to keeps nothing (an empty range)
    return {"level": args.get("level"), "period": args.get("period"), "start": args.get("from"),
            "end": args.get("to"), "areas": args.get("areas"), "breakdown": args.get("breakdown")}


@endpoint("/downloads/observatory.zip", {})
def download_everything(_args):
    """The whole store as one zip of parquet files with a README of its schema (built once per store version)."""
    path = export.observatory_zip()
    return send_file(path, mimetype="application/zip", as_attachment=True, download_name=path.name,
                     conditional=True, etag=False, max_age=300)


@endpoint("/downloads/<filename>", FILTERS, post=True)
def download(args, filename: str):
    """One indicator's values (all, or filtered) as CSV or parquet, with source and licence."""
    stem, dot, ext = filename.rpartition(".")
    if request.method == "POST" and filename == "observatory.zip":  # the whole store takes no filters
        raise MethodNotAllowed(valid_methods=["GET", "HEAD", "OPTIONS"])
    if not dot or ext not in ("csv", "parquet"):
        raise ApiError(404, f"No download {filename[:80]!r}: downloads are <indicator>.csv, <indicator>.parquet "
                            "and observatory.zip.")
    meta = _known_indicator(stem)
    rows = opendata.value_rows_all(stem, **_filters(args))
    name = "-".join([stem, *[str(args[k]) for k in ("level", "period") if k in args]])
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    made = {"indicator": stem, "name": meta["name"], "definition": meta["definition"], "unit": meta["unit"],
            "source": meta["publisher"], "source_url": meta["source_url"] or "", "licence": meta["licence"],
            "attribution": export.LICENCE, "store_version": opendata.store_version(),
            "filters": ", ".join(f"{k}={_shown(v)}" for k, v in args.items()) or "none",
            "made_by": "Trafford Data Observatory", "rows": str(len(rows))}
    if ext == "csv":
        head = [f"{meta['name']} ({meta['unit']}): {meta['definition']}",
                f"Source: {meta['publisher']}" + (f" <{meta['source_url']}>" if meta["source_url"] else ""),
                f"Licence: {meta['licence']}. {export.LICENCE}",
                f"Filters: {made['filters']}. Rows: {len(rows)}. Store version {made['store_version']}.",
                "Read with pandas: pd.read_csv(url, comment='#'). Missing values are empty; suppressed=True marks "
                "values withheld by the publisher."]
        return _csv(rows, f"{name}.csv", head)
    return Cached(parquet_body(rows, made), PARQUET,
                  {"Content-Disposition": f'attachment; filename="{name}.parquet"'})


def _shown(value) -> str:
    if isinstance(value, list):
        return ",".join(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@blueprint.route("/<path:rest>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def unknown(rest: str):
    """Anything else under /api/v1: OPTIONS (the methods that work) and 405 for a known path, else 404 as JSON."""
    if request.method not in ("GET", "HEAD"):
        try:
            rule, _ = current_app.url_map.bind("localhost").match(request.path, method="GET", return_rule=True)
        except NotFound:
            rule = None
        if rule is not None and rule.endpoint != "api.unknown":
            allowed = sorted(rule.methods | {"OPTIONS"})
            if request.method == "OPTIONS":
                resp = Response(status=204)
                resp.headers["Allow"] = ", ".join(allowed)
                return resp
            raise MethodNotAllowed(valid_methods=allowed)
    raise ApiError(404, f"No such endpoint: {request.path[:120]}. The endpoints are listed at {PREFIX}/ and "
                        f"described in {PREFIX}/openapi.json.")


# ---- errors: always JSON, never 500 --------------------------------------------------------------------------

def _error(status: int, message: str, headers: dict | None = None) -> Response:
    resp = jsonify(error=message, status=status)
    resp.status_code = status
    resp.headers["Cache-Control"] = "no-store"
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


@blueprint.errorhandler(ApiError)
def _api_error(err: ApiError):
    return _error(err.status, err.message)


@blueprint.errorhandler(QueryError)
def _query_error(err: QueryError):
    # the request is well formed (parse_args checked it) but names something the store does not have
    return _error(404, str(err))


@blueprint.errorhandler(StoreMissing)
def _store_missing(err: StoreMissing):
    log.error("API: %s", err)
    return _error(503, "The indicator store is not available; try again later.", {"Retry-After": "60"})


@blueprint.errorhandler(HTTPException)
def _http_error(err: HTTPException):
    headers = {"Allow": ", ".join(err.valid_methods)} if isinstance(err, MethodNotAllowed) and err.valid_methods else {}
    status = err.code or 400
    if status >= 500:
        log.error("API: %s %s -> %s", request.method, request.full_path[:300], err)
        status = 503
    return _error(status, err.description or err.name, headers)


@blueprint.errorhandler(Exception)
def _unexpected(err: Exception):
    log.exception("API: unexpected error for %s %s", request.method, request.full_path[:300])
    return _error(503, "The API could not answer this request; the error has been logged. Try again later.",
                  {"Retry-After": "30"})


from routes import api_impact  # noqa: E402,F401  (registers /interventions and /impact on this blueprint)
