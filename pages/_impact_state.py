"""The /impact page's state in the URL: intervention, indicator, area, comparators and theme, checked in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.impact_windows import FOLLOW_UP_CHOICES, FOLLOW_UP_MONTHS
from components import urls
from components.params import Params
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


def parse_state(query: dict, items: list, area_levels) -> ImpactState:
    """A valid state from URL parameters; every invalid one is dropped with a notice saying why.

    `items` are the current register entries; `area_levels(code)` the levels a code stands at.
    """
    p = Params(query)
    s = ImpactState(notices=p.notices)
    s.theme = p.one("theme", THEMES, "", "Unknown theme “{value:.40}”: showing every theme.")
    s.follow_up = int(p.one("follow_up", lambda v: v.isdigit() and int(v) in FOLLOW_UP_CHOICES, FOLLOW_UP_MONTHS,
                            "The follow-up “{value:.12}” is not one of {choices} months: showing {default}.",
                            choices=", ".join(map(str, FOLLOW_UP_CHOICES))))
    by_id = {i.intervention_id: i for i in items}
    pool = [i for i in items if not s.theme or i.theme == s.theme] or items
    chosen = by_id.get(p.one("intervention", by_id, "",
                             "No intervention “{value:.40}” in the register: showing the first one instead."))
    chosen = chosen or (pool[0] if pool else None)
    if chosen is None:
        return s
    s.intervention = chosen.intervention_id
    s.indicator = p.one("indicator", chosen.indicators, chosen.indicators[0],
                        "This intervention is not expected to move “{value:.40}”: showing {default}.")
    s.area = p.one("area", lambda c: bool(CODE.match(c) and area_levels(c)), "",
                   "Unknown area code “{value:.20}”: showing one the intervention covers.", upper=True)
    if p.given("comparators"):
        s.comparators = p.codes("comparators", MAX_COMPARATORS,
                                "Ignored comparator codes that are not known areas: {codes}.",
                                f"At most {MAX_COMPARATORS} comparators; the first {MAX_COMPARATORS} are kept.",
                                valid=lambda c: bool(CODE.match(c) and area_levels(c)))
    return s
