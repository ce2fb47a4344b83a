"""Period spellings of the council dashboards' files, turned into labels in the store's spelling
(`data.periods.read_period(..., hint="store")`).

The same shape means different things in different files: '2009-11' is three pooled years in a Fingertips
extract but would parse as November 2009; '2001-02' is a financial year; '2010-03-01' is a month, the first
day of a quarter or (Nomis APS) the 12 months to March. Each spec names the spelling its file uses; a label
that does not fit raises ValueError, and the row is reported and left out.
"""

from __future__ import annotations

import re

from data.periods import MONTH_ABBR


def _match(pattern: str, text: str, what: str) -> re.Match:
    m = re.fullmatch(pattern, text.strip())
    if not m:
        raise ValueError(f"period {text!r} is not {what}")
    return m


def same(p: str) -> str:
    """The period as the source spells it."""
    return p


def fy_dash(p: str) -> str:
    """'2001-02' (a financial or academic year) -> '2001/02'."""
    m = _match(r"(\d{4})-(\d{2})", p, "a YYYY-YY year")
    return f"{m[1]}/{m[2]}"


def multi_dash(p: str) -> str:
    """'2009-11' (three pooled calendar years) -> '2009 - 11', which would otherwise read as November 2009."""
    m = _match(r"(\d{4})-(\d{2})", p, "a YYYY-YY range")
    return f"{m[1]} - {m[2]}"


def month_of(p: str) -> str:
    """'2013-01-01' or '2015-11' (a month) -> 'Jan 2013'."""
    m = _match(r"(\d{4})-(\d{2})(?:-\d{2})?", p, "a YYYY-MM[-DD] month")
    return f"{MONTH_ABBR[int(m[2]) - 1]} {m[1]}"


def year_to_month(p: str) -> str:
    """'2010-03-01' (Nomis APS date: the 12 months ending that month) -> 'Apr 2009 - Mar 2010'."""
    m = _match(r"(\d{4})-(\d{2})(?:-\d{2})?", p, "a YYYY-MM[-DD] date")
    year, month = int(m[1]), int(m[2])
    start_year, start_month = (year, 1) if month == 12 else (year - 1, month + 1)
    return f"{MONTH_ABBR[start_month - 1]} {start_year} - {MONTH_ABBR[month - 1]} {year}"


def year_of(p: str) -> str:
    """'2018-01-01' (an annual figure dated to the first of January) -> '2018'."""
    return _match(r"(\d{4})-01-01", p, "a YYYY-01-01 date")[1]


def quarter_of(p: str) -> str:
    """'2008-12-31' or '2018-10-01' (a date within a calendar quarter) -> 'Q4 2008'."""
    m = _match(r"(\d{4})-(\d{2})-\d{2}", p, "a YYYY-MM-DD date")
    return f"Q{(int(m[2]) - 1) // 3 + 1} {m[1]}"


def calendar_year_range(p: str) -> str:
    """'2009' (an annual mean) -> 'Jan 2009 - Dec 2009', to line up with rolling 12-month means."""
    m = _match(r"(\d{4})", p, "a year")
    return f"Jan {m[1]} - Dec {m[1]}"


def fy_only(p: str) -> str:
    """A financial year 'YYYY/YY'; calendar-year labels mixed into such a series are left out."""
    if not re.fullmatch(r"\d{4}/\d{2}", p.strip()):
        raise ValueError(f"calendar-year label {p!r} in a financial-year series: its 12-month window is not "
                         "documented and overlaps the financial years")
    return p
