"""The publisher's judgements: words normalised, and checked against polarity and the store's own intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.ingest.judgements import check_published, published_columns
from data.ingest.report import BuildReport


def test_words_normalised_and_not_compared_is_none():
    raw = pd.DataFrame({"significance": ["Better", "Not compared", "similar ", "Worse", "NA", ""]})
    out = published_columns(raw, "tdl_dashboard/health/x.csv")
    assert out["published_judgement"].tolist() == ["better", None, "similar", "worse", None, None]
    assert out["published_by"].tolist() == ["PHE (now OHID)", None, "PHE (now OHID)", "PHE (now OHID)", None, None]
    assert set(out["published_comparator"].dropna()) == {"E92000001"}
    themes = published_columns(pd.DataFrame({"compared_to_England": ["Higher 99.8", "Lower"]}), "tdl_trafford_themes/a.csv")
    assert themes["published_judgement"].tolist() == ["higher", "lower"] and set(themes["published_by"]) == {"OHID"}
    # a value stored as its complement (100 - x) swaps higher and lower, not better and worse
    flipped = published_columns(pd.DataFrame({"significance": ["Higher", "Better"]}), "tdl_dashboard/a.csv", flipped=True)
    assert flipped["published_judgement"].tolist() == ["lower", "better"]
    assert published_columns(pd.DataFrame({"value": [1]}), "x.csv") is None


def _values(words, values, polarity_rows=None, lower=None, upper=None):
    n = len(words)
    rows = pd.DataFrame({"indicator_id": "ind", "period": [f"{2000 + i}" for i in range(n)], "breakdown": "Persons",
                         "area_code": "E08000009", "value": values, "published_judgement": words,
                         "lower_ci": lower if lower is not None else np.nan,
                         "upper_ci": upper if upper is not None else np.nan, "source_path": "f.csv"})
    england = rows.assign(area_code="E92000001", value=50.0, published_judgement=None, lower_ci=np.nan,
                          upper_ci=np.nan)
    return pd.concat([rows, england], ignore_index=True)


def test_polarity_checked_against_published_words():
    values = _values(["better"] * 6, [40.0] * 6)  # lower than England and "better": low is good
    report = BuildReport()
    check_published(values, {"ind": {"polarity": "low_is_good"}}, report)
    assert report.checks[-1]["passed"]
    report = BuildReport()
    check_published(values, {"ind": {"polarity": "no_judgement"}}, report)
    assert not report.checks[-1]["passed"] and "published words say low_is_good" in report.checks[-1]["detail"]


def test_own_interval_disagreeing_with_published_is_reported():
    values = _values(["worse", "similar"], [60.0, 55.0], lower=[58.0, 49.0], upper=[62.0, 59.0])
    report = BuildReport()
    check_published(values, {"ind": {"polarity": "high_is_good"}}, report)
    (line,) = [f["reason"] for f in report.fixes]
    assert "1 of 2 rows otherwise than published" in line and "better here, worse as published" in line
