"""Disclosure control: counts under the threshold, and the rates built on them, are blanked and flagged."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.disclosure import suppress


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": ["A", "B", "C", "D", "E", "F"],
        "value": [3.0, 40.0, 12.5, 0.0, np.nan, 50.0],
        "lower_ci": [1.0, 30.0, 10.0, 0.0, np.nan, 45.0],
        "upper_ci": [8.0, 50.0, 15.0, 5.0, np.nan, 55.0],
        "numerator": [3.0, 40.0, 25.0, 0.0, np.nan, 5.0],
        "denominator": [100.0, 100.0, 200.0, 100.0, np.nan, 10.0],
    })


def test_small_counts_and_their_rates_suppressed():
    out = suppress(frame(), 5)
    assert out["suppressed"].tolist() == [True, False, False, True, False, False]
    hidden = out[out["suppressed"]]
    for col in ("value", "lower_ci", "upper_ci", "numerator", "denominator"):
        assert hidden[col].isna().all(), col  # the rate and its denominator would give the count back
    assert out.loc[1, "value"] == 40.0 and out.loc[5, "numerator"] == 5.0  # 5 is not under 5


def test_threshold_is_configurable():
    assert suppress(frame(), 10)["suppressed"].tolist() == [True, False, False, True, False, True]
    assert not suppress(frame(), 0)["suppressed"].any()


def test_small_denominator_suppressed():
    df = pd.DataFrame({"value": [50.0], "numerator": [2.0], "denominator": [4.0]})
    assert suppress(df, 3)["suppressed"].tolist() == [True]  # numerator 2 < 3, and 4 people is disclosive anyway


def test_count_indicator_suppresses_small_values():
    df = pd.DataFrame({"value": [2.0, 7.0, np.nan]})
    assert suppress(df, 5, value_is_count=True)["suppressed"].tolist() == [True, False, False]
    assert not suppress(df, 5)["suppressed"].any()  # a rate of 2.0 is not a count


def test_already_suppressed_rows_stay_suppressed_and_input_unchanged():
    df = frame().assign(suppressed=[False, True, False, False, False, False])
    before = df.copy()
    out = suppress(df, 5)
    assert out["suppressed"].tolist()[:2] == [True, True]
    pd.testing.assert_frame_equal(df, before)
