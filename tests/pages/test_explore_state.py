"""Explore's URL state: typical and hostile URLs give a valid state and visible notices, never an error."""

import pandas as pd
import pytest

from pages._explore_state import ExploreState, parse_state

CATALOGUE = pd.DataFrame({"indicator_id": ["smoking", "population"], "levels": [["ward_2023", "la"], ["ward_2023"]]})
COVERAGE = pd.DataFrame({"level": ["ward_2023", "ward_2023", "la", "la"], "period": ["2022", "2023", "2022", "2023"],
                         "breakdown": ["Persons"] * 4, "period_start": pd.to_datetime(["2022-01-01", "2023-01-01"] * 2)})


def parse(**query):
    return parse_state(query, CATALOGUE, lambda _indicator: COVERAGE)


def test_empty_url_gives_defaults_without_notices():
    state, notices = parse()
    assert (state.indicator, state.level, state.period, state.benchmark) == ("smoking", "ward_2023", "2023", "la")
    assert notices == []  # wards are compared with Trafford by default
    assert parse(level="la")[0].benchmark == "england"


def test_default_indicator_is_the_preferred_one_with_the_longest_ward_series():
    catalogue = pd.DataFrame({"indicator_id": ["bad_health", "claimant_rate", "zzz"],
                              "levels": [["ward_2023"], ["ward_2023"], ["ward_2023"]]})

    def coverage(indicator):
        n = {"bad_health": 1, "claimant_rate": 8, "zzz": 9}[indicator]
        return pd.DataFrame({"level": ["ward_2023"] * n, "period": [str(2015 + i) for i in range(n)],
                             "breakdown": ["Persons"] * n,
                             "period_start": pd.to_datetime([f"{2015 + i}-01-01" for i in range(n)])})

    assert parse_state({}, catalogue, coverage)[0].indicator == "claimant_rate"
    short = lambda i: coverage("bad_health")  # noqa: E731 - every series one period: the first preference
    assert parse_state({}, catalogue, short)[0].indicator == "claimant_rate"


def test_typical_url_round_trips():
    state, notices = parse(indicator="smoking", level="la", period="2022", benchmark="la", classify="jenks",
                           areas="E08000009")
    assert notices == []
    again, _ = parse(**dict(pair.split("=") for pair in state.query().replace("%2C", ",").split("&")))
    assert again == state


@pytest.mark.parametrize("query", [
    {"indicator": "<script>alert(1)</script>"}, {"level": "'; DROP TABLE values_t; --"}, {"period": "1066"},
    {"benchmark": "mars"}, {"classify": "astrology"}, {"areas": "E05015239,not-a-code,../../etc"},
    {"indicator": ["smoking", "population"]}, {"breakdown": "Martians"}, {"areas": ",".join(["E05015239"] * 3)},
])
def test_hostile_parameters_fall_back_with_a_notice(query):
    state, notices = parse(**query)
    assert isinstance(state, ExploreState) and state.indicator in {"smoking", "population"}
    if query not in ({"indicator": ["smoking", "population"]}, {"areas": ",".join(["E05015239"] * 3)}):
        assert notices, query
    assert state.period in {"2022", "2023"} and state.level in {"ward_2023", "la"}
