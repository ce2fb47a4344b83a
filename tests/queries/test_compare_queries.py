"""Compare's queries on the seeded store: exact rows, the latest-period rule, and refusals of unknown input."""

import pytest

from queries import QueryError
from queries import compare as cq


def test_theme_values_latest_period_per_indicator(seeded_store):
    rows = cq.theme_values(["smoking", "green_space"], "ward_2023")
    assert set(rows["period"]) == {"2023"} and len(rows) == 8
    assert set(rows["area_name"]) == {"Altrincham", "Ashton upon Mersey", "Bowdon", "Broadheath"}
    suppressed = rows[(rows["indicator_id"] == "smoking") & (rows["area_code"] == "E05015242")].iloc[0]
    assert suppressed["suppressed"] and suppressed["value"] != suppressed["value"]  # NaN, never 0


def test_theme_values_chosen_period_and_parent(seeded_store):
    rows = cq.theme_values(["smoking"], "ward_2023", "2020", parent="E08000009")
    assert set(rows["period"]) == {"2020"} and len(rows) == 4
    assert cq.theme_values(["smoking"], "ward_2023", "1999").empty


def test_benchmark_values_every_period(seeded_store):
    rows = cq.benchmark_values(["smoking"], "E08000009", "la")
    assert rows["period"].tolist() == ["2019", "2020", "2021", "2022", "2023"]
    assert rows["lower_ci"].notna().all()


def test_coverage_lists_theme_level_and_period(seeded_store):
    cov = cq.coverage()
    smoking = cov[(cov["indicator_id"] == "smoking") & (cov["level"] == "ward_2023")]
    assert smoking["theme"].iloc[0] == "health" and len(smoking) == 5


@pytest.mark.parametrize("call", [
    lambda: cq.theme_values(["x' OR 1=1 --"], "ward_2023"),
    lambda: cq.theme_values(["smoking"], "<b>"),
    lambda: cq.theme_values([], "ward_2023"),
    lambda: cq.benchmark_values(["smoking"], "DROP", "la"),
    lambda: cq.lsoa_deciles("ward_2023"),
])
def test_unknown_input_is_a_query_error(seeded_store, call):
    with pytest.raises(QueryError):
        call()
