"""The needs summary of an area profile in plain words: where it is significantly worse, better or similar to a
benchmark, what is getting worse, and where it sits in the least favourable quarter of its level."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from data.schema import PLAIN_WHERE

SYMBOLS = {"worse": "▼", "better": "▲", "similar": "●", "differs": "◆", "not_compared": "○", "getting_worse": "↘",
           "getting_better": "↗", "no_trend": "→", "worst_quarter": "▼"}


@dataclass(frozen=True)
class NeedLine:
    """One sentence of the summary, with what it counts (for styling, tests and the CSV)."""

    kind: str  # worse, better, similar, differs, not_compared, getting_worse, getting_better, no_trend, worst_quarter
    benchmark: str | None
    count: int
    names: tuple[str, ...]
    text: str

    @property
    def symbol(self) -> str:
        """A symbol beside the words (never colour alone); a dash when the sentence counts nothing."""
        if self.count == 0 and self.kind != "not_compared":
            return "–"
        return SYMBOLS.get(self.kind, "")


def name_list(names: Sequence[str], max_names: int | None = None) -> str:
    """'A', 'A and B', 'A, B and C', or 'A, B, C and 4 more' when cut at max_names."""
    names = list(names)
    if max_names is not None and len(names) > max_names:
        shown, rest = names[:max_names], len(names) - max_names
        return ", ".join(shown) + f" and {rest} more"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _indicators(n: int) -> str:
    return f"{n} indicator" if n == 1 else f"{n} indicators"


def _any_of(n: int) -> str:
    """'the 1 indicator' or 'any of the 12 indicators'."""
    return "the 1 indicator" if n == 1 else f"any of the {n} indicators"


def judgement_sentence(kind: str, benchmark: str, names: Sequence[str], compared: int = 0,
                       max_names: int | None = None) -> str:
    """The sentence for one judgement against one benchmark.

    kind is worse, better, similar, differs (significantly higher or lower where no judgement is made) or
    not_compared; `compared` is how many indicators were compared (for the "none" wording).
    """
    n = len(names)
    listed = f": {name_list(names, max_names)}." if n else "."
    if kind == "not_compared":
        if n == 0:
            return f"Every indicator with an interval was compared with {benchmark}."
        if compared == 0:
            return (f"None of the {_indicators(n)} could be compared with {benchmark}: they have no confidence "
                    f"interval, or {benchmark} has no value for the same period.")
        return (f"Not compared with {benchmark} on {_indicators(n)} (no confidence interval, or no {benchmark} "
                "value for the same period).")
    if n == 0:
        if compared == 0:
            return f"No indicator could be compared with {benchmark}."
        word = {"worse": "worse than", "better": "better than", "similar": "similar to",
                "differs": "higher or lower than"}[kind]
        return f"Not significantly {word} {benchmark} on {_any_of(compared)} compared."
    if kind == "similar":
        return f"Similar to {benchmark} on {_indicators(n)}{listed}"
    if kind == "differs":
        return (f"Significantly higher or lower than {benchmark}, with no judgement of better or worse, on "
                f"{_indicators(n)}{listed}")
    return f"{kind.capitalize()} than {benchmark} on {_indicators(n)}{listed}"


def trend_sentence(kind: str, names: Sequence[str], tested: int, max_names: int | None = None) -> str:
    """'Getting worse on 3 indicators: ...', or what it means that none is (kind getting_worse/getting_better)."""
    word = "worse" if kind == "getting_worse" else "better"
    if tested == 0:
        return ("No recent trend could be tested: a trend needs five periods with confidence intervals or "
                "counts.")
    if not names:
        return f"Not getting significantly {word} on {_any_of(tested)} with a recent-trend test."
    return f"Getting {word} on {_indicators(len(names))}: {name_list(names, max_names)}."


def quarter_sentence(names: Sequence[str], level_name: str, max_names: int | None = None) -> str:
    """The indicators on which the area is in the least favourable quarter of all areas of its level."""
    if not names:
        return f"Not in the least favourable quarter of {level_name} on any indicator with a direction."
    return (f"In the least favourable quarter of {level_name} on {_indicators(len(names))} (by value alone, not a "
            f"significance test): {name_list(names, max_names)}.")


def needs_summary(rows: Iterable[dict], benchmarks: Sequence[str] = ("England", "Trafford"),
                  level_name: str = "areas of this level", max_names: int | None = None,
                  quarters: bool = True) -> list[NeedLine]:
    """The summary's sentences, most pressing first.

    Each row is a dict with `label` (the indicator's name as shown), `judgements` ({benchmark name: judgement
    from analysis.compare}), `trend` (recent-trend judgement: getting_worse, getting_better or None),
    `trend_tested` (bool: the recent-trend test could be run) and `quarter` ("worst" when the value is in the
    least favourable quarter of its level, else None). `quarters` False leaves out the quarter sentence (a
    level of one or a few areas has no spread to speak of).
    """
    rows = list(rows)
    lines: list[NeedLine] = []
    groups: dict[str, dict[str, list[str]]] = {}
    for b in benchmarks:
        g = {"worse": [], "better": [], "similar": [], "differs": [], "not_compared": []}
        for r in rows:
            j = (r.get("judgements") or {}).get(b, "not_compared")
            key = {"worst": "worse", "best": "better", "higher": "differs", "highest": "differs",
                   "lower": "differs", "lowest": "differs"}.get(j, j)
            g.get(key, g["not_compared"]).append(r["label"])
        groups[b] = g
    compared = {b: sum(len(v) for k, v in g.items() if k != "not_compared") for b, g in groups.items()}

    def add(kind: str, benchmark: str | None, names: list[str], text: str) -> None:
        lines.append(NeedLine(kind, benchmark, len(names), tuple(names), text))

    for b in benchmarks:  # what shows need comes first
        add("worse", b, groups[b]["worse"], judgement_sentence("worse", b, groups[b]["worse"], compared[b], max_names))
    tested = sum(1 for r in rows if r.get("trend_tested"))
    worse_trend = [r["label"] for r in rows if r.get("trend") == "getting_worse"]
    add("getting_worse", None, worse_trend, trend_sentence("getting_worse", worse_trend, tested, max_names))
    if quarters:
        quarter = [r["label"] for r in rows if r.get("quarter") == "worst"]
        add("worst_quarter", None, quarter, quarter_sentence(quarter, level_name, max_names))
    for b in benchmarks:
        g = groups[b]
        for kind in ("better", "similar", "differs"):
            if g[kind] or (kind == "better" and compared[b]):
                add(kind, b, g[kind], judgement_sentence(kind, b, g[kind], compared[b], max_names))
        if g["not_compared"]:
            add("not_compared", b, g["not_compared"],
                judgement_sentence("not_compared", b, g["not_compared"], compared[b], max_names))
    better_trend = [r["label"] for r in rows if r.get("trend") == "getting_better"]
    if tested:
        add("getting_better", None, better_trend, trend_sentence("getting_better", better_trend, tested, max_names))
    return lines


# --- The quotable summary: sentences with numbers a community worker can lift into a bid ---------------------

RANK_WORDS = ("highest", "lowest", "2nd", "3rd")  # rank extremes worth saying: the top or bottom three
# Themes that measure civic participation, not need: their figures stay in the tables, out of the summary
CIVIC_THEMES = frozenset({"democracy"})
PER_SOURCE = 3  # at most this many sentences from one publisher's dataset (the Indices of Deprivation has ten)
NEED_AT_LEAST = 1.0  # a weight below this is said as need only to make up five sentences
TOP_UP_AT_LEAST = 0.25  # ... and never below this: a gap within a quarter of the wards' spread is not need
STALE_YEARS = 8  # figures older than this come after every more recent one


@dataclass(frozen=True)
class SummaryLine:
    """One quotable sentence: need, strength or worsening, with the row it speaks of (for its small chart)."""

    kind: str  # need, strength, worsening
    text: str
    row: dict


def _n(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def _num_text(value, row: dict) -> str:
    from analysis.judgement import number_text

    return number_text(value, row.get("value_type") or "other", row.get("unit") if isinstance(row.get("unit"), str)
                       else "")


def _direction(row: dict) -> int:
    """+1 where the area is on the side of need against its reference, -1 on the good side, 0 without one."""
    from analysis.judgement import need_side

    ref = _reference(row)
    return need_side(row.get("value"), ref[1] if ref else None, row.get("polarity"))


def _reference(row: dict) -> tuple[str, float] | None:
    """What the area is set beside: Trafford where it has a value and is not the area, else the comparator used."""
    if row.get("_self") != "Trafford" and _n(row.get("trafford")) is not None:
        return "Trafford", _n(row["trafford"])
    if row.get("comparator_used") and _n(row.get("comparator_value")) is not None:
        return row["comparator_used"], _n(row["comparator_value"])
    return None


REAL = "a real difference, not chance"  # said where a test found the gap significant (the method is in the note)


def _compare_words(row: dict, name: str, ref: float, significant: bool = False) -> str:
    """'2.7 times the Trafford average (12.3%)', '5.1 percentage points below the Trafford average (43.0%)', 'above
    the Trafford average (11.6)'; 'a real difference, not chance' when a test found the difference significant."""
    v = _n(row["value"])
    # 'the Trafford average', not "Trafford's rate": beside a ward named Old Trafford, "Trafford's" reads as the ward
    shown = f"the {name} average ({_num_text(ref, row)})"
    pct = row.get("value_type") == "percentage" or row.get("unit") == "%"
    if row.get("value_type") in ("percentage", "rate") and ref > 0 and v >= 0 and v / ref >= 1.5:
        return f"{v / ref:.1f} times {shown}"
    if v == ref:
        return f"the same as {shown}"
    side = "above" if v > ref else "below"
    words = f"{abs(v - ref):.1f} percentage points {side} {shown}" if pct else f"{side} {shown}"
    return words + (f", {REAL}" if significant else "")


