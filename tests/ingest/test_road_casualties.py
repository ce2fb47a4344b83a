"""Road casualties: point-in-ward counts with zeros, district and GM totals, 2024 left out, published KSI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import road_casualties as rc
from data.ingest.sources._ward_history import HISTORY, MANIFEST

HEADER = [
    "AREFNO",
    "date",
    "year",
    "month",
    "day",
    "hour",
    "mode",
    "output_time",
    "collision_severity",
    "casualty_severity",
    "number_vehicles",
    "number_casualties",
    "sex",
    "ageband",
    "light_conditions",
    "speed_limit",
    "area_name",
    "lon",
    "lat",
]


def _square(code: str, name: str, x0: float) -> dict:
    ring = [[x0, 53.0], [x0 + 1, 53.0], [x0 + 1, 54.0], [x0, 54.0], [x0, 53.0]]
    return {
        "type": "Feature",
        "properties": {"area_code": code, "area_name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _casualty(year: str, severity: str, district: str, lon: str, lat: str = "53.5") -> list:
    return [
        "1",
        f"{year}-03-01",
        year,
        "Mar",
        "Fri",
        "8",
        "Car",
        "08:00:00",
        severity,
        severity,
        "1",
        "1",
        "Male",
        "26-35",
        "Daylight",
        "30",
        district,
        lon,
        lat,
    ]


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    """Two square wards per vintage side by side (x 0-1 and 1-2), casualties, and published KSI counts."""
    spatial = tmp_path / "tdl_spatial_data"
    spatial.mkdir()
    for level, codes in (
        ("ward_2023", ("E05015239", "E05015240")),
        ("ward_2022", ("E05000819", "E05000820")),
    ):
        fc = {
            "type": "FeatureCollection",
            "features": [_square(codes[0], "West", 0.0), _square(codes[1], "East", 1.0)],
        }
        (tmp_path / rc.WARDS[level]).write_text(json.dumps(fc), encoding="utf-8")
    rows = [
        _casualty("2019", "Serious", "Trafford", "0.5"),  # west ward, KSI
        _casualty("2019", "Slight", "Trafford", "0.5"),  # west ward
        _casualty("2021", "Fatal", "Trafford", "1.5"),  # east ward, KSI
        _casualty("2021", "Slight", "Trafford", "5.0"),  # Trafford, outside both wards
        _casualty("2021", "Slight", "Manchester", "1.5"),  # named Manchester, inside the east ward
        _casualty("2020", "Serious", "Trafford", "abc"),  # bad longitude: district and GM only
        _casualty("2024", "Serious", "Trafford", "0.5"),  # half-year 2024: left out
        _casualty("2022", "Slight", "Cheshire East", "0.5"),  # not a GM district
        _casualty("2023", "Minor", "Trafford", "0.5"),  # unknown severity
    ]
    path = tmp_path / rc.RAW
    path.parent.mkdir(parents=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *rows])
    hist = tmp_path / HISTORY
    hist.parent.mkdir(parents=True)
    with open(hist, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
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
                    "West",
                    "Killed or Seriously Injured",
                    "2017",
                    "Count",
                    "Casualties",
                    "3",
                    "h/data/ksi.csv",
                    "c",
                ],
                [
                    "E05000819",
                    "West",
                    "Killed or Seriously Injured",
                    "2019",
                    "Count",
                    "Casualties",
                    "2",
                    "h/data/ksi.csv",
                    "c",
                ],
            ]
        )
    with open(tmp_path / MANIFEST, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [
                ["source_path", "period", "source_commit", "commit_date", "blob", "rows"],
                ["h/data/ksi.csv", "2017", "c", "2019-01-23", "0", "2"],
            ]
        )
    return tmp_path


def _value(df: pd.DataFrame, indicator: str, code: str, period: str) -> float:
    hit = df[(df["indicator_id"] == indicator) & (df["area_code"] == code) & (df["period"] == period)]
    assert len(hit) == 1, (indicator, code, period, len(hit))
    return hit["value"].iloc[0]


def test_counts(raw: Path):
    ctx = IngestContext(raw=raw)
    df = rc.load(ctx)
    assert sorted(df["period"].unique()) == ["2017", "2019", "2020", "2021", "2022", "2023"]
    # Every ward has a row for every year 2019-2023, zeros included.
    wards = df[df["level"] == "ward_2023"]
    # All casualties: 2 in the west ward in 2019, 2 in the east in 2021; KSI: 1 each.
    assert len(wards) == 2 * 5 * 2 and wards["value"].sum() == 2 + 2 + 2
    assert _value(df, rc.ALL, "E05015239", "2019") == 2
    assert _value(df, rc.KSI, "E05015239", "2019") == 1
    assert _value(df, rc.ALL, "E05015240", "2021") == 2  # the Manchester-named point counts by location
    assert _value(df, rc.KSI, "E05015240", "2021") == 1
    assert _value(df, rc.ALL, "E05015240", "2022") == 0
    assert _value(df, rc.ALL, "E08000009", "2021") == 2  # fatal + outside-ward slight
    assert _value(df, rc.KSI, "E08000009", "2020") == 1  # bad longitude still counts for the district
    assert _value(df, rc.ALL, "E08000003", "2021") == 1
    assert _value(df, rc.ALL, "E47000001", "2021") == 3
    assert _value(df, rc.ALL, "E47000001", "2019") == 2
    la = df[df["level"] == "la"]
    assert la["area_code"].nunique() == 10 and set(
        df.loc[df["level"] == "combined_authority", "area_code"]
    ) == {"E47000001"}
    # Published 2017 KSI kept; its 2019 figure is replaced by the STATS19 count.
    assert _value(df, rc.KSI, "E05000819", "2017") == 3
    assert _value(df, rc.KSI, "E05000819", "2019") == 1
    assert (df["numerator"] == df["value"]).all() and (df["denominator"] == 1).all()
    assert not df.duplicated(["indicator_id", "area_code", "level", "period"]).any()


def test_report(raw: Path):
    ctx = IngestContext(raw=raw)
    rc.load(ctx)
    rejections = {r["row"]: r["reason"] for r in ctx.report.rejections if r["file"] == rc.RAW}
    fixes = [f["reason"] for f in ctx.report.fixes]
    assert 7 not in rejections
    assert "1 casualties outside the whole years 2019-2023" in rejections[8]
    assert "'Cheshire East' is not a Greater Manchester district" in rejections[9]
    assert "casualty severity 'Minor'" in rejections[10]
    assert any("no usable location (lon 'abc'" in f for f in fixes)
    assert any("1 casualties named Trafford fall outside every ward_2023 boundary" in f for f in fixes)
    assert any("1 casualties named as another district fall inside a Trafford ward_2023" in f for f in fixes)
    assert any("road_casualties_ksi 2019 ward_2022" in f and "1 of 1 wards differ" in f for f in fixes)


@pytest.mark.integration
def test_real_road_casualties():
    raw = raw_dir()
    if not (raw / rc.RAW).exists():
        pytest.skip("raw data not available")
    df = rc.load(IngestContext(raw=raw))
    for level in ("ward_2023", "ward_2022"):
        at = df[(df["level"] == level) & (df["period"].isin(["2019", "2023"]))]
        assert at.groupby(["indicator_id", "period"])["area_code"].nunique().eq(21).all()
    # Trafford 2020 KSI: 7 fatal + 26 serious casualties in the raw file; GM 2019: 4,897 casualties.
    assert _value(df, rc.KSI, "E08000009", "2020") == 33
    assert _value(df, rc.ALL, "E47000001", "2019") == 4897
    ward_2020 = df[(df["indicator_id"] == rc.KSI) & (df["level"] == "ward_2022") & (df["period"] == "2020")]
    assert ward_2020["value"].sum() == 33
    assert "2024" not in set(df["period"])
