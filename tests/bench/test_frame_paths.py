"""queries.db converts big results through Arrow (MANY_ROWS): the frames must equal DuckDB's .df() exactly."""

from __future__ import annotations

import pandas as pd
import pytest

from bench import synthetic

LEVELS = ["lsoa_2021", "ward_2023", "msoa_2021", "la", "region", "england", "combined_authority", "lsoa_2011"]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    return synthetic.build(tmp_path_factory.mktemp("bench") / "store", synthetic.Params(rows=20_000))


def _calls(store) -> list[tuple[str, dict]]:
    inds = pd.read_parquet(store / "indicators.parquet")
    calls = [("areas_all", {})]
    for level in LEVELS + ["nope"]:
        for ind, periods in zip(inds["indicator_id"].head(4), inds["periods"].head(4), strict=True):
            for period in (list(periods)[-1], "1066"):  # a period with values, and one without (all NULL)
                for breakdown in ("Persons", "Female"):
                    calls.append(("level_values", {"indicator": ind, "level": level, "period": period,
                                                   "breakdown": breakdown, "file": None}))
                calls.append(("level_values_within", {"indicator": ind, "level": level, "period": period,
                                                      "breakdown": "Persons", "parent": "E08000009", "file": None}))
    return calls


@pytest.mark.parametrize("which", ["seeded", "synthetic"])
def test_arrow_path_equals_df(which, seeded_store_path, small_store, monkeypatch):
    from queries import db

    store = seeded_store_path if which == "seeded" else small_store
    monkeypatch.setenv("OBSERVATORY_STORE", str(store))
    db.reset()
    try:
        for name, params in _calls(store):
            assert name in db.MANY_ROWS
            cur = db.connect().cursor()
            expected = cur.execute(db.sql(name), params).df()
            got = db._arrow_frame(cur, cur.execute(db.sql(name), params))
            cur.close()
            pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=f"{name} {params}")
    finally:
        db.reset()
