"""Combining small areas' values into one: sums of counts with intervals from the sums, estimates marked."""

import math

import pandas as pd
import pytest

from analysis.combine import SUMMED_BYARS, SUMMED_WILSON, WEIGHTED, combine_parts
from analysis.stats import proportion_ci, rate_ci

PARTS = ["A1", "A2", "A3", "A4"]
CAT = pd.DataFrame([
    {"indicator_id": "smoke", "name": "Smokers", "unit": "%", "value_type": "percentage", "multiplier": 100,
     "ci_method": "wilson"},
    {"indicator_id": "adm", "name": "Admissions", "unit": "per 1,000", "value_type": "rate", "multiplier": 1000,
     "ci_method": "byars"},
    {"indicator_id": "score", "name": "Crime score", "unit": "score", "value_type": "score", "multiplier": 1,
     "ci_method": "none"},
    {"indicator_id": "pop", "name": "Population", "unit": "count", "value_type": "count", "multiplier": 1,
     "ci_method": "none"},
    {"indicator_id": "decile", "name": "IMD decile", "unit": "decile (1 = most deprived 10%)", "value_type": "index",
     "multiplier": 1, "ci_method": "none"},
]).set_index("indicator_id", drop=False)
START = pd.Timestamp("2021-01-01")


def _rows(indicator, nums, dens, values=None, period="2021", start=START):
    out = []
    for i, a in enumerate(PARTS):
        num, den = (nums[i], dens[i]) if nums else (math.nan, math.nan)
        value = values[i] if values else 100 * num / den
        out.append({"indicator_id": indicator, "breakdown": "Persons", "period": period, "period_start": start,
                    "period_end": start, "area_code": a, "value": value, "numerator": num, "denominator": den,
                    "suppressed": False})
    return out


def _frame():
    pop = [1500, 1600, 1700, 1800]
    return pd.DataFrame(
        _rows("smoke", [120, 200, 90, 310], [1000, 1100, 900, 1300])
        + _rows("adm", [3, 4, 2, 6], [1500, 1600, 1700, 1800], values=[2, 2.5, 1.2, 3.3])
        + _rows("score", None, None, values=[10.0, 20.0, 30.0, 40.0])
        + _rows("pop", None, None, values=pop)
        + _rows("decile", None, None, values=[1, 2, 3, 4]))


def test_four_lsoas_counts_give_summed_value_and_wilson_interval_of_the_sums():
    frame = _frame()
    pop = frame[frame["indicator_id"] == "pop"]
    rows, left = combine_parts(frame, CAT, PARTS, pop)
    smoke = rows[rows["indicator_id"] == "smoke"].iloc[0]
    ci = proportion_ci(720, 4300)
    assert smoke["numerator"] == 720 and smoke["denominator"] == 4300
    assert smoke["value"] == pytest.approx(100 * 720 / 4300)
    assert (smoke["lower_ci"], smoke["upper_ci"]) == pytest.approx((ci.lower, ci.upper))
    assert not smoke["estimated"] and smoke["derivation"] == SUMMED_WILSON


def test_rates_use_byars_or_exact_poisson_on_the_summed_events():
    frame = _frame()
    rows, _ = combine_parts(frame, CAT, PARTS, frame[frame["indicator_id"] == "pop"])
    adm = rows[rows["indicator_id"] == "adm"].iloc[0]
    ci = rate_ci(15, 6600, multiplier=1000)
    assert adm["value"] == pytest.approx(1000 * 15 / 6600)
    assert (adm["lower_ci"], adm["upper_ci"]) == pytest.approx((ci.lower, ci.upper))
    assert adm["derivation"] == SUMMED_BYARS


def test_scores_are_population_weighted_estimates_without_interval_and_deciles_left_out():
    frame = _frame()
    rows, left = combine_parts(frame, CAT, PARTS, frame[frame["indicator_id"] == "pop"])
    score = rows[rows["indicator_id"] == "score"].iloc[0]
    assert score["value"] == pytest.approx((10 * 1500 + 20 * 1600 + 30 * 1700 + 40 * 1800) / 6600)
    assert score["estimated"] and score["derivation"] == WEIGHTED and math.isnan(score["lower_ci"])
    assert rows[rows["indicator_id"] == "pop"].iloc[0]["value"] == 6600
    assert [x.indicator_id for x in left] == ["decile"] and "rank or decile" in left[0].reason


def test_a_period_missing_one_part_is_not_summed_and_the_reason_is_given():
    frame = _frame()
    frame = frame[~((frame["indicator_id"] == "smoke") & (frame["area_code"] == "A4"))]
    rows, left = combine_parts(frame, CAT, PARTS, frame[frame["indicator_id"] == "pop"])
    assert "smoke" not in set(rows["indicator_id"])
    assert any(x.indicator_id == "smoke" and "every chosen LSOA" in x.reason for x in left)
