"""An evidence file asked with a level or benchmark it cannot have is refused with the reason and the right link,
not made silently with a substitute (issue 19, Low)."""

from __future__ import annotations

import pytest

from tests.fixtures.seeded_store import WARDS

WARD = next(iter(WARDS))


@pytest.fixture()
def client(dash_app, seeded_store):
    return dash_app.server.test_client()


@pytest.mark.parametrize("ext", ["csv", "pdf"])
@pytest.mark.parametrize("query, says", [("benchmark=nonsense", "Unknown benchmark"),
                                         ("level=lsoa_2021", "is not an area of level"),
                                         ("benchmark=trafford&level=la", "not an area of level")])
def test_invalid_level_or_benchmark_is_400_with_the_reason(client, ext, query, says):
    r = client.get(f"/area/{WARD}/evidence.{ext}?{query}")
    text = r.get_data(as_text=True)
    assert r.status_code == 400 and r.mimetype == "text/plain" and says in text
    assert f"/area/{WARD}/evidence.{ext}" in text


def test_own_benchmark_is_refused(client):
    r = client.get("/area/E08000009/evidence.csv?benchmark=trafford")
    assert r.status_code == 400 and "cannot be its own benchmark" in r.get_data(as_text=True)


def test_valid_and_alias_parameters_still_make_the_file(client):
    for q in ("", "?benchmark=england", "?benchmark=gm", "?level=ward_2023&benchmark=la"):
        r = client.get(f"/area/{WARD}/evidence.csv{q}")
        assert r.status_code == 200 and r.mimetype == "text/csv", q


def test_custom_area_with_an_unknown_benchmark(client):
    r = client.get("/area/custom/evidence.csv?lsoa=E01006001&name=x&benchmark=mars")
    assert r.status_code == 400 and "Unknown benchmark" in r.get_data(as_text=True)
