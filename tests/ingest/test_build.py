"""The build on a tiny raw folder: messy rows reported, checks enforced, a failed build changing nothing."""

from __future__ import annotations

import json
import types

import numpy as np
import pandas as pd
import pytest
import yaml

import data.ingest.build as build
from data.ingest.areas import AREA_COLUMNS

CATALOG = [{"id": "test_share", "name": "Test share", "theme": "health", "definition": "A share.", "unit": "%",
            "value_type": "percentage", "multiplier": 100, "polarity": "low_is_good", "ci_method": "wilson",
            "publisher": "Test", "licence": "Open Government Licence v3.0", "source_url": None}]
AREAS = pd.DataFrame([
    {"area_code": "E92000001", "level": "england", "area_name": "England"},
    {"area_code": "E08000009", "level": "la", "area_name": "Trafford", "parent_code": "E92000001", "parent_level": "england"},
    {"area_code": "E05015239", "level": "ward_2023", "area_name": "Altrincham", "parent_code": "E08000009", "parent_level": "la"},
]).reindex(columns=AREA_COLUMNS).assign(derived_parent=False)
GOOD_ROWS = [
    ("test_share", "E05015239", "ward_2023", "2011 to 2015", 10, 100, 2),
    ("test_share", "E05015239", "ward_2023", "2011-2015", 10, 100, 3),      # same figure, other spelling
    ("test_share", "E08000009", "la", "2011 - 15", "1,000", 10000, 4),
    ("test_share", "E92000001", "england", "2011 - 15", 150000, 1000000, 5),
]
MESSY_ROWS = [
    ("unknown_ind", "E05015239", "ward_2023", "2016", 1, 10, 6),
    ("test_share", "E05099999", "ward_2023", "2016", 1, 10, 7),
    ("test_share", "E05015239", "ward_2023", "sometime", 1, 10, 8),
    ("test_share", "E05015239", "ward_2023", "2017", 20, 10, 9),             # numerator above denominator
    ("test_share", "E05015239", "ward_2023", "2018", "NA", "NA", 10),
    ("test_share", "E06000001", "la", "2011 - 15", 5, 50, 11),                # a new comparator LA
]


def module(rows, name="testsrc", fail=False):
    """A source module yielding the given rows."""
    def load(ctx):
        if fail:
            raise RuntimeError("module broke")
        df = pd.DataFrame(rows, columns=["indicator_id", "area_code", "level", "period", "numerator", "denominator",
                                         "source_row"])
        df["numerator"] = ctx.number(df["numerator"].astype(str))
        df["denominator"] = ctx.number(df["denominator"].astype(str))
        return df.assign(value=np.nan, source_path="test/file.csv", area_name="Hartlepool")
    return types.SimpleNamespace(__name__=f"sources.{name}", CATALOG=name, load=load)


@pytest.fixture()
def env(tmp_path, monkeypatch):
    catalog_dir = tmp_path / "catalog"
    catalog_dir.mkdir()
    (catalog_dir / "testsrc.yaml").write_text(yaml.safe_dump(CATALOG))
    monkeypatch.setattr("data.ingest.catalog.CATALOG_DIR", catalog_dir)
    geometry = {"ward_2023": {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "E05015239", "properties": {}, "geometry": {"type": "Point", "coordinates": [-2.3, 53.4]}}]}}
    monkeypatch.setattr(build, "build_areas", lambda ctx: (AREAS.copy(), pd.DataFrame(), geometry))
    monkeypatch.setattr(build, "build_points", lambda ctx: pd.DataFrame({"point_id": ["p-0"], "name": ["x"]}))
    raw = tmp_path / "raw"
    raw.mkdir()
    return raw, tmp_path / "store"


