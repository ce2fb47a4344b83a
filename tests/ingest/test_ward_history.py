"""Ward indicator history: period and measure spellings, code vintages, repeats and conflicts."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import ward_history
from data.ingest.sources._ward_history import HISTORY, MANIFEST, _period
from data.periods import STORE, read_period

HEADER = [
    "area_code",
    "area_name",
    "indicator",
    "period",
    "measure",
    "unit",
    "value",
    "source_path",
    "source_commit",
]
OLD, NEW = "a" * 40, "b" * 40  # commits published 2018-12-12 and 2019-01-23


def write_history(raw: Path, rows: list[list]) -> None:
    """The history and its manifest under `raw` (a helper other ingest tests copy)."""
    (raw / "tdl_ward_data").mkdir(parents=True, exist_ok=True)
    with open(raw / HISTORY, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *rows])
    with open(raw / MANIFEST, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [
                ["source_path", "period", "source_commit", "commit_date", "blob", "rows"],
                ["x.csv", "2017", OLD, "2018-12-12", "0", "1"],
                ["x.csv", "2017", NEW, "2019-01-23", "0", "1"],
            ]
        )


ROWS = [
    [
        "E05000819",
        "Altrincham",
        "Male life expectancy at birth",
        "2011 to 2015",
        "Years",
        "Males",
        "79.7",
        "h/data/le.csv",
        NEW,
    ],
    [
        "E05000819",
        "Altrincham",
        "Male life expectancy at birth",
        "2011-2015",
        "count",
        "persons",
        "79.7",
        "h/le.csv",
        OLD,
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
    ["E05000819", "Altrincham", "Fuel poverty", "2017", "percentage", "households", "9.5", "d/fp.csv", OLD],
    [
        "E05000820",
        "Ashton upon Mersey",
        "Adults binge drinking",
        "2006-08",
        "percent",
        "persons",
        "20.5",
        "h/b.csv",
        OLD,
    ],
    [
        "E36006405",
        "Altrincham",
        "Residents with no qualifications",
        "2011",
        "percentage",
        "persons",
        "14.1",
        "e/nq.csv",
        OLD,
    ],
    [
        "E05000819",
        "Altrincham",
        "Residents with no qualifications",
        "2011",
        "Percentage",
        "Persons",
        "14.1",
        "e/data/nq.csv",
        NEW,
    ],
    [
        "E05015239",
        "Altrincham",
        "Residents with no qualifications (from best-fit OAs)",
        "2021",
        "Count",
        "Persons",
        "1500",
        "e/data/nq.csv",
        NEW,
    ],
    [
        "E05015239",
        "Altrincham",
        "Residents with no qualifications (from best-fit OAs)",
        "2021",
        "Percentage",
        "Persons",
        "12.3",
        "e/data/nq.csv",
        NEW,
    ],
    [
        "E05000819",
        "Altrincham",
        "Average download speed",
        "2017-05",
        "Bandwidth",
        "Mbps",
        "36.2",
        "c/data/bb.csv",
        NEW,
    ],
    [
        "E05000819",
        "Altrincham",
        "All licensed ultra low emission vehicles",
        "2022-03",
        "Count",
        "vehicles",
        "1,156",
        "t/data/u.csv",
        NEW,
    ],
    [
        "E05000819",
        "Altrincham",
        "Claimant rate",
        "2018-11-01",
        "Percentage",
        "Persons",
        "1.2",
        "l/data/c.csv",
        NEW,
    ],
    [
        "E05000819",
        "Altrincham",
        "A brand new indicator",
        "2020",
        "Percentage",
        "Persons",
        "5",
        "n/data/n.csv",
        NEW,
    ],
    [
        "E05000819",
        "Altrincham",
        "Index of Multiple Deprivation",
        "2019",
        "Score",
        "Persons",
        "8.9",
        "d/data/imd.csv",
        NEW,
    ],
    ["E05099999", "Elsewhere", "Burglary", "2017-10 to 2018-11", "Rate", "Crimes", "3", "cs/data/b.csv", NEW],
    [
        "E05000821",
        "Bowdon",
        "Children in Year 6 who were classified as obese",
        "2017/18 to 2019/20",
        "Percentage",
        "Persons",
        "NA",
        "h/data/o6.csv",
        NEW,
    ],
    [
        "E05000822",
        "Broadheath",
        "Burglary",
        "2017-10 to 2018-11",
        "Rate",
        "Crimes",
        "abc",
        "cs/data/b.csv",
        NEW,
    ],
    [
        "E05000822",
        "Broadheath",
        "Hospital admissions for self-harm",
        "2015/16 - 19/20",
        "SAR",
        "Admissions",
        "170.3",
        "h/data/sh.csv",
        NEW,
    ],
]


@pytest.fixture()
def loaded(tmp_path: Path):
    """load() on the fixture history, with its context."""
    write_history(tmp_path, ROWS)
    ctx = IngestContext(raw=tmp_path)
    return ward_history.load(ctx), ctx


def test_rows_are_cleaned_and_deduplicated(loaded):
    df, _ = loaded
    got = df[["indicator_id", "area_code", "level", "period", "breakdown", "value", "source_row"]]
    got = got.sort_values(["indicator_id", "area_code"]).reset_index(drop=True)
    want = pd.DataFrame(
        [
            ["binge_drinking_modelled", "E05000820", "ward_2022", "2006 - 08", "Persons", 20.5, 6],
            ["broadband_download_speed", "E05000819", "ward_2022", "May 2017", "Persons", 36.2, 11],
            ["fuel_poverty", "E05000819", "ward_2022", "2017", "Persons", 9.2, 4],
            ["life_expectancy_birth", "E05000819", "ward_2022", "2011 - 15", "Male", 79.7, 2],
            ["no_qualifications", "E05000819", "ward_2022", "2011", "Persons", 14.1, 8],
            ["no_qualifications", "E05015239", "ward_2023", "2021", "Persons", 12.3, 10],
            ["obesity_year6", "E05000821", "ward_2022", "2017/18 - 19/20", "Persons", float("nan"), 17],
            ["self_harm_admissions_sar", "E05000822", "ward_2022", "2015/16 - 19/20", "Persons", 170.3, 19],
            ["ulev_licensed", "E05000819", "ward_2022", "Q1 2022", "Persons", 1156.0, 12],
        ],
        columns=got.columns,
    )
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert set(df["source_path"]) == {HISTORY}
    for label in df["period"]:
        assert read_period(label, hint=STORE).label == label


def test_report_lines(loaded):
    _, ctx = loaded
    fixes = [f["reason"] for f in ctx.report.fixes]
    rejections = {r["row"]: r["reason"] for r in ctx.report.rejections}
    assert any("'2006-08' read as years '2006 - 08'" in f for f in fixes)
    assert any("labelled 'Q1 2022'" in f for f in fixes)
    assert any(
        "life_expectancy_birth 2011 - 15 Male: 1 rows spelled '2011-2015' count/persons" in f
        and "kept once" in f
        for f in fixes
    )
    assert any("value missing in the source" in f for f in fixes)
    # Conflicting repeat: the later publication (9.2) kept, the earlier (9.5) reported.
    assert "1 differ" in rejections[5] and "9.5 dropped, 9.2 kept" in rejections[5]
    assert "census merged ward E36006405" in rejections[7] and "same name and value" in rejections[7]
    assert "measure 'Count' is not the indicator's unit" in rejections[9]
    # the claimant module reads the history's claimant rate itself: not "left out" (it keeps or reports each row)
    assert 13 not in rejections
    assert any("'Claimant rate' (1 rows) is read by the claimant module" in f for f in fixes)
    assert "'A brand new indicator' left out" in rejections[14] and "not mapped" in rejections[14]
    assert "not a Trafford ward" in rejections[16]
    assert "not a number" in rejections[18]
    assert 15 not in rejections  # the IMD row belongs to the deprivation module, not reported here


def test_year_spans_and_quarters():
    assert _period("2006-08") == "Aug 2006"
    assert _period("2006-08", span=True) == "2006 - 08"
    assert _period("2022-03", quarter=True) == "Q1 2022"
    assert _period("2014 - 18") == "2014 - 18"


@pytest.mark.integration
def test_real_history():
    raw = raw_dir()
    if not (raw / HISTORY).exists():
        pytest.skip("raw data not available")
    ctx = IngestContext(raw=raw)
    df = ward_history.load(ctx)
    assert not df.duplicated(["indicator_id", "area_code", "level", "period", "breakdown"]).any()
    bb = df[df["indicator_id"] == "broadband_download_speed"]
    assert bb.groupby("level")["period"].nunique().to_dict() == {"ward_2022": 4, "ward_2023": 1}
    assert bb.groupby(["level", "period"])["area_code"].nunique().eq(21).all()
    le = df[
        (df["indicator_id"] == "life_expectancy_birth")
        & (df["area_code"] == "E05000819")
        & (df["breakdown"] == "Male")
    ].set_index("period")["value"]
    assert le.to_dict() == {"2011 - 15": 79.7, "2013 - 17": 80.4, "2015 - 19": 79.5}
    one = df.set_index(["indicator_id", "area_code", "period"])["value"]
    assert one[("fuel_poverty", "E05000819", "2020")] == 9.1
    assert one[("deaths_cancer_smr", "E05000824", "2015 - 19")] == 132.8
    assert not df["area_code"].str.startswith("E36").any()
    e36 = [r for r in ctx.report.rejections if "census merged ward" in r["reason"]]
    assert len(e36) == 84 and all("same name and value" in r["reason"] for r in e36)
