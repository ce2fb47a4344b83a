"""Issue 14's figures on the real store: how much of the 2023 wards' evidence CSVs is judged, whether anything
judgeable is left unjudged, whether each summary opens with the area's and Trafford's figures, and Trafford's
own profile against England. Run: python -m bench.answers"""

from __future__ import annotations

import csv
import io
import math
import re

from analysis.judgement import number_text
from queries import catalog_cache
from report.evidence import evidence_csv
from report.profile import load_profile

JUDGED = {"better", "worse", "similar", "higher", "lower"}


def _has(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def judgeable(r: dict) -> bool:
    """A row the engine must judge: a value with an interval and a comparator value, or a published judgement."""
    if r["value_type"] == "count" or not _has(r["value"]) or r["polarity"] not in ("high_is_good", "low_is_good",
                                                                                    "no_judgement"):
        return False
    own = _has(r["lower"]) and _has(r["upper"]) and _has(r.get("comparator_value"))
    return own or bool(r.get("published_judgement"))


def main() -> None:
    areas = catalog_cache.areas()
    wards = areas[areas["level"] == "ward_2023"]
    total = judged = missed = opened = 0
    for code, name in zip(wards["area_code"], wards["area_name"], strict=True):
        p = load_profile(code)
        rows = list(csv.DictReader(io.StringIO("\n".join(
            line for line in evidence_csv(p, "http://localhost").splitlines() if not line.startswith("#")))))
        total += len(rows)
        judged += sum(1 for r in rows if r["judgement"] in JUDGED)
        missed += sum(1 for r in p.rows if judgeable(r) and r["judgement"] not in JUDGED)
        first = p.summary()[0] if p.summary() else None
        # the area's own figure (as shown, at the sentence's head) and Trafford's beside it
        own = first and number_text(first.row["value"], first.row["value_type"], first.row["unit"])
        ok = first is not None and own in first.text[:120] and re.search(
            r"the Trafford average \(", first.text) is not None
        opened += ok
        if not ok:
            print(f"  {name}: first sentence lacks Trafford's figure: {first.text if first else '(none)'}")
    print(f"2023 wards: {len(wards)} evidence CSVs, {judged} of {total} rows judged ({judged / total:.0%}); "
          f"judgeable rows left unjudged: {missed}; summaries opening with the area's and Trafford's figures: "
          f"{opened} of {len(wards)}")
    t = load_profile("E08000009")
    tj = sum(1 for r in t.rows if r["judgement"] in JUDGED)
    tm = sum(1 for r in t.rows if judgeable(r) and r["judgement"] not in JUDGED)
    print(f"Trafford against England: {tj} of {len(t.rows)} rows judged; judgeable left unjudged: {tm}")


if __name__ == "__main__":
    main()
