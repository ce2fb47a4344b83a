"""Partner batches' rows (the parquet kept beside each upload), read for the signed-in /partner page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from config import state_dir
from queries import db
from queries.errors import QueryError


def _rows_file(batch_folder: Path) -> str:
    """The batch's rows.parquet, refused unless it lies inside the state folder's batches/ (never a path from
    a request)."""
    root = (state_dir() / "batches").resolve()
    path = (Path(batch_folder) / "rows.parquet").resolve()
    if root not in path.parents or not path.is_file():
        raise QueryError(f"No rows for batch {Path(batch_folder).name!r}.")
    return str(path)


def partner_batch_rows(batch_folder: Path) -> pd.DataFrame:
    """Every row of one batch as uploaded (before disclosure control).

    Columns: indicator_id, area_code, area_name, level, period, breakdown, value, lower_ci, upper_ci, numerator,
    denominator.
    """
    return db.frame("partner_batch_rows", path=_rows_file(batch_folder))


def partner_batch_summary(batch_folder: Path, threshold: int) -> pd.DataFrame:
    """One batch's rows counted by indicator, level and period.

    Columns: indicator_id, level, period, n_rows, n_values, n_small (counts below `threshold`).
    """
    return db.frame("partner_batch_summary", path=_rows_file(batch_folder), threshold=float(threshold))
