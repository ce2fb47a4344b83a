"""MSOA prevalence, jobs and benefit counts: Trafford's MSOAs, measures to ids, periods, repeats, missing files."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import msoa_health as mh

HEADER = ["area_code", "area_name", "indicator", "period", "measure", "unit", "value"]
ASTHMA, RETAIL, UC = (
    "health/asthma_prevalence.csv",
    "economy/retail_jobs.csv",
    "social/universal_credit_msoa.csv",
)


def _write(raw: Path, name: str, rows: list[list]) -> None:
    path = raw / mh.FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *rows])


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    """Three of the eighteen tables; the rest are missing."""
    _write(
        tmp_path,
        ASTHMA,
        [
            ["E02001259", "Old Trafford", "Asthma prevalence", "2018", "percentage", "persons", "6.6"],
            ["E02001260", "Trafford Park", "Asthma prevalence", "2018", "percentage", "persons", "NA"],
            ["E02001000", "Manchester 001", "Asthma prevalence", "2018", "percentage", "persons", "5.0"],
            [
                "E02001259",
                "Old Trafford",
                "Asthma prevalence",
                "2018",
                "percentage",
                "persons",
                "6.7",
            ],  # conflict
        ],
    )
    _write(
        tmp_path,
        RETAIL,
        [
            ["E02001259", "Old Trafford", "Employee jobs in retail", "2018", "Count", "Persons", "1,300"],
            [
                "E02001259",
                "Old Trafford",
                "Employee jobs in retail",
                "2018",
                "Industry percentage",
                "Persons",
                "3.3",
            ],
            ["E02001259", "Old Trafford", "Employee jobs in retail", "2018", "Rank", "Persons", "7"],
        ],
    )
    _write(
        tmp_path,
        UC,
        [
            ["E02001259", "Old Trafford", "People on Universal Credit", "2019-01", "count", "persons", "842"],
            [
                "Old Trafford",
                "E02001259",
                "People on Universal Credit",
                "2019-02",
                "count",
                "persons",
                "807",
            ],  # swapped
            ["E02001259", "Old Trafford", "People on Universal Credit", "2019-13", "count", "persons", "1"],
        ],
    )
    return tmp_path


def test_rows(raw: Path):
    ctx = IngestContext(raw=raw)
    df = mh.load(ctx)
    got = (
        df[["indicator_id", "area_code", "level", "period", "value"]]
        .sort_values(["indicator_id", "area_code", "period"])
        .reset_index(drop=True)
    )
    want = pd.DataFrame(
        [
            ["qof_asthma_prevalence", "E02001259", "msoa_2011", "2018", 6.6],
            ["qof_asthma_prevalence", "E02001260", "msoa_2011", "2018", float("nan")],
            ["retail_jobs", "E02001259", "msoa_2011", "2018", 1300.0],
            ["retail_jobs_share", "E02001259", "msoa_2011", "2018", 3.3],
            ["universal_credit_claimants", "E02001259", "msoa_2011", "Feb 2019", 807.0],
            ["universal_credit_claimants", "E02001259", "msoa_2011", "Jan 2019", 842.0],
        ],
        columns=got.columns,
    )
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert (df["breakdown"] == "Persons").all()


def test_report(raw: Path):
    ctx = IngestContext(raw=raw)
    mh.load(ctx)
    rejections = [(r["file"], r["row"], r["reason"]) for r in ctx.report.rejections]
    a, r, u = (f"{mh.FOLDER}/{n}" for n in (ASTHMA, RETAIL, UC))
    assert (a, 4, "'E02001000' is not one of Trafford's MSOAs") in rejections
    assert (a, 5, "conflicting repeat (E02001259 2018): 6.7 vs 6.6 kept") in rejections
    assert (r, 4, "measure 'Rank' not used") in rejections
    assert any(f == u and row == 4 and "period '2019-13' not understood" in why for f, row, why in rejections)
    missing = [f for f, _, why in rejections if why.startswith("raw file missing")]
    assert len(missing) == len(mh.FILES) - 3
    assert any("swapped in 1 rows" in f["reason"] for f in ctx.report.fixes)


@pytest.mark.integration
def test_real_msoa_tables():
    raw = raw_dir()
    if not (raw / mh.FOLDER).exists():
        pytest.skip("raw data not available")
    ctx = IngestContext(raw=raw)
    df = mh.load(ctx)
    assert df.groupby(["indicator_id", "period"])["area_code"].nunique().eq(28).all()
    assert df.groupby("indicator_id")["period"].nunique()["universal_credit_claimants"] == 38
    assert df["indicator_id"].nunique() == 20
    v = df.set_index(["indicator_id", "area_code", "period"])["value"]
    assert v[("universal_credit_claimants", "E02001259", "Jan 2019")] == 842
    assert v[("qof_diabetes_prevalence", "E02001259", "2018")] == 8.36
    assert not ctx.report.rejections