def _counts_what(row: dict) -> str:
    """Whom a percentage counts, from its definition's 'as a percentage of …' ('economically active residents aged
    16 and over'), for an indicator without plain words; '' when the definition does not say it plainly."""
    if row.get("unit") != "%":
        return ""
    m = re.search(r"as an? (?:percentage|share|proportion) of (?:all )?(.*?)(?:[.;(]|, | in the | at the |$)",
                  str(row.get("definition") or ""))
    what = m.group(1).strip() if m else ""
    if not what or len(what) > 50 or what.startswith(("those", "the number", "the ward's")) or "estimated" in what:
        return ""
    return what


MONTHS = {m[:3]: m for m in ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                              "October", "November", "December")}
QUARTERS = {"1": ("January", "March"), "2": ("April", "June"), "3": ("July", "September"),
            "4": ("October", "December")}
FINANCIAL_QUARTERS = {"1": ("April", "June", 0), "2": ("July", "September", 0), "3": ("October", "December", 0),
                      "4": ("January", "March", 1)}
EDITIONS = (("Indices of Deprivation", "Indices of Deprivation"), ("Census", "Census"))


def _edition(row: dict) -> str:
    """'Indices of Deprivation' or 'Census' where the figure comes from a dated edition of one, else ''."""
    publisher = str(row.get("publisher") or "")
    return next((name for key, name in EDITIONS if key in publisher), "")


