"""Parse the period labels the sources use into a canonical label, start and end dates, and a type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ]
    )
    for m in names
}
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# Period types, coarse to fine; the type says how a series' points should be spaced.
YEAR, FINANCIAL_YEAR, MULTI_YEAR, MULTI_FINANCIAL_YEAR = "year", "financial_year", "multi_year", "multi_financial_year"
QUARTER, FINANCIAL_QUARTER, MONTH, DATE, RANGE = "quarter", "financial_quarter", "month", "date", "range"


@dataclass(frozen=True)
class Period:
    """A parsed period: canonical label, first and last day, and type."""

    label: str
    start: date
    end: date
    type: str

    @property
    def mid(self) -> date:
        """The middle day, where a point is drawn on a true time axis."""
        return self.start + (self.end - self.start) / 2


class PeriodError(ValueError):
    """A period label that cannot be parsed."""


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _century(base: int, short: str) -> int:
    """Expand a 2-digit year that follows `base` (e.g. 2019, '21' -> 2021; 1999, '01' -> 2001)."""
    if len(short) == 4:
        return int(short)
    year = base - base % 100 + int(short)
    year = year + 100 if year < base else year
    if year - base > 30:  # '2019 - 17' or '2021-13' is not a span of a century
        raise PeriodError(f"range end {short!r} does not follow {base}")
    return year


def _month(name: str) -> int:
    try:
        return MONTHS[name.lower().rstrip(".")]
    except KeyError as err:
        raise PeriodError(f"unknown month {name!r}") from err


def _year(y: int) -> Period:
    return Period(str(y), date(y, 1, 1), date(y, 12, 31), YEAR)


def _fy(y: int) -> Period:
    return Period(f"{y}/{(y + 1) % 100:02d}", date(y, 4, 1), date(y + 1, 3, 31), FINANCIAL_YEAR)


def _multi_year(a: int, b: int) -> Period:
    if b <= a:
        raise PeriodError(f"range ends before it starts: {a}-{b}")
    return Period(f"{a} - {b % 100:02d}", date(a, 1, 1), date(b, 12, 31), MULTI_YEAR)


def _multi_fy(a: int, b: int) -> Period:
    if b <= a:
        raise PeriodError(f"range ends before it starts: {a}/{b}")
    return Period(
        f"{a}/{(a + 1) % 100:02d} - {b % 100:02d}/{(b + 1) % 100:02d}",
        date(a, 4, 1), date(b + 1, 3, 31), MULTI_FINANCIAL_YEAR,
    )


def _month_period(y: int, m: int) -> Period:
    if not 1 <= m <= 12:
        raise PeriodError(f"month out of range: {m}")
    return Period(f"{MONTH_ABBR[m - 1]} {y}", date(y, m, 1), _month_end(y, m), MONTH)


def _quarter(y: int, q: int) -> Period:
    if not 1 <= q <= 4:
        raise PeriodError(f"quarter out of range: {q}")
    m = 3 * (q - 1) + 1
    return Period(f"Q{q} {y}", date(y, m, 1), _month_end(y, m + 2), QUARTER)


def _fy_quarter(y: int, q: int) -> Period:
    """Quarter q of financial year y/y+1 (Q1 = April to June)."""
    if not 1 <= q <= 4:
        raise PeriodError(f"quarter out of range: {q}")
    m0 = 3 + 3 * (q - 1)  # months since January of y, zero-based
    start = date(y + m0 // 12, m0 % 12 + 1, 1)
    end_m = m0 + 2
    return Period(f"{y}/{(y + 1) % 100:02d} Q{q}", start, _month_end(y + end_m // 12, end_m % 12 + 1), FINANCIAL_QUARTER)


def _range(a: Period, b: Period) -> Period:
    if b.end < a.start:
        raise PeriodError(f"range ends before it starts: {a.label} to {b.label}")
    return Period(f"{a.label} - {b.label}", a.start, b.end, RANGE)


Y = r"(\d{4})"
FY = r"(\d{4})\s*/\s*(\d{2})"
MON = r"([A-Za-z]{3,9})\.?"
SEP = r"\s*(?:-|–|to)\s*"

_PATTERNS: list[tuple[re.Pattern, object]] = [
    (re.compile(rf"^{Y}$"), lambda m: _year(int(m[1]))),
    (re.compile(rf"^{FY}$"), lambda m: _fy(int(m[1]))),
    (re.compile(rf"^{FY}\s*Q([1-4])$"), lambda m: _fy_quarter(int(m[1]), int(m[3]))),
    (re.compile(rf"^{FY}\s*Q([1-4]){SEP}{FY}\s*Q([1-4])$"),
     lambda m: _range(_fy_quarter(int(m[1]), int(m[3])), _fy_quarter(int(m[4]), int(m[6])))),
    (re.compile(rf"^{FY}{SEP}(\d{{2}}|\d{{4}})\s*/\s*(\d{{2}})$"),
     lambda m: _multi_fy(int(m[1]), _century(int(m[1]), m[3]))),
    (re.compile(rf"^{Y}-(\d{{2}})-(\d{{2}})$"), lambda m: _date(int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(rf"^{Y}-(\d{{2}}){SEP}{Y}-(\d{{2}})$"),
     lambda m: _range(_month_period(int(m[1]), int(m[2])), _month_period(int(m[3]), int(m[4])))),
    (re.compile(rf"^{Y}-(\d{{2}})$"), lambda m: _month_period(int(m[1]), int(m[2]))),
    (re.compile(rf"^{Y}{SEP}(\d{{4}}|\d{{2}})$"), lambda m: _multi_year(int(m[1]), _century(int(m[1]), m[2]))),
    (re.compile(rf"^Q([1-4])\s*{Y}$"), lambda m: _quarter(int(m[2]), int(m[1]))),
    (re.compile(rf"^{Y}\s*Q([1-4])$"), lambda m: _quarter(int(m[1]), int(m[2]))),
    (re.compile(rf"^{MON}\s+{Y}$"), lambda m: _month_period(int(m[2]), _month(m[1]))),
    (re.compile(rf"^{MON}\s+{Y}{SEP}{MON}\s+{Y}$"),
     lambda m: _range(_month_period(int(m[2]), _month(m[1])), _month_period(int(m[4]), _month(m[3])))),
]


def _date(y: int, m: int, d: int) -> Period:
    try:
        day = date(y, m, d)
    except ValueError as err:
        raise PeriodError(str(err)) from err
    return Period(day.isoformat(), day, day, DATE)


def _parse(text: str) -> Period:
    """The shapes every reading shares: '2021', '2021/22', '2019 - 21', 'Q1 2022', 'Apr 2022-Mar 2023', 'YYYY-MM'."""
    if re.fullmatch(r"\d{4}\.0", text):  # a year that went through a float column
        text = text[:4]
    first_error: PeriodError | None = None
    for pattern, build in _PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return build(m)
            except PeriodError as err:  # e.g. '2011-15' is not month 15: try the next shape
                first_error = first_error or err
    raise first_error or PeriodError(f"unrecognised period {text!r}")


# What a partner's file may hold: the store starts in 1981 and a financial year may end next year.
MIN_YEAR = 1970


def max_year() -> int:
    """The last year a period may reach (next year: a financial year that began this year ends in it)."""
    return date.today().year + 1


class AmbiguousPeriod(PeriodError):
    """A label with more than one reading; the message names the value and each reading's spelling."""

    def __init__(self, text: str, choices: list[Period]):
        self.text, self.choices = text, choices
        readings = "; or ".join(f"{describe(p)}: write {p.label}" for p in choices)
        super().__init__(f"{text!r} could mean {readings}")


