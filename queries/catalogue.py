"""The indicator catalogue: by theme, one indicator, and a forgiving text search."""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from data.schema import THEMES
from queries import catalog_cache, db
from queries.errors import QueryError
from queries.store_cache import store_dict

# Words people type for what the catalogue calls something else (each also searched, weighted less).
SYNONYMS = {"unemployment": ["claimant", "unemployed", "out of work"], "unemployed": ["claimant", "unemployment"],
            "jobless": ["claimant", "unemployment", "out of work"], "benefits": ["claimant", "universal credit"],
            "poverty": ["low income", "deprivation", "deprived"], "poor": ["low income", "deprivation"],
            "deprived": ["deprivation"], "crime": ["offence", "offences", "police"], "obesity": ["obese", "excess weight"],
            "overweight": ["obese", "excess weight"], "fat": ["obese", "excess weight"], "kids": ["children"],
            "child": ["children"], "pupils": ["school", "pupil"], "air": ["no2", "pm10", "pm2"],
            "pollution": ["no2", "pm10", "emissions"], "houses": ["housing", "dwellings"], "homes": ["housing", "dwellings"],
            "elderly": ["65", "older"], "older": ["65"], "pensioners": ["65"], "broadband": ["download"],
            "internet": ["download", "broadband"], "vote": ["turnout", "electorate"], "voting": ["turnout", "electors"],
            "election": ["turnout"], "wages": ["earnings", "pay"], "salary": ["earnings"], "pay": ["earnings"],
            "money": ["income", "earnings"], "rent": ["rented", "renting"], "drinking": ["alcohol"], "drink": ["alcohol"],
            "smokers": ["smoking"], "smoke": ["smoking"], "deaths": ["mortality"], "death": ["mortality"],
            "dying": ["mortality"], "ev": ["electric", "plug"], "cycling": ["walking", "cycle"], "jobs": ["employment"],
            "work": ["employment"], "diabetes": ["diabetic"], "births": ["fertility"], "teenage": ["16", "17"],
            "green": ["greenspace", "parks"], "parks": ["greenspace", "green"], "cars": ["vehicles"],
            "women": ["female"], "woman": ["female"], "men": ["male"], "man": ["male"], "girls": ["female"],
            "boys": ["male"]}
# Phrases people type -> words of the name of the indicator they most likely mean (a bonus on top of the words).
PHRASES = {"child poverty": "relative low income", "children in poverty": "relative low income",
           "poor children": "relative low income", "jobless": "claimant rate", "unemployment": "claimant rate",
           "unemployed": "claimant rate", "out of work": "claimant rate", "on benefits": "universal credit"}
PHRASE_BONUS = 3.0
# Where a word is found and how much that counts: a name hit outranks an id, theme, definition or source hit.
FIELDS = {"name": 4.0, "indicator_id": 3.0, "theme_name": 2.0, "definition": 1.5, "publisher": 1.0, "notes": 0.5}
STOPWORDS = frozenset("a an and are as at by for from in is of on or per the to with who what which".split())
WORD = re.compile(r"[a-z0-9]+")
# How a catalogue word matches a search word: the same, the same stem, begins with it, a small typo.
MATCH = {"exact": 1.0, "stem": 0.9, "prefix": 0.8, "typo": 0.7}
SYNONYM_WEIGHT = 0.8


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
    """Indicators matching free text, best first; small typos and common synonyms forgiven.

    Searches names, ids, themes, definitions, sources and notes. Each search word scores its best match in the
    indicator's best field (field weight x match quality; a synonym counts less than the word itself); an
    indicator matching every word outranks one matching some; the whole phrase in the name adds a bonus.
    Columns: the catalogue's and `score`.
    """
    q = re.sub(r"\s+", " ", str(text or "")).strip().lower()[:100]
    table = catalog_cache.indicators().reset_index(drop=True)
    words = [w for w in WORD.findall(q) if w not in STOPWORDS][:8]
    if not words:
        return table.head(limit) if not q else table.head(0).assign(score=pd.Series(dtype=float))
    cache = _search_cache()
    matched = _word_matches(words)
    # synonyms of each word, or of the word it is a typo of ("unemployement" -> "unemployment" -> "claimant")
    synonyms: dict[str, dict[str, float]] = {}  # word -> synonym -> how much it counts
    for w in words:
        synonyms[w] = {}
        for m, value in [(w, 1.0), *matched[w].items()]:
            for s in _synonyms(m):
                synonyms[w][s] = max(synonyms[w].get(s, 0.0), value * SYNONYM_WEIGHT)
        if not matched[w]:  # a run-together phrase: "greenspace" finds "green space"
            for i in range(3, len(w) - 2):
                if w[:i] in cache["vocab_set"] and w[i:] in cache["vocab_set"]:
                    synonyms[w][f"{w[:i]} {w[i:]}"] = MATCH["stem"]
    matched.update(_word_matches([s for syns in synonyms.values() for s in syns if " " not in s]))
    score, hits = np.zeros(len(table)), np.zeros(len(table))
    for w in words:
        quality = dict(matched[w])  # catalogue word -> how well it matches w
        phrases = {s: v for s, v in synonyms[w].items() if " " in s}
        for syn, weight in synonyms[w].items():
            for word, value in matched.get(syn, {}).items():
                quality[word] = max(quality.get(word, 0.0), value * weight)
        best = np.array([_best_field(fields, texts, quality, phrases)
                         for fields, texts in zip(cache["index"], cache["texts"], strict=True)])
        score += best
        hits += best > 0
    score *= (hits / len(words)) ** 2
    score += np.array([4.0 if len(q) >= 3 and q in t["name"] else 0.0 for t in cache["texts"]])
    for phrase, target in PHRASES.items():
        if re.search(rf"\b{phrase}\b", q):
            score += np.array([PHRASE_BONUS if target in t["name"] and s > 0 else 0.0
                               for t, s in zip(cache["texts"], score, strict=True)])
    keep = score > 0
    found = table.loc[keep].assign(score=score[keep])
    return found.sort_values(["score", "name"], ascending=[False, True]).head(limit).reset_index(drop=True)


