"""One judgement engine for every page, download and API: the nearest benchmark with a value, the most honest
source of a significance judgement (our own interval test, else the publisher's own comparison, else none), and
the gap in the indicator's own terms whether or not it was tested.

Pure numbers and words: an analyst can call judge_value / judge_row / judge_frame and get what the app shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis._inputs import is_missing
from analysis.compare import NOT_COMPARED, SIMILAR, compare, compare_vec, published_word, with_published
from analysis.polarity import HIGH_IS_GOOD, LOW_IS_GOOD, normalise_polarity
from data.schema import BENCHMARKS as BENCHMARK_AREAS  # key -> (code, level, name, column prefix)
from data.schema import ENGLAND, SMALL_AREA_LEVELS

# Nearest first: a ward with no Trafford value for the period is judged against Greater Manchester, then England.
SMALL_AREA_CHAIN = ("la", "combined_authority", "england")
WIDE_AREA_CHAIN = ("england",)
CODE_KEYS = {v[0]: k for k, v in BENCHMARK_AREAS.items()}
# Words a publisher may use, mapped to ours (Fingertips: "Better", "Similar", "Worse", "Higher", "Lower", and
# "Not compared" which is no judgement at all).
PUBLISHED_WORDS = {"better": "better", "similar": "similar", "worse": "worse", "higher": "higher", "lower": "lower",
                   "same": "similar", "better than england": "better", "worse than england": "worse",
                   "similar to england": "similar"}
JUDGED = ("better", "worse", "similar", "higher", "lower")
OWN, PUBLISHED, NONE = "interval", "published", "none"
UNTESTED = "not tested for significance"


@dataclass(frozen=True)
class Benchmark:
    """A comparator area and its value for the period (None when it has none)."""

    key: str
    code: str
    name: str
    value: float | None = None


@dataclass(frozen=True)
class Judgement:
    """What the app says about one value against its benchmark."""

    judgement: str  # better, worse, similar, higher, lower or not_compared
    comparator: Benchmark | None  # the benchmark actually used (the nearest with a value)
    chosen: str  # the benchmark key asked for
    judged_by: str  # interval, published or none
    source: str  # who judged, in words: "95% confidence interval", "as published by OHID", UNTESTED
    gap: float | None  # value minus the comparator's, in the indicator's units
    ratio: float | None  # value over the comparator's (rates and percentages)
    gap_text: str  # "20.8 percentage points above Trafford (12.3%)"
    explanation: str  # one plain sentence: what was compared with what and how

    @property
    def tested(self) -> bool:
        """True when a significance judgement was made (ours or the publisher's)."""
        return self.judgement in JUDGED

    @property
    def fallback(self) -> bool:
        """True when the comparator is not the benchmark asked for (it had no value)."""
        return self.comparator is not None and self.comparator.key != self.chosen

    @property
    def comparator_name(self) -> str:
        """The comparator's name, or '' when there is none."""
        return self.comparator.name if self.comparator else ""

    @property
    def comparator_value(self) -> float | None:
        """The comparator's value, or None."""
        return self.comparator.value if self.comparator else None


def default_benchmark(level: str) -> str:
    """Trafford for wards and small areas (England has no value for most of their indicators), else England."""
    return "la" if level in SMALL_AREA_LEVELS else "england"


def benchmark_chain(level: str, chosen: str | None = None, own_code: str | None = None) -> list[str]:
    """Benchmark keys to try in order: the chosen one, then the nearest others with a value (never the area itself)."""
    chosen = chosen if chosen in BENCHMARK_AREAS else default_benchmark(level)
    order = SMALL_AREA_CHAIN if level in SMALL_AREA_LEVELS else WIDE_AREA_CHAIN
    keys = [chosen, *[k for k in order if k != chosen]]
    return [k for k in keys if BENCHMARK_AREAS[k][0] != own_code]


def _num(x: Any) -> float | None:
    if is_missing(x):
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _decimals(v: float) -> int:
    a = abs(v)
    return 0 if a >= 1000 else 1 if a >= 10 else 2 if a >= 0.1 else 3


def number_text(value: Any, value_type: str = "other", unit: str = "") -> str:
    """A value as people read it: '12.3%', '£245,000', '81.2 years', '1,234', '—' when missing."""
    v = _num(value)
    if v is None:
        return "—"
    unit = unit if isinstance(unit, str) else ""
    if value_type == "currency" or unit in ("£", "GBP"):
        return f"£{v:,.0f}" if abs(v) >= 100 else f"£{v:,.2f}"
    if value_type == "count" or unit == "count":
        return f"{v:,.0f}"
    pct = unit == "%" or (value_type == "percentage" and not unit)
    text = f"{v:,.{1 if pct and abs(v) >= 1 else _decimals(v)}f}"  # percentages side by side: one decimal
    if pct:
        return text + "%"
    return f"{text} {unit}".strip() if unit and unit not in ("score", "index", "ratio") and len(unit) <= 12 \
        else text


def _is_percentage(value_type: str, unit: str) -> bool:
    return value_type == "percentage" or unit == "%"


def gap_words(value: Any, comparator: Benchmark | None, value_type: str = "other", unit: str = "") -> str:
    """The gap in the indicator's own terms: percentage points for percentages, 'times' for rates, units else."""
    v = _num(value)
    if comparator is None or v is None or comparator.value is None:
        return ""
    c = comparator.value
    shown = f"{comparator.name} ({number_text(c, value_type, unit)})"
    gap = v - c
    if _is_percentage(value_type, unit):
        if abs(gap) < 0.05:
            return f"the same as {shown}"
        return f"{abs(gap):.1f} percentage points {'above' if gap > 0 else 'below'} {shown}"
    if value_type == "rate" and c > 0 and v >= 0:
        ratio = v / c
        if 0.95 < ratio < 1.05:
            return f"about the same as {comparator.name}'s rate ({number_text(c, value_type, unit)})"
        if ratio >= 1:
            return f"{ratio:.1f} times {comparator.name}'s rate ({number_text(c, value_type, unit)})"
        return f"{(1 - ratio) * 100:.0f}% lower than {comparator.name}'s rate ({number_text(c, value_type, unit)})"
    if gap == 0:
        return f"the same as {shown}"
    d = max(_decimals(v), _decimals(c))
    diff = f"{abs(gap):,.{d}f}"
    if value_type == "currency" or unit in ("£", "GBP"):
        diff = number_text(abs(gap), "currency")
    elif unit and unit not in ("score", "index", "ratio", "%") and len(unit) <= 12:
        diff += f" {unit}"
    return f"{diff} {'above' if gap > 0 else 'below'} {shown}"


def _published(word: Any) -> str | None:
    if not isinstance(word, str):
        return None
    return PUBLISHED_WORDS.get(word.strip().lower())


def _publisher_text(by: Any) -> str:
    return f"as published by {by}" if isinstance(by, str) and by.strip() else "as published by the source"


def judge_value(value: Any, lower: Any, upper: Any, benchmarks: Sequence[Benchmark], *, polarity: Any,
                value_type: str = "other", unit: str = "", chosen: str | None = None,
                published: str | None = None, published_comparator: str | None = None,
                published_by: str | None = None) -> Judgement:
    """Judge one value against the nearest benchmark that has one (benchmarks in order of preference).

    The source of the judgement, most honest first: the area's own 95% interval against the comparator's value;
    else the publisher's own comparison (kept with the comparator it names); else none ("not tested for
    significance"), which is never coloured as better or worse. Counts are never judged against larger areas.
    """
    chosen = chosen or (benchmarks[0].key if benchmarks else "")
    v, lo, hi = _num(value), _num(lower), _num(upper)
    comp = next((b for b in benchmarks if b.value is not None), None)
    word = _published(published)
    if word is not None:  # in this indicator's polarity (higher/lower become better/worse where it judges)
        pub_value = next((b.value for b in benchmarks if b.code == (published_comparator or ENGLAND)), None)
        word = published_word(word, polarity, v, pub_value)
        word = None if word == NOT_COMPARED else word
    pub_comp = None
    if word is not None:
        key = CODE_KEYS.get(published_comparator or ENGLAND)
        pub_comp = next((b for b in benchmarks if b.key == key), None)
        if pub_comp is None and key is not None:
            code, _lv, name, _p = BENCHMARK_AREAS[key]
            pub_comp = Benchmark(key, code, name, None)

    def out(judgement, comparator, by, source, explanation):
        c = comparator.value if comparator else None
        gap = None if v is None or c is None else v - c
        ratio = None if v is None or not c else v / c
        if value_type == "count":
            gap_text = ""  # a count depends on the size of the area: no gap with a larger one
        else:
            gap_text = gap_words(v, comparator, value_type, unit)
        return Judgement(judgement, comparator, chosen, by, source, gap, ratio, gap_text, explanation)

    if v is None:
        return out(NOT_COMPARED, comp, NONE, UNTESTED, "Not compared: this area has no value (missing or "
                                                         "suppressed).")
    if value_type == "count":
        return out(NOT_COMPARED, comp, NONE, UNTESTED, "Not compared: a count depends on the size of the area, "
                                                         "so it is not compared with larger areas.")
    if normalise_polarity(polarity) is None:
        return out(NOT_COMPARED, comp, NONE, UNTESTED, "Not compared: the indicator has no polarity.")
    fallback = ""
    if comp is not None and comp.key != chosen and chosen in BENCHMARK_AREAS:
        fallback = f" ({BENCHMARK_AREAS[chosen][2]} has no value for this period)"
    if comp is not None and lo is not None and hi is not None:
        j = compare(v, lo, hi, comp.value, polarity)
        if j == SIMILAR:
            how = f"its 95% confidence interval ({number_text(lo, value_type, unit)} to " \
                  f"{number_text(hi, value_type, unit)}) includes {comp.name}'s value"
        else:
            how = f"its 95% confidence interval ({number_text(lo, value_type, unit)} to " \
                  f"{number_text(hi, value_type, unit)}) lies wholly {'above' if v > comp.value else 'below'} " \
                  f"{comp.name}'s value"
        return out(j, comp, OWN, "95% confidence interval",
                   f"Compared with {comp.name}{fallback}: {how} ({number_text(comp.value, value_type, unit)}).")
    if word is not None and pub_comp is not None:
        src = _publisher_text(published_by)
        return out(word, pub_comp, PUBLISHED, src,
                   f"Compared with {pub_comp.name} {src}: {word}. The store holds no interval of its own for "
                   "this value.")
    if comp is None:
        return out(NOT_COMPARED, None, NONE, UNTESTED, "Not compared: no benchmark has a value for this period.")
    reason = "no confidence interval is available for this value" if lo is None or hi is None else ""
    return out(NOT_COMPARED, comp, NONE, UNTESTED,
               f"Compared with {comp.name}{fallback}, {UNTESTED}: {reason}, so the gap is shown but not judged.")


def row_benchmarks(row: dict, keys: Sequence[str]) -> list[Benchmark]:
    """Benchmarks from a latest-table row (trafford_value, gm_value, england_value) in the order of keys."""
    out = []
    for k in keys:
        code, _lv, name, prefix = BENCHMARK_AREAS[k]
        out.append(Benchmark(k, code, name, _num(row.get(f"{prefix}_value"))))
    return out


def _field(row: dict, *names: str) -> Any:
    for n in names:
        if n in row and not is_missing(row[n]):
            return row[n]
    return None


def judge_row(row: dict, level: str, chosen: str | None = None, own_code: str | None = None) -> Judgement:
    """judge_value for one latest-table row (value, lower_ci, upper_ci, <prefix>_value, published_*, catalogue)."""
    keys = benchmark_chain(level, chosen, own_code)
    unit = row.get("unit") if isinstance(row.get("unit"), str) else ""
    return judge_value(_field(row, "value"), _field(row, "lower_ci", "lower"), _field(row, "upper_ci", "upper"),
                       row_benchmarks(row, keys), polarity=row.get("polarity"),
                       value_type=row.get("value_type") or "other", unit=unit, chosen=keys[0] if keys else chosen,
                       published=_field(row, "published_judgement"),
                       published_comparator=_field(row, "published_comparator"),
                       published_by=_field(row, "published_by"))


def judge_frame(frame: pd.DataFrame, polarity: Any, bench_value: Any = None, bench_code: str = ENGLAND,
                value_type: str = "other") -> pd.DataFrame:
    """Vectorised judgement of a level's rows against one benchmark: columns judgement and judged_by.

    `bench_value` is a scalar or a column name of `frame`. Our own interval test where the row has limits and the
    benchmark a value; else the row's published_judgement when it was made against `bench_code`; else not_compared.
    """
    n = len(frame)
    if isinstance(bench_value, str) and bench_value in frame:
        b = pd.to_numeric(frame[bench_value], errors="coerce").to_numpy(dtype=float)
    else:
        b = np.full(n, np.nan if _num(bench_value) is None else float(bench_value))

    def col(name: str) -> np.ndarray:
        if name not in frame:
            return np.full(n, np.nan)
        return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)

    v, lo, hi = col("value"), col("lower_ci"), col("upper_ci")
    if value_type == "count" or normalise_polarity(polarity) is None:
        return pd.DataFrame({"judgement": np.full(n, NOT_COMPARED, dtype=object),
                             "judged_by": np.full(n, NONE, dtype=object)}, index=frame.index)
    own = compare_vec(v, lo, hi, b, polarity)
    judged_by = np.where(own != NOT_COMPARED, OWN, NONE).astype(object)
    if "published_judgement" in frame:
        words = frame["published_judgement"].map(_published).to_numpy(dtype=object)
        if "published_comparator" in frame:
            against = frame["published_comparator"].fillna(ENGLAND).to_numpy(dtype=object)
        else:
            against = np.full(n, ENGLAND, dtype=object)
        mine = pd.notna(words) & (against == bench_code)
        filled = with_published(own, np.where(mine, words, None), polarity, v, b)
        judged_by = np.where((own == NOT_COMPARED) & (filled != NOT_COMPARED), PUBLISHED, judged_by).astype(object)
        own = filled
    return pd.DataFrame({"judgement": own, "judged_by": judged_by}, index=frame.index)