def describe(p: Period) -> str:
    """A period in words, e.g. 'the financial year 2012/13 (April 2012 to March 2013)'."""
    span = f"{p.start:%B %Y} to {p.end:%B %Y}"
    words = {FINANCIAL_YEAR: f"the financial year {p.label} ({span})", MONTH: f"the month {p.start:%B %Y}",
             MULTI_YEAR: f"the calendar years {p.start.year} to {p.end.year}", DATE: f"the day {p.start:%-d %B %Y}"}
    return words.get(p.type, f"{p.label} ({span})")


_FY_PREFIX = re.compile(r"^(?:FY|F\.Y\.|fin(?:ancial)?\.?\s*year)\s*:?\s*", re.I)
_YEAR_PAIR = re.compile(r"^(\d{4})\s*([-–/])\s*(\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


# How a source spells its periods where one shape has two meanings (read_period's `hint`).
PERSON, STORE, MONTH_HINT, SPAN_HINT = None, "store", "month", "span"
HINTS = (PERSON, STORE, MONTH_HINT, SPAN_HINT)


def read_period(label: object, series_types: frozenset[str] | set[str] = frozenset(),
                hint: str | None = PERSON) -> Period:
    """The one period reader, for the store's build and for partners' uploads, giving the store's canonical label.

    '2012-13', '2012/13', '2012-2013' and 'FY2012/13' are the financial year 2012/13 unless the caller says how
    its source spells periods (`hint`):
    - None, a person's file (the upload): a year pair is the financial year unless the indicator's own series
      (`series_types`) makes another reading possible, when AmbiguousPeriod asks; '03/04/2021' (3 April or
      4 March) is asked about too; years outside MIN_YEAR to next year raise PeriodError saying the range.
    - "month": the source writes months as YYYY-MM, so '2010-11' is November 2010 (a build source).
    - "span": the source writes spans of calendar years as YYYY-YY, so '2006-08' is 2006 to 2008.
    - "store": a label in the store's own spelling ('2012 - 13' is the calendar years 2012 and 2013), read as
      written, no year bounds (the build's labels and labels read back from the store); a source's '2010-11'
      or '2010-2011' there raises AmbiguousPeriod (the row is rejected, saying why): the source must spell it
      or pass its hint."""
    if hint not in HINTS:
        raise ValueError(f"unknown period hint {hint!r}")
    if label is None or (isinstance(label, float) and label != label):
        raise PeriodError("period is missing")
    text = re.sub(r"\s+", " ", str(label)).strip()
    prefixed = _FY_PREFIX.match(text)
    rest = text[prefixed.end():] if prefixed else text
    pair = _YEAR_PAIR.match(rest)
    if pair and not prefixed and hint == MONTH_HINT and pair[2] == "-" and len(pair[3]) == 2:
        period = _parse(text)  # YYYY-MM first; '2011-15' is no month, so the years 2011 to 2015
    elif pair and not prefixed and hint == SPAN_HINT and pair[2] in "-–":
        period = _multi_year(int(pair[1]), _century(int(pair[1]), pair[3]))
    elif pair and not prefixed and hint == STORE and re.search(r"\s[-–]\s", pair[0]):
        period = _parse(text)  # '2012 - 13': the store's span of calendar years
    elif pair and _next_year(int(pair[1]), pair[3]):
        period = _fy(int(pair[1]))
        if hint == STORE and not prefixed and pair[2] != "/":  # a build source that did not say: never a guess
            series_types = {MONTH, MULTI_YEAR}
        others = [] if prefixed or hint not in (PERSON, STORE) else _other_readings(pair, series_types)
        if others:
            raise AmbiguousPeriod(text, [period, *others])
    elif prefixed:
        raise PeriodError(f"{text!r} is not a financial year: write it as 2021/22")
    elif hint is PERSON and (dm := _DAY_MONTH.match(text)) is not None:
        period = _day_month(text, int(dm[1]), int(dm[2]), int(dm[3]))
    else:
        period = _parse(text)
    if hint is PERSON and (period.start.year < MIN_YEAR or period.end.year > max_year()):
        raise PeriodError(f"{text!r} is outside the years the observatory takes ({MIN_YEAR} to {max_year()}): "
                          "check the year")
    return period


def _next_year(a: int, b: str) -> bool:
    """Whether b ('13' or '2013') is the year after a."""
    return int(b) == (a + 1 if len(b) == 4 else (a + 1) % 100)


def _other_readings(pair: re.Match, series_types) -> list[Period]:
    """Readings of 'YYYY-YY' besides the financial year that the indicator's own series makes likely."""
    a, b = int(pair[1]), pair[3]
    out = []
    if MONTH in series_types and pair[2] != "/" and len(b) == 2 and 1 <= int(b) <= 12:
        out.append(_month_period(a, int(b)))
    spaced = bool(re.search(r"\s[-–]\s", pair[0]))  # '2012 - 13' is how the store itself spells a span of years
    if spaced or (MULTI_YEAR in series_types and FINANCIAL_YEAR not in series_types):
        out.append(_multi_year(a, a + 1))
    return out


def _day_month(text: str, first: int, second: int, year: int) -> Period:
    """dd/mm/yyyy as the UK writes it; when both readings are real days and differ, ask."""
    readings = []
    for d, m in ((first, second), (second, first)):
        try:
            readings.append(_date(year, m, d))
        except PeriodError:
            continue
    readings = list(dict.fromkeys(readings))
    if not readings:
        raise PeriodError(f"{text!r} is not a real date")
    if len(readings) > 1:
        raise AmbiguousPeriod(text, readings)
    return readings[0]
