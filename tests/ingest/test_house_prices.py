"""House prices: Trafford wards and LSOAs from the 2017 files, later ward medians from the history."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import house_prices as hp
from data.ingest.sources._ward_history import HISTORY, MANIFEST

HEADER = ["area_code", "area_name", "median_price", "min_price", "max_price", "transactions"]


def _write(path: Path, rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    _write(
        tmp_path / hp.FILES["ward_2022"],
        [
            HEADER,
            ["E05000819", "Altrincham", "257750", "53500", "2650000", "375"],
            ["E05000735", "St Mary's", "69000", "30000", "182500", "97"],  # Oldham
            ["Bowdon", "E05000821", "577,500", "107500", "3200000", "168"],  # swapped, thousands separator
            ["E05000819", "Altrincham", "1", "1", "1", "1"],  # repeat
        ],
    )
    _write(
        tmp_path / hp.FILES["lsoa_2011"],
        [
            HEADER,
            ["E01006074", "Trafford 025A", "268000", "140000", "1361800", "25"],
            ["E01005482", "Rochdale 010C", "46000", "34000", "170000", "15"],
            ["E01006075", "Trafford 025B", ":", "", "", "0"],
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
                "Median property prices",
                "2017",
                "Median",
                "Households",
                "257750",
                "h/data/m.csv",
                "c",
            ],
            [
                "E05000821",
                "Bowdon",
                "Median property prices",
                "2017",
                "Median",
                "Households",
                "570000",
                "h/data/m.csv",
                "c",
            ],
            [
                "E05000819",
                "Altrincham",
                "Median property prices",
                "2018",
                "Median",
                "Housholds",
                "319750",
                "h/data/m.csv",
                "c",
            ],
            [
                "E05000819",
                "Altrincham",
                "Median property prices",
                "2021",
                "Median",
                "Pounds",
                "360000",
                "h/data/m.csv",
                "c",
            ],
        ],
    )
    _write(
        tmp_path / MANIFEST,
        [
            ["source_path", "period", "source_commit", "commit_date", "blob", "rows"],
            ["h/data/m.csv", "2017", "c", "2019-01-23", "0", "4"],
        ],
    )
    return tmp_path


def test_rows(raw: Path):
    ctx = IngestContext(raw=raw)
    df = hp.load(ctx)
    got = (
        df[["indicator_id", "area_code", "level", "period", "value", "source_path"]]
        .sort_values(["indicator_id", "level", "area_code", "period"])
        .reset_index(drop=True)
    )
    ward, lsoa = hp.FILES["ward_2022"], hp.FILES["lsoa_2011"]
    want = pd.DataFrame(
        [
            ["median_house_price", "E01006074", "lsoa_2011", "2017", 268000.0, lsoa],
            ["median_house_price", "E01006075", "lsoa_2011", "2017", float("nan"), lsoa],
            ["median_house_price", "E05000819", "ward_2022", "2017", 257750.0, ward],
            ["median_house_price", "E05000819", "ward_2022", "2018", 319750.0, HISTORY],
            ["median_house_price", "E05000819", "ward_2022", "2021", 360000.0, HISTORY],
            ["median_house_price", "E05000821", "ward_2022", "2017", 577500.0, ward],
            ["property_transactions", "E01006074", "lsoa_2011", "2017", 25.0, lsoa],
            ["property_transactions", "E01006075", "lsoa_2011", "2017", 0.0, lsoa],
            ["property_transactions", "E05000819", "ward_2022", "2017", 375.0, ward],
            ["property_transactions", "E05000821", "ward_2022", "2017", 168.0, ward],
        ],
        columns=got.columns,
    )
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_report(raw: Path):
    ctx = IngestContext(raw=raw)
    hp.load(ctx)
    rejections = [(r["file"], r["row"], r["reason"]) for r in ctx.report.rejections]
    fixes = [f["reason"] for f in ctx.report.fixes]
    assert (hp.FILES["ward_2022"], None, "1 rows for areas outside Trafford left out") in rejections
    assert (hp.FILES["lsoa_2011"], None, "1 rows for areas outside Trafford left out") in rejections
    assert (hp.FILES["ward_2022"], 5, "repeated area E05000819; first row kept") in rejections
    assert any("swapped in 1 rows" in f for f in fixes)
    assert any(
        f == HISTORY and "1 of 2 wards with a different figure" in why and "570000 in the history" in why
        for f, _, why in rejections
    )


@pytest.mark.integration
def test_real_house_prices():
    raw = raw_dir()
    if not (raw / hp.FILES["ward_2022"]).exists():
        pytest.skip("raw data not available")
    df = hp.load(IngestContext(raw=raw))
    med = df[df["indicator_id"] == "median_house_price"]
    assert med[med["level"] == "ward_2022"].groupby("period")["area_code"].nunique().to_dict() == {
        "2017": 21,
        "2018": 21,
        "2020": 21,
        "2021": 21,
    }
    assert med[med["level"] == "lsoa_2011"]["area_code"].nunique() == 138
    v = df.set_index(["indicator_id", "area_code", "period"])["value"]
    assert v[("median_house_price", "E05000819", "2017")] == 257750
    assert v[("property_transactions", "E05000819", "2017")] == 375
    assert v[("median_house_price", "E01006074", "2017")] == 268000
    assert v[("median_house_price", "E05000819", "2021")] == 360000
