"""The store built from the real raw folder: the counts the issue names and values checked against raw files."""

import json

import pandas as pd
import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tables(real_store):
    return {name: pd.read_parquet(real_store / f"{name}.parquet") for name in ("areas", "indicators", "sources")} | {
        "values": pd.read_parquet(real_store / "values")}


def value(tables, indicator, code, period, breakdown="Persons"):
    v = tables["values"]
    hit = v[(v["indicator_id"] == indicator) & (v["area_code"] == code) & (v["period"] == period)
            & (v["breakdown"] == breakdown)]
    assert len(hit) == 1, (indicator, code, period, len(hit))
    return hit.iloc[0]


def test_area_counts(tables):
    counts = tables["areas"]["level"].value_counts()
    assert (counts["ward_2023"], counts["ward_2022"], counts["lsoa_2011"], counts["lsoa_2021"],
            counts["msoa_2011"], counts["msoa_2021"]) == (21, 21, 138, 139, 28, 28)


def test_coverage_of_indicators_themes_and_periods(tables):
    ind = tables["indicators"]
    assert len(ind) >= 40 and ind["theme"].nunique() >= 8 and (ind["n_periods"] >= 3).sum() >= 20
    assert {"ward_2023", "ward_2022", "lsoa_2011", "lsoa_2021", "msoa_2011", "msoa_2021", "la"} <= set(
        lv for levels in ind["levels"] for lv in levels)


def test_values_match_the_raw_files(tables):
    # mid2022_population_ward.csv: Altrincham (E05015239), Persons, all_ages = 10972
    assert value(tables, "population_total", "E05015239", "2022")["value"] == 10972
    # imd_2015_2019_lsoa_trafford.csv: E01006074, Barriers to Housing and Services, 2019, score 12.731
    assert value(tables, "imd_barriers_score", "E01006074", "2019")["value"] == pytest.approx(12.731)
    # 2021_household_tenure_ward_trafford.csv: Altrincham owner occupied 1705 + 1988 of all households
    row = value(tables, "owner_occupied_households", "E05000819", "2021")
    assert row["numerator"] == 1705 + 1988 and row["lower_ci"] < row["value"] < row["upper_ci"]


def test_derived_lsoa_to_2023_ward_lookup_is_flagged(tables):
    lsoa21 = tables["areas"][tables["areas"]["level"] == "lsoa_2021"]
    assert lsoa21["parent_code"].str.startswith("E050152").all() and lsoa21["derived_parent"].all()


def test_every_source_has_licence_and_hash(tables):
    src = tables["sources"]
    assert src["sha256"].str.len().eq(64).all() and src["licence"].notna().all() and src["commit"].notna().mean() > 0.9


def test_build_report_lists_fixes_and_rejections(real_store):
    report = json.loads((real_store / "build_report.json").read_text())
    assert report["summary"]["failed_checks"] == 0 and len(report["summary"]["content_hash"]) == 64
    assert any("E0800009" in f["reason"] for f in report["fixes"])  # the mistyped Trafford code
    assert any("swapped" in f["reason"] for f in report["fixes"])  # code and name columns swapped
    assert report["rejections"] and all(r["file"] and r["reason"] for r in report["rejections"])
