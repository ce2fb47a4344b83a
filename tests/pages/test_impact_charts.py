"""The impact chart builders, checked through fig.to_dict()."""

import numpy as np
import pytest

from analysis.impact import before_after, difference_in_differences, interrupted_time_series, spc
from components.impact_charts import (
    FLAG_SYMBOL,
    before_after_figure,
    did_figure,
    its_figure,
    series_figure,
    spc_figure,
    year_label,
)

T = np.arange(2010.0, 2022.0)
START = 2016.5
POST = (T >= START).astype(float)
Y = 10 + 0.5 * (T - 2010) + 3 * POST - 0.4 * (T - START) * POST + np.random.default_rng(2).normal(0, 0.2, len(T))


def traces(fig) -> dict[str, dict]:
    return {t["name"]: t for t in fig.to_dict()["data"] if t.get("name")}


def assert_empty_with(fig, message: str) -> None:
    d = fig.to_dict()
    assert d["data"] == []
    assert [a["text"].replace("<br>", " ") for a in d["layout"]["annotations"]] == [message]


def assert_year_axis(fig) -> None:
    x = fig.to_dict()["layout"]["xaxis"]
    assert x["tickmode"] == "array" and all(isinstance(v, int) for v in x["tickvals"])
    assert x["ticktext"] == [str(v) for v in x["tickvals"]] and all("," not in t for t in x["ticktext"])


def test_its_figure_draws_points_fits_dashed_counterfactual_and_span():
    r = interrupted_time_series(T, Y, START, min_per_side=3)
    fig = its_figure(T, Y, r, START, 2020.0, "Smoking", "%")
    tr = traces(fig)
    assert {"Observed", "Fitted trend before", "Fitted trend after",
            "Earlier trend continued"} <= set(tr)
    assert len(tr["Observed"]["x"]) == 12 and tr["Observed"]["mode"] == "markers"
    cf = tr["Earlier trend continued"]
    assert cf["line"]["dash"] == "dash" and tr["Fitted trend after"]["line"].get("dash") in (None, "solid")
    assert list(cf["x"]) == [START, 2021.0]
    assert cf["y"][0] == pytest.approx(r.level_at_start)
    assert tr["Fitted trend after"]["y"][0] == pytest.approx(r.level_at_start + r.level_change)
    shapes = fig.to_dict()["layout"]["shapes"]
    span = [s for s in shapes if s["type"] == "rect"]
    assert len(span) == 1 and (span[0]["x0"], span[0]["x1"]) == (START, 2020.0)
    assert any(s["type"] == "line" and s["x0"] == START for s in shapes)
    assert tr["Observed"]["customdata"][0] == "2010"
    assert_year_axis(fig)


def test_its_figure_uses_given_period_labels_and_runs_span_to_last_point_without_end():
    r = interrupted_time_series(T, Y, START, min_per_side=3)
    labels = [f"{int(a)}/{int(a) % 100 + 1:02d}" for a in T]
    fig = its_figure(T, Y, r, START, None, "Smoking", "%", labels=labels)
    assert traces(fig)["Observed"]["customdata"][0] == "2010/11"
    rect = [s for s in fig.to_dict()["layout"]["shapes"] if s["type"] == "rect"][0]
    assert rect["x1"] == 2021.0


def test_its_figure_empty_when_not_ok():
    r = interrupted_time_series(T[:5], Y[:5], START)
    assert_empty_with(its_figure(T[:5], Y[:5], r, START, None, "x", "%"), r.message)


def test_spc_figure_marks_flagged_points_with_a_symbol():
    y = [10.0, 10.5, 9.8, 10.2, 9.9, 10.3, 9.7, 14.0, 10.1, 10.4, 9.6, 10.2]
    r = spc(T, y, start=None, min_baseline=5)
    fig = spc_figure(r, "XmR", "per 1,000")
    tr = traces(fig)
    flagged = tr["Special cause (diamond)"]
    assert list(flagged["x"]) == [2017.0] and flagged["marker"]["symbol"] == FLAG_SYMBOL
    assert tr["Observed"]["marker"].get("symbol") in (None, "circle") != FLAG_SYMBOL
    assert "outside the control limits" in flagged["customdata"][0]
    assert tr["Control limits (3 sigma)"]["line"]["dash"] == "dash"
    assert_year_axis(fig)


def test_spc_figure_steps_per_phase_and_no_flag_trace_when_clean():
    y = [10.0, 10.5, 9.8, 10.2, 9.9, 10.3, 20.0, 20.5, 19.8, 20.2, 19.9, 20.3]
    r = spc(T, y, start=2016.0, min_baseline=5)
    d = spc_figure(r, "XmR", "").to_dict()
    centres = [t for t in d["data"] if t["name"] == "Centre line"]
    assert len(centres) == 2 and centres[0]["y"][0] == pytest.approx(r.phases[0]["centre"])
    assert centres[1]["y"][0] == pytest.approx(r.phases[1]["centre"])
    assert sum(t["showlegend"] for t in centres) == 1
    assert not any(t["name"].startswith("Special cause") for t in d["data"])
    assert any(a["text"] == "Limits recalculated from the start" for a in d["layout"]["annotations"])


