"""The needs summary of an area profile in plain words: where it is significantly worse, better or similar to a
benchmark, what is getting worse, and where it sits in the least favourable quarter of its level."""

from __future__ import annotations

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
