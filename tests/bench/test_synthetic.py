"""The benchmark's synthetic store, at a small scale: the schema the query layer expects, sorted, row-grouped.

No timings are asserted here (the machine is shared); only that the store and the harness work.
"""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from bench import arguments, synthetic, worker
from data.schema import BY_AREA_SORT, LATEST_COMPARATORS, VALUE_COLUMNS, VALUE_SORT, indicator_bucket

ROWS = 20_000


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    return synthetic.build(tmp_path_factory.mktemp("bench") / "store", synthetic.Params(rows=ROWS))


@pytest.fixture()
def on_small_store(small_store, monkeypatch):
    from queries import db

    monkeypatch.setenv("OBSERVATORY_STORE", str(small_store))
    db.reset()
    yield small_store
    db.reset()


def _lsoa_indicator(store) -> tuple[str, list[str]]:
    inds = pd.read_parquet(store / "indicators.parquet")
    row = inds[inds["levels"].map(lambda lv: "lsoa_2021" in list(lv))].iloc[0]
    return row["indicator_id"], list(row["periods"])


def test_store_has_every_table_and_the_values_schema(small_store):
    for name in ("VERSION", "params.json", "indicators.parquet", "areas.parquet", "area_links.parquet",
                 "periods.parquet", "points.parquet", "sources.parquet", "stats.parquet"):
        assert (small_store / name).exists(), name
    params = json.loads((small_store / "params.json").read_text())
    files = sorted((small_store / "values").glob("level=*/part-*.parquet"))
    assert {f.parent.name for f in files} >= {"level=lsoa_2021", "level=ward_2023", "level=la", "level=england"}
    assert all(f.stem == f"part-{indicator_bucket(i)}" for f in files
               for i in pd.read_parquet(f, columns=["indicator_id"])["indicator_id"].unique())
    assert sum(pq.ParquetFile(f).metadata.num_rows for f in files) == params["value_rows"]
    expected = [c for c in VALUE_COLUMNS if c != "level"]
    by_area = sorted((small_store / "values_by_area").glob("level=*/bucket=*/part-0.parquet"))
    assert sorted({f.parent.parent.name for f in by_area}) == sorted({f.parent.name for f in files})
    assert all(pd.read_parquet(f, columns=["area_code"])["area_code"].str[:6].eq(f.parent.name[7:]).all()
               for f in by_area)
    for f in files + by_area:
        assert pq.read_schema(f).names == expected, f
    benchmarks = [f"{prefix}_{c}" for _, _, prefix in LATEST_COMPARATORS for c in ("value", "lower", "upper")]
    for f in sorted((small_store / "latest").glob("level=*/part-0.parquet")):
        assert pq.read_schema(f).names == expected + benchmarks, f
    for f, sort in [(f, VALUE_SORT) for f in files] + [(f, BY_AREA_SORT) for f in by_area]:  # as the writer sorts
        frame = pd.read_parquet(f, columns=sort)
        assert frame.equals(frame.sort_values(sort, kind="stable").reset_index(drop=True)), f


def test_rebuild_is_skipped_for_the_same_parameters(small_store):
    before = (small_store / "VERSION").stat().st_mtime_ns
    assert synthetic.build(small_store, synthetic.Params(rows=ROWS)) == small_store
    assert (small_store / "VERSION").stat().st_mtime_ns == before
    assert not synthetic.is_built(small_store, synthetic.Params(rows=ROWS, seed=2))


def test_row_groups_hold_whole_maps(tmp_path):
    store = synthetic.build(tmp_path / "store", synthetic.Params(rows=ROWS, row_group=4_000))
    n_lsoa = int((pd.read_parquet(store / "areas.parquet")["level"] == "lsoa_2021").sum())
    size = synthetic.whole_runs(4_000, n_lsoa)
    assert size % n_lsoa == 0 and n_lsoa < size <= 4_000
    for path in (store / "values" / "level=lsoa_2021").glob("part-*.parquet"):
        meta = pq.ParquetFile(path).metadata
        sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
        assert set(sizes[:-1]) <= {size} and sizes[-1] <= size and all(n % n_lsoa == 0 for n in sizes)


