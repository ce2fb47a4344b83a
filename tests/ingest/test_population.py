"""Mid-year population estimates source module: header drift, vintages, messy cells, exact rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import population

DIR = "tdl_open_data/population"
BANDS = ["all_ages", "aged_0_to_15", "aged_16_to_64", "aged_65_and_over"]


def _ages(young: int, working: int, old: int) -> list[int]:
    """Single years 0..90 with the three bands' people at ages 0, 16 and 65."""
    out = [0] * 91
    out[0], out[16], out[65] = young, working, old
    return out


def _row(
    period: str, code: str, name: str, geography: str, sex: str, young: int, working: int, old: int, **cells
) -> list:
    bands = {
        "all_ages": young + working + old,
        "aged_0_to_15": young,
        "aged_16_to_64": working,
        "aged_65_and_over": old,
    } | cells
    ages = _ages(young, working, old)
    for col, cell in cells.items():
        if col.isdigit():
            ages[int(col)] = cell
    return [period, code, name, geography, sex, *[bands[b] for b in BANDS], *ages]


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _header(period: str, sex: str, last: str) -> list[str]:
    return [period, "area_code", "area_name", "geography", sex, *BANDS, *map(str, range(90)), last]


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    """Five files with the real header drift, vintages and a few bad cells."""
    d = tmp_path / DIR
    _write(
        d / "mid2017_population_ward.csv",
        _header("date", "gender", "90"),
        [
            _row(
                "2017-06-30",
                "E05000819",
                "Altrincham",
                "Electoral ward",
                "Persons",
                200,
                600,
                1000,
                aged_65_and_over="1e3",
            ),
            _row("2017-06-30", "E05000819", "Altrincham", "Electoral ward", "Males", 100, 300, 400),
            _row("2017-06-30", "E05000819", "Altrincham", "Electoral ward", "Females", 100, 300, 600),
            _row("2017-06-30", "E05011111", "Elsewhere", "Electoral ward", "Persons", 1, 1, 1),
        ],
    )
    _write(
        d / "mid2020_population_all_geographies.csv",
        _header("period", "gender", "90"),
        [
            _row("2020-06-30", "E00030771", "E00030771", "OA", "Persons", 10, 10, 10),
            _row("2020-06-30", "E01006109", "Trafford 001A", "LSOA", "Persons", 300, 1000, 200),
            _row("2020-06-30", "E05000819", "Altrincham", "Electoral ward", "Persons", 1, 1, 1),
        ],
    )
    _write(
        d / "mid2022_population_ward.csv",
        _header("period", "sex", "90+"),
        [
            _row("2022-06-30", "E05015239", "Altrincham", "Ward", "Persons", 250, 750, 500),
        ],
    )
    _write(
        d / "mid2023_population_local_authority.csv",
        _header("period", "sex", "90+"),
        [
            _row(
                "2023-06-30",
                "E0800009",
                "Trafford",
                "Local authority",
                "Persons",
                50000,
                145000,
                42000,
                aged_0_to_15="",
            ),
        ],
    )
    _write(
        d / "mid2024_population_lsoa.csv",
        _header("period", "sex", "90+"),
        [
            _row(
                "2024-06-30", "E01006109", "Trafford 001A", "LSOA", "Persons", 300, 1100, 200, **{"5": "abc"}
            ),
            _row("2024-06-30", "E01005000", "Manchester 001A", "LSOA", "Persons", 1, 1, 1),
            _row("2024-06-30", "E01006110", "Trafford 001B", "LSOA", "Unknown", 1, 1, 1),
        ],
    )
    return tmp_path


