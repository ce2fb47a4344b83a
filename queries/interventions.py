"""The intervention register joined to the store: what may be named, and which interventions cover an area.

The register itself is read by interventions/ (pyarrow); this module adds the store's knowledge of areas
(an intervention covers an area if it lists the area or an area containing it: ward within Trafford, LSOA within ward).
"""

from __future__ import annotations

from data.schema import THEMES
from interventions import Catalogue, Intervention, register
from queries import catalog_cache

MAX_DEPTH = 8  # levels from an LSOA to England: a guard against a cycle in a damaged areas table


def register_catalogue() -> Catalogue:
    """The indicator ids, area codes and themes an intervention may name."""
    return Catalogue(indicators=frozenset(catalog_cache.indicators().index),
                     areas=frozenset(catalog_cache.areas()["area_code"]), themes=frozenset(THEMES))


def containing(code: str, level: str) -> set[str]:
    """The area's code and the codes of every area containing it (its parents up to England)."""
    parents = catalog_cache.parents()
    out, key = {code}, (code, level)
    for _ in range(MAX_DEPTH):
        key = parents.get(key)
        if key is None:
            break
        out.add(key[0])
    return out


def covering(code: str, level: str, indicator: str | None = None,
             items: list[Intervention] | None = None) -> list[Intervention]:
    """Current interventions covering an area (and expected to move `indicator`, if given)."""
    codes = containing(code, level)
    items = register().current() if items is None else items
    return [i for i in items if codes.intersection(i.areas) and (indicator is None or indicator in i.indicators)]


def trend_marks(pairs: list[tuple[str, str]], indicator: str, names: dict[str, str] | None = None) -> list[dict]:
    """Marks (see components.intervention_marks) for interventions covering any of the (code, level) areas."""
    items = register().current()
    seen: dict[str, dict] = {}
    for code, level in pairs:
        for item in covering(code, level, indicator, items):
            if item.intervention_id not in seen:
                seen[item.intervention_id] = item.mark(f"Covers {(names or {}).get(code, code)}")
    return list(seen.values())
