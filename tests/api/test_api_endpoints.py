"""Each API endpoint's contents against the query layer on the seeded store: the API says what the pages say."""

import io
import math

import pandas as pd
import pytest

import queries
from queries import opendata

WARDS = ["E05015239", "E05015240", "E05015241", "E05015242"]


def _ok(response) -> dict:
    assert response.status_code == 200, response.get_data()[:300]
    assert response.mimetype == "application/json"
    return response.get_json()


def _same(a, b) -> bool:
    """Equal numbers, or both missing (the API writes NaN as null)."""
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return a == b


def test_index_names_every_endpoint_and_the_limits(client):
    body = _ok(client.get("/api/v1/"))
    assert {"indicators", "areas", "data", "download_csv", "everything"} <= set(body["endpoints"])
    assert body["limits"]["page_size_max"] == 10_000
    assert body["store_version"] == opendata.store_version()


def test_indicators_are_the_catalogue(client):
    body = _ok(client.get("/api/v1/indicators"))
    table = queries.indicators().set_index("indicator_id")
    assert body["count"] == len(table) == 3
    for entry in body["indicators"]:
        row = table.loc[entry["id"]]
        assert (entry["name"], entry["unit"], entry["licence"], entry["publisher"]) == (
            row["name"], row["unit"], row["licence"], row["publisher"])
        assert entry["levels"] == list(row["levels"]) and entry["latest_period"] == row["latest_period"]
        assert entry["links"]["data"] == f"/api/v1/data?indicator={entry['id']}"


@pytest.mark.parametrize(("query", "expect"), [
    ("theme=health", ["smoking"]),
    ("q=smokng", ["smoking"]),
    ("q=greenspace", ["green_space"]),
    ("source=ons", ["population"]),
    ("licence=ogl", ["green_space", "population", "smoking"]),
    ("level=ward_2023&theme=environment", ["green_space"]),
    ("level=lsoa_2021", []),
])
def test_indicator_filters_and_search(client, query, expect):
    ids = [e["id"] for e in _ok(client.get(f"/api/v1/indicators?{query}"))["indicators"]]
    assert sorted(ids) == expect if "q=" not in query else ids[: len(expect)] == expect


