"""One store-scoped cache (queries/store_cache.py): a store swap empties every cache of what was read from it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# caches of code, not of the store: SQL text, the PDF templates, a hash of the code, the examples file
CODE_ONLY = {"queries/values.py": 1, "report/evidence.py": 2, "interventions/examples.py": 1}


def test_a_store_swap_empties_every_store_cache(seeded_store):
    from queries import catalog_cache, db, opendata
    from queries import compare as cq

    catalog_cache.indicators()
    cq.coverage()
    opendata.coverage(catalog_cache.indicators().index[0])
    assert catalog_cache.indicators.cache_info().currsize and cq.coverage.cache_info().currsize
    assert opendata._memo
    db.reset()
    assert catalog_cache.indicators.cache_info().currsize == 0 and cq.coverage.cache_info().currsize == 0
    assert not opendata._memo


def test_no_other_way_to_cache_what_the_store_holds():
    """functools caches and module-level dicts keyed on a connection or a version are replaced by store_cache."""
    found = {}
    for room in ("queries", "pages", "report", "routes", "components", "interventions"):
        for path in (ROOT / room).rglob("*.py"):
            n = len(re.findall(r"^@(?:functools\.)?(?:cache|lru_cache)\b", path.read_text(encoding="utf-8"), re.M))
            if n:
                found[str(path.relative_to(ROOT))] = n
    assert found == CODE_ONLY
