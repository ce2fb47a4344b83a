"""Recent trend marker: CI-weighted regression, proportions chi-square, outlier check."""

import datetime as dt
import math
import random

import numpy as np
import pytest
from scipy.stats import chi2, norm

from analysis.stats import explain_trend, recent_trend
from analysis.trend import CI_WIDTH_PER_SE, THRESHOLD


def ci_points(values, half_width=1.0, start=2015):
    return [
        {"period": start + i, "value": v, "lower": v - half_width, "upper": v + half_width}
        for i, v in enumerate(values)
    ]


def prop_points(counts, denominators, start=2015):
    return [
        {"period": start + i, "count": c, "denominator": d, "value": c / d * 100}
        for i, (c, d) in enumerate(zip(counts, denominators, strict=True))
    ]


def weighted_oracle(values, widths, divisor):
    """Chi-square and slope from the methods.md sums, t = 1..5."""
    t = np.arange(1, 6)
    y = np.asarray(values, dtype=float)
    w = 1 / (np.asarray(widths, dtype=float) / divisor) ** 2
    s1, s2, s3, s4, s5 = w.sum(), (w * y * t).sum(), (w * t).sum(), (w * y).sum(), (w * t * t).sum()
    slope = (s1 * s2 - s3 * s4) / (s1 * s5 - s3**2)
    return slope**2 / (s1 / (s1 * s5 - s3**2)), slope


def test_threshold_is_chi_square_998():
    assert THRESHOLD == pytest.approx(9.549535706083237, rel=1e-12)
    assert THRESHOLD == pytest.approx(chi2.ppf(0.998, 1))


@pytest.mark.parametrize(
    ("polarity", "judgement"),
    [("high_is_good", "getting_better"), ("low_is_good", "getting_worse"), ("no_judgement", None)],
)
def test_clearly_increasing_series(polarity, judgement):
    r = recent_trend(ci_points([10, 12, 14, 16, 18]), "crude_rate", polarity)
    assert r.marker == "increasing"
    assert r.judgement == judgement
    assert r.slope == pytest.approx(2.0)
    assert r.method == "CI-weighted regression"
    assert r.periods == (2015, 2016, 2017, 2018, 2019)


def test_decreasing_series_judgement():
    r = recent_trend(ci_points([30, 26, 22, 19, 15], 1.5), "dsr", "low_is_good")
    assert (r.marker, r.judgement) == ("decreasing", "getting_better")
    r = recent_trend(ci_points([30, 26, 22, 19, 15], 1.5), "dsr", "HighIsGood")
    assert (r.marker, r.judgement) == ("decreasing", "getting_worse")


def test_chi_square_uses_392_and_matches_hand_calculation():
    values, widths = [10.0, 11.5, 11.0, 13.2, 14.0], [3.0, 2.5, 4.0, 2.2, 3.1]
    pts = [
        {"period": 2015 + i, "value": v, "lower": v - w / 2, "upper": v + w / 2}
        for i, (v, w) in enumerate(zip(values, widths, strict=True))
    ]
    r = recent_trend(pts, "mean", "high_is_good")
    expected, slope = weighted_oracle(values, widths, 3.92)
    assert CI_WIDTH_PER_SE == 3.92
    assert r.chi_square == pytest.approx(expected, rel=1e-10)
    assert r.slope == pytest.approx(slope, rel=1e-10)
    two_z, _ = weighted_oracle(values, widths, 2 * norm.ppf(0.975))
    assert r.chi_square != pytest.approx(two_z, rel=1e-7)  # the choice is visible


def test_flat_noisy_series_no_significant_change():
    r = recent_trend(ci_points([10.0, 10.3, 9.8, 10.1, 9.9]), "crude_rate", "low_is_good")
    assert r.marker == "no_significant_change"
    assert r.judgement is None
    assert r.chi_square < THRESHOLD


def test_four_points_cannot_be_calculated():
    r = recent_trend(ci_points([10, 12, 14, 16]), "crude_rate", "high_is_good")
    assert r.marker == "cannot_be_calculated"
    assert math.isnan(r.chi_square) and math.isnan(r.slope) and r.judgement is None


def test_no_usable_points_cannot_be_calculated():
    # Ambiguity 3: no limits at all is "cannot be calculated", not "no change".
    pts = [{"period": 2015 + i, "value": 10 + i} for i in range(6)]
    assert recent_trend(pts, "dsr", "high_is_good").marker == "cannot_be_calculated"
    assert recent_trend([], "dsr", "high_is_good").marker == "cannot_be_calculated"


def test_order_of_points_does_not_matter():
    pts = ci_points([10, 12, 11, 14, 16, 18, 17])
    shuffled = pts[:]
    random.Random(4).shuffle(shuffled)
    assert recent_trend(shuffled, "other", "high_is_good") == recent_trend(pts, "other", "high_is_good")


def test_latest_five_points_are_tested_or_the_reason_given():
    pts = ci_points([50, 40, 10, 12, 14, 16, 18])
    pts[4]["lower"] = None  # 2019 is unusable: the latest five as shown cannot all be tested
    r = recent_trend(pts, "crude_rate", "high_is_good")
    assert r.marker == "cannot_be_calculated" and r.reason == "1 of the latest 5 points has no confidence interval"
    assert r.periods == (2017, 2018, 2019, 2020, 2021)
    # later points with no interval never send the test back to older ones (the claimant rate in 2017)
    late = ci_points([1, 2, 3, 4, 5, 6, 7]) + [{"period": 2022 + i, "value": 9} for i in range(5)]
    r = recent_trend(late, "proportion", "low_is_good")
    assert r.reason == "none of the latest 5 points has a confidence interval or counts (the source gives values only)"


