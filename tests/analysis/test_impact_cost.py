"""Cost per unit change, and its refusals: no cost, no change, wrong direction, not significant."""

import pytest

from analysis.impact import COST_CAVEAT, cost_per_change


def test_cost_per_percentage_point():
    r = cost_per_change(50_000, -2.5, "percentage point", direction="decrease", p_value=0.01)
    assert r.ok and r.value == pytest.approx(20_000) and r.label == "£20,000 per percentage point"
    assert r.message == "" and "not proof" in r.caveat and r.caveat == COST_CAVEAT


def test_cost_per_thousand_people():
    r = cost_per_change(12_000, 4_800, "people reached", per=1000, direction="increase", lower=4000, upper=5600)
    assert r.value == pytest.approx(2_500)
    assert r.label == "£2,500 per 1,000 people reached (95% interval £2,143 to £3,000)"  # the interval's far end first


def test_cost_per_person_from_a_denominator_with_its_interval():
    # -0.6 percentage points (interval -1.1 to -0.1) of 6,331 people: 38 people (6 to 70)
    r = cost_per_change(180_000, -0.6, "percentage point", direction="decrease", p_value=0.01, lower=-1.1,
                        upper=-0.1, people_per_unit=63.31)
    assert r.value == pytest.approx(300_000) and (r.value_lower, r.value_upper) == pytest.approx((180_000 / 1.1, 1.8e6))
    assert r.people == pytest.approx(37.986) and (r.people_lower, r.people_upper) == pytest.approx((6.331, 69.641))
    assert r.per_person == pytest.approx(180_000 / 37.986)
    assert (r.per_person_lower, r.per_person_upper) == pytest.approx((180_000 / 69.641, 180_000 / 6.331))
    assert r.person_label == "£4,739 per person (95% interval £2,585 to £28,432)"


def test_small_values_keep_pence():
    assert cost_per_change(90, 2, "pp").label == "£45.00 per pp"


def test_no_direction_is_noted_but_allowed():
    r = cost_per_change(1000, -4, "pp")
    assert r.ok and r.value == 250 and "direction was not given" in r.note


@pytest.mark.parametrize(("args", "kwargs", "fragment"), [
    ((10_000, 0.0, "pp"), {}, "did not change"),
    ((10_000, 2.0, "pp"), {"direction": "decrease"}, "went up but the intervention aimed to move it down"),
    ((10_000, -2.0, "pp"), {"direction": "high_is_good"}, "went down but the intervention aimed to move it up"),
    ((10_000, 2.0, "pp"), {"p_value": 0.2}, "not statistically significant"),
    ((10_000, 2.0, "pp"), {"p_value": 0.05}, "not statistically significant"),
    ((10_000, 2.0, "pp"), {"lower": -0.5, "upper": 4.5}, "not statistically significant"),
    ((0, 2.0, "pp"), {}, "No cost is recorded"),
    ((None, 2.0, "pp"), {}, "No cost is recorded"),
    ((-5, 2.0, "pp"), {}, "No cost is recorded"),
    ((10_000, None, "pp"), {}, "no measured change"),
    ((10_000, float("nan"), "pp"), {}, "no measured change"),
    ((10_000, 2.0, "pp", 0), {}, "'per' amount"),
    ((10_000, 2.0, "pp"), {"direction": "sideways"}, "Unknown expected direction"),
])
def test_refusals_give_a_reason_and_no_number(args, kwargs, fragment):
    r = cost_per_change(*args, **kwargs)
    assert not r.ok and fragment in r.message and r.value is None and r.label == ""