def value_rank_text(rank: Any, n: Any, polarity: Any, plural: str = "areas") -> str:
    """'highest of 21 wards', '3rd lowest of 21 wards' from a rank where 1 is best (highest without a direction)."""
    r, total = _num(rank), _num(n)
    if r is None or total is None or total < 2:
        return ""
    r, total = int(r), int(total)
    from_top = total - r + 1 if normalise_polarity(polarity) == LOW_IS_GOOD else r
    if from_top == 1:
        return f"highest of {total} {plural}"
    if from_top == total:
        return f"lowest of {total} {plural}"
    if from_top <= (total + 1) // 2:
        return f"{_ordinal(from_top)} highest of {total} {plural}"
    return f"{_ordinal(total - from_top + 1)} lowest of {total} {plural}"


def need_side(value: Any, comparator_value: Any, polarity: Any) -> int:
    """+1 when the value is on the side of need against the comparator (worse), -1 on the good side, 0 else."""
    v, c = _num(value), _num(comparator_value)
    p = normalise_polarity(polarity)
    if v is None or c is None or v == c or p not in (HIGH_IS_GOOD, LOW_IS_GOOD):
        return 0
    worse = v > c if p == LOW_IS_GOOD else v < c
    return 1 if worse else -1


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


__all__ = ["BENCHMARK_AREAS", "Benchmark", "Judgement", "benchmark_chain", "default_benchmark", "gap_words",
           "judge_frame", "judge_row", "judge_value", "need_side", "number_text", "row_benchmarks",
           "value_rank_text"]
