"""The API's plumbing: strict query parameters, JSON/CSV/parquet bodies, ETags, gzip and a response cache."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from flask import Response, request
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from components.csv_out import csv_text
from data.schema import LEVELS

API_VERSION = "1"
MAX_PAGE_SIZE = 10_000
DEFAULT_PAGE_SIZE = 1_000
MAX_VALUE_LENGTH = 5_000  # characters in one parameter value (500 area codes and commas fit)
MAX_AGE = 300  # seconds a client or proxy may reuse a response without asking again
CODE = re.compile(r"^[A-Za-z][0-9]{8}$")
CODES = re.compile(r"^[A-Za-z][0-9]{8}(,[A-Za-z][0-9]{8}){0,499}$")
DATE = re.compile(r"^(1[89]|2[01])[0-9]{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


class ApiError(Exception):
    """A request the API refuses, with the HTTP status and a message for the caller."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# ---- parameters ----------------------------------------------------------------------------------------------

def request_params() -> MultiDict:
    """The request's parameters: the query, and for a POST also its form body (a selection too long for a URL)."""
    if request.method != "POST":
        return request.args
    if request.mimetype not in ("application/x-www-form-urlencoded", "multipart/form-data", ""):
        raise ApiError(415, "Send the parameters as a form (application/x-www-form-urlencoded), as in a query "
                            "string.")
    return CombinedMultiDict([request.args, request.form])


def parse_args(spec: dict[str, Callable[[str], object]]) -> dict[str, object]:
    """The request's parameters parsed by `spec` (name -> parser); unknown or repeated names are refused."""
    args = request_params()
    unknown = sorted(set(args) - set(spec))
    if unknown:
        raise ApiError(400, f"Unknown parameter {_show(unknown[0])}; this endpoint takes "
                            f"{', '.join(sorted(spec)) or 'no parameters'}.")
    out: dict[str, object] = {}
    for name, parse in spec.items():
        values = args.getlist(name)
        if len(values) > 1:
            raise ApiError(400, f"Parameter {name} is given {len(values)} times; give it once "
                                "(several area codes go in one comma-separated value).")
        if not values:
            continue
        value = values[0]
        if len(value) > MAX_VALUE_LENGTH:
            raise ApiError(400, f"Parameter {name} is too long ({len(value):,} characters; at most {MAX_VALUE_LENGTH:,}).")
        try:
            out[name] = parse(value)
        except ApiError:
            raise
        except (TypeError, ValueError) as err:
            raise ApiError(400, f"Parameter {name}: {err}") from None
    return out


def _show(value: object, n: int = 60) -> str:
    return repr(str(value)[:n])


def text(max_length: int = 200) -> Callable[[str], str]:
    """A non-empty string of bounded length, stripped of surrounding spaces (its meaning is the caller's check)."""
    def parse(value: str) -> str:
        if not value:
            raise ValueError("must not be empty.")
        if len(value) > max_length:
            raise ValueError(f"at most {max_length} characters; {len(value):,} given.")
        return value.strip()
    return parse


def choice(options) -> Callable[[str], str]:
    """One of a fixed set of keys."""
    options = list(options)

    def parse(value: str) -> str:
        if value not in options:
            raise ValueError(f"{_show(value, 40)} is not one of {', '.join(options)}.")
        return value
    return parse


def level(value: str) -> str:
    """An area level key."""
    return choice(LEVELS)(value)


def integer(low: int, high: int, what: str = "") -> Callable[[str], int]:
    """A whole number between low and high (say so when out of range)."""
    def parse(value: str) -> int:
        if not re.fullmatch(r"[0-9]{1,12}", value):
            raise ValueError(f"{_show(value, 30)} is not a whole number.")
        n = int(value)
        if not low <= n <= high:
            raise ValueError(f"must be between {low:,} and {high:,}{what}; {n:,} given.")
        return n
    return parse


def area_code(value: str) -> str:
    """An area code's shape (E05015239, any case); whether it exists is the query layer's check."""
    if not CODE.match(value):
        raise ValueError(f"{_show(value, 30)} is not an area code (codes look like E05015239).")
    return value.upper()


def area_codes(value: str) -> list[str]:
    """Up to 500 area codes separated by commas (no spaces), duplicates dropped."""
    if not CODES.match(value):
        n = value.count(",") + 1
        raise ValueError(f"at most 500 area codes; {n:,} given." if n > 500 and all(
            CODE.match(c) for c in value.split(",")) else
            f"{_show(value, 40)} is not a list of area codes (like E05015239,E05015240: commas, no spaces).")
    return list(dict.fromkeys(value.upper().split(",")))


def when(edge: str) -> Callable[[str], date]:
    """A year (2019), month (2019-04) or day (2019-04-01); `to` takes the last day of a year or month."""
    def parse(value: str) -> date:
        if not DATE.match(value):
            raise ValueError(f"{_show(value, 30)} is not a year (2019), month (2019-04) or date (2019-04-01) "
                             "from 1800 to 2199.")
        parts = [int(x) for x in value.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else (1 if edge == "from" else 12)
        last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
        if len(parts) > 2 and parts[2] > last:  # 2019-02-30 is a mistake to say, not a day to guess
            raise ValueError(f"{value} is not a date: {date(year, month, 1):%B %Y} has {last} days.")
        day = parts[2] if len(parts) > 2 else (1 if edge == "from" else last)
        return date(year, month, day)
    return parse


FORMAT = choice(["json", "csv"])


# ---- bodies --------------------------------------------------------------------------------------------------

def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts for json_body: dates as YYYY-MM-DD; NaN stays NaN (json_body writes null)."""
    if frame.empty:
        return []
    columns = []
    for name in frame.columns:
        col = frame[name]
        if pd.api.types.is_datetime64_any_dtype(col):
            col = col.dt.strftime("%Y-%m-%d")
        columns.append(col.tolist())  # str columns give NaN for missing, numbers stay Python floats
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _default(v):
    """What orjson cannot write itself: numpy arrays and scalars, dates, pandas' missing markers."""
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    if v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, datetime | date):
        return v.strftime("%Y-%m-%d")
    raise TypeError(f"cannot write {type(v).__name__} as JSON")


