"""The windows an intervention is judged in: a stated baseline before it, the time it ran, and a follow-up after it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from analysis.impact_common import decimal_year

BASELINE_YEARS = 5  # the default baseline: up to five years before the start (monthly series give 60 points)
FOLLOW_UP_MONTHS = 12  # the default follow-up after an intervention that has ended
FOLLOW_UP_CHOICES = (6, 12, 24, 36)
MAX_FOLLOW_UP_MONTHS = 60
WINDOW_NAMES = ("before", "during", "after")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or the month's last day when it is shorter), e.g. 31 Jan + 1 -> 28/29 Feb."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Window:
    """One window: its first and last day (inclusive); `last` None means it runs to the latest data."""

    name: str
    first: date
    last: date | None
    label: str

    def bounds(self) -> tuple[float, float]:
        """[lo, hi) in decimal years (hi is the day after the last, or infinity)."""
        hi = float("inf") if self.last is None else decimal_year(self.last + timedelta(days=1))
        return decimal_year(self.first), hi


@dataclass(frozen=True)
class Windows:
    """Before (the baseline ending at the start), during (start to end) and after (the follow-up, if ended)."""

    before: Window
    during: Window
    after: Window | None
    baseline_years: int
    follow_up_months: int | None  # None while the intervention is still running

    @property
    def windows(self) -> list[Window]:
        """The windows in time order (after only for an intervention that has ended)."""
        return [w for w in (self.before, self.during, self.after) if w is not None]

    def which(self, t: Sequence[float]) -> list[str | None]:
        """The window each time falls in ('before', 'during', 'after'), None outside them all."""
        spans = [(w.name, *w.bounds()) for w in self.windows]
        return [next((name for name, lo, hi in spans if lo <= x < hi), None) for x in t]

    @property
    def start(self) -> float:
        """The start in decimal years."""
        return decimal_year(self.during.first)

    @property
    def end(self) -> float | None:
        """The day after the intervention ended, in decimal years (None while it runs)."""
        return None if self.during.last is None else self.during.bounds()[1]

    @property
    def last(self) -> float:
        """The end of the analysed time in decimal years (infinity while the intervention runs)."""
        return self.windows[-1].bounds()[1]


def impact_windows(start: date, end: date | None = None, baseline_years: int = BASELINE_YEARS,
                   follow_up_months: int = FOLLOW_UP_MONTHS) -> Windows:
    """The three windows for an intervention from `start` to `end` (None: still running)."""
    if end is not None and end < start:
        raise ValueError("The end date is before the start date.")
    if not 1 <= int(baseline_years) <= 50:
        raise ValueError("The baseline must be between 1 and 50 years.")
    if not 1 <= int(follow_up_months) <= MAX_FOLLOW_UP_MONTHS:
        raise ValueError(f"The follow-up must be between 1 and {MAX_FOLLOW_UP_MONTHS} months.")
    first = add_months(start, -12 * int(baseline_years))
    before = Window("before", first, start - timedelta(days=1),
                    f"the {baseline_years} year{'s' if baseline_years != 1 else ''} before the start (the baseline)")
    if end is None:
        return Windows(before, Window("during", start, None, "from the start to the latest data (still running)"),
                       None, int(baseline_years), None)
    after_last = add_months(end, int(follow_up_months))
    return Windows(before, Window("during", start, end, "while it ran"),
                   Window("after", end + timedelta(days=1), after_last,
                          f"the {follow_up_months} months after it ended (follow-up)"),
                   int(baseline_years), int(follow_up_months))