def test_queries_run_and_return_the_expected_shapes(on_small_store):
    import queries as q

    store = on_small_store
    areas = pd.read_parquet(store / "areas.parquet")
    lsoas = areas[areas["level"] == "lsoa_2021"]
    ind, periods = _lsoa_indicator(store)

    rows = q.level_values(ind, "lsoa_2021", periods[-1])
    assert len(rows) == len(lsoas) and set(rows["area_code"]) == set(lsoas["area_code"])
    assert {"area_name", "value", "lower_ci", "upper_ci", "numerator", "denominator", "suppressed"} <= set(rows.columns)

    lsoa = lsoas.iloc[len(lsoas) // 2]
    series = q.area_series(ind, lsoa["area_code"], "lsoa_2021")
    chain = list(dict.fromkeys(series["area_code"]))
    assert chain[0] == lsoa["area_code"] and chain[1] == lsoa["parent_code"] and chain[-1] == "E92000001"
    assert len(chain) == 5  # LSOA, ward, authority, region, England
    assert series.groupby("area_code").size().max() == len(periods)

    latest = q.area_latest(lsoa["area_code"], "lsoa_2021")
    n_lsoa_inds = pd.read_parquet(store / "indicators.parquet")["levels"].map(lambda lv: "lsoa_2021" in list(lv)).sum()
    assert len(latest) == n_lsoa_inds
    assert latest["england_value"].notna().all() and latest["trafford_value"].notna().all()

    rank = q.area_rank(ind, lsoa["area_code"], "lsoa_2021", periods[-1])
    siblings = (lsoas["parent_code"] == lsoa["parent_code"]).sum()
    assert rank["n"] <= siblings and (rank["rank"] is None or 1 <= rank["rank"] <= rank["n"])

    stats = q.level_stats(ind, "lsoa_2021", periods[-1])
    assert stats["n"] == rows["value"].notna().sum()
    assert stats["min"] == rows["value"].min() and stats["max"] == rows["value"].max()
    assert len(q.indicators()) == len(pd.read_parquet(store / "indicators.parquet"))
    assert len(q.children(lsoa["parent_code"])) == (lsoas["parent_code"] == lsoa["parent_code"]).sum()


def test_bench_workers_run_on_the_small_store(on_small_store):
    spec = arguments.pick(on_small_store, reps=2, seed=3)
    assert spec["levels"] == {"map": "lsoa_2021", "rank": "ward_2023"}
    warm = worker.run_queries(spec)
    assert set(warm["times_ms"]) == set(arguments.FUNCTIONS) and all(len(v) == 2 for v in warm["times_ms"].values())
    base = worker.run_pandas(spec)
    assert set(base["times_ms"]) == {"level_values", "area_series"}
    assert base["result_rows"]["area_series"] == warm["result_rows"]["area_series"]
    assert base["result_rows"]["level_values"] == warm["result_rows"]["level_values"]


def test_a_level_can_be_split_into_files_of_n_row_groups(tmp_path, monkeypatch):
    store = synthetic.build(tmp_path / "store", synthetic.Params(rows=ROWS, row_group=1_000, file_row_groups=3))
    parts = list((store / "values" / "level=lsoa_2021").glob("part-*.parquet"))
    assert len(parts) > 2
    assert all(pq.ParquetFile(p).metadata.num_row_groups <= 3 for p in parts)
    by_bucket: dict[str, list] = {}  # part-i07.parquet, part-i07-1.parquet, ...: one bucket's files in order
    for p in parts:
        bucket, _, k = p.stem[5:].partition("-")
        by_bucket.setdefault(bucket, []).append((int(k or 0), p))
    for files in by_bucket.values():
        frame = pd.concat([pd.read_parquet(p, columns=VALUE_SORT) for _, p in sorted(files)], ignore_index=True)
        assert frame.equals(frame.sort_values(VALUE_SORT, kind="stable").reset_index(drop=True))
    from queries import db

    monkeypatch.setenv("OBSERVATORY_STORE", str(store))
    db.reset()
    try:
        import queries as q

        ind, periods = _lsoa_indicator(store)
        assert len(q.level_values(ind, "lsoa_2021", periods[0])) == (pd.read_parquet(store / "areas.parquet")["level"]
                                                                     == "lsoa_2021").sum()
    finally:
        db.reset()
