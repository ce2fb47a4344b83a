"""Census 2021 shares on May-2023 wards get the counts the ward history publishes beside them: qualification
counts over residents aged 16+, limits for shares of all residents without inventing a count, and nothing for a
count that does not give the published percentage."""

from __future__ import annotations

import numpy as np

from data.ingest.context import IngestContext
from data.ingest.sources import ward_history
from tests.ingest.test_ward_history import NEW, write_history

BF = " (from best-fit OAs)"
W1, W2 = "E05015253", "E05015239"


def _row(code, indicator, measure, value):
    return [code, "Ward", indicator + BF, "2021", measure, "Persons", value, "c.csv", NEW]


def _load(tmp_path):
    write_history(tmp_path, [
        _row(W1, "Total resident population", "Count", "12543"),
        _row(W1, "Population aged 0-15 years", "Count", "2807"),
        _row(W1, "Residents with no qualifications", "Count", "2123"),
        _row(W1, "Residents with no qualifications", "Percentage", "21.8"),
        _row(W1, "People reporting their general health as bad or very bad", "Percentage", "6.5"),
        _row(W1, "Social rented housing", "Percentage", "31.3"),
        _row(W2, "Total resident population", "Count", "12000"),
        _row(W2, "Population aged 0-15 years", "Count", "2000"),
        _row(W2, "Residents with no qualifications", "Count", "2123"),  # 21.2% of 10,000, not 10.6
        _row(W2, "Residents with no qualifications", "Percentage", "10.6"),
    ])
    ctx = IngestContext(raw=tmp_path)
    df = ward_history.load(ctx)
    return df.set_index(["indicator_id", "area_code"]), ctx


def test_qualifications_take_the_published_count_over_residents_aged_16_plus(tmp_path):
    df, _ = _load(tmp_path)
    row = df.loc[("no_qualifications", W1)]
    assert (row["numerator"], row["denominator"], row["value"]) == (2123, 12543 - 2807, 21.8)


def test_a_count_that_misses_the_published_percentage_is_not_used(tmp_path):
    df, ctx = _load(tmp_path)
    assert np.isnan(df.loc[("no_qualifications", W2), "numerator"])
    assert any("do not reproduce" in f["reason"] for f in ctx.report.fixes)


def test_shares_of_residents_get_limits_but_no_invented_count(tmp_path):
    df, _ = _load(tmp_path)
    row = df.loc[("bad_health", W1)]
    assert np.isnan(row["numerator"]) and row["denominator"] == 12543
    assert row["lower_ci"] < 6.5 < row["upper_ci"] and row["lower_ci_998"] < row["lower_ci"]
    assert 0.3 < row["upper_ci"] - row["lower_ci"] < 1.0  # the width of 6.5% of 12,543 residents


def test_household_shares_get_nothing(tmp_path):
    df, _ = _load(tmp_path)
    row = df.loc[("social_rented_households", W1)]
    assert np.isnan(row["denominator"]) and np.isnan(row["lower_ci"])
