"""Explore's state in the URL: parsed from query parameters with defaults and notices, written back in one place."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import pandas as pd

from components import urls
from data.schema import DEFAULT_BREAKDOWN, LEVELS

EXPLORE_LEVELS = ["ward_2023", "ward_2022", "lsoa_2021", "lsoa_2011", "msoa_2021", "msoa_2011", "la"]
BENCHMARKS = {"la": ("E08000009", "la", "Trafford"), "combined_authority": ("E47000001", "combined_authority",
              "Greater Manchester"), "england": ("E92000001", "england", "England")}
CLASSIFY = ("quantiles", "equal", "jenks", "significance")
# What Explore opens on, in order of preference: the first with the longest 2023-ward series (up to
# LONG_SERIES periods), so the map has colours and the trend has history.
DEFAULT_INDICATORS = ("claimant_rate", "children_relative_low_income", "universal_credit_rate",
                      "population_aged_65_plus", "bad_health", "no_qualifications")
DEFAULT_LEVEL = "ward_2023"
LONG_SERIES = 5
MAX_SELECTED = 12
CODE = re.compile(r"^[EW]\d{8}$")


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


def _first(value) -> str | None:
    """A query parameter as one string (repeated parameters keep the first)."""
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return None if value is None else str(value).strip()[:200]


def explore_levels(levels) -> list[str]:
    """The Explore levels an indicator has, smallest areas first."""
    return [lv for lv in EXPLORE_LEVELS if lv in set(levels)]


def default_level(levels) -> str:
    """The best level to open: the newest wards, else the smallest areas the indicator has."""
    have = explore_levels(levels)
    return have[0] if have else "la"


def default_benchmark(level: str) -> str:
    """Wards and small areas are compared with Trafford; local authorities with England."""
    return "england" if level == "la" else "la"


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
    notices: list[str] = []
    ids = set(catalogue["indicator_id"])
    indicator = _first(query.get("indicator"))
    if indicator not in ids:
        if indicator:
            notices.append(f"Unknown indicator “{indicator[:60]}”: showing the default instead.")
        indicator = default_indicator(catalogue, coverage)
    cov = coverage(indicator)
    breakdowns = sorted(set(cov["breakdown"]), key=lambda b: (b != DEFAULT_BREAKDOWN, b))
    breakdown = _first(query.get("breakdown")) or breakdowns[0]
    if breakdown not in breakdowns:
        notices.append(f"This indicator has no breakdown “{breakdown[:40]}”: showing {breakdowns[0]}.")
        breakdown = breakdowns[0]
    cov = cov[cov["breakdown"] == breakdown]
    levels = explore_levels(cov["level"].unique()) or ["la"]
    level = _first(query.get("level")) or levels[0]
    if level not in levels:
        name = LEVELS.get(level, level[:40])
        notices.append(f"This indicator has no data for {name}: showing {LEVELS[levels[0]]}.")
        level = levels[0]
    periods = cov[cov["level"] == level].sort_values("period_start")["period"].tolist()
    period = _first(query.get("period"))
    if period not in periods:
        if period:
            notices.append(f"No data for period “{period[:40]}” at this level: showing the latest, {periods[-1]}.")
        period = periods[-1] if periods else ""
    benchmark = _first(query.get("benchmark")) or default_benchmark(level)
    if benchmark not in BENCHMARKS:
        benchmark = default_benchmark(level)
        notices.append(f"Unknown benchmark “{_first(query.get('benchmark'))[:40]}”: comparing with "
                       f"{BENCHMARKS[benchmark][2]}.")
    classify = _first(query.get("classify")) or "significance"
    if classify not in CLASSIFY:
        notices.append(f"Unknown map classification “{classify[:40]}”: using significance.")
        classify = "significance"
    areas, bad = [], []
    for code in (_first(query.get("areas")) or "").split(","):
        code = code.strip().upper()
        if not code:
            continue
        (areas if CODE.match(code) and code not in areas else bad).append(code)
    if bad:
        notices.append(f"Ignored area codes that are not valid: {', '.join(b[:12] for b in bad[:5])}.")
    if len(areas) > MAX_SELECTED:
        notices.append(f"At most {MAX_SELECTED} areas can be selected; the first {MAX_SELECTED} are kept.")
        areas = areas[:MAX_SELECTED]
    return ExploreState(indicator, level, period, benchmark, classify, breakdown, areas), notices
