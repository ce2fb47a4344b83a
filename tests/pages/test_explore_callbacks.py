"""Explore's callbacks as plain functions on the seeded store, and its layout for typical and hostile URLs."""

import json

import pytest


@pytest.fixture()
def explore(dash_app, seeded_store):
    import pages.explore as explore

    return explore


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=str)


def test_layout_builds_for_typical_and_hostile_urls(explore):
    assert "explore-map" in _text(explore.layout())
    typical = _text(explore.layout(indicator="smoking", level="ward_2023", period="2022", areas="E05015239"))
    assert "Altrincham" in typical and "Unknown" not in typical
    hostile = _text(explore.layout(indicator="x' OR 1=1 --", level="<b>", period="9999", areas="E0;DROP"))
    assert "Unknown indicator" in hostile and "Ignored area codes" in hostile


def test_update_views_colours_every_area_and_judges_against_england(explore):
    hideout, legend, ranking, table, meta, state, title, highlight, _classify = explore.update_views(
        "smoking", "ward_2023", 3, "england", "significance", "Persons", ["E05015239"], ["2019", "2020", "2021", "2022", "2023"])
    assert set(hideout["colours"]) == {"E05015239", "E05015240", "E05015241", "E05015242"}
    assert "Altrincham" in hideout["labels"]["E05015239"]
    assert {r["area_code"] for r in table} == set(hideout["colours"]) and title.endswith("2022")
    bars = ranking.to_dict()["data"][0]
    assert len(bars["x"]) == 4 and "error_y" in bars
    assert "indicator=smoking" in state and "areas=E05015239" in state
    assert highlight[0]["if"]["filter_query"] == '{area_code} = "E05015239"'


def test_suppressed_area_is_no_data_not_zero(explore):
    hideout, *_rest, table, _meta, _state, _title, _hl, _classify = explore.update_views(
        "smoking", "ward_2023", 4, "england", "quantiles", "Persons", [], ["2019", "2020", "2021", "2022", "2023"])
    row = next(r for r in table if r["area_code"] == "E05015242")
    assert row["value"] is None and row["interval"] == "suppressed"
    assert "E05015242" not in hideout["colours"]


def test_trend_has_selected_area_and_comparators(explore):
    fig = explore.update_trend("smoking", "ward_2023", "england", "Persons", ["E05015240"]).to_dict()
    names = [t["name"] for t in fig["data"] if t.get("mode") == "lines+markers"]
    assert names[0].startswith("Ashton upon Mersey") and any(n.startswith("England") for n in names)
    assert fig["layout"]["xaxis"]["type"] == "date"


def test_bad_callback_input_gives_a_message_not_an_error(explore):
    out = explore.update_views("nope", "ward_2023", 0, "england", "quantiles", "Persons", [], ["2023"])
    assert "Nothing to show" in _text(out[1])


def test_step_period_wraps(explore):
    assert explore.step_period(1, 4, ["a", "b", "c", "d", "e"]) == 0
    assert explore.step_period(1, 1, ["a", "b", "c"]) == 2


def test_changing_theme_keeps_or_replaces_the_indicator_and_none_is_ignored(explore):
    from dash.exceptions import PreventUpdate

    options, value = explore.filter_indicators("environment", "smoking")
    assert value == "green_space" and [o["value"] for o in options] == ["green_space"]
    assert explore.filter_indicators("health", "smoking")[1] == "smoking"
    with pytest.raises(PreventUpdate):
        explore.indicator_changed(None, "ward_2023", "Persons")
    with pytest.raises(PreventUpdate):
        explore.level_changed("ward_2023", "Persons", None, [], 0)


def test_changing_theme_keeps_the_level_when_the_theme_has_an_indicator_there(explore, monkeypatch):
    import pandas as pd

    catalogue = pd.DataFrame({"indicator_id": ["a_la_only", "b_wards"], "name": ["A", "B"], "theme": ["t", "t"],
                              "theme_name": ["T", "T"], "unit": ["%", "%"], "latest_period": ["2023", "2023"],
                              "levels": [["la"], ["ward_2023", "la"]]})
    monkeypatch.setattr(explore.queries, "indicators", lambda: catalogue)
    assert explore.filter_indicators("t", "other", "ward_2023")[1] == "b_wards"  # not the first, which lacks wards
    assert explore.filter_indicators("t", "other", "la")[1] == "a_la_only"


def test_significance_falls_back_to_quantiles_with_a_notice_when_nothing_can_be_judged(explore):
    out = explore.update_views("green_space", "ward_2023", 4, "la", "significance", "Persons", [],
                               ["2019", "2020", "2021", "2022", "2023"])
    hideout, legend, classify = out[0], _text(out[1]), out[8]
    assert len(set(hideout["colours"].values())) >= 3  # coloured by value, not all white
    assert "Significance cannot be shown" in legend and "Quantiles" in legend
    label = next(o["label"] for o in classify if o["value"] == "significance")
    assert label.startswith("Quantiles") and "no significance" in label  # the colour box says what the legend says
    judged = explore.update_views("smoking", "ward_2023", 3, "la", "significance", "Persons", [],
                                  ["2019", "2020", "2021", "2022", "2023"])
    assert "Significance cannot be shown" not in _text(judged[1])
    assert next(o["label"] for o in judged[8] if o["value"] == "significance").startswith("Significance")


def test_play_is_off_with_one_period(explore, monkeypatch):
    assert explore.level_changed("ward_2023", "Persons", "smoking", [], 0)[-2] is False  # five periods
    from types import SimpleNamespace

    real = explore.catalog_cache
    monkeypatch.setattr(explore, "catalog_cache", SimpleNamespace(  # one period left at every level
        check_indicator=real.check_indicator, coverage=lambda i: real.coverage(i).query("period == '2023'")))
    out = explore.level_changed("ward_2023", "Persons", "smoking", [], 0)
    assert out[-2] is True and out[-1].startswith("Only one period")


def test_a_click_on_the_map_is_one_round_trip_and_one_query(explore):
    """The selection highlight is drawn in the browser: only the trend (and the profile links) go to the server."""
    from bench.explore_click import click_callbacks, click_costs

    assert [c["output"] for c in click_callbacks()] == ["..explore-trend.figure...explore-profile-links.children.."]
    cost = click_costs(3, seed=7, indicator="smoking", level="ward_2023")
    assert cost["round_trips"] == [1, 1, 1] and cost["queries"] == [1, 1, 1]


def test_selection_changed_draws_the_trend_and_the_profile_links(explore):
    fig, links = explore.selection_changed("smoking", "ward_2023", "england", "Persons", ["E05015240"],
                                           [{"label": "Ashton upon Mersey", "value": "E05015240"}])
    assert fig.to_dict()["data"] and "Open profile of Ashton upon Mersey" in _text(explore.html.Div(links))
