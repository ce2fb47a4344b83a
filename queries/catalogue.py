"""The indicator catalogue: by theme, one indicator, and a forgiving text search."""

from __future__ import annotations

import re

import pandas as pd

from data.schema import THEMES
from queries import catalog_cache, db
from queries.errors import QueryError

# Words people type for what the catalogue calls something else.
SYNONYMS = {"unemployment": "claimant", "jobless": "claimant", "benefits": "claimant", "poverty": "deprivation",
            "crime": "offence", "obesity": "obese", "overweight": "obese", "kids": "children", "pupils": "school",
            "air": "no2", "pollution": "no2", "houses": "housing", "homes": "housing", "elderly": "65",
            "older": "65", "broadband": "download", "internet": "download", "vote": "turnout", "voting": "turnout"}


def indicators(theme: str | None = None) -> pd.DataFrame:
    """Every indicator (of one theme if given) with metadata, levels, periods and latest period."""
    if theme is not None and theme not in THEMES:
        raise QueryError(f"Unknown theme {str(theme)[:40]!r}; expected one of {', '.join(THEMES)}.")
    return db.frame("indicators", theme=theme)


def indicator(indicator_id: str) -> dict:
    """One indicator's catalogue entry as a dict, or QueryError."""
    catalog_cache.check_indicator(indicator_id)
    return catalog_cache.indicators().loc[indicator_id].to_dict()


def indicators_by_theme() -> dict[str, pd.DataFrame]:
    """Theme key -> its indicators, in THEMES order, themes without indicators left out."""
    table = indicators()
    return {t: table[table["theme"] == t] for t in THEMES if (table["theme"] == t).any()}


def search_indicators(text: str, limit: int = 50) -> pd.DataFrame:
    """Indicators matching free text, ranked; small typos and common synonyms forgiven."""
    q = re.sub(r"\s+", " ", str(text or "")).strip().lower()[:100]
    if not q:
        return indicators().head(limit)
    terms = {q: 1.0}
    for word in q.split():
        for term in (word, _stem(word), SYNONYMS.get(word)):
            if term and len(term) >= 3 and term not in terms:
                terms[term] = 0.6  # single words and stems count, less than the whole phrase
    frames = [db.frame("indicator_search", q=t, limit=limit).assign(score=lambda d, w=w: d["score"] * w)
              for t, w in terms.items()]
    found = pd.concat(frames, ignore_index=True)
    if found.empty:
        return found
    total = found.groupby("indicator_id")["score"].sum()
    found = found.drop_duplicates("indicator_id").assign(score=lambda d: d["indicator_id"].map(total))
    return found.sort_values(["score", "name"], ascending=[False, True]).head(limit).reset_index(drop=True)


def _stem(word: str) -> str:
    """A crude English stem so 'smoking' finds 'smoke' and 'households' finds 'household'."""
    for suffix in ("ing", "ers", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
