"""Claimant count, claimant rate and Universal Credit: a small messy raw folder with every source, then the real one."""

from __future__ import annotations

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import claimant
from data.periods import STORE, read_period

CC = "area_code,area_name,period,indicator,measure,units,value\n"
UC = "area_code,area_name,indicator,period,measure,unit,value\n"
RATE = "Claimants as a proportion of residents aged 16-64"
UC_RATE = "People on Universal Credit as a proportion of residents aged 16-64"
FILES = {
    claimant.I_CC: CC + (
        "E08000009,Trafford,March 2026,Claimant count,Count,Persons,4895\n"
        f"E08000009,Trafford,March 2026,{RATE},Percentage,Persons,3.2\n"
        "E08000009,Trafford,April 2024,Claimant count,Count,Persons,4420\n"
        "E05015239,Altrincham,March 2026,Claimant count,Count,Persons,160\n"
        f"E05015239,Altrincham,March 2026,{RATE},Percentage,Persons,2.2\n"
    ),
    claimant.J_CC: CC + (
        "E08000009,Trafford,April 2024,Claimant count,Count,Persons,4495\n"
        "E08000009,Trafford,April 2021,Claimant count,Count,Persons,7600\n"
        "E05000819,Altrincham,April 2024,Claimant count,Count,Persons,170\n"
        "E05000819,Altrincham,April 2024,Claimant count,Count,Persons,\n"
    ),
    claimant.I_UC: UC + (
        "E08000009,Trafford,People on Universal Credit,March 2026,count,persons,\"19,001\"\n"
        f"E08000009,Trafford,{UC_RATE},March 2026,rate,persons,12.6\n"
    ),
    claimant.J_UC: UC + "E05000819,Altrincham,People on Universal Credit,April 2024,count,persons,660\n",
    claimant.K_CC: "area_code,area_name,indicator,period,measure,unit,value,group\n"
                   "E11000001,Greater Manchester,Claimant count,2013-01-01,Count,Persons,85210,Claimant count\n"
                   "E08000009,Trafford,Claimant count,2015-01-01,Count,Persons,2320,Claimant count\n"
                   "E08000009,Trafford,Claimant count,2013-01-01,Count,Persons,4690,Alternative claimant count\n",
    claimant.G_LA: "date,count,rate,lad15cd,lad15nm,cauth15cd,cauth15nm\n"
                   "2015-01-01,2315,1.6,E08000009,Trafford,E47000001,GMCA\n"
                   "2015-11-01,2275,1.6,E08000009,Trafford,E47000001,GMCA\n",
    claimant.G_WARD: "date,count,rate,wd15cd,wd15nm,lad15cd,lad15nm\n"
                     "2015-04-01,60,0.8,E05000819,Altrincham,E08000009,Trafford\n"
                     "2015-04-01,155,1.7,E05000650,Astley Bridge,E08000001,Bolton\n",
    claimant.OGI_RATE: "Date,Geography,Measure Type,Unit,Value\n"
                       "2015-11,E08000009,percent,persons,1.6\n"
                       "2018-11,E05000819,percent,persons,1.6\n"
                       "2018-12,E47000001,percent,persons,x1\n",
    claimant.OGI_POP: "Geography,Measure Type,Unit,Value\n"
                      "E05000819,count,persons,8053\n"
                      "E08000009,count,persons,144826\n",
    claimant.WARD_HISTORY: "area_code,area_name,indicator,period,measure,unit,value,source_path,source_commit\n"
                           "E05000819,Altrincham,Claimant rate,2018-11-01,proportion,persons,1.6,a.csv,c1\n"
                           "E05000819,Altrincham,Claimant rate,2018-11-01,Percentage,Persons,1.6,b.csv,c2\n"
                           "E05000819,Altrincham,Claimant rate,2022-06-01,Percentage,Persons,2,b.csv,c3\n"
                           "E05000819,Altrincham,Fuel poverty,2020,Percentage,Households,9,c.csv,c4\n",
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """load() once on a raw folder holding a few rows of every claimant source."""
    raw = tmp_path_factory.mktemp("raw")
    for rel, text in FILES.items():
        (raw / rel).parent.mkdir(parents=True, exist_ok=True)
        (raw / rel).write_text(text, encoding="utf-8")
    ctx = IngestContext(raw)
    return claimant.load(ctx), ctx.report


def _rows(df: pd.DataFrame, indicator: str) -> list[tuple]:
    sub = df[df["indicator_id"] == indicator].sort_values(["area_code", "period"])
    return [(r.area_code, r.level, r.period, None if pd.isna(r.value) else r.value) for r in sub.itertuples()]


def test_claimant_count_from_every_release(loaded):
    df, report = loaded
    assert _rows(df, "claimant_count") == [
        ("E05000819", "ward_2022", "Apr 2015", 60.0),    # pre-2023 ward (G); Bolton's left out
        ("E05000819", "ward_2022", "Apr 2024", 170.0),   # pre-2023 ward (J)
        ("E05015239", "ward_2023", "Mar 2026", 160.0),   # May-2023 ward (I)
        ("E08000009", "la", "Apr 2021", 7600.0),
        ("E08000009", "la", "Apr 2024", 4420.0),         # I kept over J
        ("E08000009", "la", "Jan 2015", 2320.0),         # K kept over G
        ("E08000009", "la", "Mar 2026", 4895.0),
        ("E08000009", "la", "Nov 2015", 2275.0),         # G
        ("E47000001", "combined_authority", "Jan 2013", 85210.0),
    ]
    assert _rows(df, "alternative_claimant_count") == [("E08000009", "la", "Jan 2013", 4690.0)]
    fixes = " | ".join(f["reason"] for f in report.fixes)
    assert ("claimant_count: 1 rows also in tdl_trafford_themes/economy/claimant_count.csv left out in favour of "
            "that release; 1 differ by more than rounding (e.g. E08000009 Apr 2024 Persons: 4495 here, 4420 kept)"
            ) in fixes
    assert "claimant_count: 1 rows repeat another row of this file" in fixes  # J's empty repeat of Altrincham
    assert "claimant_count: 1 rows also in tdl_dashboard/places/claimant_count.csv" in fixes
    assert "E11000001 read as E47000001" in fixes


def test_claimant_rate_counts_and_ward_vintages(loaded):
    df, report = loaded
    rate = df[df["indicator_id"] == "claimant_rate"].set_index(["area_code", "period"])
    assert sorted(rate.index) == [("E05000819", "Apr 2015"), ("E05000819", "Jun 2022"), ("E05000819", "Nov 2018"),
                                  ("E05015239", "Mar 2026"), ("E08000009", "Jan 2015"), ("E08000009", "Mar 2026"),
                                  ("E08000009", "Nov 2015")]
    assert rate.loc[("E05000819", "Apr 2015"), ["value", "numerator", "denominator"]].tolist() == [0.8, 60, 8053]
    assert rate.loc[("E08000009", "Nov 2015"), ["numerator", "denominator"]].tolist() == [2275, 144826]
    assert rate.loc[("E08000009", "Nov 2015"), "source_path"] == claimant.G_LA  # preferred to opengovintelligence
    assert rate.loc[("E05000819", "Nov 2018"), "source_path"] == claimant.WARD_HISTORY
    assert pd.isna(rate.loc[("E08000009", "Mar 2026"), "numerator"])
    rejected = {(r["file"], r["row"], r["reason"]) for r in report.rejections}
    assert (claimant.G_WARD, 3, "claimant_count: area outside the store's geographies (E05000650) left out") in rejected
    assert (claimant.OGI_RATE, 4, "value is not a number: 'x1'") in rejected
    for label in df["period"].unique():
        assert read_period(label, hint=STORE).label == label


def test_universal_credit(loaded):
    df, _ = loaded
    assert _rows(df, "universal_credit_claimants") == [("E05000819", "ward_2022", "Apr 2024", 660.0),
                                                       ("E08000009", "la", "Mar 2026", 19001.0)]
    assert _rows(df, "universal_credit_rate") == [("E08000009", "la", "Mar 2026", 12.6)]


REAL = raw_dir()


@pytest.mark.integration
@pytest.mark.skipif(not (REAL / claimant.I_CC).is_file(), reason="real raw folder not present")
def test_real_files():
    df = claimant.load(IngestContext(REAL))
    assert not df.duplicated(["indicator_id", "level", "area_code", "period", "breakdown"]).any()
    rate = df[df["indicator_id"] == "claimant_rate"]
    assert rate.loc[rate["level"] == "ward_2023", "area_code"].nunique() == 21
    assert rate.loc[rate["level"] == "ward_2022", "area_code"].nunique() == 21
    trafford = rate[rate["area_code"] == "E08000009"]
    assert trafford["period"].map(lambda p: read_period(p, hint=STORE).start.year).between(2015, 2026).all()
    key = df.set_index(["indicator_id", "area_code", "period"])
    assert key.loc[("claimant_count", "E08000009", "Jan 2013"), "value"] == 4620
    assert key.loc[("claimant_count", "E05015239", "Mar 2026"), "value"] == 160
    assert key.loc[("claimant_count", "E05000819", "Apr 2024"), "value"] == 170
    assert key.loc[("claimant_rate", "E05000819", "Apr 2015"), ["value", "numerator", "denominator"]].tolist() == \
        [0.8, 60, 8053]
    assert df.loc[df["indicator_id"] == "claimant_count", "period"].nunique() >= 130
