"""Compare's state in the URL: parsed from query parameters with defaults and notices, written back in one place."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import pandas as pd

from components import urls
from components.params import CODE, Params
from data.schema import BENCHMARKS, LEVELS, MAP_LEVELS, THEMES
from queries.store_cache import store_dict

LSOA_LEVELS = ("lsoa_2021", "lsoa_2011")
VIEWS = {"grid": "Overview grid", "scatter": "Two indicators", "inequality": "Inequality by deprivation",
         "side": "Side by side", "similar": "Similar areas"}
ORDERS = ("desc", "asc")
GROUPS = ("decile", "quintile")
DEFAULT_THEME, DEFAULT_LEVEL = "health", "ward_2023"  # today's wards
MAX_AREAS = 6
NO_AXIS = "Indicator “{value:.40}” has no data for {level}: chosen another for {name}."


@dataclass
class CompareState:
    """Everything a person would share about a Compare view."""

    theme: str
    level: str
    period: str = "latest"
    benchmark: str = "la"
    view: str = "grid"
    sort: str = "name"
    order: str = "desc"
    x: str = ""
    y: str = ""
    areas: list[str] = field(default_factory=list)
    ineq: str = ""
    groups: str = "decile"
    target: str = ""
    on: list[str] = field(default_factory=list)

    def params(self) -> dict:
        """The URL parameters of this state (empty ones are left out of links)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def query(self) -> str:
        """The URL query string for this state (without '?'), leaving out empty values."""
        return urls.query(self.params())


# the lookups of the coverage frame they were built from (parse_state runs on every callback); a store swap empties
_INDEX = store_dict()


def _index(cov: pd.DataFrame) -> dict:
    """Lookups of the coverage frame: (theme, level) -> ids, level -> ids, (theme, level) -> periods."""
    if _INDEX.get("cov") is not cov:
        rows = cov.sort_values("period_start")
        by_pair: dict = {}
        by_level: dict = {}
        periods: dict = {}
        for ind, theme, level in zip(cov["indicator_id"].tolist(), cov["theme"].tolist(), cov["level"].tolist(),
                                     strict=True):
            by_pair.setdefault((theme, level), {})[ind] = None
            by_level.setdefault(level, {})[ind] = None
        for theme, level, period in zip(rows["theme"].tolist(), rows["level"].tolist(), rows["period"].tolist(),
                                        strict=True):
            periods.setdefault((theme, level), {})[period] = None
        _INDEX.clear()
        _INDEX.update(cov=cov, pair=by_pair, level=by_level, periods=periods)
    return _INDEX


def theme_indicators(cov: pd.DataFrame, theme: str, level: str) -> list[str]:
    """The theme's indicators with Persons data at the level, in catalogue order."""
    return list(_index(cov)["pair"].get((theme, level), ()))


def level_indicators(cov: pd.DataFrame, level: str) -> list[str]:
    """Every indicator with Persons data at the level."""
    return list(_index(cov)["level"].get(level, ()))


def theme_periods(cov: pd.DataFrame, theme: str, level: str) -> list[str]:
    """The periods any of the theme's indicators has at the level, oldest first."""
    return list(_index(cov)["periods"].get((theme, level), ()))


def best_level(cov: pd.DataFrame, theme: str) -> str | None:
    """The small-area level where the theme has most indicators (wards first on a tie)."""
    counts = [(len(theme_indicators(cov, theme, lv)), -i, lv) for i, lv in enumerate(MAP_LEVELS)]
    n, _, lv = max(counts)
    return lv if n else None


def parse_state(query: dict, cov: pd.DataFrame) -> tuple[CompareState, list[str]]:
    """A valid state from URL parameters, and a notice for each parameter that was invalid and replaced.

    `cov` is queries.compare.coverage(): indicator_id, theme, level, period, period_start per row.
    """
    usable = [t for t in THEMES if best_level(cov, t)]
    if not usable:
        raise ValueError("The store has no small-area data to compare.")
    p = Params(query)
    default_theme = DEFAULT_THEME if DEFAULT_THEME in usable else usable[0]
    theme = p.one("theme", usable, default_theme, "No theme “{value:.40}” with data to compare: showing {name}.",
                  name=THEMES[default_theme])
    best = best_level(cov, theme)
    level = p.one("level", [lv for lv in MAP_LEVELS if theme_indicators(cov, theme, lv)], best,
                  lambda v: f"{THEMES[theme]} has no data for {LEVELS.get(v, v[:40])}: showing {LEVELS[best]}.",
                  missing=DEFAULT_LEVEL if theme_indicators(cov, theme, DEFAULT_LEVEL) else best)
    ids = theme_indicators(cov, theme, level)
    period = p.one("period", ["latest", *theme_periods(cov, theme, level)], "latest",
                   "No data for period “{value:.40}”: showing each indicator's latest period.")
    benchmark = p.one("benchmark", BENCHMARKS, "la", "Unknown benchmark “{value:.40}”: comparing with Trafford.")
    view = p.one("view", VIEWS, "grid", "Unknown view “{value:.40}”: showing the overview grid.")
    sort = p.one("sort", ["name", *ids], "name",
                 "Cannot sort by “{value:.40}”: it is not an indicator of this theme and level.")
    order = p.one("order", ORDERS, "desc")
    at_level = level_indicators(cov, level)
    x = p.one("x", at_level, ids[0], NO_AXIS, level=LEVELS[level], name="x")
    y = p.one("y", at_level, next((i for i in ids if i != x), at_level[0] if at_level else x), NO_AXIS,
              level=LEVELS[level], name="y")
    areas = p.codes("areas", MAX_AREAS, "Ignored area codes that are not valid: {codes}.",
                    f"At most {MAX_AREAS} areas can be chosen; the first {MAX_AREAS} are kept.")
    lsoa = [i for lv in LSOA_LEVELS for i in level_indicators(cov, lv)]
    ineq = p.one("ineq", lsoa, next((i for i in ids if i in lsoa), "bad_health" if "bad_health" in lsoa else
                                    (lsoa[0] if lsoa else "")),
                 "Indicator “{value:.40}” has no LSOA data to split by deprivation: chosen another.")
    groups = p.one("groups", GROUPS, "decile")
    target = p.one("target", CODE.match, "", "Ignored target area “{value:.12}”: not an area code.", upper=True)
    asked = p.items("on")
    on = [i for i in asked if i in at_level]
    if len(on) < len(asked):
        p.notice(f"Some indicators for similarity have no data for {LEVELS[level]}; they were left out.")
    return CompareState(theme, level, period, benchmark, view, sort, order, x, y, areas, ineq, groups, target,
                        on), p.notices
