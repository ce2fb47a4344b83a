"""Number, unit and period formatting shared by every view."""

from __future__ import annotations

import math


def is_missing(x) -> bool:
    """True for None and NaN."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def format_value(value, unit: str = "", value_type: str = "other") -> str:
    """A value as people read it: '12.3%', '£245,000', '81.2 years', '1,234', '—' when missing."""
    if is_missing(value):
        return "—"
    v = float(value)
    if value_type == "currency" or unit in ("£", "GBP"):
        return f"£{v:,.0f}" if abs(v) >= 100 else f"£{v:,.2f}"
    if value_type == "count" or unit == "count":
        return f"{v:,.0f}"
    decimals = 0 if abs(v) >= 1000 else 1 if abs(v) >= 10 else 2 if abs(v) >= 0.1 else 3
    text = f"{v:,.{decimals}f}"
    if unit == "%":
        return text + "%"
    return f"{text} {unit}".strip() if unit and unit not in ("score", "index", "ratio", "count") else text


def format_interval(lower, upper, unit: str = "", value_type: str = "other") -> str:
    """'(11.2 to 13.4)' or '' when either limit is missing."""
    if is_missing(lower) or is_missing(upper):
        return ""
    return f"({format_value(lower, '', value_type)} to {format_value(upper, '', value_type)})"
