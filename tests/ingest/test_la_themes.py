"""The themes dashboard's LA series (group I) and J air quality: a small messy raw folder, then the real one."""

from __future__ import annotations

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import la_themes
from data.ingest.sources._la_series import Spec
from data.periods import STORE, read_period

I, J = "tdl_trafford_themes", "tdl_corporate_plan"  # noqa: E741 - SOURCES.md group letters
FT = "area_code,area_name,area_type,period,indicator,measure,unit,value,compared_to_England,inequality\n"
FILES = {
    f"{I}/health/life_expectancy.csv": FT + (
        "E92000001,England,Country,2015 - 17,Life expectancy at birth,Life expectancy,Years,79.5,Not compared,Male\n"
        "E08000009,Trafford,UA,2015 - 17,Life expectancy at birth,Life expectancy,Years,79.8,Similar,Male\n"
        "E08000009,Trafford,UA,2015 - 17,Life expectancy at birth,Life expectancy,Years,83.6,Better,Female\n"
        "E0800009,Trafford,UA,2016 - 18,Life expectancy at birth,Life expectancy,Years,80.1,Similar,Male\n"
        "E07000026,Allerdale,District,2016 - 18,Life expectancy at birth,Life expectancy,Years,NA,Not compared,Male\n"
        "E10000006,Cumbria,County,2016 - 18,Life expectancy at birth,Life expectancy,Years,n/k,Similar,Male\n"
        "E05000650,Astley Bridge,Ward,2016 - 18,Life expectancy at birth,Life expectancy,Years,78,Similar,Male\n"
        "E08000009,Trafford,UA,2016-18,Life expectancy at birth,Life expectancy,Years,80.2,Similar,Female\n"
    ),
    f"{I}/health/mortality_rate.csv": FT + (
        'E08000009,Trafford,UA,2014,"Under 75 mortality rate from causes considered preventable (per 100,000 '
        'population)",Age-standardised rate,Male,179,Better,NA\n'
    ),
    f"{I}/children/obese_year6.csv": FT + (
        "E08000009,Trafford,UA,2024/25,Year 6 prevalence of obesity (including severe obesity),Percentage,"
        "Persons,17.1,Better,NA\n"
        "E92000001,England,Country,2020/21 - 24/25,\"Year 6 prevalence of obesity (including severe obesity), "
        "5 years data combined\",Percentage,Persons,28.9,Worse,Most deprived quintile\n"
        "E05015239,Altrincham,Electoral Wards (2024),2022/23 - 24/25,\"Year 6 prevalence of obesity (including "
        "severe obesity), 3 years data combined\",Percentage,Persons,9.9,Better,NA\n"
    ),
    f"{I}/economy/gdp_per_head.csv": "area_code,area_name,period,value,indicator\n"
                                     "E08000009,Trafford,2023,60120,GDP per head\n",
    f"{I}/economy/gdp.csv": "area_code,area_name,period,indicator,measure,units,value\n"
                            "E08000009,Trafford,2023,GDP per head,Rate per head,pounds (£),60120\n"
                            "E08000009,Trafford,2022,GDP per head,Rate per head,pounds (£),\"58,001\"\n",
    f"{I}/economy/business_births_deaths.csv": "area_code,area_name,period,indicator,measure,value\n"
                                               "E08000009,Trafford,Q1 2022,Business Births,Count,300\n"
                                               "E08000009,Trafford,Q1 2022,Business Births,Per 1000 population,1.27\n",
    f"{I}/climate/energy_performance_certificates.csv": (
        "area_code,area_name,period,indicator,measure,unit,value_certificates_lodged,value_rating_A,"
        "value_rating_B,value_rating_C\n"
        "E92000001,England,2008-12-31,EPC,Frequency,Certificates,597394,228,69250,164998\n"
        "E08000009,Trafford,2009-03-31,EPC,Frequency,Certificates,0,0,0,0\n"
    ),
    f"{I}/climate/licensed_vehicles.csv": (
        "area_code,area_name,period,indicator,measure,unit,value_ulev,value_all_vehicles\n"
        "E08000009,Trafford,2022-12-31,Licensed vehicles,Frequency,Vehicles,2849,130586.00000000001\n"
    ),
    f"{I}/climate/no2_concentration.csv": (
        "station_code,station_name,period,indicator,measure,unit,value\n"
        "TRF2,Trafford A56,2024-03-31,NO2,Annual mean concentration,µg/m3,20\n"
        "TRF3,Trafford Wellacre Academy,2024-03-31,NO2,Annual mean concentration,µg/m3,11\n"
        "TRAF,Trafford Moss Park,2024-03-31,NO2,Annual mean concentration,µg/m3,14.2\n"
    ),
    f"{J}/climate/no2_concentration.csv": (
        "station_code,station_name,period,indicator,measure,unit,value\n"
        "TRF2,Trafford A56,2024-03-31,NO2,Annual mean concentration,µg/m3,19.9\n"
        "TRF3,Trafford Wellacre Academy,2024-03-31,NO2,Annual mean concentration,µg/m3,10.9\n"
        "TRAF,Trafford Moss Park,2024-03-31,NO2,Annual mean concentration,µg/m3,14.2\n"
        "TRF2,Trafford A56,2021-06-30,NO2,Annual mean concentration,µg/m3,22.6\n"
        "TRAF,Trafford Moss Park,2021-06-30,NO2,Annual mean concentration,µg/m3,15.3\n"
        "XYZ1,Elsewhere,2021-06-30,NO2,Annual mean concentration,µg/m3,30\n"
    ),
}
SUBSET = [
    Spec("life_expectancy_birth", f"{I}/health/life_expectancy.csv", breakdown="inequality"),
    Spec("preventable_mortality_u75", f"{I}/health/mortality_rate.csv", breakdown="unit"),
    Spec("obesity_year6", f"{I}/children/obese_year6.csv", breakdown="inequality"),
    Spec("gdp_per_head", f"{I}/economy/gdp_per_head.csv"),
    Spec("gdp_per_head", f"{I}/economy/gdp.csv"),
    Spec("business_births", f"{I}/economy/business_births_deaths.csv",
         where={"indicator": "Business Births", "measure": "Count"}),
    Spec("business_births_rate", f"{I}/economy/business_births_deaths.csv",
         where={"indicator": "Business Births", "measure": "Per 1000 population"}),
    Spec("business_deaths", f"{I}/economy/business_births_deaths.csv",
         where={"indicator": "Business Deaths", "measure": "Count"}),
]
AIR = [("no2_annual_mean", f"{I}/climate/no2_concentration.csv", ("TRAF", "TRF2", "TRF3")),
       ("no2_annual_mean", f"{J}/climate/no2_concentration.csv", ("TRAF", "TRF2", "TRF3"))]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """load() once on the small raw folder, with the module's file lists cut down to the files written."""
    raw = tmp_path_factory.mktemp("raw")
    for rel, text in FILES.items():
        (raw / rel).parent.mkdir(parents=True, exist_ok=True)
        (raw / rel).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(la_themes, "SPECS", SUBSET)
        mp.setattr(la_themes, "AIR", AIR)
        ctx = IngestContext(raw)
        return la_themes.load(ctx), ctx.report


