"""Whole-store checks run before a build is swapped in; a failed check keeps the previous store."""

from __future__ import annotations

import pandas as pd

from data.ingest.derive_wards import check_derived_totals
from data.ingest.report import BuildReport

# What the real raw folder must give (the counts); fixtures pass their own expectations.
REAL_DATA_EXPECT = {"areas": {"ward_2023": 21, "ward_2022": 21, "lsoa_2011": 138, "lsoa_2021": 139,
                              "msoa_2011": 28, "msoa_2021": 28},
                    "min_indicators": 40, "min_themes": 8, "min_multi_period": 20}


def run_checks(tables: dict[str, pd.DataFrame], geometry: dict, catalog: dict, report: BuildReport,
               expect: dict) -> None:
    """Record each check in the report."""
    values, areas, indicators = tables["values"], tables["areas"], tables["indicators"]
    key = ["indicator_id", "level", "area_code", "period", "breakdown"]
    report.check("unique value keys", not values.duplicated(key).any())
    report.check("area keys unique", not areas.duplicated(["area_code", "level"]).any())
    known = set(zip(areas["area_code"], areas["level"], strict=True))
    orphans = sum((c, lv) not in known for c, lv in zip(values["area_code"], values["level"], strict=True))
    report.check("every value's area is known", orphans == 0, f"{orphans} orphan rows")
    report.check("every value's indicator is catalogued", values["indicator_id"].isin(catalog).all())
    report.check("every period parsed", values["period_start"].notna().all())
    report.check("no values without a value or suppression flag",
                 not (values["value"].isna() & ~values["suppressed"]).any())
    bad_ci = (values["lower_ci"] > values["value"] + 1e-9) | (values["upper_ci"] < values["value"] - 1e-9)
    report.check("intervals contain their value", not bad_ci.any(), f"{int(bad_ci.sum())} rows")
    check_derived_totals(values, report)
    for level, collection in geometry.items():
        codes = {f["id"] for f in collection["features"]}
        missing = codes - set(areas.loc[areas["level"] == level, "area_code"])
        report.check(f"geometry {level} matches areas", not missing, ", ".join(sorted(missing)))
    for level, n in expect.get("areas", {}).items():
        got = int((areas["level"] == level).sum())
        report.check(f"{n} areas at {level}", got == n, f"found {got}")
    if "min_indicators" in expect:
        report.check(f"at least {expect['min_indicators']} indicators", len(indicators) >= expect["min_indicators"],
                     f"found {len(indicators)}")
    if "min_themes" in expect:
        themes = indicators["theme"].nunique() if len(indicators) else 0
        report.check(f"at least {expect['min_themes']} themes", themes >= expect["min_themes"], f"found {themes}")
    if "min_multi_period" in expect:
        multi = int((indicators["n_periods"] >= 3).sum()) if len(indicators) else 0
        report.check(f"at least {expect['min_multi_period']} indicators with 3+ periods",
                     multi >= expect["min_multi_period"], f"found {multi}")
