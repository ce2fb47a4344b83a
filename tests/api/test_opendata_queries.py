"""The open-data query functions on the seeded store: catalogue filters, coverage, value pages and counts."""

import itertools

import pandas as pd
import pytest

import queries
from queries import QueryError, opendata


def test_catalogue_filters(seeded_store):
    assert list(opendata.catalogue(theme="health")["indicator_id"]) == ["smoking"]
    assert set(opendata.catalogue(level="ward_2023")["indicator_id"]) == {"smoking", "green_space", "population"}
    assert opendata.catalogue(level="lsoa_2011").empty and "publisher" in opendata.catalogue(level="lsoa_2011")
    assert list(opendata.catalogue(source="test publisher", q="green")["indicator_id"]) == ["green_space"]
    assert len(opendata.catalogue(licence="OGL")) == 3 and opendata.catalogue(licence="CC BY").empty
    with pytest.raises(QueryError):
        opendata.catalogue(theme="nope")
    with pytest.raises(QueryError):
        opendata.catalogue(level="nope")


def test_facets_and_organisation(seeded_store):
    f = opendata.facets()
    assert f["themes"] == ["population", "health", "environment"] and "ward_2023" in f["levels"]
    assert f["sources"] == ["ONS", "Test publisher"] and f["licences"] == ["Open Government Licence v3.0"]
    assert opendata.organisation("Department for Education (Key stage 4), via OHID Fingertips") == \
        "Department for Education"
    assert opendata.organisation("NHS England, via OHID Fingertips") == "NHS England"


def test_coverage_by_level(seeded_store):
    cov = opendata.coverage_by_level("smoking").set_index("level")
    assert list(cov.index) == ["ward_2023", "la", "combined_authority", "england"]
    assert cov.loc["ward_2023", "periods"] == ["2019", "2020", "2021", "2022", "2023"]
    assert cov.loc["ward_2023", "n_areas"] == 4 and cov.loc["la", "n_rows"] == 5


@pytest.mark.parametrize("blocks", ["kept in memory", "paged in SQL"])
def test_every_page_is_a_slice_of_the_whole(seeded_store, monkeypatch, blocks):
    if blocks == "kept in memory":
        monkeypatch.setattr(opendata, "MIN_BLOCK_ROWS", 0)
    else:
        monkeypatch.setattr(opendata, "MAX_BLOCK_ROWS", 0)
    for indicator, level in itertools.product(["smoking", "population"], [None, "ward_2023", "england"]):
        whole = opendata.value_rows(indicator, level=level, limit=None)
        assert len(whole) == opendata.value_count(indicator, level=level)
        for size, offset in [(1, 0), (3, 2), (4, 4), (7, 13), (50, 0), (6, 30)]:
            page = opendata.value_rows(indicator, level=level, limit=size, offset=offset)
            pd.testing.assert_frame_equal(page, whole.iloc[offset: offset + size].reset_index(drop=True))
    assert list(whole.columns) == opendata.DATA_COLUMNS


def test_rows_are_those_of_the_query_layer(seeded_store):
    rows = opendata.value_rows("smoking", level="ward_2023", period="2022")
    page = queries.level_values("smoking", "ward_2023", "2022")
    pd.testing.assert_series_equal(rows["value"], page["value"], check_names=False)
    assert list(rows["area_name"]) == list(page["area_name"])


def test_filters_and_counts(seeded_store):
    assert opendata.value_count("smoking") == 35
    assert opendata.value_count("smoking", areas=["E05015239", "E08000009"]) == 10
    assert opendata.value_count("smoking", level="la", start=pd.Timestamp("2021-01-01").date()) == 3
    assert opendata.value_count("smoking", breakdown="Persons", period="2020") == 7
    rows = opendata.value_rows("smoking", areas=["e05015239"], limit=100)
    assert set(rows["area_code"]) == {"E05015239"} and len(rows) == 5
    for bad in [dict(level="lsoa_2021"), dict(period="1999"), dict(breakdown="Female"), dict(areas=["E05999999"]),
                dict(areas=["x"] * 501)]:
        with pytest.raises(QueryError):
            opendata.value_rows("smoking", **bad)
    with pytest.raises(QueryError):
        opendata.value_rows("nope")


def test_search_forgives_runtogether_words_and_synonym_typos(seeded_store):
    assert queries.search_indicators("greenspace")["indicator_id"].iloc[0] == "green_space"
    assert queries.search_indicators("residnts")["indicator_id"].iloc[0] == "population"
    assert queries.search_indicators("the of").empty and len(queries.search_indicators("")) == 3
