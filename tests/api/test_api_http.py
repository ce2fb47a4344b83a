"""HTTP behaviour of the API: ETag and 304, public caching, gzip when asked, methods, and no 500 ever."""

import gzip
import json
import logging

from queries import db, opendata
from routes import api


def test_etag_gives_304_and_responses_are_public(client):
    r = client.get("/api/v1/data?indicator=smoking&level=la")
    tag = r.headers["ETag"]
    assert r.status_code == 200 and tag.startswith('W/"')
    assert "public" in r.headers["Cache-Control"] and "max-age=300" in r.headers["Cache-Control"]
    again = client.get("/api/v1/data?indicator=smoking&level=la", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == tag
    other = client.get("/api/v1/data?indicator=smoking&level=england")
    assert other.headers["ETag"] != tag
    reordered = client.get("/api/v1/data?level=la&indicator=smoking")
    assert reordered.headers["ETag"] == tag  # the same request, parameters in another order
    assert client.get("/api/v1/data?indicator=smoking&level=england", headers={"If-None-Match": tag}).status_code == 200


def test_etag_comes_from_the_store_version(client, monkeypatch):
    tag = client.get("/api/v1/indicators").headers["ETag"]
    monkeypatch.setattr(opendata, "store_version", lambda: "another-build")
    assert client.get("/api/v1/indicators").headers["ETag"] != tag


def test_gzip_when_asked_identity_otherwise(client):
    plain = client.get("/api/v1/data?indicator=population")
    assert "Content-Encoding" not in plain.headers and plain.headers["Vary"] == "Accept-Encoding"
    zipped = client.get("/api/v1/data?indicator=population", headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.get_data())) == plain.get_json()
    assert int(zipped.headers["Content-Length"]) < len(plain.get_data())
    # served from the cache, which keeps only the gzipped body: the identity answer is still the same
    assert client.get("/api/v1/data?indicator=population").get_data() == plain.get_data()


def test_gzip_refused_with_q0(dash_app):
    from routes.api_support import accepts_gzip

    for header, want in [("gzip;q=0", False), ("br, gzip;q=0.5", True), ("", False), ("identity", False)]:
        with dash_app.server.test_request_context(headers={"Accept-Encoding": header}):
            assert accepts_gzip() is want, header


def test_head_and_methods(client):
    head = client.head("/api/v1/indicators")
    assert head.status_code == 200 and head.get_data() == b""
    post = client.post("/api/v1/indicators/smoking")  # /data and downloads take POST (long selections)
    assert post.status_code == 405 and "error" in post.get_json() and "GET" in post.headers["Allow"]
    assert client.delete("/api/v1/indicators/smoking").status_code == 405
    assert client.post("/api/v1/nothing-here").status_code == 404


def test_unknown_paths_under_the_api_are_json_404_not_a_page(client):
    for url in ("/api/v1/nothing", "/api/v1/indicators/", "/api/v1/indicators/smoking/extra", "/api/v1/data/",
                "/api/v1/downloads/smoking.xlsx"):
        r = client.get(url)
        assert r.status_code == 404 and r.mimetype == "application/json" and "error" in r.get_json(), url


def test_an_unexpected_error_is_a_logged_503_without_a_trace(client, monkeypatch, caplog):
    def boom(*_a, **_k):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(opendata, "value_rows", boom)
    with caplog.at_level(logging.ERROR, logger="observatory.api"):
        r = client.get("/api/v1/data?indicator=smoking")
    assert r.status_code == 503 and r.mimetype == "application/json"
    body = r.get_data(as_text=True)
    assert "secret" not in body and "Traceback" not in body and "error" in r.get_json()
    assert any("secret internal detail" in (rec.exc_text or "") or rec.exc_info for rec in caplog.records)


def test_a_missing_store_is_503(client, monkeypatch):
    def missing():
        raise db.StoreMissing("No indicator store at /nowhere")

    monkeypatch.setattr(opendata, "store_version", missing)
    r = client.get("/api/v1/indicators")
    assert r.status_code == 503 and "not available" in r.get_json()["error"] and r.headers["Retry-After"]


def test_errors_are_not_cached(client):
    r = client.get("/api/v1/data?indicator=nope")
    assert r.status_code == 404 and r.headers["Cache-Control"] == "no-store" and "ETag" not in r.headers


def test_response_cache_is_bounded():
    cache = api.ResponseCache(max_bytes=1000, max_entry=600)
    for i in range(10):
        cache.put(str(i), api.Cached(b"x" * 300, "application/json"))
    assert cache.get("0") is None and cache.get("9") is not None
    assert sum(c.size for c in cache._items.values()) <= 1000
    cache.put("big", api.Cached(b"x" * 700, "application/json"))
    assert cache.get("big") is None