def _quarter_words(text: str) -> str:
    """'Q3 2025' -> 'July to September 2025'; '2025/26 Q3' -> 'October to December 2025'; else the text."""
    m = re.fullmatch(r"Q([1-4]) ((?:19|20)\d\d)", text)
    if m:
        first, last = QUARTERS[m.group(1)]
        return f"{first} to {last} {m.group(2)}"
    m = re.fullmatch(r"((?:19|20)\d\d)/\d\d Q([1-4])", text)
    if m:
        first, last, later = FINANCIAL_QUARTERS[m.group(2)]
        return f"{first} to {last} {int(m.group(1)) + later}"
    return text


def period_words(period, row: dict | None = None) -> str:
    """When a figure is for, in words a reader quotes: '(Indices of Deprivation 2025)' and '(Census 2021)' for an
    edition, 'in March 2026', 'in 2024/25', 'in 2023 to 2025', 'in April 2025 to March 2026'."""
    text = str(period or "").strip()
    edition = _edition(row or {})
    if edition and re.fullmatch(r"(?:19|20)\d\d", text):
        return f"({edition} {text})"
    parts = [p.strip() for p in re.split(r"\s+-\s+", text)]
    if len(parts) == 2:  # '2023 - 25', '2022/23 - 24/25': the end written out in full
        a, b = parts
        if re.fullmatch(r"\d\d(?:/\d\d)?", b) and re.match(r"(?:19|20)\d\d", a):
            b = a[:2] + b[:2] + ("/" + b[3:] if "/" in b else "")
        if " Q" in a or a.startswith("Q"):
            a = _quarter_words(a).split(" to ")[0] + " " + _quarter_words(a).rsplit(" ", 1)[-1]
        if " Q" in b or b.startswith("Q"):
            b = _quarter_words(b).split(" to ", 1)[-1]
        a, b = (_months(x) for x in (a, b))
        ma, mb = re.fullmatch(r"(\w+) (\d{4})", a), re.fullmatch(r"(\w+) (\d{4})", b)
        if ma and mb and ma.group(2) == mb.group(2):
            return f"in {ma.group(1)} to {b}"
        return f"in {a} to {b}"
    return f"in {_months(_quarter_words(text))}"


