"""SPC: XmR and p-chart limits by hand, each special-cause rule triggered by a built series and not by a clean one."""

import math

import numpy as np
import pytest

from analysis.impact import MIN_POINTS, RULE_LABELS, spc
from analysis.impact_spc import OUTSIDE, SHIFT, TREND, TWO_OF_THREE, rule_flags

# Alternating around 10 with small, irregular steps: no rule should fire.
CLEAN = [10.0, 10.5, 9.8, 10.2, 9.9, 10.3, 9.7, 10.1, 10.4, 9.6, 10.2, 9.9, 10.3, 9.8, 10.1, 9.9]


def years(n: int, first: float = 2000.0) -> list[float]:
    return [first + i for i in range(n)]


def flags_of(result) -> list[list[str]]:
    return [p["flags"] for p in result.points]


def test_xmr_limits_by_hand():
    y = [12.0, 15.0, 11.0, 14.0, 13.0, 16.0]
    r = spc(years(6), y, min_baseline=5)
    mean = sum(y) / 6
    mr = (3 + 4 + 3 + 1 + 3) / 5
    assert r.ok and r.kind == "xmr" and len(r.phases) == 1 and r.phases[0]["name"] == "all"
    p = r.points[0]
    assert p["centre"] == pytest.approx(mean) and p["upper"] == pytest.approx(mean + 2.66 * mr)
    assert p["lower"] == pytest.approx(mean - 2.66 * mr) and p["sigma"] == pytest.approx(2.66 * mr / 3)
    assert r.phases[0]["mean_moving_range"] == pytest.approx(mr)


def test_xmr_limits_recalculated_only_at_the_start():
    y = [10.0, 11, 10, 11, 10, 11, 20, 22, 20, 22, 20, 22]
    r = spc(years(12), y, start=2006.0, min_baseline=5)
    before, after = r.phases
    assert (before["name"], before["n"], after["name"], after["n"]) == ("before", 6, "after", 6)
    assert before["centre"] == pytest.approx(10.5) and after["centre"] == pytest.approx(21)
    assert before["upper"] == pytest.approx(10.5 + 2.66) and after["upper"] == pytest.approx(21 + 2.66 * 2)
    # The jump between the phases is not a moving range of either phase.
    assert {p["phase"] for p in r.points[:6]} == {"before"} and {p["phase"] for p in r.points[6:]} == {"after"}
    assert r.signals == 0


def test_p_chart_limits_by_hand():
    y = [0.20, 0.25, 0.30, 0.22, 0.28]
    n = [100, 200, 100, 150, 50]
    r = spc(years(5), y, kind="p", n=n, min_baseline=5)
    pbar = (20 + 50 + 30 + 33 + 14) / 600
    for p, d in zip(r.points, n, strict=True):
        s = math.sqrt(pbar * (1 - pbar) / d)
        assert p["centre"] == pytest.approx(pbar)
        assert p["upper"] == pytest.approx(pbar + 3 * s) and p["lower"] == pytest.approx(max(0.0, pbar - 3 * s))
        assert p["n"] == d
    # The same chart in percentages: every figure scales by 100.
    r100 = spc(years(5), [v * 100 for v in y], kind="p", n=n, scale=100, min_baseline=5)
    assert [p["upper"] for p in r100.points] == pytest.approx([p["upper"] * 100 for p in r.points])


def test_p_chart_limits_are_clipped_to_0_and_1():
    r = spc(years(5), [0.01, 0.02, 0.0, 0.01, 0.02], kind="p", n=[20] * 5, min_baseline=5)
    assert all(p["lower"] == 0 for p in r.points) and all(p["upper"] <= 1 for p in r.points)


def test_clean_series_breaks_no_rule():
    r = spc(years(len(CLEAN)), CLEAN)
    assert r.ok and r.signals == 0 and all(f == [] for f in flags_of(r))


def test_a_point_outside_the_limits():
    y = CLEAN[:8] + [14.0] + CLEAN[8:]
    r = spc(years(len(y)), y)
    assert flags_of(r)[8] == [OUTSIDE] and r.signals == 1


def test_a_run_of_8_on_one_side():
    y = [9.0, 9.4, 9.1, 9.3, 9.0, 9.2, 10.6, 10.9, 10.7, 11.0, 10.8, 10.6, 10.9, 10.7]
    r = spc(years(len(y)), y)
    assert [SHIFT in f for f in flags_of(r)] == [False] * 6 + [True] * 8
    seven = y[:6] + y[6:13] + [9.2]
    assert not any(SHIFT in f for f in flags_of(spc(years(len(seven)), seven)))
    # The NHS "Making Data Count" convention of 7 is available as an option.
    assert any(SHIFT in f for f in flags_of(spc(years(len(seven)), seven, run_length=7)))


def test_a_point_on_the_centre_breaks_a_run():
    centre = np.full(9, 10.0)
    y = np.array([11.0, 11, 11, 11, 10, 11, 11, 11, 11])
    assert not any(SHIFT in f for f in rule_flags(y, centre, centre - 5, centre + 5, np.ones(9)))