def _best_field(fields: dict[str, set[str]], texts: dict[str, str], quality: dict[str, float],
                phrases: dict[str, float]) -> float:
    """The best field weight x match quality of one search word (or a synonym phrase) in one indicator."""
    best = 0.0
    for f, weight in FIELDS.items():
        have = fields[f] & quality.keys()
        if have:
            best = max(best, weight * max(quality[x] for x in have))
        for phrase, value in phrases.items():
            if phrase in texts[f]:
                best = max(best, weight * value)
    return best


def _synonyms(word: str) -> list[str]:
    """The synonyms of a search word or of its stem."""
    return SYNONYMS.get(word) or SYNONYMS.get(_stem(word)) or []


def _search_cache() -> dict:
    if not _SEARCH:  # emptied by a store swap: rebuilt from the new catalogue
        table = catalog_cache.indicators()
        texts = [{f: str(r[f]).lower().replace("_", " ") if pd.notna(r[f]) else "" for f in FIELDS}
                 for r in table.to_dict("records")]
        index = [{f: {w for word in WORD.findall(t) for w in (word, _stem(word))} for f, t in row.items()}
                 for row in texts]
        vocab = sorted({w for row in index for ws in row.values() for w in ws} | set(SYNONYMS))
        by_length: dict[int, list[str]] = {}
        for w in vocab:
            by_length.setdefault(len(w), []).append(w)
        _SEARCH.update(table=table, texts=texts, index=index, vocab=vocab, vocab_set=set(vocab),
                       by_length=by_length, matches={})
    return _SEARCH


_SEARCH = store_dict()


def _word_matches(terms: list[str]) -> dict[str, dict[str, float]]:
    """For each search term, the catalogue words it matches and how well (cached per term)."""
    cache = _search_cache()
    known, vocab, by_length = cache["matches"], cache["vocab"], cache["by_length"]
    for term in terms:
        if term in known:
            continue
        found: dict[str, float] = {}
        for probe, base in ((term, 1.0), (_stem(term), MATCH["stem"])):
            if probe == term or probe not in found:
                if probe in cache["vocab_set"]:
                    found[probe] = max(found.get(probe, 0.0), base * MATCH["exact"])
                if len(probe) >= 3:
                    for word in vocab[bisect.bisect_left(vocab, probe):]:
                        if not word.startswith(probe):
                            break
                        found.setdefault(word, base * MATCH["prefix"])
        k = 2 if len(term) >= 8 else 1 if len(term) >= 4 else 0
        for n in range(len(term) - k, len(term) + k + 1) if k else ():
            for word in by_length.get(n, ()):
                if word not in found and _within(term, word, k):
                    found[word] = MATCH["typo"]
        if len(known) > 5000:  # bounded: a long-running server sees endless new words
            known.clear()
        known[term] = found
    return {t: known[t] for t in terms}


def _within(a: str, b: str, k: int) -> bool:
    """Whether a and b are at most k edits apart (insert, delete, substitute, swap neighbours)."""
    if k == 1 and a[0] != b[0] and a[-1] != b[-1]:
        return False  # one edit cannot change both ends of words this long
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if prev2 is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        if min(cur) > k:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= k


def _stem(word: str) -> str:
    """A crude English stem so 'smoking' finds 'smoke' and 'households' finds 'household'."""
    for suffix in ("ing", "ers", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
