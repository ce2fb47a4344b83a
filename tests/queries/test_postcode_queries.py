"""Postcode look-ups on the seeded store: whole and partial postcodes, outside Trafford, not a postcode."""

from __future__ import annotations

import pytest

from queries.errors import QueryError
from queries.postcodes import parse_postcode, postcode_areas


@pytest.mark.parametrize(("text", "expected"), [
    ("M15 4AB", ("postcode", "M15 4AB")), ("m154ab", ("postcode", "M15 4AB")), ("  wa14   1aa ", ("postcode", "WA14 1AA")),
    ("M33 7", ("sector", "M33 7")), ("m337", ("sector", "M33 7")), ("M33", ("district", "M33")),
    ("WA14", ("district", "WA14")),
])
def test_parse_whole_and_partial_postcodes(text, expected):
    assert parse_postcode(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "hello", "M33 7AB9", "12345", "'; drop table x"])
def test_not_a_postcode_is_a_clear_error(text):
    with pytest.raises(QueryError, match="postcode"):
        parse_postcode(text)


def test_whole_postcode_gives_its_ward_and_lsoa(seeded_store):
    got = postcode_areas("wa141aa")
    assert got["in_trafford"] and got["kind"] == "postcode" and got["postcodes"] == 1
    first = {a["level"]: a for a in got["areas"]}
    assert first["ward_2023"]["area_code"] == "E05015239" and first["ward_2023"]["area_name"] == "Altrincham"
    assert first["lsoa_2021"]["area_code"] == "E01006100" and first["ward_2022"]["area_code"] == "E05000819"
    assert got["message"] == "WA14 1AA is in Altrincham ward (2023 boundaries)."


def test_partial_postcode_lists_wards_by_share(seeded_store):
    got = postcode_areas("WA14")
    wards = [(a["area_code"], a["postcodes"], a["share"]) for a in got["areas"] if a["level"] == "ward_2023"]
    assert wards == [("E05015239", 2, 0.5), ("E05015241", 2, 0.5)]
    assert got["postcodes"] == 4 and "addresses, not residents" in got["message"]


def test_withdrawn_postcode_only_when_asked_in_full(seeded_store):
    assert postcode_areas("M33 7")["postcodes"] == 1  # the current one only
    got = postcode_areas("M33 7ZZ")
    assert got["in_trafford"] and "withdrawn" in got["message"]
    assert not [a for a in got["areas"] if a["level"] == "ward_2023"]


def test_outside_trafford_says_so(seeded_store):
    got = postcode_areas("M1 1AA")
    assert not got["in_trafford"] and got["areas"] == [] and "Trafford only" in got["message"]
    assert "No Trafford postcode starts SK4" in postcode_areas("SK4")["message"]
