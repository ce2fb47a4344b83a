"""The public contract of analysis.stats: names, arguments, purity."""

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import stats

CONTRACT = {
    "proportion_ci": ["numerator", "denominator", "confidence", "multiplier"],
    "rate_ci": ["count", "denominator", "confidence", "multiplier"],
    "dsr": ["counts", "populations", "standard", "confidence", "multiplier"],
    "isr": ["counts", "populations", "ref_counts", "ref_populations", "confidence", "multiplier"],
    "isratio": ["counts", "populations", "ref_counts", "ref_populations", "confidence", "refvalue"],
    "mean_ci": ["values", "confidence"],
    "quantiles": ["values", "n", "invert"],
    "compare": ["value", "lower", "upper", "benchmark", "polarity"],
    "compare_two_levels": [
        "value", "lower95", "upper95", "lower998", "upper998", "benchmark", "polarity",
    ],
    "recent_trend": ["points", "value_type", "polarity", "skip_invalid"],
    "sii": [
        "quantile", "population", "value", "lower", "upper", "se", "value_type", "multiplier",
        "transform", "confidence", "reps",
    ],
    "proportion_ci_vec": ["numerator", "denominator", "confidence", "multiplier"],
    "rate_ci_vec": ["count", "denominator", "confidence", "multiplier"],
    "compare_vec": ["value", "lower", "upper", "benchmark", "polarity"],
}  # fmt: skip

DEFAULTS = {
    ("proportion_ci", "multiplier"): 100,
    ("rate_ci", "multiplier"): 100_000,
    ("dsr", "multiplier"): 100_000,
    ("isratio", "refvalue"): 1,
    ("quantiles", "invert"): True,
    ("sii", "value_type"): "other",
    ("sii", "multiplier"): 1,
    ("sii", "transform"): False,
    ("sii", "reps"): 100_000,
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_signature_starts_with_the_contract(name):
    params = list(inspect.signature(getattr(stats, name)).parameters.values())
    assert [p.name for p in params[: len(CONTRACT[name])]] == CONTRACT[name]
    for p in params[: len(CONTRACT[name])]:
        if p.name == "confidence":
            assert p.default == 0.95
        if (name, p.name) in DEFAULTS:
            assert p.default == DEFAULTS[(name, p.name)]
    for p in params[len(CONTRACT[name]) :]:
        assert p.default is not inspect.Parameter.empty  # extras are optional


def test_explain_is_keyword_based():
    params = inspect.signature(stats.explain).parameters
    assert list(params)[0] == "judgement"
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in list(params.values())[1:])


def test_results_are_frozen():
    r = stats.proportion_ci(1, 2)
    with pytest.raises(AttributeError):
        r.value = 3  # type: ignore[misc]
    assert {"value", "lower", "upper", "method", "confidence"} <= set(vars(r))


def test_analysis_imports_no_dash_or_duckdb():
    code = (
        "import sys, analysis.stats; "
        "bad = [m for m in ('dash', 'duckdb', 'plotly', 'flask') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
