"""The /impact page's state in the URL: intervention, indicator, area, comparators and theme, checked in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.impact_windows import FOLLOW_UP_CHOICES, FOLLOW_UP_MONTHS
from components import urls
from data.schema import THEMES

CODE = re.compile(r"^[A-Z]\d{8}$")
MAX_COMPARATORS = 10


@dataclass
class ImpactState:
    """What a person would share about an /impact view (empty strings where nothing is chosen)."""

    intervention: str = ""
    indicator: str = ""
    area: str = ""
    comparators: list[str] | None = None  # None: the default similar areas
    theme: str = ""
    follow_up: int = FOLLOW_UP_MONTHS  # months after an ended intervention
    notices: list[str] = field(default_factory=list)

    def query(self) -> str:
        """The URL query for this state (without '?')."""
        params = {"theme": self.theme, "intervention": self.intervention, "indicator": self.indicator,
                  "area": self.area}
        if self.comparators is not None:
            params["comparators"] = ",".join(self.comparators)
        if self.follow_up != FOLLOW_UP_MONTHS:
            params["follow_up"] = str(self.follow_up)
        return urls.query(params, keep_empty=("comparators",))


def _first(value) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()[:400]


def parse_state(query: dict, items: list, area_levels) -> ImpactState:
    """A valid state from URL parameters; every invalid one is dropped with a notice saying why.

    `items` are the current register entries; `area_levels(code)` the levels a code stands at.
    """
    s = ImpactState()
    theme = _first(query.get("theme"))
    if theme and theme not in THEMES:
        s.notices.append(f"Unknown theme “{theme[:40]}”: showing every theme.")
    else:
        s.theme = theme
    follow = _first(query.get("follow_up"))
    if follow:
        if follow.isdigit() and int(follow) in FOLLOW_UP_CHOICES:
            s.follow_up = int(follow)
        else:
            s.notices.append(f"The follow-up “{follow[:12]}” is not one of {', '.join(map(str, FOLLOW_UP_CHOICES))} "
                             f"months: showing {FOLLOW_UP_MONTHS}.")
    by_id = {i.intervention_id: i for i in items}
    wanted = _first(query.get("intervention"))
    if wanted and wanted not in by_id:
        s.notices.append(f"No intervention “{wanted[:40]}” in the register: showing the first one instead.")
    pool = [i for i in items if not s.theme or i.theme == s.theme] or items
    chosen = by_id.get(wanted) or (pool[0] if pool else None)
    if chosen is None:
        return s
    s.intervention = chosen.intervention_id
    indicator = _first(query.get("indicator"))
    if indicator and indicator not in chosen.indicators:
        s.notices.append(f"This intervention is not expected to move “{indicator[:40]}”: showing "
                         f"{chosen.indicators[0]}.")
    s.indicator = indicator if indicator in chosen.indicators else chosen.indicators[0]
    area = _first(query.get("area")).upper()
    if area and (not CODE.match(area) or not area_levels(area)):
        s.notices.append(f"Unknown area code “{area[:20]}”: showing one the intervention covers.")
        area = ""
    s.area = area
    if "comparators" in query:
        codes, bad = [], []
        for c in _first(query.get("comparators")).upper().split(","):
            c = c.strip()
            if c:
                (codes if CODE.match(c) and area_levels(c) and c not in codes else bad).append(c)
        if bad:
            s.notices.append(f"Ignored comparator codes that are not known areas: {', '.join(b[:12] for b in bad[:5])}.")
        if len(codes) > MAX_COMPARATORS:
            s.notices.append(f"At most {MAX_COMPARATORS} comparators; the first {MAX_COMPARATORS} are kept.")
        s.comparators = codes[:MAX_COMPARATORS]
    return s
