"""A date that does not exist is refused, not clamped; OPTIONS advertises only the methods that work (issue 19, Low)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("value", ["2019-02-30", "2019-04-31", "2021-02-29"])
def test_a_day_that_does_not_exist_is_400(client, value):
    for edge in ("from", "to"):
        r = client.get(f"/api/v1/data?indicator=smoking&{edge}={value}")
        assert r.status_code == 400 and "is not a date" in r.get_json()["error"], (edge, value)


def test_real_days_still_work(client):
    assert client.get("/api/v1/data?indicator=smoking&from=2020-02-29&to=2023-12-31").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/indicators", "/api/v1/indicators/smoking", "/api/v1/areas",
                                  "/api/v1/data?indicator=smoking", "/api/v1/downloads/smoking.csv",
                                  "/api/v1/openapi.json", "/api/v1/interventions"])
def test_options_lists_only_methods_that_work(client, path):
    r = client.options(path)
    assert r.status_code in (200, 204)
    allowed = [m.strip() for m in r.headers["Allow"].split(",")]
    assert "GET" in allowed and "OPTIONS" in allowed
    for method in allowed:
        if method != "OPTIONS":
            assert client.open(path, method=method).status_code != 405, (path, method)
    for method in {"PUT", "PATCH", "DELETE", "POST"} - set(allowed):
        r = client.open(path, method=method)
        assert r.status_code == 405 and r.headers["Allow"] == ", ".join(allowed), (path, method)


def test_options_on_an_unknown_api_path_is_404(client):
    r = client.options("/api/v1/nothing-here")
    assert r.status_code == 404 and "error" in r.get_json()
