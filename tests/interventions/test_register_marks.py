"""Intervention marks on trends: plotly shapes and a hover marker, and the sparkline's SVG span."""

import pandas as pd

from components.figures import trend_figure
from components.intervention_marks import add_plotly_marks, marks_sentence, period_text, svg_marks
from components.svg_charts import sparkline_svg

MARKS = [{"title": "Job club", "start": "2016-04-01", "end": "2017-03-31", "example": True},
         {"title": "Works", "start": "2022-04-01", "end": None, "example": False, "area": "Covers Trafford"}]


def _series() -> pd.DataFrame:
    starts = pd.date_range("2015-01-01", periods=10, freq="YS")
    return pd.DataFrame({"area_code": "E08000009", "level": "la", "area_name": "Trafford", "period": starts.year.astype(str),
                         "period_start": starts, "period_end": starts + pd.offsets.YearEnd(0),
                         "value": range(10), "lower_ci": float("nan"), "upper_ci": float("nan")})


def test_trend_figure_marks_start_span_and_title_on_hover():
    fig = trend_figure(_series(), [("E08000009", "la")], "Claimant rate", "%", "percentage", {},
                       interventions=MARKS).to_dict()
    shapes = fig["layout"]["shapes"]
    lines = [s for s in shapes if s["type"] == "line"]
    spans = [s for s in shapes if s["type"] == "rect"]
    assert [s["name"] for s in lines] == ["intervention: Example: Job club", "intervention: Works"]
    assert pd.Timestamp(spans[0]["x1"]) == pd.Timestamp("2017-03-31")
    assert pd.Timestamp(spans[1]["x1"]) == pd.Timestamp("2024-12-31")  # still running: to the chart's right edge
    hover = next(t for t in fig["data"] if t["name"] == "Interventions")
    assert "Example: Job club" in hover["hovertext"][0] and "from Apr 2016 to Mar 2017" in hover["hovertext"][0]
    assert "still running" in hover["hovertext"][1] and "Covers Trafford" in hover["hovertext"][1]
    assert hover["yaxis"] == "y2" and hover["marker"]["symbol"] == "triangle-down"  # a shape, not colour alone


def test_trend_figure_without_interventions_is_unchanged():
    fig = trend_figure(_series(), [("E08000009", "la")], "x", "%", "percentage", {}).to_dict()
    assert not fig["layout"].get("shapes") and all(t["name"] != "Interventions" for t in fig["data"])


def test_bad_marks_are_skipped_not_fatal():
    import plotly.graph_objects as go

    fig = add_plotly_marks(go.Figure(), [{"title": "x", "start": "not a date"}, {"start": None}], "2020-01-01")
    assert not fig.to_dict()["layout"].get("shapes")


def test_sparkline_draws_a_titled_span_and_line_under_the_series():
    pts = [(pd.Timestamp(f"{y}-01-01").toordinal(), v) for y, v in zip(range(2015, 2025), range(10), strict=True)]
    svg = sparkline_svg(pts, "Claimant rate", marks=MARKS)
    assert svg.count('<g class="intervention">') == 2
    assert "<title>Example: Job club from Apr 2016 to Mar 2017</title>" in svg
    assert svg.index('class="intervention"') < svg.index("<polyline")  # drawn under the line
    assert "intervention" not in sparkline_svg(pts, "no marks")


def test_marks_outside_the_series_are_left_out():
    assert svg_marks([{"title": "late", "start": "2030-01-01"}], lambda x: x, 0.0, 1000.0, 24) == ""


def test_marks_in_words_for_text_alternatives():
    assert period_text(MARKS[1]) == "from Apr 2022, still running"
    assert marks_sentence(MARKS) == ("Interventions: Example: Job club from Apr 2016 to Mar 2017; Works from Apr 2022, "
                                     "still running.")
    assert marks_sentence([]) == ""