def test_indicators_as_csv(client):
    r = client.get("/api/v1/indicators?format=csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    table = pd.read_csv(io.BytesIO(r.get_data()))
    assert sorted(table["id"]) == ["green_space", "population", "smoking"]
    assert set(table.loc[table["id"] == "smoking", "levels"].iloc[0].split(";")) == {
        "ward_2023", "la", "combined_authority", "england"}


def test_one_indicator_with_its_coverage(client):
    body = _ok(client.get("/api/v1/indicators/smoking"))
    meta = queries.indicator("smoking")
    assert (body["id"], body["name"], body["definition"], body["polarity"], body["licence"]) == (
        "smoking", meta["name"], meta["definition"], meta["polarity"], meta["licence"])
    cov = {c["level"]: c for c in body["coverage"]}
    assert set(cov) == {"ward_2023", "la", "combined_authority", "england"}
    assert cov["ward_2023"]["periods"] == ["2019", "2020", "2021", "2022", "2023"]
    assert cov["ward_2023"]["n_areas"] == 4 and cov["ward_2023"]["n_rows"] == 20
    assert body["links"]["explore_ward_2023"] == "/explore?indicator=smoking&level=ward_2023"


def test_areas_by_level_and_by_parent(client):
    body = _ok(client.get("/api/v1/areas?level=ward_2023"))
    want = queries.areas_of_level("ward_2023")
    assert [a["area_code"] for a in body["areas"]] == list(want["area_code"])
    assert [a["area_name"] for a in body["areas"]] == list(want["area_name"])
    kids = _ok(client.get("/api/v1/areas?parent=E08000009"))
    assert sorted(a["area_code"] for a in kids["areas"]) == sorted(queries.children("E08000009")["area_code"])
    paged = _ok(client.get("/api/v1/areas?level=ward_2023&page_size=3&page=2"))
    assert [a["area_code"] for a in paged["areas"]] == list(want["area_code"])[3:]
    assert paged["total"] == 4 and paged["pages"] == 2 and paged["next"] is None


def test_one_area_with_parents_and_children(client):
    body = _ok(client.get("/api/v1/areas/E05015240"))
    assert body["area_name"] == "Ashton upon Mersey" and body["level"] == "ward_2023"
    assert [(p["area_code"], p["level"]) for p in body["parents"]] == queries.comparator_chain(
        "E05015240", "ward_2023")[1:]
    trafford = _ok(client.get("/api/v1/areas/e08000009"))  # any case
    assert sorted(c["area_code"] for c in trafford["children"]) == WARDS


@pytest.mark.parametrize("period", ["2019", "2021", "2023"])
def test_data_equals_the_map_and_table_of_explore(client, period):
    """The values Explore's map and table show (queries.level_values) are the API's, number for number."""
    rows = _ok(client.get(f"/api/v1/data?indicator=smoking&level=ward_2023&period={period}"))["rows"]
    page = queries.level_values("smoking", "ward_2023", period)
    assert [r["area_code"] for r in rows] == sorted(page["area_code"])
    by_code = page.set_index("area_code")
    for r in rows:
        want = by_code.loc[r["area_code"]]
        assert r["area_name"] == want["area_name"]
        for col in ("value", "lower_ci", "upper_ci", "lower_ci_998", "upper_ci_998", "numerator", "denominator"):
            assert _same(want[col], r[col]), (r["area_code"], col, want[col], r[col])


def test_data_equals_the_trend_series(client):
    rows = _ok(client.get("/api/v1/data?indicator=green_space&areas=E05015241,E08000009"))["rows"]
    series = queries.series("green_space", [("E05015241", "ward_2023"), ("E08000009", "la")])
    got = {(r["area_code"], r["period"]): r["value"] for r in rows}
    want = {(c, p): v for c, p, v in zip(series["area_code"], series["period"], series["value"], strict=True)}
    assert got == want and len(rows) == 10


def test_suppressed_value_is_null_and_flagged(client):
    rows = _ok(client.get("/api/v1/data?indicator=smoking&level=ward_2023&period=2023&areas=E05015242"))["rows"]
    assert len(rows) == 1 and rows[0]["value"] is None and rows[0]["suppressed"] is True


def test_paging_covers_every_row_once_in_order(client):
    whole = _ok(client.get("/api/v1/data?indicator=population&page_size=10000"))
    assert whole["total"] == opendata.value_count("population") == 35 and whole["pages"] == 1
    got, url = [], "/api/v1/data?indicator=population&page_size=6"
    while url:
        page = _ok(client.get(url))
        assert page["total"] == 35 and page["pages"] == 6
        got += page["rows"]
        url = page["next"]
    assert got == whole["rows"]
    keys = [(r["level"], r["period_start"], r["area_code"]) for r in got]
    assert keys == sorted(keys)


def test_from_to_keeps_the_periods_within(client):
    rows = _ok(client.get("/api/v1/data?indicator=smoking&level=la&from=2021&to=2022-12"))["rows"]
    assert [r["period"] for r in rows] == ["2021", "2022"]
    both = _ok(client.get("/api/v1/data?indicator=smoking&level=la&from=2021&period=2020"))
    assert both["total"] == 0 and both["rows"] == []  # period and from/to: what satisfies both
    empty = _ok(client.get("/api/v1/data?indicator=smoking&level=la&from=2023&to=2019"))
    assert empty["total"] == 0


def test_data_as_csv_equals_json(client):
    js = _ok(client.get("/api/v1/data?indicator=smoking&level=ward_2023"))
    r = client.get("/api/v1/data?indicator=smoking&level=ward_2023&format=csv&page_size=7")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.headers["X-Total-Count"] == "20" and r.headers["X-Pages"] == "3" and 'rel="next"' in r.headers["Link"]
    table = pd.read_csv(io.BytesIO(r.get_data()), dtype={"period": str})
    assert list(table.columns) == opendata.DATA_COLUMNS
    for row, want in zip(table.to_dict("records"), js["rows"][:7], strict=True):
        assert row["area_code"] == want["area_code"] and row["period"] == want["period"]
        assert _same(want["value"], None if pd.isna(row["value"]) else row["value"])


def test_unknown_things_are_404_with_a_reason(client):
    for url, words in [("/api/v1/indicators/nope", "Unknown indicator"), ("/api/v1/areas/E05999999", "Unknown area"),
                       ("/api/v1/data?indicator=nope", "Unknown indicator"),
                       ("/api/v1/data?indicator=smoking&period=1999", "no period"),
                       ("/api/v1/data?indicator=smoking&level=lsoa_2021", "no data at level"),
                       ("/api/v1/data?indicator=smoking&areas=E05999999", "Unknown area"),
                       ("/api/v1/data?indicator=smoking&page=9", "past the last page")]:
        r = client.get(url)
        assert r.status_code == 404, url
        assert words in r.get_json()["error"], (url, r.get_json())