def _months(text: str) -> str:
    """'Mar 2026' -> 'March 2026'."""
    return re.sub(r"\b([A-Z][a-z]{2})\b", lambda m: MONTHS.get(m.group(1), m.group(1)), text)


def plain_figure(row: dict, value=None, area: str = "") -> str:
    """The figure in everyday words, from the catalogue's plain phrase: '47.4% of people aged 60 and over live in
    income-deprived households'; without one, the indicator's name and figure ('Claimant rate: 6.3% of ...')."""
    value = row.get("value") if value is None else value
    shown = _num_text(value, row)
    plain = row.get("plain")
    if isinstance(plain, str) and ("{value}" in plain or "{number}" in plain):
        v = _n(value)
        number = f"{v:,.0f}" if row.get("value_type") == "index" and v is not None and v.is_integer() else _num_text(
            value, {**row, "unit": "", "value_type": "other" if row.get("value_type") == "percentage" else
                    row.get("value_type")})  # a decile or rank is a whole number
        where = f" in {area}" if area else ""
        text = plain.replace("{value}", shown).replace("{number}", number).replace(PLAIN_WHERE, where)
        sex = {"Female": "women", "Male": "men"}.get(str(row.get("breakdown")))
        if sex and sex not in text:
            text += f" for {sex}"
        elif row.get("breakdown") not in (None, "Persons", "Female", "Male"):
            text += f" ({str(row['breakdown']).lower()})"
        if PLAIN_WHERE not in plain:
            text += where
        return text[0].upper() + text[1:]
    what = _counts_what(row)
    if what and re.search(r"\b(share|percentage|proportion) of\b", str(row.get("label"))):
        what = ""  # the name says it already ('People on Universal Credit as a share of residents aged 16-64')
    return f"{row['label']}: {shown}" + (f" of {what}" if what else "") + (f" in {area}" if area else "")


