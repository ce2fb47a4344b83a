"""The coverage table every query checks its arguments against: the same rows as counting the values, and a store
built before the table existed still answers (from the values)."""

import shutil

import pandas as pd

from queries import catalog_cache, db


def _from_values(indicator: str) -> pd.DataFrame:
    return db.frame_text("""SELECT level, period, breakdown, MIN(period_start) AS period_start, COUNT(*) AS n_areas
                            FROM values_t WHERE indicator_id = $indicator GROUP BY ALL
                            ORDER BY level, period_start, breakdown""", indicator=indicator)


def test_coverage_matches_counting_the_values(seeded_store):
    for indicator in catalog_cache.indicators().index:
        got = catalog_cache.coverage(indicator).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, _from_values(indicator), check_dtype=False)


def test_a_store_without_the_coverage_table_still_answers(seeded_store_path, tmp_path, monkeypatch):
    old = tmp_path / "old-store"
    shutil.copytree(seeded_store_path, old)
    (old / "coverage.parquet").unlink()
    monkeypatch.setenv("OBSERVATORY_STORE", str(old))
    db.reset()
    try:
        cov = catalog_cache.coverage("smoking")
        assert len(cov) and set(cov.columns) == {"level", "period", "breakdown", "period_start", "n_areas"}
        pd.testing.assert_frame_equal(cov.reset_index(drop=True), _from_values("smoking"), check_dtype=False)
    finally:
        db.reset()
