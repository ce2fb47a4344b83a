"""Compare's layout and views as plain functions on the seeded store: grid colours, fit, CSV, hostile URLs."""

import json
import re

import numpy as np
import pandas as pd
import pytest

from analysis.stats import compare_vec
from components.judgement import LABELS

PERIODS = ["2019", "2020", "2021", "2022", "2023"]


@pytest.fixture()
def compare(dash_app, seeded_store):
    import pages.compare as compare

    return compare


def _text(component) -> str:
    from dash import html

    return json.dumps(html.Div(component).to_plotly_json(), default=lambda c: c.to_plotly_json() if hasattr(c, "to_plotly_json") else str(c),
                      ensure_ascii=False)


def _values(view, **kw):
    base = {"theme": "health", "level": "ward_2023", "period": "latest", "benchmark": "la", "view": view,
            "areas": [], "sort": "name", "order": "desc", "x": None, "y": None, "ineq": None, "groups": "decile",
            "target": None, "on": []}
    base.update(kw)
    from pages.compare import CONTROLS

    return [base[k] for k in CONTROLS]


def test_layout_builds_for_no_typical_and_hostile_urls(compare):
    assert "compare-grid-body" in _text(compare.layout())
    typical = _text(compare.layout(theme="health", level="ward_2023", period="2022", view="side",
                                   areas="E05015239,E05015240"))
    assert "Altrincham" in typical and "No theme" not in typical
    hostile = _text(compare.layout(theme="<script>", level="x' OR 1=1", period="1066", benchmark="mars",
                                   view="boom", sort="; DROP", areas="E0;DROP,E05000001", target="zz", x="nope"))
    for notice in ("No theme", "Unknown benchmark", "Unknown view", "Ignored area codes", "Not areas of"):
        assert notice in hostile
    assert hostile.count("<script>") == hostile.count("“<script>”")  # only quoted back, as text


def _grid_html(compare, **kw) -> str:
    """The grid's HTML string from the rendered view (the store the page sets into its host)."""
    from pages._compare_views import GRID_HTML

    body = compare._render("grid", *compare.state_of(*_values("grid", **kw)))
    return next(c.data for c in body if getattr(c, "id", None) == GRID_HTML)


def test_grid_colours_match_the_statistics_engine(compare):
    import queries

    table = _grid_html(compare, period="2022")
    cells = {href.split("areas=")[1]: j for j, href in
             re.findall(r'<td class="cmp-cell judgement-(\w+)"><a href="([^"]+)"', table)}
    rows = queries.level_values("smoking", "ward_2023", "2022")
    bench = queries.series("smoking", [("E08000009", "la")])
    b = bench.loc[bench["period"] == "2022", "value"].iloc[0]
    want = compare_vec(rows["value"], rows["lower_ci"], rows["upper_ci"], b, "low_is_good")
    assert cells == dict(zip(rows["area_code"], want, strict=True))
    assert len(cells) == 4 and set(cells.values()) - {"not_compared"}
    for j in set(cells.values()):  # the colour never alone: a symbol shows and the word is read out
        symbol = LABELS[j].split(" ")[0]
        assert re.search(rf'judgement-{j}"><a [^>]*aria-label="[^"]*{j.replace("_", " ")}[^"]*">[^<]* {symbol}</a>',
                         table)


def test_a_row_of_counts_says_counts_are_not_judged():
    import pandas as pd

    from components.compare_grid import _not_judged

    part = pd.DataFrame({"judgement": ["not_compared"] * 2, "bench_value": [None, None], "lower_ci": [None, None]})
    assert _not_judged(part, "England", "count") == "Not judged: counts are not compared with larger areas"
    assert _not_judged(part, "England", "percentage") == "Not judged: no England value for this period"


def test_grid_html_escapes_every_text(compare):
    from components.compare_grid import grid_html

    rows = pd.DataFrame({"indicator_id": ["smoking"], "area_code": ["E05015239"], "period": ["<b>2022</b>"],
                         "value": [1.0], "lower_ci": [0.5], "upper_ci": [1.5], "bench_value": [2.0],
                         "judgement": ["better"]})
    cat = pd.DataFrame({"name": ['"><script>alert(1)</script>'], "unit": ["%"], "value_type": ["percentage"]},
                       index=["smoking"])
    table = grid_html(rows, ["smoking"], cat, ["E05015239"], {"E05015239": "<img src=x onerror=alert(1)>"},
                      "ward_2023", "la", "Trafford & <i>co</i>", "name")
    assert "<script>" not in table and "<img" not in table and "<i>" not in table and "<b>" not in table


def test_grid_cells_link_to_explore_with_its_parameters(compare):
    from pages._explore_state import parse_state
    from queries import catalog_cache

    href = re.search(r'<a href="([^"]+)"', _grid_html(compare)).group(1).replace("&amp;", "&")
    assert href.startswith("/explore?indicator=smoking&level=ward_2023&period=2023&benchmark=la&areas=E0501")
    params = dict(p.split("=") for p in href.split("?")[1].split("&"))
    state, notices = parse_state(params, catalog_cache.indicators().reset_index(drop=True), catalog_cache.coverage)
    assert notices == [] and state.areas == [params["areas"]] and state.period == "2023"


