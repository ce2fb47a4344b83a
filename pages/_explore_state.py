"""Explore's state in the URL: parsed from query parameters with defaults and notices, written back in one place."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from analysis.judgement import default_benchmark
from components import urls
from components.params import Params
from data.schema import BENCHMARKS, DEFAULT_BREAKDOWN, LEVELS, MAP_LEVELS

CLASSIFY = ("quantiles", "equal", "jenks", "significance")
# What Explore opens on, in order of preference: the first with the longest 2023-ward series (up to
# LONG_SERIES periods), so the map has colours and the trend has history.
DEFAULT_INDICATORS = ("claimant_rate", "children_relative_low_income", "universal_credit_rate",
                      "population_aged_65_plus", "bad_health", "no_qualifications")
DEFAULT_LEVEL = "ward_2023"
LONG_SERIES = 5
MAX_SELECTED = 12


@dataclass
class ExploreState:
    """Everything a person would share about an Explore view."""

    indicator: str
    level: str
    period: str
    benchmark: str = "la"
    classify: str = "significance"
    breakdown: str = DEFAULT_BREAKDOWN
    areas: list[str] = field(default_factory=list)

    def params(self) -> dict:
        """The URL parameters of this state (the default breakdown and an empty selection left out)."""
        params = asdict(self)
        if self.breakdown == DEFAULT_BREAKDOWN:
            params.pop("breakdown")
        return params

    def query(self) -> str:
        """The URL query string for this state (without '?')."""
        return urls.query(self.params())


def explore_levels(levels) -> list[str]:
    """The Explore levels an indicator has, smallest areas first."""
    return [lv for lv in MAP_LEVELS if lv in set(levels)]


def default_indicator(catalogue: pd.DataFrame, coverage) -> str:
    """The indicator to open on: of DEFAULT_INDICATORS, the one with the longest 2023-ward series (ties by
    preference), else the first indicator Explore can show."""
    usable = catalogue[catalogue["levels"].map(lambda lv: bool(explore_levels(lv)))]
    have = set(usable["indicator_id"])
    preferred = [i for i in DEFAULT_INDICATORS if i in have]

    def periods(indicator: str) -> int:
        cov = coverage(indicator)
        hit = cov[(cov["level"] == DEFAULT_LEVEL) & (cov["breakdown"] == DEFAULT_BREAKDOWN)]
        return min(hit["period"].nunique(), LONG_SERIES)

    if preferred:
        return max(preferred, key=lambda i: (periods(i), -preferred.index(i)))
    return usable["indicator_id"].iloc[0] if len(usable) else catalogue["indicator_id"].iloc[0]


def parse_state(query: dict, catalogue: pd.DataFrame, coverage) -> tuple[ExploreState, list[str]]:
    """A valid state from URL parameters, and a notice for each parameter that was invalid and replaced.

    `catalogue` is the indicators table; `coverage(indicator)` gives its level/period/breakdown rows.
    """
    p = Params(query, limit=200)
    indicator = p.one("indicator", set(catalogue["indicator_id"]), None,
                      "Unknown indicator “{value:.60}”: showing the default instead.")
    indicator = indicator or default_indicator(catalogue, coverage)
    cov = coverage(indicator)
    breakdowns = sorted(set(cov["breakdown"]), key=lambda b: (b != DEFAULT_BREAKDOWN, b))
    breakdown = p.one("breakdown", breakdowns, breakdowns[0],
                      "This indicator has no breakdown “{value:.40}”: showing {default}.")
    cov = cov[cov["breakdown"] == breakdown]
    levels = explore_levels(cov["level"].unique()) or ["la"]
    level = p.one("level", levels, levels[0], lambda v: f"This indicator has no data for {LEVELS.get(v, v[:40])}: "
                                                      f"showing {LEVELS[levels[0]]}.")
    periods = cov[cov["level"] == level].sort_values("period_start")["period"].tolist()
    period = p.one("period", periods, periods[-1] if periods else "",
                   "No data for period “{value:.40}” at this level: showing the latest, {default}.")
    bench = default_benchmark(level)
    benchmark = p.one("benchmark", BENCHMARKS, bench, "Unknown benchmark “{value:.40}”: comparing with {name}.",
                      name=BENCHMARKS[bench][2])
    classify = p.one("classify", CLASSIFY, "significance",
                     "Unknown map classification “{value:.40}”: using significance.")
    areas = p.codes("areas", MAX_SELECTED, "Ignored area codes that are not valid: {codes}.",
                    f"At most {MAX_SELECTED} areas can be selected; the first {MAX_SELECTED} are kept.")
    return ExploreState(indicator, level, period, benchmark, classify, breakdown, areas), p.notices
