"""Significance of an area's value against a benchmark (Fingertips comparison rules)."""

from __future__ import annotations

from typing import Any

import numpy as np

from analysis._inputs import array, is_missing
from analysis.polarity import HIGH_IS_GOOD, LOW_IS_GOOD, NO_JUDGEMENT, normalise_polarity

NOT_COMPARED = "not_compared"
SIMILAR = "similar"

# Words for an area significantly above / below the benchmark, by polarity.
_WORDS = {
    HIGH_IS_GOOD: ("better", "worse"),
    LOW_IS_GOOD: ("worse", "better"),
    NO_JUDGEMENT: ("higher", "lower"),
}
# At 99.8 % the same, one step stronger.
_STRONG = {
    HIGH_IS_GOOD: ("best", "worst"),
    LOW_IS_GOOD: ("worst", "best"),
    NO_JUDGEMENT: ("highest", "lowest"),
}


def _any_missing(*xs: Any) -> bool:
    return any(is_missing(x) for x in xs)


def compare(value: float, lower: float, upper: float, benchmark: float, polarity: Any) -> str:
    """Area interval against a benchmark: better/similar/worse (higher/lower for no judgement).

    The ends count as overlap (similar). "not_compared" when any input is missing or the
    polarity is not recognised.
    """
    p = normalise_polarity(polarity)
    if p is None or _any_missing(value, lower, upper, benchmark):
        return NOT_COMPARED
    if lower <= benchmark <= upper:
        return SIMILAR
    above, below = _WORDS[p]
    return below if value < benchmark else above


def compare_two_levels(
    value: float,
    lower95: float,
    upper95: float,
    lower998: float,
    upper998: float,
    benchmark: float,
    polarity: Any,
) -> str:
    """Five-way legend: best/better/similar/worse/worst (highest ... lowest for no judgement).

    Similar when the benchmark is inside the 95 % interval; one step (better/worse) when it is
    outside the 95 % but inside the 99.8 % interval, ends inclusive; two steps (best/worst) when
    it is outside the 99.8 % interval.
    """
    p = normalise_polarity(polarity)
    if p is None or _any_missing(value, lower95, upper95, lower998, upper998, benchmark):
        return NOT_COMPARED
    if lower95 <= benchmark <= upper95:
        return SIMILAR
    above, below = _WORDS[p]
    strong_above, strong_below = _STRONG[p]
    if benchmark < lower95:  # area significantly above the benchmark
        return strong_above if benchmark < lower998 else above
    return strong_below if benchmark > upper998 else below


def compare_vec(value: Any, lower: Any, upper: Any, benchmark: Any, polarity: Any) -> np.ndarray:
    """Vectorised compare: an object array of the same labels, one per row.

    benchmark may be a scalar or an array; polarity is one value for all rows.
    """
    v, lo, hi, b = np.broadcast_arrays(array(value), array(lower), array(upper), array(benchmark))
    p = normalise_polarity(polarity)
    out = np.full(v.shape, NOT_COMPARED, dtype=object)
    if p is None:
        return out
    above, below = _WORDS[p]
    present = ~(np.isnan(v) | np.isnan(lo) | np.isnan(hi) | np.isnan(b))
    similar = present & (lo <= b) & (b <= hi)
    differs = present & ~similar
    out[differs & (v < b)] = below
    out[differs & ~(v < b)] = above
    out[similar] = SIMILAR
    return out


def compare_two_levels_vec(
    value: Any,
    lower95: Any,
    upper95: Any,
    lower998: Any,
    upper998: Any,
    benchmark: Any,
    polarity: Any,
) -> np.ndarray:
    """Vectorised compare_two_levels: an object array of labels, one per row."""
    v, l95, u95, l998, u998, b = np.broadcast_arrays(
        *(array(x) for x in (value, lower95, upper95, lower998, upper998, benchmark))
    )
    p = normalise_polarity(polarity)
    out = np.full(v.shape, NOT_COMPARED, dtype=object)
    if p is None:
        return out
    above, below = _WORDS[p]
    strong_above, strong_below = _STRONG[p]
    present = ~np.isnan(np.stack([v, l95, u95, l998, u998, b])).any(axis=0)
    similar = present & (l95 <= b) & (b <= u95)
    high = present & ~similar & (b < l95)
    low = present & ~similar & ~(b < l95)
    out[high & (b < l998)] = strong_above
    out[high & ~(b < l998)] = above
    out[low & (b > u998)] = strong_below
    out[low & ~(b > u998)] = below
    out[similar] = SIMILAR
    return out


def published_word(word: Any, polarity: Any, value: Any = None, benchmark: Any = None) -> str:
    """A publisher's own judgement (better, similar, worse, higher, lower) in this indicator's polarity.

    Better/worse stay where the polarity judges; higher/lower become better/worse by the polarity. Under no
    judgement, better/worse become higher/lower by which side of the benchmark the value lies (not compared
    when either is missing). Anything else is "not_compared".
    """
    p = normalise_polarity(polarity)
    w = word.strip().lower() if isinstance(word, str) else None
    if p is None or w not in ("better", "similar", "worse", "higher", "lower"):
        return NOT_COMPARED
    if w == SIMILAR:
        return SIMILAR
    above, below = _WORDS[p]
    if w in ("higher", "lower"):
        return above if w == "higher" else below
    if p != NO_JUDGEMENT:
        return w
    if _any_missing(value, benchmark):
        return NOT_COMPARED
    return below if value < benchmark else above


def with_published(judgements: Any, published: Any, polarity: Any, value: Any = None, benchmark: Any = None) -> np.ndarray:
    """compare_vec's labels with the publisher's judgement filled in where the store could not compare.

    `published` holds the publisher's words against this same benchmark (None where it has none or judged
    against another area); the store's own judgement wins wherever it has one. A row with no value is never
    judged; the benchmark is needed only to place a better/worse word of an indicator with no judgement.
    """
    out = np.array(judgements, dtype=object).ravel().copy()
    words, v, b = (_column(x, len(out)) for x in (published, value, benchmark))
    for i in range(len(out)):
        if out[i] == NOT_COMPARED and isinstance(words[i], str) and not (value is not None and is_missing(v[i])):
            out[i] = published_word(words[i], polarity, v[i], b[i])
    return out


def _column(x: Any, n: int) -> list:
    """x as a list of n items (a scalar or None repeated)."""
    if x is None or isinstance(x, str) or np.ndim(x) == 0:
        return [x] * n
    return list(x)
