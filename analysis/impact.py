"""Public API of the impact models: `from analysis.impact import interrupted_time_series, ...`.

Every function takes time as decimal years (`decimal_year` converts a date) and returns a frozen dataclass
with `ok`, `message` (why not, when ok is False), `caveat` (association in time, not proof of cause) and its
numbers, which are None when ok is False. Methods, minimum points and rules: docs/impact-methods.md.
"""

from analysis.impact_common import CAVEAT, MIN_POINTS, bounds_for, clip, decimal_year
from analysis.impact_cost import COST_CAVEAT, CostResult, cost_per_change, format_pounds
from analysis.impact_models import (
    BeforeAfter,
    DiDResult,
    ITSResult,
    before_after,
    difference_in_differences,
    interrupted_time_series,
)
from analysis.impact_spc import RULE_LABELS, RUN_LENGTH, TREND_LENGTH, XMR_FACTOR, SPCResult, spc

__all__ = [
    "CAVEAT",
    "COST_CAVEAT",
    "MIN_POINTS",
    "RULE_LABELS",
    "RUN_LENGTH",
    "TREND_LENGTH",
    "XMR_FACTOR",
    "BeforeAfter",
    "CostResult",
    "DiDResult",
    "ITSResult",
    "SPCResult",
    "before_after",
    "bounds_for",
    "clip",
    "cost_per_change",
    "decimal_year",
    "difference_in_differences",
    "format_pounds",
    "interrupted_time_series",
    "spc",
]
