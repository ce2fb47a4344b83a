"""Which interventions cover an area: the area itself or any area containing it; and the shipped examples are real."""

from datetime import date

import pytest

from interventions import Intervention
from interventions.examples import example_interventions


def _item(areas, indicators=("smoking",), iid="iv-1") -> Intervention:
    return Intervention(intervention_id=iid, title="Scheme", organisation="Org", service="", theme="health",
                        areas=tuple(areas), start=date(2021, 1, 1), end=None, cost_total=1000.0, cost_per_year=None,
                        indicators=tuple(indicators), directions=("decrease",) * len(indicators))


def test_a_ward_is_covered_by_itself_and_by_trafford(seeded_store):
    from queries.interventions import containing, covering

    assert containing("E05015239", "ward_2023") == {"E05015239", "E08000009", "E47000001", "E92000001"}
    ward, borough, other = _item(["E05015239"], iid="a"), _item(["E08000009"], iid="b"), _item(["E05015240"], iid="c")
    got = covering("E05015239", "ward_2023", "smoking", [ward, borough, other])
    assert [i.intervention_id for i in got] == ["a", "b"]
    assert covering("E05015239", "ward_2023", "green_space", [ward, borough]) == []  # not expected to move it
    assert covering("E08000009", "la", None, [ward, borough]) == [borough]  # a ward does not cover its borough


def test_trend_marks_name_the_area_and_come_once(seeded_store, tmp_path, monkeypatch):
    from interventions.store import Register
    from queries import interventions as qi

    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    monkeypatch.setattr(qi, "register", lambda: type("R", (), {"current": lambda self: [_item(["E08000009"])]})())
    marks = qi.trend_marks([("E05015239", "ward_2023"), ("E08000009", "la")], "smoking", {"E05015239": "Altrincham"})
    assert len(marks) == 1 and marks[0]["area"] == "Covers Altrincham" and marks[0]["start"] == "2021-01-01"
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    assert Register().current() == []


def test_register_catalogue_lists_the_store(seeded_store):
    from queries.interventions import register_catalogue

    cat = register_catalogue()
    assert "smoking" in cat.indicators and "E05015239" in cat.areas and "health" in cat.themes


@pytest.mark.integration
def test_every_shipped_example_names_real_indicators_and_areas_with_periods_either_side(real_store, monkeypatch):
    from analysis.impact import decimal_year
    from interventions import validate
    from queries import catalog_cache, db
    from queries.interventions import register_catalogue

    monkeypatch.setenv("OBSERVATORY_STORE", str(real_store))
    db.reset()
    try:
        cat = register_catalogue()
        for ex in example_interventions():
            assert validate(ex.as_fields() | {"start": ex.start, "end": ex.end}, cat) == [], ex.intervention_id
            first = ex.indicators[0]
            cov = catalog_cache.coverage(first)
            levels = {lv for code in ex.areas for lv in catalog_cache.levels_of_code(code)} & set(cov["level"])
            starts = cov[cov["level"].isin(levels) & (cov["breakdown"] == "Persons")]["period_start"]
            years = [decimal_year(s.to_pydatetime()) for s in starts]
            start = decimal_year(ex.start)
            assert sum(y < start for y in years) >= 3 and sum(y >= start for y in years) >= 3, ex.intervention_id
    finally:
        db.reset()
