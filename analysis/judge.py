"""One call from a store row to a judgement and its "how this was judged" sentence."""

from __future__ import annotations

from analysis._inputs import is_missing
from analysis.compare import compare
from analysis.explain import explain

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
) -> tuple[str, str]:
    """(judgement, explanation) of an area's 95% interval against a benchmark value, Fingertips method."""
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
