"""The publisher's own comparison with England, kept as data: normalised words, what it compared with, who said it.

The Fingertips-derived files carry it (`significance` in the 2019/20 dashboard files, `compared_to_England` in
the themes files). Words are kept in lower case (better, similar, worse, higher, lower); "Not compared", "NA"
and empty cells are no judgement. The build then checks the words against the store: an indicator's polarity
must agree with the direction of its Better/Worse words, and where the store has an interval of its own and
judges differently, the disagreement is recorded in the build report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare import compare_vec
from data.ingest.report import BuildReport
from data.schema import ENGLAND

COLUMNS = ("significance", "compared_to_England")  # the raw column names, by file layout
WORDS = {"better": "better", "similar": "similar", "worse": "worse", "higher": "higher", "lower": "lower",
         "higher 99.8": "higher", "lower 99.8": "lower"}  # raw word (lower case) -> stored word
# Who made the judgement, by raw repository: the 2019/20 dashboard's extracts date from PHE's Fingertips.
PUBLISHERS = {"tdl_dashboard": "PHE (now OHID)", "tdl_trafford_themes": "OHID"}
FLIP = {"higher": "lower", "lower": "higher"}
# Polarity checked only where enough rows carry a direction; a share below this is a contradiction.
MIN_DIRECTIONAL = 5
MIN_AGREEMENT = 0.9


def published_columns(df: pd.DataFrame, rel: str, flipped: bool = False) -> pd.DataFrame | None:
    """published_judgement, published_comparator and published_by for each row of a raw file (None if it has none).

    `flipped`: the value is stored as its complement (100 - x), so "higher" and "lower" swap; better and worse
    do not (they already say which way is good).
    """
    col = next((c for c in COLUMNS if c in df.columns), None)
    if col is None:
        return None
    words = df[col].astype("string").str.strip().str.lower().map(WORDS)
    if flipped:
        words = words.map(lambda w: FLIP.get(w, w) if isinstance(w, str) else w)
    words = words.astype(object).where(words.notna(), None)
    has = words.notna().tolist()
    by = PUBLISHERS.get(rel.split("/", 1)[0], "the source")
    return pd.DataFrame({
        "published_judgement": words,
        "published_comparator": pd.Series([ENGLAND if h else None for h in has], index=df.index, dtype=object),
        "published_by": pd.Series([by if h else None for h in has], index=df.index, dtype=object),
    }, index=df.index)


def check_published(values: pd.DataFrame, catalog: dict, report: BuildReport) -> None:
    """Check each indicator's polarity against its published Better/Worse words, and report where the store's own
    interval judgement against England differs from the published one."""
    pub = values.loc[values["published_judgement"].notna()]
    if pub.empty:
        report.check("polarity agrees with published judgements", True, "no published judgements")
        return
    england = _england_values(values)
    pub = pub.join(england, on=["indicator_id", "period", "breakdown"])
    wrong = []
    for ind, g in pub.groupby("indicator_id", sort=True):
        verdict = _polarity_verdict(g)
        if verdict is not None and verdict != catalog[ind]["polarity"]:
            wrong.append(f"{ind} is {catalog[ind]['polarity']} but published words say {verdict}")
        _report_disagreements(ind, g, catalog[ind]["polarity"], report)
    report.check("polarity agrees with published judgements", not wrong, "; ".join(wrong))


def _england_values(values: pd.DataFrame) -> pd.Series:
    """England's value by (indicator, period, breakdown)."""
    eng = values.loc[values["area_code"] == ENGLAND, ["indicator_id", "period", "breakdown", "value"]]
    return eng.drop_duplicates(["indicator_id", "period", "breakdown"]).set_index(
        ["indicator_id", "period", "breakdown"])["value"].rename("england_value")


def _polarity_verdict(g: pd.DataFrame) -> str | None:
    """The polarity an indicator's Better/Worse rows imply (None when too few rows carry a direction)."""
    directional = g.loc[g["published_judgement"].isin(["better", "worse"]) & g["england_value"].notna()
                        & (g["value"] != g["england_value"])]
    if len(directional) < MIN_DIRECTIONAL:
        if g["published_judgement"].isin(["higher", "lower"]).any() and not g["published_judgement"].isin(
                ["better", "worse"]).any():
            return "no_judgement"
        return None
    high_good = (directional["published_judgement"] == "better") == (directional["value"] > directional["england_value"])
    share = float(high_good.mean())
    if share >= MIN_AGREEMENT:
        return "high_is_good"
    if share <= 1 - MIN_AGREEMENT:
        return "low_is_good"
    return "mixed"


def _report_disagreements(ind: str, g: pd.DataFrame, polarity: str, report: BuildReport) -> None:
    """One report line for an indicator whose own intervals judge some rows otherwise than the publisher."""
    own = g.loc[g["lower_ci"].notna() & g["upper_ci"].notna() & g["england_value"].notna()]
    if own.empty:
        return
    mine = compare_vec(own["value"], own["lower_ci"], own["upper_ci"], own["england_value"], polarity)
    theirs = own["published_judgement"].to_numpy()
    # the publisher's higher/lower is our better/worse (or the reverse) when only the polarity differs
    differ = mine != theirs
    if polarity == "no_judgement":
        differ &= ~np.isin(theirs, ["better", "worse"])
    else:
        differ &= ~np.isin(theirs, ["higher", "lower"])
    if differ.any():
        bad = own.loc[differ]
        first = bad.iloc[0]
        report.fix(str(first["source_path"]), None,
                   f"{ind}: the store's own interval judges {int(differ.sum())} of {len(own)} rows otherwise than "
                   f"published (e.g. {first['area_code']} {first['period']}: {mine[differ][0]} here, "
                   f"{first['published_judgement']} as published); the store's own judgement is shown")
