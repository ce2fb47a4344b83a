"""Exact-row tests of the value queries on the seeded store."""

import math

import pandas as pd
import pytest

import queries as q
from analysis.stats import proportion_ci


def test_level_values_has_every_ward_and_wilson_limits(seeded_store):
    rows = q.level_values("smoking", "ward_2023", "2022")
    assert list(rows["area_name"]) == ["Altrincham", "Ashton upon Mersey", "Bowdon", "Broadheath"]
    first = rows.iloc[0]
    ci = proportion_ci(first["numerator"], first["denominator"])
    assert first["value"] == pytest.approx(ci.value)
    assert (first["lower_ci"], first["upper_ci"]) == pytest.approx((ci.lower, ci.upper))


def test_suppressed_value_is_missing_not_zero(seeded_store):
    rows = q.level_values("smoking", "ward_2023", "2023").set_index("area_code")
    assert bool(rows.loc["E05015242", "suppressed"]) is True
    assert math.isnan(rows.loc["E05015242", "value"])


def test_area_series_has_area_and_comparators_in_time_order(seeded_store):
    rows = q.area_series("smoking", "E05015239", "ward_2023")
    assert list(dict.fromkeys(rows["area_code"])) == ["E05015239", "E08000009", "E47000001", "E92000001"]
    ward = rows[rows["area_code"] == "E05015239"]
    assert list(ward["period"]) == ["2019", "2020", "2021", "2022", "2023"]


def test_area_latest_adds_comparators(seeded_store):
    rows = q.area_latest("E05015239", "ward_2023").set_index("indicator_id")
    assert set(rows.index) == {"smoking", "green_space", "population"}
    assert rows.loc["population", "period"] == "2023"
    assert rows.loc["population", "england_value"] == 4_000_040
    assert rows.loc["population", "trafford_value"] == 20_040


def test_rank_is_best_first_by_polarity(seeded_store):
    rows = q.level_values("smoking", "ward_2023", "2021").sort_values("value")
    best = rows.iloc[0]["area_code"]  # low is good: the lowest value ranks first
    assert q.area_rank("smoking", best, "ward_2023", "2021") == {"rank": 1, "n": 4, "value": rows.iloc[0]["value"]}


def test_level_stats_matches_values(seeded_store):
    stats = q.level_stats("green_space", "ward_2023", "2020")
    vals = q.level_values("green_space", "ward_2023", "2020")["value"]
    assert stats["n"] == 4 and stats["min"] == vals.min() and stats["max"] == vals.max()


@pytest.mark.parametrize("call", [
    lambda: q.level_values("smoking'; DROP TABLE values_t; --", "ward_2023", "2022"),
    lambda: q.level_values("smoking", "ward_9999", "2022"),
    lambda: q.level_values("smoking", "ward_2023", "1066"),
    lambda: q.level_values("smoking", "ward_2023", "2022", breakdown="Martians"),
    lambda: q.area_series("smoking", "E05999999", "ward_2023"),
    lambda: q.area_series("smoking", "not a code", "ward_2023"),
    lambda: q.area_latest("E05015239", "lsoa_2011"),
    lambda: q.indicators(theme="astrology"),
])
def test_unknown_identifiers_give_a_clear_query_error(seeded_store, call):
    with pytest.raises(q.QueryError):
        call()
    assert len(q.level_values("smoking", "ward_2023", "2022")) == 4  # nothing was changed


def test_level_values_pads_areas_with_no_row_in_name_order(seeded_store, monkeypatch):
    from queries import db

    full = q.level_values("smoking", "ward_2023", "2022")
    real_frame = db.frame

    def without_bowdon(name, **params):
        rows = real_frame(name, **params)
        return rows[rows["area_name"] != "Bowdon"].reset_index(drop=True) if name == "level_values" else rows

    monkeypatch.setattr(db, "frame", without_bowdon)
    padded = q.level_values("smoking", "ward_2023", "2022")
    assert list(padded["area_name"]) == list(full["area_name"])
    bowdon = padded[padded["area_name"] == "Bowdon"].iloc[0]
    assert math.isnan(bowdon["value"])


def test_level_values_sorts_a_store_written_out_of_name_order(seeded_store, monkeypatch):
    from queries import db

    real_frame = db.frame
    monkeypatch.setattr(db, "frame", lambda name, **p: real_frame(name, **p).iloc[::-1].reset_index(drop=True))
    rows = q.level_values("smoking", "ward_2023", "2022")
    assert list(rows["area_name"]) == sorted(rows["area_name"])


def test_series_of_more_pairs_than_one_query_takes(seeded_store, monkeypatch):
    from queries import values

    monkeypatch.setattr(values, "SERIES_SLOTS", 3)
    SERIES_SLOTS = 3

    from queries import catalog_cache

    areas = catalog_cache.areas()
    pairs = list(zip(areas["area_code"], areas["level"], strict=True))
    assert len(pairs) > 2 * SERIES_SLOTS  # three queries
    rows = q.series("smoking", pairs)
    assert set(rows["area_code"]) == {c for c, _ in pairs}
    assert not rows.duplicated(["area_code", "level", "period"]).any()
    assert rows.equals(rows.sort_values(["area_code", "period_start", "period"], ignore_index=True))


def test_latest_benchmarks_are_the_comparators_own_rows(seeded_store):
    rows = q.area_latest("E05015239", "ward_2023").set_index("indicator_id")
    england = q.level_values("smoking", "england", rows.loc["smoking", "period"]).iloc[0]
    assert rows.loc["smoking", "england_value"] == pytest.approx(england["value"])
    assert rows.loc["smoking", "england_lower"] == pytest.approx(england["lower_ci"])


def test_published_judgements_reach_every_value_query(seeded_store):
    from queries import opendata, profile

    latest = q.area_latest("E05015241", "ward_2023").set_index("indicator_id")
    assert latest.loc["green_space", ["published_judgement", "published_comparator", "published_by"]].tolist() == [
        "better", "E92000001", "OHID"]
    assert pd.isna(latest.loc["smoking", "published_judgement"])
    series = q.series("green_space", [("E05015241", "ward_2023"), ("E92000001", "england")])
    assert set(series.loc[series["area_code"] == "E05015241", "published_judgement"]) == {"better"}
    assert series.loc[series["area_code"] == "E92000001", "published_judgement"].isna().all()
    level = q.level_values("green_space", "ward_2023", "2021").set_index("area_code")
    assert level.loc["E05015241", "published_by"] == "OHID" and pd.isna(level.loc["E05015239", "published_by"])
    within = q.level_values("green_space", "ward_2023", "2021", parent="E08000009").set_index("area_code")
    assert within.loc["E05015241", "published_judgement"] == "better"
    rows = opendata.value_rows("green_space", areas=["E05015241"], level="ward_2023")
    assert set(rows["published_judgement"]) == {"better"} and "release" in rows and "derivation" in rows
    every = profile.area_all_series("E05015241", "ward_2023")
    assert set(every.loc[every["indicator_id"] == "green_space", "published_judgement"]) == {"better"}