def summary_sentence(row: dict, siblings_of: str = "", area: str = "") -> str:
    """One sentence that leads with the figure, the people and the place, then when, then its rank where extreme,
    the Trafford (or comparator's) and England averages: '33.1% of children live in low-income families in Old
    Trafford in 2024/25: the highest of Trafford's 21 wards, 2.7 times the Trafford average (12.3%) and above the
    England average (19.8%).'"""
    ref = _reference(row)
    # the place is named in the sentence, so a line quoted alone in a bid still says where
    text = f"{plain_figure(row, area=area)} {period_words(row['period'], row)}"
    parts = []
    if _extreme(row):
        rank = row["rank_text"]
        if siblings_of:
            rank = rank.replace(" of ", f" of {siblings_of} ", 1)
        parts.append("the " + rank)
    if ref is not None:
        significant = bool(row.get("tested") and row.get("comparator_used") == ref[0]
                           and row.get("judgement") in ("better", "worse", "higher", "lower"))
        parts.append(_compare_words(row, ref[0], ref[1], significant))
        e = _n(row.get("england"))
        if ref[0] != "England" and e is not None and row.get("_self") != "England":
            parts.append(f"{'above' if row['value'] > e else 'below' if row['value'] < e else 'level with'} "
                         f"the England average ({_num_text(e, row)})")
    if row.get("judged_by") == "published" and row.get("comparator_used") and not any(REAL in p for p in parts):
        said = {"similar": "similar to"}.get(row["judgement"], f"{row['judgement']} than")
        parts.append(f"{said} {row['comparator_used']}, as judged by its publisher")
    if not parts:
        return text + "."
    # a part that ends in an aside ('..., a real difference, not chance') closes it with a comma before the next
    parts = [p + "," if p.endswith(REAL) and i < len(parts) - 1 else p for i, p in enumerate(parts)]
    if len(parts) == 1:
        return f"{text}: {parts[0]}."
    return f"{text}: {', '.join(parts[:-1])} and {parts[-1]}."


def worsening_sentence(row: dict) -> str:
    """'Getting worse: 6.3% of residents aged 16 to 64 are claiming unemployment-related benefits in March 2026,
    up from 2.1% in January 2013.'"""
    first = next(((p, v) for p, _s, v in row.get("series") or [] if v is not None), None)
    text = f"Getting worse: {plain_figure(row)} {period_words(row['period'], row)}"
    if first and first[0] != row["period"] and _n(row.get("value")) is not None:
        way = "up" if row["value"] > first[1] else "down" if row["value"] < first[1] else "level"
        when = period_words(first[0], row)
        when = when.strip("()") if when.startswith("(") else when[len("in "):]
        text += f", {way} from {_num_text(first[1], row)} in {when}" if way != "level" else \
            f", the same as in {when}"
    return text + "."


def _candidates(rows: list[dict]) -> list[dict]:
    """One row per indicator (all persons where there is one), with a value and a direction of good."""
    persons = {r["indicator_id"] for r in rows if r.get("breakdown") == "Persons"}
    out = []
    for r in rows:
        if r["indicator_id"] in persons and r.get("breakdown") != "Persons":
            continue
        if _n(r.get("value")) is None or r.get("value_type") == "count":
            continue
        if r.get("polarity") not in ("high_is_good", "low_is_good"):
            continue
        out.append(r)
    return out


def _spread(row: dict) -> float | None:
    """The spread of the level's values: the middle half (IQR) of at least four siblings, else None."""
    st = row.get("stats") or {}
    q1, q3 = _n(st.get("q1")), _n(st.get("q3"))
    if q1 is not None and q3 is not None and q3 > q1 and (_n(st.get("n")) or 0) >= 4:
        return q3 - q1
    return None


def _standard_gap(row: dict) -> float:
    """The gap to the reference in units of the level's spread (IQR), else relative to the reference; without a
    reference, half the distance from the level's median (a rank without a benchmark says less)."""
    ref = _reference(row)
    v = _n(row.get("value"))
    spread = _spread(row)
    if v is None:
        return 0.0
    if ref is None:
        median = _n((row.get("stats") or {}).get("median"))
        return 0.5 * abs(v - median) / spread if spread and median is not None else 0.0
    if spread:
        return abs(v - ref[1]) / spread
    return abs(v - ref[1]) / abs(ref[1]) if ref[1] else 0.0


def _ratio(row: dict) -> float:
    """How many times the reference the area's figure is, either way (1 when not a positive rate or percentage)."""
    ref = _reference(row)
    v = _n(row.get("value"))
    if ref is None or v is None or row.get("value_type") not in ("percentage", "rate") or v <= 0 or ref[1] <= 0:
        return 1.0
    return max(v / ref[1], ref[1] / v)


def _from_end(row: dict, side: int) -> int | None:
    """1 for the highest-need (side +1) or best (side -1) of its siblings, 2 for the next...; None without a rank."""
    rank, n = _n(row.get("rank")), _n(row.get("rank_n"))
    if rank is None or n is None or n < 5:
        return None
    return int(n - rank + 1) if side > 0 else int(rank)  # rank 1 is the best