def _rows(df: pd.DataFrame, indicator: str) -> list[tuple]:
    sub = df[df["indicator_id"] == indicator].sort_values(["area_code", "period", "breakdown"])
    return [(r.area_code, r.level, r.period, r.breakdown, None if pd.isna(r.value) else r.value)
            for r in sub.itertuples()]


def test_fingertips_rows_breakdowns_levels_and_codes(loaded):
    df, _ = loaded
    assert _rows(df, "life_expectancy_birth") == [
        ("E08000009", "la", "2015 - 17", "Female", 83.6),
        ("E08000009", "la", "2015 - 17", "Male", 79.8),
        ("E08000009", "la", "2016 - 18", "Female", 80.2),  # '2016-18' read as a range, not a month
        ("E08000009", "la", "2016 - 18", "Male", 80.1),    # mistyped E0800009
        ("E92000001", "england", "2015 - 17", "Male", 79.5),  # Allerdale 'NA' and Cumbria 'n/k' left out
    ]
    assert _rows(df, "preventable_mortality_u75") == [("E08000009", "la", "2014", "Male", 179.0)]
    assert _rows(df, "obesity_year6") == [
        ("E05015239", "ward_2023", "2022/23 - 24/25", "Persons", 9.9),
        ("E08000009", "la", "2024/25", "Persons", 17.1),
        ("E92000001", "england", "2020/21 - 24/25", "Most deprived quintile", 28.9),
    ]
    assert set(df["source_path"]) >= {f"{I}/health/life_expectancy.csv"}
    for label in df["period"].unique():
        assert read_period(label, hint=STORE).label == label


def test_messy_cells_reported(loaded):
    _, report = loaded
    rejected = {(r["file"].rsplit("/", 1)[-1], r["row"], r["reason"]) for r in report.rejections}
    assert ("life_expectancy.csv", 7, "value is not a number: 'n/k'") in rejected
    assert ("life_expectancy.csv", 8, "life_expectancy_birth: area outside the store's geographies (E05000650) "
            "left out") in rejected
    assert ("business_births_deaths.csv", None, "no rows with indicator = 'Business Deaths'") in rejected
    assert ("life_expectancy.csv", None, "life_expectancy_birth: 2 rows have no value (NA, ':', empty or "
            "unreadable); left out") in rejected
    fixes = " | ".join(f["reason"] for f in report.fixes)
    assert "mistyped code E0800009 read as E08000009" in fixes
    assert "gdp_per_head: 1 rows also in tdl_trafford_themes/economy/gdp_per_head.csv" in fixes


