"""Deprivation: LSOA scores/ranks/deciles, LA summaries across three editions, ward scores from the history."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import deprivation
from data.ingest.sources._ward_history import HISTORY, MANIFEST

NEW, OLD = "b" * 40, "a" * 40


def _write(path: Path, rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    """Small versions of the LSOA file, the three LA files and the ward history."""
    _write(
        tmp_path / deprivation.LSOA_FILE,
        [
            ["lsoa11cd", "lad19cd", "lad19nm", "index_domain", "decile", "rank", "score", "year"],
            [
                "E01006074",
                "E08000009",
                "Trafford",
                "Index of Multiple Deprivation",
                "5",
                "14785",
                "19.534",
                "2019",
            ],
            [
                "E01006074",
                "E08000009",
                "Trafford",
                "Income Deprivation Affecting Children",
                "5",
                "15114",
                "0.139",
                "2019",
            ],
            [
                "E01006074",
                "E0800009",
                "Trafford",
                "Crime",
                "8",
                "24417",
                "-0.547",
                "2019",
            ],  # mistyped LA code
            [
                "E01006075",
                "E08000009",
                "Trafford",
                "Index of Multiple Deprivation",
                "5",
                "100",
                "60.1",
                "2015",
            ],
            ["E01005000", "E08000003", "Manchester", "Index of Multiple Deprivation", "1", "5", "80", "2019"],
            ["E01006074", "E08000009", "Trafford", "Something Else", "1", "5", "1", "2019"],
        ],
    )
    _write(
        tmp_path / deprivation.LA_FILES["2015"],
        [
            ["lad19cd", "lad19nm", "index_domain", "rank_average_score", "proportion_bottom_decile", "year"],
            ["E08000009", "Trafford", "Index of Multiple Deprivation", "199", "0.028985507246376812", "2015"],
            ["E12000002", "North West", "Index of Multiple Deprivation", "1", "0.2", "2015"],
        ],
    )
    _write(
        tmp_path / deprivation.LA_FILES["2019"],
        [
            [
                "lad19cd",
                "lad19nm",
                "index_domain",
                "average_rank",
                "rank_average_rank",
                "average_score",
                "rank_average_score",
                "proportion_bottom_decile",
                "rank_proportion_bottom_decile",
                "year",
            ],
            [
                "E08000009",
                "Trafford",
                "Index of Multiple Deprivation",
                "12412.15",
                "209",
                "16.088000000000001",
                "191",
                "5.0700000000000002E-2",
                "125",
                "2019",
            ],
            ["E08000009", "Trafford", "Income", "1", "1", "0.107", "200", "0.05", "1", "2019"],
        ],
    )
    _write(
        tmp_path / deprivation.LA_FILES["2025"],
        [
            [
                "area_code",
                "area_name",
                "area_type",
                "deprivation_data_year",
                "index_domain",
                "average_rank",
                "rank_average_rank",
                "average_score",
                "rank_average_score",
                "proportion_bottom_decile",
                "rank_proportion_bottom_decile",
            ],
            [
                "Trafford",
                "E08000009",
                "LAD (2024)",
                "2025",
                "Index of Multiple Deprivation",
                "11881.22",
                "223",
                "14.972",
                "201",
                "0.0432",
                "129",
            ],  # code and name swapped
            [
                "E08000009",
                "Trafford",
                "LAD (2024)",
                "2025",
                "Health Deprivation and Disability",
                "1",
                "1",
                "-0.278",
                "1",
                "0",
                "1",
            ],
        ],
    )
    _write(
        tmp_path / HISTORY,
        [
            [
                "area_code",
                "area_name",
                "indicator",
                "period",
                "measure",
                "unit",
                "value",
                "source_path",
                "source_commit",
            ],
            [
                "E05000819",
                "Altrincham",
                "Index of Multiple Deprivation",
                "2015",
                "Score",
                "Persons",
                "7.4",
                "d/data/imd.csv",
                NEW,
            ],
            [
                "E05000819",
                "Altrincham",
                "Index of Multiple Deprivation",
                "2015",
                "average score",
                "",
                "8.854",
                "d/imd.csv",
                OLD,
            ],
            [
                "E05015239",
                "Altrincham",
                "Index of Multiple Deprivation",
                "2025",
                "Weighted Score",
                "Score",
                "5.4",
                "d/data/imd.csv",
                NEW,
            ],
            [
                "E05000819",
                "Altrincham",
                "Children aged 0 to 15 living in income deprived families",
                "2015",
                "Score",
                "Persons",
                "0.085",
                "d/data/cp.csv",
                NEW,
            ],
            [
                "E05000819",
                "Altrincham",
                "Children aged 0 to 15 living in income deprived families",
                "2015",
                "count",
                "persons",
                "160",
                "d/cp.csv",
                NEW,
            ],
            [
                "E05000819",
                "Altrincham",
                "Fuel poverty",
                "2017",
                "Percentage",
                "Households",
                "9.2",
                "d/data/fp.csv",
                NEW,
            ],
        ],
    )
    _write(
        tmp_path / MANIFEST,
        [
            ["source_path", "period", "source_commit", "commit_date", "blob", "rows"],
            ["x", "2015", OLD, "2018-12-12", "0", "1"],
            ["x", "2015", NEW, "2019-01-24", "0", "1"],
        ],
    )
    return tmp_path


def test_rows(raw: Path):
    ctx = IngestContext(raw=raw)
    df = deprivation.load(ctx)
    got = (
        df[["indicator_id", "area_code", "level", "period", "value"]]
        .sort_values(["level", "indicator_id", "area_code", "period"])
        .reset_index(drop=True)
    )
    want = (
        pd.DataFrame(
            [
                ["imd_health_score", "E08000009", "la", "2025", -0.278],
                ["imd_income_score", "E08000009", "la", "2019", 10.7],
                ["imd_la_most_deprived_decile_share", "E08000009", "la", "2015", 2.8985507246376812],
                ["imd_la_most_deprived_decile_share", "E08000009", "la", "2019", 5.07],
                ["imd_la_most_deprived_decile_share", "E08000009", "la", "2025", 4.32],
                ["imd_la_rank_average_score", "E08000009", "la", "2015", 199.0],
                ["imd_la_rank_average_score", "E08000009", "la", "2019", 191.0],
                ["imd_la_rank_average_score", "E08000009", "la", "2025", 201.0],
                ["imd_score", "E08000009", "la", "2019", 16.088],
                ["imd_score", "E08000009", "la", "2025", 14.972],
                ["idaci", "E01006074", "lsoa_2011", "2019", 13.9],
                ["imd_crime_score", "E01006074", "lsoa_2011", "2019", -0.547],
                ["imd_decile", "E01006074", "lsoa_2011", "2019", 5.0],
                ["imd_rank", "E01006074", "lsoa_2011", "2019", 14785.0],
                ["imd_score", "E01006074", "lsoa_2011", "2019", 19.534],
                ["imd_score", "E01006075", "lsoa_2011", "2015", 60.1],
                ["idaci", "E05000819", "ward_2022", "2015", 8.5],
                ["imd_score", "E05000819", "ward_2022", "2015", 7.4],
                ["imd_score", "E05015239", "ward_2023", "2025", 5.4],
            ],
            columns=got.columns,
        )
        .sort_values(["level", "indicator_id", "area_code", "period"])
        .reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-9)
    assert set(df.loc[df["level"] == "la", "area_name"]) == {"Trafford"}


def test_report(raw: Path):
    ctx = IngestContext(raw=raw)
    deprivation.load(ctx)
    fixes = [f["reason"] for f in ctx.report.fixes]
    rejections = [(r["file"], r["row"], r["reason"]) for r in ctx.report.rejections]
    lsoa, la25 = deprivation.LSOA_FILE, deprivation.LA_FILES["2025"]
    assert any("mistyped code E0800009" in f for f in fixes)
    assert any(f.startswith("idaci: fractions x100") for f in fixes)
    assert any("swapped in 1 rows" in f for f in fixes)
    assert (lsoa, 5, "IMD decile 5 does not match national rank 100; rank and decile left out") in rejections
    assert (lsoa, 6, "'E01005000' is not a Trafford LSOA") in rejections
    assert (lsoa, 7, "unknown domain 'Something Else'") in rejections
    assert (
        deprivation.LA_FILES["2015"],
        3,
        "'E12000002' is not an English local authority code",
    ) in rejections
    assert any(f == HISTORY and "average score" in why and "7.4 kept" in why for f, _, why in rejections)
    assert any(f == HISTORY and "measure 'count'" in why for f, _, why in rejections)
    assert not any(f == la25 for f, _, _ in rejections)


@pytest.mark.integration
def test_real_deprivation():
    raw = raw_dir()
    if not (raw / deprivation.LSOA_FILE).exists():
        pytest.skip("raw data not available")
    ctx = IngestContext(raw=raw)
    df = deprivation.load(ctx)
    lsoa = df[df["level"] == "lsoa_2011"]
    assert lsoa.groupby(["indicator_id", "period"])["area_code"].nunique().eq(138).all()
    deciles = lsoa[lsoa["indicator_id"] == "imd_decile"]
    assert deciles["value"].between(1, 10).all() and len(deciles) == 276
    v = df.set_index(["indicator_id", "level", "area_code", "period"])["value"]
    assert v[("imd_score", "lsoa_2011", "E01006074", "2019")] == 19.534
    assert v[("imd_decile", "lsoa_2011", "E01006074", "2015")] == 5
    assert v[("idaci", "lsoa_2011", "E01006074", "2015")] == pytest.approx(17.8)
    assert v[("imd_score", "la", "E08000009", "2019")] == pytest.approx(16.088)
    assert v[("imd_la_rank_average_score", "la", "E08000009", "2025")] == 201
    assert v[("imd_score", "ward_2023", "E05015239", "2025")] == 5.4
    la = df[(df["level"] == "la") & (df["indicator_id"] == "imd_la_rank_average_score")]
    assert la.groupby("period")["area_code"].nunique().to_dict() == {"2015": 317, "2019": 317, "2025": 296}
    assert not [r for r in ctx.report.rejections if "does not match" in r["reason"]]
