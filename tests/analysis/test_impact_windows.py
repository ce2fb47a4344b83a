"""The windows an intervention is judged in: baseline ending at the start, during, and the follow-up after it."""

from datetime import date

import pytest

from analysis.impact_common import decimal_year
from analysis.impact_windows import add_months, impact_windows


def test_an_ended_intervention_has_a_follow_up_that_stops_after_the_stated_months():
    w = impact_windows(date(2016, 4, 1), date(2017, 3, 31), follow_up_months=12)
    assert (w.before.first, w.before.last) == (date(2011, 4, 1), date(2016, 3, 31))
    assert (w.during.first, w.during.last) == (date(2016, 4, 1), date(2017, 3, 31))
    assert (w.after.first, w.after.last) == (date(2017, 4, 1), date(2018, 3, 31))
    t = [decimal_year(d) for d in ("2011-03-15", "2015-06-15", "2016-04-15", "2017-03-15", "2018-03-15", "2018-04-15")]
    assert w.which(t) == [None, "before", "during", "during", "after", None]


def test_a_running_intervention_has_no_after_window_and_runs_to_the_latest_data():
    w = impact_windows(date(2022, 4, 1), None)
    assert w.after is None and w.during.last is None and w.follow_up_months is None
    assert w.which([2030.0]) == ["during"] and w.end is None


def test_the_follow_up_is_adjustable():
    w = impact_windows(date(2016, 4, 1), date(2017, 3, 31), follow_up_months=6)
    assert w.after.last == date(2017, 9, 30)


@pytest.mark.parametrize("kwargs", [{"end": date(2015, 1, 1)}, {"follow_up_months": 0}, {"follow_up_months": 61},
                                    {"baseline_years": 0}])
def test_impossible_windows_are_refused(kwargs):
    with pytest.raises(ValueError):
        impact_windows(date(2016, 4, 1), **kwargs)


def test_add_months_keeps_the_day_or_the_months_last():
    assert add_months(date(2017, 1, 31), 1) == date(2017, 2, 28)
    assert add_months(date(2017, 3, 31), 12) == date(2018, 3, 31)
    assert add_months(date(2016, 4, 1), -60) == date(2011, 4, 1)
