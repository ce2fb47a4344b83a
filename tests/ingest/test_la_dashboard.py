"""The 2019/20 dashboard's long LA series (group K): a small messy raw folder, then the real one."""

from __future__ import annotations

import pandas as pd
import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import la_dashboard, la_themes
from data.ingest.sources._la_periods import fy_only, multi_dash, year_to_month
from data.ingest.sources._la_series import Spec, complement
from data.periods import STORE, read_period

K, I = "tdl_dashboard", "tdl_trafford_themes"  # noqa: E741 - SOURCES.md group letters
FP = "area_code,area_name,period,value,indicator,measure,unit,significance\n"
FILES = {
    f"{K}/health/healthy_life_expectancy_at_birth.csv":
        "area_code,area_name,period,value,indicator,measure,unit,group,significance\n"
        "E08000009,Trafford,2009-11,61.9,HLE,Life expectancy,Years,Male,Similar\n"
        "E08000009,Trafford,2015-17,64,HLE,Life expectancy,Years,Male,Similar\n"
        "E47000001,Greater Manchester,2015-17,60,HLE,Life expectancy,Years,Male,Worse\n",
    f"{I}/health/healthy_life_expectancy.csv":
        "area_code,area_name,area_type,period,indicator,measure,unit,value,compared_to_England,inequality\n"
        "E08000009,Trafford,UA,2015 - 17,HLE,Life expectancy,Years,65,Better,Male\n",
    f"{K}/children/dental_decay.csv": FP +
        "E08000009,Trafford,2007/08,67.5,Free from decay,Percentage,Persons,Similar\n"
        "E08000009,Trafford,2014/15,73.6,Free from decay,Percentage,Persons,Similar\n"
        "E08000009,Trafford,2008/09,NA,Free from decay,Percentage,Persons,Not compared\n",
    f"{I}/children/children_dental_decay.csv":
        "area_code,area_name,area_type,period,indicator,measure,unit,value,compared_to_England,inequality\n"
        "E08000009,Trafford,UA,2014/15,Decay,Percentage,5 years children,26.4,Similar,NA\n"
        "E08000009,Trafford,UA,2008/09,Decay,Percentage,5 years children,NA,Similar,NA\n",
    f"{K}/places/employment_rate.csv":
        "area_code,area_name,indicator,period,measure,unit,value\n"
        "E11000001,Greater Manchester,Employment rate,2016-03-01,Percentage,Persons,70.3\n"
        "E08000009,Trafford,Employment rate,2016-03-01,Percentage,Persons,79\n",
    f"{K}/housing/vacant_properties.csv":
        "area_code,area_name,indicator,period,measure,unit,value\n"
        "E92000001,England,Long term vacant proprties,2004,Percentage,Dwellings,0.014694798007747648\n"
        "E08000009,Trafford,Long term vacant proprties,2004,Percentage,Dwellings,1.3\n",
    f"{K}/pride/crime_rate.csv":
        "area_code,area_name,period,value,indicator,measure,unit,group\n"
        "E22000107,Trafford,2008/09,78.624537858031815,Offence rate,Rate per 1,000,Offences,Total recorded crime\n"
        "E23000005,Greater Manchester,2008/09,:,Offence rate,Rate per 1,000,Offences,Total recorded crime\n"
        "E92000001,England,2018,85.396821556334686,Offence rate,Rate per 1,000,Offences,Total recorded crime\n",
    f"{K}/green/co2_emissions.csv":
        "area_code,area_name,indicator,period,measure,unit,value,group\n"
        "Trafford,E08000009,CO2 emissions,2005,CO2,kt,2156.013699933271,Total\n"
        "Trafford,E08000009,CO2 emissions,2005,CO2,kt,1151.9912383026096,Industrial and commercial\n",
    f"{K}/green/nitrogen_dioxide.csv":
        "site,site_id,site_type,period,value,indicator,measure,unit\r\n"
        "Trafford,TRAF,Urban Background,2014,22,Nitrogen dioxide,NO2 annual mean,µg/m3\r\n"
        "Trafford A56,TRF2,Urban Traffic,2014,32,Nitrogen dioxide,NO2 annual mean,µg/m3\r\n"
        "Trafford Wellacre Academy,TRF3,Urban Background,2014,17,Nitrogen dioxide,NO2 annual mean,µg/m3\r\n"
        "Trafford Wellacre Academy,TRF3,Urban Background,2013,NA,Nitrogen dioxide,NO2 annual mean,µg/m3\r\n",
    f"{K}/green/particulate_matter.csv":
        "site,site_id,site_type,period,value,indicator,measure,unit\r\n"
        "Trafford,TRAF,Urban Background,2009,18,Particulate Matter,PM10 annual mean,µg/m3\r\n",
}
FILES[f"{K}/pride/crime_rate.csv"] = FILES[f"{K}/pride/crime_rate.csv"].replace("Rate per 1,000", '"Rate per 1,000"')
SUBSET = [
    Spec("healthy_life_expectancy_birth", f"{K}/health/healthy_life_expectancy_at_birth.csv", breakdown="group",
         period=multi_dash),
    Spec("dental_decay_age5", f"{K}/children/dental_decay.csv", scale=complement),
    Spec("employment_rate", f"{K}/places/employment_rate.csv", period=year_to_month),
    Spec("vacant_dwellings_long_term", f"{K}/housing/vacant_properties.csv", fraction=True),
    Spec("crime_rate_total", f"{K}/pride/crime_rate.csv", where={"group": "Total recorded crime"}, period=fy_only),
    Spec("co2_emissions_territorial", f"{K}/green/co2_emissions.csv", where={"group": "Total"}),
    Spec("co2_emissions_domestic", f"{K}/green/co2_emissions.csv", where={"group": "Domestic"}),
]


