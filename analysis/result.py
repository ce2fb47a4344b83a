"""The value-with-interval object every interval function returns."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Interval:
    """An estimate with its confidence limits; NaN where undefined, missing or suppressed."""

    value: float
    lower: float
    upper: float
    method: str | None  # None when no calculation was made (an input was missing)
    confidence: float
    note: str = ""  # why the figures are missing, e.g. suppression of small counts

    @property
    def is_missing(self) -> bool:
        """True when the estimate itself is NaN."""
        return math.isnan(self.value)
