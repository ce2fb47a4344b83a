"""The shipped, clearly labelled example interventions (interventions/examples.yaml), read once."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import yaml

from interventions.model import Intervention

EXAMPLES = Path(__file__).resolve().parent / "examples.yaml"


def _date(value) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value))


@cache
def example_interventions() -> tuple[Intervention, ...]:
    """The examples as register entries (example=True, version 1, never edited)."""
    out = []
    for e in yaml.safe_load(EXAMPLES.read_text(encoding="utf-8")) or []:
        pairs = [str(p).split(":", 1) for p in e.get("indicators", [])]
        out.append(Intervention(
            intervention_id=e["id"], title=e["title"], organisation=e.get("organisation", ""),
            service=e.get("service", ""), theme=e["theme"], areas=tuple(e["areas"]), start=_date(e["start"]),
            end=_date(e.get("end")), cost_total=e.get("cost_total"), cost_per_year=e.get("cost_per_year"),
            indicators=tuple(p[0] for p in pairs), directions=tuple(p[1] for p in pairs),
            description=e.get("description", ""), link=e.get("link", ""), example=True, version=1,
            changed_by="Trafford Data Observatory (shipped example)", changed_at="2026-11-25T00:00:00Z"))
    return tuple(out)