def test_spc_p_chart_limits_step():
    n = [100, 200, 150, 120, 180, 90]
    r = spc(T[:6], [0.2, 0.25, 0.3, 0.22, 0.28, 0.24], kind="p", n=n, min_baseline=5)
    upper = [t for t in spc_figure(r, "p", "").to_dict()["data"] if t["name"] == "Control limits (3 sigma)"][0]
    assert upper["line"]["shape"] == "hvh" and len(set(upper["y"])) > 1


def test_spc_figure_empty_when_not_ok():
    r = spc(T[:4], Y[:4])
    assert_empty_with(spc_figure(r, "x", ""), r.message)


def test_before_after_figure_error_bars_and_difference():
    r = before_after(T, Y, START)
    d = before_after_figure(r, "Before and after", "%").to_dict()
    (tr,) = d["data"]
    assert list(tr["y"]) == pytest.approx([r.before_mean, r.after_mean])
    assert list(tr["error_y"]["array"]) == pytest.approx([r.before_upper - r.before_mean, r.after_upper - r.after_mean])
    assert list(tr["marker"]["symbol"]) == ["circle", "square"]  # not only colour tells them apart
    assert "percentage points" in d["layout"]["annotations"][0]["text"]
    assert tr["x"][0] == "Before the start<br>(7 points)"


def test_before_after_figure_empty_when_not_ok():
    r = before_after(T[:2], Y[:2], START)
    assert_empty_with(before_after_figure(r), r.message)


def test_did_figure_lines_and_dashed_expectation():
    comps = {"A": Y - 2, "B": Y - 1 - 3 * POST}
    mean = (comps["A"] + comps["B"]) / 2
    r = difference_in_differences(T, Y, comps, START)
    fig = did_figure(T, Y, mean, START, "Against comparators", "%", result=r)
    tr = traces(fig)
    assert tr["Comparators (mean)"]["line"]["dash"] == "dot" and tr["Comparators (mean)"]["marker"]["symbol"] == "square"
    exp = tr["Had it changed like the comparators"]
    assert exp["line"]["dash"] == "dash" and exp["y"][0] == pytest.approx(r.treated_before + r.comparator_change)
    assert len(tr["This area"]["x"]) == 12
    assert_year_axis(fig)
    # Without a result it still draws the two series.
    assert {"This area", "Comparators (mean)"} == set(traces(did_figure(T, Y, mean, START, "x", "%")))


def test_did_figure_empty_when_not_ok():
    r = difference_in_differences(T, Y, {}, START)
    assert_empty_with(did_figure(T, Y, Y, START, "x", "%", result=r), r.message)


@pytest.mark.parametrize(("t", "text"), [(2021.0, "2021"), (2021.5, "Jul 2021"), (2020.999999999, "2021"),
                                         (2019 + 1 / 12, "Feb 2019"), (2019 + 45 / 365, "Feb 2019")])
def test_year_label(t, text):
    assert year_label(t) == text


def test_long_titles_wrap_for_narrow_screens():
    r = interrupted_time_series(T, Y, START, min_per_side=3)
    title = "Control chart: Claimant rate, Bucklow-St Martins and a long tail of words"
    d = its_figure(T, Y, r, START, None, title, "%").to_dict()["layout"]
    assert d["title"]["text"].count("<br>") == 1 and d["title"]["text"].replace("<br>", " ") == title
    assert d["margin"]["t"] > 50


def test_start_label_sits_on_the_side_with_room():
    late = interrupted_time_series(T, Y, 2018.5, min_per_side=3)
    notes = its_figure(T, Y, late, 2018.5, None, "x", "%").to_dict()["layout"]["annotations"]
    assert [a["xanchor"] for a in notes if a["text"] == "Intervention starts"] == ["right"]
    early = interrupted_time_series(T, Y, 2013.5, min_per_side=3)
    notes = its_figure(T, Y, early, 2013.5, None, "x", "%").to_dict()["layout"]["annotations"]
    assert [a["xanchor"] for a in notes if a["text"] == "Intervention starts"] == ["left"]


def test_its_lines_bend_at_zero_instead_of_running_below_it():
    t = np.arange(2000.0, 2030.0)
    y = np.maximum(0.5, 20 - 1.0 * (t - 2000))
    r = interrupted_time_series(t, y, 2012.0, bounds=(0, None))
    tr = traces(its_figure(t, y, r, 2012.0, None, "x", "count", bounds=(0, None)))
    assert min(tr["Earlier trend continued"]["y"]) == 0 and len(tr["Earlier trend continued"]["x"]) == 3


def test_windows_are_shaded_and_named_on_the_series_chart():
    spans = [("before", 2011.25, 2016.25), ("during", 2016.25, 2017.25), ("after", 2017.25, 2018.25)]
    fig = series_figure(T, Y, spans, "x", "%", used=[a >= 2011.25 for a in T])
    d = fig.to_dict()
    assert [a["text"] for a in d["layout"]["annotations"] if a["text"] in ("Baseline", "During", "Follow-up")] == [
        "Baseline", "During", "Follow-up"]
    assert len([s for s in d["layout"]["shapes"] if s["type"] == "rect"]) == 3
    assert len(traces(fig)["Outside the windows (not used)"]["x"]) == 2