def test_good_build_writes_store_and_canonical_periods(env):
    raw, store = env
    result = build.build_store(raw, store, modules=[module(GOOD_ROWS)])
    assert result.ok and (store / "VERSION").read_text().strip() == result.content_hash
    values = pd.read_parquet(store / "values")
    ward = values[values["area_code"] == "E05015239"]
    assert list(ward["period"]) == ["2011 - 15"]  # two spellings, one row
    assert ward["value"].iloc[0] == pytest.approx(10.0)
    assert 0 < ward["lower_ci"].iloc[0] < 10 < ward["upper_ci"].iloc[0]
    assert values.loc[values["area_code"] == "E08000009", "numerator"].iloc[0] == 1000  # thousands separator
    assert {"indicators.parquet", "areas.parquet", "periods.parquet", "sources.parquet", "stats.parquet",
            "geometry", "latest", "values"} <= {p.name for p in store.iterdir()}


def test_messy_rows_are_rejected_with_file_row_and_reason(env):
    raw, store = env
    result = build.build_store(raw, store, modules=[module(GOOD_ROWS + MESSY_ROWS)])
    assert result.ok
    report = json.loads(result.report_path.read_text())
    reasons = {(r["row"], r["reason"].split(" ")[0]) for r in report["rejections"]}
    assert (6, "indicator") in reasons and (7, "unknown") in reasons and (8, "period") in reasons
    assert (9, "impossible") in reasons
    assert any("have no value" in r["reason"] for r in report["rejections"])
    assert any("comparator area E06000001" in f["reason"] for f in report["fixes"])
    assert any("same figure given twice" in f["reason"] for f in report["fixes"])


def test_same_inputs_give_the_same_content_hash(env):
    raw, store = env
    first = build.build_store(raw, store, modules=[module(GOOD_ROWS)]).content_hash
    second = build.build_store(raw, store, modules=[module(GOOD_ROWS)]).content_hash
    assert first == second


def test_failed_check_leaves_the_previous_store_untouched(env):
    raw, store = env
    good = build.build_store(raw, store, modules=[module(GOOD_ROWS)])
    before = sorted(p.name for p in store.rglob("*"))
    failed = build.build_store(raw, store, modules=[module(GOOD_ROWS[:1])], expect={"min_indicators": 5})
    assert not failed.ok and "at least 5 indicators" in failed.summary["error"]
    assert (store / "VERSION").read_text().strip() == good.content_hash
    assert sorted(p.name for p in store.rglob("*")) == before
    assert len(list((store.parent / ".store-versions").iterdir())) == 1  # the failed version was discarded


def test_crashing_module_leaves_the_previous_store_untouched(env):
    raw, store = env
    good = build.build_store(raw, store, modules=[module(GOOD_ROWS)])
    with pytest.raises(RuntimeError, match="module broke"):
        build.build_store(raw, store, modules=[module(GOOD_ROWS, fail=True)])
    assert (store / "VERSION").read_text().strip() == good.content_hash


def test_latest_of_cumulative_periods_is_the_one_ending_last():
    from data.ingest.summaries import latest_table

    rows = pd.DataFrame({"indicator_id": ["x"] * 3, "level": ["la"] * 3, "area_code": ["E08000009"] * 3,
                         "period": ["A", "B", "C"], "value": [1.0, 2.0, 3.0],
                         "period_start": pd.to_datetime(["2021-04-01", "2021-04-01", "2020-01-01"]),
                         "period_end": pd.to_datetime(["2023-03-31", "2025-03-31", "2025-12-31"])})
    assert latest_table(rows)["period"].tolist() == ["B"]


def test_row_groups_hold_whole_runs(tmp_path):
    import pandas as pd
    import pyarrow.parquet as pq

    from data.ingest.writer import write_runs

    # runs of 3, 3, 5 and 2 rows; row groups of at most 6: [3+3], [5], [2] — none split
    frame = pd.DataFrame({"k": list("aaabbbccccc") + ["d", "d"], "v": range(13)})
    write_runs(frame, tmp_path / "t.parquet", ["k"], row_group=6)
    meta = pq.ParquetFile(tmp_path / "t.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [6, 5, 2]
    # a run longer than a row group is one row group of its own
    frame = pd.DataFrame({"k": ["a"] * 9 + ["b"], "v": range(10)})
    write_runs(frame, tmp_path / "u.parquet", ["k"], row_group=4)
    meta = pq.ParquetFile(tmp_path / "u.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [9, 1]
    assert pd.read_parquet(tmp_path / "u.parquet").equals(frame)
