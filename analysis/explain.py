"""One-line "how this was judged" text shown beside every judgement in the UI."""

from __future__ import annotations

from typing import Any

from analysis._inputs import is_missing
from analysis.polarity import HIGH_IS_GOOD, LOW_IS_GOOD, NO_JUDGEMENT, normalise_polarity
from analysis.trend import CANNOT, GETTING_BETTER, INCREASING, NO_CHANGE, THRESHOLD, Trend

# Which side of the benchmark the interval lies on, for each judgement word and polarity.
_ABOVE = {"higher", "highest"}
_BELOW = {"lower", "lowest"}
_GOOD = {"better", "best"}
_BAD = {"worse", "worst"}
# Best/worst and highest/lowest are the 99.8 % steps of the five-way legend; the headline
# keeps the plain comparative and the interval sentence names the level.
_HEADLINE = {
    "best": "Better", "better": "Better", "worse": "Worse", "worst": "Worse",
    "highest": "Higher", "higher": "Higher", "lower": "Lower", "lowest": "Lower",
}  # fmt: skip
_DEFAULT_METHOD = {
    "proportion": "Wilson",
    "crude_rate": "exact Poisson or Byar's",
    "dsr": "Dobson",
    "isr": "exact Poisson or Byar's",
    "mean": "Student t",
}
_METHOD_TEXT = {"Byars": "Byar's", "Exact": "exact Poisson"}
_POLARITY_TEXT = {
    HIGH_IS_GOOD: "high is good",
    LOW_IS_GOOD: "low is good",
    NO_JUDGEMENT: "no judgement of better or worse is made",
}


def _level(confidence: Any) -> str:
    return f"{float(confidence) * 100:g}%"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _number(value: Any, unit: str, decimals: int) -> str:
    if is_missing(value):
        return "value"
    text = f"{float(value):,.{decimals}f}"
    return f"{text}{unit}" if unit.startswith(("%", " ")) or not unit else f"{text} {unit}"


def explain(
    judgement: str,
    *,
    method: str | None,
    confidence: float,
    benchmark_name: str,
    benchmark_value: float | None,
    polarity: Any,
    unit: str = "",
    value_type: str | None = None,
    reason: str | None = None,
    decimals: int = 1,
) -> str:
    """Explain a compare()/compare_two_levels() label in one sentence.

    e.g. "Worse than England: the 95% interval (Wilson) lies wholly above England's 18.2%;
    low is good." `unit` follows the number ("%" or " per 100,000"); `method` falls back to
    the usual method for `value_type`; `reason` says why something was not compared. For the
    five-way legend pass the confidence of the interval that decided it (0.998 for best/worst).
    """
    p = normalise_polarity(polarity)
    word = (judgement or "").strip().lower()
    name = benchmark_name
    if word in ("not_compared", "") or p is None:
        why = reason or ("the indicator has no polarity" if p is None and word else None)
        return f"Not compared with {name}: {why}." if why else f"Not compared with {name}."

    how = _METHOD_TEXT.get(method, method) if method else _DEFAULT_METHOD.get(value_type or "")
    interval = f"the {_level(confidence)} interval" + (f" ({how})" if how else "")
    bench = f"{_possessive(name)} {_number(benchmark_value, unit, decimals)}"
    polarity_text = _POLARITY_TEXT[p]

    if word == "similar":
        return f"Similar to {name}: {interval} includes {bench}; {polarity_text}."
    if word in _ABOVE or word in _BELOW:
        above = word in _ABOVE
    elif (word in _GOOD or word in _BAD) and p == NO_JUDGEMENT:
        raise ValueError(f"{judgement!r} is a judgement, but the polarity makes no judgement")
    elif word in _GOOD or word in _BAD:
        # Better means above the benchmark when high is good, below when low is good.
        above = (word in _GOOD) == (p == HIGH_IS_GOOD)
    else:
        raise ValueError(f"unknown judgement {judgement!r}")
    side = "above" if above else "below"
    return f"{_HEADLINE[word]} than {name}: {interval} lies wholly {side} {bench}; {polarity_text}."


def explain_published(judgement: str, *, published_by: str | None, benchmark_name: str, polarity: Any) -> str:
    """Explain a judgement taken from the publisher, e.g. "Better than England, as published by OHID: ..."."""
    p = normalise_polarity(polarity)
    word = (judgement or "").strip().lower()
    who = published_by or "the publisher"
    if word in ("not_compared", "") or p is None:
        return f"Not compared with {benchmark_name}."
    head = "Similar to" if word == "similar" else f"{_HEADLINE.get(word, word.title())} than"
    return (f"{head} {benchmark_name}, as published by {who}: the publisher's own comparison of its interval with "
            f"{benchmark_name} (the interval itself is not in the data here); {_POLARITY_TEXT[p]}.")


def explain_trend(trend: Trend, polarity: Any = None) -> str:
    """Explain a recent_trend() result in one sentence."""
    p = normalise_polarity(polarity)
    tail = f"; {_POLARITY_TEXT[p]}." if p else "."
    if trend.marker == CANNOT:
        return f"Trend cannot be calculated: {trend.reason}."
    span = f"{trend.periods[0]} to {trend.periods[-1]}" if trend.periods else "the latest points"
    stat = f"chi-square {trend.chi_square:.2f}"
    if trend.marker == NO_CHANGE:
        if trend.chi_square > THRESHOLD:
            why = f"{stat} exceeds {THRESHOLD:.2f} but dropping one point reverses the slope"
        else:
            why = f"{stat} does not exceed {THRESHOLD:.2f} (99.8% level)"
        return f"No significant change over {span}: {why}{tail}"
    head = "Increasing" if trend.marker == INCREASING else "Decreasing"
    if trend.judgement:
        head += " and getting better" if trend.judgement == GETTING_BETTER else " and getting worse"
    return (
        f"{head} over {span}: {stat} exceeds {THRESHOLD:.2f} (99.8% level) and no single "
        f"point reverses the slope{tail}"
    )
