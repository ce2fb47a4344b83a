"""Estimated 2023-ward series from a tiny hand-written store: apportioned counts and rates, official values win,
incomplete wards left out, turnout never carried, and the Trafford-total check."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.ingest import normalise
from data.ingest.derive_wards import check_derived_totals, derive_ward_2023
from data.ingest.report import BuildReport

CAT = {"count_ind": {"value_type": "count", "multiplier": 1, "notes": None},
       "rate_ind": {"value_type": "percentage", "multiplier": 100, "notes": None},
       "election_turnout": {"value_type": "percentage", "multiplier": 100, "notes": "Borough elections."},
       "speed": {"value_type": "other", "multiplier": 1, "notes": None}}
# old wards P, Q -> new wards X, Y: P's postcodes 3 to X and 1 to Y; Q's all to Y. LSOAs: L1 all X, L2 half X half Y
LOOKUPS = pd.DataFrame([
    ("ward_2022", "P", "ward_2023", "X", 3, 0.75, 1.0), ("ward_2022", "P", "ward_2023", "Y", 1, 0.25, 0.2),
    ("ward_2022", "Q", "ward_2023", "Y", 4, 1.0, 0.8),
    ("lsoa_2021", "L1", "ward_2023", "X", 2, 1.0, 0.5), ("lsoa_2021", "L2", "ward_2023", "X", 2, 0.5, 0.5),
    ("lsoa_2021", "L2", "ward_2023", "Y", 2, 0.5, 1.0),
], columns=["from_level", "from_code", "to_level", "to_code", "postcodes", "share_of_from", "share_of_to"])


def _row(ind, level, code, period, value=np.nan, num=np.nan, den=np.nan, suppressed=False):
    return {"indicator_id": ind, "level": level, "area_code": code, "period": period, "value": value,
            "numerator": num, "denominator": den, "suppressed": suppressed, "source_path": f"{level}.csv"}


def _values(rows):
    values = normalise.conform(pd.DataFrame(rows), "test")
    return normalise.attach_periods(values, BuildReport())[0]


@pytest.fixture()
def derived(monkeypatch):
    monkeypatch.setattr("data.ingest.derive_wards.MEANS", {"speed": "postcode-weighted average of pre-2023 ward values"})
    rows = [_row("count_ind", "ward_2022", "P", "2019", 100), _row("count_ind", "ward_2022", "Q", "2019", 40),
            _row("count_ind", "la", "E08000009", "2019", 140),
            _row("count_ind", "ward_2022", "P", "2020", 80), _row("count_ind", "ward_2022", "Q", "2020", 20),
            _row("count_ind", "ward_2023", "X", "2020", 61),  # official: wins over the estimate for X
            _row("count_ind", "ward_2022", "P", "2018", 50),
            _row("count_ind", "ward_2022", "Q", "2018", suppressed=True),  # Y incomplete in 2018; X is not
            _row("rate_ind", "lsoa_2021", "L1", "2021", num=10, den=100),
            _row("rate_ind", "lsoa_2021", "L2", "2021", num=30, den=200),
            _row("election_turnout", "ward_2022", "P", "2019", num=30, den=100),
            _row("election_turnout", "ward_2022", "Q", "2019", num=30, den=100),
            _row("speed", "ward_2022", "P", "2019", 50), _row("speed", "ward_2022", "Q", "2019", 100)]
    catalog = {k: dict(v) for k, v in CAT.items()}
    report = BuildReport()
    out = derive_ward_2023(_values(rows), catalog, LOOKUPS, report)
    return out, catalog, report


def _get(out, ind, period, code):
    hit = out[(out["indicator_id"] == ind) & (out["period"] == period) & (out["area_code"] == code)
              & (out["level"] == "ward_2023")]
    return hit.iloc[0] if len(hit) == 1 else None


def test_counts_apportioned_and_flagged(derived):
    out, _, _ = derived
    x, y = _get(out, "count_ind", "2019", "X"), _get(out, "count_ind", "2019", "Y")
    assert (x["value"], y["value"]) == (75, 25 + 40)
    assert x["estimated"] and x["derivation"] == "apportioned from pre-2023 wards by postcode shares"


def test_official_value_wins_and_incomplete_wards_are_left_out(derived):
    out, _, _ = derived
    official = _get(out, "count_ind", "2020", "X")
    assert official["value"] == 61 and not official["estimated"]
    assert _get(out, "count_ind", "2020", "Y")["value"] == 20 + 20
    assert _get(out, "count_ind", "2018", "X")["value"] == 37.5
    assert _get(out, "count_ind", "2018", "Y") is None  # Q suppressed: Y would be undercounted


def test_rates_from_summed_counts(derived):
    out, _, _ = derived
    x, y = _get(out, "rate_ind", "2021", "X"), _get(out, "rate_ind", "2021", "Y")
    assert (x["numerator"], x["denominator"]) == (25, 200) and x["value"] == pytest.approx(12.5)
    assert y["value"] == pytest.approx(15.0)
    assert x["derivation"] == "summed from 2021 LSOAs, postcode-weighted"


def test_turnout_not_carried_and_said_so(derived):
    out, catalog, _ = derived
    assert _get(out, "election_turnout", "2019", "X") is None
    assert catalog["election_turnout"]["notes"].startswith("Borough elections. An election turnout belongs")
    assert "addresses, not residents" in catalog["count_ind"]["notes"]


def test_means_are_postcode_weighted_averages(derived):
    out, _, _ = derived
    assert _get(out, "speed", "2019", "X")["value"] == 50
    assert _get(out, "speed", "2019", "Y")["value"] == pytest.approx(0.2 * 50 + 0.8 * 100)
    assert _get(out, "speed", "2019", "Y")["derivation"].startswith("postcode-weighted average")


def test_derived_wards_add_up_to_trafford(derived):
    out, _, _ = derived
    report = BuildReport()
    check_derived_totals(normalise.finish(out), report)
    (check,) = report.checks
    assert check["passed"] and check["detail"].startswith("1 of 1 indicator-periods within")


def test_a_derived_total_that_does_not_match_its_sources_fails(derived):
    out, _, _ = derived
    out = normalise.finish(out)
    out.loc[(out["derivation"].notna()) & (out["period"] == "2019") & (out["area_code"] == "X")
            & (out["indicator_id"] == "count_ind"), "value"] = 80.0
    report = BuildReport()
    check_derived_totals(out, report)
    assert not report.checks[0]["passed"] and "wards 145.0, source areas 140.0" in report.checks[0]["detail"]


def test_rates_without_counts_are_population_weighted_estimates_with_no_interval():
    # P (rate 4%, 1,000 aged 16-64 in mid-2018) and Q (1%, 3,000): Y takes a quarter of P and all of Q
    rows = [_row("claimant_rate", "ward_2022", "P", "Nov 2018", 4.0),
            _row("claimant_rate", "ward_2022", "Q", "Nov 2018", 1.0),
            _row("population_working_age", "ward_2022", "P", "2018", 60.0, num=1000, den=1667),
            _row("population_working_age", "ward_2022", "Q", "2018", 60.0, num=3000, den=5000),
            _row("population_working_age", "ward_2022", "P", "2019", 60.0, num=9999, den=16665)]  # after the month
    catalog = {"claimant_rate": {"value_type": "percentage", "multiplier": 100, "notes": None},
               "population_working_age": {"value_type": "percentage", "multiplier": 100, "notes": None}}
    out = derive_ward_2023(_values(rows), catalog, LOOKUPS, BuildReport())
    y = _get(out, "claimant_rate", "Nov 2018", "Y")
    assert y["value"] == pytest.approx((0.25 * 1000 * 4.0 + 3000 * 1.0) / (0.25 * 1000 + 3000))
    assert y["estimated"] and "no interval" in y["derivation"]
    assert np.isnan(y["numerator"]) and np.isnan(y["denominator"])  # weights, never stored as counts
    x = _get(out, "claimant_rate", "Nov 2018", "X")
    assert x["value"] == pytest.approx(4.0)
    official = out[(out["level"] == "ward_2022") & (out["indicator_id"] == "claimant_rate")]
    assert official["numerator"].isna().all()  # the published rows keep no counts either
