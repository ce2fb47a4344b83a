"""One call from a store row to a judgement and its "how this was judged" sentence."""

from __future__ import annotations

from analysis._inputs import is_missing
from analysis.compare import NOT_COMPARED, compare, published_word
from analysis.explain import explain, explain_published

CI_METHOD_NAMES = {"wilson": "Wilson", "byars": "Byars", "source": "as published by the source"}


def judge(
    value,
    lower,
    upper,
    benchmark,
    *,
    polarity: str,
    ci_method: str,
    benchmark_name: str,
    unit: str = "",
    decimals: int = 1,
    published: str | None = None,
    published_by: str | None = None,
) -> tuple[str, str]:
    """(judgement, explanation) of an area's 95% interval against a benchmark value, Fingertips method.

    `published`: the publisher's own word against this same benchmark (pass None when it judged against
    another area). It is the judgement wherever the store cannot judge for itself (no interval or no
    benchmark value), labelled "as published by" `published_by`; the store's own interval wins otherwise.
    """
    own_possible = not (is_missing(value) or is_missing(lower) or is_missing(upper) or is_missing(benchmark))
    if not own_possible and not is_missing(value) and isinstance(published, str):
        word = published_word(published, polarity, value, benchmark)
        if word != NOT_COMPARED:
            return word, explain_published(word, published_by=published_by, benchmark_name=benchmark_name,
                                           polarity=polarity)
    if is_missing(benchmark):
        return "not_compared", f"Not compared with {benchmark_name}: it has no value for this period."
    if is_missing(value):
        return (
            "not_compared",
            f"Not compared with {benchmark_name}: this area has no value (missing or suppressed).",
        )
    if is_missing(lower) or is_missing(upper):
        return "not_compared", (
            f"Not compared with {benchmark_name}: no confidence interval is available for this "
            "indicator, so a difference cannot be judged significant."
        )
    judgement = compare(value, lower, upper, benchmark, polarity)
    text = explain(
        judgement,
        method=CI_METHOD_NAMES.get(ci_method),
        confidence=0.95,
        benchmark_name=benchmark_name,
        benchmark_value=benchmark,
        polarity=polarity,
        unit=unit if unit == "%" else f" {unit}" if unit else "",
        decimals=decimals,
    )
    return judgement, text