def test_grid_sorts_areas_by_an_indicator(compare):
    from pages._compare_data import area_order, grid_rows, level_areas
    from queries import compare as cq

    state, cov = compare.state_of(*_values("grid", sort="smoking", order="asc"))
    rows, _, _ = grid_rows(state, cov)
    order = area_order(rows, level_areas("ward_2023"), "smoking", "asc")
    values = rows.set_index("area_code").loc[order, "value"]
    assert values.dropna().is_monotonic_increasing and np.isnan(values.iloc[-1])  # suppressed ward last
    assert cq.coverage() is cov


def test_scatter_fit_matches_numpy(compare):
    from pages._compare_data import scatter_rows

    state, _ = compare.state_of(*_values("scatter", theme="health", x="smoking", y="green_space"))
    rows, fit = scatter_rows(state)
    ok = rows.dropna(subset=["x", "y"])
    slope, intercept = np.polyfit(ok["x"], ok["y"], 1)
    assert fit.n == len(ok) == 3 and fit.slope == pytest.approx(slope)
    assert fit.r2 == pytest.approx(np.corrcoef(ok["x"], ok["y"])[0, 1] ** 2)
    text = _text(compare._render("scatter", state, None))
    assert f"R² = {fit.r2:.2f}" in text and "Table of the values" in text


def test_side_by_side_needs_two_areas_then_shows_differences(compare):
    text = _text(compare._render("side", *compare.state_of(*_values("side", areas=["E05015239"]))))
    assert "Choose two to six areas" in text
    text = _text(compare._render("side", *compare.state_of(*_values("side", areas=["E05015239", "E05015240"]))))
    assert "Ashton upon Mersey − Altrincham" in text


def test_similar_areas_lists_the_others(compare):
    text = _text(compare._render("similar", *compare.state_of(*_values("similar", target="E05015241",
                                                                       on=["smoking", "green_space"]))))
    assert "Areas most like Bowdon" in text and "1. " in text


def test_inequality_without_lsoas_says_so(compare):
    text = _text(compare._render("inequality", *compare.state_of(*_values("inequality", ineq="smoking"))))
    assert "Nothing to show" in text or "no LSOA data" in text.lower()


@pytest.mark.parametrize("view", ["grid", "scatter", "side", "similar"])
def test_csv_download_carries_source_and_licence(compare, view):
    from pages._compare_views import view_csv

    state, cov = compare.state_of(*_values(view, areas=["E05015239", "E05015240"], target="E05015239"))
    text, name = view_csv(view, state, cov)
    head = text.splitlines()[:4]
    assert head[0].startswith("# ") and "Open Government Licence" in head[1] and "Benchmark" in head[2]
    assert name.endswith(".csv") and len(text.splitlines()) > 4


def test_view_callback_only_redraws_the_shown_view(compare):
    from dash.exceptions import PreventUpdate

    with pytest.raises(PreventUpdate):
        compare.redraw_scatter(*_values("grid"))
    assert "cmp-grid" in _text(compare.redraw_grid(*_values("grid")))  # the host and its HTML


def test_unjudged_cells_take_their_fifth_within_the_level_shaded_apart_from_judgements(compare):
    from components.compare_grid import grid_html
    from pages._compare_data import with_quintiles

    codes = [f"E0501524{i}" for i in range(6)]
    rows = pd.DataFrame({"indicator_id": "green_space", "area_code": codes, "period": "2023",
                         "value": [10.0, 20.0, 30.0, 40.0, 50.0, np.nan], "lower_ci": np.nan, "upper_ci": np.nan,
                         "bench_value": np.nan, "judgement": ["not_compared"] * 5 + ["better"]})
    rows = with_quintiles(rows)
    assert rows["quintile"].tolist()[:5] == [1, 2, 3, 4, 5] and np.isnan(rows["quintile"].iloc[5])
    cat = pd.DataFrame({"name": ["Green space"], "unit": ["%"], "value_type": ["percentage"]}, index=["green_space"])
    table = grid_html(rows, ["green_space"], cat, codes, {}, "ward_2023", "la", "Trafford", "name", "wards")
    assert table.count('class="cmp-cell cmp-q cmp-q') == 5 and "judgement-not_compared" not in table
    assert 'aria-label="E05015244: 50.0%, in the highest fifth of wards (not tested against Trafford)"' in table
    assert ">50.0% <span class=\"cmp-qmark\">Q5</span>" in table
    assert "judgement-better" in table  # a judged cell keeps its judgement colour


def test_side_by_side_differences_of_percentages_are_percentage_points(compare):
    from components.compare_tables import difference_text

    assert difference_text(2.345, {"unit": "%", "value_type": "percentage"}) == "2.3 pp"
    assert difference_text(-1500.0, {"unit": "count", "value_type": "count"}) == "-1,500"
    text = _text(compare._render("side", *compare.state_of(*_values("side", areas=["E05015239", "E05015240"]))))
    assert " pp" in text and "percentage points (pp)" in text


def test_similar_areas_starts_from_the_chosen_area(compare):
    from dash.exceptions import PreventUpdate

    assert compare.target_follows_chosen(["E05015241"], "E05015239") == "E05015241"
    with pytest.raises(PreventUpdate):
        compare.target_follows_chosen(["E05015241", "E05015239"], "E05015239")  # already one of the chosen
    with pytest.raises(PreventUpdate):
        compare.target_follows_chosen([], "E05015239")
