"""The release each value comes from, where one series joins releases of the same dashboard figures.

The council's dashboards were published in vintages (SOURCES.md groups I, J, K). Where an area's series of an
indicator takes some periods from one vintage and others from another (CO2: 2011 from the 2019/20 dashboard,
2012 on from the 2025/26 themes dashboard), every value of that series carries its release, so a chart can mark
the join; series from one release keep none.
"""

from __future__ import annotations

import pandas as pd

# Raw folder -> the release its figures are, in words.
RELEASES = {
    "tdl_dashboard": "2019/20 corporate dashboard release",
    "tdl_corporate_plan": "2021-2024 corporate plan dashboard release",
    "tdl_trafford_themes": "2025/26 themes dashboard release",
}
SERIES = ["indicator_id", "level", "area_code", "breakdown"]


def mark_releases(values: pd.DataFrame) -> pd.DataFrame:
    """`release` set on every value of a series whose values come from more than one release."""
    folder = values["source_path"].astype("string").str.split("/", n=1).str[0]
    release = folder.map(RELEASES)
    known = release.notna()
    if not known.any():
        return values
    n = release.where(known).groupby([values[c] for c in SERIES], dropna=False).transform("nunique")
    joined = known & (n > 1)
    out = values.copy()
    out["release"] = release.where(joined).astype("string")
    return out