def test_fingertips_next_rule_skips_invalid_points_when_asked():
    pts = ci_points([50, 40, 10, 12, 14, 16, 18])
    pts[4]["lower"] = None  # 2019 is unusable
    r = recent_trend(pts, "crude_rate", "high_is_good", skip_invalid=True)
    assert r.periods == (2016, 2017, 2018, 2020, 2021)


def test_time_index_is_position_not_year():
    # Ambiguity 1: gaps in the years do not change the result.
    consecutive = ci_points([10, 12.5, 13, 16, 18.2])
    gappy = [
        dict(p, period=year) for p, year in zip(consecutive, [2010, 2012, 2013, 2014, 2019], strict=True)
    ]
    a = recent_trend(consecutive, "crude_rate", "high_is_good")
    b = recent_trend(gappy, "crude_rate", "high_is_good")
    assert (a.chi_square, a.slope, a.marker) == (b.chi_square, b.slope, b.marker)


def test_outlier_check_blocks_a_one_point_trend():
    r = recent_trend(ci_points([10, 10, 10, 10, 30], 0.5), "crude_rate", "high_is_good")
    assert r.chi_square > THRESHOLD
    assert r.marker == "no_significant_change"
    assert r.reason == "slope sign depends on one point"


def test_sortable_period_labels():
    labels = ["2015/16", "2016/17", "2017/18", "2018/19", "2019/20"]
    pts = [dict(p, period=label) for p, label in zip(ci_points([5, 6, 7, 8, 9], 0.5), labels, strict=True)]
    assert recent_trend(pts[::-1], "crude_rate", "low_is_good").periods == tuple(labels)
    dates = [dict(p, period=dt.date(2015 + i, 4, 1)) for i, p in enumerate(ci_points([5, 6, 7, 8, 9]))]
    assert recent_trend(dates, "crude_rate", "low_is_good").marker == "increasing"


# ----------------------------------------------------------------------------- proportions


def proportions_oracle(c, d):
    t = np.arange(1, 6)
    c, d = np.asarray(c, dtype=float), np.asarray(d, dtype=float)
    big_d, big_c = d.sum(), c.sum()
    num = big_d * (big_d * (c * t).sum() - big_c * (d * t).sum()) ** 2
    den = big_c * (big_d - big_c) * (big_d * (d * t * t).sum() - (d * t).sum() ** 2)
    return num / den


def test_proportion_chi_square_increasing():
    counts, dens = [100, 120, 140, 150, 170], [1000, 1000, 1010, 990, 1000]
    r = recent_trend(prop_points(counts, dens), "proportion", "high_is_good")
    assert r.method == "chi-square for trend in proportions"
    assert r.chi_square == pytest.approx(proportions_oracle(counts, dens), rel=1e-12)
    # Ambiguity 2: direction from the logit slope, so a rise reads "increasing".
    assert (r.marker, r.judgement) == ("increasing", "getting_better")
    logits = np.log(np.array(counts) / (np.array(dens) - np.array(counts)))
    assert r.slope == pytest.approx(np.polyfit(np.arange(1, 6), logits, 1)[0], rel=1e-10)


def test_proportion_decreasing_low_is_good():
    r = recent_trend(prop_points([300, 260, 240, 200, 180], [1000] * 5), "proportion", "low_is_good")
    assert (r.marker, r.judgement) == ("decreasing", "getting_better")


def test_proportion_of_100_percent_cannot_be_calculated():
    r = recent_trend(prop_points([10, 20, 30, 40, 50], [100, 100, 100, 100, 50]), "proportion", 1)
    assert r.marker == "cannot_be_calculated"
    r = recent_trend(prop_points([0, 20, 30, 40, 50], [100] * 5), "proportion", 1)
    assert r.marker == "cannot_be_calculated"


def test_proportion_without_counts_uses_ci_method():
    r = recent_trend(ci_points([10, 12, 14, 16, 18]), "proportion", "high_is_good")
    assert r.method == "CI-weighted regression" and r.marker == "increasing"


def test_unknown_value_type_raises():
    with pytest.raises(ValueError, match="value_type"):
        recent_trend(ci_points([1, 2, 3, 4, 5]), "ratio_of_things", "high_is_good")


def test_explain_trend_sentences():
    up = recent_trend(ci_points([10, 12, 14, 16, 18]), "crude_rate", "low_is_good")
    assert explain_trend(up, "low_is_good").startswith("Increasing and getting worse over 2015 to 2019")
    flat = recent_trend(ci_points([10.0, 10.3, 9.8, 10.1, 9.9]), "crude_rate", "low_is_good")
    assert "does not exceed 9.55" in explain_trend(flat, "low_is_good")
    none = recent_trend(ci_points([1, 2]), "crude_rate", "low_is_good")
    assert explain_trend(none) == "Trend cannot be calculated: only 2 periods with a value; 5 are needed."


def test_labelled_shows_periods_by_their_labels():
    from analysis.trend import labelled

    pts = ci_points([10, 12, 14, 16, 18])
    r = labelled(recent_trend(pts, "crude_rate", "high_is_good"), {2015: "2015/16", 2019: "2019/20"})
    assert r.periods[0] == "2015/16" and r.periods[-1] == "2019/20" and r.periods[1] == 2016
    assert "over 2015/16 to 2019/20:" in explain_trend(r)
