"""Today's wards with their history, on the store built from the real raw folder (issue 13, section 5)."""

import json

import pandas as pd
import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def ward_values(real_store):
    v = pd.read_parquet(real_store / "values" / "level=ward_2023")
    return v


def test_postcode_lookups(real_store):
    lookups = pd.read_parquet(real_store / "postcode_lookups.parquet")
    lsoa = lookups[(lookups["from_level"] == "lsoa_2021") & (lookups["to_level"] == "ward_2023")]
    assert lsoa["from_code"].nunique() == 139 and (lsoa.groupby("from_code").size() > 1).sum() == 56
    pc = pd.read_parquet(real_store / "postcodes.parquet").set_index("postcode")
    assert pc.loc["M15 4AB", "ward_2023"] == "E05015247"  # Gorse Hill & Cornbrook


def test_twelve_or_more_indicators_have_five_periods_on_2023_wards(ward_values):
    periods = ward_values.groupby("indicator_id")["period"].nunique()
    long = set(periods[periods >= 5].index)
    assert len(long) >= 12, sorted(long)
    assert {"claimant_rate", "claimant_count", "universal_credit_claimants", "pip_claimants", "electorate",
            "population_total", "road_casualties_ksi"} <= long


def test_estimates_are_flagged_and_official_values_win(ward_values):
    derived = ward_values[ward_values["derivation"].notna()]
    assert derived["estimated"].all() and len(derived)
    official = ward_values[ward_values["derivation"].isna()]
    key = ["indicator_id", "period", "breakdown", "area_code"]
    assert not derived.merge(official[key], on=key).shape[0]
    # 2022 population of a 2023 ward is the published figure, 2017 an apportioned one
    altrincham = ward_values[(ward_values["indicator_id"] == "population_total")
                             & (ward_values["area_code"] == "E05015239") & (ward_values["breakdown"] == "Persons")]
    by_period = altrincham.set_index("period")
    assert pd.isna(by_period.loc["2022", "derivation"]) and by_period.loc["2022", "value"] == 10972
    assert by_period.loc["2017", "derivation"] == "apportioned from pre-2023 wards by residents' shares"
    assert "election_turnout" not in set(derived["indicator_id"])


def test_derived_wards_add_up_to_trafford(real_store):
    report = json.loads((real_store / "build_report.json").read_text())
    (check,) = [c for c in report["checks"] if c["check"] == "derived 2023-ward counts add up to Trafford's"]
    assert check["passed"] and "do not equal their source areas' total" not in check["detail"]
