"""Choropleth styling through its hideout dict and legend items."""

import numpy as np
import pandas as pd

from components.choropleth import map_styling


def rows(values, suppressed):
    return pd.DataFrame({"area_code": [f"E0{i}" for i in range(len(values))], "area_name": list("abcdef"[: len(values)]),
                         "value": values, "lower_ci": np.nan, "upper_ci": np.nan, "judgement": "not_compared",
                         "suppressed": pd.array(suppressed, dtype="boolean")})


def test_areas_with_no_row_at_all_are_no_data_not_an_error():
    hideout, legend = map_styling(rows([1.0, 2.0, np.nan, np.nan], [False, False, True, pd.NA]), "quantiles", "%",
                                  "percentage", "England")
    assert set(hideout["colours"]) == {"E00", "E01"}
    assert "suppressed" in hideout["labels"]["E02"] and "no data" in hideout["labels"]["E03"]
    assert legend[-1]["label"].startswith("No data") and legend[-1]["count"] == 2


def test_quantile_legend_counts_every_valued_area():
    _, legend = map_styling(rows([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [False] * 6), "quantiles", "%", "percentage", "England")
    assert sum(item["count"] for item in legend) == 6