def test_load_reads_every_vintage_and_sex(raw: Path) -> None:
    ctx = IngestContext(raw)
    df = population.load(ctx)
    totals = df[df["indicator_id"] == "population_total"]
    got = (
        totals[["area_code", "level", "period", "breakdown", "value"]]
        .sort_values(["period", "area_code", "breakdown"])
        .values.tolist()
    )
    assert got == [
        ["E05000819", "ward_2022", "2017", "Female", 1000.0],
        ["E05000819", "ward_2022", "2017", "Male", 800.0],
        ["E05000819", "ward_2022", "2017", "Persons", 1800.0],
        ["E01006109", "lsoa_2011", "2020", "Persons", 1500.0],
        ["E05015239", "ward_2023", "2022", "Persons", 1500.0],
        ["E08000009", "la", "2023", "Persons", 237000.0],
        ["E01006109", "lsoa_2021", "2024", "Persons", 1600.0],
    ]
    old = df[df["indicator_id"] == "population_aged_65_plus"].set_index(["area_code", "period", "breakdown"])
    assert old.loc[("E05000819", "2017", "Persons"), ["numerator", "denominator"]].tolist() == [
        1000.0,
        1800.0,
    ]
    young = df[(df["indicator_id"] == "population_aged_0_15") & (df["period"] == "2023")]
    assert young[["numerator", "denominator"]].values.tolist() == [[50000.0, 237000.0]]
    work = df[(df["indicator_id"] == "population_working_age") & (df["period"] == "2022")]
    assert work["value"].item() == pytest.approx(50.0)
    assert set(df["indicator_id"]) == {
        "population_total",
        "population_aged_0_15",
        "population_working_age",
        "population_aged_65_plus",
    }
    assert not (df["level"] == "combined_authority").any()  # one LA only: no GM sum

    fixes = {(f["file"].rsplit("/", 1)[-1], f["row"], f["reason"]) for f in ctx.report.fixes}
    assert ("mid2017_population_ward.csv", None, "headers read as 'date'->'period', 'gender'->'sex'") in fixes
    assert ("mid2022_population_ward.csv", None, "headers read as '90+'->'90'") in fixes
    assert (
        "mid2017_population_ward.csv",
        2,
        "aged_65_and_over written in scientific notation '1e3'; read as 1000",
    ) in fixes
    assert (
        "mid2023_population_local_authority.csv",
        2,
        "aged_0_to_15 missing; summed from single years of age",
    ) in fixes
    assert any("E0800009 read as E08000009" in f[2] for f in fixes)
    rejections = {(r["file"].rsplit("/", 1)[-1], r["row"], r["reason"]) for r in ctx.report.rejections}
    assert rejections == {
        ("mid2017_population_ward.csv", 5, "Electoral ward E05011111 is not a Trafford area or a comparator"),
        (
            "mid2020_population_all_geographies.csv",
            None,
            "1 OA rows left out: only LSOA rows are taken from this file",
        ),
        (
            "mid2020_population_all_geographies.csv",
            None,
            "1 Electoral ward rows left out: only LSOA rows are taken from this file",
        ),
        ("mid2024_population_lsoa.csv", 3, "LSOA E01005000 is not a Trafford area or a comparator"),
        ("mid2024_population_lsoa.csv", 4, "unknown sex 'Unknown'"),
        ("mid2024_population_lsoa.csv", 2, "5 is not a number: 'abc'"),
    }


@pytest.mark.integration
def test_real_population_files() -> None:
    raw = raw_dir()
    if not (raw / DIR).exists():
        pytest.skip("raw data folder not available")
    df = population.load(IngestContext(raw))
    persons = df[(df["indicator_id"] == "population_total") & (df["breakdown"] == "Persons")]
    per = persons.groupby(["level", "period"]).size().to_dict()
    for year in ("2017", "2018", "2019", "2020"):
        assert per[("ward_2022", year)] == 21 and per[("msoa_2011", year)] == 28
    for year in ("2022", "2024"):
        assert per[("ward_2023", year)] == 21 and per[("lsoa_2021", year)] == 139
    assert per[("lsoa_2011", "2017")] == 138 and per[("lsoa_2011", "2020")] == 138
    la = persons[persons["level"] == "la"].set_index("period")["value"]
    assert list(la.index) == ["2017", "2018", "2019", "2020", "2022", "2023", "2024"]
    assert la["2024"] == 241025.0  # checked by hand in mid2024_population_local_authority.csv
    rows = df.set_index(["indicator_id", "area_code", "period", "breakdown"])
    # Altrincham mid-2017, Females: 1104 aged 65+ of 6436.
    alt = rows.loc[("population_aged_65_plus", "E05000819", "2017", "Female")]
    assert (alt["numerator"], alt["denominator"]) == (1104.0, 6436.0)
    assert rows.loc[("population_total", "E02001259", "2024", "Persons"), "level"] == "msoa_2021"
    assert pd.api.types.is_float_dtype(df["value"])
