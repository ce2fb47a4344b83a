"""Similar areas: standardised distance, missing values, exclusions and the 'alike on' list."""

import numpy as np
import pandas as pd
import pytest

from analysis.similarity import similar_areas, standardise


def frame():
    return pd.DataFrame(
        {"a": [1.0, 2.0, 3.0, 10.0, 2.1], "b": [100.0, 200.0, 300.0, 150.0, 205.0],
         "flat": [5.0] * 5},
        index=["E1", "E2", "E3", "E4", "E5"],
    )


def test_distance_matches_numpy_zscores():
    m = frame()
    out = similar_areas(m, "E2", n=4)
    x = m[["a", "b"]].to_numpy()
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    want = {c: float(np.linalg.norm(z[i] - z[1])) for i, c in enumerate(m.index) if c != "E2"}
    assert list(out.columns[:3]) == ["area_code", "distance", "alike_on"]
    assert out["area_code"].tolist() == sorted(want, key=want.get)
    for code, d in zip(out["area_code"], out["distance"], strict=True):
        assert d == pytest.approx(want[code], rel=1e-12)


def test_flat_column_dropped_and_nearest_first():
    out = similar_areas(frame(), "E2", n=2)
    assert out["area_code"].tolist()[0] == "E5"
    assert "flat" not in standardise(frame()).columns
    assert all("flat" not in a for a in out["alike_on"])
    assert len(out) == 2 and out["distance"].is_monotonic_increasing


def test_exclude_and_target_never_listed():
    out = similar_areas(frame(), "E2", n=10, exclude=["E5"])
    assert "E2" not in out["area_code"].tolist() and "E5" not in out["area_code"].tolist()
    assert len(out) == 3


def test_missing_value_scales_over_shared_columns():
    m = frame()
    m.loc["E5", "b"] = np.nan
    out = similar_areas(m, "E2", n=4).set_index("area_code")
    z = standardise(m)
    # E5 is compared on 'a' only, scaled up to two columns
    want = abs(z.at["E5", "a"] - z.at["E2", "a"]) * np.sqrt(2)
    assert out.at["E5", "distance"] == pytest.approx(want)
    assert out.at["E5", "shared"] == 1 and out.at["E5", "alike_on"] == ["a"]


def test_target_missing_a_column_ignores_it():
    m = frame()
    m.loc["E2", "b"] = np.nan
    out = similar_areas(m, "E2", n=4)
    assert all(a == ["a"] for a in out["alike_on"])


def test_alike_on_orders_by_closeness():
    m = pd.DataFrame({"x": [0.0, 0.0, 5.0], "y": [0.0, 3.0, 1.0], "z": [0.0, 1.0, 9.0]},
                     index=["T", "U", "V"])
    out = similar_areas(m, "T", n=2, alike=2).set_index("area_code")
    assert out.at["U", "alike_on"] == ["x", "z"]


def test_unknown_target_raises_clear_error():
    with pytest.raises(ValueError, match="not in the comparison matrix"):
        similar_areas(frame(), "NOPE")


def test_no_usable_columns_gives_empty_frame():
    m = pd.DataFrame({"flat": [1.0, 1.0]}, index=["A", "B"])
    out = similar_areas(m, "A")
    assert out.empty and list(out.columns[:3]) == ["area_code", "distance", "alike_on"]


def test_min_shared_filters_sparse_areas():
    m = frame()
    m.loc["E5", "b"] = np.nan
    out = similar_areas(m, "E2", n=4, min_shared=2)
    assert "E5" not in out["area_code"].tolist()
