"""The needs summary of an area profile in plain words: where it is significantly worse, better or similar to a
benchmark, what is getting worse, and where it sits in the least favourable quarter of its level."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def _standard_gap(row: dict) -> float:
    """The gap to the reference in units of the level's middle half (IQR), or relative to the reference."""
    ref = _reference(row)
    v = _n(row.get("value"))
    if ref is None or v is None:
        return 0.0
    st = row.get("stats") or {}
    q1, q3 = _n(st.get("q1")), _n(st.get("q3"))
    if q1 is not None and q3 is not None and q3 > q1 and (_n(st.get("n")) or 0) >= 4:
        return abs(v - ref[1]) / (q3 - q1)
    return abs(v - ref[1]) / abs(ref[1]) if ref[1] else 0.0


def _extreme(row: dict) -> bool:
    """A rank worth saying: the top or bottom three of at least five siblings."""
    text = row.get("rank_text") or ""
    return text.startswith(RANK_WORDS) and (row.get("rank_n") or 99) >= 5


def _compare_words(row: dict, name: str, ref: float) -> str:
    """'2.7 times Trafford's (12.3%)', '5.1 percentage points below Trafford's (43.0%)', 'above England's (19.8%)'."""
    v = _n(row["value"])
    shown = f"{name}'s ({_num_text(ref, row)})"
    pct = row.get("value_type") == "percentage" or row.get("unit") == "%"
    if row.get("value_type") in ("percentage", "rate") and ref > 0 and v >= 0 and v / ref >= 1.5:
        return f"{v / ref:.1f} times {shown}"
    if v == ref:
        return f"the same as {shown}"
    side = "above" if v > ref else "below"
    return f"{abs(v - ref):.1f} percentage points {side} {shown}" if pct else f"{side} {shown}"


def _counts_what(row: dict) -> str:
    """What a percentage is of, from the start of its definition ('usual residents aged 16 and over who were
    unemployed'), so a reader who does not know the indicator knows what the figure counts; '' if too long."""
    if row.get("unit") != "%":
        return ""
    clause = re.split(r" \(|, | as a | as the |\. ", str(row.get("definition") or ""), maxsplit=1)[0].strip()
    return clause[0].lower() + clause[1:] if 0 < len(clause) <= 90 else ""


def summary_sentence(row: dict, siblings_of: str = "") -> str:
    """One sentence with the area's figure, its rank where extreme, Trafford's (or the comparator's) and England's."""
    ref = _reference(row)
    what = _counts_what(row)
    text = f"{row['label']}: {_num_text(row['value'], row)}" + (f" ({what})" if what else "") + f" in {row['period']}"
    parts = []
    if _extreme(row):
        rank = row["rank_text"]
        if siblings_of:
            rank = rank.replace(" of ", f" of {siblings_of} ", 1)
        parts.append("the " + rank)
    if ref is not None:
        words = _compare_words(row, ref[0], ref[1])
        significant = row.get("tested") and row.get("comparator_used") == ref[0] and \
            row.get("judgement") in ("better", "worse", "higher", "lower")
        if significant and "times" not in words and " by " not in words:
            side, _, gap = words.partition(" percentage points ")
            words = f"significantly {gap} by {side} percentage points" if gap else f"significantly {words}"
        parts.append(words)
        e = _n(row.get("england"))
        if ref[0] != "England" and e is not None and row.get("_self") != "England":
            parts.append(f"{'above' if row['value'] > e else 'below' if row['value'] < e else 'level with'} "
                         f"England's ({_num_text(e, row)})")
    if row.get("judged_by") == "published" and row.get("comparator_used"):
        parts.append(f"judged {row['judgement']} than {row['comparator_used']} by its publisher")
    if not parts:
        return text + "."
    if len(parts) == 1:
        return f"{text}, {parts[0]}."
    return f"{text}, {', '.join(parts[:-1])} and {parts[-1]}."


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


def _order(rows: list[dict], side: int) -> list[dict]:
    """Significant first, then the largest standardised gaps, then the extremes of the ranking."""
    bad_words = ("worse", "worst") if side > 0 else ("better", "best")
    picked = []
    for r in rows:
        d = _direction(r)
        significant = r.get("judgement") in bad_words
        # without a reference, a rank at the top or bottom on this side still counts
        needy_rank = ("highest" in r["rank_text"]) == (r.get("polarity") == "low_is_good") if _extreme(r) else None
        extreme_side = _reference(r) is None and needy_rank is not None and needy_rank == (side > 0)
        if d == side or significant or extreme_side:
            picked.append((0 if significant else 1 if d == side else 2, -_standard_gap(r), r["label"], r))
    picked.sort(key=lambda t: t[:3])
    return [t[3] for t in picked]


def quotable_summary(rows: Iterable[dict], siblings_of: str = "", self_name: str = "", most: int = 8,
                     strengths: int = 3, worsening: int = 3) -> list[SummaryLine]:
    """Five to eight sentences of need (where the area stands out most from Trafford in the direction of need),
    then strengths, then what is getting worse; each sentence carries its numbers.

    Rows are the profile's (label, value, period, polarity, value_type, unit, trafford, england, comparator_used,
    comparator_value, judgement, judged_by, tested, rank_text, stats, trend). `siblings_of` names the parent in
    rank wording ("Trafford's" gives "the highest of Trafford's 21 wards"); `self_name` is the area's own name, so
    Trafford's profile is set beside England, not itself.
    """
    rows = [{**r, "_self": self_name} for r in rows]
    cands = _candidates(rows)
    need = _order(cands, +1)
    need = [r for r in need if r.get("judgement") in ("worse", "worst") or _standard_gap(r) >= 0.25
            or _extreme(r)][:most] or need[:most]
    # where little shows need, more strengths: a pack still has five or more sentences with numbers
    good = [r for r in _order(cands, -1) if r not in need][:max(strengths, 5 - len(need))]
    out = [SummaryLine("need", summary_sentence(r, siblings_of), r) for r in need]
    if not out:  # nothing on the side of need: lead with the figure that stands out most either way
        lead = sorted((r for r in cands if _reference(r)), key=lambda r: -_standard_gap(r))[:1]
        out += [SummaryLine("need", summary_sentence(r, siblings_of), r) for r in lead]
        good = [r for r in good if r not in lead]
    out += [SummaryLine("strength", summary_sentence(r, siblings_of), r) for r in good]
    worse = [r for r in rows if r.get("trend") == "getting_worse"
             and not (r["indicator_id"] in {x["indicator_id"] for x in rows if x.get("breakdown") == "Persons"}
                      and r.get("breakdown") != "Persons")][:worsening]
    for r in worse:
        first = next(((p, v) for p, _s, v in r.get("series") or [] if v is not None), None)
        since = f", from {_num_text(first[1], r)} in {first[0]}" if first and first[0] != r["period"] else ""
        out.append(SummaryLine("worsening", f"{r['label']} is getting worse: {_num_text(r['value'], r)} in "
                                             f"{r['period']}{since}.", r))
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
        "are shown with their numbers but are not tested for significance, and are never coloured.",
        f"Ranks are among the {level_plural} with the same parent area, by value. Sentences of need list the "
        "figures that stand out most from Trafford in the direction of need: significant differences first, "
        "then the largest gaps relative to the spread across the level, then the highest and lowest ranks.",
        "What is getting worse uses the recent-trend test over the latest five periods.",
    ]