def test_odd_shapes(loaded):
    df, _ = loaded
    assert _rows(df, "gdp_per_head") == [("E08000009", "la", "2022", "Persons", 58001.0),
                                         ("E08000009", "la", "2023", "Persons", 60120.0)]
    assert _rows(df, "business_births") == [("E08000009", "la", "Q1 2022", "Persons", 300.0)]
    assert _rows(df, "business_births_rate") == [("E08000009", "la", "Q1 2022", "Persons", 1.27)]
    epc = df[df["indicator_id"] == "epc_rated_a_to_c"].set_index("area_code")
    assert epc.loc["E92000001", "period"] == "Q4 2008"
    assert epc.loc["E92000001", "numerator"] == 228 + 69250 + 164998
    assert epc.loc["E92000001", "denominator"] == 597394
    assert epc.loc["E92000001", "value"] == pytest.approx(39.2498, abs=1e-4)
    assert "E08000009" not in epc.index  # nothing lodged: no share
    assert _rows(df, "ulev_licensed") == []  # not in the cut-down SPECS
    share = df[df["indicator_id"] == "ulev_share"].iloc[0]
    assert (share["period"], share["denominator"]) == ("Q4 2022", 130586.0)  # float noise rounded away


def test_air_quality_stations_means_and_vintages(loaded):
    df, report = loaded
    assert _rows(df, "no2_annual_mean") == [
        ("E08000009", "la", "Apr 2023 - Mar 2024", "Persons", 15.07),
        ("E08000009", "la", "Apr 2023 - Mar 2024", "Trafford A56 (TRF2)", 20.0),
        ("E08000009", "la", "Apr 2023 - Mar 2024", "Trafford Moss Park (TRAF)", 14.2),
        ("E08000009", "la", "Apr 2023 - Mar 2024", "Trafford Wellacre Academy (TRF3)", 11.0),
        ("E08000009", "la", "Jul 2020 - Jun 2021", "Trafford A56 (TRF2)", 22.6),
        ("E08000009", "la", "Jul 2020 - Jun 2021", "Trafford Moss Park (TRAF)", 15.3),
    ]
    fixes = " | ".join(f["reason"] for f in report.fixes)
    assert "no2_annual_mean Jul 2020 - Jun 2021: no borough mean, no reading at TRF3" in fixes
    assert "no2_annual_mean: 4 rows also in tdl_trafford_themes/climate/no2_concentration.csv" in fixes
    assert "3 differ by more than rounding" in fixes
    assert any("station outside the network" in r["reason"] for r in report.rejections)


REAL = raw_dir()


@pytest.mark.integration
@pytest.mark.skipif(not (REAL / I).is_dir(), reason="real raw folder not present")
def test_real_files():
    df = la_themes.load(IngestContext(REAL))
    assert df["indicator_id"].nunique() >= 65
    for label in df["period"].dropna().unique():
        assert read_period(label, hint=STORE).label == label
    wards = df[df["indicator_id"] == "obesity_year6"].query("level == 'ward_2023'")
    assert wards["area_code"].nunique() == 21
    key = df.set_index(["indicator_id", "area_code", "period", "breakdown"])["value"]
    assert key[("life_expectancy_birth", "E08000009", "2015 - 17", "Male")] == 79.8
    assert key[("obesity_year6", "E05015239", "2022/23 - 24/25", "Persons")] == 9.9
    assert key[("no2_annual_mean", "E08000009", "Apr 2025 - Mar 2026", "Persons")] == pytest.approx(11.7)
    assert key[("epc_rated_a_to_c", "E92000001", "Q4 2008", "Persons")] == pytest.approx(39.2498, abs=1e-4)
    assert not df.duplicated(["indicator_id", "level", "area_code", "period", "breakdown"]).any()


def test_published_judgements_kept_with_comparator_and_publisher(loaded):
    df, _ = loaded
    le = df[df["indicator_id"] == "life_expectancy_birth"].set_index(["area_code", "period", "breakdown"])
    assert le.loc[("E08000009", "2015 - 17", "Female"), ["published_judgement", "published_comparator",
                                                         "published_by"]].tolist() == ["better", "E92000001", "OHID"]
    assert le.loc[("E08000009", "2016 - 18", "Male"), "published_judgement"] == "similar"
    england = le.loc[("E92000001", "2015 - 17", "Male")]  # "Not compared": no judgement, no comparator
    assert england[["published_judgement", "published_comparator", "published_by"]].isna().all()
    gdp = df[df["indicator_id"] == "gdp_per_head"]  # a file without the column
    assert gdp["published_judgement"].isna().all()
