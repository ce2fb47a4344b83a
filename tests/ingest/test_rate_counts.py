"""Rates published without counts get the month's count and the 16-64 population only where the pair reproduces
the published rate; estimated rows and rates that already have counts are left alone."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.ingest import normalise
from data.ingest.rate_counts import with_rate_counts
from data.ingest.report import BuildReport


def _row(ind, code, period, value, num=np.nan, den=np.nan, estimated=False, breakdown="Persons"):
    return {"indicator_id": ind, "level": "ward_2023", "area_code": code, "period": period, "value": value,
            "numerator": num, "denominator": den, "estimated": estimated, "breakdown": breakdown,
            "source_path": "x.csv"}


def _run(rows):
    values = normalise.attach_periods(normalise.conform(pd.DataFrame(rows), "test"), BuildReport())[0]
    report = BuildReport()
    return with_rate_counts(values, report), report


def _rate(out, code, ind="claimant_rate"):
    return out[(out["indicator_id"] == ind) & (out["area_code"] == code)].iloc[0]


def test_latest_mid_year_before_the_month_is_the_denominator():
    out, report = _run([
        _row("claimant_rate", "A", "Mar 2026", 2.2), _row("claimant_count", "A", "Mar 2026", 160),
        # the working-age share's numerator is the count of residents aged 16-64
        _row("population_working_age", "A", "2022", 64.0, num=7000, den=10937),
        _row("population_working_age", "A", "2024", 64.1, num=7234, den=11285),
        _row("population_working_age", "A", "2024", 64.1, num=3600, den=5600, breakdown="Female"),
    ])
    row = _rate(out, "A")
    assert (row["numerator"], row["denominator"]) == (160, 7234)
    assert row["value"] == 2.2  # the published rate stays the value
    assert "reproduces the published rate" in report.fixes[0]["reason"]


def test_a_pair_that_misses_the_published_rate_is_not_kept():
    out, report = _run([
        _row("universal_credit_rate", "A", "Mar 2026", 12.0), _row("universal_credit_claimants", "A", "Mar 2026", 643),
        _row("population_working_age", "A", "2024", 64.1, num=7234, den=11285),  # 643 / 7234 = 8.9%
    ])
    assert np.isnan(_rate(out, "A", "universal_credit_rate")["numerator"])
    assert "do not reproduce" in report.fixes[0]["reason"]


def test_estimates_and_rates_with_counts_are_left_alone():
    out, _ = _run([
        _row("claimant_rate", "A", "Mar 2026", 2.2, estimated=True), _row("claimant_count", "A", "Mar 2026", 160),
        _row("claimant_rate", "B", "Mar 2026", 2.0, num=150, den=7500), _row("claimant_count", "B", "Mar 2026", 160),
        _row("population_working_age", "A", "2024", 64.1, num=7234, den=11285),
        _row("population_working_age", "B", "2024", 64.1, num=7234, den=11285),
    ])
    assert np.isnan(_rate(out, "A")["numerator"])
    assert (_rate(out, "B")["numerator"], _rate(out, "B")["denominator"]) == (150, 7500)


def test_no_population_before_the_month_means_no_counts():
    out, _ = _run([
        _row("claimant_rate", "A", "Mar 2021", 2.2), _row("claimant_count", "A", "Mar 2021", 160),
        _row("population_working_age", "A", "2024", 64.1, num=7234, den=11285),
    ])
    assert np.isnan(_rate(out, "A")["numerator"])