def _extreme(row: dict) -> bool:
    """A rank worth saying: the top or bottom three of at least five siblings."""
    text = row.get("rank_text") or ""
    return text.startswith(RANK_WORDS) and (row.get("rank_n") or 99) >= 5


def _age(row: dict, today: date) -> float:
    """Years from the start of the row's period to today (from its series, else the period's first year)."""
    start = next((s for p, s, _v in row.get("series") or [] if p == row.get("period") and s is not None), None)
    if start is not None:
        try:
            start = start.date() if callable(getattr(start, "date", None)) else start
            return (today - start).days / 365.25
        except (TypeError, ValueError, AttributeError):
            pass
    year = re.search(r"(?:19|20)\d\d", str(row.get("period") or ""))
    return float(today.year - int(year.group(0))) if year else 0.0


def _weigh(row: dict, side: int, today: date) -> tuple[int, float] | None:
    """How strongly the row speaks for need (side +1) or strength (side -1): (tier, weight), or None if it does not.

    The weight is the gap in units of the siblings' spread (at most 3), plus how many times the reference the
    figure is (log2, at most 2), plus a bonus for the top three ranks on that side. A significant difference adds
    a little (a tie-breaker: a tiny significant gap never beats a large one); a gap tested against the same
    reference and found not significant rules the row out; older figures count for less, and those older than
    STALE_YEARS come after every more recent one (tier 1).
    """
    if row.get("theme") in CIVIC_THEMES:
        return None
    ref = _reference(row)
    significant = row.get("judgement") in (("worse", "worst") if side > 0 else ("better", "best"))
    d = _direction(row)
    from_end = _from_end(row, side)
    if row.get("tested") and row.get("judgement") == "similar" and ref and row.get("comparator_used") == ref[0]:
        return None
    if d == -side or not (d == side or significant or (ref is None and from_end is not None and from_end <= 3)):
        return None
    weight = min(_standard_gap(row), 3.0) + min(math.log2(_ratio(row)), 2.0)
    weight += {1: 1.0, 2: 0.5, 3: 0.25}.get(from_end, 0.0) + (0.25 if significant else 0.0)
    age = _age(row, today)
    weight *= max(0.5, 1 - 0.05 * max(0.0, age - 2))
    return (1 if age > STALE_YEARS else 0, weight)


STOP_WORDS = frozenset({"in", "the", "of", "or", "and", "a", "an", "to", "by", "as", "at", "with"})


def _words(row: dict) -> set[str]:
    return set(re.findall(r"[a-z0-9+]+", str(row.get("label") or "").lower())) - STOP_WORDS


def near_duplicates(a: dict, b: dict) -> bool:
    """Two indicators whose names share most of their words ('Children in absolute / relative low
    income families', 'House price to earnings ratio (workplace-based / residence-based)')."""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.65


def _pick(rows: list[dict], side: int, most: int, today: date, least: float = 0.0, recent: bool = False) -> list[dict]:
    """The rows that speak most for this side, strongest first (only recent ones if asked): at most PER_SOURCE
    from one publisher's dataset and no near-duplicates, so like measures do not crowd the list."""
    weighed = [(w, r) for r in rows if (w := _weigh(r, side, today)) is not None and w[1] >= least]
    weighed.sort(key=lambda t: (t[0][0], -t[0][1], t[1]["label"]))
    out: list[dict] = []
    sources: dict[str, int] = {}
    for (tier, _w), r in weighed:
        source = str(r.get("publisher") or "")
        if (recent and tier) or any(near_duplicates(r, x) for x in out) or sources.get(source, 0) >= PER_SOURCE:
            continue
        out.append(r)
        sources[source] = sources.get(source, 0) + 1
        if len(out) >= most:
            break
    return out


def _lead_with_reference(lines: list[dict], self_name: str) -> list[dict]:
    """The first sentence carries Trafford's figure (England's on Trafford's own profile): the strongest row that
    has it goes first."""
    want = "England" if self_name == "Trafford" else "Trafford"
    first = next((r for r in lines if (_reference(r) or ("",))[0] == want), None)
    return lines if first is None else [first] + [r for r in lines if r is not first]