def test_six_rising_or_falling_is_a_trend_and_five_is_not():
    y = [10.0, 10.1, 9.9, 10.0, 10.2, 10.4, 10.6, 10.8, 11.0, 10.1, 9.9, 10.0]
    r = spc(years(len(y)), y)
    assert [TREND in f for f in flags_of(r)] == [False] * 2 + [True] * 7 + [False] * 3  # 9.9 up to 11.0
    falling = [10.0, 10.1, 9.9, 11.0, 10.8, 10.6, 10.4, 10.2, 10.1, 10.3]
    assert [TREND in f for f in flags_of(spc(years(10), falling, min_baseline=5))] == [False] * 3 + [True] * 6 + [False]
    five = [10.0, 10.1, 9.9, 10.0, 10.2, 10.4, 10.6, 10.1, 9.9, 10.0]
    assert not any(TREND in f for f in flags_of(spc(years(10), five, min_baseline=5)))
    tie = [10.0, 10.2, 10.4, 10.4, 10.6, 10.8, 11.0, 10.1]  # a repeated value breaks the run
    assert not any(TREND in f for f in flags_of(spc(years(8), tie, min_baseline=5)))


def test_two_of_three_beyond_two_sigma_on_the_same_side():
    centre, sigma = np.full(8, 10.0), np.ones(8)
    y = np.array([10.0, 10.5, 12.5, 10.2, 12.4, 9.8, 10.1, 9.9])
    flags = rule_flags(y, centre, centre - 3, centre + 3, sigma)
    assert [TWO_OF_THREE in f for f in flags] == [False, False, True, False, True, False, False, False]
    opposite = np.array([10.0, 10.5, 12.5, 10.2, 7.6, 9.8, 10.1, 9.9])  # one high, one low: not the rule
    assert not any(TWO_OF_THREE in f for f in rule_flags(opposite, centre, centre - 3, centre + 3, sigma))
    spread = np.array([12.5, 10.0, 10.0, 12.5, 10.0, 10.0, 10.0, 10.0])  # 2 of 4, not 2 of 3
    assert not any(TWO_OF_THREE in f for f in rule_flags(spread, centre, centre - 3, centre + 3, sigma))


def test_two_of_three_through_spc():
    y = CLEAN[:10] + [11.6, 10.2, 11.6] + CLEAN[10:]
    r = spc(years(len(y)), y)
    sigma = r.points[0]["sigma"]
    assert 2 * sigma < 11.6 - r.points[0]["centre"] < 3 * sigma  # beyond 2 sigma, inside the limits
    assert [TWO_OF_THREE in f for f in flags_of(r)][10:13] == [True, False, True]


def test_rule_labels_name_every_rule():
    assert set(RULE_LABELS) == {OUTSIDE, SHIFT, TREND, TWO_OF_THREE}
    assert "8" in RULE_LABELS[SHIFT] and "6" in RULE_LABELS[TREND]


@pytest.mark.parametrize(("n", "start", "text"), [
    (11, None, "Needs at least 12 points in the series; this series has 11."),
    (16, 2011.0, "Needs at least 12 points before the start (the baseline); this series has 11."),
])
def test_too_short_for_limits(n, start, text):
    assert MIN_POINTS["spc"]["baseline"] == 12 and MIN_POINTS["spc"]["preferred"] == 20
    r = spc(years(n), CLEAN[:n], start=start)
    assert not r.ok and r.message.startswith(text) and r.points == [] and r.signals is None
    assert "20 are preferred" in r.message


def test_provisional_limits_are_said():
    assert spc(years(16), CLEAN).provisional is True  # under 20 baseline points
    assert spc(years(32), CLEAN * 2).provisional is False


def test_limits_are_rebased_only_with_enough_points_after_the_event():
    y = CLEAN[:14] + [14.0, 14.5, 13.8, 14.2, 13.9]
    r = spc(years(len(y)), y, start=2014.0)
    before, after = r.phases
    assert after["rebased"] is False and after["centre"] == pytest.approx(before["centre"])
    assert all(OUTSIDE in p["flags"] for p in r.points[14:])  # judged against the baseline: a clear change
    assert any("carried on" in w for w in r.warnings)
    longer = CLEAN[:14] + [14.0, 14.5, 13.8, 14.2, 13.9, 14.3, 13.7, 14.1, 14.4, 13.6, 14.2, 13.9]
    r = spc(years(len(longer)), longer, start=2014.0)
    assert r.phases[1]["rebased"] is True and r.phases[1]["centre"] == pytest.approx(np.mean(longer[14:]))


def test_an_autocorrelated_or_trending_baseline_is_warned_of():
    rising = [10 + 0.3 * i + (0.1 if i % 2 else -0.1) for i in range(20)]
    r = spc(years(20), rising)
    assert any("strongly tied" in w for w in r.warnings) and any("rising" in w for w in r.warnings)
    assert spc(years(16), CLEAN).warnings == []


def test_limits_of_a_count_never_go_below_zero():
    y = [1.0, 6, 0, 5, 1, 7, 0, 4, 2, 6, 0, 5]
    assert min(p["lower"] for p in spc(years(12), y, bounds=(0, None)).points) == 0
    assert min(p["lower"] for p in spc(years(12), y).points) < 0


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"kind": "u"}, "Unknown chart kind"),
    ({"kind": "p"}, "needs the denominators"),
    ({"kind": "p", "n": [10] * 16}, "outside 0 to 1"),
    ({"kind": "p", "n": [0] * 16, "scale": 100}, "more than zero"),
    ({"kind": "p", "n": [10] * 16, "scale": -1}, "scale"),
    ({"run_length": 1}, "run length"),
    ({"start": "later"}, "not a date"),
])
def test_bad_input_is_a_message(kwargs, fragment):
    r = spc(years(16), CLEAN, **kwargs)
    assert not r.ok and fragment in r.message and r.caveat
