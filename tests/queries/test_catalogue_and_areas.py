"""Catalogue and area queries on the seeded store."""

import pytest

import queries as q


def test_catalogue_by_theme_lists_coverage(seeded_store):
    themes = q.indicators_by_theme()
    assert list(themes) == ["population", "health", "environment"]
    smoking = q.indicator("smoking")
    assert list(smoking["periods"]) == ["2019", "2020", "2021", "2022", "2023"]
    assert "ward_2023" in list(smoking["levels"]) and smoking["latest_period"] == "2023"


@pytest.mark.parametrize("text", ["smoking", "smokng", "SMOKE", "health"])
def test_search_forgives_case_typos_and_themes(seeded_store, text):
    assert "smoking" in set(q.search_indicators(text)["indicator_id"])


def test_search_ranks_name_hits_first(seeded_store):
    assert q.search_indicators("green")["indicator_id"].iloc[0] == "green_space"


def test_areas_children_and_chain(seeded_store):
    assert len(q.areas_of_level("ward_2023")) == 4
    assert set(q.children("E08000009")["area_code"]) == set(q.areas_of_level("ward_2023")["area_code"])
    assert q.comparator_chain("E05015240", "ward_2023") == [
        ("E05015240", "ward_2023"), ("E08000009", "la"), ("E47000001", "combined_authority"), ("E92000001", "england")]


def test_area_search_by_name_and_code(seeded_store):
    assert q.search_areas("bowd")["area_code"].iloc[0] == "E05015241"
    assert q.search_areas("E05015242")["area_name"].iloc[0] == "Broadheath"
    with pytest.raises(q.QueryError):
        q.search_areas("a")


def test_area_search_forgives_typos_after_direct_matches(seeded_store):
    near = q.search_areas("brodheath")  # no direct match: the nearest spelling, marked rank 3
    assert near["area_code"].iloc[0] == "E05015242" and near["match_rank"].iloc[0] == 3
    assert near["similarity"].iloc[0] >= 0.88
    assert q.search_areas("'; DROP TABLE areas; --").empty  # bound, never spliced
    assert q.search_areas("zzzz").empty
