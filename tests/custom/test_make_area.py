"""Making an area: clicks toggle LSOAs, a ward starts one, an uploaded boundary picks the LSOAs it covers."""

import base64
import json

import pytest
from shapely.geometry import Polygon, mapping
from shapely.ops import unary_union

from tests.fixtures.custom_store import LSOAS, square


def _upload(obj) -> str:
    raw = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return "data:application/geo+json;base64," + base64.b64encode(raw).decode()


def _fc(geometry) -> dict:
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": geometry}]}


@pytest.fixture()
def page(custom_store, dash_app):
    import pages.make_area as page

    return page


def test_a_click_adds_an_lsoa_and_a_second_click_removes_it(page):
    assert page.toggle([], LSOAS[2]) == [LSOAS[2]]
    assert page.toggle([LSOAS[2], LSOAS[0]], LSOAS[2]) == [LSOAS[0]]
    assert page.toggle(None, None) == []


def test_starting_from_a_ward_gives_its_lsoas(page):
    from queries import custom_area as q

    assert q.ward_lsoas("E05015240") == LSOAS[2:4]


def test_a_boundary_built_as_the_union_of_known_lsoas_selects_exactly_them(page):
    want = [LSOAS[1], LSOAS[2], LSOAS[5]]
    union = unary_union([Polygon(square(LSOAS.index(c))) for c in want])
    picked, shown, drawn = page.from_boundary(_upload(_fc(mapping(union))))
    assert picked == sorted(want)
    assert drawn["features"] and "covers 3 LSOAs" in json.dumps(shown.to_plotly_json(), default=str)


def test_a_boundary_covering_part_of_an_lsoa_chooses_it_by_share_of_area(page):
    # all of LSOA 0 and 30% of LSOA 1 (its western strip)
    x, y = square(0)[0]
    poly = Polygon([(x, y), (x + 0.013, y), (x + 0.013, y + 0.01), (x, y + 0.01)])
    picked, shown, _ = page.from_boundary(_upload(_fc(mapping(poly))))
    assert picked == [LSOAS[0]]
    text = json.dumps(shown.to_plotly_json(), default=str)
    assert "30%" in text and "100%" in text


@pytest.mark.parametrize("upload, words", [
    (b"not json at all", "not a GeoJSON file"),
    ({"type": "FeatureCollection", "features": []}, "no polygon"),
    (_fc({"type": "Point", "coordinates": [-2.39, 53.40]}), "no polygon"),
    (_fc({"type": "Polygon", "coordinates": [[[-2.4, 53.4], [-2.38, 53.42], [-2.38, 53.4], [-2.4, 53.42],
                                              [-2.4, 53.4]]]}), "crosses itself"),
    (_fc({"type": "Polygon", "coordinates": [[[-0.2, 51.5], [-0.1, 51.5], [-0.1, 51.6], [-0.2, 51.5]]]}),
     "outside Trafford"),
    (_fc({"type": "Polygon", "coordinates": [[[380000, 390000], [381000, 390000], [381000, 391000],
                                              [380000, 390000]]]}), "not longitude and latitude"),
    (b"{" + b" " * (2 * 1024 * 1024 + 10) + b"}", "over 2 MB"),
])
def test_bad_boundaries_are_refused_plainly_and_change_nothing(page, upload, words):
    picked, shown, drawn = page.from_boundary(_upload(upload))
    assert picked is None and drawn is None
    assert words in json.dumps(shown.to_plotly_json(), default=str)


def test_the_page_builds_and_links_to_the_profile_and_pack(page):
    out = json.dumps(page.layout(lsoa=",".join(LSOAS[:2]), name="Two").to_plotly_json(), default=str)
    assert "Make an area" in out and LSOAS[1] in out
    _, count, actions = page.show_area(LSOAS[:4], "Four squares")
    text = json.dumps(actions.to_plotly_json(), default=str)
    assert "4 LSOAs chosen" in count
    assert f"/area/custom?lsoa={','.join(LSOAS[:4])}&name=Four%20squares" in text
    assert "/area/custom/evidence.pdf?lsoa=" in text