def json_body(payload: object) -> bytes:
    """Compact UTF-8 JSON, NaN and infinities written as null, floats exactly (shortest round-trip form)."""
    return orjson.dumps(payload, default=_default)


def csv_body(frame: pd.DataFrame, head: list[str] | None = None) -> bytes:
    """CSV with ISO dates, lists joined by ';' and, when given, '# ' comment lines first."""
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if pd.api.types.is_datetime64_any_dtype(col):
            out[name] = col.dt.strftime("%Y-%m-%d")
        elif col.dtype == object and any(isinstance(v, np.ndarray | list | tuple) for v in col.head(5)):
            out[name] = [";".join(map(str, v)) if isinstance(v, np.ndarray | list | tuple) else v for v in col]
    # with comment lines, text is quoted so a '#' inside a value cannot end the row for comment='#' readers
    return csv_text(out, head or (), quote_text=bool(head)).encode("utf-8")


def parquet_body(frame: pd.DataFrame, metadata: dict[str, str]) -> bytes:
    """Parquet (zstd) with the given key-value metadata beside pandas' own."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta.update({k.encode(): str(v).encode() for k, v in metadata.items() if v is not None})
    table = table.replace_schema_metadata(meta)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def url_with(**changes) -> str:
    """This request's path and query with some parameters changed (None drops one)."""
    args = {k: v for k, v in request_params().items()}
    for k, v in changes.items():
        if v is None:
            args.pop(k, None)
        else:
            args[k] = str(v)
    return request.path + ("?" + urlencode(args) if args else "")


# ---- caching -------------------------------------------------------------------------------------------------

@dataclass
class Cached:
    """A finished response body with what is needed to answer again without recomputing it."""

    body: bytes | None  # None when only the gzipped body is kept
    mimetype: str
    headers: dict[str, str] = field(default_factory=dict)
    gzipped: bytes | None = None

    @property
    def size(self) -> int:
        return len(self.body or b"") + len(self.gzipped or b"")

    def compact(self) -> Cached:
        """The same response keeping only its gzipped body when it has one (a fifth of the memory or less)."""
        return Cached(None, self.mimetype, self.headers, self.gzipped) if self.gzipped is not None else self


class ResponseCache:
    """A per-process LRU of response bodies bounded by bytes (the store is read-only, so entries never go stale
    within a store version, which is part of every key)."""

    def __init__(self, max_bytes: int = 48 * 2**20, max_entry: int = 8 * 2**20):
        self.max_bytes, self.max_entry = max_bytes, max_entry
        self._items: OrderedDict[str, Cached] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Cached | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, item: Cached) -> None:
        if item.size > self.max_entry:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._items[key] = item
            self._bytes += item.size
            while self._bytes > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= dropped.size

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


def request_key(version: str) -> str:
    """A key for this request: the store version, path and parameters (in a fixed order; a POST's form included)."""
    query = sorted(request_params().items(multi=True))
    text = "\n".join([API_VERSION, version, request.path, urlencode(query)])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def not_modified(tag: str) -> bool:
    """Whether the client already holds this version (If-None-Match, weak comparison)."""
    inm = request.if_none_match
    return bool(inm) and (inm.star_tag or inm.contains_weak(tag))


def accepts_gzip() -> bool:
    """Whether the client takes gzip (Accept-Encoding: gzip, and not gzip;q=0)."""
    return request.accept_encodings["gzip"] > 0


def respond(item: Cached, tag: str) -> Response:
    """The response for a (cached) body: gzip when accepted, weak ETag, public caching."""
    use_gzip = item.gzipped is not None and accepts_gzip()
    body = item.gzipped if use_gzip else item.body if item.body is not None else gzip.decompress(item.gzipped)
    resp = Response(body, mimetype=item.mimetype)
    for k, v in item.headers.items():
        resp.headers[k] = v
    if use_gzip:
        resp.headers["Content-Encoding"] = "gzip"  # flask-compress leaves an encoded response alone
    resp.headers["Vary"] = "Accept-Encoding"
    finish(resp, tag)
    return resp


def finish(resp: Response, tag: str) -> Response:
    """ETag and Cache-Control on a successful response."""
    resp.set_etag(tag, weak=True)  # weak: the gzip and identity bodies are the same representation
    resp.cache_control.public = True
    resp.cache_control.max_age = MAX_AGE
    return resp


def not_modified_response(tag: str) -> Response:
    resp = Response(status=304)
    resp.headers["Vary"] = "Accept-Encoding"
    return finish(resp, tag)


def gzip_bytes(body: bytes) -> bytes | None:
    """The body gzipped (deterministically), or None when too small to bother."""
    return gzip.compress(body, compresslevel=5, mtime=0) if len(body) >= 500 else None
