"""The catalogue says what the rows say: intervals by value type where counts allow, methods and licences from the
rows, local-authority tiers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.ingest import normalise
from data.ingest.areas import with_tiers
from data.ingest.catalog import indicators_table
from data.ingest.report import BuildReport
from data.ingest.source_meta import NO_DATA_LICENCE, caveated
from data.ingest.summaries import stats_table

META = {"value_type": "percentage", "multiplier": 100, "polarity": "low_is_good", "theme": "economy",
        "licence": "Open Government Licence v3.0", "name": "x", "id": "x", "definition": "", "unit": "%",
        "publisher": "p", "source_url": None, "notes": None}


def _rows(indicator: str, values, num, den, paths=None) -> pd.DataFrame:
    n = len(values)
    df = pd.DataFrame({"indicator_id": indicator, "level": "la", "area_code": [f"E080000{i:02d}" for i in range(n)],
                       "period": "2020", "breakdown": "Persons", "value": values, "numerator": num,
                       "denominator": den, "lower_ci": np.nan, "upper_ci": np.nan, "lower_ci_998": np.nan,
                       "upper_ci_998": np.nan, "source_path": paths or "a.csv", "source_row": np.arange(n)})
    return df.assign(period_start=pd.Timestamp("2020-01-01"), period_end=pd.Timestamp("2020-12-31"))


def test_counts_get_an_interval_even_where_the_catalogue_names_no_method():
    catalog = {"rate": META | {"id": "rate", "ci_method": "none"}}
    rows = _rows("rate", [2.0, 2.2, 5.0], [200.0, 280.0, 600.0], [10_000.0, 10_000.0, 500.0])
    report = BuildReport()
    out = normalise.add_intervals(rows, catalog, report)
    assert out["lower_ci"].iloc[0] < 2.0 < out["upper_ci"].iloc[0]  # Wilson from 200 / 10,000
    # 2.2 published against counts giving 2.8: another denominator, so no interval; 600 of 500 cannot take one
    assert out["lower_ci"].iloc[1:].isna().all() and len(out) == 3  # nothing rejected
    reasons = " | ".join(f["reason"] for f in report.fixes)
    assert "1 rows have counts a wilson interval cannot take" in reasons
    assert "1 of 2 rows' published values lie outside the wilson interval" in reasons


def test_ci_method_rows_with_interval_and_licence_come_from_the_rows():
    catalog = {"a": META | {"id": "a", "ci_method": "source"}, "b": META | {"id": "b", "ci_method": "none"}}
    a = _rows("a", [1.0, 2.0], np.nan, np.nan, ["tdl_dashboard/x.csv", "tdl_trafford_themes/y.csv"])
    b = _rows("b", [1.0, 2.0], np.nan, np.nan).assign(lower_ci=[0.5, np.nan], upper_ci=[1.5, np.nan])
    sources = pd.DataFrame({"source_path": ["tdl_dashboard/x.csv", "tdl_trafford_themes/y.csv", "a.csv"],
                            "licence": [NO_DATA_LICENCE.format(repo="dashboard"), "Open Government Licence v3.0",
                                        "Open Government Licence v3.0"]})
    table = indicators_table(catalog, pd.concat([a, b], ignore_index=True), sources).set_index("indicator_id")
    assert table.loc["a", "ci_method"] == "none" and table.loc["a", "rows_with_interval"] == 0  # "source", none given
    assert table.loc["b", "ci_method"] == "wilson" and table.loc["b", "share_with_interval"] == 0.5
    assert table.loc["a", "licence"].startswith("Open Government Licence v3.0; some rows: ")
    assert "states no data licence" in table.loc["a", "licence"] and caveated(table.loc["a", "licence"])
    assert table.loc["b", "licence"] == "Open Government Licence v3.0"


def test_counties_are_a_tier_of_their_own_and_left_out_of_the_spread():
    areas = pd.DataFrame({"area_code": ["E10000006", "E07000026", "E08000009", "E05000819"],
                          "level": ["la", "la", "la", "ward_2022"]})
    assert with_tiers(areas)["tier"].tolist() == ["county", "district", "metropolitan district", None]
    values = _rows("a", [10.0, 20.0, 30.0], np.nan, np.nan).assign(area_code=["E10000006", "E07000026", "E08000009"])
    stats = stats_table(values)
    assert stats["n"].tolist() == [2] and stats["min"].tolist() == [20.0]


def test_series_joining_releases_carry_their_release():
    from data.ingest.releases import mark_releases

    rows = pd.DataFrame({"indicator_id": "co2", "level": "la", "breakdown": "Persons",
                         "area_code": ["E08000009"] * 3 + ["E08000001"] * 2, "period": ["2011", "2012", "2013"] * 1
                         + ["2012", "2013"],
                         "source_path": ["tdl_dashboard/green/co2.csv", "tdl_trafford_themes/c.csv",
                                         "tdl_trafford_themes/c.csv", "tdl_trafford_themes/c.csv",
                                         "tdl_trafford_themes/c.csv"]})
    out = mark_releases(rows)
    assert out["release"].tolist()[:3] == ["2019/20 corporate dashboard release", "2025/26 themes dashboard release",
                                           "2025/26 themes dashboard release"]
    assert out["release"].iloc[3:].isna().all()  # Bolton's series comes from one release: no mark
