"""Normalise indicator polarity names to "high_is_good", "low_is_good" or "no_judgement"."""

from __future__ import annotations

from typing import Any

HIGH_IS_GOOD = "high_is_good"
LOW_IS_GOOD = "low_is_good"
NO_JUDGEMENT = "no_judgement"
POLARITIES = (HIGH_IS_GOOD, LOW_IS_GOOD, NO_JUDGEMENT)

# Spellings seen in catalogues: our own names, FingertipsNext enum names, and legacy Fingertips
# polarity ids (1 RAG high is good, 0 RAG low is good, 99 blue-orange-blue). Legacy -1 ("not
# applicable") is deliberately absent: it means no comparison is made.
_ALIASES = {
    "highisgood": HIGH_IS_GOOD,
    "raghighisgood": HIGH_IS_GOOD,
    "high": HIGH_IS_GOOD,
    "1": HIGH_IS_GOOD,
    "lowisgood": LOW_IS_GOOD,
    "raglowisgood": LOW_IS_GOOD,
    "low": LOW_IS_GOOD,
    "0": LOW_IS_GOOD,
    "nojudgement": NO_JUDGEMENT,
    "nojudgment": NO_JUDGEMENT,
    "bob": NO_JUDGEMENT,
    "blueorangeblue": NO_JUDGEMENT,
    "bobblueorangeblue": NO_JUDGEMENT,
    "99": NO_JUDGEMENT,
}


def normalise_polarity(polarity: Any) -> str | None:
    """Return the canonical polarity name, or None when it is missing or not recognised."""
    if polarity is None or isinstance(polarity, bool):
        return None
    if isinstance(polarity, float) and polarity.is_integer():
        polarity = int(polarity)
    key = str(polarity).strip().lower()
    if not key.lstrip("-").isdigit():  # keep the sign of legacy ids: -1 is "not applicable"
        for ch in " _-":
            key = key.replace(ch, "")
    return _ALIASES.get(key)
