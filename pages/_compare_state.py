"""Compare's state in the URL: parsed from query parameters with defaults and notices, written back in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

import pandas as pd

from components import urls
from data.schema import LEVELS, THEMES
from pages._explore_state import BENCHMARKS

COMPARE_LEVELS = ["ward_2023", "ward_2022", "lsoa_2021", "lsoa_2011", "msoa_2021", "msoa_2011", "la"]
LSOA_LEVELS = ("lsoa_2021", "lsoa_2011")
VIEWS = {"grid": "Overview grid", "scatter": "Two indicators", "inequality": "Inequality by deprivation",
         "side": "Side by side", "similar": "Similar areas"}
ORDERS = ("desc", "asc")
GROUPS = ("decile", "quintile")
DEFAULT_THEME, DEFAULT_LEVEL = "health", "ward_2023"  # today's wards
MAX_AREAS = 6
CODE = re.compile(r"^[EW]\d{8}$")


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


def _first(value) -> str:
    """A query parameter as one trimmed string ('' when absent; repeated parameters keep the first)."""
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return "" if value is None else str(value).strip()[:400]


def _list(value) -> list[str]:
    return [p.strip() for p in _first(value).split(",") if p.strip()]


_INDEX: dict = {}  # the coverage frame it was built from -> its lookups (parse_state runs on every callback)


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
    counts = [(len(theme_indicators(cov, theme, lv)), -i, lv) for i, lv in enumerate(COMPARE_LEVELS)]
    n, _, lv = max(counts)
    return lv if n else None


def parse_state(query: dict, cov: pd.DataFrame) -> tuple[CompareState, list[str]]:
    """A valid state from URL parameters, and a notice for each parameter that was invalid and replaced.

    `cov` is queries.compare.coverage(): indicator_id, theme, level, period, period_start per row.
    """
    notices: list[str] = []
    usable = [t for t in THEMES if best_level(cov, t)]
    if not usable:
        raise ValueError("The store has no small-area data to compare.")
    default_theme = DEFAULT_THEME if DEFAULT_THEME in usable else usable[0]
    theme = _first(query.get("theme")) or default_theme
    if theme not in usable:
        notices.append(f"No theme “{theme[:40]}” with data to compare: showing {THEMES[default_theme]}.")
        theme = default_theme
    level = _first(query.get("level"))
    if not level:
        level = DEFAULT_LEVEL if theme_indicators(cov, theme, DEFAULT_LEVEL) else best_level(cov, theme)
    if level not in COMPARE_LEVELS or not theme_indicators(cov, theme, level):
        fallback = best_level(cov, theme)
        notices.append(f"{THEMES[theme]} has no data for {LEVELS.get(level, level[:40])}: showing "
                       f"{LEVELS[fallback]}.")
        level = fallback
    ids = theme_indicators(cov, theme, level)
    period = _first(query.get("period")) or "latest"
    if period != "latest" and period not in theme_periods(cov, theme, level):
        notices.append(f"No data for period “{period[:40]}”: showing each indicator's latest period.")
        period = "latest"
    benchmark = _first(query.get("benchmark")) or "la"
    if benchmark not in BENCHMARKS:
        notices.append(f"Unknown benchmark “{benchmark[:40]}”: comparing with Trafford.")
        benchmark = "la"
    view = _first(query.get("view")) or "grid"
    if view not in VIEWS:
        notices.append(f"Unknown view “{view[:40]}”: showing the overview grid.")
        view = "grid"
    sort = _first(query.get("sort")) or "name"
    if sort != "name" and sort not in ids:
        notices.append(f"Cannot sort by “{sort[:40]}”: it is not an indicator of this theme and level.")
        sort = "name"
    order = _first(query.get("order")) or "desc"
    order = order if order in ORDERS else "desc"
    at_level = level_indicators(cov, level)
    x, y = _first(query.get("x")), _first(query.get("y"))
    for name, value in (("x", x), ("y", y)):
        if value and value not in at_level:
            notices.append(f"Indicator “{value[:40]}” has no data for {LEVELS[level]}: chosen another for {name}.")
    x = x if x in at_level else ids[0]
    y = y if y in at_level else next((i for i in ids if i != x), at_level[0] if at_level else x)
    areas, bad = [], []
    for code in _list(query.get("areas")):
        code = code.upper()
        (areas if CODE.match(code) and code not in areas else bad).append(code)
    if bad:
        notices.append(f"Ignored area codes that are not valid: {', '.join(b[:12] for b in bad[:5])}.")
    if len(areas) > MAX_AREAS:
        notices.append(f"At most {MAX_AREAS} areas can be chosen; the first {MAX_AREAS} are kept.")
        areas = areas[:MAX_AREAS]
    lsoa = [i for lv in LSOA_LEVELS for i in level_indicators(cov, lv)]
    ineq = _first(query.get("ineq"))
    if ineq and ineq not in lsoa:
        notices.append(f"Indicator “{ineq[:40]}” has no LSOA data to split by deprivation: chosen another.")
    if ineq not in lsoa:
        ineq = next((i for i in ids if i in lsoa), "bad_health" if "bad_health" in lsoa else (lsoa[0] if lsoa else ""))
    groups = _first(query.get("groups")) or "decile"
    groups = groups if groups in GROUPS else "decile"
    target = _first(query.get("target")).upper()
    if target and not CODE.match(target):
        notices.append(f"Ignored target area “{target[:12]}”: not an area code.")
        target = ""
    on = [i for i in _list(query.get("on")) if i in at_level]
    if _list(query.get("on")) and len(on) < len(_list(query.get("on"))):
        notices.append(f"Some indicators for similarity have no data for {LEVELS[level]}; they were left out.")
    return CompareState(theme, level, period, benchmark, view, sort, order, x, y, areas, ineq, groups, target,
                        on), notices
