"""Estimated values (derived 2023-ward series) are drawn differently on every chart and flagged in downloads."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import numpy as np
import pandas as pd

from components.area_profile import sparkline_for
from components.explore_parts import download_rows
from components.figures import ranking_figure, trend_figure
from components.svg_charts import sparkline_svg

HOW = "apportioned from pre-2023 wards by postcode shares"


def _series():
    starts = pd.to_datetime(["2019-01-01", "2020-01-01", "2021-01-01", "2022-01-01"])
    return pd.DataFrame({"area_code": "E05015239", "level": "ward_2023", "area_name": list("ABCD"),
                         "period": ["2019", "2020", "2021", "2022"], "period_start": starts,
                         "period_end": starts + pd.Timedelta(days=364), "value": [1.0, 2.0, 3.0, 4.0],
                         "lower_ci": np.nan, "upper_ci": np.nan, "derivation": [HOW, HOW, None, None]})


def test_trend_draws_estimates_hollow_on_a_dotted_line_with_a_note():
    fig = trend_figure(_series(), [("E05015239", "ward_2023")], "Claimants", "count", "count", {}).to_dict()
    official, estimated = fig["data"]
    assert list(official["customdata"]) == ["2021", "2022"] and official["line"]["dash"] == "solid"
    assert estimated["line"]["dash"] == "dot"
    assert list(estimated["marker"]["symbol"]) == ["circle-open", "circle-open", "circle"]  # joins the first official
    assert list(estimated["customdata"])[0] == "2019 (estimated)"
    # the note sits under the axis title in wrapped lines (a free annotation overran the title at phone width)
    note = re.sub(r"<[^>]+>", " ", fig["layout"]["xaxis"]["title"]["text"].replace("<br>", " "))
    assert HOW in " ".join(note.split()) and "Hollow" in note


def test_trend_without_estimates_is_one_trace():
    fig = trend_figure(_series().drop(columns="derivation"), [("E05015239", "ward_2023")], "x", "%", "percentage",
                       {}).to_dict()
    assert len(fig["data"]) == 1 and not fig["layout"].get("annotations")


def test_ranking_hatches_estimated_bars():
    fig = ranking_figure(_series().assign(judgement="not_compared"), [], None, "", "count", "count", "x").to_dict()
    bar = fig["data"][0]
    assert list(bar["x"]) == ["D", "C", "B", "A"] and list(bar["marker"]["pattern"]["shape"]) == ["", "", "/", "/"]
    assert "Estimated: " + HOW in bar["hovertext"][-1]
    assert "Hatched bars are estimates" in fig["layout"]["annotations"][0]["text"]


def test_sparkline_hollow_points_and_dotted_segments():
    svg = sparkline_svg([(1, 1.0), (2, 2.0), (3, 3.0)], "t", estimated=[True, False, False])
    assert svg.count('fill="#fff"') == 1 and svg.count("stroke-dasharray") == 1
    assert "stroke-dasharray" not in sparkline_svg([(1, 1.0), (2, 2.0)], "t")
    row = {"label": "Claimants", "unit": "count", "value_type": "count", "estimated_periods": ["2019"],
           "series": [("2019", date(2019, 1, 1), 1.0), ("2020", date(2020, 1, 1), 2.0)]}
    assert "Hollow points are estimates (1 of 2 periods)" in sparkline_for(row, "Altrincham")


def test_explore_csv_carries_the_flag_and_method():
    rows = _series().assign(estimated=[True, True, False, False], judgement="not_compared", rank=[4, 3, 2, 1],
                            numerator=np.nan, denominator=np.nan, suppressed=False)
    meta = {"name": "Claimants", "unit": "count", "publisher": "DWP", "licence": "OGL"}
    state = SimpleNamespace(level="ward_2023", period="2019", breakdown="Persons")
    text = download_rows(rows, meta, state, None, "Trafford")
    assert "# Rows with a derivation are estimates made by the observatory" in text
    header = next(line for line in text.splitlines() if not line.startswith("#"))
    assert header.endswith(",estimated,derivation") and HOW in text


def test_explore_table_says_estimated():
    from components.explore_parts import table_records

    rows = _series().assign(judgement="not_compared", rank=[4, 3, 2, 1], numerator=np.nan, denominator=np.nan,
                            suppressed=False)
    out = table_records(rows, {"unit": "count", "value_type": "count"})
    assert [r["interval"].endswith("(estimated)") for r in out] == [True, True, False, False]