def quotable_summary(rows: Iterable[dict], siblings_of: str = "", self_name: str = "", most: int = 8,
                     strengths: int = 3, worsening: int = 3, today: date | None = None) -> list[SummaryLine]:
    """Five to eight sentences of need (where the area stands out most from Trafford in the direction of need),
    then strengths, then what is getting worse; each sentence carries its numbers.

    Rows are the profile's (label, value, period, polarity, value_type, unit, theme, publisher, trafford,
    england, comparator_used, comparator_value, judgement, judged_by, tested, rank, rank_n, rank_text, stats,
    trend, series). `siblings_of` names the parent in rank wording ("Trafford's" gives "the highest of
    Trafford's 21 wards"); `self_name` is the area's own name, so Trafford's profile is set beside England.
    """
    today = today or date.today()
    rows = [{**r, "_self": self_name} for r in rows]
    cands = _candidates(rows)
    need = _pick(cands, +1, most, today, least=NEED_AT_LEAST, recent=True)
    if len(need) < 5:  # a short list is topped up from the smaller gaps on the side of need
        need += [r for r in _pick(cands, +1, most, today, least=TOP_UP_AT_LEAST) if r not in need][:5 - len(need)]
    need = _lead_with_reference(need, self_name)
    # where little shows need, more strengths: a pack still has five or more sentences with numbers
    good = [r for r in _pick(cands, -1, most, today) if r not in need][:max(strengths, 5 - len(need))]
    if not need:  # nothing on the side of need: the strengths open, the first with Trafford's figure beside it
        good = _lead_with_reference(good, self_name)
    out = [SummaryLine("need", summary_sentence(r, siblings_of, self_name), r) for r in need]
    out += [SummaryLine("strength", summary_sentence(r, siblings_of, self_name), r) for r in good]
    persons = {x["indicator_id"] for x in rows if x.get("breakdown") == "Persons"}
    worse = [r for r in rows if r.get("trend") == "getting_worse" and r.get("theme") not in CIVIC_THEMES
             and not (r["indicator_id"] in persons and r.get("breakdown") != "Persons")][:worsening]
    out += [SummaryLine("worsening", worsening_sentence(r), r) for r in worse]
    return out


def how_we_judged(benchmark_name: str, level_plural: str) -> list[str]:
    """The 'how we judged this' note: the methods kept out of the sentences."""
    return [
        f"Each figure is set beside {benchmark_name}'s for the same period; where {benchmark_name} has no value, "
        "beside the nearest area that has one (Trafford, then Greater Manchester, then England), and the table "
        "says which.",
        "A difference is called better or worse only when it is statistically significant: the area's 95% "
        "confidence interval lies wholly above or below the comparator's value. Where we hold no interval but the "
        "publisher compared the figure itself, its own judgement is shown and labelled as published. Other gaps "
        "are shown with their numbers but are not tested for significance, and are never coloured. Where a "
        f"sentence of the summary says \"{REAL}\", the gap was tested this way and found significant.",
        f"Ranks are among the {level_plural} with the same parent area, by value.",
        "The sentences of need are the figures on which the area stands out most from Trafford (from England, for "
        "Trafford itself) in the direction of need. Each is weighed by its gap measured against the spread of "
        f"values across the {level_plural} of the same parent (the middle half of them), by how many times "
        "Trafford's figure it is, "
        "and by its rank (the highest, 2nd and 3rd count most). A statistically significant difference adds a "
        "little weight; a gap that was tested and found not significant is left out. Older figures weigh less, "
        f"and those more than {STALE_YEARS} years old come last. At most {PER_SOURCE} sentences come from one "
        "publisher's dataset, and of two near-identical measures only the stronger is said. Figures on civic "
        "participation (such as election turnout) describe participation, not need, and stay in the tables. "
        "Strengths are chosen the same way in the other direction.",
        "What is getting worse uses the recent-trend test over the latest five periods.",
    ]