NEWER = [  # the themes module's specs for the same ids, cut down to the files written
    Spec("healthy_life_expectancy_birth", f"{I}/health/healthy_life_expectancy.csv", breakdown="inequality"),
    Spec("dental_decay_age5", f"{I}/children/children_dental_decay.csv"),
    Spec("employment_rate", f"{I}/economy/employment_rate.csv"),  # missing here: nothing newer to defer to
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """load() once on the small raw folder; the themes module's newer rows limited to the two files written."""
    raw = tmp_path_factory.mktemp("raw")
    for rel, text in FILES.items():
        (raw / rel).parent.mkdir(parents=True, exist_ok=True)
        (raw / rel).write_bytes(text.encode("utf-8"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(la_dashboard, "SPECS", SUBSET)
        mp.setattr(la_themes, "SPECS", NEWER)
        ctx = IngestContext(raw)
        return la_dashboard.load(ctx), ctx.report


def _rows(df: pd.DataFrame, indicator: str) -> list[tuple]:
    sub = df[df["indicator_id"] == indicator].sort_values(["area_code", "period", "breakdown"])
    return [(r.area_code, r.level, r.period, r.breakdown, None if pd.isna(r.value) else r.value)
            for r in sub.itertuples()]


def test_older_periods_only_where_the_themes_release_overlaps(loaded):
    df, report = loaded
    assert _rows(df, "healthy_life_expectancy_birth") == [
        ("E08000009", "la", "2009 - 11", "Male", 61.9),
        ("E47000001", "combined_authority", "2015 - 17", "Male", 60.0),
    ]
    # 100 - % free from decay; 2014/15 is in the newer file, 2008/09 is empty in both
    assert _rows(df, "dental_decay_age5") == [("E08000009", "la", "2007/08", "Persons", 32.5)]
    fixes = " | ".join(f["reason"] for f in report.fixes)
    assert ("healthy_life_expectancy_birth: 1 rows also in tdl_trafford_themes/health/healthy_life_expectancy.csv "
            "left out in favour of that release; 1 differ by more than rounding (e.g. E08000009 2015 - 17 Male: "
            "64 here, 65 kept)") in fixes
    assert "dental_decay_age5: 2 rows also in" in fixes and "values agree" in fixes


def test_periods_fractions_codes_and_swaps(loaded):
    df, report = loaded
    assert _rows(df, "employment_rate") == [
        ("E08000009", "la", "Apr 2015 - Mar 2016", "Persons", 79.0),
        ("E47000001", "combined_authority", "Apr 2015 - Mar 2016", "Persons", 70.3),
    ]
    assert _rows(df, "vacant_dwellings_long_term") == [("E92000001", "england", "2004", "Persons", 1.46948)]
    assert _rows(df, "crime_rate_total") == [
        ("E08000009", "la", "2008/09", "Persons", 78.6245),  # Greater Manchester's ':' left out
    ]
    assert _rows(df, "co2_emissions_territorial") == [("E08000009", "la", "2005", "Persons", 2156.01)]
    assert _rows(df, "co2_emissions_domestic") == []
    rejected = {(r["file"].rsplit("/", 1)[-1], r["row"], r["reason"]) for r in report.rejections}
    assert ("vacant_properties.csv", 3, "vacant_dwellings_long_term: value above 1 in a file of fractions") in rejected
    assert ("crime_rate.csv", 4, "calendar-year label '2018' in a financial-year series: its 12-month window is "
            "not documented and overlaps the financial years") in rejected
    assert ("co2_emissions.csv", None, "no rows with group = 'Domestic'") in rejected
    fixes = " | ".join(f["reason"] for f in report.fixes)
    assert "area_code and area_name swapped in 2 rows; swapped back" in fixes
    assert "E22000107 read as E08000009" in fixes and "E11000001 read as E47000001" in fixes
    for label in df["period"].unique():
        assert read_period(label, hint=STORE).label == label


def test_air_quality_calendar_years(loaded):
    df, report = loaded
    assert _rows(df, "no2_annual_mean") == [
        ("E08000009", "la", "Jan 2014 - Dec 2014", "Persons", 23.67),
        ("E08000009", "la", "Jan 2014 - Dec 2014", "Trafford A56 (TRF2)", 32.0),
        ("E08000009", "la", "Jan 2014 - Dec 2014", "Trafford Moss Park (TRAF)", 22.0),
        ("E08000009", "la", "Jan 2014 - Dec 2014", "Trafford Wellacre Academy (TRF3)", 17.0),
    ]
    fixes = " | ".join(f["reason"] for f in report.fixes)
    assert "no2_annual_mean Jan 2013 - Dec 2013: no borough mean, no reading at TRAF, TRF2, TRF3" in fixes
    assert "pm10_annual_mean Jan 2009 - Dec 2009: no borough mean, no reading at TRF2" in fixes


REAL = raw_dir()


@pytest.mark.integration
@pytest.mark.skipif(not (REAL / K).is_dir(), reason="real raw folder not present")
def test_real_files():
    df = la_dashboard.load(IngestContext(REAL))
    assert df["indicator_id"].nunique() >= 55
    for label in df["period"].dropna().unique():
        assert read_period(label, hint=STORE).label == label
    key = df.set_index(["indicator_id", "area_code", "period", "breakdown"])["value"]
    assert key[("dental_decay_age5", "E08000009", "2007/08", "Persons")] == pytest.approx(32.5)
    assert key[("crime_rate_total", "E08000009", "2008/09", "Persons")] == pytest.approx(78.6245)
    assert key[("vacant_dwellings_long_term", "E92000001", "2004", "Persons")] == pytest.approx(1.46948)
    assert key[("employment_rate", "E08000009", "Apr 2015 - Mar 2016", "Persons")] == 79.0
    assert key[("co2_emissions_territorial", "E08000009", "2005", "Persons")] == pytest.approx(2156.01)
    # the themes dashboard covers Trafford's smoking 2011-2018: only Greater Manchester's rows come from here
    assert set(df.loc[df["indicator_id"] == "smoking_prevalence_adults", "area_code"]) == {"E47000001"}
    assert not df.duplicated(["indicator_id", "level", "area_code", "period", "breakdown"]).any()
    assert not {"2018", "2019"} & set(df.loc[df["indicator_id"].str.startswith("crime_rate"), "period"])
